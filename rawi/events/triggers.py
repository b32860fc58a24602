"""Event triggers: compact per-lemma lexicon entries, inflected, matched on normalised words.

``rawi/data/events/triggers.yaml`` lists, per PLOVER type and mode, verbs as "PAST PRESENT"
(third person masculine singular) and event nouns (masdars) with their plurals. Here the
entries become every inflected form (persons, numbers, genders; unvoweled passives share
the letters), and a word of the text is looked up under each of its clitic readings
(و ف، ب ل ك س، ال and لل، possessive suffixes). Matches are whole words of the text, so
word boundaries hold and offsets are the token's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from rawi.arabic.normalize import normalize
from rawi.lexicon import load_lines, load_yaml

TANWIN = "\u064b"  # marks the tanwin-alef reading in place of an enclitic


@cache
def affixes(key: str) -> tuple[str, ...]:
    """An affix inventory of rawi/data/text/morphology.yaml (past_suffixes, present_prefixes,
    present_suffixes, enclitics, plural_noun_endings), normalised, in the file's order."""
    return tuple(normalize(a) for a in load_yaml("text/morphology.yaml")[key])


@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    mode: str | None
    pos: str  # "verb" | "noun"
    lemma: str
    cont: tuple[str, ...]  # normalised continuation words; empty: none required
    plural: bool = False
    content: bool = False  # the type takes a content complement (request, refusal, threat …)
    tense: str = ""  # "past" | "present" for verbs


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    tok: int  # index into the sentence's word list
    entry: Entry
    proclitics: str  # normalised proclitics taken off ("و", "وال", "س" …)
    enclitic: str  # possessive/object suffix taken off ("ه", "هم" …)

    @property
    def definite(self) -> bool:
        return "ال" in self.proclitics or "لل" in self.proclitics

    @property
    def future(self) -> bool:
        return self.proclitics.endswith("س")


