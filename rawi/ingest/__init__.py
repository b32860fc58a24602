"""Ingestion: bytes from a file, stdin or a batch record into a clean Document.

``load_path`` / ``load_bytes`` refuse what is not an article (``IngestError`` with a
code: missing, unreadable, empty, binary, too_large, undecodable, unknown_encoding,
no_main_text, bad_input), detect the encoding (``doc.meta["encoding"]``), tell HTML from
plain text, and hand over to ``from_html`` or ``from_text``. Both clean the text the
same way: boilerplate lines out into ``doc.removed``, lines trimmed, one blank line
between paragraphs. The title is metadata: the page title, or the first line of a text
when it reads as a headline; the headline line stays in the text.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from rawi.document import Document
from rawi.ingest import boilerplate
from rawi.ingest.decode import decode
from rawi.ingest.errors import CODES, IngestError
from rawi.ingest.html import extract, looks_like_html
from rawi.ingest.title import headline, page_title
from rawi.settings import DEFAULT, Settings

__all__ = ["CODES", "IngestError", "from_html", "from_text", "load_bytes", "load_path"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MIN_HTML_WORDS = 5


def _check_date(published: str | None) -> str | None:
    if published is None:
        return None
    published = published.strip()
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        raise IngestError("bad_input", f"publication date {published!r} is not YYYY-MM-DD") from None
    return day.isoformat()


def _check_size(n: int, settings: Settings, what: str = "input") -> None:
    if n > settings.max_bytes:
        raise IngestError("too_large", f"{what} is {n:,} bytes, over the limit of {settings.max_bytes:,} "
                                       "(raise it with --max-mb)")


def _finish(doc: Document, raw: str) -> Document:
    if not boilerplate.strip(raw):
        raise IngestError("empty", "no text (empty or only whitespace)")
    if not doc.text:
        raise IngestError("no_main_text", "no article text left after removing boilerplate")
    return doc


def from_text(text: str, *, title: str | None = None, published: str | None = None,
              source: str | None = None) -> Document:
    """A document from plain article text; ``title`` defaults to the first line if it is a headline."""
    clean, removed = boilerplate.clean(text)
    doc = Document(text=clean, title=title if title is not None else headline(clean),
                   published=_check_date(published), source=source, removed=removed)
    doc.meta["format"] = "text"
    return _finish(doc, text)


def from_html(html: str | bytes, *, published: str | None = None, source: str | None = None,
              settings: Settings = DEFAULT, url: str | None = None, title: str | None = None) -> Document:
    """A document from an HTML page: main text, title, date, author and site name.

    ``url`` (where the page came from) helps find its date; ``title`` overrides the page's.
    """
    encoding = None
    if isinstance(html, bytes):
        _check_size(len(html), settings)
        if not html.strip():
            raise IngestError("empty", "no text (empty or only whitespace)")
        html, encoding = decode(html, encoding=settings.encoding, html=True)
    else:
        _check_size(len(html.encode("utf-8", "surrogatepass")), settings)
    if not boilerplate.strip(html):
        raise IngestError("empty", "no text (empty or only whitespace)")
    page = extract(html, url=url)
    clean, removed = boilerplate.clean(page.text)
    if len(clean.split()) < MIN_HTML_WORDS:  # a menu item or a caption is not an article
        raise IngestError("no_main_text", "the page has no main text"
                          + (" left after removing boilerplate" if page.text else ""))
    sitename = page.meta.get("sitename")
    if title is None:  # the page's title, else the first line of its text when that is a headline
        title = page_title(page.title, sitename, clean) or headline(clean)
    doc = Document(text=clean, title=title,
                   published=_check_date(published) or _page_date(page.published), source=source,
                   removed=removed)
    doc.meta["format"] = "html"
    if encoding:
        doc.meta["encoding"] = encoding
    if url:
        doc.meta["url"] = url
    doc.meta.update(page.meta)
    if page.published:
        doc.meta["page_date"] = page.published
    return doc


def _page_date(value: str | None) -> str | None:
    try:
        return _check_date(value)
    except IngestError:
        return None


def load_bytes(data: bytes, *, name: str | None = None, published: str | None = None,
               settings: Settings = DEFAULT) -> Document:
    """A document from raw bytes: text or HTML (by ``name``'s suffix or by the content)."""
    _check_size(len(data), settings)
    if not data.strip(b" \t\r\n\f\v"):
        raise IngestError("empty", "no text (empty or only whitespace)")
    is_html_name = bool(name) and name.lower().endswith(HTML_SUFFIXES)
    text, encoding = decode(data, encoding=settings.encoding, html=is_html_name or data.lstrip()[:1] == b"<")
    if looks_like_html(text) or (is_html_name and "<" in text[:65536]):
        doc = from_html(text, published=published, source=name, settings=settings)
    else:
        doc = from_text(text, published=published, source=name)
    doc.meta["encoding"] = encoding
    replaced = text.count("\ufffd")
    if replaced:
        doc.meta["replaced_chars"] = replaced
    return doc


def load_path(path: str | Path, *, published: str | None = None, settings: Settings = DEFAULT) -> Document:
    """A document from a file path; ``"-"`` reads the bytes of standard input."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        return load_bytes(data, name="-", published=published, settings=settings)
    p = Path(path)
    if not p.exists():
        raise IngestError("missing", "no such file")
    if not p.is_file():
        raise IngestError("unreadable", "not a regular file" + (" (a directory)" if p.is_dir() else ""))
    _check_size(p.stat().st_size, settings, "file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise IngestError("unreadable", e.strerror or str(e)) from None
    return load_bytes(data, name=str(p), published=published, settings=settings)
