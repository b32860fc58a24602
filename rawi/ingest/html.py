"""HTML pages to main text and metadata, through trafilatura.

Paragraphs come back as lines; they are joined with blank lines so the clean text keeps
the article's paragraph structure. The publication date is the page's own (metadata,
visible dates; original publication rather than last update); a date htmldate only
guessed from a year (YYYY-01-01 that the page never writes) is dropped: a date is
never guessed. Truncated pages still give what they hold (lxml recovers the tree; the
trafilatura baseline is the fallback).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_MIN_BASELINE_CHARS = 200  # the crude fallback is trusted only for a real amount of text


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """True for a page or fragment of HTML rather than plain text."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:8192].lower():
        return True
    if head.startswith("<"):
        tags = len(re.findall(r"</?(?:html|head|body|div|p|span|a|meta|script|article|section|br|title)\b",
                              text[:20000], re.I))
        return tags >= 3
    return False


def extract(html: str, *, url: str | None = None) -> Page:
    """The main text and metadata of a page; ``text`` is empty when the page has none."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    body = (getattr(result, "text", None) or "") if result is not None else ""
    if not body.strip():
        recall = trafilatura.bare_extraction(html, url=url, favor_recall=True, include_comments=False)
        body = (getattr(recall, "text", None) or "") if recall is not None else ""
    if not body.strip():
        _, base, length = trafilatura.baseline(html)
        body = base if length >= _MIN_BASELINE_CHARS else ""
    page = Page(text="\n\n".join(line for line in body.split("\n") if line.strip()))
    if result is not None:
        page.title = result.title or None
        page.published = result.date or None
        for key in ("author", "sitename", "url", "description", "hostname"):
            value = getattr(result, key, None)
            if value:
                page.meta[key] = value
    if page.published is None:
        page.published = _extensive_date(html, url)
    return page


def _extensive_date(html: str, url: str | None) -> str | None:
    """A date from htmldate's wider search, unless it is only a year padded to January 1st."""
    try:
        from htmldate import find_date

        date = find_date(html, url=url, extensive_search=True, original_date=True)
    except Exception as e:  # htmldate raises on some broken trees; a missing date is fine
        log.debug("htmldate failed: %s", e)
        return None
    if date and date.endswith("-01-01") and not _writes_new_year(html, date[:4]):
        return None
    return date


def _writes_new_year(html: str, year: str) -> bool:
    pattern = rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|\b0?1\s+(?:يناير|كانون الثاني|جانفي|January|Jan)\s+{year}"
    return re.search(pattern, html, re.I) is not None
