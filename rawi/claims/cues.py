"""Reporting cues: the lexicon generated from ``data/claims/cues.yaml`` and the words of a text.

Each verb is described once (past and present stems, participle, masdars, passive forms,
what may open its content) and every inflected surface form is generated from that:
third, second and first person, masculine/feminine, singular/dual/plural, with the
conjunctions و ف. Matching runs on the normalised text (``normalize_with_map``): a word's
normalised form is looked up, and its offsets are those of the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rawi.arabic.normalize import normalize, normalize_with_map
from rawi.lexicon import load_yaml

DATA = "claims/cues.yaml"

FINITE, PARTICIPLE, MASDAR, PASSIVE = "finite", "participle", "masdar", "passive"


@dataclass(frozen=True, slots=True)
class CueForm:
    """One reading of a surface form."""

    lemma: str
    form: str  # finite | participle | masdar | passive
    person: int  # 1, 2, 3 (participles and masdars: 3)
    plural: bool  # the verb carries a dual/plural subject suffix: no singular subject after it
    stance: str
    opens: tuple[str, ...]
    recipient: bool = False
    relay: str = ""  # normalised preposition naming the original speaker (نقل عن)
    after_quote: bool = False
    marked: bool = False  # spelled like an active form; passive only with a damma on the first letter


@dataclass(slots=True)
class Word:
    """A token of the document with its normalised form (punctuation included)."""

    i: int
    start: int
    end: int
    text: str
    norm: str
    kind: str  # ar | num | lat | punct


# ---- generation ------------------------------------------------------------------------
@cache
def _conj(key: str) -> tuple:
    """A table of the ``conjugation`` section of the data file: rows as tuples
    ([suffix, person, plural], [prefix, suffix, person, plural]) or a list of affixes."""
    return tuple(tuple(r) if isinstance(r, list) else str(r) for r in load_yaml(DATA)["conjugation"][key])


@cache
def rule_words(key: str) -> tuple[str, ...]:
    """A word list of the claim rules (``rule_words`` in the data file), normalised on loading
    like the tokens it is compared with (ى → ي, ة → ه, أ إ آ → ا, marks dropped)."""
    return tuple(normalize(str(w)) for w in load_yaml(DATA)["rule_words"][key])


@cache
def rule_set(key: str) -> frozenset[str]:
    """``rule_words(key)`` as a set."""
    return frozenset(rule_words(key))


def _past_forms(entry: dict) -> list[tuple[str, int, bool]]:
    past = entry.get("past")
    if not past:
        return []
    weak = entry.get("weak", "none")
    out: list[tuple[str, int, bool]] = []
    if weak == "final":
        base, long = past[:-1], entry.get("long", past[:-1] + "ي")
        stems = {"past": past, "base": base, "long": long}
        out += [(stems[st] + s, p, pl) for st, s, p, pl in _conj("past_weak_final")]
        out += [(long + s, p, pl) for s, p, pl in _conj("past_consonant")]
    else:
        short = entry.get("short", past) if weak == "hollow" else past
        out += [(past + s, p, pl) for s, p, pl in _conj("past_vowel")]
        out += [(short + s, p, pl) for s, p, pl in _conj("past_consonant")]
    return out


def _present_forms(entry: dict) -> list[tuple[str, int, bool]]:
    pres = entry.get("present")
    if not pres:
        return []
    stem = pres[1:]
    final = entry.get("weak") == "final"
    out = []
    for pre, suf, p, pl in _conj("present"):
        s = stem
        if final and suf in _conj("weak_final_drop"):
            s = stem[:-1]
        out.append((pre + s + suf, p, pl))
    return out


def _with_conjunctions(form: str) -> list[tuple[str, bool]]:
    return [(form, False), ("و" + form, True), ("ف" + form, True)]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[CueForm, ...]]:
    """Normalised surface form → readings (third-person readings first)."""
    data = load_yaml(DATA)
    table: dict[str, list[CueForm]] = {}

    def add(surface: str, cf: CueForm) -> None:
        for s, _ in _with_conjunctions(surface):
            key = normalize(s)
            lst = table.setdefault(key, [])
            if cf not in lst:
                lst.append(cf)

    for e in data["verbs"]:
        lemma = e.get("past") or e["present"]
        opens = tuple(e.get("opens", ()))
        common = {"lemma": lemma, "stance": e.get("stance", "assertion"), "opens": opens,
                  "recipient": bool(e.get("recipient")), "after_quote": bool(e.get("after_quote")),
                  "relay": normalize(e.get("relay", ""))}
        forms = _past_forms(e) + _present_forms(e) + [(x, 3, False) for x in e.get("extra", [])]
        # third person first, so that an ambiguous spelling (أكدت: she/I) reads as third
        forms.sort(key=lambda f: f[1] != 3)
        for surface, person, plural in forms:
            add(surface, CueForm(form=FINITE, person=person, plural=plural, **common))
        if e.get("recipient"):
            # the person told as an object pronoun: أبلغه، أبلغته، أبلغوه، يبلغهم
            for surface, person, plural in forms:
                if person != 3:
                    continue
                stem = surface[:-1] if surface.endswith(_conj("plural_before_object")) else surface  # أبلغوا → أبلغوه
                for obj in _conj("object_pronouns"):
                    add(stem + obj, CueForm(form=FINITE, person=person, plural=plural, **common))
        if e.get("participle"):
            for suf in _conj("participle_suffixes"):
                stem = e["participle"]
                add(stem + suf, CueForm(form=PARTICIPLE, person=3, plural=suf not in _conj("participle_singular"), **common))
        for m in e.get("masdar", []):
            add(m, CueForm(form=MASDAR, person=3, plural=False, **common))
        for p in e.get("passive", []):
            add(p, CueForm(form=PASSIVE, person=3, plural=False, **common))
        for p in e.get("passive_marked", []):
            add(p, CueForm(form=PASSIVE, person=3, plural=False, marked=True, **common))
    for k, v in table.items():
        # a passive form spelled like an active one comes after the active reading
        v.sort(key=lambda c: (c.person != 3, c.marked))
        table[k] = v
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def complementisers() -> frozenset[str]:
    """Normalised complementiser tokens: أن إن بأن فإن, bare or with a pronoun suffix."""
    data = load_yaml(DATA)
    out = set()
    for c in data["complementisers"]:
        n = normalize(c)
        out.add(n)
        for s in data["pronoun_suffixes"]:
            out.add(n + normalize(s))
    out.difference_update(rule_words("not_complementisers"))  # the pronoun "I"
    return frozenset(out)


@cache
def word_set(key: str) -> frozenset[str]:
    """A list from the data file as a set of normalised entries."""
    return frozenset(normalize(w) for w in load_yaml(DATA).get(key, []))


@cache
def phrases(key: str) -> tuple[tuple[str, ...], ...]:
    """A list from the data file as tuples of normalised words, longest first."""
    out = [tuple(normalize(w).split()) for w in load_yaml(DATA).get(key, [])]
    return tuple(sorted(out, key=len, reverse=True))


def readings(word: Word) -> tuple[CueForm, ...]:
    """The cue readings of a word (empty when it is no cue), passive decided by the marks."""
    cands = lexicon().get(word.norm)
    if not cands:
        return ()
    out = []
    damma = _first_letter_damma(word.text)
    for c in cands:
        if c.form == PASSIVE and c.marked:
            if damma:
                return (c,)
            continue
        out.append(c)
    return tuple(out)


def _first_letter_damma(surface: str) -> bool:
    """أُبلغ / وأُبلغ / يُذكر: a damma on the first letter of the verb (after و ف)."""
    s = surface
    if len(s) > 2 and s[0] in "وف" and s[1] not in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652":
        s = s[1:]
    return len(s) > 1 and s[1] == "\u064f"


_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=131072)
def norm_map(token: str) -> tuple[str, tuple[int, ...]]:
    """``normalize_with_map`` of one token, cached: news vocabulary repeats a lot."""
    n, idx = normalize_with_map(token)
    return n, tuple(idx)


def conj_offset(token: str) -> int:
    """Offset in ``token`` of the letter after a leading و/ف (its diacritics skipped)."""
    n, idx = norm_map(token)
    return idx[1] if len(idx) > 1 else len(token)


class Words:
    """The document's tokens with their normalised forms, as ``Word`` records made on demand.

    Matching runs on the normalised forms (``norms``); offsets are the tokens' own.
    """

    __slots__ = ("toks", "norms", "starts", "_cache", "n")

    def __init__(self, toks):
        self.toks = toks
        self.norms = [norm_map(t.text)[0] for t in toks]
        self.starts = [t.start for t in toks]
        self.n = len(toks)
        self._cache: list[Word | None] = [None] * self.n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: int) -> Word:
        w = self._cache[k]
        if w is None:
            if k < 0:
                k += self.n
            t = self.toks[k]
            w = self._cache[k] = Word(k, t.start, t.end, t.text, self.norms[k], t.kind)
        return w

    def __iter__(self):
        for k in range(len(self.toks)):
            yield self[k]


def words(doc) -> Words:
    """The document's words (tokens of ``doc.tokens`` with normalised forms)."""
    return Words(doc.tokens)


