"""Normalisation for matching: one form for the many ways Arabic writes the same word.

Diacritics and tatweel go; alef/hamza forms become bare alef; ى→ي, ة→ه, ؤ→و, ئ→ي;
Arabic-Indic and Persian digits become ASCII; Persian ی ک become ي ك; presentation forms
fold through NFKC only where the text has them. ``normalize_with_map`` also returns, for
each character of the normalised string, its index in the original, so that matches on
the normalised form map back to exact source offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters dropped for matching: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel.
_DROP = "".join(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                 *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE),
                                 0x0640, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C])
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ه": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian
_TABLE = str.maketrans({**_FOLD, **{c: None for c in _DROP}})
# ASCII-only lowering keeps the one-to-one map (str.lower turns "İ" into two characters).
_TABLE_LOWER = str.maketrans({**_FOLD, **{c: None for c in _DROP},
                              **{chr(c): chr(c + 32) for c in range(0x41, 0x5B)}})
_DROP_RE = re.compile(f"[{re.escape(_DROP)}]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _prefold(text: str) -> str:
    # Presentation forms (ﻻ, ﺍ…) are rare; NFKC only when present, since it can change length.
    if _PRESENTATION.search(text):
        return unicodedata.normalize("NFKC", text)
    return text


def normalize(text: str, lower: bool = True) -> str:
    """The matching form of ``text`` (never shown to a user, never stored as the text)."""
    if len(text) <= _SHORT:
        return _normalize_short(text, lower)
    return _prefold(text).translate(_TABLE_LOWER if lower else _TABLE)


# Words are normalised again and again by every stage: remembered (short strings only).
_SHORT = 24


@lru_cache(maxsize=131072)
def _normalize_short(text: str, lower: bool) -> str:
    return _prefold(text).translate(_TABLE_LOWER if lower else _TABLE)


def normalize_with_map(text: str, lower: bool = True) -> tuple[str, list[int]]:
    """``(normalised, index)`` where ``index[i]`` is the offset in ``text`` of normalised char ``i``.

    Every folding is one character to one character except the dropped marks, so the
    map is the list of kept positions (presentation forms are folded one by one).
    """
    table = _TABLE_LOWER if lower else _TABLE
    if _PRESENTATION.search(text):
        chars: list[str] = []
        idx: list[int] = []
        for i, c in enumerate(text):
            for f in unicodedata.normalize("NFKC", c).translate(table):
                chars.append(f)
                idx.append(i)
        return "".join(chars), idx
    out = text.translate(table)
    if len(out) == len(text):
        idx = list(range(len(text)))
    else:
        idx = [i for i, c in enumerate(text) if c not in _DROP_SET]
    from rawi.arabic.glue import glue_points, unglue  # glue reads this module

    if glued := glue_points(text):
        out, idx = unglue(out, idx, glued)
    return out, idx


_DROP_SET = frozenset(_DROP)


def strip_diacritics(text: str) -> str:
    """Text without harakat and tatweel, letters otherwise unchanged."""
    return _DROP_RE.sub("", text)
