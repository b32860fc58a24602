"""Extraction as a library call: inputs (paths, folders, JSON-lines records) to validated documents.

The ``rawi extract`` command only parses its options and prints what these functions
return. A failed input in a batch becomes an error record and the batch goes on, so the
output has exactly one record per input, in input order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rawi.document import Document, DocumentError
from rawi.ingest import HTML_SUFFIXES, IngestError, from_html, from_text, load_path
from rawi.pipeline import process
from rawi.settings import DEFAULT, Settings

BATCH_SUFFIXES = (".txt", *HTML_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to extract: a path (or "-"), or a batch record with inline text/HTML."""

    source: str
    path: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = None
    error: IngestError | None = None  # a record that could not even be read
    id: str | None = None


def expand_paths(paths: Iterable[str]) -> list[Input]:
    """Paths in order; a folder becomes its *.txt/*.html/*.htm files, sorted by name."""
    out: list[Input] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            files = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in BATCH_SUFFIXES)
            out.extend(Input(source=str(f), path=str(f)) for f in files)
        else:
            out.append(Input(source=p, path=p))
    return out


def read_jsonl(path: str) -> list[Input]:
    """Records ``{"id", "text" | "html", "published"}``, one a line; a bad line becomes an error input."""
    out: list[Input] = []
    if path == "-":
        import sys

        lines = sys.stdin.read().splitlines()
    else:
        p = Path(path)
        if not p.is_file():
            raise IngestError("missing" if not p.exists() else "unreadable", "no such file")
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            out.append(Input(source=where, error=IngestError("bad_input", f"not JSON: {e.msg}")))
            continue
        if not isinstance(rec, dict):
            out.append(Input(source=where, error=IngestError("bad_input", "a record must be a JSON object")))
            continue
        rid = rec.get("id")
        rid = None if rid is None else str(rid)
        text, html = rec.get("text"), rec.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            out.append(Input(source=rid or where, id=rid,
                             error=IngestError("bad_input", 'the record has no "text" or "html" string')))
            continue
        out.append(Input(source=rid or where, id=rid, text=text if isinstance(text, str) else None,
                         html=html if isinstance(html, str) and not isinstance(text, str) else None,
                         published=rec.get("published")))
    return out


def extract_one(item: Input, *, published: str | None = None, settings: Settings = DEFAULT) -> Document:
    """Ingest, run the pipeline and validate one input; raises IngestError or DocumentError."""
    if item.error is not None:
        raise item.error
    when = item.published or published
    if item.path is not None:
        doc = load_path(item.path, published=when, settings=settings)
    elif item.html is not None:
        doc = from_html(item.html, published=when, source=item.source, settings=settings)
    else:
        if len((item.text or "").encode("utf-8", "surrogatepass")) > settings.max_bytes:
            raise IngestError("too_large", f"text is over the limit of {settings.max_bytes:,} bytes")
        doc = from_text(item.text or "", published=when, source=item.source)
    if item.id is not None:
        doc.meta["id"] = item.id
    process(doc, settings)
    return doc.validate()


def error_record(item: Input, code: str, message: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": item.id} if item.id is not None else {"source": item.source}
    rec["error"] = {"code": code, "message": message}
    return rec


def extract_many(items: Iterable[Input], *, published: str | None = None,
                 settings: Settings = DEFAULT) -> Iterator[tuple[Input, Document | None, dict[str, Any]]]:
    """``(input, document or None, record)`` for each input, in order; failures give error records."""
    for item in items:
        try:
            doc = extract_one(item, published=published, settings=settings)
        except IngestError as e:
            yield item, None, error_record(item, e.code, e.message)
            continue
        except DocumentError as e:
            yield item, None, error_record(item, "invalid_document", str(e))
            continue
        except Exception as e:  # a failing stage must not stop a batch of thousands
            yield item, None, error_record(item, "internal", f"{type(e).__name__}: {e}")
            continue
        rec = doc.to_dict()
        if item.id is not None:
            rec = {"id": item.id, **rec}
        yield item, doc, rec
