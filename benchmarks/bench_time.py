#!/usr/bin/env python3
"""Speed of rawi's time tagger against dateparser.search.search_dates, per document.

    .venv/bin/python benchmarks/bench_time.py [--shared ../shared] [--repeat 3]

Documents: the founding article and the dev corpus articles (../shared/corpus). Both tools
get the same text and the same anchor; each is timed over every document (best of
--repeat runs, interleaved, after one warm-up, so lexicon loading and compiling are not counted).
Prints per-document milliseconds and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rawi.time import tag  # noqa: E402


def docs(shared: Path) -> list[tuple[str, str]]:
    out = [("palace-leaks", (shared / "corpus" / "palace-leaks.txt").read_text(encoding="utf-8"))]
    for p in sorted((shared / "corpus" / "dev").glob("*.txt")):
        out.append((p.stem, p.read_text(encoding="utf-8")))
    return out


def best_of_both(f1, f2, text: str, repeat: int) -> tuple[float, float]:
    """Best time of each tool, their runs interleaved so that a busy machine slows both alike."""
    f1(text)
    f2(text)
    t1, t2 = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f1(text)
        t1.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        f2(text)
        t2.append(time.perf_counter() - t0)
    return min(t1), min(t2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--limit", type=int, default=20, help="at most N documents")
    args = ap.parse_args()
    from dateparser.search import search_dates

    anchor = dt.date(2026, 11, 29)
    base = dt.datetime.combine(anchor, dt.time())

    def rawi(text):
        return tag(text, anchor, anchor_kind="today")

    def dp(text):
        return search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base})

    total_r = total_d = 0.0
    rows = docs(args.shared)[:args.limit]
    print(f"{'document':40} {'chars':>7} {'rawi ms':>9} {'dateparser ms':>14} {'ratio':>7}")
    worst = None
    for name, text in rows:
        r, d = best_of_both(rawi, dp, text, args.repeat)
        total_r += r
        total_d += d
        ratio = d / r if r else float("inf")
        worst = ratio if worst is None else min(worst, ratio)
        print(f"{name[:40]:40} {len(text):7d} {1000 * r:9.2f} {1000 * d:14.2f} {ratio:7.1f}")
    print(f"\n{len(rows)} documents: rawi {1000 * total_r / len(rows):.2f} ms/doc, "
          f"dateparser {1000 * total_d / len(rows):.2f} ms/doc; overall {total_d / total_r:.1f}x, "
          f"slowest ratio {worst:.1f}x")


if __name__ == "__main__":
    main()
