"""Content spans: what a cue governs, and where its speaker is to be found.

For each cue the words that follow it are scanned (within the sentence) for what opens its
content: a complementiser (أن، إن، بأن), a preposition and complementiser (إلى أن), a
colon, an opening quotation mark, or a preposition before a noun phrase (كشف عن …).
The words in between hold the subject (and the person told). A cue with nothing after it
may report the quotation just before it ("“…،” يقول صقر") or the clause before a
connective ("…، كما يقول صقر"). Prepositional attributions (وفقًا لـ، بحسب …) govern the
rest of the sentence when they open it (the rest of the paragraph when they open the
paragraph), else the part of the sentence before them.

Content runs to the end of the sentence, or to the closing mark of a quotation that
continues over several sentences; a later cue of the same speaker or one after an
independent connective cuts it (rawi.claims.chains).
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rawi.arabic.normalize import normalize
from rawi.claims import cues as C
from rawi.claims.cues import CueForm
from rawi.lexicon import load_yaml

_OPEN = {"“": "”", "«": "»", "„": "”"}
_CLOSE = {"”", "»"}
_QUOTE_RE = re.compile('[“”«»„"]')
_END_PUNCT = {".", "؟", "?", "!", "…"}
_CLAUSE_PUNCT = {"،", ",", "؛", ";"}


@dataclass
class Draft:
    """A claim before its chain is known."""

    anchor: int  # offset that decides nesting (the cue, or the attribution phrase)
    cue: tuple[int, int] | None
    content: tuple[int, int]
    kind: str
    stance: str
    form: CueForm | None = None
    mode: str = "verb"  # verb | after | attribution | self
    region: tuple[int, int] = (0, 0)  # word indices [a, b) that may hold the subject
    cue_word: int = -1
    conj: bool = False  # the cue word carries و/ف
    independent: bool = False
    quote: bool = False  # the content is a quotation
    source_words: tuple[int, int] | None = None  # attribution: where the source is named
    distanced_source: bool = False
    unlinked: bool = False  # the subject is in the text but names no entity
    goes_on: Draft | None = field(default=None, repr=False)  # unlinked: the claim whose unnamed subject it shares
    relay: str | None = None  # who passes the words on (نقلت سانا عن مصدر …): before the speaker
    speaker: str | None = None
    recipient: str | None = None
    drop: bool = False
    negated: bool = False  # the cue is negated ("لم يكشف"): it reports nothing, it only cuts
    parent: Draft | None = field(default=None, repr=False)
    chain: list[str] = field(default_factory=list)


class Context:
    """What the scanners share for one document."""

    def __init__(self, doc, ws: C.Words):
        self.doc = doc
        self.text = doc.text
        self.ws = ws
        self.starts = ws.starts
        self.sents = doc.sentences
        self.sent_starts = [a for a, _ in self.sents]
        self.paras = doc.paragraphs
        self.para_starts = [a for a, _ in self.paras]
        self.quotes = find_quotes(doc.text)
        self.cue_index = -1  # the word of the cue being read
        self.mention_ends = {m.end for e in doc.entities for m in e.mentions}
        self.timex_ends = {t.end for t in doc.timexes}
        self.mention_starts = {m.start for e in doc.entities for m in e.mentions}
        self.comp = C.complementisers()
        self.independent = C.phrases("independent")
        self.content_before = C.phrases("content_before")
        self.content_before_any = C.phrases("content_before_any")
        self.adverbials = C.word_set("adverbials")
        self.distancing = C.word_set("distancing")
        self.clause_openers = C.word_set("clause_openers")
        self.verb_particles = C.word_set("verb_particles")
        self.np_stop = C.word_set("np_stop")

    # ---- positions -------------------------------------------------------------
    def sentence(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sent_starts, offset) - 1
        return self.sents[k] if k >= 0 else (0, len(self.text))

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sent_starts, offset) - 1

    def paragraph(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.para_starts, offset) - 1
        return self.paras[k] if k >= 0 else (0, len(self.text))

    def word_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def ends_mention(self, k: int) -> bool:
        return self.ws[k].end in self.mention_ends

    def ends_subject_part(self, k: int) -> bool:
        """Word k ends a name or a time expression: what may stand between a verb and its object."""
        end = self.ws[k].end
        return end in self.mention_ends or end in self.timex_ends

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation (open mark, close mark) that opens at ``pos``."""
        return self.quotes.get(pos)


