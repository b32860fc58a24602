"""Ingestion: bytes from a file, stdin or a batch record into a clean Document."""

from __future__ import annotations

from pathlib import Path

from rawi.document import Document
from rawi.settings import DEFAULT, Settings


class IngestError(ValueError):
    """An input that cannot become a document; ``code`` names the reason."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def from_text(text: str, *, title: str | None = None, published: str | None = None,
              source: str | None = None) -> Document:
    return Document(text=text, title=title, published=published, source=source)


def load_path(path: str | Path, *, published: str | None = None, settings: Settings = DEFAULT) -> Document:
    p = Path(path)
    if not p.exists():
        raise IngestError("missing", f"{p}: no such file")
    return from_text(p.read_text(encoding=settings.encoding or "utf-8"), published=published, source=str(p))
