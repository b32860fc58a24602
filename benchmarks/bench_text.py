"""Throughput of the Arabic text layer: normalise + tokenise + split sentences, on one core.

    .venv/bin/python benchmarks/bench_text.py [--mb 5] [--corpus DIR]

The corpus is the dev articles in ../shared/corpus/dev (falling back to samples/), each
article processed on its own as the pipeline does, the set repeated until it holds at
least --mb megabytes of UTF-8. Prints MB/s for each step and all three together, and
the peak memory: Python allocations (tracemalloc, in a second, traced pass) and the
process's peak resident size. Figures, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

from rawi.arabic import normalize, split_sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def load(corpus: Path, mb: float) -> tuple[list[str], int]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt articles in {corpus}")
    base = sum(len(t.encode("utf-8")) for t in texts)
    reps = max(1, int(mb * 1024 * 1024 / base) + 1)
    return texts * reps, base * reps


def run(docs: list[str], steps: str = "nts") -> None:
    for t in docs:
        if "n" in steps:
            normalize(t)
        if "t" in steps:
            tokenize(t)
        if "s" in steps:
            split_sentences(t)


def timed(docs: list[str], steps: str) -> float:
    t0 = time.perf_counter()
    run(docs, steps)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--corpus", type=Path, default=DEV if DEV.is_dir() else ROOT / "samples")
    args = ap.parse_args()
    docs, nbytes = load(args.corpus, args.mb)
    mb = nbytes / 1024 / 1024
    run(docs[:50])  # warm the caches (lexicons, compiled patterns)
    print(f"corpus: {args.corpus} ({len(docs)} articles, {mb:.2f} MB UTF-8, {sum(map(len, docs)):,} chars)")
    for name, steps in (("normalize", "n"), ("tokenize", "t"), ("split_sentences", "s"), ("all three", "nts")):
        secs = timed(docs, steps)
        print(f"{name:16s} {mb / secs:7.2f} MB/s  ({secs:.2f} s)")
    tracemalloc.start()
    run(docs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak / 1024 / 1024:.1f} MB traced Python allocations; {rss:.0f} MB peak RSS "
          f"(corpus held in memory included)")


if __name__ == "__main__":
    main()
