"""Speed of the entities stage (NER + KB matching + linking) on one core.

    .venv/bin/python benchmarks/bench_entities.py [FILES…]   # default: ../shared/corpus/dev/*.txt

Prints the KB + automaton load time, tokens per second over the corpus (word tokens of
``rawi.arabic.tokenize``; each document processed ``--rounds`` times after one warm-up
pass), by wall clock and by process CPU time (the stage is single-threaded, so CPU time is the
one-core figure on a shared machine), and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    files = a.files or sorted(DEV.glob("*.txt"))
    if not files:
        sys.exit(f"no input files (looked in {DEV})")
    texts = [f.read_text(encoding="utf-8") for f in files]

    from rawi.document import Document
    from rawi.settings import DEFAULT

    t0 = time.perf_counter()
    from rawi.entities.kb import load_kb

    kb = load_kb()
    t1 = time.perf_counter()
    from rawi.entities.link import resources

    res = resources()
    t2 = time.perf_counter()
    print(f"KB load {t1 - t0:.3f} s ({len(kb)} actors); KB + automaton {t2 - t0:.3f} s "
          f"({len(res.names)} name keys, {len(res.titles)} title keys)")

    from rawi.arabic.tokens import iter_words
    from rawi.entities import annotate

    ntok = sum(sum(1 for _ in iter_words(t)) for t in texts)
    for t in texts:  # warm-up: model load, caches
        annotate(Document(text=t), DEFAULT)
    n_ent = 0
    t3, c3 = time.perf_counter(), time.process_time()
    for _ in range(a.rounds):
        for t in texts:
            d = Document(text=t)
            annotate(d, DEFAULT)
            n_ent += len(d.entities)
    el, cpu = time.perf_counter() - t3, time.process_time() - c3
    total = ntok * a.rounds
    print(f"{len(texts)} documents, {ntok} word tokens x {a.rounds} rounds: {el:.2f} s wall, {cpu:.2f} s CPU; "
          f"NER + linking, one core: {total / el:,.0f} tokens/s wall, {total / cpu:,.0f} tokens/s CPU; "
          f"{n_ent // a.rounds} entities a round")

    from rawi.entities import link

    c4 = time.process_time()
    spans = {t: link._ner_spans(t) for t in texts}
    ner_cpu = time.process_time() - c4
    print(f"NER alone: {ntok / ner_cpu:,.0f} tokens/s CPU ({sum(len(v) for v in spans.values())} spans)")
    real = link._ner_spans
    link._ner_spans = spans.__getitem__  # the model's answers, cached: linking alone
    try:
        c5 = time.process_time()
        for _ in range(a.rounds):
            for t in texts:
                annotate(Document(text=t), DEFAULT)
        link_cpu = time.process_time() - c5
    finally:
        link._ner_spans = real
    print(f"linking alone (KB matching, short forms, titles, roles, anaphors): {total / link_cpu:,.0f} tokens/s CPU")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
