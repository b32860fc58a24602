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


def features(words: list[str], infos: list[dict], others: tuple[str, ...] = (),
             ents: list[str | None] | None = None, clauses: list[int] | None = None) -> set[str]:
    """The binary features of one sentence for one type.

    ``words``: the sentence's normalised tokens; ``infos``: one dict per trigger mention of the
    type in the sentence (``i`` its index in ``words`` and the stage's reading of it, see
    ``rawi.events._info``); ``others``: the other event types triggered in the sentence;
    ``ents``: per word, the type of the entity mention it lies in (None: none); ``clauses``:
    per word, its clause number.
    """
    f: set[str] = set()
    classes = _classes()
    stems: list[str] = []
    wcls: list[frozenset[str]] = []  # per word: its word classes ("num" for a number)
    for n in words:
        if not n:
            wcls.append(frozenset())
            continue
        if n[0].isdigit():
            f.add("num")
            stems.append("<num>")
            wcls.append(frozenset(("num",)))
            continue
        if not ("\u0621" <= n[0] <= "\u064a"):
            wcls.append(frozenset())
            continue
        s = _stem(n)
        stems.append(s)
        f.add("u=" + n)
        f.add("s=" + s)
        ks = frozenset(k for k, ws in classes.items() if n in ws or s in ws)
        wcls.append(ks)
        for k in ks:
            f.add("c=" + k)
    _context(f, words, wcls, infos, ents, clauses)
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


def _context(f: set[str], words: list[str], wcls: list[frozenset[str]], infos: list[dict],
             ents: list[str | None] | None, clauses: list[int] | None) -> None:
    """Features of the sentence's structure and of the trigger's surroundings: casualty and
    crowd counts ("قتل 15 شخصا", "آلاف المتظاهرين"), the trigger heading the sentence or its
    first clause, a reporting verb or an open quote before it, background words
    ("منذ", "الماضي") and time words near it, the entity types in the sentence and next to it."""
    n = len(words)
    for k, c in enumerate(wcls):
        if "num" in c or "count" in c:
            near = wcls[max(0, k - 2): k] + wcls[k + 1: k + 3]
            for x in near:
                if "casualty" in x:
                    f.add("x.count_casualty")
                if "crowd" in x:
                    f.add("x.count_crowd")
    if ents is not None:
        for e in ents:
            if e:
                f.add("e." + e)
    quote = 0
    opens = []
    for w in words:
        opens.append(quote > 0)
        if w == "«" or w == "\u201c":
            quote += 1
        elif (w == "»" or w == "\u201d") and quote:
            quote -= 1
    for m in infos:
        i = m["i"]
        lead = sum(1 for w in words[:i] if w and "\u0621" <= w[0] <= "\u064a")
        if lead <= 2:
            f.add("t.head")
        if clauses is not None and clauses[i] == clauses[0]:
            f.add("t.clause0")
        if opens[i]:
            f.add("t.quoted")
        if any("reporting" in c for c in wcls[:i]):
            f.add("t.reported")
        for k in range(max(0, i - 4), min(n, i + 5)):
            if k == i:
                continue
            side = "L" if k < i else "R"
            for c in wcls[k]:
                if c in ("background", "deictic", "casualty", "count", "purpose", "stance"):
                    f.add(f"t.{side}c={c}")
        if ents is not None:
            for k in range(i + 1, min(n, i + 5)):
                if ents[k]:
                    f.add("t.Re=" + ents[k])
                    break
            for k in range(i - 1, max(-1, i - 4), -1):
                if ents[k]:
                    f.add("t.Le=" + ents[k])
                    break


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
