"""Titles: the headline of a plain-text article, and page titles cleaned of the site name."""

from __future__ import annotations

import re

_END_PUNCT = re.compile(r"[.:،,;؛]$")  # a headline may end with ? or ! but not like a running sentence
_SITE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " « ", " » ")
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250


def headline(text: str) -> str | None:
    """The first line of ``text`` when it reads as a headline, else None.

    A headline is short, does not end like a running sentence (a final period, comma or
    colon; a question or exclamation mark is fine, so is ".." inside; "..." / "…" at the
    end is not), and is followed by a blank line.
    """
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if not line or not sep or not rest.lstrip(" \t\u00a0").startswith("\n"):
        return None
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return None
    if _END_PUNCT.search(line) or line.endswith("…"):
        return None
    return line


def page_title(title: str | None, sitename: str | None, text: str = "") -> str | None:
    """A page title without the site name glued before or after it ("X - البيان" -> "X").

    The site name is known from the page's metadata, or else recognised because the
    other part of the title is a line of the article text itself (its headline).
    """
    if not title:
        return None
    title = " ".join(title.split())
    if sitename:
        site = " ".join(sitename.split())
        for sep in _SITE_SEPARATORS:
            if title.endswith(sep + site):
                title = title[: -len(sep + site)]
            elif title.startswith(site + sep):
                title = title[len(site + sep):]
    if text:
        lines = {" ".join(line.split()) for line in text[:5000].split("\n")}
        if title not in lines:
            for sep in _SITE_SEPARATORS:
                parts = [p.strip() for p in title.split(sep)]
                found = [p for p in parts if p in lines]
                if len(parts) > 1 and len(found) == 1:
                    return found[0]
    return title.strip() or None
