"""Sentence-level detection gate: does a trigger of a gated type report a codeable event?

A linear model (logistic regression, trained offline by scripts/train_event_classifier.py)
scores each sentence that holds trigger mentions of a gated type (ASSAULT, PROTEST): the
features are the events stage's own reading of those mentions (lemma, mode, tense, negation,
modality, the reference/anchoring filters, the arguments found, date evidence) and the
sentence's words (normalised unigrams, proclitic-stripped stems and stem bigrams, cue word
classes from cues.yaml). The model ships as plain data (rawi/data/events/models/*.json:
feature → weight, bias, threshold); inference here is a sum over a set, no ML library.

``features`` is the one feature function: training calls it through
``rawi.events.candidates`` and the stage through ``annotate``, so both see the same features.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache

from rawi.arabic.clitics import strip_proclitics
from rawi.events.arguments import cues
from rawi.lexicon import DATA

MODEL_FILE = "events/models/event_classifier.json"

_override: list[dict | None] = []  # a model installed by ``use`` (cross-validation)


@lru_cache(maxsize=1)
def _shipped() -> dict:
    p = DATA / MODEL_FILE
    if not p.exists():
        return {"types": {}}
    with p.open(encoding="utf-8") as fh:
        return json.load(fh)


def model() -> dict:
    """The model in force: the one installed by ``use``, else the shipped one."""
    if _override:
        return _override[-1] or {"types": {}}
    return _shipped()


@contextmanager
def use(m: dict | None):
    """Run the events stage with model ``m`` (None: no gate, every trigger passes to the lexicon rules)."""
    _override.append(m)
    try:
        yield
    finally:
        _override.pop()


def gated_types() -> tuple[str, ...]:
    """The types whose sentences are candidates for the gate (from cues.yaml)."""
    return tuple((cues().get("classifier") or {}).get("types", ()))


@lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    from rawi.arabic.normalize import normalize

    spec = (cues().get("classifier") or {}).get("word_classes") or {}
    return {k: frozenset(normalize(w) for w in v) for k, v in spec.items()}


@lru_cache(maxsize=200000)
def _stem(word: str) -> str:
    return strip_proclitics(word)


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    for c in cuts:
        if n <= c:
            return str(c)
    return f">{cuts[-1]}"


def features(words: list[str], infos: list[dict], others: tuple[str, ...] = ()) -> set[str]:
    """The binary features of one sentence for one type.

    ``words``: the sentence's normalised tokens; ``infos``: one dict per trigger mention of the
    type in the sentence (``i`` its index in ``words`` and the stage's reading of it, see
    ``rawi.events._info``); ``others``: the other event types triggered in the sentence.
    """
    f: set[str] = set()
    classes = _classes()
    stems: list[str] = []
    for n in words:
        if not n:
            continue
        if n[0].isdigit():
            f.add("num")
            stems.append("<num>")
            continue
        if not ("\u0621" <= n[0] <= "\u064a"):
            continue
        s = _stem(n)
        stems.append(s)
        f.add("u=" + n)
        f.add("s=" + s)
        for k, ws in classes.items():
            if n in ws or s in ws:
                f.add("c=" + k)
    for a, b in zip(stems, stems[1:], strict=False):
        f.add(f"b={a}_{b}")
    # no sentence length, trigger count or position: the gold's sentence selection shows in
    # them (long sentences, several triggers), news text does not share it
    passing = 0
    for m in infos:
        lem = m["lemma"]
        f.add("t.lemma=" + lem)
        f.add("t.mode=" + str(m["mode"]))
        f.add(f"t.form={m['pos']}:{m['tense'] or '-'}:{'def' if m['definite'] else 'indef'}")
        if m["plural"]:
            f.add("t.plural")
        f.add("t.neg" if m["negated"] else "t.pos")
        f.add("t.modality=" + str(m["modality"]))
        if m["unreported"]:
            f.add("t.unreported")
        if m["generic"]:
            f.add("t.generic")
        if not (m["unreported"] or m["generic"]):
            passing += 1
        if not (m["negated"] or m["modality"]):
            f.add("t.asserted")
        for role in ("actor", "target", "location"):
            f.add(f"t.{role}={int(bool(m[role]))}")
        f.add(f"t.date={m['date']}")
        i = m["i"]
        left = _stem(words[i - 1]) if i > 0 else "<s>"
        right = _stem(words[i + 1]) if i + 1 < len(words) else "</s>"
        f.add("t.L=" + left)
        f.add("t.R=" + right)
        f.add(f"t.lemL={lem}_{left}")
    f.add("t.passing=" + _bucket(passing, (0, 1)))
    for o in others:
        f.add("other=" + o)
    return f


def score(etype: str, feats: set[str], m: dict | None = None) -> float | None:
    """The linear score (log-odds) of ``feats`` under the model of ``etype``; None: no model."""
    spec = (m or model())["types"].get(etype)
    if spec is None:
        return None
    w = spec["weights"]
    return spec["bias"] + sum(w.get(x, 0.0) for x in feats)


def decide(etype: str, feats: set[str]) -> tuple[bool, float] | None:
    """(accepted, score) for a gated type; None when the model has no entry for it."""
    spec = model()["types"].get(etype)
    if spec is None:
        return None
    s = spec["bias"] + sum(spec["weights"].get(x, 0.0) for x in feats)
    return s >= spec["threshold"], s
