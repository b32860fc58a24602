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
    pol = [a for a in kb.actors.values() if a.type in ("PER", "ORG")]
    by_cc = Counter(a.country or "intl" for a in pol)
    print(f"PER+ORG: {len(pol)}; by country: " + ", ".join(f"{c} {n}" for c, n in by_cc.most_common()))
    print("by file: " + ", ".join(f"{f} {n}" for f, n in Counter(a.source for a in kb.actors.values()).most_common()))
    print("role spells by role: " + ", ".join(f"{r} {n}" for r, n in Counter(s.role for s in kb.spells).most_common()))
    print("role spells by office country: "
          + ", ".join(f"{c} {n}" for c, n in Counter(s.country for s in kb.spells).most_common()))
    print(f"with wikidata: {sum(1 for a in kb.actors.values() if a.wikidata)}; "
          f"with ambiguous forms: {sum(1 for a in kb.actors.values() if a.ambiguous)}; "
          f"states with demonyms: {sum(1 for a in kb.actors.values() if a.type == 'GPE' and a.demonyms)}")


if __name__ == "__main__":
    main()