def find_quotes(text: str) -> dict[int, tuple[int, int]]:
    """Quotation marks paired within a paragraph: open offset → (open, close) offsets.

    “ ” and « » pair by kind; a straight " opens before a word and closes after one, so
    that a quotation inside a quotation ("… ما يسمى "فريق التحقيق" …") pairs correctly.
    """
    out: dict[int, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    n = len(text)
    para_end = text.find("\n")
    for m in _QUOTE_RE.finditer(text):
        p, c = m.start(), m.group()
        while para_end != -1 and p > para_end:
            stack.clear()
            para_end = text.find("\n", para_end + 1)
        if c in _OPEN:
            stack.append((c, p))
        elif c in _CLOSE:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] != '"' and _OPEN[stack[k][0]] == c:
                    out[stack[k][1]] = (stack[k][1], p)
                    del stack[k:]
                    break
        else:
            prev = text[p - 1] if p else " "
            nxt = text[p + 1] if p + 1 < n else " "
            before = prev.isspace() or prev in "(:«“["
            after = nxt.isspace() or nxt in ".،,:؛;!؟?)"
            if before and after:  # spaced on both sides (" نص "): closes an open one, else opens
                opening = not (stack and stack[-1][0] == '"')
            else:
                opening = before and not after
            if not opening and stack and stack[-1][0] == '"':
                out[stack[-1][1]] = (stack[-1][1], p)
                stack.pop()
            elif opening:
                stack.append(('"', p))
    return out


def _strip(text: str, a: int, b: int, punct: bool = True) -> tuple[int, int]:
    """Trim spaces (and trailing punctuation) from a span."""
    while a < b and text[a].isspace():
        a += 1
    strip = " \t\n" + ("،,.؛;:!؟?…" if punct else "")
    while b > a and text[b - 1] in strip:
        b -= 1
    if punct and b > a:
        # a quotation mark left unpaired at either end (the content ran past its pair)
        span = text[a:b]
        if span[-1] in '"”»' and (span.count('"') % 2 == 1 if span[-1] == '"'
                                  else span.count(span[-1]) > span.count("“" if span[-1] == "”" else "«")):
            return _strip(text, a, b - 1)
        if span[0] in '"“«' and (span.count('"') % 2 == 1 if span[0] == '"'
                                 else span.count(span[0]) > span.count("”" if span[0] == "“" else "»")):
            return _strip(text, a + 1, b)
    return a, b


# ---- cue frames ----------------------------------------------------------------------
def verb_drafts(cx: Context) -> list[Draft]:
    ws = cx.ws
    out: list[Draft] = []
    lex = C.lexicon()
    for i in [i for i, n in enumerate(ws.norms) if n in lex]:
        w = ws[i]
        rs = C.readings(w)
        if not rs or C.idiom_at(ws, i) or _narrator_aside(cx, i):
            continue
        d = _frame(cx, i, rs)
        if d is not None:
            out.append(d)
            second = _second_complement(cx, d)
            if second is not None:
                out.append(second)
    return out


def _narrator_aside(cx: Context, i: int) -> bool:
    """The narrator's own aside, no report: "وتجدر الإشارة إلى أن", "ويُذكر أن" at a sentence's start."""
    ws = cx.ws
    if i > 0 and ws[i - 1].norm in C.rule_set("aside_before"):
        return True
    s0, _ = cx.sentence(ws[i].start)
    opens = ws[i].start <= s0 or (i > 0 and ws[i - 1].start < s0)
    return opens and ws[i].norm in C.rule_set("aside_verbs") and i + 1 < len(ws) and ws[i + 1].norm in cx.comp


def _second_complement(cx: Context, d: Draft) -> Draft | None:
    """A second complement of the same cue ("أكد أنه … ، وأن الائتلاف لن يسمح …") is a claim of its
    own: the first content ends before "، وأن" and a copy of the draft takes what follows."""
    if d.mode != "verb" or d.kind == "direct" and d.quote:
        return None
    a, b = d.content
    inside = [q for q in cx.quotes.values() if q[0] < b and q[1] > a]
    k = cx.word_at(a)
    ws = cx.ws
    coord = C.rule_set("second_complements")
    while k < len(ws) and ws[k].start < b:
        w = ws[k]
        if w.norm in coord and k > 0 and ws[k - 1].kind == "punct" and ws[k - 1].text in _CLAUSE_PUNCT \
                and not any(q[0] < w.start < q[1] for q in inside):
            end = _strip(cx.text, a, ws[k - 1].start)
            rest = _strip(cx.text, w.end, b)
            if end[1] <= end[0] or rest[1] <= rest[0]:
                return None
            d2 = copy.copy(d)
            d2.content, d2.anchor = rest, w.start
            d.content = end
            return d2
        k += 1
    return None


