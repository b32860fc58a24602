"""Finds temporal expressions: a small grammar over the tokens of the normalised text.

The text is normalised with ``normalize_with_map`` (diacritics, tatweel, hamza and ta
marbuta variants folded; Arabic-Indic digits made ASCII) and cut into tokens; every token
is looked up in the time vocabulary (``lexicon.py``), proclitics و ف ب ل ك allowed in
front. The grammar below reads those categories and returns ``Frame`` records: what the
text says (day, month, weekday, clock time, offset, …) with token spans, not yet resolved
to calendar values (``resolve.py`` does that).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rawi.arabic.normalize import _DROP_RE as _DROPPED
from rawi.arabic.normalize import _FOLD, normalize
from rawi.lexicon import load_yaml
from rawi.time.lexicon import CONNECTORS, TOKEN_RE, content_hits, first_forms, lookup


@dataclass
class Frame:
    start: int  # token span [start, end)
    end: int
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    y: int | None = None
    m: int | None = None
    d: int | None = None
    wd: int | None = None
    cal: str = "G"  # G (Gregorian) | H (Hijri)
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    pod: str | None = None  # TIMEX3 part of day (MO, MI, AF, EV, NI, DT)
    ampm: str | None = None  # am | pm | noon | night | midnight: how to read a 12-hour clock
    deictic: tuple[str, int] | None = None  # (unit, offset) from the document anchor
    ago: tuple[str, int] | None = None  # (unit, -n | +n): n units before/after
    after_ref: bool = False  # "حتى الجمعة": the first such day after the previous date
    anaph: str | None = None  # unit: the same day/month/year as the previous date
    month_anaph: bool = False  # "السابع من الشهر نفسه"
    direction: int | None = None  # weekday/period with الماضي (-1), هذا (0), المقبل (+1)
    week_rel: int | None = None  # weekday of the previous (-1)/this (0)/next (+1) week
    period: str | None = None  # unit of a calendar period ("الأسبوع الماضي" -> W)
    nth: int | None = None  # nth weekday/week of a month; -1 = last
    nth_unit: str | None = None  # "D" (a weekday or day) or "W" (a week)
    holiday: tuple[str, int, int] | None = None
    mod: str | None = None
    literal: str | None = None  # a value already known (PT1H, PAST_REF, XXXX-WXX-5…)
    interval_part: int = 0  # 1: first of a range, 2: second
    strong: bool = True  # weak frames (a bare "ظهر", a weak month name) are dropped alone
    extra: dict[str, Any] = field(default_factory=dict)

    def has_day(self) -> bool:
        return self.d is not None


_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_WINDOW = 30  # characters parsed on each side of a time word or number
_BARRIER = "\u2029"  # stands between two parsed regions
_TOKEN_NL_RE = re.compile(TOKEN_RE.pattern + r"|\n")  # a line break is a token: nothing joins across it
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_EMPTY: dict = {}


@cache
def _words(key: str) -> tuple[str, ...]:
    """A word list of the rules below (``rule_words`` in rawi/data/time/lexicon.yaml), normalised
    on loading as the tokens it is compared with are (``normalize(w, lower=False)``)."""
    return tuple(normalize(str(w), lower=False) for w in load_yaml("time/lexicon.yaml")["rule_words"][key])


def _has_moment(w: str) -> bool:
    """Whether a token holds a word for "moment" ("اللحظه", "لحظه")."""
    return any(m in w for m in _words("moment"))


_FOLD_PAIRS = tuple((a, b) for a, b in _FOLD.items() if len(a) == 1 and len(b) == 1 and a != b)


def _fast_normalize(text: str) -> str:
    """``normalize(text, lower=False)`` for text without presentation forms, with C-speed
    replacements (a translate table costs a dictionary look-up per character)."""
    if _DROPPED.search(text):
        text = _DROPPED.sub("", text)
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


_CHANGING = re.compile(_DROPPED.pattern + "|" + _PRESENTATION.pattern)


def _normalize_mapped(text: str):
    """``(normalised text, map)``: ``map(p)`` is the source offset of normalised position p
    (None when the two are the same). Marks are dropped and presentation forms (ﻻ → لا)
    unfolded piece by piece at C speed; every other fold is one character for one."""
    if not _CHANGING.search(text):
        return _fast_normalize(text), None
    pieces: list[str] = []
    starts: list[int] = []  # normalised start of each piece
    origins: list[int] = []  # its source start
    fixed: list[bool] = []  # an unfolded presentation form: all its characters map to one source character
    pos = n = 0
    for m in _CHANGING.finditer(text):
        if m.start() > pos:
            starts.append(n)
            origins.append(pos)
            fixed.append(False)
            pieces.append(text[pos:m.start()])
            n += m.start() - pos
        c = m.group()
        if _PRESENTATION.match(c):
            u = _DROPPED.sub("", unicodedata.normalize("NFKC", c))
            if u:
                starts.append(n)
                origins.append(m.start())
                fixed.append(True)
                pieces.append(u)
                n += len(u)
        pos = m.end()
    if pos < len(text):
        starts.append(n)
        origins.append(pos)
        fixed.append(False)
        pieces.append(text[pos:])
    norm = _fast_normalize("".join(pieces))

    def to_source(p: int) -> int:
        k = bisect_right(starts, p) - 1
        return origins[k] if fixed[k] else origins[k] + p - starts[k]

    return norm, to_source


def _could_match(w: str, keys: frozenset[str]) -> bool:
    """Whether a token (or it without a proclitic or two) starts some vocabulary entry."""
    return w in keys or w[1:] in keys or w[2:] in keys or ("ال" + w[2:]) in keys


class Tokens:
    """The normalised tokens of a text with their lookups and source offsets."""

    def __init__(self, text: str):
        self.text = text
        self.words: list[str] = []
        self.spans: list[tuple[int, int]] = []
        norm, to_source = _normalize_mapped(text)
        # parse only around the places that hold a time word or a number (most of a text holds none)
        regions: list[list[int]] = []
        for s, e in content_hits(norm):
            a, b = max(0, s - _WINDOW), min(len(norm), e + _WINDOW)
            if regions and a <= regions[-1][1]:
                regions[-1][1] = b
            else:
                regions.append([a, b])
        for a, b in regions:
            a = norm.rfind(" ", 0, a) + 1
            e = norm.find(" ", b)
            b = len(norm) if e < 0 else e
            if self.words:
                self.words.append(_BARRIER)
                self.spans.append((0, 0))
            for mt in _TOKEN_NL_RE.finditer(norm, a, b):
                self.words.append(mt.group())
                self.spans.append(mt.span())
        self._to_source = to_source
        self.n = len(self.words)
        keys = first_forms()
        self._lk = [lookup(self.words, i) if _could_match(w, keys) else _EMPTY for i, w in enumerate(self.words)]
        self._digit = [w.isdigit() for w in self.words]
        self._content = [d or (bool(lk) and not CONNECTORS.issuperset(lk)) for d, lk in zip(self._digit, self._lk, strict=True)]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets of tokens i..j-1."""
        a, b = self.spans[i][0], self.spans[j - 1][1]
        if self._to_source is None:
            return a, b
        return self._to_source(a), self._to_source(b - 1) + 1

    def lk(self, i: int) -> dict:
        return self._lk[i] if 0 <= i < self.n else _EMPTY

    def get(self, i: int, cat: str):
        """(value, end, clitic, weak) of category ``cat`` at token ``i``, or None."""
        return self.lk(i).get(cat)

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def is_digit(self, i: int) -> bool:
        return 0 <= i < self.n and self._digit[i]

    def is_content(self, i: int) -> bool:
        """A number or a word of a non-connective category."""
        return 0 <= i < self.n and self._content[i]


