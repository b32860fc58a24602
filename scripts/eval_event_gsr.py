#!/usr/bin/env python3
"""Sentence-level event detection against the PLOVER authors' Arabic gold (arabic_event_gsr).

    .venv/bin/python scripts/eval_event_gsr.py [--data ../shared/data/arabic_event_gsr] [--library]

Each gold row is one sentence coded for one type (ASSAULT or PROTEST): "yes" is a
positive; "easy no" and "difficult no" are negatives; "ambiguous" is left out. A sentence
counts as detected when rawi finds an event of that type in it. By default the sentences
go through the CLI batch form (`rawi extract --jsonl FILE`, JSON Lines out, one document
per input in input order); --library calls rawi.pipeline.process on rawi.ingest.from_text
documents instead. Only events reported as done count (not negated, no modality; --any
counts every event). Prints P/R/F1 per type (and per label the share detected).

The events stage's detection gate (rawi/data/events/models/event_classifier.json) is trained
on these very rows (the visible half of the gold): the figures printed here for ASSAULT and
PROTEST are IN-SAMPLE and optimistic. The evaluation figure is the cross-validated one of
scripts/train_event_classifier.py --cv (stored in the model file and printed below, with the
gate's operating point, e.g. the threshold with the best F2 among those keeping the lexicon
rules' recall, chosen inside the training folds; the other operating point measured by the
same run; and the lexicon rules' own figures); the blind half of the gold is the real test.

Last, the held-out sanity set (tests/sanity/event_sanity.jsonl: short news reports and
trigger-word non-events written for the tests, not from the gold) goes through the same path:
the share right per group (a report: an asserted event of its type; a non-event: no asserted
ASSAULT or PROTEST event).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "arabic_event_gsr"


ANY = False


def asserted(v: dict) -> bool:
    """An event reported as done: not negated, not attempted/planned/requested/conditional."""
    return not v.get("negated") and not v.get("modality")


def load(data: Path) -> list[dict]:
    rows = []
    for f in sorted(data.glob("*_gsr.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["label"] == "ambiguous":
                    continue
                rows.append({"id": r["id"], "type": r["event_type"], "gold": r["label"] == "yes",
                             "label": r["label"], "text": r["text"]})
    return rows


def types_cli(rows: list[dict]) -> list[set[str]]:
    exe = ROOT / ".venv" / "bin" / "rawi"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for n, r in enumerate(rows):
            tmp.write(json.dumps({"id": str(n), "text": r["text"], "published": r.get("published")}, ensure_ascii=False) + "\n")
    try:
        res = subprocess.run([str(exe), "extract", "--jsonl", tmp.name], capture_output=True, text=True)
    finally:
        os.unlink(tmp.name)
    out = []
    for line in res.stdout.splitlines():
        if line.strip():
            d = json.loads(line)
            out.append({v["type"] for v in d.get("events", []) if ANY or asserted(v)})
    if len(out) != len(rows):
        sys.exit(f"rawi extract --jsonl gave {len(out)} records for {len(rows)} inputs: {res.stderr[-500:]}")
    return out


def types_library(rows: list[dict]) -> list[set[str]]:
    sys.path.insert(0, str(ROOT))
    from rawi.ingest import from_text
    from rawi.pipeline import process

    return [{v.type for v in process(from_text(r["text"])).events if ANY or asserted(v.to_dict())} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--library", action="store_true", help="call rawi.pipeline.process instead of the CLI")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms per type")
    ap.add_argument("--any", action="store_true", help="count negated and modal events as detections too")
    ap.add_argument("--no-sanity", action="store_true", help="skip the held-out sanity set")
    a = ap.parse_args()
    global ANY
    ANY = a.any
    if not a.data.is_dir():
        sys.exit(f"no data at {a.data}")
    rows = load(a.data)
    found = types_library(rows) if a.library else types_cli(rows)
    print("IN-SAMPLE: the detection gate was trained on these rows; these figures are optimistic.")
    for etype in sorted({r["type"] for r in rows}):
        tp = fp = fn = 0
        by_label: Counter = Counter()
        totals: Counter = Counter()
        misses, alarms = [], []
        for r, f in zip(rows, found, strict=True):
            if r["type"] != etype:
                continue
            hit = etype in f
            totals[r["label"]] += 1
            by_label[r["label"]] += hit
            if hit and r["gold"]:
                tp += 1
            elif hit:
                fp += 1
                alarms.append(r["text"])
            elif r["gold"]:
                fn += 1
                misses.append(r["text"])
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        shares = "  ".join(f"{k} {by_label[k]}/{totals[k]}" for k in ("yes", "difficult no", "easy no"))
        print(f"{etype:8s} P {p:.3f} R {rc:.3f} F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn}; detected: {shares})")
        for t in misses[: a.errors]:
            print("   miss:", t[:200])
        for t in alarms[: a.errors]:
            print("   false:", t[:200])
    cv_figures()
    if not a.no_sanity:
        sanity(a.library)


SANITY = ROOT / "tests" / "sanity" / "event_sanity.jsonl"


def sanity(library: bool) -> None:
    """The held-out sanity set through the same path (CLI or library): share right per group."""
    if not SANITY.exists():
        return
    with SANITY.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    found = types_library(rows) if library else types_cli(rows)
    for group in ("assault", "protest", "none"):
        pairs = [(r, f) for r, f in zip(rows, found, strict=True) if r["group"] == group]
        ok = [r["expected"] in f if r["expected"] else not f & {"ASSAULT", "PROTEST"} for r, f in pairs]
        wrong = [r["id"] for (r, _), good in zip(pairs, ok, strict=True) if not good]
        print(f"sanity {group:8s} {sum(ok)}/{len(ok)} right ({sum(ok) / len(ok):.0%}; test floor 90%)"
              + (f"  wrong: {' '.join(wrong)}" if wrong else ""))


def cv_figures() -> None:
    """The cross-validated figures the training script stored with the shipped model."""
    model = ROOT / "rawi" / "data" / "events" / "models" / "event_classifier.json"
    if not model.exists():
        print("no detection gate model shipped: the figures above are the lexicon's")
        return
    cv = json.loads(model.read_text(encoding="utf-8")).get("cv") or {}
    if not cv:
        print("cross-validated figures: none stored; run scripts/train_event_classifier.py --cv --write")
    for t, c in sorted(cv.items()):
        print(f"CV {t:8s} P {c['p']:.3f} R {c['r']:.3f} F1 {c['f1']:.3f}  ({c['k']}-fold stratified, seed {c['seed']}, "
              f"nested threshold; from scripts/train_event_classifier.py --cv: the evaluation figure)")
        if c.get("operating_point"):
            print(f"   operating point: {c['operating_point']}")
        if c.get("alt"):
            x = c["alt"]
            print(f"   other operating point (not shipped: {x['operating_point']}): P {x['p']:.3f} R {x['r']:.3f} "
                  f"F1 {x['f1']:.3f}")
        if c.get("lexicon"):
            lx = c["lexicon"]
            print(f"   lexicon rules alone (no gate): P {lx['p']:.3f} R {lx['r']:.3f} F1 {lx['f1']:.3f}")


if __name__ == "__main__":
    main()