@lru_cache(maxsize=1)
def _idioms_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases("idioms"):
        out.setdefault(ph[0], []).append(ph)
    return {k: tuple(v) for k, v in out.items()}


def idiom_at(ws: Words, i: int) -> bool:
    """The cue at ``ws[i]`` opens an idiom that reports nothing (قال كلمته، أشار بيده)."""
    n = ws.norms[i]
    by_first = _idioms_by_first()
    cands = by_first.get(n) or (by_first.get(n[1:]) if n[:1] in ("و", "ف") else None)
    if not cands:
        return False
    for ph in cands:
        if _match(ws, i, ph):
            return True
        # the subject may stand inside the idiom: أشار الحكم بيده، قال النجم كلمته
        for gap in range(1, 4):
            k = i + 1 + gap
            if k >= len(ws) or any(ws[t].kind == "punct" for t in range(i + 1, k)):
                break
            if _match_rest(ws, k, ph[1:]):
                return True
    return False


def _match_rest(ws: Words, k: int, rest: tuple[str, ...]) -> bool:
    if k + len(rest) > len(ws):
        return False
    return all(ws.norms[k + t] == p for t, p in enumerate(rest))


def _match(ws: Words, i: int, ph: tuple[str, ...]) -> bool:
    if i + len(ph) > len(ws):
        return False
    for k, p in enumerate(ph):
        n = ws[i + k].norm
        if k == 0 and n != p and n[:1] in ("و", "ف") and n[1:] == p:
            continue
        if n != p:
            return False
    return True
