#!/usr/bin/env python3
"""Train (and cross-validate) the events stage's sentence-level detection gate.

    .venv/bin/python scripts/train_event_classifier.py --cv      # k-fold CV of the whole detection
    .venv/bin/python scripts/train_event_classifier.py --write   # train on all rows, ship the model
    (both together: CV first, its figures go into the model file and the model card)

Data: the visible half of the PLOVER authors' Arabic gold (../shared/data/arabic_event_gsr,
MIT): one row per sentence coded for ASSAULT or PROTEST; "yes" positive, "easy no" and
"difficult no" negative, "ambiguous" left out. Each row goes through the pipeline without the
events stage once; ``rawi.events.candidates`` gives the sentences with triggers of the row's
type and their features (the very function the stage uses). A row with no candidate is
never detected (a miss when it is a "yes").

--cv: stratified k-fold over rows (fixed seed). For each outer fold the regularisation C and
the threshold are chosen by an inner stratified k-fold on the training folds only: the
operating point maximises the row-level F-beta (beta 2 by default, --beta: recall weighs
more than precision) among the thresholds whose out-of-fold recall is at least the lexicon
rules' recall (no gate) on those training rows (--no-floor: at any recall; --beta 1 --no-floor is
the F1 point, which --cv also measures, not shipped, beside the shipped one). The gold's positives need unanimous
annotator acceptance, and a threshold that maximises F1 on them drops plain news reports;
the recall floor keeps the gate from losing reports the lexicon finds, and the gate then
removes what false alarms it can. A model trained on all training folds is then installed with
``rawi.events.classifier.use`` and the held-out rows go through ``rawi.events.annotate`` —
the pipeline's own inference — and count as detected when an asserted (not negated, no
modality) event of the row's type comes out. Held-out figures are pooled over folds.

--write: the same inner selection on all rows, then the final model trained on all rows,
written to rawi/data/events/models/event_classifier.json (plain JSON: feature → weight,
bias, threshold) with a model card beside it. Needs scikit-learn (dev extra), only here.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rawi import events  # noqa: E402
from rawi.events import classifier  # noqa: E402
from rawi.ingest import from_text  # noqa: E402
from rawi.pipeline import process, stage_names  # noqa: E402
from rawi.settings import DEFAULT  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "arabic_event_gsr"
OUT_DIR = ROOT / "rawi" / "data" / "events" / "models"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
MIN_DF = 2
DROP: tuple[str, ...] = ()  # feature groups (prefixes) left out of training (--drop)
BETA = 2.0  # the F-beta the operating point maximises (--beta): recall first
FLOOR = True  # the operating point keeps at least the lexicon rules' recall (--no-floor: any recall)
OPERATING_POINT = "max F2 s.t. recall >= lexicon recall (inner CV)"


def load(data: Path) -> list[dict]:
    rows = []
    for f in sorted(data.glob("*_gsr.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["label"] != "ambiguous":
                    rows.append({"id": r["id"], "type": r["event_type"], "gold": r["label"] == "yes",
                                 "label": r["label"], "text": r["text"]})
    return rows


def prepare(rows: list[dict]) -> None:
    """Run the pipeline without events once per row; keep the document and its candidates."""
    settings = DEFAULT.replace(stages=tuple(n for n in stage_names() if n != "events"))
    for r in rows:
        doc = process(from_text(r["text"]), settings)
        r["doc"] = doc
        with classifier.use(None):
            cands = [c for c in events.candidates(copy.deepcopy(doc)) if c.type == r["type"]]
        r["cands"] = [(sorted(f for f in c.features if not f.startswith(DROP) or not DROP), c.asserted)
                      for c in cands]
        with classifier.use(None):  # the lexicon rules alone: the recall floor of the operating point
            lex = copy.deepcopy(doc)
            events.annotate(lex, DEFAULT)
        r["lex"] = any(v.type == r["type"] and not v.negated and not v.modality for v in lex.events)


# ---- training ------------------------------------------------------------------------------
def fit(rows: list[dict], C: float) -> dict:
    """Logistic regression on the candidates of ``rows`` (each labelled with its row's gold)."""
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for r in rows:
        for feats, _ in r["cands"]:
            X.append(feats)
            y.append(int(r["gold"]))
    df: dict[str, int] = {}
    for feats in X:
        for f in feats:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF)
    index = {f: k for k, f in enumerate(vocab)}
    if len(set(y)) < 2:
        return {"bias": 0.0 if y and y[0] else -10.0, "weights": {}}
    from scipy.sparse import lil_matrix

    M = lil_matrix((len(X), len(vocab)))
    for a, feats in enumerate(X):
        for f in feats:
            if f in index:
                M[a, index[f]] = 1.0
    lr = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0)
    lr.fit(M.tocsr(), y)
    weights = {f: round(float(c), 6) for f, c in zip(vocab, lr.coef_[0], strict=True) if round(float(c), 6) != 0.0}
    return {"bias": round(float(lr.intercept_[0]), 6), "weights": weights, "_lr": lr, "_index": index}


