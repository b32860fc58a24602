"""Turns frames into TIMEX3 values: anchoring, year inference, Hijri conversion.

Deictic expressions (أمس, الأسبوع الماضي, منذ ثلاثة أيام) count from the document anchor
(the publication date, else the processing date). Anaphoric ones (الشهر نفسه, ذلك اليوم,
حتى الجمعة, a day and month with no year) count from the previous resolved date of the
text, and say so: ``anchor`` is that timex's id. A value is never more precise than the
text: a month alone gives YYYY-MM, a year YYYY.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

from rawi.time.tagger import Frame


@dataclass
class Resolved:
    type: str
    value: str | None
    anchor: str | None
    year_inferred: bool = False
    mod: str | None = None
    freq: str | None = None  # of a SET: one recurrence ("1W", "1D", "T1H")


def set_freq(value: str | None) -> str | None:
    """The TIMEX3 ``freq`` of a SET value: the length of one recurrence, an ISO 8601 duration
    without its "P" ("XXXX-WXX-5" -> "1W", "P1D" -> "1D", "P3M" -> "3M", "PT1H" -> "T1H")."""
    if not value:
        return None
    if value.startswith("XXXX-WXX-"):
        return "1W"  # a weekday (with or without a part of day) comes back every week
    if value.startswith("XXXX-XX-XX"):
        return "1D"
    if value.startswith("XXXX-XX-"):
        return "1M"
    if value.startswith("P") and len(value) > 2:
        return value[1:]
    return None


@dataclass
class _Ref:
    date: dt.date
    grain: str  # D | M | Y
    id: str
    pos: int = 0  # where its expression ends in the text
    guess: bool = False  # its year came from the processing date only (see Resolver.unknown_year)


_SENTENCE_ENDS = ".؟?!\n"


class Resolver:
    def __init__(self, anchor: dt.date | dt.datetime, anchor_kind: str, prefer: str = "past"):
        self.anchor_dt = anchor if isinstance(anchor, dt.datetime) else None
        self.anchor = anchor.date() if isinstance(anchor, dt.datetime) else anchor
        self.kind = anchor_kind
        self.prefer = prefer
        self.ref: _Ref | None = None
        # a processing date stands in for a missing publication date: a year it would supply to a
        # written day or month ("منتصف أيار") is unknown (XXXX), not guessed
        self.unknown_year = False
        # (month, day) -> (year, timex id) of the days the text named before: the same day and
        # month written again without a year ("في الأول من تشرين الأول") is that day again
        self.dated: dict[tuple[int, int], tuple[int, str]] = {}
        self.text = ""  # the text and where the expression being resolved starts and ends in it
        self.pos = self.end = 0

    # ---- helpers -------------------------------------------------------------------------
    def _base(self) -> tuple[dt.date, str]:
        """The narrative's current day when there is one, else the document anchor."""
        if self.ref and self.ref.grain == "D":
            return self.ref.date, self.ref.id
        return self.anchor, self.kind

    def _set_ref(self, d: dt.date, grain: str, tid: str) -> None:
        r = self.ref
        # a coarser mention that contains the current day ("الشهر نفسه") keeps that day as the reference
        if r is not None and r.grain == "D" and grain in ("M", "Y") and r.date.year == d.year and (
                grain == "Y" or r.date.month == d.month):
            return
        self.ref = _Ref(d, grain, tid, self.end)

    def _ref_nearby(self) -> bool:
        """Whether the narrative's last date stands in this sentence or the one before."""
        if self.ref is None or not self.text:
            return True
        gap = self.text[self.ref.pos:self.pos]
        return sum(gap.count(c) for c in _SENTENCE_ENDS) <= 1

    # ---- main ----------------------------------------------------------------------------
    def resolve(self, f: Frame, tid: str) -> Resolved:
        if f.literal is not None:
            if f.type == "SET":
                return Resolved(f.type, f.literal, None, False, f.mod, set_freq(f.literal))
            if f.type == "DURATION":
                return Resolved(f.type, f.literal, None, False, f.mod)
            return Resolved(f.type, f.literal, self.kind, False, f.mod)
        try:
            r = self._resolve_point(f, tid)
        except (ValueError, OverflowError):
            r = None
        if r is None:
            return Resolved(f.type, None, None, False, f.mod)
        if f.m is not None and f.d is not None and f.cal == "G" and r.value and r.value[:4].isdigit():
            if f.y is not None:  # a written year stands; an inferred one only until a written one comes
                self.dated[(f.m, f.d)] = (f.y, tid)
            else:
                self.dated.setdefault((f.m, f.d), (int(r.value[:4]), tid))
        return r

    def _resolve_point(self, f: Frame, tid: str) -> Resolved | None:
        day: dt.date | None = None
        grain = "D"
        label = self.kind
        inferred = False
        value: str | None = None
        if f.holiday:
            day, inferred = self._holiday(f)
        elif f.ago:
            unit, n = f.ago
            base, label = (self.anchor, self.kind) if n < 0 else self._base()
            value, day, grain = _shift(base, self.anchor_dt if n < 0 else None, unit, n)
        elif f.after_ref and self.ref is not None and self.ref.grain == "D":
            day = self.ref.date + dt.timedelta(days=1)
            while day.isoweekday() != f.wd:
                day += dt.timedelta(days=1)
            label, inferred = self.ref.id, True  # the year is not written in the text
        elif f.anaph:
            base = self.ref.date if self.ref else self.anchor
            label = self.ref.id if self.ref else self.kind
            unit = f.anaph
            if self.ref and _COARSER.get(self.ref.grain, 0) > _COARSER.get(unit, 0):
                unit = self.ref.grain  # "ذلك اليوم" after "قبل عامين": only the year is known
            value, grain, day = _at_grain(base, unit)
        elif f.deictic and f.d is None:
            unit, off = f.deictic
            day = self.anchor + dt.timedelta(days=off)
            if f.wd is not None and day.isoweekday() != f.wd:
                # "اليوم الاثنين" on a Tuesday: the weekday the writer gave is the better evidence
                # (a UTC or later publication date; or no date at all, the anchor being today)
                day = weekday_near(day, f.wd, past_only=self.kind == "today")
        elif f.period and f.d is None and f.m is None:
            base, label = self.anchor, self.kind
            if f.extra.get("bare_period") and self.ref is not None:
                base, label = self.ref.date, self.ref.id
            value, grain, day = _period(base, f.period, f.direction or 0)
        elif f.nth is not None or f.extra.get("last_day"):
            day, label, inferred = self._nth(f)
        elif f.d is not None or f.m is not None or f.y is not None:
            r = self._calendar(f)
            if r is None:
                return None
            day, grain, label, inferred = r
        elif f.wd is not None:
            # a bare weekday is relative like "أمس": its whole date comes from the anchor, so it
            # is not a written date with only the year missing
            day, label = self._weekday(f)
            inferred = False
        elif f.type == "TIME":
            day, label = self._base()
            if f.deictic:
                day, label = self.anchor + dt.timedelta(days=f.deictic[1]), self.kind
            if f.hour is None and f.pod is None:
                return None
        else:
            return None
        if "nth_from" in f.extra and day is not None and grain == "D" and value is None:
            n, wd = f.extra["nth_from"]  # the nth weekday after (n > 0) or before (n < 0) that day
            step = dt.timedelta(days=1 if n > 0 else -1)
            for _ in range(abs(n)):
                day += step
                while day.isoweekday() != wd:
                    day += step
        # the processing date standing in for the publication date, directly or through a date of
        # the text that took its year from it, supplies no year (a weekday fixes one: "الأحد 8 ديسمبر")
        guess = self.unknown_year and f.y is None and (
            label == self.kind or (self.ref is not None and label == self.ref.id and self.ref.guess)) \
            and not (f.wd and f.m is not None and f.d is not None)
        if value is None and day is not None:
            value = _fmt(day, grain)
            if guess and inferred and grain in ("D", "M") and f.m is not None and not f.holiday:
                return Resolved(f.type if f.type != "TIME" else "DATE", "XXXX" + value[4:], label, True, f.mod)
        if f.type == "TIME" and grain == "D" and day is not None:
            value = self._clock(day, f) or value
        if day is not None and (grain in ("D", "M", "Y") and not f.mod or grain == "D"):
            self._set_ref(day, grain, tid)
            if self.ref is not None and self.ref.id == tid:
                self.ref.guess = guess
        ftype = "TIME" if f.type == "TIME" and value and "T" in value else ("DATE" if f.type == "TIME" else f.type)
        return Resolved(ftype, value, label, inferred, f.mod)

    # ---- calendar dates ------------------------------------------------------------------------
    def _calendar(self, f: Frame):
        """(day, grain, anchor label, year_inferred) of a frame with day/month/year fields."""
        label = self.kind
        if f.month_anaph or "month_rel" in f.extra:
            if f.month_anaph and self.ref is not None:
                base, label = self.ref.date, self.ref.id
            else:
                base = _add_months(self.anchor, f.extra.get("month_rel", 0))
            return dt.date(base.year, base.month, f.d), "D", label, True
        if f.cal == "H":
            return self._hijri(f)
        if f.y is not None:
            if f.m is None:
                return dt.date(f.y, 1, 1), "Y", label, False
            if f.d is None:
                return dt.date(f.y, f.m, 1), "M", label, False
            day = dt.date(f.y, f.m, f.d)
            if f.wd is not None and day.isoweekday() != f.wd and f.extra.get("nth_alt"):
                day = _nth_weekday(f.y, f.m, f.wd, f.extra["nth_alt"])
            return day, "D", label, False
        m, d = f.m, f.d
        if m is None:
            return None
        if d is None:
            if "month_dir" in f.extra:  # "مارس الماضي": the last March before the anchor's month
                step = f.extra["month_dir"]
                y = self.anchor.year
                if step < 0 and m >= self.anchor.month:
                    y -= 1
                elif step > 0 and m <= self.anchor.month:
                    y += 1
                return dt.date(y, m, 1), "M", self.kind, True
            y, label = self._year_for(m, 1, None)
            return dt.date(y, m, 1), "M", label, True
        if "month_dir" in f.extra and f.wd is None:  # "27 آب المنصرم": the last 27 August before the anchor
            step, y = f.extra["month_dir"], self.anchor.year
            if step < 0 and _safe_day(y, m, d) >= self.anchor:
                y -= 1
            elif step > 0 and _safe_day(y, m, d) <= self.anchor:
                y += 1
            return _safe_day(y, m, d), "D", self.kind, True
        if f.wd is not None:
            y = self._year_for_weekday(m, d, f.wd)
            if y is not None:
                return dt.date(y, m, d), "D", self.kind, True
        y, label = self.dated.get((m, d)) or self._year_for(m, d, f.wd)
        return dt.date(y, m, d), "D", label, True

    def _year_for_weekday(self, m: int, d: int, wd: int) -> int | None:
        """The latest year not after the anchor (earliest not before, for future reading)
        in which day d of month m falls on weekday wd."""
        step = 1 if self.prefer == "future" else -1
        for k in range(0, 60):
            y = self.anchor.year + step * k
            try:
                day = dt.date(y, m, d)
            except ValueError:
                continue
            if (day > self.anchor if step < 0 else day < self.anchor):
                continue
            if day.isoweekday() == wd:
                return y
        return None

    def _year_for(self, m: int, d: int, wd: int | None) -> tuple[int, str]:
        """A year for a day and month: nearest the narrative's date when the text has one,
        else nearest before the anchor (after it, for a future reading)."""
        if self.ref is not None and self.ref.grain in ("D", "M", "Y"):
            best = None
            years = (self.ref.date.year,) if self.ref.grain == "Y" else (
                self.ref.date.year - 1, self.ref.date.year, self.ref.date.year + 1)
            for y in years:
                try:
                    day = dt.date(y, m, min(d, 28) if m == 2 and d == 29 and not _leap(y) else d)
                except ValueError:
                    continue
                gap = abs((day - self.ref.date).days)
                if best is None or gap < best[0]:
                    best = (gap, y)
            if best is not None:
                return best[1], self.ref.id
        for k in range(0, 9):
            y = self.anchor.year + (k if self.prefer == "future" else -k)
            try:
                day = dt.date(y, m, d)
            except ValueError:
                continue
            # future reading: this year while the month has not passed (Duckling's convention)
            if (self.prefer == "future" and (y, m) >= (self.anchor.year, self.anchor.month)) or (
                    self.prefer != "future" and day <= self.anchor):
                return y, self.kind
        return self.anchor.year, self.kind

    def _hijri(self, f: Frame):
        label = self.kind
        inferred = False
        if f.y is None:
            hy = Gregorian(self.anchor.year, self.anchor.month, self.anchor.day).to_hijri().year
            inferred = True
            for y in (hy, hy - 1, hy + 1):
                g = Hijri(y, f.m, f.d or 1).to_gregorian()
                day = dt.date(g.year, g.month, g.day)
                if (day <= self.anchor) != (self.prefer == "future"):
                    break
            hyear = y
        else:
            hyear = f.y
        if f.m is None:
            return None
        if f.y is not None and f.y > 1600:  # "رمضان 2019": a Hijri month in a Gregorian year
            for hy in (f.y - 579, f.y - 578, f.y - 580):
                g = Hijri(hy, f.m, 1).to_gregorian()
                if g.year == f.y:  # TIMEX3 has no Hijri month: the Gregorian month it begins in
                    return dt.date(g.year, g.month, g.day), "M", label, inferred
            return None
        g = Hijri(hyear, f.m, f.d or 1).to_gregorian()
        day = dt.date(g.year, g.month, g.day)
        if f.d is None:
            return day, "M", label, inferred  # YYYY-MM of the Gregorian month it starts in
        return day, "D", label, inferred

    def _holiday(self, f: Frame) -> tuple[dt.date, bool]:
        cal, m, d = f.holiday
        y = f.y or self.anchor.year
        if cal == "gregorian":
            day = dt.date(y, m, d)
        elif cal == "easter":
            day = _easter(y)
        elif f.y is not None and f.y < 1600:  # a Hijri year: "رأس السنة الهجرية 1440"
            g = Hijri(f.y, m, d).to_gregorian()
            day = dt.date(g.year, g.month, g.day)
        else:
            day = None
            for hy in (y - 579, y - 578, y - 580, y - 577):
                g = Hijri(hy, m, d).to_gregorian()
                if g.year == y:
                    day = dt.date(g.year, g.month, g.day)
                    break
            if day is None:
                raise ValueError("no such holiday in that year")
        return day, f.y is None

    def _nth(self, f: Frame):
        label = self.kind
        if f.m is None:
            base = _add_months(self.anchor, f.extra.get("month_rel", 0))
            y, m = base.year, base.month
        else:
            m = f.m
            y = f.y
            if y is None:
                y = self.anchor.year + f.extra.get("year_rel", 0)
        if f.extra.get("last_day"):
            return _last_day(y, m), label, f.y is None
        if f.nth_unit == "W":
            if f.nth > 0:
                first = dt.date(y, m, 1)
                monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
                return monday + dt.timedelta(weeks=f.nth - 1), label, f.y is None
            # the last full week, as the first week is the first full one (Monday on or after the 1st)
            last = _last_day(y, m)
            sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
            return sunday - dt.timedelta(days=6), label, f.y is None
        if f.nth > 0:
            day = dt.date(y, m, 1)
            while day.isoweekday() != f.wd:
                day += dt.timedelta(days=1)
            return day + dt.timedelta(weeks=f.nth - 1), label, f.y is None
        day = _last_day(y, m)
        while day.isoweekday() != f.wd:
            day -= dt.timedelta(days=1)
        return day, label, f.y is None

    def _weekday(self, f: Frame) -> tuple[dt.date, str]:
        a = self.anchor
        r = self.ref
        if (f.direction is None and f.week_rel is None and r is not None and r.grain == "D"
                and abs((r.date - a).days) > 7 and (self.kind != "published" or self._ref_nearby())):
            # the narrative is elsewhere in time: the named day nearest the last date of the text
            # (in a dated report, only a date of the same or the previous sentence moves a weekday
            # away from the publication's week: "قالت أوكسفام الأربعاء" after a background date)
            back = (r.date.isoweekday() - f.wd) % 7
            fwd = (f.wd - r.date.isoweekday()) % 7
            day = r.date - dt.timedelta(days=back) if back <= fwd else r.date + dt.timedelta(days=fwd)
            return day, r.id
        if f.week_rel is not None:
            monday = a - dt.timedelta(days=a.weekday()) + dt.timedelta(weeks=f.week_rel)
            return monday + dt.timedelta(days=f.wd - 1), self.kind
        direction = f.direction
        if direction == 0 and self.prefer == "future":
            day = a  # "هذا الاثنين" read forward: the coming one, today included
            while day.isoweekday() != f.wd:
                day += dt.timedelta(days=1)
            return day, self.kind
        if direction == 0:  # news reading: that day of the current ISO week
            monday = a - dt.timedelta(days=a.weekday())
            return monday + dt.timedelta(days=f.wd - 1), self.kind
        if direction is None:
            direction = 1 if self.prefer == "future" else 0
        if direction > 0:
            day = a + dt.timedelta(days=1)
            while day.isoweekday() != f.wd:
                day += dt.timedelta(days=1)
            return day, self.kind
        day = a if direction == 0 else a - dt.timedelta(days=1)
        while day.isoweekday() != f.wd:
            day -= dt.timedelta(days=1)
        return day, self.kind

    def _clock(self, day: dt.date, f: Frame) -> str | None:
        if f.hour is None:
            return f"{day.isoformat()}T{f.pod}" if f.pod else None
        h = f.hour
        mins = f.minute or 0
        a = f.ampm
        if a == "pm" and h < 12:
            h += 12
        elif a == "noon" and 1 <= h <= 5:
            h += 12
        elif a == "night" and 6 <= h < 12:
            h += 12
        elif a == "night" and h == 12:
            h = 0
        elif a is None and self.prefer == "future" and self.anchor_dt is not None and h <= 12 and f.d is None:
            now = self.anchor_dt.hour * 60 + self.anchor_dt.minute
            if h * 60 + mins <= now and h < 12:
                h += 12
        total = h * 60 + mins
        if total < 0 or total >= 24 * 60 + 1:
            return None
        h, mins = divmod(total, 60)
        if h == 24:
            h = 0
        s = f"{day.isoformat()}T{h:02d}:{mins:02d}"
        if f.second is not None:
            s += f":{f.second:02d}"
        return s


