"""One storage layer over SQLite (default, a file) and PostgreSQL, through SQLAlchemy Core.

SQLite runs in WAL mode with a busy timeout; every write transaction starts with
``BEGIN IMMEDIATE`` (so two writers queue instead of failing on a lock upgrade) and is
retried when the database stays locked. Readers use plain deferred transactions and never
block writers.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlalchemy as sa

from rawi.store import migrations
from rawi.store.reader import DEFAULT_DB, resolve_url  # noqa: F401  (DEFAULT_DB re-exported)

T = TypeVar("T")
_PG_WRITE_LOCK = 7_411_002  # serialises cross-document merging between PostgreSQL writers


def _is_locked(e: Exception) -> bool:
    msg = str(e).lower()
    return any(s in msg for s in ("database is locked", "database is busy", "deadlock detected",
                                  "could not serialize", "database table is locked"))


class Store:
    """A handle on one corpus store; cheap to create, ``close()`` when done."""

    def __init__(self, url: str | None = None, *, migrate: bool = True):
        self.url = resolve_url(url)
        if self.url.startswith("sqlite"):
            # a small pool: connections (and their PRAGMAs) are reused between transactions
            self.engine = sa.create_engine(self.url, connect_args={"timeout": 60}, pool_size=2, max_overflow=2
                                           ) if ":memory:" not in self.url else sa.create_engine(
                                               self.url, poolclass=sa.pool.StaticPool)
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = sa.create_engine(self.url, pool_pre_ping=True, pool_size=2)
        self.dialect = self.engine.dialect.name
        self.actor_ids: dict[str, tuple[int, bool]] = {}  # actor key -> (id, has English name), committed only
        self.version = self._retry(lambda: migrations.migrate(self.engine)) if migrate else None

    # ---- transactions -------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect().execution_options(rawi_read=True) as conn:
            yield conn

    def write(self, fn: Callable[[sa.Connection], T], attempts: int = 12) -> T:
        """Run ``fn(conn)`` in one write transaction, retried while the store is locked."""

        def once() -> T:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})
                return fn(conn)

        return self._retry(once, attempts)

    @staticmethod
    def _retry(fn: Callable[[], T], attempts: int = 12) -> T:
        """``fn()``, again after a randomised back-off while the store is locked. Besides write
        transactions, opening a new SQLite file retries: switching it to WAL needs the file
        alone, and a second process opening it at that moment gets "database is locked" at once."""
        for attempt in range(attempts):
            try:
                return fn()
            except sa.exc.OperationalError as e:
                if not _is_locked(e) or attempt == attempts - 1:
                    raise
                time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 60000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")  # in WAL: durable against a killed process
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("rawi_read") else "BEGIN IMMEDIATE")