def row_scores(spec: dict, etype: str, r: dict) -> list[tuple[float, bool]]:
    m = {"types": {etype: {**spec, "threshold": 0.0}}}
    return [(classifier.score(etype, set(feats), m), asserted) for feats, asserted in r["cands"]]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scored: list[tuple[list[tuple[float, bool]], bool]], min_recall: float = 0.0
                   ) -> tuple[float, float]:
    """The operating point over out-of-fold scores: the threshold with the best row-level
    F-beta (``BETA``) among those whose recall is at least ``min_recall`` (the lexicon rules'
    recall on the same rows); when none reaches it, the one with the highest recall.
    Returns (threshold, F-beta)."""
    # a row is detected at threshold t when one of its candidates scores >= t and is asserted
    row_top = [(max((s for s, a in sc if a), default=None), gold) for sc, gold in scored]
    npos = sum(g for _, g in row_top)
    cuts = sorted({s for s, _ in row_top if s is not None}, reverse=True)
    best = (float("inf"), -1.0)
    fallback = (float("inf"), -1.0, -1.0)  # (threshold, F1, recall): the highest recall, then F1
    for t in cuts:
        tp = sum(1 for s, g in row_top if s is not None and s >= t and g)
        fp = sum(1 for s, g in row_top if s is not None and s >= t and not g)
        prec, rec, _ = prf(tp, fp, npos - tp)
        b2 = BETA * BETA
        f1 = (1 + b2) * prec * rec / (b2 * prec + rec) if prec + rec else 0.0  # F-beta (the name stays)
        if rec >= min_recall - 1e-9 and f1 > best[1]:
            best = (t, f1)
        if (rec, f1) > (fallback[2], fallback[1]):
            fallback = (t, f1, rec)
    if best[1] < 0:
        best = fallback[:2]
    if best[1] < 0:
        return 0.0, 0.0
    # midway to the next lower score, so that the cut does not sit on a training point
    lower = [s for s in cuts if s < best[0]]
    return (best[0] + lower[0]) / 2 if lower else best[0] - 0.01, best[1]


def lexicon_recall(rows: list[dict]) -> float:
    """Recall of the lexicon rules without the gate on ``rows`` (the recall floor)."""
    npos = sum(r["gold"] for r in rows)
    return sum(r["lex"] and r["gold"] for r in rows) / npos if npos else 0.0