def _cue_span(cx: Context, w: C.Word) -> tuple[tuple[int, int], bool]:
    """The cue's offsets without a leading conjunction (وأوضح → أوضح)."""
    if w.norm[:1] in ("و", "ف") and w.norm[1:] in C.lexicon():
        return (w.start + C.conj_offset(w.text), w.end), True
    return (w.start, w.end), False


def _frame(cx: Context, i: int, rs: tuple[CueForm, ...]) -> Draft | None:
    ws, text = cx.ws, cx.text
    w = ws[i]
    s0, s1 = cx.sentence(w.start)
    cue, conj = _cue_span(cx, w)
    cx.cue_index = i
    j = i + 1
    limit = min(len(ws), i + 16)
    while j < limit and ws[j].start < s1:
        x = ws[j]
        n = x.norm
        for cf in rs:
            op = _opener(cx, j, cf)
            if op is None:
                continue
            kind_open, region_end, cstart = op
            if kind_open == "quote":
                q = cx.quote_at(ws[j].start)
                if q is None:
                    continue
                if j > i + 1 and ws[j - 1].norm in C.rule_set("name_preps") and len(text[q[0]:q[1]].split()) <= 5:
                    continue  # "قالت مصادر في "هيئة تحرير الشام" إن …": a quoted name, not the words said
                a, b = _strip(text, q[0] + 1, q[1])
                return _draft(cx, i, cue, conj, cf, (a, b), "direct", (i + 1, region_end), quote=True)
            if kind_open == ":" and j + 1 < len(ws) and ws[j + 1].norm in cx.comp:
                cstart = ws[j + 1].end  # "قال: إن …"
            content = _content_from(cx, cstart, s1)
            if content is None:
                return None
            a, b, quoted = content
            kind = "direct" if (quoted or kind_open == ":") else "indirect"
            return _draft(cx, i, cue, conj, cf, (a, b), kind, (i + 1, region_end), quote=quoted)
        if x.kind == "punct" and x.text in _END_PUNCT:
            break
        if x.kind == "ar" and C.readings(x) and n not in cx.adverbials and not C.idiom_at(ws, j) \
                and not _relayed_masdar(cx, i, j, rs):
            break  # another cue first: this one has no content of its own
        j += 1
    # nothing opens after the verb: a quotation or a clause before it
    return _before(cx, i, cue, conj, rs, s0, s1)


def _relayed_masdar(cx: Context, i: int, j: int, rs: tuple[CueForm, ...]) -> bool:
    """A masdar after the relayed source of a relay verb is that source's saying, not a cue
    of its own: "نقلت وكالة رويترز عن مسؤول عراقي قوله إن …" (the relay verb goes on)."""
    prep = next((cf.relay for cf in rs if cf.relay), None)
    if prep is None or not any(r.form == C.MASDAR for r in C.readings(cx.ws[j])):
        return False
    return any(cx.ws[t].norm == prep for t in range(i + 1, j))


