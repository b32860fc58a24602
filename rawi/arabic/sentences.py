"""Sentence and paragraph splitting with offsets.

A sentence ends at . ! ? ؟ (or a run of them, with any closing quotation marks or
brackets that follow, which belong to the sentence they close) followed by a space or
the end, and at every line break (a line is a paragraph or a heading). In scraped text a
period glued between two Arabic words ("المباشر.لكن") ends a sentence too. It does not end
at ".." (which joins the two parts of an Arabic headline), at "..." or "…" inside a
line, inside a number (3.5, 49.51%), after an abbreviation from the lexicon (د. م. ق.م.)
or after a single Latin capital (an initial: "George W. Bush").
"""

from __future__ import annotations

import re
from functools import lru_cache

_CLOSERS = re.escape("\"'”’»)]›}")
# a run of terminators (never "..": those join headline parts) + closers, then space or end
# or a period/question mark glued between two Arabic words ("المباشر.لكن", scraped text; not "أ.د")
_END_RE = re.compile(rf"([.!?؟]+)[{_CLOSERS}]*(?=\s|$)|\n"
                     r"|[.؟!](?<=[\u0621-\u064a]{3}[.؟!])(?=[\u0621-\u064a]{3})")
_INITIAL_RE = re.compile(r"(?:^|\s)[A-Z]$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from rawi.lexicon import load_lines

    return frozenset(load_lines("text/abbreviations.txt"))


def _ends_sentence(text: str, m: re.Match[str], begin: int, abbrev: frozenset[str]) -> bool:
    run = m.group(1)
    if run is None:  # a line break, or a glued period between two words
        return True
    if set(run) == {"."}:
        if len(run) >= 2:  # ".." joins headline parts; "..." is an ellipsis inside the line
            return False
        w0 = m.start()
        while w0 > begin and not text[w0 - 1].isspace():
            w0 -= 1
        word = text[w0:m.start()]
        if word in abbrev or word.lstrip("(«\"“") in abbrev:
            return False
        if _INITIAL_RE.search(text, max(begin, m.start() - 2), m.start()):
            return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, empty ones dropped."""
    abbrev = _abbreviations()
    out: list[tuple[int, int]] = []
    begin = 0
    for m in _END_RE.finditer(text):
        if _ends_sentence(text, m, begin, abbrev):
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
