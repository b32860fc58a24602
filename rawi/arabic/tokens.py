"""Tokens with offsets over mixed Arabic/Latin text.

A token is a stretch of the source text (surface form); clitic-split words are a
separate view (``rawi.arabic.clitics``), as in stanza's Token/Word split. Script changes
split tokens ("CNNالعربية" → "CNN", "العربية"); diacritics and tatweel stay inside their
word; numbers keep their decimal and thousands separators ("3.5", "١٬٢٠٠"); URLs and e-mail
addresses are one token each; ".." and "…" are one punctuation token.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from rawi.arabic.glue import split_word

# quotation marks, as tokens: a name or a quotation in the text stands between two of them
QUOTE_MARKS = frozenset('"«»“”')

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_AR_LETTERS = "\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

_URL = r"(?:https?://|www\.)[^\s<>\"«»“”]*[^\s<>\"«»“”.,،؛:!?؟)\]]"
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# Arabic words first: they are most tokens, and the other branches never start with an Arabic letter.
_TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR_LETTERS}][{_AR_LETTERS}{_MARKS}]*)"
    rf"|(?P<url>{_URL}|{_EMAIL})"
    rf"|(?P<num>[{_DIGITS}]+(?:[.,\u066b\u066c:/][{_DIGITS}]+)*)"
    rf"|(?P<lat>[^\W\d_{_AR_LETTERS}{_MARKS}]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>\.\.+|…|[^\s])"
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "ar" (Arabic word), "num", "lat" (other-script word), "url" (URL or e-mail), "punct"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    Two Arabic words glued by a lost space (``rawi.arabic.glue``: "مراسلةالميادين",
    "مراسلالميادين") are two tokens.
    """
    end = len(text) if end is None else end
    new = tuple.__new__  # a NamedTuple built without its Python-level __new__: the hot loop of the layer
    toks = [new(Token, (*m.span(), m.group(), m.lastgroup)) for m in _TOKEN_RE.finditer(text, start, end)]
    glued = [k for k, t in enumerate(toks) if t.kind == "ar" and split_word(t.text)]
    for k in reversed(glued):  # split in place, last first, so earlier indices stay valid
        t = toks[k]
        cuts = (0, *split_word(t.text), len(t.text))
        toks[k:k + 1] = [Token(t.start + a, t.start + b, t.text[a:b], "ar") for a, b in itertools.pairwise(cuts)]
    return toks


def iter_words(text: str, start: int = 0, end: int | None = None):
    """Only word and number tokens (no punctuation), lazily."""
    end = len(text) if end is None else end
    for t in tokenize(text, start, end):
        if t.kind != "punct":
            yield t
