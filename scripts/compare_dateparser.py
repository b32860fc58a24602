#!/usr/bin/env python3
"""rawi's time tagger and dateparser side by side, in one run.

    .venv/bin/python scripts/compare_dateparser.py [--shared ../shared] [--limit N]

1. The founding article (corpus/palace-leaks.txt) against its gold timexes
   (gold/palace-leaks.json): which gold expressions each tool finds and with what value
   (dateparser through ``search_dates``, anchored like rawi on the processing date).
2. The Wojood NER sample (data/wojood_sample/*.txt: one token and its nested tags a line,
   a blank line between sentences): the DATE and TIME spans are the gold; each sentence is
   the tokens joined by spaces; a predicted span is the run of tokens it covers. Span
   precision/recall/F1 are given exact (same first and last token) after trimming
   punctuation tokens from both ends of every span, gold and predicted alike, and
   "overlap" (a prediction counts if it overlaps a gold span).
3. Speed: seconds for all Wojood sentences and for the article, for each tool.

dateparser is called as ``dateparser.search.search_dates(text, languages=["ar"])``; it
gives substrings, not offsets, so each substring is located in the text left to right.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rawi.time import tag  # noqa: E402

PUNCT = re.compile(r"^[^\w]+$")


def read_wojood(folder: Path):
    """[(tokens, gold spans {(first, last): type})] over every file of the sample."""
    out = []
    for fn in sorted(folder.glob("*.txt")):
        if fn.name == "ORIGIN.txt":
            continue
        for block in fn.read_text(encoding="utf-8").split("\n\n"):
            rows = [ln.split() for ln in block.split("\n") if ln.strip()]
            if not rows:
                continue
            toks = [r[0] for r in rows]
            spans: dict[tuple[int, int], str] = {}
            for lab in ("DATE", "TIME"):
                cur = None
                for i, r in enumerate(rows + [["", "O"]]):
                    tags = r[1:]
                    if f"B-{lab}" in tags:
                        if cur is not None:
                            spans[(cur, i - 1)] = lab
                        cur = i
                    elif f"I-{lab}" in tags and cur is not None:
                        continue
                    elif cur is not None:
                        spans[(cur, i - 1)] = lab
                        cur = None
            out.append((toks, spans))
    return out


def trim(toks: list[str], a: int, b: int) -> tuple[int, int] | None:
    while a <= b and PUNCT.match(toks[a]):
        a += 1
    while b >= a and PUNCT.match(toks[b]):
        b -= 1
    return (a, b) if a <= b else None


def char_to_tokens(toks: list[str]) -> list[tuple[int, int]]:
    pos, out = 0, []
    for t in toks:
        out.append((pos, pos + len(t)))
        pos += len(t) + 1
    return out


def to_token_span(offs, a: int, b: int) -> tuple[int, int] | None:
    hit = [i for i, (s, e) in enumerate(offs) if s < b and a < e]
    return (hit[0], hit[-1]) if hit else None


def rawi_spans(text: str, anchor: dt.date):
    return [(x.start, x.end, x.value) for x in tag(text, anchor, anchor_kind="today")]


def dateparser_spans(text: str, anchor: dt.date):
    from dateparser.search import search_dates

    res = search_dates(text, languages=["ar"],
                       settings={"RELATIVE_BASE": dt.datetime.combine(anchor, dt.time())}) or []
    out, pos = [], 0
    for sub, when in res:
        k = text.find(sub, pos)
        if k < 0:
            k = text.find(sub)
        if k < 0:
            continue
        out.append((k, k + len(sub), when.isoformat()))
        pos = k + len(sub)
    return out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def score_wojood(data, finder, anchor):
    tp = fp = fn = 0
    otp = ofp = ofn = 0
    by_type = {"DATE": [0, 0], "TIME": [0, 0]}
    misses, junk = [], []
    t0 = time.perf_counter()
    preds_all = []
    for toks, _gold in data:
        preds_all.append(finder(" ".join(toks), anchor))
    secs = time.perf_counter() - t0
    for (toks, gold), preds in zip(data, preds_all, strict=True):
        offs = char_to_tokens(toks)
        g = {}
        for (a, b), lab in gold.items():
            s = trim(toks, a, b)
            if s:
                g[s] = lab
        p = set()
        for a, b, _v in preds:
            s = to_token_span(offs, a, b)
            s = trim(toks, *s) if s else None
            if s:
                p.add(s)
        tp += len(p & set(g))
        fp += len(p - set(g))
        fn += len(set(g) - p)
        for s, lab in g.items():
            by_type[lab][1] += 1
            if s in p:
                by_type[lab][0] += 1
            elif len(misses) < 400:
                misses.append(" ".join(toks[s[0]:s[1] + 1]))
        for s in p - set(g):
            if len(junk) < 400:
                junk.append(" ".join(toks[s[0]:s[1] + 1]))
        ov = lambda x, y: x[0] <= y[1] and y[0] <= x[1]  # noqa: E731
        otp += sum(1 for s in g if any(ov(s, q) for q in p))
        ofn += sum(1 for s in g if not any(ov(s, q) for q in p))
        ofp += sum(1 for q in p if not any(ov(s, q) for s in g))
    return {"exact": prf(tp, fp, fn), "overlap": prf(otp, ofp, ofn),
            "recall_by_type": {k: f"{a}/{b}" for k, (a, b) in by_type.items()},
            "seconds": round(secs, 3), "misses": misses, "false_positives": junk}


def founding(shared: Path, finder, anchor):
    text = (shared / "corpus" / "palace-leaks.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "gold" / "palace-leaks.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    preds = finder(text, anchor)
    secs = time.perf_counter() - t0
    rows, found, right = [], 0, 0
    for g in gold["timexes"]:
        k = text.find(g["key"])
        hit = next((p for p in preds if k >= 0 and p[0] < k + len(g["key"]) and k < p[1]), None)
        if hit and not g.get("optional"):
            found += 1
            right += bool(g.get("value") and str(hit[2]).startswith(g["value"]))
        rows.append(f'{g["key"]}: {hit[2] if hit else "-"} (gold {g.get("value") or "optional"})')
    keys = [text.find(g["key"]) for g in gold["timexes"]]
    junk = [text[a:b] for a, b, _ in preds
            if not any(k >= 0 and a < k + len(g["key"]) and k < b for g, k in zip(gold["timexes"], keys, strict=True))]
    need = sum(1 for g in gold["timexes"] if not g.get("optional"))
    return {"found": f"{found}/{need}", "right_value": f"{right}/{need}", "rows": rows, "unmatched": junk,
            "seconds": round(secs, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=0, help="only the first N Wojood sentences")
    ap.add_argument("--show", type=int, default=25, help="misses/false positives to print per tool")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    anchor = dt.date(2026, 11, 29)
    data = read_wojood(args.shared / "data" / "wojood_sample")
    if args.limit:
        data = data[:args.limit]
    report = {}
    for name, finder in (("rawi", rawi_spans), ("dateparser", dateparser_spans)):
        report[name] = {"founding": founding(args.shared, finder, anchor),
                        "wojood": score_wojood(data, finder, anchor)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    n_gold = sum(len(g) for _, g in data)
    print(f"Wojood sample: {len(data)} sentences, {n_gold} DATE/TIME spans; anchor {anchor}")
    for name, r in report.items():
        w, f = r["wojood"], r["founding"]
        print(f"\n== {name}")
        print(f"  founding article: gold found {f['found']}, right value {f['right_value']}, "
              f"unmatched predictions {len(f['unmatched'])}, {f['seconds']}s")
        for row in f["rows"]:
            print("    " + row)
        if f["unmatched"]:
            print("    unmatched: " + " | ".join(f["unmatched"][:15]))
        e, o = w["exact"], w["overlap"]
        print(f"  Wojood exact   P {e['p']} R {e['r']} F1 {e['f1']}  (tp {e['tp']} fp {e['fp']} fn {e['fn']})")
        print(f"  Wojood overlap P {o['p']} R {o['r']} F1 {o['f1']}")
        print(f"  recall by gold type: {w['recall_by_type']}; {w['seconds']}s for {len(data)} sentences")
        if args.show:
            print("  misses: " + " | ".join(w["misses"][:args.show]))
            print("  false positives: " + " | ".join(w["false_positives"][:args.show]))
    rs, ds = report["rawi"]["wojood"]["seconds"], report["dateparser"]["wojood"]["seconds"]
    print(f"\nspeed: rawi {rs}s, dateparser {ds}s on the Wojood sentences ({ds / rs if rs else 0:.1f}x)")
    print(f"F1 (exact spans): rawi {report['rawi']['wojood']['exact']['f1']}  "
          f"dateparser {report['dateparser']['wojood']['exact']['f1']}")


if __name__ == "__main__":
    main()
