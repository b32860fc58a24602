"""The entities stage: actors in the text, linked to the knowledge base, with every mention."""

from __future__ import annotations

from rawi.document import Document
from rawi.settings import Settings


def annotate(doc: Document, settings: Settings) -> None:
    """Add the document's entities (filled in by rawi.entities.link)."""
    from rawi.entities.link import link_document

    link_document(doc, settings)
