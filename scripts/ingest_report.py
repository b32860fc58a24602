"""Ingestion figures on the real news pages of ../shared/html (prints; not a test).

    .venv/bin/python scripts/ingest_report.py [SHARED_DIR]

CNN Arabic: character similarity of the extracted text to the gold main text (difflib
ratio on whitespace-normalised text). Pages with a .gold-date.json: publication date
right or wrong. Assabah: the gold snippets kept ("with") and dropped ("without").
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

from rawi.ingest import load_path

ROOT = Path(__file__).resolve().parent.parent


def ws(s: str) -> str:
    return " ".join(s.split())


def main() -> None:
    html = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared") / "html"
    for gold in sorted(html.glob("*.gold.txt")):
        doc = load_path(gold.with_name(gold.name.replace(".gold.txt", ".html")))
        ratio = difflib.SequenceMatcher(None, ws(doc.text), ws(gold.read_text(encoding="utf-8")),
                                        autojunk=False).ratio()
        print(f"{gold.name.split('.')[0]}: similarity {ratio:.3f}, title {doc.title!r}, "
              f"removed {[r.kind for r in doc.removed]}")
    right = total = 0
    for g in sorted(html.glob("*.gold-date.json")):
        want = json.loads(g.read_text(encoding="utf-8"))["gold_publication_date"]
        got = load_path(g.with_name(g.name.replace(".gold-date.json", ".html"))).published
        total += 1
        right += got == want
        print(f"{g.name.split('.')[0]}: published {got} (gold {want}) {'ok' if got == want else 'WRONG'}")
    print(f"dates right: {right}/{total}")
    for g in sorted(html.glob("*.gold-snippets.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        doc = load_path(g.with_name(g.name.replace(".gold-snippets.json", ".html")))
        kept = sum(s in doc.text for s in gold["with"])
        dropped = sum(s not in doc.text for s in gold["without"])
        print(f"{g.name.split('.')[0]}: kept {kept}/{len(gold['with'])}, dropped {dropped}/{len(gold['without'])}")


if __name__ == "__main__":
    main()
