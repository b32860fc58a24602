"""Sentence and paragraph splitting with offsets.

A sentence ends at . ! ? ؟ (or a run of them) followed by space, or at a line break.
It does not end at a ".." joining two parts of a headline, inside a number (3.5), after
an abbreviation from the lexicon (د. ، م.), or before a closing quotation mark, which
belongs to the sentence it closes.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CLOSERS = "\"'”’»)]›"
_END_RE = re.compile(rf"(?<!\.)[.!?؟]+(?!\.)[{_CLOSERS}]*(?=\s|$)|\n")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from rawi.lexicon import load_lines

    return frozenset(load_lines("text/abbreviations.txt"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, empty ones dropped."""
    abbrev = _abbreviations()
    out: list[tuple[int, int]] = []
    begin = 0
    for m in _END_RE.finditer(text):
        if m.group() != "\n" and m.group()[0] == ".":
            # the word before the period: an abbreviation does not end a sentence
            w0 = m.start()
            while w0 > begin and not text[w0 - 1].isspace():
                w0 -= 1
            if text[w0:m.start()] in abbrev:
                continue
        _push(text, begin, m.end(), out)
        begin = m.end()
    _push(text, begin, len(text), out)
    return out


def _push(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line (a paragraph in a clean article text)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        _push(text, pos, pos + len(line), out)
        pos += len(line) + 1
    return out