_COARSER = {"D": 1, "W": 2, "M": 3, "Y": 4}


# ---- calendar arithmetic --------------------------------------------------------------------
def _safe_day(y: int, m: int, d: int) -> dt.date:
    """Day d of month m in year y; 29 February of a common year is the 28th."""
    return dt.date(y, m, 28 if m == 2 and d == 29 and not _leap(y) else d)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _last_day(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(days=1)


def _add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def _fmt(d: dt.date, grain: str) -> str:
    if grain == "Y":
        return f"{d.year:04d}"
    if grain == "M":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _at_grain(d: dt.date, unit: str) -> tuple[str, str, dt.date]:
    if unit == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}", "W", d
    if unit in ("M",):
        return _fmt(d, "M"), "M", d
    if unit in ("Y", "DE", "CE"):
        return _fmt(d, "Y"), "Y", d
    return _fmt(d, "D"), "D", d


def _period(base: dt.date, unit: str, direction: int) -> tuple[str, str, dt.date]:
    if unit == "W":
        d = base + dt.timedelta(weeks=direction)
        return _at_grain(d, "W")
    if unit == "M":
        d = _add_months(base, direction)
        return _fmt(d, "M"), "M", d
    if unit == "Y":
        d = dt.date(base.year + direction, 1, 1)
        return _fmt(d, "Y"), "Y", d
    if unit == "DE":
        return f"{(base.year // 10 + direction):03d}", "DE", base
    if unit == "CE":
        return f"{(base.year // 100 + direction):02d}", "CE", base
    d = base + dt.timedelta(days=direction)
    return _fmt(d, "D"), "D", d