def _opener(cx: Context, j: int, cf: CueForm):
    """(kind, end of subject region, content start) when ``ws[j]`` opens ``cf``'s content."""
    ws = cx.ws
    x = ws[j]
    n = x.norm
    opens = cf.opens
    if n in cx.comp and x.start not in cx.mention_starts:  # بان كي مون is no complementiser
        if cf.relay and not any(ws[t].norm == cf.relay for t in range(cx.cue_index + 1, j)):
            return None  # نقل without "عن": the noun "transport", not a report
        if _opens_any(opens, "opens_plain") or (n.startswith(C.rule_words("bi_comp_norm")) and _opens_any(opens, "opens_bi")):
            return ("comp", j, x.end)
        plain = C.rule_words("opens_plain")
        if n.startswith(C.rule_words("bi_comp_norm")) and any(
                o.endswith(plain) for o in _norm_opens(opens) if " " not in o and o not in plain):
            return ("comp", j, x.end)
    if n in C.rule_words("comp_preps") and j + 1 < len(ws) and ws[j + 1].norm in cx.comp:
        want = n + " " + C.rule_words("comp_norm")[0]
        if want in _prep_opens(opens):
            return ("comp", j, ws[j + 1].end)
    if x.kind == "punct":
        if x.text == ":" and ":" in opens:
            return (":", j, x.end)
        if x.text in _OPEN or x.text == '"':
            q = cx.quote_at(x.start)
            prev = ws[j - 1]
            right_after = prev.kind == "punct" and prev.text in (":", "،", ",") or C.readings(prev) \
                or _subject_only(cx, cx.cue_index + 1, j)
            if "quote" in opens and q and right_after and _long_quote(cx, q):
                return ("quote", j, x.end)
        return None
    if "np:" in opens and x.kind == "ar" and (j > cx.cue_index + 1 or cf.form == C.PARTICIPLE) and _event_noun(cx, j):
        # a bare event noun after the verb and its subject: "نفت روسيا قصف المستشفى",
        # "أعلنت المقاومة اليوم استهداف تجمع للجنود"; the content is the noun phrase on
        prev = ws[j - 1]
        if prev.kind == "punct" or cx.ends_subject_part(j - 1) or j - 1 == cx.cue_index:
            return ("np", j, x.start)  # "معلناً زيارته طهران": a participle has no subject after it
    for prep in _np_opens(opens):
        nxt = ws[j + 1] if j + 1 < len(ws) else None
        # a quotation after the preposition is its noun phrase: مشدداً على "ضرورة …"، وطالب بـ "وقف …"
        quoted = nxt is not None and nxt.kind == "punct" and (nxt.text in _OPEN or nxt.text == '"') \
            and (q := cx.quote_at(nxt.start)) is not None and _long_quote(cx, q)
        if n == prep and nxt is not None and (nxt.kind != "punct" or quoted) and nxt.norm not in cx.np_stop:
            # right after the verb, its subject or an appositive (كشف صقر، مدير …، عن …)
            prev = ws[j - 1]
            if prev.kind == "punct" or C.readings(prev) or j - 1 == cx.cue_index or cx.ends_mention(j - 1):
                return ("np", j, x.end)
        if len(prep) == 1 and n.startswith(prep) and len(n) > 3 and n not in cx.comp:
            return ("np", j, x.start)
    return None


def _subject_only(cx: Context, a: int, b: int) -> bool:
    """Words a..b-1 can be the subject alone, a name or a title with a name and perhaps a
    participle of manner ("وقالت جونسون"، "وقالت الأنصاري آسفة"، "قال وزير الخارجية فلان"): a few
    Arabic words, none a complementiser, a cue or a preposition that would open something else."""
    if not 0 < b - a <= _SUBJECT_WORDS:
        return False
    stops = C.rule_words("quote_subject_stops")
    for k in range(a, b):
        x = cx.ws[k]
        if x.kind != "ar" or x.norm in cx.comp or x.norm in stops:
            return False
    return True


_SUBJECT_WORDS = 8


def _event_noun(cx: Context, j: int) -> bool:
    """Word j is an event noun of the events lexicon (a masdar such as قصف، استهداف، اعتقال),
    with no proclitic: the object of the cue, not a prepositional phrase."""
    return content_noun(cx.ws[j].norm)


def content_noun(n: str) -> bool:
    """Normalised ``n`` is a verbal noun that may open a noun-phrase content: one of the claim
    rules' ``np_nouns`` or a noun of the events lexicon, with no proclitic."""
    from rawi.events.triggers import candidates  # the one lexicon of event words

    return n in C.rule_set("np_nouns") or any(e.pos == "noun" and not pro for e, pro, _ in candidates(n))


def _long_quote(cx: Context, q: tuple[int, int]) -> bool:
    """A quotation of a few words at least (a quoted name, "كان", is no speech)."""
    return len(cx.text[q[0] + 1:q[1]].split()) >= 3


@lru_cache(maxsize=256)
def _np_opens(opens: tuple[str, ...]) -> tuple[str, ...]:
    """The normalised prepositions of a cue's "np:PREP" openers."""
    return tuple(p for p in (normalize(o[3:]) for o in opens if o.startswith("np:")) if p)


@lru_cache(maxsize=256)
def _prep_opens(opens: tuple[str, ...]) -> frozenset[str]:
    """The normalised "PREP أن" openers of a cue."""
    return frozenset(normalize(o) for o in opens if " " in o)


