"""Time of the pipeline over the dev corpus with and without the claims stage.

    .venv/bin/python benchmarks/bench_claims.py [CORPUS_DIR] [--repeat N]

Loads every *.txt of the corpus once, then runs ``rawi.pipeline.process`` over fresh
copies of the documents with all stages, and with all stages but claims
(``Settings(stages=...)``), alternating, best of N rounds each. Prints both times, the
claims stage's share and the ratio (with / without). Later stages read the claims (events
links events to them), so the full-pipeline ratio also holds their change of work; the
stages up to claims with and without it, and the claims stage timed alone, are printed
too.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

from rawi.ingest import load_path
from rawi.pipeline import process, stage_names
from rawi.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def run(docs, settings) -> float:
    t0 = time.perf_counter()
    for d in docs:
        process(copy.deepcopy(d), settings)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    files = sorted(Path(a.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"no *.txt under {a.corpus}")
    docs = [load_path(f) for f in files]
    names = stage_names()
    if "claims" not in names:
        sys.exit(f"claims is not a registered stage: {names}")
    with_c = DEFAULT.replace(stages=tuple(names))
    without = DEFAULT.replace(stages=tuple(n for n in names if n != "claims"))
    only = DEFAULT.replace(stages=tuple(n for n in names if n in ("entities", "time", "claims")))
    upto = DEFAULT.replace(stages=tuple(names[:names.index("claims")]))
    run(docs[:3], with_c)  # warm caches: lexicons, models
    t_with, t_without, t_only, t_upto = [], [], [], []
    for _ in range(a.repeat):
        t_without.append(run(docs, without))
        t_with.append(run(docs, with_c))
        t_upto.append(run(docs, upto))
        t_only.append(run(docs, only))
    best_with, best_without = min(t_with), min(t_without)
    # the claims stage alone, over documents the stages before it have filled
    before = names[:names.index("claims")]
    ready = [process(copy.deepcopy(d), DEFAULT.replace(stages=tuple(before))) for d in docs]
    from rawi.claims import annotate

    t_stage = []
    for _ in range(a.repeat):
        batch = [copy.deepcopy(d) for d in ready]
        t0 = time.perf_counter()
        for d in batch:
            annotate(d, DEFAULT)
        t_stage.append(time.perf_counter() - t0)
    n_claims = sum(len(process(copy.deepcopy(d), only).claims) for d in docs)
    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} documents, {chars} characters, {n_claims} claims; stages {names}")
    print(f"pipeline without claims: {best_without:.3f} s (best of {a.repeat})")
    print(f"pipeline with claims:    {best_with:.3f} s (best of {a.repeat})")
    print(f"claims stage: {best_with - best_without:.3f} s, "
          f"{1000 * (best_with - best_without) / len(docs):.1f} ms/document")
    print(f"claims stage alone (after {before}): {min(t_stage):.3f} s, "
          f"{1000 * min(t_stage) / len(docs):.1f} ms/document, "
          f"{100 * min(t_stage) / best_without:.1f}% of the pipeline without claims")
    print(f"stages before claims {upto.stages}: {min(t_upto):.3f} s; with claims: {min(t_only):.3f} s; "
          f"ratio {min(t_only) / min(t_upto):.3f}")
    print(f"ratio with/without: {best_with / best_without:.3f} (+{100 * (best_with / best_without - 1):.1f}%)")


if __name__ == "__main__":
    main()
