"""Versioned migrations: a ``schema_version`` table and ordered migration functions.

``migrate(conn)`` runs, in one transaction, every migration whose number is above the
highest recorded version, recording each. Two processes opening a fresh store at once are
serialised by the write lock (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock).

Rule for whoever adds one: append a new ``(number, name, function)``; never edit an old
migration. Migration 1 creates the tables of :mod:`rawi.store.schema` as they are now, so
a later change to a table in ``schema.py`` must come with a migration that checks before
altering (``_has_column``), since a fresh store already gets the new definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from rawi.store import schema
from rawi.store.reader import SCHEMA_VERSION

_PG_LOCK = 7_411_001  # advisory lock id for migrations


def _has_column(conn: sa.Connection, table: str, column: str) -> bool:
    return column in {c["name"] for c in sa.inspect(conn).get_columns(table)}


def m1_core(conn: sa.Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_version"]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def m2_fulltext(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(search_text, tokenize='unicode61')")
    else:
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents "
            "USING gin (to_tsvector('simple', search_text))")


MIGRATIONS: list[tuple[int, str, Callable[[sa.Connection], None]]] = [
    (1, "core tables", m1_core),
    (2, "full-text index", m2_fulltext),
]
LATEST = MIGRATIONS[-1][0]
assert LATEST == SCHEMA_VERSION, "update rawi.store.reader.SCHEMA_VERSION with a new migration"


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar() or 0


def migrate(engine: sa.Engine) -> int:
    """Bring the store to the latest schema; returns the version it is at."""
    with engine.connect().execution_options(rawi_read=True) as conn:  # the usual case: a read, no lock
        have = current_version(conn)
    if have >= LATEST:
        return have
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        schema.schema_version.create(conn, checkfirst=True)
        have = current_version(conn)
        for number, name, fn in MIGRATIONS:
            if number > have:
                fn(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=number, name=name, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        return max(have, LATEST)