def _content_from(cx: Context, a: int, s1: int):
    """Content from ``a`` to the sentence end, over a quotation that runs on past it."""
    text = cx.text
    while a < len(text) and text[a].isspace():
        a += 1
    b = s1
    quoted = False
    # a quotation opened inside the content and closed after the sentence: take it whole
    for m in _QUOTE_RE.finditer(text, a, b):
        q = cx.quote_at(m.start())
        if q and q[1] >= b:
            b = q[1] + 1
            break
    q = cx.quote_at(a)
    if q is not None:
        rest = text[q[1] + 1:b].strip(" .،,")
        if not rest:
            quoted = True
            a, b = q[0] + 1, q[1]
    a, b = _strip(text, a, b)
    if b <= a:
        return None
    return a, b, quoted


def _before(cx: Context, i: int, cue, conj, rs, s0: int, s1: int) -> Draft | None:
    """A cue after its content: “…” يقول صقر / …، كما يقول صقر."""
    ws, text = cx.ws, cx.text
    cf = next((c for c in rs if c.form in (C.FINITE, C.PASSIVE)), None)
    if cf is None or cf.person != 3:
        return None
    # subject region: from the cue to the next punctuation (or sentence end)
    j = i + 1
    while j < len(ws) and ws[j].start < s1 and ws[j].kind != "punct" and j - i <= 8:
        if C.readings(ws[j]):
            break
        j += 1
    region = (i + 1, j)
    # a closing quotation mark right before the cue (punctuation between allowed)
    k = i - 1
    if k >= 0 and any(len(ph) == 1 and ws[k].norm == ph[0] for ph in cx.content_before):
        k -= 1  # "« … » كما أنذرت فلانة": a connective may stand between the quotation and the cue
    while k >= 0 and ws[k].kind == "punct" and ws[k].text in _CLAUSE_PUNCT:
        k -= 1
    if cf.after_quote and k >= 0 and ws[k].kind == "punct" and ws[k].text in ("”", "»", '"'):
        close = ws[k].start
        for q in cx.quotes.values():
            if q[1] == close and _long_quote(cx, q):
                a, b = _strip(text, q[0] + 1, q[1])
                if b > a:
                    return _draft(cx, i, cue, conj, cf, (a, b), "direct", region, quote=True, mode="after")
    # a connective before the cue: the clause before it is the content (…، كما يقول صقر)
    if region[1] - region[0] > 4:
        return None
    for ph in (cx.content_before if cf.after_quote else cx.content_before_any):
        k0 = i - len(ph)
        if k0 >= 0 and all(ws[k0 + t].norm == p for t, p in enumerate(ph)):
            if ws[k0].start <= s0:
                return None
            a, b = _strip(text, s0, ws[k0].start)
            q = cx.quote_at(a)
            quoted = bool(q and q[1] >= b - 1)
            if quoted:
                a, b = _strip(text, q[0] + 1, q[1])
            if b > a:
                return _draft(cx, i, cue, conj, cf, (a, b), "direct" if quoted else "indirect", region,
                              quote=quoted, mode="after")
    return None


def _draft(cx: Context, i, cue, conj, cf: CueForm, content, kind, region, quote=False, mode="verb") -> Draft:
    d = Draft(anchor=cue[0], cue=cue, content=content, kind=kind, stance=cf.stance, form=cf, mode=mode,
              region=region, cue_word=i, conj=conj, quote=quote)
    d.independent = _after_connective(cx, i)
    # "ولكنه لم يكشف عن المجالات": nothing is reported; the cue still ends what came before it
    k = i - 1
    d.negated = k >= 0 and cx.ws[k].norm in C.rule_set("cue_negators") and cx.ws[k].start >= cx.sentence(cue[0])[0]
    return d


def _after_connective(cx: Context, i: int) -> bool:
    """The cue opens a clause of its own: فيما قال / من جهته، أكد …"""
    ws = cx.ws
    k = i - 1
    while k >= 0 and ws[k].kind == "punct" and ws[k].text in _CLAUSE_PUNCT:
        k -= 1
    for ph in cx.independent:
        k0 = k - len(ph) + 1
        if k0 < 0:
            continue
        ok = True
        for t, p in enumerate(ph):
            n = ws[k0 + t].norm
            if not (n == p or (t == 0 and n[:1] in ("و", "ف") and n[1:] == p)):
                ok = False
                break
        if ok:
            return True
    return False


