"""The corpus store: schema, versioned migrations, SQLite and PostgreSQL through one layer.

Names are loaded on first use (PEP 562): the read-only path (:mod:`rawi.store.reader`) must
not pay for importing SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import Any

from rawi.store.reader import DEFAULT_DB, resolve_url

_LAZY = {"Store": "rawi.store.db", "add_document": "rawi.store.write", "content_hash": "rawi.store.write",
         "has_input": "rawi.store.write", "record_failure": "rawi.store.write"}
__all__ = ["DEFAULT_DB", "Store", "add_document", "content_hash", "has_input", "record_failure", "resolve_url"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rawi.store' has no attribute {name!r}")
