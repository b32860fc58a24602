"""What rawi gets wrong on a gold directory in the shared scorer's format, document by document.

    .venv/bin/python scripts/gold_diff.py samples/gold [--only claims,events]

The figures come from ../shared/eval/score.py; this lists the items behind them: missed
entities, claims missed or with a wrong speaker (with rawi's chain), events missed, and
rawi's events that match nothing. It imports the scorer, so ../shared must be present.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _predict(gold: dict, root: Path) -> dict:
    cmd = [str(ROOT / ".venv" / "bin" / "rawi"), "extract", str((root / gold["input"]).resolve()), "--format", "json"]
    if gold.get("published"):
        cmd += ["--published", gold["published"]]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--only", default="entities,claims,events")
    args = ap.parse_args(argv)
    sc = _scorer()
    only = set(args.only.split(","))
    root = args.gold_dir.resolve().parent
    for gf in sorted(args.gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = _predict(gold, root)
        d = sc.Doc(gold, pred)
        d.score()
        names = {e["id"]: e.get("name") for e in pred.get("entities", [])}
        print(f"== {gold['doc']}")
        if "entities" in only:
            for m in d.c["entities"]["missed"]:
                print(f"  entity missed: {m}")
            for pe in pred.get("entities", []):
                if not any(d.entity_matches(pe, g) for g in gold.get("entities", [])):
                    print(f"  entity extra: {pe.get('name')} [{pe.get('type')}]")
        if "claims" in only:
            _claims(d, gold, pred, names, sc)
        if "events" in only:
            _events(d, gold, pred, names, sc)
    return 0


def _claims(d, gold, pred, names, sc) -> None:
    preds = pred.get("claims", [])
    used: set[int] = set()
    for g in gold.get("claims", []):
        locs = sc.find_all(d.text, g["key"])
        best = next((i for i, pc in enumerate(preds) if i not in used and any(
            sc.overlap(lo, sc.span(pc.get("content"))) >= 0.5 * (lo[1] - lo[0]) for lo in locs)), None)
        if best is None:
            if not g.get("optional"):
                print(f"  claim missed: {g['key'][:70]!r} by {g['chain']}")
            continue
        used.add(best)
        if g.get("optional"):
            continue
        chain = [d.emap.get(i) for i in preds[best].get("chain", [])]
        if not chain or chain[-1] != g["chain"][-1]:
            print(f"  claim speaker: {g['key'][:50]!r} gold {g['chain']} rawi {[names.get(i) for i in preds[best].get('chain', [])]}")
    for i, pc in enumerate(preds):
        if i not in used:
            print(f"  claim extra: {pc['cue']['text']} {pc['content']['text'][:60]!r}")


def _events(d, gold, pred, names, sc) -> None:
    preds = pred.get("events", [])
    used: set[int] = set()
    for g in sorted(gold.get("events", []), key=lambda g: bool(g.get("optional"))):
        locs = [lo for k in [g["key"], *g.get("alt_keys", [])] for lo in sc.find_all(d.text, k)]
        sents = [d.sentence_of(lo) for lo in locs]
        cands = []
        for i, pv in enumerate(preds):
            if i in used or pv.get("type") not in g["types"]:
                continue
            ts = sc.span(pv.get("trigger"))
            if any(sc.overlap(lo, ts) for lo in locs):
                cands.append((0, i))
            elif any(s[0] <= ts[0] and ts[1] <= s[1] for s in sents):
                cands.append((1, i))
        if not cands:
            if not g.get("optional"):
                print(f"  event missed: {g['types']} {g['key']!r} actors {g['actors']} targets {g['targets']}")
            continue
        i = min(cands)[1]
        used.add(i)
        if g.get("optional"):
            continue
        pv = preds[i]
        act = d.resolve(pv.get("actors", []))
        tgt = d.resolve(pv.get("targets", []))
        if (g["actors"] and not act & set(g["actors"])) or (g["targets"] and not tgt & set(g["targets"])):
            print(f"  event args: {g['key']!r} gold {g['actors']}→{g['targets']} rawi {sorted(act)}→{sorted(tgt)}")
    for i, pv in enumerate(preds):
        if i not in used:
            print(f"  event extra: {pv.get('type')} {pv['trigger']['text']!r} "
                  f"{[names.get(a) for a in pv.get('actors', [])]}→{[names.get(a) for a in pv.get('targets', [])]}")


if __name__ == "__main__":
    sys.exit(main())
