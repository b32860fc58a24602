"""rawi (راوي, "the narrator"): Arabic news turned into sourced, structured knowledge."""

from __future__ import annotations

import logging
from typing import Any

__version__ = "0.1.0"
__all__ = ["Document", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # Loaded on first use (PEP 562), so commands that never build a Document start faster.
    if name == "Document":
        from rawi.document import Document

        return Document
    raise AttributeError(f"module 'rawi' has no attribute {name!r}")
