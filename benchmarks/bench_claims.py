"""Time of the pipeline over the dev corpus with and without the claims stage.

    .venv/bin/python benchmarks/bench_claims.py [CORPUS_DIR] [--repeat N]

Loads every *.txt of the corpus once, then runs ``rawi.pipeline.process`` over fresh
copies of the documents with all stages, and with all stages but claims
(``Settings(stages=...)``), alternating, best of N rounds each. Times are CPU time of this
process (``time.process_time``), which a machine shared with other jobs disturbs less than
wall-clock time; the wall-clock ratio is printed too. Later stages read the claims (events
links events to them), so the full-pipeline ratio also holds their change of work; the
stages up to claims with and without it, and the claims stage timed alone, are printed
too.
"""

from __future__ import annotations

import copy
import time

from _stage_bench import setup  # sibling module: benchmarks run as scripts

from rawi.pipeline import process
from rawi.settings import DEFAULT


def run(docs, settings) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to process fresh copies of ``docs``."""
    batch = [copy.deepcopy(d) for d in docs]
    c0, w0 = time.process_time(), time.perf_counter()
    for d in batch:
        process(d, settings)
    return time.process_time() - c0, time.perf_counter() - w0


def best(rounds: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in rounds), min(r[1] for r in rounds)


def main() -> None:
    a, docs, names = setup(__doc__, "claims", repeat=7)
    before = tuple(names[:names.index("claims")])
    settings = {
        "all": DEFAULT.replace(stages=tuple(names)),
        "all but claims": DEFAULT.replace(stages=tuple(n for n in names if n != "claims")),
        "up to claims": DEFAULT.replace(stages=(*before, "claims")),
        "before claims": DEFAULT.replace(stages=before),
    }
    run(docs[:3], settings["all"])  # warm caches: lexicons, models
    rounds: dict[str, list[tuple[float, float]]] = {k: [] for k in settings}
    for _ in range(a.repeat):
        for k, s in settings.items():
            rounds[k].append(run(docs, s))
    # the claims stage alone, over documents the stages before it have filled
    from rawi.claims import annotate

    ready = [process(copy.deepcopy(d), settings["before claims"]) for d in docs]
    alone = []
    for _ in range(a.repeat):
        batch = [copy.deepcopy(d) for d in ready]
        c0 = time.process_time()
        for d in batch:
            annotate(d, DEFAULT)
        alone.append(time.process_time() - c0)
    n_claims = sum(len(d.claims) for d in batch)
    b = {k: best(v) for k, v in rounds.items()}
    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} documents, {chars} characters, {n_claims} claims; stages {names}")
    print(f"CPU time, best of {a.repeat}:")
    print(f"  pipeline without claims: {b['all but claims'][0]:.3f} s")
    print(f"  pipeline with claims:    {b['all'][0]:.3f} s")
    print(f"  ratio with/without: {b['all'][0] / b['all but claims'][0]:.3f} "
          f"(+{100 * (b['all'][0] / b['all but claims'][0] - 1):.1f}%)")
    print(f"  stages {list(before)}: {b['before claims'][0]:.3f} s; + claims: {b['up to claims'][0]:.3f} s; "
          f"ratio {b['up to claims'][0] / b['before claims'][0]:.3f}")
    print(f"  claims stage alone: {min(alone):.3f} s, {1000 * min(alone) / len(docs):.2f} ms/document, "
          f"{100 * min(alone) / b['all but claims'][0]:.1f}% of the pipeline without claims")
    print(f"wall clock, best of {a.repeat}: without {b['all but claims'][1]:.3f} s, with {b['all'][1]:.3f} s, "
          f"ratio {b['all'][1] / b['all but claims'][1]:.3f}")


if __name__ == "__main__":
    main()