# ---- headlines ------------------------------------------------------------------------
def headline_drafts(cx: Context) -> list[Draft]:
    """A line that opens with a name and a colon ("الخارجية السورية: نرفض التقرير جملة وتفصيلًا").

    Only a person or an organisation: a place before a colon is more often a dateline or a
    topic ("سوريا: هجوم على ذيبان") than a speaker."""
    ws, text = cx.ws, cx.text
    out = []
    for p0, p1 in cx.paras:
        k = cx.word_at(p0)
        j = k
        while j < len(ws) and j - k < 5 and ws[j].start < p1 and ws[j].kind != "punct":
            j += 1
        if j == k or j >= len(ws) or ws[j].text != ":" or ws[j].start >= p1:
            continue
        a, b = _strip(text, ws[j].end, p1)
        if len(text[a:b].split()) < 3:
            continue
        d = Draft(anchor=ws[k].start, cue=None, content=(a, b), kind="direct",
                  stance="assertion", mode="headline", cue_word=j, source_words=(k, j))
        d.independent = True
        out.append(d)
    return out


# ---- prepositional attributions ----------------------------------------------------
@lru_cache(maxsize=1)
def _attribution_patterns() -> dict[str, tuple[tuple[tuple[str, ...], bool], ...]]:
    """First word → (words, self) of each attribution phrase, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for e in load_yaml(C.DATA)["attributions"]:
        toks = tuple(normalize(e["phrase"]).replace("ـ", "").split())
        by_first.setdefault(toks[0], []).append((toks, bool(e.get("self"))))
    return {k: tuple(sorted(v, key=lambda p: len(p[0]), reverse=True)) for k, v in by_first.items()}


@lru_cache(maxsize=1)
def _attribution_firsts() -> frozenset[str]:
    keys = _attribution_patterns().keys()
    return frozenset([*keys, *("و" + k for k in keys), *("ف" + k for k in keys)])


def attribution_drafts(cx: Context) -> list[Draft]:
    ws = cx.ws
    pats = _attribution_patterns()
    out = []
    firsts = _attribution_firsts()
    for i in [i for i, n in enumerate(ws.norms) if n in firsts]:
        n = ws.norms[i]
        cands = pats.get(n)
        if cands is None and n[:1] in ("و", "ف"):
            cands = pats.get(n[1:])
        if not cands:
            continue
        for toks, is_self in cands:
            m = _match_attr(ws, i, toks)
            if m is not None:
                end_word, src_off = m
                d = _attribution(cx, i, end_word, src_off, is_self, ws[i].norm != toks[0])
                if d is not None:
                    out.append(d)
                break
    return out


def _opens_any(opens: tuple[str, ...], key: str) -> bool:
    """Whether a cue's ``opens`` list holds one of the complementisers of ``rule_words[key]``
    (both sides normalised)."""
    norm = _norm_opens(opens)
    return any(o in norm for o in C.rule_words(key))


@lru_cache(maxsize=256)
def _norm_opens(opens: tuple[str, ...]) -> frozenset[str]:
    """A cue's ``opens`` list, normalised."""
    return frozenset(normalize(o) for o in opens)


def _with_object_pronoun(n: str) -> bool:
    lex = C.lexicon()
    return any(n.endswith(p) and n[:-len(p)] in lex for p in C.rule_words("object_suffixes"))


def _match_attr(ws: C.Words, i: int, toks: tuple[str, ...]):
    """(index of the first word after the phrase, offset where the source starts) or None.

    A last element of one letter (the ل of وفقًا لـ) matches a word it is joined to
    (لصقر), or a word of its own (لـ).
    """
    k = i
    for t, p in enumerate(toks):
        if k >= len(ws):
            return None
        n = ws[k].norm
        last = t == len(toks) - 1
        if n == p or (t == 0 and n[:1] in ("و", "ف") and n[1:] == p):
            k += 1
            if last:
                return k, ws[k].start if k < len(ws) else ws[-1].end
            continue
        if last and len(p) == 1 and n.startswith(p) and len(n) > 2:
            off = ws[k].start + C.conj_offset(ws[k].text)
            return k, off
        return None
    return None


