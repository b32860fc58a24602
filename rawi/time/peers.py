"""rawi's tagger against the peers' own Arabic time suites (Duckling, dateparser).

Each expression runs through ``rawi.time.tag`` against the suite's reference time and the
value is compared at the grain the peer gives. Used by tests/test_time_peers.py and by
scripts/time_peer_disagreements.py (which writes docs/time-peer-disagreements.md).
TIMEX3 values are turned into a start instant for the comparison: a week is its Monday,
a month its first day, a part of day (TNI) the hour Duckling starts it at, PRESENT_REF the
reference time; mod START/MID/END of a month is its first, middle or last ten days.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rawi.time import tag

REFERENCE = dt.datetime(2013, 2, 12, 4, 30)
GRAINS = ("Second", "Minute", "Hour", "Day", "Week", "Month", "Year")
_POD_HOUR = {"MO": 4, "MI": 12, "AF": 12, "EV": 18, "NI": 18, "DT": 6}
_MOD_DAY = {"START": 1, "MID": 15, "END": 21}


@dataclass
class Case:
    suite: str
    expression: str
    expected: str  # what the peer says, as it says it
    kind: str  # datetime | interval | duration
    start: dt.datetime | None = None
    end: dt.datetime | None = None  # exclusive
    grain: str = "Day"
    duration: str | None = None


@dataclass
class Outcome:
    case: Case
    got: str  # rawi's value(s), as printed
    agree: bool
    why: str = ""


def load_duckling(path: Path) -> list[Case]:
    out = []
    with path.open(encoding="utf-8") as f:
        rows = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        v = r["value"]
        kind = "interval" if " / " in v else "datetime"
        parts = [dt.datetime.fromisoformat(p.strip()) for p in v.split(" / ")]
        out.append(Case("duckling", r["expression"], v, kind, parts[0], parts[1] if len(parts) > 1 else None,
                        r["grain"]))
    return out


_EN_UNITS = {"day": "D", "hour": "H", "year": "Y", "week": "W", "month": "M", "minute": "MIN"}
_EN_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def load_dateparser(path: Path) -> list[Case]:
    out = []
    with path.open(encoding="utf-8") as f:
        rows = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        en = r["expected_translation"].strip()
        m = re.fullmatch(r"(?:ago )?(\d+) (\w+?)s?(?: ago)?", en)
        if m and ("ago" in en):
            n, unit = int(m.group(1)), _EN_UNITS[m.group(2)]
            delta = {"D": dt.timedelta(days=n), "H": dt.timedelta(hours=n)}[unit]
            start = REFERENCE - delta
            grain = "Day" if unit == "D" else "Hour"
            out.append(Case("dateparser", r["expression"], en, "datetime", start, None, grain))
            continue
        if m:
            n, unit = int(m.group(1)), _EN_UNITS[m.group(2)]
            out.append(Case("dateparser", r["expression"], en, "duration", duration=f"P{n}{unit}"))
            continue
        m = re.fullmatch(r"(\d+) (\w+) (\d{4}) (\d\d):(\d\d) (am|pm)", en)
        if m:
            d, mon, y, h, mi, ap = m.groups()
            hour = int(h) % 12 + (12 if ap == "pm" else 0)
            start = dt.datetime(int(y), _EN_MONTHS[mon], int(d), hour, int(mi))
            out.append(Case("dateparser", r["expression"], en, "datetime", start, None, "Minute"))
            continue
        raise ValueError(f"unread dateparser line: {en}")
    return out


def _start_of(value: str, mod: str | None) -> tuple[dt.datetime | None, str]:
    """(start instant, grain) of a TIMEX3 value."""
    if value == "PRESENT_REF":
        return REFERENCE, "Second"
    m = re.fullmatch(r"(\d{4})-W(\d\d)", value)
    if m:
        return dt.datetime.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "Week"
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T(\d\d):(\d\d)(?::(\d\d))?|T([A-Z]{2}))?", value)
    if not m:
        return None, ""
    y, mo, d, h, mi, s, pod = m.groups()
    if mo is None:
        return dt.datetime(int(y), 1, 1), "Year"
    if d is None:
        if mod in _MOD_DAY:
            return dt.datetime(int(y), int(mo), _MOD_DAY[mod]), "Day"
        return dt.datetime(int(y), int(mo), 1), "Month"
    day = dt.datetime(int(y), int(mo), int(d))
    if pod:
        return day.replace(hour=_POD_HOUR.get(pod, 0)), "Hour"
    if h is None:
        return day, "Day"
    if s is None:
        return day.replace(hour=int(h), minute=int(mi)), "Minute"
    return day.replace(hour=int(h), minute=int(mi), second=int(s)), "Second"


def _trunc(t: dt.datetime, grain: str) -> dt.datetime:
    if grain == "Second":
        return t
    if grain == "Minute":
        return t.replace(second=0)
    if grain == "Hour":
        return t.replace(minute=0, second=0)
    d = t.replace(hour=0, minute=0, second=0)
    if grain == "Week":
        return d - dt.timedelta(days=d.weekday())
    if grain == "Month":
        return d.replace(day=1)
    if grain == "Year":
        return d.replace(month=1, day=1)
    return d


def _finer_or_same(have: str, need: str) -> bool:
    return GRAINS.index(have) <= GRAINS.index(need) or (have == "Day" and need == "Week")


def check(case: Case, prefer: str = "future") -> Outcome:
    xs = [x for x in tag(case.expression, REFERENCE, anchor_kind="today", prefer=prefer) if x.value]
    got = " | ".join(f"{x.text}={x.value}" + (f"[{x.mod}]" if x.mod else "") for x in xs) or "-"
    if not xs:
        return Outcome(case, got, False, "not found")
    if case.kind == "duration":
        ok = any(x.value == case.duration for x in xs)
        return Outcome(case, got, ok, "" if ok else "different duration")
    main = max(xs, key=lambda x: (x.type != "DURATION", x.end - x.start))
    if case.kind == "interval" and len(xs) >= 2:
        main = xs[0]
    start, grain = _start_of(main.value, main.mod)
    if start is None:
        return Outcome(case, got, False, f"value {main.value} has no start instant")
    if not _finer_or_same(grain, case.grain) and not (case.kind == "interval" and main.mod):
        return Outcome(case, got, False, f"rawi's value is at {grain} grain, the peer's at {case.grain}")
    g = case.grain
    if _trunc(start, g) != _trunc(case.start, g):
        return Outcome(case, got, False, f"start {start:%Y-%m-%dT%H:%M} differs")
    if case.kind == "interval" and len(xs) >= 2 and case.end is not None:
        last, lgrain = _start_of(xs[-1].value, xs[-1].mod)
        if last is None:
            return Outcome(case, got, False, "end has no value")
        step = {"Day": dt.timedelta(days=1), "Hour": dt.timedelta(hours=1)}.get(g, dt.timedelta(0))
        if _trunc(last, g) + step != _trunc(case.end, g):
            return Outcome(case, got, False, f"end {last:%Y-%m-%dT%H:%M} differs")
    return Outcome(case, got, True)


def run_suite(cases: list[Case], prefer: str = "future") -> list[Outcome]:
    return [check(c, prefer) for c in cases]
