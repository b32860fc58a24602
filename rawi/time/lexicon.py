"""The time vocabulary (rawi/data/time/lexicon.yaml) compiled for matching.

Every form is normalised like the text (``rawi.arabic.normalize``) and split into tokens
the same way, so that one- and several-word forms ("كانون الثاني", "منتصف الليل") are
looked up token by token. Built once and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rawi.arabic.normalize import normalize
from rawi.lexicon import load_yaml

TOKEN_RE = re.compile(r"[0-9]+|[^\W\d_]+|\S")

# lexicon section -> category, and whether the entries carry a value (dict) or not (list)
_SECTIONS: dict[str, str] = {
    "months": "MONTH", "hijri_months": "HMONTH", "weekdays": "WEEKDAY", "ordinals": "ORD",
    "ordinal_tens": "ORDT", "cardinals": "CARD", "cardinal_tens": "CARDT", "hundreds": "HUND",
    "teen_suffix": "TEEN", "fractions": "FRAC", "units": "UNIT", "periods": "PERIOD",
    "directions": "DIR", "this_words": "THIS", "anaphora_demonstratives": "DEM",
    "anaphora_same": "SAME", "anaphora_same_before": "SAME_PRE", "deictic": "DEICTIC", "present_ref": "PRESENT_REF",
    "past_ref": "PAST_REF", "future_ref": "FUTURE_REF", "parts_of_day": "POD", "clock": "CLOCK",
    "minute_words": "MINUTE", "except_words": "EXCEPT", "mods": "MOD", "approx": "APPROX",
    "since": "SINCE", "ago_before": "BEFORE", "after": "AFTER", "within": "WITHIN", "until": "UNTIL",
    "range_from": "FROM", "range_to": "TO", "between": "BETWEEN", "on_words": "ON", "day_word": "DAYW",
    "month_word": "MONTHW", "year_word": "YEARW", "every": "EVERY", "adverb_sets": "ADVSET",
    "eras": "ERA", "holidays": "HOLIDAY", "not_weekday_before": "NOTWD_BEFORE",
    "not_weekday_after": "NOTWD_AFTER", "ago_from": "AGO_FROM", "not_ago_after": "NOT_AGO",
}
_WEAK = {"weak_months": "MONTH", "weak_weekdays": "WEEKDAY", "weak_parts_of_day": "POD"}
# one-letter proclitics (rawi/data/text/morphology.yaml): the conjunctions و ف, then ب ل ك
PROCLITICS_CONJ = "".join(load_yaml("text/morphology.yaml")["conjunction_proclitics"])
PROCLITICS_PREP = "".join(load_yaml("text/morphology.yaml")["preposition_proclitics"])
_PROCLITIC_LETTERS = PROCLITICS_CONJ + PROCLITICS_PREP


def toks(s: str) -> list[str]:
    return TOKEN_RE.findall(s)


@dataclass
class Lexicon:
    # first token -> list of (tokens, category, value), longest first
    entries: dict[str, list[tuple[tuple[str, ...], str, Any]]] = field(default_factory=dict)
    weak: set[tuple[str, str]] = field(default_factory=set)  # (category, normalised form)

    def add(self, form: str, cat: str, value: Any) -> None:
        t = tuple(toks(normalize(form)))
        if not t:
            return
        lst = self.entries.setdefault(t[0], [])
        if (t, cat, value) not in lst:
            lst.append((t, cat, value))
            lst.sort(key=lambda e: -len(e[0]))


def _clitic_forms(tok: str) -> list[tuple[str, str]]:
    """(form, clitic) readings of a token: as written, then without و/ف and ب/ل/ك (لل→ال)."""
    out = [(tok, "")]
    stage = [(tok, "")]
    if len(tok) > 2 and tok[0] in PROCLITICS_CONJ:
        stage.append((tok[1:], tok[0]))
        out.append((tok[1:], tok[0]))
    for f, c in stage:
        if len(f) > 2 and f[0] in PROCLITICS_PREP:
            out.append((f[1:], c + f[0]))
            if f.startswith("لل") and len(f) > 3:
                out.append(("ال" + f[2:], c + "ل"))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("time/lexicon.yaml")
    lex = Lexicon()
    for section, cat in _SECTIONS.items():
        body = data.get(section) or {}
        if isinstance(body, dict):
            for form, value in body.items():
                lex.add(str(form), cat, value)
        else:
            for form in body:
                lex.add(str(form), cat, str(form))
    for form, value in (data.get("cardinals") or {}).items():
        lex.add("ال" + str(form), "CARD_DEF", value)  # "الأيام الثلاثة الماضية"
    for form, value in (data.get("cardinal_tens") or {}).items():
        lex.add("ال" + str(form), "CARD_DEF", value)
    for section, cat in _WEAK.items():
        for form in data.get(section) or []:
            lex.weak.add((cat, " ".join(toks(normalize(str(form))))))
    return lex


# Categories that only link or qualify (a preposition, "هذا", "الماضي"…): an expression always holds
# at least one token of another category or a number.
CONNECTORS = frozenset({"FROM", "TO", "ON", "BETWEEN", "UNTIL", "AFTER", "BEFORE", "SINCE", "WITHIN", "APPROX",
                        "THIS", "DEM", "SAME", "DIR", "TEEN", "MINUTE", "EXCEPT", "NOTWD_BEFORE", "NOTWD_AFTER",
                        "EVERY", "CLOCK", "MOD", "DAYW", "MONTHW", "YEARW", "AGO_FROM", "NOT_AGO"})


@lru_cache(maxsize=1)
def _content_automaton():
    """An Aho-Corasick automaton of the tokens of non-connective entries, and the digits."""
    import ahocorasick

    lex = lexicon()
    connector_words = {t[0] for lst in lex.entries.values() for t, cat, _ in lst if cat in CONNECTORS and len(t) == 1}
    forms: set[str] = set()
    for lst in lex.entries.values():
        for t, cat, _ in lst:
            if cat in CONNECTORS:
                continue
            keep = [w for w in t if w not in connector_words and w[0].isalpha()] or [t[-1]]
            for w in keep:
                if len(w) < 2:
                    continue  # "م", "هـ" follow a number, which is found anyway
                forms.add(w)
                if w.startswith("ال") and len(w) > 4:
                    forms.add(w[2:])  # "للعام" is ل + ل + عام
    auto = ahocorasick.Automaton()
    for w in forms:
        auto.add_word(w, len(w))
    for d in "0123456789":
        auto.add_word(d, 0)
    auto.make_automaton()
    return auto


def content_hits(norm: str) -> list[tuple[int, int]]:
    """Where a normalised text holds a time word (whole, after up to two proclitic letters) or
    a digit: the places worth parsing."""
    out = []
    n = len(norm)
    for end, size in _content_automaton().iter(norm):
        e = end + 1
        if size == 0:
            out.append((end, e))
            continue
        if e < n and norm[e].isalnum():
            continue
        s = k = e - size
        while k > 0 and s - k < 2 and norm[k - 1] in _PROCLITIC_LETTERS:
            k -= 1
        if k > 0 and norm[k - 1].isalnum():
            continue
        out.append((k, e))
    out.sort()
    return out


@lru_cache(maxsize=1)
def first_forms() -> frozenset[str]:
    """Every normalised first token of a vocabulary entry (a quick filter before ``lookup``)."""
    return frozenset(lexicon().entries)


def lookup(tokens: list[str], i: int) -> dict[str, tuple[Any, int, str, bool]]:
    """Categories readable at token ``i``: cat -> (value, end token, clitic, weak), longest match first.

    Only the first token of a match may carry a proclitic.
    """
    word = tokens[i]
    single = _SINGLE.get(word)
    if single is not None:
        return {cat: (value, i + 1, clitic, weak) for cat, value, clitic, weak in single}
    lex = lexicon()
    found: dict[str, tuple[Any, int, str, bool]] = {}
    forms = _clitic_forms(word)
    only_single = True
    for form, clitic in forms:
        for t, cat, value in lex.entries.get(form, ()):
            n = len(t)
            if n > 1:
                only_single = False
            if tuple(tokens[i + 1:i + n]) != t[1:]:
                continue
            old = found.get(cat)
            if old is None or old[1] < i + n:
                weak = (cat, " ".join(t)) in lex.weak
                found[cat] = (value, i + n, clitic, weak)
    if only_single and len(_SINGLE) < 50_000:
        # the reading of a word with no several-word entry does not depend on its neighbours
        _SINGLE[word] = tuple((cat, v[0], v[2], v[3]) for cat, v in found.items())
    return found


_SINGLE: dict[str, tuple] = {}
