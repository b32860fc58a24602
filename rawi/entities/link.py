"""In-document linking (stub, being written)."""

from __future__ import annotations


def link_document(doc, settings) -> None:
    return None
