"""Build rawi/data/ner/given_names.tsv and family_names.tsv from the arabic-name-romanizer wheel.

    .venv/bin/python scripts/build_name_lists.py /tmp/anr/arabic_name_romanizer-0.2.0-py3-none-any.whl

Reads ``arabic_name_romanizer/resources/names.sqlite3`` (table ``units``: one Arabic name word with
its role given/surname and how many Wikidata people carry it) straight from the wheel, keeps only
rows whose source is Wikidata (CC0 1.0), drops words with Persian/Urdu letters, splits compound
keys ("عبد الله") into words, normalises with ``rawi.arabic.normalize`` and writes one word a line
with a frequency band: 3 = carried by >= 50 people, 2 = 5-49, 1 = 2-4 (words seen once are left out).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rawi.arabic import normalize  # noqa: E402

DB = "arabic_name_romanizer/resources/names.sqlite3"
PERSIAN = set("گپچژیکۀہۃےڈٹڑںھ")
HEADER = ("# {what} words derived from the PyPI wheel arabic-name-romanizer 0.2.0 (MIT; its names index is\n"
          "# built from Wikidata, CC0 1.0; only rows with source=wikidata are used). Built by\n"
          "# scripts/build_name_lists.py; notice in rawi/data/ner/NOTICE.md. Normalised with rawi.arabic.normalize.\n"
          "# band: 3 = carried by >= 50 people in the index, 2 = 5-49, 1 = 2-4.\n"
          "word\tband\n")


def band(n: int) -> int:
    return 3 if n >= 50 else 2 if n >= 5 else 1 if n >= 2 else 0


def main(argv: list[str]) -> int:
    wheel = Path(argv[0])
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as z:
            z.extract(DB, tmp)
        con = sqlite3.connect(Path(tmp) / DB)
        rows = con.execute("SELECT arabic_key, role, SUM(count) FROM units WHERE source = 'wikidata' "
                           "AND role IN ('given', 'surname') GROUP BY arabic_key, role").fetchall()
        con.close()
    counts: dict[str, Counter] = {"given": Counter(), "surname": Counter()}
    for key, role, n in rows:
        if PERSIAN & set(key):
            continue
        for w in normalize(key).split():
            if len(w) > 1 and all("\u0621" <= c <= "\u064a" for c in w):
                counts[role][w] += n
    out = ROOT / "rawi" / "data" / "ner"
    for role, fname, what in (("given", "given_names.tsv", "Given-name"), ("surname", "family_names.tsv", "Family-name")):
        kept = sorted(((w, band(n)) for w, n in counts[role].items() if band(n)), key=lambda x: (-x[1], x[0]))
        (out / fname).write_text(HEADER.format(what=what) + "".join(f"{w}\t{b}\n" for w, b in kept), encoding="utf-8")
        print(fname, len(kept), Counter(b for _, b in kept))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
