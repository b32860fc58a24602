"""Boilerplate removal: "read also" lines, share prompts, comment notices, tag runs, blank junk.

Works line by line on a text whose lines are paragraphs. The patterns live in
``rawi/data/ingest/boilerplate.yaml`` (kind -> regular expressions, matched on the
normalised line). Removed lines are returned as ``Removed(kind, text, offset)`` records,
``offset`` being where they stood in the clean text. Blank lines left behind collapse
into one paragraph break; lines are trimmed; line breaks become "\n" and control
characters other than tab go. Nothing else in the text changes (no Unicode
normalisation: offsets of gold annotations made on the source stay valid).

A final tag run ("أخبار سورياالقصر الجمهوريالنظام السوري...") is found structurally:
one of the last lines, short, without sentence punctuation, that either matches a
``tags`` pattern or has words glued together: a letter that only ends words (ة ى)
directly followed by another letter, an alef directly followed by the article (اال),
or several words with the article in their middle. Three or more final lines of one
short tag each (or any number after a "الوسوم:" label) are a tag run too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rawi.arabic.normalize import normalize
from rawi.document import Removed

# Whitespace for trimming: what str.split() knows plus zero-width and direction marks.
_SPACE = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\u061c"
_PLAIN_SPACE = " \t"
_SENTENCE_PUNCT = re.compile(r"[.!?؟…]")
_TAG_PUNCT = re.compile(r"[.!?؟…،,:;؛\"“”«»()\[\]]")
_GLUE_STRONG = re.compile(r"[ةى][\u0621-\u064a]|[\u0621-\u064a]ا(?=ال[\u0621-\u064a]{2})")
_GLUE_WEAK = re.compile(r"(?<=[\u0621-\u064a]{3})ال[\u0621-\u064a]{3,}")
_NEWLINES = re.compile("\r\n|[\r\f\v\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # control characters other than tab and line breaks
_MAX_LINE_WORDS = 80  # a line pattern never removes a longer paragraph


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, list[re.Pattern[str]]], dict[str, Any]]:
    from rawi.lexicon import load_yaml

    data = load_yaml("ingest/boilerplate.yaml")
    meta = dict(data.get("meta") or {})
    kinds: dict[str, list[re.Pattern[str]]] = {}
    for kind, patterns in data.items():
        if kind == "meta":
            continue
        kinds[kind] = [re.compile(normalize(p, lower=False), re.IGNORECASE) for p in patterns or []]
    return kinds, meta


def strip(s: str) -> str:
    return s.strip(_SPACE)


def classify(line: str) -> str | None:
    """The boilerplate kind of one line (``tags`` excluded: those depend on position), or None."""
    body = strip(line)
    if not body:
        return "blank" if line.strip(_PLAIN_SPACE) else None
    if len(body.split()) > _MAX_LINE_WORDS:
        return None
    norm = normalize(body, lower=False)
    kinds, _ = _rules()
    for kind, patterns in kinds.items():
        if kind == "tags":
            continue
        if any(p.search(norm) for p in patterns):
            return kind
    return None


def is_tag_line(line: str) -> bool:
    """A line that reads as a run of tags (used only on the last lines of a text)."""
    body = strip(line)
    kinds, meta = _rules()
    words = body.split()
    if not words or len(words) > int(meta.get("tag_max_words", 16)) or len(body) > int(meta.get("tag_max_chars", 160)):
        return False
    if _SENTENCE_PUNCT.search(body):
        return False
    if _tag_pattern_end(body) is not None:
        return True
    if _TAG_PUNCT.search(body):
        return False
    return bool(_GLUE_STRONG.search(body)) or len(_GLUE_WEAK.findall(body)) >= 2


def _tag_pattern_end(line: str) -> int | None:
    """Where a ``tags`` pattern match ends in the normalised line (None: no match)."""
    norm = normalize(strip(line), lower=False)
    for p in _rules()[0].get("tags", []):
        m = p.search(norm)
        if m:
            return len(norm) - m.end()
    return None


def _is_tag_label(line: str) -> bool:
    """A heading of the tag list alone on its line ("الوسوم:", "كلمات مفتاحية")."""
    return _tag_pattern_end(line) == 0


def _is_tag_item(line: str) -> bool:
    """One tag on a line of its own: a name of a few words, no punctuation, no digits."""
    body = strip(line)
    return 0 < len(body.split()) <= 4 and not _TAG_PUNCT.search(body) and not any(c.isdigit() for c in body)


def _mark_tags(lines: list[str], kinds: list[str | None]) -> None:
    """Mark the tag run at the end: glued or labelled tag lines, or three or more one-tag lines."""
    content = [i for i, line in enumerate(lines) if strip(line) and kinds[i] is None]
    tagged: list[int] = []
    items: list[int] = []
    for i in reversed(content[1:]):  # never the first line (the headline)
        if is_tag_line(lines[i]):
            if items and _is_tag_label(lines[i]):  # "الوسوم:" heading the one-tag lines after it
                tagged += items
                items = []
            tagged.append(i)
        elif _is_tag_item(lines[i]):
            items.append(i)
        else:
            break
    if len(items) >= 3:
        tagged += items
    elif items:  # too few to be a tag list: whatever stands before them is not at the end after all
        last_item = max(items)
        tagged = [i for i in tagged if i > last_item]
    for i in tagged:
        kinds[i] = "tags"


def clean(text: str) -> tuple[str, list[Removed]]:
    """``(clean_text, removed)``: boilerplate lines out, lines trimmed, blank runs collapsed."""
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text))
    lines = text.split("\n")
    kinds: list[str | None] = [classify(line) for line in lines]
    _mark_tags(lines, kinds)
    out: list[str] = []
    removed: list[tuple[str, str, int]] = []  # kind, text, index of the next kept line
    pending_break = False
    for line, kind in zip(lines, kinds, strict=True):
        if kind is not None:
            removed.append((kind, strip(line) or line, len(out)))
            continue
        body = strip(line)
        if not body:
            pending_break = bool(out)
            continue
        if pending_break:
            out.append("")
            pending_break = False
        out.append(body)
    clean_text = "\n".join(out)
    starts = []
    pos = 0
    for line in out:
        starts.append(pos)
        pos += len(line) + 1
    records = []
    for kind, body, nxt in removed:
        # the first clean character after the block: the next non-empty kept line
        while nxt < len(out) and not out[nxt]:
            nxt += 1
        records.append(Removed(kind, body, starts[nxt] if nxt < len(out) else len(clean_text)))
    return clean_text, records
