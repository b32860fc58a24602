"""Proclitic segmentation: و ف (conjunctions), ب ك ل (prepositions), ال and لل (article).

Guarded by a lexicon: a word that itself starts with one of these letters (وزير، بشار،
فلاديمير، لبنان) is never split, and after the preposition ل a protected word keeps its
own ل ("للقاء" is ل + لقاء, "للبنان" is ل + لبنان). A prefix is taken off only when enough of a stem is
left. Returns the parts as offsets into the token, so the stem can be mapped back to the
source text (``ببوتين`` → prefix ``ب`` at 0:1, stem ``بوتين`` at 1:6).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rawi.arabic.normalize import normalize


class Segment(NamedTuple):
    prefixes: tuple[str, ...]  # normalised clitics, outermost first: ("و", "ب", "ال")
    stem_start: int  # offset of the stem inside the token
    stem: str  # normalised stem (article removed)


@lru_cache(maxsize=1)
def _protected() -> frozenset[str]:
    from rawi.lexicon import load_lines

    return frozenset(normalize(w) for w in load_lines("text/clitic_protected.txt"))


def _index_map(token: str) -> list[int]:
    from rawi.arabic.normalize import normalize_with_map

    return normalize_with_map(token)[1]


@lru_cache(maxsize=65536)
def segment(token: str) -> Segment:
    """Split the proclitics off one surface token; unknown-safe (keeps the word whole when unsure)."""
    norm = normalize(token)
    protected = _protected()
    prefixes: list[str] = []
    i = 0
    if norm in protected:
        return Segment((), 0, norm)
    # conjunction و / ف
    if len(norm) - i >= 4 and norm[i] in "وف" and norm[i:] not in protected:
        prefixes.append(norm[i])
        i += 1
    # لل = ل + ال ("للرئيس"), or ل before a protected word that starts with ل ("للقاء", "للبنان")
    if norm.startswith("لل", i) and len(norm) - i >= 4 and norm[i:] not in protected:
        if norm[i + 1:] in protected:
            prefixes.append("ل")
            i += 1
        else:
            prefixes += ["ل", "ال"]
            i += 2
    else:
        if len(norm) - i >= 4 and norm[i] in "بكل" and norm[i:] not in protected:
            if norm.startswith("ال", i + 1):
                prefixes.append(norm[i])
                i += 1
        if norm.startswith("ال", i) and len(norm) - i >= 4 and norm[i:] not in protected:
            prefixes.append("ال")
            i += 2
    if not prefixes:
        return Segment((), 0, norm)
    idx = _index_map(token)
    return Segment(tuple(prefixes), idx[i] if i < len(idx) else len(token), norm[i:])


def strip_proclitics(token: str) -> str:
    """The normalised stem of ``token`` (with its article removed)."""
    return segment(token).stem


def readings(token: str) -> list[tuple[int, str]]:
    """Every plausible ``(stem_start, normalised_stem)`` of a token, the whole word first.

    For lookups against a lexicon (names, cue verbs): the caller keeps the first reading
    whose stem it knows, so "ببوتين" finds "بوتين" and "وزير" stays "وزير" when the
    lexicon knows it. Stems shorter than two letters are never offered.
    """
    norm = normalize(token)
    out = [(0, norm)]
    if norm in _protected():
        return out
    idx = None
    for pre in _PREFIX_CHAINS:
        if norm.startswith(pre) and len(norm) - len(pre) >= 2:
            if idx is None:
                idx = _index_map(token)
            n = len(pre)
            out.append((idx[n] if n < len(idx) else len(token), norm[n:]))
    return out


# Proclitic chains a stem may carry, longest first within each family.
_PREFIX_CHAINS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
                  "وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