def folds(rows: list[dict], k: int, seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    y = [int(r["gold"]) for r in rows]
    return [(list(a), list(b)) for a, b in skf.split([[0]] * len(rows), y)]


def select(rows: list[dict], etype: str, k: int, seed: int) -> tuple[float, float, float]:
    """Inner k-fold on ``rows`` only: the C and threshold with the best out-of-fold F1 subject to
    out-of-fold recall >= the lexicon rules' recall on ``rows`` (see ``best_threshold``)."""
    best = (C_GRID[0], 0.0, -1.0)
    splits = folds(rows, k, seed + 1)
    floor = lexicon_recall(rows) if FLOOR else 0.0
    for C in C_GRID:
        scored = []
        for tr, te in splits:
            spec = fit([rows[i] for i in tr], C)
            scored += [(row_scores(spec, etype, rows[i]), rows[i]["gold"]) for i in te]
        t, f1 = best_threshold(scored, floor)
        if f1 > best[2]:
            best = (C, t, f1)
    return best


def detect(spec: dict, etype: str, r: dict) -> bool:
    """The held-out row through the events stage itself, with this model installed."""
    with classifier.use({"types": {etype: spec}}):
        doc = copy.deepcopy(r["doc"])
        events.annotate(doc, DEFAULT)
    return any(v.type == etype and not v.negated and not v.modality for v in doc.events)


def public(spec: dict) -> dict:
    return {k: v for k, v in spec.items() if not k.startswith("_")}


def cross_validate(rows: list[dict], etype: str, k: int, seed: int) -> dict:
    tp = fp = fn = 0
    chosen = []
    dropped = []  # positives the lexicon rules find and the gate drops: what the gate costs
    for n, (tr, te) in enumerate(folds(rows, k, seed), 1):
        train = [rows[i] for i in tr]
        C, t, inner = select(train, etype, k, seed)
        spec = public(fit(train, C)) | {"threshold": round(t, 6)}
        for i in te:
            hit, gold = detect(spec, etype, rows[i]), rows[i]["gold"]
            tp += hit and gold
            fp += hit and not gold
            fn += gold and not hit
            if gold and rows[i]["lex"] and not hit:
                dropped.append(rows[i]["id"])
        floor = lexicon_recall(train) if FLOOR else 0.0
        chosen.append({"fold": n, "C": C, "threshold": round(t, 3), "inner_fbeta": round(inner, 3), "beta": BETA,
                       "recall_floor": round(floor, 3)})
        print(f"  {etype} fold {n}/{k}: C {C} threshold {t:.3f} (inner CV F{BETA:g} {inner:.3f} at recall >= "
              f"{floor:.3f})", flush=True)
    p, r, f1 = prf(tp, fp, fn)
    print(f"  {etype}: positives the lexicon finds and the gate drops ({len(dropped)}): {' '.join(sorted(dropped))}")
    ltp = sum(x["lex"] and x["gold"] for x in rows)
    lfp = sum(x["lex"] and not x["gold"] for x in rows)
    lp, lr, lf1 = prf(ltp, lfp, sum(x["gold"] for x in rows) - ltp)
    return {"k": k, "seed": seed, "p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn, "folds": chosen, "operating_point": OPERATING_POINT,
            "lexicon_found": ltp, "gate_dropped": len(dropped),
            "lexicon": {"p": round(lp, 3), "r": round(lr, 3), "f1": round(lf1, 3)}}


def check_inference(spec: dict, rows: list[dict]) -> float:
    """Largest gap between sklearn's decision function and the shipped pure-Python score."""
    from scipy.sparse import lil_matrix

    lr, index = spec["_lr"], spec["_index"]
    gap = 0.0
    feats = [f for r in rows for f, _ in r["cands"]][:300]
    M = lil_matrix((len(feats), len(index)))
    for a, fs in enumerate(feats):
        for f in fs:
            if f in index:
                M[a, index[f]] = 1.0
    ref = lr.decision_function(M.tocsr())
    m = {"types": {"X": {**public(spec), "threshold": 0.0}}}
    for a, fs in enumerate(feats):
        gap = max(gap, abs(ref[a] - classifier.score("X", set(fs), m)))
    return gap


SANITY = ROOT / "tests" / "sanity" / "event_sanity.jsonl"
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def sanity_check() -> tuple[str, str]:
    """The held-out sanity set through the pipeline with the model just written: sizes, results."""
    classifier._shipped.cache_clear()
    with SANITY.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    right: dict[str, list[bool]] = {}
    for r in rows:
        doc = process(from_text(r["text"], published=r.get("published")))
        found = {v.type for v in doc.events if not v.negated and not v.modality}
        ok = r["expected"] in found if r["expected"] else not found & {"ASSAULT", "PROTEST"}
        right.setdefault(r["group"], []).append(ok)
    sizes = ", ".join(f"{len(v)} {g}" for g, v in right.items())
    return sizes, ", ".join(f"{g} {sum(v)}/{len(v)} right" for g, v in right.items())


def dev_corpus() -> str:
    """Asserted ASSAULT/PROTEST events on the dev corpus with the gate and with the rules alone."""
    from rawi.ingest import load_path

    files = sorted(DEV_CORPUS.glob("*.txt"))
    if not files:
        return ""
    n = {True: 0, False: 0}
    for f in files:
        d = load_path(f)
        d = d[0] if isinstance(d, list) else d
        for gate in (True, False):
            with classifier.use(classifier._shipped() if gate else None):
                doc = process(copy.deepcopy(d))
            n[gate] += sum(v.type in ("ASSAULT", "PROTEST") and not v.negated and not v.modality for v in doc.events)
    return (f"On the dev corpus ({len(files)} articles) the gate keeps {n[True]} of the {n[False]} asserted "
            f"ASSAULT/PROTEST events the lexicon rules keep.")


OP_TEXT = {
    True: """the threshold maximises F{beta:g} (recall weighs {beta:g}x precision) among the
thresholds whose recall is at least the lexicon rules' recall (the stage without the gate) on
the same rows. The gold's positives need unanimous annotator acceptance ("difficult no" rows
include many plain attack reports), and a threshold that maximises F1 on them dropped textbook
news reports (an assassination by air strike, "قصفت طائرات إسرائيلية مواقع …"); a news engine
must not lose what its lexicon finds, so the gate only removes false alarms above that recall
floor. The F1 point (`--beta 1 --no-floor`) is measured by the same run (below); the
issue's rule is to prefer it once it meets the F1 targets with the sanity set still at
least 90% right per group. It meets neither: trained the same way on all rows (C 0.03 for
both types), the F1-point gate got the sanity set's assault group 22/27 right (protest 15/16,
none 26/26), under the 90% floor (measured 2026-11-29).

Change of 2026-11-29: the context features and the count/crowd/purpose/background word
classes (see Features). Before them, with the same script and operating point: ASSAULT
P 0.451 R 0.840 F1 0.587 (tp 147 fp 179 fn 28), PROTEST P 0.239 R 0.702 F1 0.357 (tp 33
fp 105 fn 14); at the F1 point ASSAULT F1 0.656 (P 0.615 R 0.703), PROTEST F1 0.455
(P 0.397 R 0.532).""",
    False: """the threshold maximises F{beta:g} at any recall (`--beta {beta:g} --no-floor`). The gold's
positives need unanimous annotator acceptance ("difficult no" rows include many plain attack
reports); the sanity set below is the guard that plain news reports are kept.""",
}

CARD = """# Event detection gate (rawi.events.classifier)

A per-type logistic regression that decides, sentence by sentence, whether the ASSAULT /
PROTEST triggers the events stage found report a codeable event (a specific, real event of
that type with its participants) or only mention one (background, generic, a statement, a
hypothetical, a past reference). Shipped as plain data: `event_classifier.json` holds, per
type, `bias`, `threshold` and `weights` (feature → weight); inference is a sum in pure
Python (`rawi/events/classifier.py`), no ML library at run time. A sentence is accepted when
`bias + Σ weights[f] ≥ threshold` over its binary features (`classifier.features`).
Other types are not gated (no training data).

## Data

The visible half of the PLOVER authors' Arabic event gold standard: openeventdata/arabic_event_gsr
at commit d8ff100, MIT License, Copyright (c) 2018 Open Event Data Alliance (a seeded random
half of each file; the other half is kept blind for evaluation and was not used). Rows:
"yes" (unanimous accept) positive; "easy no" and "difficult no" negative; "ambiguous" left out.
Only sentences where the lexicon finds a trigger of the type are candidates for the model.

{counts}

## Figures (measured by the training script; detection = lexicon trigger + gate + asserted event)

Operating point: {op_text}

Headline, cross-validated ({k}-fold stratified, seed {seed}; C and threshold chosen by an
inner {k}-fold on the training folds only (a recall floor, where used, measured on those training folds);
held-out rows run through `rawi.events.annotate`):

{cv}

The other operating point, measured by the same run and not shipped:

{alt}

The shipped model is trained on all visible rows (C {C}, threshold chosen the same way by
{k}-fold CV on them): figures of `scripts/eval_event_gsr.py` on these rows are in-sample and
optimistic; the blind half is the evaluation.

Sanity check, held out: tests/sanity/event_sanity.jsonl (short news sentences written for
the tests, not from the gold: {sanity_sizes}) must be at least 90% right per group through the
whole pipeline (tests/test_events_sanity.py; `scripts/eval_event_gsr.py` prints it too).
With this model: {sanity}.

## Training

    .venv/bin/pip install -e '.[dev]'     # scikit-learn is a dev/training dependency only
    .venv/bin/python scripts/train_event_classifier.py --cv --write

Features: trigger lemma, mode, form (verb/noun, tense, definiteness), negation and modality,
the stage's reference/anchoring filters, actors/targets/location/date found, the words
around the trigger, the other types triggered; sentence unigrams (normalised),
proclitic-stripped stems and stem bigrams, cue word classes (`classifier.word_classes` in
cues.yaml: casualty, reporting, deictic, security, stance, count, crowd, purpose,
background), numbers. Context features (`classifier._context`): a number or number word
next to a casualty word (a toll: "قتل 15 شخصا", "مقتل ستة") or a crowd word ("آلاف
المتظاهرين"); the trigger heading its sentence (at most two words before it), in the
sentence's first clause, inside an open quote, after a reporting word; the word classes
(background, deictic, casualty, count, purpose, stance) within four words left or right of
the trigger; the entity types in the sentence and the nearest entity type right after and
left of the trigger. No sentence length or trigger count (the gold's sentence selection
shows in them). Always train with --cv --write: --write alone stores no CV figures.
Features seen in fewer than {min_df} training candidates are dropped; L2 logistic regression
(liblinear, class_weight balanced, random_state 0). Trained {date} with scikit-learn {skv}.

## Limits

- The cross-validated figures are the honest ones, but not blind: the feature set (the
  context features and word classes count/crowd/purpose/background were added, and other
  candidates dropped, while looking at cross-validated figures of this visible half) and
  two PROTEST lexicon entries (the crowd nouns متظاهر/محتج in triggers.yaml) were chosen while
  looking at cross-validated figures and at missed "yes" rows of this visible half. The blind
  half is the evaluation.
- PROTEST has 47 "yes" rows: its figures move by several points with one fold's threshold.
- The gold's "difficult no" rows (one annotator of three accepting) include many plain attack
  reports; the gate learns the annotators' strict notion of a codeable sentence.
- Domain: the gold sentences are long background-heavy newswire sentences, without a
  publication date (the date-evidence feature treats the publication-month fallback as no
  evidence, as in training).
  {devcorpus}
  Only asserted mentions are gated (negated and modal mentions keep their events); other
  types are never gated.
- The issue's targets (detection F1 >= 0.70 ASSAULT, >= 0.60 PROTEST) are not met at either
  operating point. Out of fold, the ASSAULT false alarms with the highest scores are almost
  all "difficult no" rows that read as plain attack reports (a toll, a suicide car bomb, a
  place and a day, but no perpetrator named): the annotators' notion of a codeable sentence
  (a source actor, a target) is only partly in the sentence's words; PROTEST positives are 47, and
  the "no" rows hold many sentences about a protest reported elsewhere (slogans, banners).
  In-sample (`scripts/eval_event_gsr.py`), most ASSAULT false alarms are "difficult no" rows.
- The sanity set, the condemnation/verbal-attack/sports cues (cues.yaml) and the lexicon entries
  طعن, قذيفة + هاون and the bare past أضرب were written while looking at the sanity set's misses
  under the earlier model: it checks the operating point, it is no blind test.
"""


def main() -> None:
    global DROP, BETA, FLOOR, OPERATING_POINT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cv", action="store_true", help="k-fold cross-validation of the whole detection")
    ap.add_argument("--write", action="store_true", help="train on all rows and write the shipped model")
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--beta", type=float, default=BETA,
                    help="maximise F-beta (beta > 1 favours recall) under the lexicon-recall floor")
    ap.add_argument("--no-floor", action="store_true",
                    help="no recall floor: the threshold maximises F-beta at any recall (with --beta 1: the F1 point)")
    ap.add_argument("--drop", default="", help="comma-separated feature prefixes to leave out (e.g. u=,b=)")
    a = ap.parse_args()
    DROP = tuple(x for x in a.drop.split(",") if x)
    BETA = a.beta
    FLOOR = not a.no_floor
    OPERATING_POINT = (f"max F{BETA:g} s.t. recall >= lexicon recall (inner CV)" if FLOOR
                       else f"max F{BETA:g} (inner CV), no recall floor")
    if not (a.cv or a.write):
        ap.error("nothing to do: --cv and/or --write")
    rows_all = load(a.data)
    print(f"{len(rows_all)} rows; running the pipeline (without events) on each …", flush=True)
    prepare(rows_all)
    types = [t for t in classifier.gated_types() if any(r["type"] == t for r in rows_all)]
    cv: dict[str, dict] = {}
    counts = []
    for etype in types:
        rows = [r for r in rows_all if r["type"] == etype]
        npos = sum(r["gold"] for r in rows)
        ncand = sum(bool(r["cands"]) for r in rows)
        pcand = sum(bool(r["cands"]) and r["gold"] for r in rows)
        counts.append(f"- {etype}: {len(rows)} rows ({npos} yes, {len(rows) - npos} no); {ncand} with a trigger "
                      f"candidate ({pcand} of the yes rows: the recall ceiling is {pcand / npos:.3f})")
        print(counts[-1])
        if a.cv:
            cv[etype] = cross_validate(rows, etype, a.k, a.seed)
            c = cv[etype]
            print(f"CV {etype:8s} P {c['p']:.3f} R {c['r']:.3f} F1 {c['f1']:.3f}  (tp {c['tp']} fp {c['fp']} "
                  f"fn {c['fn']}; {a.k}-fold stratified, seed {a.seed}, nested C/threshold; {OPERATING_POINT})",
                  flush=True)
            # the other operating point, for the record (F1 at any recall <-> F2 above the lexicon's recall)
            shipped = (BETA, FLOOR, OPERATING_POINT)
            BETA, FLOOR = (1.0, False) if FLOOR else (2.0, True)
            OPERATING_POINT = (f"max F{BETA:g} s.t. recall >= lexicon recall (inner CV)" if FLOOR
                               else f"max F{BETA:g} (inner CV), no recall floor")
            alt = cross_validate(rows, etype, a.k, a.seed)
            BETA, FLOOR, OPERATING_POINT = shipped
            c["alt"] = {x: alt[x] for x in ("p", "r", "f1", "tp", "fp", "fn", "operating_point")}
            print(f"CV {etype:8s} P {alt['p']:.3f} R {alt['r']:.3f} F1 {alt['f1']:.3f}  (tp {alt['tp']} fp {alt['fp']} "
                  f"fn {alt['fn']}; the other operating point, not shipped: {alt['operating_point']})", flush=True)
            lx = c["lexicon"]
            print(f"   lexicon rules alone (no gate, no training): P {lx['p']:.3f} R {lx['r']:.3f} F1 {lx['f1']:.3f}",
                  flush=True)
    if not a.write:
        return
    import sklearn

    model: dict = {"format": "rawi-event-gate/1", "types": {}, "cv": cv,
                   "data": "openeventdata/arabic_event_gsr d8ff100 (visible half), MIT, (c) 2018 Open Event Data Alliance"}
    Cs = {}
    for etype in types:
        rows = [r for r in rows_all if r["type"] == etype]
        C, t, inner = select(rows, etype, a.k, a.seed)
        spec = fit(rows, C)
        gap = check_inference(spec, rows)
        print(f"final {etype}: C {C} threshold {t:.3f} (CV F{BETA:g} for the choice {inner:.3f}); {len(spec['weights'])} "
              f"weights; |sklearn - pure Python| <= {gap:.2e}")
        model["types"][etype] = public(spec) | {"threshold": round(t, 6), "C": C}
        Cs[etype] = C
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "event_classifier.json").write_text(json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n",
                                                   encoding="utf-8")
    cvtext = "\n".join(f"- {t}: P {c['p']:.3f} R {c['r']:.3f} F1 {c['f1']:.3f} (tp {c['tp']} fp {c['fp']} fn {c['fn']})"
                       for t, c in cv.items()) or "(not run: train with --cv --write)"
    cvtext += "".join(f"\n  (lexicon rules alone, no gate: {t} P {c['lexicon']['p']:.3f} R {c['lexicon']['r']:.3f} "
                      f"F1 {c['lexicon']['f1']:.3f})" for t, c in cv.items())
    sizes, sanity = sanity_check()
    alt = "\n".join(f"- {t}: P {c['alt']['p']:.3f} R {c['alt']['r']:.3f} F1 {c['alt']['f1']:.3f} (tp {c['alt']['tp']} "
                    f"fp {c['alt']['fp']} fn {c['alt']['fn']}; {c['alt']['operating_point']})"
                    for t, c in cv.items() if c.get("alt")) or "(not run)"
    (OUT_DIR / "EVENT_CLASSIFIER.md").write_text(CARD.format(
        op_text=OP_TEXT[FLOOR].format(beta=BETA), alt=alt, sanity_sizes=sizes, sanity=sanity, devcorpus=dev_corpus(),
        counts="\n".join(counts), k=a.k, seed=a.seed, cv=cvtext, C=", ".join(f"{t} {c}" for t, c in Cs.items()),
        min_df=MIN_DF, date=dt.date.today().isoformat(), skv=sklearn.__version__), encoding="utf-8")
    print(f"wrote {OUT_DIR / 'event_classifier.json'} and EVENT_CLASSIFIER.md")


if __name__ == "__main__":
    main()