class Grammar:
    def __init__(self, t: Tokens):
        self.t = t

    # ---- numbers ------------------------------------------------------------------
    def number(self, i: int, allow_card: bool = True, allow_ord: bool = True):
        """(value, kind, end) of a number at i: digits, ordinal or cardinal words (compounds too)."""
        t = self.t
        if t.is_digit(i):
            return int(t.words[i]), "digit" + str(len(t.words[i])), i + 1
        if allow_ord:
            o = t.get(i, "ORD")
            if o and not o[2]:
                v, j = o[0], o[1]
                te = t.get(j, "TEEN")
                if te and not te[2] and v < 10:
                    return v + 10, "ord", te[1]
                tens = t.get(j, "ORDT")
                if tens and tens[2] == "و":
                    return v + tens[0], "ord", tens[1]
                return v, "ord", j
            ot = t.get(i, "ORDT")
            if ot and not ot[2]:
                return ot[0], "ord", ot[1]
        if allow_card:
            c = t.get(i, "CARD")
            if c and not c[2] and c[0] < 10:
                v, j = c[0], c[1]
                te = t.get(j, "TEEN")
                if te and not te[2]:
                    return v + 10, "card", te[1]
                tens = t.get(j, "CARDT")
                if tens and tens[2] == "و":
                    return v + tens[0], "card", tens[1]
                return v, "card", j
            if c and not c[2]:
                return c[0], "card", c[1]
            ct = t.get(i, "CARDT")
            if ct and not ct[2]:
                return ct[0], "card", ct[1]
        return None

    def dom(self, i: int):
        """A day of the month: 1..31 as digits (1-2) or an ordinal."""
        r = self.number(i, allow_card=False)
        if r and 1 <= r[0] <= 31 and r[1] in ("digit1", "digit2", "ord"):
            return r[0], r[2]
        return None

    # ---- months and years -----------------------------------------------------------
    def month(self, i: int):
        """(month, calendar, end, weak) of a month name, "شهر 3", "الشهر الثامن", "ديسمبر/كانون الأول"."""
        t = self.t
        mw = t.get(i, "MONTHW")
        if mw:
            j = mw[1]
            for cat, cal in (("MONTH", "G"), ("HMONTH", "H")):
                g = t.get(j, cat)
                if g:
                    return g[0], cal, self._alt_month(g[1]), False
            if t.word(i) in _words("month_noun") or t.words[i].endswith(_words("month_noun")):
                r = self.number(j, allow_ord=False)
                if r and 1 <= r[0] <= 12 and r[1] in ("digit1", "digit2", "card"):
                    return r[0], "G", r[2], False
            if t.words[i].endswith(_words("month_noun_def")):
                o = t.get(j, "ORD")
                if o and not o[2] and not t.get(o[1], "TEEN"):
                    return o[0], "G", o[1], False
                r = self.number(j)
                if r and r[1] == "ord" and 1 <= r[0] <= 12:
                    return r[0], "G", r[2], False
            return None
        for cat, cal in (("MONTH", "G"), ("HMONTH", "H")):
            g = t.get(i, cat)
            if g:
                weak = g[3] or (cal == "H" and g[1] == i + 1)
                return g[0], cal, self._alt_month(g[1], g[0] if cal == "G" else None), weak
        return None

    def _alt_month(self, j: int, month: int | None = None) -> int:
        """Skip "/كانون الأول", "\\\\سبتمبر" or "(كانون الأول)" after a month name (the other
        system); with no separator only the same month ("أيلول سبتمبر"), so that two months
        in a row that differ are never read as one."""
        t = self.t
        k = j
        while t.word(k) in ("/", "\\") and k - j < 2:  # "أيلول\\سبتمبر": a doubled backslash
            k += 1
        if k == j and t.word(j) in ("-", "("):
            k += 1
        g = t.get(k, "MONTH") or (t.get(k, "HMONTH") if k > j else None)
        if not g:
            return j
        if k == j and (month is None or g[0] != month or g[3]):
            return j
        end = g[1]
        if t.word(j) == "(" and t.word(end) == ")":
            end += 1
        return end

    def year(self, i: int, need_cue: bool = False):
        """(year, calendar, end) of "2024", "عام 2024", "1445 هـ", "2024م"."""
        t = self.t
        j = i
        cue = False
        yw = t.get(i, "YEARW")
        if yw:
            j, cue = yw[1], True
        paren = t.word(j) == "(" and (cue or need_cue)
        if paren:
            j += 1
        if not t.is_digit(j):
            return None
        w = t.words[j]
        if len(w) != 4:
            return None
        y = int(w)
        if not 1000 <= y <= 2200:
            return None
        k = j + 1
        if t.word(k) == "/" and t.is_digit(k + 1) and len(t.words[k + 1]) == 4:
            k += 2  # "1961 / 1962": a season's two years; the first one stands for it
        if paren:
            if t.word(k) != ")":
                return None
            k += 1
            cue = True
        cal = None
        era = t.get(k, "ERA")
        if era and not era[2]:
            cal = era[0]
            k = era[1]
        if need_cue and not cue and cal is None:
            return None
        if cal is None:
            cal = "H" if y < 1600 else "G"
        return y, cal, k

    # ---- dates ------------------------------------------------------------------------
    def weekday(self, i: int):
        """(weekday, end, weak) with an optional "يوم" in front."""
        t = self.t
        j = i
        dw = t.get(i, "DAYW")
        if dw and t.words[i].endswith(_words("day_noun")) and not t.words[i].startswith("ال"):
            j = dw[1]
        w = t.get(j, "WEEKDAY")
        if not w:
            return None
        weak = w[3] and j == i
        if j == i and w[0] == 1 and (t.get(i - 1, "NOTWD_BEFORE") or t.get(w[1], "NOTWD_AFTER")):
            weak = True  # "بين الاثنين": the two, not Monday
        return w[0], w[1], weak

    def date(self, i: int) -> Frame | None:
        t = self.t
        best: Frame | None = None

        def take(f: Frame | None):
            nonlocal best
            if f and (best is None or f.end > best.end):
                best = f

        start = i
        on = t.get(i, "ON")
        if on and t.words[i] in _words("date_cues"):
            i = on[1]
            if t.word(i) == ":":
                i += 1
            if t.word(i) == "(":
                i += 1
        wd = self.weekday(i)
        th = t.get(i, "THIS")
        if not wd and th and t.words[i] in _words("this") and self.weekday(th[1]):
            w2 = self.weekday(th[1])
            f = Frame(start, w2[1], wd=w2[0], direction=0)
            return f
        k = i
        if wd:
            k = wd[1]
            if t.word(k) in ("،", ",", "-"):
                k += 1
            if t.get(k, "ON") and t.word(k) in _words("date_equivalence"):
                k += 1
            if t.get(k, "ON") and t.word(k) in _words("in"):
                k += 1
        if not wd and t.words[i] in _words("day_noun_forms") and self.dom(i + 1):
            k = i + 1  # "يوم 30 مارس 2019"
        f = self.day_month(k)
        if f:
            f.start = start
            if wd:
                f.wd = wd[0]
                o = self.number(k, allow_card=False)
                if o and o[1] == "ord" and o[0] <= 5:
                    f.extra["nth_alt"] = o[0]  # "الثلاثاء الثالث من سبتمبر": the 3rd, or the third Tuesday
            take(f)
        elif wd:
            take(self.weekday_frame(start, i, wd))
        nf = self.numeric(k, start)
        if nf and wd:
            nf.wd = wd[0]
        take(nf)
        if k == i:
            take(self.month_year(i, start))
        take(self.nth_in_month(i, start))
        take(self.nth_from_date(i, start))
        take(self.holiday(start))
        if best and best.start == start and start != i and best.end <= i:
            best = None
        return best

    def day_month(self, i: int) -> Frame | None:
        """dd [من] [شهر] month [year] | dd من الشهر نفسه/الجاري | اليوم الثالث من اكتوبر."""
        t = self.t
        j0 = i
        if t.get(i, "DAYW") and t.words[i].endswith(_words("day_noun_def")) and t.get(i + 1, "ORD"):
            j0 = i + 1
        dm = self.dom(j0)
        if not dm:
            return None
        d, j = dm
        if t.word(j) in _words("of_in_bi"):
            j += 1
        mo = self.month(j)
        if mo:
            m, cal, k, _weak = mo
            f = Frame(i, k, d=d, m=m, cal=cal)
            k2 = k + 1 if t.word(k) in ("،", ",") else k
            yr = self.year(k2) or (self.year(k2 + 1) if t.word(k2) in _words("of_in_bi") else None)
            if yr:
                f.y, f.end = yr[0], yr[2]
                if yr[1] == "H":
                    f.cal = "H"
                return f
            dr = t.get(k, "DIR")  # "27 آب المنصرم": that day of the month's last occurrence
            if dr and not dr[2] and not t.words[k].startswith(_words("last_adj")):
                f.extra["month_dir"], f.end = dr[0], dr[1]
            return f
        per = t.get(j, "PERIOD")
        if per and per[0] == "M" and t.words[j].endswith(_words("month_noun_def")):
            k = per[1]
            same = t.get(k, "SAME")
            dr = t.get(k, "DIR")
            if same:
                return Frame(i, same[1], d=d, month_anaph=True)
            if dr and dr[0] == 0:
                return Frame(i, dr[1], d=d, extra={"month_rel": 0})
            if dr:
                return Frame(i, dr[1], d=d, extra={"month_rel": dr[0]})
        th = t.get(j, "THIS")
        if th and t.get(th[1], "PERIOD") and t.get(th[1], "PERIOD")[0] == "M":
            return Frame(i, t.get(th[1], "PERIOD")[1], d=d, extra={"month_rel": 0})
        return None

    def weekday_frame(self, start: int, i: int, wd) -> Frame | None:
        """A weekday alone or with الماضي/المقبل, "من الأسبوع الماضي", "هذا"."""
        t = self.t
        f = Frame(start, wd[1], wd=wd[0], strong=not wd[2])
        k = wd[1]
        dr = t.get(k, "DIR")
        if dr:
            f.direction, f.end, f.strong = dr[0], dr[1], True
            return f
        j = k + 1 if t.word(k) in _words("of_in") else k
        per = t.get(j, "PERIOD")
        if per and per[0] == "W":
            d2 = t.get(per[1], "DIR")
            if d2:
                f.week_rel, f.end, f.strong = d2[0], d2[1], True
                return f
        th = t.get(j, "THIS")
        if th and t.get(th[1], "PERIOD") and t.get(th[1], "PERIOD")[0] == "W":
            f.week_rel, f.end, f.strong = 0, t.get(th[1], "PERIOD")[1], True
        return f

    def numeric(self, i: int, start: int) -> Frame | None:
        """dd/mm/yyyy, yyyy-mm-dd, dd/mm, mm/yyyy (also with "(" around the year)."""
        t = self.t
        if not t.is_digit(i):
            return None
        parts = [t.words[i]]
        seps = []
        j = i + 1
        while len(parts) < 3 and t.word(j) in ("/", "-", ".") and t.is_digit(j + 1):
            seps.append(t.word(j))
            parts.append(t.words[j + 1])
            j += 2
        close = j
        if t.word(close) == ")" and start < i and t.word(i - 1) == "(":
            close += 1
        if len(parts) == 3:
            a, b, c = (int(p) for p in parts)
            if len(parts[0]) == 4 and 1 <= b <= 12 and 1 <= c <= 31:
                return Frame(start, j, y=a, m=b, d=c)
            if len(parts[2]) in (2, 4) and 1 <= b <= 12 and 1 <= a <= 31 and len(set(seps)) == 1:
                y = c if len(parts[2]) == 4 else (2000 + c if c < 50 else 1900 + c)
                return Frame(start, close if t.word(j) == ")" else j, y=y, m=b, d=a)
            return None
        if len(parts) == 2 and seps[0] == "/":
            a, b = int(parts[0]), int(parts[1])
            if len(parts[1]) == 4 and 1 <= a <= 12 and len(parts[0]) <= 2:
                return Frame(start, j, y=b, m=a)
            if len(parts[0]) <= 2 and len(parts[1]) <= 2 and 1 <= a <= 31 and 1 <= b <= 12:
                # dd/mm needs a date context (a weekday or "بتاريخ" before it)
                if start < i:
                    return Frame(start, j, m=b, d=a)
        return None

    def month_year(self, i: int, start: int) -> Frame | None:
        """month [year] | month dd (Duckling order) | a year alone with a cue."""
        t = self.t
        mo = self.month(i)
        if mo:
            m, cal, k, weak = mo
            prev = t.get(i - 1, "ON") or t.get(i - 1, "SINCE") or t.get(i - 1, "UNTIL") or t.get(i - 1, "WITHIN")
            # a weak name ("مارس" is also a verb) counts after a preposition, unless it is as short as "آب"/"إب"
            f = Frame(start, k, m=m, cal=cal, strong=not weak or bool(prev and not prev[2] and len(t.words[i]) > 2))
            dr = t.get(k, "DIR")
            if dr and dr[0] in (-1, 1, 0) and not t.words[k].startswith(_words("last_adj")):
                f.extra["month_dir"], f.end, f.strong = dr[0], dr[1], True
                return f
            k2 = k + 1 if t.word(k) in ("،", ",") else k
            yr = self.year(k2)
            if yr:
                f.y, f.end, f.strong = yr[0], yr[2], True
                return f
            dm = self.dom(k)
            if dm and not (t.is_digit(k) and len(t.words[k]) > 2):
                f.d, f.end, f.strong = dm[0], dm[1], True
            return f
        yr = self.year(i, need_cue=True)
        if yr:
            return Frame(start, yr[2], y=yr[0], cal=yr[1])
        if t.is_digit(i) and len(t.words[i]) == 4 and 1800 <= int(t.words[i]) <= 2100:
            # a bare year: in brackets, after a preposition or a month, or before punctuation/the end;
            # not before a word ("2000 شخص" counts people)
            prev = t.word(i - 1)
            nxt = t.word(i + 1)
            era = t.get(i + 1, "ERA")
            if era:
                return Frame(start, era[1], y=int(t.words[i]), cal=era[0] if era[0] in ("G", "H") else "G")
            before_word = bool(nxt) and (nxt[0].isalpha() or nxt.isdigit() or nxt in ("%", "٪"))
            if before_word and (t.get(i + 1, "TO") or nxt == "و") and t.is_digit(i + 2) and len(t.words[i + 2]) == 4:
                before_word = False  # "بين 2010 و2015", "من 2010 إلى 2015"
            if (prev == "(" and nxt == ")") or t.get(i - 1, "SINCE") or t.get(i - 1, "UNTIL") or prev in _words("year_preps") or not before_word:
                if t.word(i - 1) not in ("/", "-", ":") or t.word(i - 2) == ")":
                    era = t.get(i + 2, "ERA") if nxt == ")" else None
                    if era and era[0] in ("G", "H"):  # "( 1343 ) هجري"
                        return Frame(start - 1 if prev == "(" and start == i else start, era[1],
                                     y=int(t.words[i]), cal=era[0])
                    return Frame(start, i + 1, y=int(t.words[i]))
        return None

    def nth_in_month(self, i: int, start: int) -> Frame | None:
        """اخر اثنين من شهر اذار, الثلاثاء الاخير من شهر مارس, ثالث ثلاثاء في ايلول, اول اسبوع بشهر."""
        t = self.t
        nth = None
        j = i
        mod = t.get(i, "MOD")
        if mod and mod[0] == "END" and t.words[i] in _words("last_word"):
            nth, j = -1, mod[1]
        else:
            r = self.number(i, allow_card=False)
            if r and r[1] == "ord" and r[0] <= 5:
                nth, j = r[0], r[2]
        unit = None
        wdv = None
        if nth is not None:
            if t.get(j, "DAYW") and t.get(j + 1, "WEEKDAY"):
                j += 1
            w = t.get(j, "WEEKDAY")
            u = t.get(j, "UNIT") or t.get(j, "PERIOD")
            if w:
                wdv, unit, j = w[0], "D", w[1]
            elif u and u[0] in ("D", "W") or (u and u[0][0] in ("D", "W")):
                unit = u[0] if isinstance(u[0], str) else u[0][0]
                j = u[1]
            else:
                return None
        else:
            w = self.weekday(i)
            per = t.get(i, "PERIOD")
            if w:
                wdv, j = w[0], w[1]
                unit = "D"
            elif per and per[0] in ("D", "W"):
                unit, j = per[0], per[1]
            else:
                return None
            dr = t.get(j, "DIR")
            if dr and t.words[j].startswith(_words("last_adj")):
                nth, j = -1, dr[1]
            else:
                r = self.number(j, allow_card=False)
                if not (r and r[1] == "ord" and r[0] <= 5):
                    return None
                nth, j = r[0], r[2]
        if t.word(j) in _words("of_in") or t.get(j, "MONTHW") and t.words[j][0] in "بف":
            if t.word(j) in _words("of_in"):
                j += 1
        mo = self.month(j)
        rel = None
        if mo:
            m, cal, k, _ = mo
        else:
            per = t.get(j, "PERIOD")
            if per and per[0] == "M" and t.get(per[1], "DIR"):
                m, cal, k = None, "G", t.get(per[1], "DIR")[1]
                rel = t.get(per[1], "DIR")[0]
            else:
                return None
        f = Frame(start, k, m=m, cal=cal, wd=wdv, nth=nth, nth_unit=unit)
        if rel is not None:
            f.extra["month_rel"] = rel
        if unit == "D" and wdv is None:
            f.d, f.nth = (nth if nth > 0 else None), None
            if nth < 0:
                f.extra["last_day"] = True
        for skip in (0, 1, 2):
            yr = self.year(k + skip) if skip == 0 or t.word(k + skip - 1) in _words("of_in_bi_comma") else None
            if skip == 2 and not (t.word(k) in _words("of_in") and t.get(k + 1, "YEARW")):
                yr = None
            if yr:
                f.y, f.end = yr[0], yr[2]
                break
        if f.y is None:
            per = t.get(k, "PERIOD")
            if per and per[0] == "Y" and t.get(per[1], "DIR"):
                f.extra["year_rel"] = t.get(per[1], "DIR")[0]
                f.end = t.get(per[1], "DIR")[1]
        return f

    def nth_from_date(self, i: int, start: int) -> Frame | None:
        """ordinal + weekday + بعد/قبل + a date with a day ("ثالث ثلاثاء بعد كريسماس 2014",
        "ثاني جمعة بعد رأس السنة 2015"), also weekday + ordinal ("الجمعة الثانية قبل عيد الفصح"):
        the nth such weekday strictly after (before) that day."""
        t = self.t
        r = self.number(i, allow_card=False)
        if r and r[1] == "ord" and 1 <= r[0] <= 10:
            n, j = r[0], r[2]
            if t.get(j, "DAYW") and t.get(j + 1, "WEEKDAY"):
                j += 1
            w = t.get(j, "WEEKDAY")
            if not w:
                return None
            wdv, j = w[0], w[1]
        else:
            w = self.weekday(i)
            if not w:
                return None
            r = self.number(w[1], allow_card=False)
            if not (r and r[1] == "ord" and 1 <= r[0] <= 10):
                return None
            wdv, n, j = w[0], r[0], r[2]
        sign = 1 if t.get(j, "AFTER") and not t.get(j, "AFTER")[2] else (
            -1 if t.get(j, "BEFORE") and not t.get(j, "BEFORE")[2] else 0)
        if not sign:
            return None
        k = j + 1
        inner = self.date(k)
        if inner is None or inner.literal or not (inner.holiday or inner.d is not None):
            return None
        inner.start, inner.strong = start, True
        inner.extra["nth_from"] = (sign * n, wdv)
        return inner

    def holiday(self, i: int) -> Frame | None:
        h = self.t.get(i, "HOLIDAY")
        if not h:
            return None
        f = Frame(i, h[1], holiday=tuple(h[0]))
        yr = self.year(h[1])
        if yr:
            f.y, f.end = yr[0], yr[2]
        return f

    # ---- clock times ------------------------------------------------------------------
    def clock(self, i: int) -> Frame | None:
        t = self.t
        start = i
        j = i
        approx = None
        ap = t.get(i, "APPROX")
        if ap and ap[0] and not ap[2]:  # "حوالي الساعة الثالثة": mod APPROX
            approx, j = ap[0], ap[1]
            if t.word(j) in _words("at"):
                j += 1
        cw = t.get(j, "CLOCK")
        has_clock = False
        if cw and t.words[j] in _words("clock_nouns") or (cw and cw[2] and t.words[j].endswith(_words("clock_noun_def"))):
            j, has_clock = cw[1], True
        h = None
        minute = None
        second = None
        colon = False
        if t.is_digit(j) and len(t.words[j]) <= 2:
            h = int(t.words[j])
            k = j + 1
            # "10:45"; "الساعة 11.30" only after the clock noun (else it is a decimal number)
            if (t.word(k) == ":" or (t.word(k) == "." and has_clock)) and t.is_digit(k + 1) and len(t.words[k + 1]) == 2:
                minute = int(t.words[k + 1])
                k += 2
                colon = True
                if t.word(k) == ":" and t.is_digit(k + 1) and len(t.words[k + 1]) == 2:
                    second = int(t.words[k + 1])
                    k += 2
        else:
            r = self.number(j)
            if not r or r[1] == "digit4":
                return None
            h, k = r[0], r[2]
        if h is None or h > 24 or (minute is not None and minute > 59):
            return None
        # minutes: و 18 دقيقة / وثمانية عشر دقيقة / وربع / الا ثلث
        k, minute = self._minutes(k, minute)
        pod = self._pod(k)
        if approx and not has_clock:
            return None
        if not has_clock and not colon and pod is None:
            return None
        if has_clock is False and not colon and pod is not None and pod[3] and t.word(pod[1] - 1) not in ():
            # "الثالثة فجرا" needs a strong part of day (a bare "ظهر" after a number is not a time)
            if pod[3]:
                return None
        f = Frame(start, k, type="TIME", hour=h, minute=minute, second=second)
        if pod:
            f.pod, f.ampm = pod[0][0], pod[0][1]
            f.end = pod[1]
            if pod[2] == "today":
                f.deictic = ("D", 0)
        f.mod = approx
        if minute is not None and isinstance(minute, tuple):
            pass
        return f

    def _minutes(self, k: int, minute):
        t = self.t
        if minute is not None:
            return k, minute
        w = t.word(k)
        ex = t.get(k, "EXCEPT")
        if ex:
            fr = t.get(ex[1], "FRAC")
            if fr:
                return fr[1], -fr[0]
            r = self.number(ex[1])
            if r and r[0] < 60:
                e = r[2] + 1 if t.get(r[2], "MINUTE") else r[2]
                return e, -r[0]
            return k, None
        # "و" alone or as a clitic on the next word
        if w == "و":
            j = k + 1
            fr = t.get(j, "FRAC")
            if fr:
                return fr[1], fr[0]
            r = self.number(j)
        else:
            fr = t.get(k, "FRAC")
            if fr and fr[2] == "و":
                return fr[1], fr[0]
            r = None
            for cat in ("CARD", "CARDT", "ORD"):
                g = t.get(k, cat)
                if g and g[2] == "و":
                    r = self._number_after_wa(k)
                    break
        if r and 0 < r[0] < 60:
            e = r[2]
            if t.get(e, "MINUTE"):
                e = t.get(e, "MINUTE")[1]
            elif r[1] != "digit2" and r[1] != "digit1" and not t.get(e, "POD"):
                return k, None
            return e, r[0]
        return k, None

    def _number_after_wa(self, k: int):
        """A number word written with a و clitic ("وثمانية عشر", "وخمس واربعون")."""
        return self._number_stripped(k, 1)

    def _number_stripped(self, k: int, n: int):
        """The number at token k read without its first n letters (a proclitic)."""
        t = self.t
        saved, saved_lk = t.words[k], t._lk[k]
        t.words[k] = saved[n:]
        t._lk[k] = lookup(t.words, k)
        try:
            return self.number(k)
        finally:
            t.words[k], t._lk[k] = saved, saved_lk

    def _pod(self, k: int):
        """(pod entry, end, deictic, weak) of a part of day after a clock time."""
        t = self.t
        th = t.get(k, "THIS")
        if th:
            p = t.get(th[1], "POD")
            if p:
                return p[0], p[1], "today", False
            dc = t.get(k, "DEICTIC")
            if dc and dc[0][0] in ("NI", "MO", "EV"):
                pod = {"NI": ("NI", "night"), "MO": ("MO", "am"), "EV": ("EV", "pm")}[dc[0][0]]
                return pod, dc[1], "today", False
        p = t.get(k, "POD")
        if p:
            return p[0], p[1], None, p[3]
        dc = t.get(k, "DEICTIC")
        if dc and dc[0][0] == "NI" and dc[0][1] == 0:
            return ("NI", "night"), dc[1], "today", False
        return None

    def pod_alone(self, i: int) -> Frame | None:
        """A part of day alone ("فجرًا", "منتصف الليل"); weak ones only before a date."""
        p = self.t.get(i, "POD")
        if not p:
            return None
        f = Frame(i, p[1], type="TIME", pod=p[0][0], ampm=p[0][1], strong=not p[3])
        if p[0][1] == "midnight":
            f.hour, f.minute = 0, 0
        return f

    # ---- relative, durations, sets, vague ---------------------------------------------
    def relative(self, i: int) -> Frame | None:
        t = self.t
        best = None
        for cat, lit in (("PRESENT_REF", "PRESENT_REF"), ("PAST_REF", "PAST_REF"), ("FUTURE_REF", "FUTURE_REF")):
            g = t.get(i, cat)
            if g and (best is None or g[1] > best.end):
                best = Frame(i, g[1], literal=lit)
                if lit == "PRESENT_REF" and t.words[i] in _words("now_words") or (lit == "PRESENT_REF" and _has_moment(t.words[g[1] - 1])):
                    best.type = "TIME" if _has_moment(t.words[g[1] - 1]) or t.words[i] in _words("now_words") else "DATE"
        dc = t.get(i, "DEICTIC")
        if dc and (best is None or dc[1] > best.end):
            unit, off = dc[0]
            f = Frame(i, dc[1], deictic=(unit, off))
            if unit in ("MO", "MI", "AF", "EV", "NI"):
                f.type, f.pod, f.deictic = "TIME", unit, ("D", off)
            best = f
            # "اليوم الثالث من اكتوبر" is a date, not "today"
            if t.words[i].endswith(_words("day_noun_lam")) and (t.get(dc[1], "ORD") or t.get(dc[1], "DIR") or t.get(dc[1], "SAME")):
                best = None
            # "اليوم العالمي لحرية الصحافة", "اليوم الوطني": a named day, not "today"
            nxt = t.word(dc[1])
            if t.words[i].endswith(_words("day_noun_def")) and len(nxt) > 4 and nxt.startswith("ال") \
                    and nxt.endswith("ي") and not t.is_content(dc[1]):
                best = None
            # "اليوم الـ200 من الحرب", "اليوم 45 للعدوان": a count of days, not "today"
            if t.words[i].endswith(_words("day_noun_def")) and (
                    t.is_digit(dc[1]) or t.word(dc[1]) in _words("article") and t.is_digit(dc[1] + 1)):
                best = None
        # "نفس اليوم", "ذات الشهر": the period of the date last mentioned, as "اليوم نفسه"
        sp = t.get(i, "SAME_PRE")
        if sp and not sp[2]:
            p2 = t.get(sp[1], "PERIOD")
            if p2 and p2[0] in ("D", "W", "M", "Y") and not t.words[sp[1]].endswith(_words("plural_units_def")):
                return Frame(i, p2[1], anaph=p2[0])
        # period + direction / this + period / period + same / demonstrative + period
        per = t.get(i, "PERIOD")
        if per and t.words[i].endswith(_words("plural_units_def")):
            r = t.get(per[1], "CARD_DEF")  # "الأيام الثلاثة الماضية": a duration up to the anchor
            if r and not r[2]:
                r = (r[0], "card", r[1])
                dr = t.get(r[2], "DIR")
                if dr and dr[0] != 0:
                    f = Frame(i, dr[1], type="DURATION", literal=duration_value(r[0], per[0]))
                    if best is None or f.end > best.end:
                        best = f
        if per and per[0] in ("D", "W", "M", "Y", "DE", "CE") and not t.words[i].endswith(_words("plural_units_def")):
            j = per[1]
            dr = t.get(j, "DIR")
            same = t.get(j, "SAME")
            if dr and not t.words[j].startswith(_words("last_adj")):
                f = Frame(i, dr[1], period=per[0], direction=dr[0])
                if per[0] == "D":
                    f.deictic = ("D", dr[0])
                    f.period = None
                    f.extra["day_rel"] = dr[0]
                yr = self.year(f.end) if per[0] == "Y" else None
                if yr:
                    f.y, f.end, f.period, f.direction = yr[0], yr[2], None, None
                if best is None or f.end > best.end:
                    best = f
            elif same:
                f = Frame(i, same[1], anaph=per[0])
                if best is None or f.end > best.end:
                    best = f
            elif per[0] == "Y" and self.year(j) and not t.get(i, "YEARW"):
                pass
        th = t.get(i, "THIS")
        if th:
            p2 = t.get(th[1], "PERIOD")
            if p2 and p2[0] in ("D", "W", "M", "Y"):
                f = Frame(i, p2[1], period=p2[0], direction=0)
                if p2[0] == "D":
                    f.period, f.direction, f.deictic = None, None, ("D", 0)
                if best is None or f.end > best.end:
                    best = f
        dem = t.get(i, "DEM")
        if dem and t.words[i] in _words("far_demonstratives"):
            p2 = t.get(dem[1], "PERIOD")
            if p2 and p2[0] in ("D", "W", "M", "Y"):
                f = Frame(i, p2[1], anaph=p2[0])
                if best is None or f.end > best.end:
                    best = f
        return best

    def duration(self, i: int) -> Frame | None:
        """[حوالي] n unit | dual unit | حوالي unit; منذ/قبل/بعد + duration -> a point."""
        t = self.t
        start = i
        lead = None
        for cat in ("SINCE", "BEFORE", "AFTER", "WITHIN", "AGO_FROM"):
            g = t.get(i, cat)
            if g and not g[2]:
                lead, i = cat, g[1]
                break
        if lead == "AGO_FROM" and t.get(start - 1, "NOT_AGO"):
            return None  # "أكثر من يومين": "than", not "ago"
        approx = t.get(i, "APPROX")
        j = i
        if approx:
            j = approx[1]
        n = None
        r = self.number(j, allow_ord=False)
        if r is None:
            c = t.get(j, "CARD") or t.get(j, "CARDT")
            if c and c[2] in _words("duration_clitics"):
                r = self._number_stripped(j, len(c[2]))  # "لثلاثة أيام"
        if r and r[1] != "digit4" or (r and lead):
            n, j = r[0], r[2]
        u = t.get(j, "UNIT")
        if not u:
            return None
        (unit, count, plural), k = u[0], u[1]
        if u[2] and u[2] != "":
            if n is not None or u[2] not in ("و",):
                return None
        if n is None:
            if count == 2:
                n = 2
            elif approx and approx[0] and not plural:
                n = 1
            elif lead in ("BEFORE", "AFTER", "SINCE", "AGO_FROM") and not plural and unit in ("W", "M", "Y", "H"):
                n = 1
            else:
                return None
        elif count == 2:
            return None
        if lead is None and approx is None and n == 1 and count != 2:
            return None
        if unit == "Y" and r is None and (t.is_digit(k) and len(t.words[k]) == 4 or (
                t.word(k) == "(" and t.is_digit(k + 1) and len(t.words[k + 1]) == 4)):
            return None  # "منذ عام 1921": a year, not "a year ago"
        if lead == "AGO_FROM" and not self._whole_complement(k):
            return None  # "من أسبوع إلى آخر", "من شهر مارس", "من ساعة لأخرى": not "ago"
        more = self._and_more(k, unit)
        if more:  # "عام وشهرين", "ثلاث سنوات وستة أشهر": one duration, counted from nothing in the text
            f = Frame(i, more[1], type="DURATION", literal=_joined(duration_value(n, unit), more[0]))
            if approx:
                f.mod = approx[0]
            return f
        f = Frame(start if lead is None else start, k, type="DURATION", literal=duration_value(n, unit))
        if approx and lead is None:
            f.mod = approx[0]
        if lead in ("SINCE", "BEFORE", "AGO_FROM"):
            # "منذ ثلاثة أيام" is a point in time (the anchor minus the duration)
            f.type, f.literal, f.ago = "DATE", None, (unit, -n)
            if t.get(k, "PERIOD") or t.get(k, "DIR"):
                return None
        elif lead == "AFTER":
            f.type, f.literal, f.ago = "DATE", None, (unit, n)
        if lead in ("BEFORE", "AFTER") and t.word(k) in _words("event_anchor_preps") \
                and not t.is_content(k + 1) and not t.is_digit(k + 1) and t.word(k + 1)[:1].isalpha():
            # "بعد ثلاثة أيام من الهجوم": counted from an event, not from the document's date
            f.start, f.type, f.literal, f.ago = i, "DURATION", duration_value(n, unit), None
        if lead == "WITHIN":
            f.start = i  # the span is the duration, "خلال" stays out
        return f

    def _and_more(self, k: int, unit: str) -> tuple[str, int] | None:
        """(value, end) of a smaller unit joined by و after a duration: "وشهرين", "وستة أشهر",
        "و3 ساعات"; None when what follows و is no smaller duration."""
        t = self.t
        j = k + 1 if t.word(k) == "و" else k
        if j >= t.n:
            return None
        u = t.get(j, "UNIT")
        n = None
        if u and u[2] in ("و", "") and (j > k or u[2] == "و"):
            (u2, count, _plural), end = u[0], u[1]
            n = 2 if count == 2 else None
        else:
            r = self._number_after_wa(j) if j == k else self.number(j, allow_ord=False)
            if not r or r[1] == "digit4":
                return None
            u = t.get(r[2], "UNIT")
            if not u or u[2]:
                return None
            (u2, count, _plural), end = u[0], u[1]
            n = r[0] if count != 2 else None
        if n is None or _UNIT_ORDER.index(u2) <= _UNIT_ORDER.index(unit):
            return None
        return duration_value(n, u2), end

    def _whole_complement(self, k: int) -> bool:
        """Whether the duration ending before token k is all that من governs: nothing temporal,
        no range word (إلى, حتى, "-"), no ل-phrase ("لآخر") or second من, and no definite noun
        that would make the unit the head of a construct ("من شهر العسل", "من ساعة الصفر")."""
        t = self.t
        w = t.word(k)
        if t.is_content(k) or t.is_digit(k) or t.get(k, "TO") or t.get(k, "FROM") or t.get(k, "UNTIL"):
            return False
        return not (len(w) > 2 and w[0] == "ل") and not w.startswith("ال") and w not in _words("other_words")

    def sets(self, i: int) -> Frame | None:
        t = self.t
        adv = t.get(i, "ADVSET")
        if adv:
            return Frame(i, adv[1], type="SET", literal=adv[0])
        ev = t.get(i, "EVERY")
        if not ev or t.words[i] not in _words("every"):
            return None
        j = ev[1]
        w = self.weekday(j)
        if w:
            f = Frame(i, w[1], type="SET", literal=f"XXXX-WXX-{w[0]}")
            if t.get(w[1], "POD"):
                p = t.get(w[1], "POD")
                f.literal += "T" + p[0][0]
                f.end = p[1]
            return f
        r = self.number(j, allow_ord=False)
        k = j
        n = 1
        if r and r[1] != "digit4":
            n, k = r[0], r[2]
        u = t.get(k, "UNIT")
        if u and not u[2]:
            unit, count, _plural = u[0]
            return Frame(i, u[1], type="SET", literal=duration_value(n * count, unit))
        return None

    def mod_frame(self, i: int) -> Frame | None:
        """مطلع/منتصف/أواخر + month, period, year or "الشهر"."""
        t = self.t
        mo = t.get(i, "MOD")
        if not mo or mo[2] not in _words("edge_mod_clitics"):
            return None
        j = mo[1]
        if t.word(j) in _words("month_noun") and not self.month(j):
            j += 1
        inner = self.month_year(j, j) if self.month(j) else None
        if inner is None:
            mt = self.month(j)
            if mt:
                inner = Frame(j, mt[2], m=mt[0], cal=mt[1])
        if inner is None:
            inner = self.relative(j)
            if inner is None:
                per = t.get(j, "PERIOD")
                if per and per[0] in ("M", "Y", "W") and t.words[j] in _words("period_nouns_def"):
                    inner = Frame(j, per[1], period=per[0], direction=0, extra={"bare_period": True})
            if inner is None:
                yr = self.year(j)
                if yr:
                    inner = Frame(j, yr[2], y=yr[0])
        if inner is None or inner.d is not None or inner.type != "DATE" or inner.literal:
            return None
        inner.start = i
        inner.strong = True
        inner.mod = mo[0]
        return inner


