"""Dictionary matching of names over normalised text (Aho-Corasick, pyahocorasick).

Patterns are normalised forms (``rawi.arabic.normalize``: hamza/alef, ى/ي, ة/ه folded,
diacritics dropped), so "اردوغان" finds "أردوغان". The text is normalised once with its
offset map (``normalize_with_map``), every hit is checked for word boundaries and mapped
back to exact offsets in the document text.

Boundaries allow Arabic proclitics in front of a name: the conjunctions و ف, the
prepositions ب ل ك and their chains (وب، ول، فب …). The mention covers the name only,
not the clitic: "ببوتين" gives the span of "بوتين", "لصقر" that of "صقر". A name that
starts with the article is also found after the preposition ل, where the two fuse into
"لل" ("للقصر الجمهوري"); there the span covers the whole word, since the article is
part of it. Forms marked ``article`` (adjectives, demonyms: "روسي", "الروس") may also take
the article in front ("الروسي", "بالروسي"), and their span includes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from rawi.arabic.normalize import normalize_with_map
from rawi.lexicon import load_yaml

# Proclitic chains allowed in front of a name in the same word (normalised letters), built
# once from rawi/data/text/morphology.yaml: و ف, then ب ل ك; the article after و ف ب ك, and
# the fused لل.
_MORPH = load_yaml("text/morphology.yaml")
_OUTER = ("", *_MORPH["conjunction_proclitics"])
_INNER = ("", *_MORPH["preposition_proclitics"])
PROCLITICS = frozenset(o + i for o in _OUTER for i in _INNER)
ARTICLE_CHAINS = frozenset(o + i + _MORPH["article"] for o in _OUTER for i in ("", *_MORPH["article_prepositions"])) | \
    frozenset(o + _MORPH["fused_article"] for o in _OUTER)


class Hit(NamedTuple):
    """One boundary-checked occurrence of a pattern."""

    start: int  # offsets into the original text (the mention span)
    end: int
    form: str  # the normalised pattern that matched
    payload: tuple  # what the pattern was registered with
    prefix: str  # the normalised proclitics in front of the span, in the same word ("و", "ب", "")


def is_word_char(c: str) -> bool:
    return c.isalnum()


class NormText:
    """A document text in matching form with its offset map (built once per document)."""

    __slots__ = ("text", "norm", "index")

    def __init__(self, text: str):
        self.text = text
        self.norm, self.index = normalize_with_map(text)

    def orig(self, i: int) -> int:
        """Offset in the original text of normalised position ``i`` (``len`` maps to the end)."""
        return self.index[i] if i < len(self.index) else len(self.text)

    def orig_end(self, j: int) -> int:
        """Original end offset (exclusive) of a normalised span ending at ``j``."""
        return self.index[j - 1] + 1 if j > 0 else 0


class Matcher:
    """An automaton over normalised forms; ``add`` patterns, then ``find`` in a ``NormText``."""

    def __init__(self) -> None:
        self._auto = ahocorasick.Automaton()
        self._entries: dict[str, list[tuple[str, str, tuple]]] = {}
        self._built = False

    def add(self, form: str, payload: tuple, article: bool = False) -> None:
        """Register normalised ``form``; ``article``: it may also carry the article in front."""
        form = " ".join(form.split())
        if not form:
            return
        self._put(form, form, "plain", payload)
        if form.startswith("ال") and len(form) > 3:
            self._put("ل" + form[2:], form, "lil", payload)
        if article and not form.startswith("ال"):
            self._put(form, form, "article", payload)

    def _put(self, key: str, form: str, mode: str, payload: tuple) -> None:
        lst = self._entries.get(key)
        if lst is None:
            lst = self._entries[key] = []
        entry = (form, mode, payload)
        if entry not in lst:
            lst.append(entry)
        self._built = False

    def __len__(self) -> int:
        return len(self._entries)

    def build(self) -> Matcher:
        self._auto = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            self._auto.add_word(key, (len(key), tuple(entries)))
        if self._entries:
            self._auto.make_automaton()
        self._built = True
        return self

    def find(self, nt: NormText) -> list[Hit]:
        """Every boundary-checked hit, in text order (overlaps kept; the caller chooses)."""
        if not self._built:
            self.build()
        if not self._entries:
            return []
        norm = nt.norm
        n = len(norm)
        out: list[Hit] = []
        for last, (klen, entries) in self._auto.iter(norm):
            j = last + 1
            i = j - klen
            if j < n and is_word_char(norm[j]):
                continue
            s = i
            while s > 0 and is_word_char(norm[s - 1]):
                s -= 1
            before = norm[s:i]
            for form, mode, payload in entries:
                if mode == "plain":
                    if before in PROCLITICS:
                        out.append(Hit(nt.orig(i), nt.orig_end(j), form, payload, before))
                elif mode == "lil":
                    # key "لقصر…" must follow one more ل: the word is "للقصر…" (ل + ال fused)
                    if before[-1:] == "ل" and before[:-1] in _OUTER:
                        out.append(Hit(nt.orig(i - 1), nt.orig_end(j), form, payload, before[:-1] + "ل"))
                elif mode == "article":
                    if before in ARTICLE_CHAINS:
                        k = len(before) - 2  # the span starts at the article (ال or لل)
                        out.append(Hit(nt.orig(s + k), nt.orig_end(j), form, payload, before[:k]))
        out.sort(key=lambda h: (h.start, -h.end))
        return out


def leftmost_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Non-overlapping hits: at each point the longest one wins (ties: first registered)."""
    out: list[Hit] = []
    last_end = -1
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out
