"""The TIME stage: temporal expressions with offsets and TIMEX3 values.

``tag(text, anchor)`` is a pure function (text in, ``Timex`` list out); ``annotate`` is the
pipeline stage, anchored on ``doc.published`` when known, else on the processing date.
"""

from __future__ import annotations

import datetime as dt

from rawi.arabic.normalize import strip_diacritics
from rawi.document import Document, Timex
from rawi.settings import Settings
from rawi.time.resolve import Resolver, weekday_near
from rawi.time.tagger import find_frames

__all__ = ["annotate", "tag"]


def tag(text: str, anchor: dt.date | dt.datetime | None, *, anchor_kind: str = "published",
        prefer: str = "past", unknown_year: bool = False) -> list[Timex]:
    """Every temporal expression of ``text``, in text order, ids t1, t2, ….

    ``anchor`` is the date (or date and time) deictic expressions count from; None uses
    today's date. ``prefer`` says which way an expression with no year or week reads when
    the text gives no cue: "past" (news reports, the default) or "future" (schedules,
    questions, the convention of assistants such as Duckling). ``unknown_year``: the anchor is
    no publication date but the processing date, so a day or month written without a year
    gets the year XXXX unless the text fixes it (a weekday, an earlier date of the text).
    """
    if anchor is None:
        anchor, anchor_kind = dt.date.today(), "today"
    toks, frames = find_frames(text)
    anchor = _pinned_day(frames, anchor, anchor_kind)
    res = Resolver(anchor, anchor_kind, prefer)
    res.unknown_year = unknown_year
    res.text = text
    out: list[Timex] = []
    for f in frames:
        a, b = toks.source_span(f.start, f.end)
        while b < len(text) and strip_diacritics(text[b]) == "":
            b += 1  # keep the tanwin and tatweel of the last word ("مساءً", "هـ")
        tid = f"t{len(out) + 1}"
        res.pos, res.end = a, b
        r = res.resolve(f, tid)
        out.append(Timex(tid, a, b, text[a:b], r.type, r.value, r.anchor if r.value else None,
                         r.year_inferred, r.mod, r.freq))
    return out


def _pinned_day(frames, anchor: dt.date | dt.datetime, anchor_kind: str) -> dt.date | dt.datetime:
    """The anchor moved to the day the text names as today ("اليوم الاثنين") when it falls on
    another weekday: a publication date in UTC or of a later copy, or no date at all (the anchor
    is then today's date, and the text was written on the last such weekday)."""
    day = anchor.date() if isinstance(anchor, dt.datetime) else anchor
    for f in frames:
        if f.deictic and f.deictic[1] == 0 and f.d is None and f.wd is not None:
            if day.isoweekday() == f.wd:
                return anchor
            pinned = weekday_near(day, f.wd, past_only=anchor_kind == "today")
            return dt.datetime.combine(pinned, anchor.time()) if isinstance(anchor, dt.datetime) else pinned
    return anchor


def annotate(doc: Document, settings: Settings) -> None:
    """Pipeline stage: add the document's timexes (ids continue after any already there)."""
    if doc.published:
        anchor, kind = dt.date.fromisoformat(doc.published), "published"
    else:
        anchor, kind = settings.processing_date(), "today"
    found = tag(doc.text, anchor, anchor_kind=kind, unknown_year=not doc.published)
    offset = len(doc.timexes)
    rename = {x.id: f"t{offset + k + 1}" for k, x in enumerate(found)}
    for x in found:
        x.id = rename[x.id]
        if x.anchor in rename:
            x.anchor = rename[x.anchor]
        doc.timexes.append(x)