_UNIT_ORDER = ("CE", "DE", "Y", "M", "W", "D", "H", "MIN", "S")


def _joined(a: str, b: str) -> str:
    """Two ISO 8601 durations as one, the larger first: P1Y + P2M -> P1Y2M, PT2H + PT30M -> PT2H30M."""
    if "T" in b and "T" in a:
        return a + b.split("T", 1)[1]
    return a + b[1:]  # P1D + PT2H -> P1DT2H


def duration_value(n: int | float, unit: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    if unit == "DE":
        return f"P{n * 10}Y"
    if unit == "CE":
        return f"P{n * 100}Y"
    return f"P{n}{unit}"


def find_frames(text: str) -> tuple[Tokens, list[Frame]]:
    """All temporal expressions of ``text`` as frames, in text order, not overlapping."""
    t = Tokens(text)
    g = Grammar(t)
    frames: list[Frame] = []
    covered = 0
    for i in [k for k in range(t.n) if t._lk[k] or t._digit[k]]:
        if i < covered:
            continue
        f = _best_at(g, i)
        if f is not None:
            frames.append(f)
            covered = max(f.end, i + 1)
    frames = _combine(g, frames)
    return t, [f for f in frames if f.strong]


_CONNECTORS = CONNECTORS


def _content(t: Tokens, i: int) -> bool:
    return t.is_content(i)


def _best_at(g: Grammar, i: int) -> Frame | None:
    t = g.t
    lk = t.lk(i)
    if not lk and not t.is_digit(i):
        return None
    if not _content(t, i) and not (_content(t, i + 1) or _content(t, i + 2) or _content(t, i + 3)
                                   or t.word(i + 1) == "("):
        return None  # a preposition or connective with nothing temporal after it
    best = None
    digit = t.is_digit(i)
    for fn, cats in _STARTERS:
        if not (digit and fn in _NUMBER_STARTS) and cats.isdisjoint(lk):
            continue
        f = getattr(g, fn)(i)
        if f is not None and f.end > i and (best is None or f.end > best.end):
            best = f
    return best


# which parser may start at a token, by the categories the token has (a number starts those marked so)
_STARTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("date", frozenset({"ON", "DAYW", "WEEKDAY", "MONTH", "HMONTH", "MONTHW", "ORD", "ORDT", "YEARW", "HOLIDAY",
                        "MOD", "PERIOD", "THIS"})),
    ("clock", frozenset({"APPROX", "CLOCK", "ORD", "ORDT", "CARD", "CARDT"})),
    ("relative", frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF", "DEICTIC", "PERIOD", "THIS", "DEM",
                            "SAME_PRE"})),
    ("duration", frozenset({"SINCE", "BEFORE", "AFTER", "WITHIN", "APPROX", "CARD", "CARDT", "UNIT", "AGO_FROM"})),
    ("sets", frozenset({"ADVSET", "EVERY"})),
    ("mod_frame", frozenset({"MOD"})),
    ("pod_alone", frozenset({"POD"})),
)
_NUMBER_STARTS = frozenset({"date", "clock", "duration"})


