"""The date of an event: never more precise than its evidence.

In order: a timex in the trigger's clause; one in its sentence; the nearest earlier
date in the narrative; the publication date, with month precision at most. Deictic
timexes resolved against the processing date ("أمس" with no publication date known) are
no evidence of when a reported event happened. The value is
cut to YYYY-MM-DD / YYYY-MM / YYYY; ``time`` is the id of the timex used.
"""

from __future__ import annotations

import bisect
import re

from rawi.document import Document

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_of(value: str | None) -> str | None:
    """``2024-11-29T03:00`` → ``2024-11-29``; ``2024-11`` stays; weeks, seasons, durations → None."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m or (len(value) > m.end() and value[m.end()] not in "T"):
        return None
    return m.group(0)


class Dater:
    """Dates for positions in one document (timexes with a calendar value)."""

    def __init__(self, doc: Document):
        self.doc = doc
        by_id = {t.id: t for t in doc.timexes}

        def from_today(t, depth: int = 0) -> bool:
            # a deictic date ("أمس"، "اليوم الاثنين") resolved against the processing date, not
            # against anything the text says; a calendar date whose year alone was inferred stays
            if t.anchor == "today":
                return not t.year_inferred
            nxt = by_id.get(t.anchor or "")
            return nxt is not None and depth < 20 and from_today(nxt, depth + 1)

        self.timexes = sorted(
            (t for t in doc.timexes if t.type in ("DATE", "TIME") and date_of(t.value) and not from_today(t)),
            key=lambda t: t.start,
        )
        self.starts = [t.start for t in self.timexes]

    def evidence(self, pos: int, clause: tuple[int, int], sentence: tuple[int, int],
                 others: list[tuple[int, int]] = ()) -> tuple[int, str | None, str | None]:
        """``(strength, date, timex id)`` for a trigger at ``pos``: 3 clause, 2 sentence,
        1 narrative, 0 publication date (month), -1 nothing. A timex in the clause of another
        event (``others``) is that event's, not evidence at sentence level."""
        for strength, (a, b) in ((3, clause), (2, sentence)):
            # timexes are sorted by start: only those starting in a..b can lie inside (big inputs)
            near = self.timexes[bisect.bisect_left(self.starts, a):bisect.bisect_right(self.starts, b)]
            inside = [t for t in near if a <= t.start and t.end <= b
                      and (strength == 3 or not any(x <= t.start and t.end <= y for x, y in others))]
            if inside:
                t = min(inside, key=lambda t: abs(t.start - pos))
                return strength, date_of(t.value), t.id
        # the last (by start) timex ending by ``pos``; only those starting before it qualify
        earlier = next((t for t in reversed(self.timexes[:bisect.bisect_right(self.starts, pos)])
                        if t.end <= pos), None)
        if earlier is not None:
            t = earlier
            return 1, date_of(t.value), t.id
        if self.doc.published:
            return 0, self.doc.published[:7], None
        return -1, None, None
