"""Time a cold load of the actor knowledge base and print its sizes.

    .venv/bin/python benchmarks/bench_kb.py
"""

from __future__ import annotations

import time
from collections import Counter


def main() -> None:
    t0 = time.perf_counter()
    from rawi.entities.kb import build_kb

    t1 = time.perf_counter()
    runs = []
    for _ in range(5):
        s = time.perf_counter()
        kb = build_kb()
        runs.append(time.perf_counter() - s)
    forms = sum(1 for _ in kb.forms())
    types = Counter(a.type for a in kb.actors.values())
    print(f"import: {t1 - t0:.3f}s; build_kb: first {runs[0]:.3f}s, best of 5 {min(runs):.3f}s")
    print(f"actors: {len(kb.actors)} {dict(sorted(types.items()))}; surface forms: {forms}; "
          f"role spells: {len(kb.spells)}; title phrases: {len(kb.role_titles())}")


if __name__ == "__main__":
    main()