def _combine(g: Grammar, frames: list[Frame]) -> list[Frame]:
    """Join a clock time and the date next to it; read ranges (من … إلى …, بين … و…, حتى X)."""
    t = g.t
    out: list[Frame] = []
    for f in frames:
        prev = out[-1] if out else None
        if prev is not None and _joinable(t, prev, f):
            out[-1] = _join(prev, f)
            continue
        if prev is not None and _apposition(t, prev, f):
            out[-1] = _appose(t, prev, f)
            continue
        if prev is not None and _deictic_weekday(t, prev, f):
            prev.end, prev.wd = f.end, f.wd  # "اليوم الإثنين", "أمس الخميس": one day, named twice
            continue
        if prev is not None and _deictic_date(prev, f):
            f.start = prev.start  # "أمس الخميس 3 مايو": the written date says which day
            out[-1] = f
            continue
        out.append(f)
    # "حتى/إلى + weekday" after a date: the first such weekday after it
    for idx, f in enumerate(out):
        lead = t.word(f.start - 1)
        if f.wd is not None and f.d is None and f.direction is None and f.week_rel is None and (
                t.get(f.start - 1, "UNTIL") or lead in _words("forward_leads")):
            if idx > 0:
                f.after_ref = True
                f.strong = True
    # ranges: the first part borrows what it lacks from the second
    for a, b in zip(out, out[1:], strict=False):
        between = t.words[a.end:b.start]
        if len(between) == 1 and (t.get(a.end, "TO") or between[0] in ("-", "–")) and a.type == b.type:
            a.interval_part, b.interval_part = 1, 2
            if a.d is not None and b.d is not None:
                if a.m is None:
                    a.m, a.cal = b.m, b.cal
                if a.y is None and b.y is not None and a.m == b.m:
                    a.y = b.y
    # a bare day number before "إلى/-/و + date" ("من 13 إلى 15 تموز", "بين 5 و7 مايو")
    extra: list[Frame] = []
    for f in out:
        if f.d is None or f.m is None:
            continue
        k = f.start - 1
        if k >= 1 and (t.get(k, "TO") or t.word(k) in ("-", "–")):
            for s0 in (k - 1, k - 2, k - 3):
                dm = g.dom(s0) if s0 >= 0 else None
                if dm and dm[1] == k and not any(x.start <= s0 < x.end for x in out) and (
                        t.is_digit(s0) or t.get(s0 - 1, "FROM") or t.get(s0 - 1, "BETWEEN")):
                    a = Frame(s0, k, d=dm[0], m=f.m, cal=f.cal, y=f.y, interval_part=1)
                    f.interval_part = 2
                    extra.append(a)
                    break
    # a day number after "month dd -/إلى" ("يوليو 13-15", "تموز 13 الى 15")
    for f in out:
        if f.d is None or f.m is None:
            continue
        k = f.end
        if t.get(k, "TO") or t.word(k) in ("-", "–"):
            dm = g.dom(k + 1)
            if dm and t.is_digit(k + 1) and not any(x.start <= k + 1 < x.end for x in out) and not g.month(dm[1]):
                extra.append(Frame(k + 1, dm[1], d=dm[0], m=f.m, cal=f.cal, y=f.y, interval_part=2))
                f.interval_part = 1
    if extra:
        out = sorted(out + extra, key=lambda x: x.start)
    return out


