"""Per-article time and per-stage share of the whole ``rawi extract`` pipeline, on one core.

    .venv/bin/python benchmarks/bench_pipeline.py [--rounds 5] [--big-mb 5] [--no-pin]

Inputs: the dev corpus (../shared/corpus/dev/*.txt) and the founding article. Each article
goes through what ``rawi extract`` does per input (``rawi.extract.extract_one``: ingest,
every pipeline stage, ``validate``) plus the JSON it prints (``to_json``); the same steps
are also timed one by one for the per-stage share. A first untimed pass loads the models
and word lists (its time is printed as the cold start); then ``--rounds`` timed passes.
Prints per-article median, p95 and max (ms), the stage shares, the peak memory (process
peak RSS, and tracemalloc's peak for one article), and a big repeated-text article
(``--big-mb``, 0 to skip) with its stage times. The process is pinned to one CPU unless
``--no-pin``. Prints figures only; asserts nothing. The machine is shared: note the load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def articles() -> list[Path]:
    dev = sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    founding = ROOT / "samples" / "palace-leaks.txt"
    if not founding.exists():
        founding = SHARED / "corpus" / "palace-leaks.txt"
    return [*dev, founding]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(q * (len(xs) - 1))))
    return xs[k]


def staged(doc_source, load, stages, settings) -> tuple[dict[str, float], int]:
    """Seconds per step for one article: ingest, each stage, validate, to_json."""
    t: dict[str, float] = {}
    a = time.perf_counter()
    doc = load(doc_source)
    t["ingest"] = time.perf_counter() - a
    for name, fn in stages:
        a = time.perf_counter()
        fn(doc, settings)
        t[name] = time.perf_counter() - a
    a = time.perf_counter()
    doc.validate()
    t["validate"] = time.perf_counter() - a
    a = time.perf_counter()
    doc.to_json()
    t["to_json"] = time.perf_counter() - a
    return t, len(doc.text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--big-mb", type=float, default=5.0)
    ap.add_argument("--no-pin", action="store_true")
    args = ap.parse_args()
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        print(f"pinned to CPU {cpu}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; python {sys.version.split()[0]}")

    from rawi.extract import Input, extract_one
    from rawi.ingest import load_bytes, load_path
    from rawi.pipeline import STAGES, _load
    from rawi.settings import DEFAULT

    stages = [(name, _load(target)) for name, target in STAGES]
    paths = articles()
    sizes = [p.stat().st_size for p in paths]
    print(f"{len(paths)} articles, {sum(sizes) / 1024:.0f} KiB, median {statistics.median(sizes) / 1024:.1f} KiB")

    a = time.perf_counter()
    for p in paths:
        extract_one(Input(source=str(p), path=str(p))).to_json()
    print(f"cold start (first pass, models and word lists loading): {time.perf_counter() - a:.2f} s; "
          f"peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    # the whole call as `rawi extract` makes it, per article
    whole: list[float] = []
    for _ in range(args.rounds):
        for p in paths:
            a = time.perf_counter()
            extract_one(Input(source=str(p), path=str(p))).to_json()
            whole.append((time.perf_counter() - a) * 1000)
    print(f"\nper article, extract_one + to_json ({len(whole)} runs = {args.rounds} rounds x {len(paths)}):")
    print(f"  median {statistics.median(whole):.1f} ms   p95 {pct(whole, 0.95):.1f} ms   "
          f"max {max(whole):.1f} ms   mean {statistics.fmean(whole):.1f} ms   "
          f"-> {1000 / statistics.fmean(whole):.0f} articles/s on one core")

    # the same steps one by one: each step's share of the time
    totals: dict[str, float] = {}
    per_doc: list[tuple[float, str]] = []
    chars = 0
    for _ in range(args.rounds):
        for p in paths:
            t, n = staged(p, load_path, stages, DEFAULT)
            chars += n
            for k, v in t.items():
                totals[k] = totals.get(k, 0.0) + v
            per_doc.append((sum(t.values()) * 1000, p.name))
    grand = sum(totals.values())
    print("\nper-stage share (same runs, stage by stage):")
    for k, v in totals.items():
        print(f"  {k:<9} {v / len(per_doc) * 1000:7.2f} ms/article  {100 * v / grand:5.1f} %")
    print(f"  {'total':<9} {grand / len(per_doc) * 1000:7.2f} ms/article  "
          f"({grand / chars * 1e6:.1f} µs per character)")
    slowest = max(per_doc)
    print(f"  slowest article: {slowest[1]} {slowest[0]:.1f} ms")

    biggest = max(paths, key=lambda p: p.stat().st_size)
    tracemalloc.start()
    extract_one(Input(source=str(biggest), path=str(biggest))).to_json()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak memory: process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB "
          f"(interpreter, models, word lists); tracemalloc peak for the largest article "
          f"({biggest.name}, {biggest.stat().st_size / 1024:.0f} KiB): {peak / 2**20:.1f} MiB")

    if args.big_mb > 0:
        founding = paths[-1].read_text(encoding="utf-8") + "\n\n"
        unit = founding.encode()
        data = unit * (int(args.big_mb * 1024 * 1024) // len(unit) + 1)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t, n = staged(data, lambda d: load_bytes(d, name="big.txt"), stages, DEFAULT)
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"\nbig article: the founding article repeated to {len(data) / 2**20:.1f} MB ({n:,} characters): "
              f"{sum(t.values()):.2f} s")
        print("  " + "  ".join(f"{k} {v:.2f} s" for k, v in t.items()))
        print(f"  peak RSS {rss1 / 1024:.0f} MiB (+{(rss1 - rss0) / 1024:.0f} MiB over the corpus runs)")


if __name__ == "__main__":
    main()