def _shift(base: dt.date, base_dt: dt.datetime | None, unit: str, n: int):
    """(value, day, grain) of base moved by n units, at the grain of the unit."""
    if unit in ("H", "MIN", "S"):
        if base_dt is None:
            return _fmt(base, "D"), None, "D"
        delta = {"H": dt.timedelta(hours=n), "MIN": dt.timedelta(minutes=n), "S": dt.timedelta(seconds=n)}[unit]
        t = base_dt + delta
        return t.strftime("%Y-%m-%dT%H:%M"), None, "T"
    if unit in ("D", "W"):
        d = base + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return _fmt(d, "D"), d, "D"
    if unit == "M":
        d = _add_months(base, n)
        return _fmt(d, "M"), d, "M"
    years = n * {"Y": 1, "DE": 10, "CE": 100}[unit]
    d = dt.date(base.year + years, 1, 1)
    return _fmt(d, "Y"), d, "Y"


def weekday_near(day: dt.date, wd: int, past_only: bool = False) -> dt.date:
    """The date of ISO weekday ``wd`` nearest ``day`` (the earlier on a tie; only earlier ones
    when ``past_only``: a text read today that says "today Monday" was written on a past Monday)."""
    back = (day.isoweekday() - wd) % 7
    fwd = (wd - day.isoweekday()) % 7
    return day - dt.timedelta(days=back) if past_only or back <= fwd else day + dt.timedelta(days=fwd)


def _nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    day = dt.date(y, m, 1)
    while day.isoweekday() != wd:
        day += dt.timedelta(days=1)
    return day + dt.timedelta(weeks=n - 1)


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m + 114) // 451
    return dt.date(y, (h + m - 7 * n + 114) // 31, (h + m - 7 * n + 114) % 31 + 1)
