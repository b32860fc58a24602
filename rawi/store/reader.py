"""Read-only access to a corpus store over the DB-API alone (sqlite3, or psycopg for PostgreSQL).

The corpus queries read through this, not SQLAlchemy: importing SQLAlchemy takes longer
(~0.2 s) than a whole ``rawi timeline`` call may. The queries are plain SQL that both SQLite
and PostgreSQL run; parameters are written ``:name`` and translated for psycopg. Writing,
schema creation and migrations stay in :mod:`rawi.store.db` (SQLAlchemy Core).

Each :class:`Reader` holds one read transaction, so a query made of several statements sees
one snapshot even while an ingest writes (SQLite WAL readers never block writers).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

DEFAULT_DB = "sqlite:///rawi.db"
SCHEMA_VERSION = 2  # the latest migration (rawi.store.migrations checks it is the same)

# a string literal (left as it is) or a ":name" parameter (not "::" casts)
_PARAM = re.compile(r"'(?:[^']|'')*'|(?<![:\w]):([A-Za-z_]\w*)")


def resolve_url(db: str | None = None) -> str:
    """``--db`` value (URL or plain file path), else ``$RAWI_DB``, else ``./rawi.db``."""
    db = db or os.environ.get("RAWI_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith("postgresql://") or db.startswith("postgres://"):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


class StoreNotFoundError(FileNotFoundError):
    """The SQLite file named as the store does not exist (nothing was ingested there)."""


class Reader:
    """One read transaction on a store; ``rows``/``column`` run plain SQL with ``:name`` parameters."""

    def __init__(self, conn: Any, dialect: str, *, owned: bool = True):
        self.conn = conn
        self.dialect = dialect  # "sqlite" or "postgresql"
        self._owned = owned  # close the connection too (not when it belongs to a pool)
        if dialect == "sqlite":
            conn.execute("BEGIN")  # one snapshot for every statement of the query

    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":  # psycopg: %(name)s parameters, a literal % doubled
            return _PARAM.sub(lambda m: f"%({m.group(1)})s" if m.group(1) else m.group(0), sql.replace("%", "%%"))
        return sql

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), params or {})
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        finally:
            cur.close()

    def column(self, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
        return [next(iter(r.values())) for r in self.rows(sql, params)]

    def close(self) -> None:
        try:
            self.conn.rollback()  # read only: nothing to keep; ends the snapshot
        finally:
            if self._owned:
                self.conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def expand(name: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """``IN (...)`` placeholders for a list: (":name_0, :name_1", {"name_0": …, "name_1": …})."""
    params = {f"{name}_{i}": v for i, v in enumerate(values)}
    return ", ".join(":" + k for k in params) or "NULL", params


def booleans(rows: Sequence[dict[str, Any]], *columns: str) -> None:
    """SQLite hands booleans back as 0/1; make them True/False as PostgreSQL does."""
    for r in rows:
        for c in columns:
            if c in r and r[c] is not None:
                r[c] = bool(r[c])


def open_reader(db: Any = None) -> Reader:
    """A reader on ``db``: a URL or path (None: ``$RAWI_DB`` or ./rawi.db), or a Store.

    A store whose schema is older than this rawi is migrated first (that one call imports
    SQLAlchemy); a SQLite file that does not exist is an error, never an empty new store.
    """
    if hasattr(db, "engine"):  # a rawi.store.Store: borrow a pooled connection
        raw = db.engine.raw_connection()
        return _Borrowed(raw, db.dialect)
    url = resolve_url(db)
    reader = _connect(url)
    if _version(reader) < SCHEMA_VERSION:
        reader.close()
        from rawi.store.db import Store

        Store(url).close()
        reader = _connect(url)
    return reader


class _Borrowed(Reader):
    """A reader over a connection from a Store's pool, handed back on close."""

    def __init__(self, raw: Any, dialect: str):
        self._raw = raw
        super().__init__(raw.driver_connection, dialect, owned=False)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()  # back to the pool


def _connect(url: str) -> Reader:
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not Path(path).is_file():
            raise StoreNotFoundError(f"no store at {path} (ingest some articles first: rawi ingest PATH --db {path})")
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=60, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 60000")
        return Reader(conn, "sqlite")
    if url.startswith("postgresql"):
        import psycopg

        return Reader(psycopg.connect("postgresql://" + url.split("://", 1)[1]), "postgresql")
    raise ValueError(f"unsupported store URL {url!r} (SQLite path or postgresql://…)")


def _version(reader: Reader) -> int:
    exists = ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
              if reader.dialect == "sqlite" else "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_version'")
    if not reader.column(exists)[0]:
        return 0
    return reader.column("SELECT max(version) FROM schema_version")[0] or 0
