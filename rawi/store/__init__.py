"""The corpus store: schema, versioned migrations, SQLite and PostgreSQL through one layer."""

from rawi.store.db import DEFAULT_DB, Store, resolve_url
from rawi.store.write import add_document, content_hash, has_input, record_failure

__all__ = ["DEFAULT_DB", "Store", "add_document", "content_hash", "has_input", "record_failure", "resolve_url"]