def _attribution(cx: Context, i: int, nxt: int, src_off: int, is_self: bool, conj: bool) -> Draft | None:
    ws, text = cx.ws, cx.text
    s0, s1 = cx.sentence(ws[i].start)
    cue = (ws[i].start, src_off if src_off > ws[i].start else ws[max(i, nxt - 1)].end)
    cue = _strip(text, *cue, punct=False)
    if conj:  # ووفقًا → وفقًا
        cue = (cue[0] + C.conj_offset(ws[i].text), cue[1])
    stance = "assertion"
    distanced = False
    src_words: tuple[int, int] | None = None
    if is_self:
        after = nxt
    else:
        # the source: "ما" + a reporting verb + its subject, or a name right here
        k = bisect.bisect_right(cx.starts, src_off) - 1
        if k < 0 or ws[k].end <= src_off:
            k += 1
        if k >= len(ws) or ws[k].start >= s1:
            return None
        first = normalize(text[src_off:ws[k].end]) if ws[k].start < src_off else ws[k].norm
        if first in C.rule_words("ma_words"):
            k += 1
            if k < len(ws) and ws[k].norm in cx.distancing:
                distanced = True
                stance = "distanced"
                k += 1
            elif k < len(ws) and (C.readings(ws[k]) or _with_object_pronoun(ws[k].norm)
                                  or ws[k].norm in C.rule_words("ma_learn_verbs")):
                k += 1  # بحسب ما ذكر / ذكره / ذكرته / علمت
            else:
                return None
        e = k
        fa_inna = C.rule_words("fa_inna")
        while e < len(ws) and ws[e].start < s1 and ws[e].kind != "punct" and e - k < 8 \
                and not (e > k and ws[e].norm in fa_inna[:-1]):  # "بحسب ما جاء في التقرير فإن …"
            e += 1
        if e + 1 < len(ws) and ws[e].text in ("،", ",") and ws[e + 1].start in cx.mention_starts:
            # a title, a comma and its holder: "وفق ما أعلن رئيس الجهاز، عبد الوهاب الساعدي"
            f = e + 1
            while f < len(ws) and ws[f].start < s1 and ws[f].kind != "punct" and f - e <= 4 \
                    and not cx.ends_mention(f - 1 if f > e + 1 else e):
                f += 1
            e = f
        src_words = (k, e)
        after = e
        if distanced:
            src_words = None
    # where the content lies: after the phrase when it opens the sentence (or a quotation,
    # or follows a colon), else before it, when it closes the clause (…، بحسب صقر.)
    opens_sentence = ws[i].start <= s0 or (i > 0 and ws[i - 1].kind == "punct" and ws[i - 1].text in
                                           (":", '"', "«", "“"))
    closes = after >= len(ws) or ws[after].start >= s1 or ws[after].kind == "punct"
    if not opens_sentence and not (closes and i > 0 and ws[i - 1].kind == "punct"
                                   and ws[i - 1].text in _CLAUSE_PUNCT):
        if not (closes and (after >= len(ws) or ws[after].start >= s1 or ws[after].text in _END_PUNCT)):
            return None
    if opens_sentence and after < len(ws) and ((ws[after].kind == "punct" and ws[after].text in _CLAUSE_PUNCT)
                                               or ws[after].norm in C.rule_words("fa_inna")[:-1]):
        a = ws[after].end
        ka = after + 1
        if ws[after].kind == "punct" and ka < len(ws) and ws[ka].norm in C.rule_words("fa_inna"):
            a = ws[ka].end
        b = s1
        si = cx.sentence_index(ws[i].start)
        p0, p1 = cx.paragraph(ws[i].start)
        if s0 <= p0 and si >= 0:
            b = p1
        a, b = _strip(text, a, b)
        if b <= a:
            return None
    elif not opens_sentence:
        a, b = _strip(text, s0, ws[i].start)
        if after < len(ws) and ws[after].start < s1 and ws[after].text in ("،", ",") \
                and s1 - ws[after].end > b - a:
            # "وكان أبرز نتائج الاجتماع، بحسب ما علمت الميادين، بدء إعادة هيكلة …": a phrase between
            # commas; the longer part, after it, carries what is reported
            a, b = _strip(text, ws[after].end, s1)
        if b <= a:
            return None
    else:
        return None
    q = cx.quote_at(a)
    quoted = bool(q and q[1] >= b - 1)
    d = Draft(anchor=cue[0], cue=cue, content=(a, b), kind="according_to", stance=stance,
              mode="self" if is_self else "attribution", cue_word=i, quote=quoted,
              source_words=src_words, distanced_source=distanced)
    d.independent = True
    return d