def verb_forms(spec: str) -> dict[str, str]:
    """``"قصف يقصف | extra …"`` → {normalised form: tense}."""
    main, _, extra = spec.partition("|")
    words = main.split()
    out: dict[str, str] = {}
    past = normalize(words[0])
    if past.endswith("ي"):  # weak final (ى): only the listed forms
        out[past] = "past"
    else:
        for s in affixes("past_suffixes"):
            out.setdefault(past + s, "past")
    if len(words) > 1:
        stem = normalize(words[1])[1:]
        weak = stem.endswith(("ي", "و"))
        for p in affixes("present_prefixes"):
            for s in ("",) if weak else affixes("present_suffixes"):
                out.setdefault(p + stem + s, "present")
    for w in extra.split():
        w = normalize(w)
        # a present prefix makes a present form, unless the form starts like the past itself
        # (تصدت of تصدى، اعتدت of اعتدى، التقت of التقى: past forms whose first letter is ت or ا)
        present = w[:1] in affixes("present_prefixes") and not w.startswith(past[:2])
        out.setdefault(w, "present" if present else "past")
    return out


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[Entry, ...]]:
    """Normalised form → the entries it may realise (more specific ones, with continuations, first)."""
    data = load_yaml("events/triggers.yaml")
    table: dict[str, list[Entry]] = {}
    for etype, modes in data.items():
        content = bool(modes.get("content"))
        for mode, spec in modes.items():
            if mode == "content":
                continue
            for item in spec.get("verbs", []) or []:
                head, _, cont = item.partition("+")
                conts = tuple(normalize(c) for c in cont.replace("+", " ").split())
                lemma = normalize(head.split("|")[0].split()[0])
                for form, tense in verb_forms(head).items():
                    table.setdefault(form, []).append(
                        Entry(etype, mode, "verb", lemma, conts, False, content, tense))
            for item in spec.get("nouns", []) or []:
                head, _, cont = item.partition("+")
                conts = tuple(normalize(c) for c in cont.replace("+", " ").split())
                forms = [normalize(w) for w in head.split()]
                for i, form in enumerate(forms):
                    table.setdefault(form, []).append(
                        Entry(etype, mode, "noun", forms[0], conts, i > 0 or form.endswith(affixes("plural_noun_endings")),
                              content))
    return {k: tuple(sorted(v, key=lambda e: not e.cont)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _protected() -> frozenset[str]:
    """Words whose first letters are not clitics (وزارة، فلسطين، لبنان): rawi's shared list, and
    the events lexicon's own (``not_clitics`` in events/cues.yaml: "فائدة" is no ف + أيده)."""
    own = load_yaml("events/cues.yaml").get("not_clitics") or []
    return frozenset(normalize(w) for w in (*load_lines("text/clitic_protected.txt"), *own))


@lru_cache(maxsize=65536)
def readings(word: str) -> list[tuple[str, str, str]]:
    """``(stem, proclitics, enclitic)`` readings of a normalised word, fewest strips first."""
    pros = [("", word)]
    if word in _protected():
        return [(word, "", "")]
    if len(word) > 3 and word[0] in "وف":
        pros.append((word[0], word[1:]))
    for p, v in list(pros):
        if v.startswith("لل") and len(v) > 4:  # ل + ال ("للقصف") or ل + a word in ل ("للقاء")
            pros.append((p + "لل", "ال" + v[2:]))
        if len(v) > 3 and v[0] in "بلكس":
            pros.append((p + v[0], v[1:]))
    for p, v in list(pros):
        if v.startswith("ال") and len(v) > 4:
            pros.append((p + "ال", v[2:]))
    out: list[tuple[str, str, str]] = []
    for p, v in pros:
        out.append((v, p, ""))
        if v.endswith("ا") and len(v) > 3:  # tanwin alef ("هجوما"): nouns only
            out.append((v[:-1], p, TANWIN))
        for suf in affixes("enclitics"):
            if v.endswith(suf) and len(v) - len(suf) >= 2:
                s = v[: -len(suf)]
                out.append((s, p, suf))
                if s.endswith("ت"):  # ta marbuta before a suffix: زيارته → زيارة
                    out.append((s[:-1] + "ه", p, suf))
                if s[-1] in "يو":  # hamza seat: لقائه → لقاء
                    out.append((s[:-1] + "ء", p, suf))
    return out


def _fits(entry: Entry, pro: str, enc: str) -> bool:
    if enc == TANWIN:  # the tanwin-alef reading
        return entry.pos == "noun"
    if entry.pos == "verb":
        if "ال" in pro or "لل" in pro or pro.endswith(("ب", "ك")):
            return False
        if pro.endswith(("س", "ل")) and entry.tense != "present":
            return False
        return True
    if pro.endswith("س"):
        return False
    return not ("ال" in pro and enc)  # no article together with a possessive


def _cont_ok(entry: Entry, nexts: list[str]) -> bool:
    if not entry.cont:
        return True
    for w in nexts:
        for c in entry.cont:
            if len(c) == 1:
                if w.startswith(c) or w.startswith("و" + c):
                    return True
            elif any(r[0] == c or r[0] == normalize(c) for r in readings(w)[:6]) or w == c:
                return True
            elif c.startswith("ال") and any(r[0] == c[2:] for r in readings(w)):
                return True
    return False


@lru_cache(maxsize=200000)
def candidates(word: str) -> tuple[tuple[Entry, str, str], ...]:
    """Every ``(entry, proclitics, enclitic)`` a normalised word may realise, best first."""
    table = lexicon()
    out = []
    for stem, pro, enc in readings(word):
        for e in table.get(stem, ()):
            if _fits(e, pro, enc):
                out.append((e, pro, enc))
    return tuple(out)


def match_word(norm_words: list[str], i: int, window: int = 4) -> tuple[Entry, str, str] | None:
    """The entry the i-th word realises, with its clitics; None when it is no trigger."""
    cands = candidates(norm_words[i])
    if not cands:
        return None
    nexts = norm_words[i + 1: i + 1 + window]
    for e, pro, enc in cands:
        if _cont_ok(e, nexts):
            return e, pro, enc
    return None
