"""Time of the pipeline over the dev corpus with and without the events stage.

    .venv/bin/python benchmarks/bench_events.py [CORPUS_DIR] [--repeat N]

Loads every *.txt of the corpus once, then runs ``rawi.pipeline.process`` over fresh
copies of the documents with all stages, and with all stages but events
(``Settings(stages=...)``), alternating, best of N rounds each. Prints both times, the
events stage alone, and the ratio (with / without); the budget is a ratio of at most 1.30.
"""

from __future__ import annotations

import copy
import time

from _stage_bench import setup  # sibling module: benchmarks run as scripts

from rawi.pipeline import process
from rawi.settings import DEFAULT


def run(docs, settings) -> float:
    t0 = time.perf_counter()
    for d in docs:
        process(copy.deepcopy(d), settings)
    return time.perf_counter() - t0


def main() -> None:
    a, docs, names = setup(__doc__, "events", repeat=5)
    with_e = DEFAULT.replace(stages=tuple(names))
    without = DEFAULT.replace(stages=tuple(n for n in names if n != "events"))
    run(docs[:3], with_e)  # warm caches: lexicons, models
    t_with, t_without = [], []
    for _ in range(a.repeat):
        t_without.append(run(docs, without))
        t_with.append(run(docs, with_e))
    best_with, best_without = min(t_with), min(t_without)
    ready = [process(copy.deepcopy(d), without) for d in docs]
    from rawi.events import annotate

    t_stage = []
    n_events = 0
    for _ in range(a.repeat):
        batch = [copy.deepcopy(d) for d in ready]
        t0 = time.perf_counter()
        for d in batch:
            annotate(d, with_e)
        t_stage.append(time.perf_counter() - t0)
        n_events = sum(len(d.events) for d in batch)
    print(f"documents: {len(docs)}  ({sum(len(d.text) for d in docs)} characters), events found: {n_events}")
    print(f"pipeline without events: {best_without:.3f} s")
    print(f"pipeline with events:    {best_with:.3f} s")
    print(f"events stage alone:      {min(t_stage):.3f} s")
    print(f"ratio with/without:      {best_with / best_without:.3f}  (budget 1.30)")
    # the same from the stage alone, steadier on a loaded machine
    print(f"(without + stage)/without: {(best_without + min(t_stage)) / best_without:.3f}")


if __name__ == "__main__":
    main()
