"""Pure helpers shared by merging and the queries: actor-name keys and partial-date ranges.

Kept apart from :mod:`rawi.corpus.merge` so the read-only queries import no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange

from rawi.arabic import normalize


def norm(s: str | None) -> str:
    """A name as the store matches it: Arabic-normalised, single spaces."""
    return " ".join(normalize(s or "").split())


def date_range(date: str | None) -> tuple[str, str, str] | None:
    """``(first day, last day, precision)`` a partial ISO date covers."""
    if not date:
        return None
    parts = date.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return f"{y:04d}-01-01", f"{y:04d}-12-31", "year"
        m = int(parts[1])
        if len(parts) == 2:
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{monthrange(y, m)[1]:02d}", "month"
        d = dt.date(y, m, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None
    return d.isoformat(), d.isoformat(), "day"


def precision(date: str | None) -> str | None:
    r = date_range(date)
    return r[2] if r else None


def shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def gap(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Days between two ranges (0 when they overlap)."""
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0
    first, second = (a, b) if a[1] < b[0] else (b, a)
    return (dt.date.fromisoformat(second[0]) - dt.date.fromisoformat(first[1])).days