def _deictic_date(a: Frame, b: Frame) -> bool:
    return (a.deictic is not None and a.deictic[0] == "D" and a.d is None and a.literal is None and a.end == b.start
            and b.type == "DATE" and b.d is not None and b.m is not None and not b.literal)


def _deictic_weekday(t: Tokens, a: Frame, b: Frame) -> bool:
    return (a.deictic is not None and a.deictic[0] == "D" and a.d is None and a.literal is None and a.end == b.start
            and b.wd is not None and b.d is None and b.m is None and b.direction is None and b.week_rel is None
            and b.type == "DATE")


def _apposition(t: Tokens, a: Frame, b: Frame) -> bool:
    """"تموز (9/7/1947)", "حزيران (1984)", "ديسمبر (كانون الأول) (1931)": a date restated in brackets."""
    if a.type != "DATE" or b.type != "DATE" or a.literal or b.literal or a.m is None and a.y is None:
        return False
    gap = t.words[a.end:b.start]
    if gap not in (["("], []):
        return False
    if gap == [] and t.word(b.start) != "(":
        return False
    if a.m is not None and b.m is not None and a.m != b.m:
        return False
    return b.y is not None or b.d is not None


def _appose(t: Tokens, a: Frame, b: Frame) -> Frame:
    for name in ("y", "m", "d", "wd"):
        if getattr(b, name) is not None:
            setattr(a, name, getattr(b, name))
    a.end = b.end
    if t.word(a.end) == ")" and t.words[a.start:a.end].count("(") > t.words[a.start:a.end].count(")"):
        a.end += 1
    a.strong = True
    return a


def _joinable(t: Tokens, a: Frame, b: Frame) -> bool:
    if a.literal or b.literal:
        return False
    gap = t.words[a.end:b.start]
    if any(w not in _words("restatement_gap") for w in gap) or len(gap) > 2:
        return False
    dates = {"DATE"}
    if a.type == "TIME" and b.type in dates and (b.d is not None or b.wd is not None or b.deictic):
        return a.deictic is None or a.hour is None
    if a.type in dates and b.type == "TIME" and (a.d is not None or a.wd is not None or a.deictic) and not b.deictic:
        return b.hour is not None or b.pod is not None
    return False


def _join(a: Frame, b: Frame) -> Frame:
    date, time = (b, a) if a.type == "TIME" else (a, b)
    date.type = "TIME"
    date.hour, date.minute, date.second = time.hour, time.minute, time.second
    date.pod, date.ampm = time.pod, time.ampm
    if time.mod and not date.mod:
        date.mod = time.mod
    date.start, date.end = min(a.start, b.start), max(a.end, b.end)
    date.strong = True
    return date
