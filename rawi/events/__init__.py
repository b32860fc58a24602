"""The events stage: PLOVER events with actors, targets, place, date, polarity and source.

Pipeline: triggers from the lexicon (``triggers``) → complements folded into their heads
(the content of a request, refusal, threat or accusation; the purpose of a trip) →
arguments from the sentence (``arguments``) → negation and modality cues → the claim that
reports the mention → coreferent mentions merged into one event (same type and mode,
compatible participants, place and date) → the date from the best evidence of any mention
(``dates``). Events keep every mention in ``mentions``; ``trigger`` is the representative
one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rawi.arabic.normalize import normalize
from rawi.arabic.tokens import QUOTE_MARKS
from rawi.document import Document, Event, Span
from rawi.events import classifier
from rawi.events.arguments import Args, Words, collect, cues, rule_words, word_sets
from rawi.events.dates import Dater
from rawi.events.triggers import Entry, match_word, readings, verb_forms
from rawi.settings import Settings


@dataclass(slots=True)
class EventRecord(Event):
    """An event with every mention of it (extra fields the contract allows)."""

    mentions: list[Span] = field(default_factory=list)
    complements: list[dict] = field(default_factory=list)  # events it asks for, refuses, threatens …
    detection_score: float | None = None  # the detection gate's score (log-odds) for gated types

    def to_dict(self) -> dict:
        d = Event.to_dict(self)
        d["mentions"] = [m.to_dict() for m in self.mentions]
        if self.complements:
            d["complements"] = self.complements
        if self.detection_score is not None:
            d["detection_score"] = self.detection_score
        return d


@dataclass
class Mention:
    i: int  # word index
    start: int
    end: int
    entry: Entry
    pro: str
    enc: str
    sent: int = -1  # sentence index
    args: Args = field(default_factory=Args)
    negated: bool = False
    modality: str | None = None
    cue: int | None = None  # word index of the modal cue governing the trigger
    head: Mention | None = None  # the trigger whose complement this one is
    complements: list[Mention] = field(default_factory=list)
    evidence: tuple[int, str | None, str | None] = (-1, None, None)
    claim: str | None = None

    @property
    def nominal(self) -> bool:
        return self.entry.pos == "noun"

    @property
    def definite(self) -> bool:
        return "ال" in self.pro or "لل" in self.pro

    construct: bool = False  # a noun before a definite genitive ("تسليم الجائزة"): definite too


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, frozenset[str]]:
    c = cues()

    def forms(spec: dict | None, key: str = "verbs") -> set[str]:
        out: set[str] = set()
        for v in (spec or {}).get(key, []) or []:
            out |= set(verb_forms(v))
        return out

    neg = c["negation"]
    mod = c["modality"]
    out = {
        "neg": frozenset(normalize(w) for w in neg["particles"]),
        "neg_adjacent": frozenset(normalize(w) for w in neg["adjacent"]),
        "neg_verbs": frozenset(forms(neg)),
        "neg_verbal": frozenset(normalize(w) for w in neg.get("verbal", [])),
        "neg_light": frozenset(forms(neg, "light_verbs")),
    }
    for kind in ("attempted", "planned", "requested", "conditional"):
        out[kind] = frozenset(forms(mod.get(kind)) | {normalize(w) for w in mod.get(kind, {}).get("words", [])})
    sub = mod.get("subjunctive") or {}
    out["subjunctive"] = frozenset(normalize(w) for w in sub.get("particles", []))
    out["subjunctive_not_after"] = frozenset(normalize(w) for w in sub.get("not_after", []))
    out["purpose_not_after"] = frozenset(forms(mod.get("purpose"), "not_after_verbs"))
    out["continuation"] = frozenset(forms(c.get("continuation")))
    out["demonstratives"] = frozenset(normalize(x) for x in c.get("demonstratives", []))
    out["announce"] = frozenset(forms(c.get("announcer_agent")))
    out["announced_acts"] = frozenset(normalize(x) for x in (c.get("announcer_agent") or {}).get("acts", []))
    out["reference"] = frozenset(normalize(x) for x in c.get("reference_heads", []))
    out["reference_construct"] = frozenset(normalize(x) for x in c.get("reference_construct", []))
    anc = c.get("anchored_nouns") or {}
    past = {f for v in anc.get("verbs", []) for f, tense in verb_forms(v).items() if tense == "past"}
    out["anchor"] = frozenset(past | {normalize(x) for x in anc.get("words", [])})  # what happened, not what happens
    blocks = {}
    for key, spec in (c.get("not_events") or {}).items():  # a PLOVER type, or a trigger lemma
        blocks[key if key.isupper() else normalize(key)] = (
            frozenset(normalize(w) for w in spec["following"]), int(spec.get("within", 2)))
    out["_blocks"] = blocks  # type: ignore[assignment]
    return out


def _victims(doc: Document, etype: str, actors: list[str]) -> list[str]:
    """Generic actors of a sector that suffers these acts ("مدنيون" in a strike): never their actor."""
    spec = cues().get("victim_sectors") or {}
    if etype not in spec.get("types", ()):
        return []
    sectors = set(spec.get("sectors", ()))
    out = []
    for a in actors:
        e = doc.entity(a)
        if e is not None and e.sector in sectors:
            out.append(a)
    return out


@lru_cache(maxsize=1)
def _agentive() -> frozenset[str]:
    """Types and trigger lemmas that make an event only with an actor (cues.yaml ``agentive``)."""
    return frozenset(k if k.isupper() else normalize(k) for k in cues().get("agentive") or ())


def _stems(word: str) -> set[str]:
    return {r[0] for r in readings(word)[:4]} | {word}


def find_mentions(w: Words) -> list[Mention]:
    ws = word_sets()
    cw = _cue_words()
    blocks = cw["_blocks"]
    out: list[Mention] = []
    for i, n in enumerate(w.norm):
        if len(n) < 2 or not ("\u0621" <= n[0] <= "\u064a"):
            continue
        if w.ment[i] and all(m.start <= w.start[i] and m.end >= w.end[i] and not m.generic for m in w.ment[i]):
            continue  # a word inside a name is no trigger (a generic actor's noun may be: "المتظاهرين")
        hit = match_word(w.norm, i)
        if hit is None:
            continue
        entry, pro, enc = hit
        prev = w.norm[i - 1] if i > 0 and w.clause[i - 1] == w.clause[i] else ""
        prev = prev if prev[:1].isalpha() else ""  # after punctuation a clause opens
        # tanwin: a noun ("فجرًا"), unless a participle of manner listed with the verb ("متوعّداً")
        nominal = "\u064b" in w.text[i] and not _participle(n[len(pro):], entry)
        if entry.pos == "verb" and entry.tense == "past" and not pro and entry.lemma == n[: len(n) - len(enc)] \
                and prev and not (w.ment[i - 1] or prev in ws["aux"] or prev in ws["verb_context"]
                                  or _stems(prev) & cw["attempted"] or _stems(prev) & cw["planned"]
                                  or _stems(prev) & cw["continuation"]):
            nominal = True  # a bare past form after a noun or preposition is its masdar: "تقديم دعم"
        if entry.pos == "verb" and nominal:
            # a masdar written like the past verb ("عن دعم النظام"): only a noun entry counts
            alt = [e for e in _entries_for(n) if e.pos == "noun" and not e.cont]
            if not alt:
                continue
            entry = alt[0]
        blocked = False
        for block in (blocks.get(entry.type), blocks.get(entry.lemma)):
            if block and any(_stems(w.norm[k]) & block[0] for k in range(i + 1, min(len(w.norm), i + 1 + block[1]))
                             if w.sent[k] == w.sent[i]):
                blocked = True
        if blocked:
            continue
        mm = Mention(i, w.start[i], w.end[i], entry, pro, enc, w.sent[i])
        mm.construct = entry.pos == "noun" and not pro and i + 1 < len(w) and w.sent[i + 1] == w.sent[i] \
            and w.norm[i + 1].startswith("ال")
        if entry.pos == "noun" and _object_of_previous(w, out, i, entry):
            continue
        out.append(mm)
    return out


def _participle(stem: str, entry: Entry) -> bool:
    """A verb entry's word that is its active participle ("متوعدا" of توعد): the participle
    prefix (cues.yaml ``rule_words.participle_prefixes``) on a verb that does not start with it."""
    pre = rule_words("participle_prefixes")
    return entry.pos == "verb" and stem.startswith(pre) and not entry.lemma.startswith(pre)


def _object_of_previous(w: Words, found: list[Mention], i: int, entry: Entry) -> bool:
    """The noun at i is the fixed object of a verb trigger of its type just before ("استقدم
    التحالف الدولي تعزيزات"): one act, already told by the verb. Not for the gated types,
    whose mentions of a sentence merge anyway and whose gate reads the noun too ("نفّذ … ضربات مكثفة")."""
    if entry.type in classifier.gated_types():
        return False
    for p in reversed(found[-3:]):
        if p.entry.type == entry.type and p.entry.mode == entry.mode and p.entry.pos == "verb" and p.entry.cont \
                and 0 < i - p.i <= 4 and w.sent[p.i] == w.sent[i]:  # another mode adds its own (شن … غارات: aerial)
            n = w.norm[i]
            return n in p.entry.cont or n.removeprefix("ال") in p.entry.cont
    return False


def _entries_for(n: str) -> list[Entry]:
    from rawi.events.triggers import lexicon

    table = lexicon()
    for stem, _, _ in readings(n):
        if stem in table:
            return list(table[stem])
    return []


def _cues(w: Words, m: Mention) -> None:
    cw = _cue_words()
    mod = cues()["modality"]
    win = int(mod.get("window", 4))
    nwin = int(cues()["negation"].get("window", 4))
    i = m.i
    for back in range(1, max(win, nwin) + 1):
        j = i - back
        if j < 0 or w.clause[j] != w.clause[i]:
            break
        stems = _stems(w.norm[j])
        if back <= nwin and not m.negated:
            if stems & cw["neg_verbs"] or (back == 1 and w.norm[j] in cw["neg_adjacent"] and m.entry.pos == "verb"):
                m.negated = True
            elif stems & cw["neg"] and (back == 1 or not (stems & cw["neg_verbal"]) or m.entry.pos == "verb"
                                        or _stems(w.norm[j + 1]) & cw["neg_light"]):
                # "لا/لم/لن" negate the verb right after them: an event noun further on is negated
                # only through a light verb ("لم يتم اعتقال"), not past another verb
                # ("معاناة لا تحتمل تمخضت مفاوضات السلام")
                m.negated = True
        if back <= win and m.modality is None:
            for kind in ("attempted", "planned", "requested"):
                if stems & cw[kind]:
                    m.modality = kind
                    m.cue = j
                    break
    if m.cue is None:
        j = _continuing_verb(w, i)
        if j is not None:
            m.cue = j
            if m.modality is None and any(p.endswith("س") for s, p, _ in readings(w.norm[j])
                                          if s in cw["continuation"]):
                m.modality = "planned"  # "ستواصل دعم": the future of the governing verb
    if m.modality is None and m.entry.pos == "verb" and m.pro.endswith("س") and m.entry.tense == "present":
        m.modality = "planned"
    if m.modality is None and i > 0 and w.clause[i - 1] == w.clause[i]:
        prev = w.norm[i - 1]
        if m.entry.pos == "verb" and m.entry.tense == "present" and not m.pro and prev in cw["subjunctive"] \
                and not (i > 1 and w.norm[i - 2] in cw["subjunctive_not_after"]):
            m.modality = "planned"  # "أن يدعم": wished or intended, not done
        elif m.nominal and m.pro == (cues()["modality"].get("purpose") or {}).get("prefix") and m.head is None \
                and not prev.startswith("ال") \
                and not any(_stems(w.norm[j]) & cw["purpose_not_after"] for j in range(max(0, i - 4), i)
                            if w.clause[j] == w.clause[i]):
            m.modality = "planned"  # "لإجبارها على الانكفاء": a purpose (after a definite noun, ل is "of":
            # "الذكرى الثانية لمجزرة الكيماوي")
    if m.modality is None:
        cwin = int(mod.get("conditional", {}).get("window", 8))
        for back in range(1, cwin + 1):
            j = i - back
            if j < 0 or w.sent[j] != w.sent[i]:
                break
            if _stems(w.norm[j]) & cw["conditional"]:
                m.modality = "conditional"
                break


def _continuing_verb(w: Words, i: int) -> int | None:
    """The aspectual verb of continuing that governs the masdar at ``i``: right before it
    ("ستواصل دعم أوكرانيا") or before its subject ("واصلت روسيا قصف خاركيف")."""
    cont = _cue_words()["continuation"]
    ws = word_sets()
    j, seen = i - 1, 0
    while j >= 0 and seen < 5 and w.clause[j] == w.clause[i]:
        n = w.norm[j]
        if n in QUOTE_MARKS:  # the subject in quotation marks: استعادت "قوات سوريا الديمقراطية" السيطرة
            j -= 1
            continue
        seen += 1
        if any(s in cont for s, _, _ in readings(n)):
            return j
        if not w.ment[j] and (not n[:1].isalpha() or n in ws["preps"] or n in ws["breaks"] or seen == 1
                              and not _subject_word(w, j)):
            return None  # only the subject's words stand between the verb and the masdar
        j -= 1
    return None



def _subject_word(w: Words, j: int) -> bool:
    """Word j may end a subject between a light verb and its masdar: a name, or an adjective
    of one ("شنت طائرات حربية إسرائيلية غارات"), not a noun that would govern the masdar."""
    return bool(w.ment[j]) or w.norm[j].endswith(rule_words("nisba_endings"))


def _unreported(w: Words, m: Mention, ms: list[Mention]) -> bool:
    """A mention that names an event the sentence does not report: the complement of a
    reference head ("محاكمة المتهمين باغتيال …"), or an unanchored violent event noun."""
    cw = _cue_words()
    ws = word_sets()
    if m.nominal and m.i > 0 and w.clause[m.i - 1] == w.clause[m.i] and _stems(w.norm[m.i - 1]) & cw["reference_construct"]:
        return True
    j, seen = m.i - 1, 0
    if m.entry.pos == "verb" and (m.pro[:1] in ("و", "ف") or m.entry.tense == "present"):
        j = -1  # a finite verb opening its clause ("بعد الثورة ويتهم الحكومة") is no head's complement
    while j >= 0 and w.clause[j] == w.clause[m.i] and seen < 3:
        if _stems(w.norm[j]) & cw["reference"]:
            return True
        if w.norm[j] not in ws["preps"]:
            seen += 1
        j -= 1
    anc = cues().get("anchored_nouns") or {}
    present = m.entry.pos == "verb" and m.entry.tense == "present"
    if (m.nominal or present) and m.entry.type in anc.get("types", []) and m.cue is None:
        if m.nominal and not m.definite and (m.i == 0 or w.sent[m.i - 1] != w.sent[m.i]) \
                and m.i + 1 < len(w) and w.sent[m.i + 1] == w.sent[m.i] and (
                    not w.ment[m.i + 1] or w.norm[m.i + 1].endswith(rule_words("nisba_endings"))):
            # a headline: an indefinite event noun opens the sentence ("اغتيال مسؤول أمني في عدن"),
            # its actor often the adjective after it ("هجوم إسرائيلي على مواقع لحزب الله")
            return False
        if _announced(w, m):
            return False
        win = int(anc.get("window", 12))
        if any(o is not m and o.entry.type == m.entry.type and o.entry.pos == "verb" and o.entry.tense == "past"
               and w.sent[o.i] == w.sent[m.i] for o in ms):
            return False
        for k in range(max(0, m.i - win), min(len(w), m.i + win + 1)):
            if k != m.i and w.sent[k] == w.sent[m.i] and _stems(w.norm[k]) & cw["anchor"]:
                return False
        return True
    return False


def _fold_complements(w: Words, ms: list[Mention]) -> None:
    """A trigger inside the complement of a content head (طلب، رفض، هدد، اتهم …) or the purpose
    of a trip ("توجه إلى موسكو للقاء بوتين") belongs to its head."""
    prev: Mention | None = None
    for m in ms:
        if prev is not None and w.clause[prev.i] == w.clause[m.i]:
            head = prev.head or prev
            coordinated = m.entry.pos == "verb" and m.pro[:1] in ("و", "ف")
            purpose = (head.entry.type == "CONSULT" and head.entry.mode == "visit" and head.entry.pos == "verb"
                       and m.pro.replace("و", "").startswith("ل"))
            if not coordinated and (head.entry.content or purpose):
                m.head = head
                head.complements.append(m)
        prev = m


class _ClaimIndex:
    """The claim a mention lies in, without a scan of every claim each time (big inputs)."""

    def __init__(self, doc: Document):
        self.order = sorted(range(len(doc.claims)), key=lambda k: doc.claims[k].content.start)
        self.claims = doc.claims
        self.starts = [doc.claims[k].content.start for k in self.order]
        self.maxend, m = [], -1
        for k in self.order:
            m = max(m, doc.claims[k].content.end)
            self.maxend.append(m)

    def claim_of(self, start: int, end: int) -> str | None:
        """Id of the shortest claim content holding ``start..end`` (the first in document order on a tie)."""
        import bisect

        best = None
        j = bisect.bisect_right(self.starts, start) - 1
        while j >= 0 and self.maxend[j] >= end:  # nothing at or before j reaches ``end`` otherwise
            k = self.order[j]
            c = self.claims[k].content
            if end <= c.end and (best is None or (c.end - c.start, k) < best[0]):
                best = ((c.end - c.start, k), self.claims[k].id)
            j -= 1
        return best[1] if best else None


def _span(w: Words, idx: int, cl: bool) -> tuple[int, int]:
    """Offsets of the clause (or sentence) of word ``idx``."""
    key = w.clause if cl else w.sent
    bounds = w.__dict__.setdefault("_bounds_c" if cl else "_bounds_s", {})
    if not bounds:
        for k, v in enumerate(key):
            a, _ = bounds.get(v, (k, k))
            bounds[v] = (a, k)
    a, b = bounds[key[idx]]
    return w.start[a], w.end[b]


def _date_clause(w: Words, m: Mention, ms: list[Mention]) -> tuple[int, int]:
    """The trigger's clause, cut where a coordinated verb trigger opens a new one ("… وطلب")."""
    a, b = _span(w, m.i, True)
    for o in ms:
        if w.clause[o.i] != w.clause[m.i] or o.head is not None:
            continue
        if o.entry.pos == "verb" and o.pro[:1] in ("و", "ف"):
            if o.start > m.start:
                b = min(b, o.start)
            else:
                a = max(a, o.start)
    return a, b


def _announced(w: Words, m: Mention, reach: int = 8) -> bool:
    """An act noun the verb announces: "أعلن حزب الله إسقاط مسيّرة" (the verb, its subject and
    the noun, nothing else between); not a noun farther on in its content."""
    cw = _cue_words()
    if not _stems(w.norm[m.i]) & cw["announced_acts"]:
        return False
    for j in range(m.i - 1, max(-1, m.i - reach - 1), -1):
        if w.clause[j] != w.clause[m.i] or w.sent[j] != w.sent[m.i]:
            return False
        if _stems(w.norm[j]) & cw["announce"]:
            return True
        if not _subject_word(w, j):
            return False  # only the subject stands between ("إعلان موسكو وقف إطلاق النار": no)
    return False


def _announcer(w: Words, m: Mention) -> list[str]:
    """The subject of an announcing (or denying) verb before an act's masdar ("أعلنت المقاومة …
    استهداف", "نفت روسيا قصف"): the one who claims, or denies, the act is its actor (cues.yaml
    ``announcer_agent``). A masdar spelled like a past verb counts too: two finite verbs do not
    follow each other."""
    cw = _cue_words()
    if not _stems(w.norm[m.i]) & cw["announced_acts"]:
        return []
    win = int((cues().get("announcer_agent") or {}).get("window", 10))
    for j in range(m.i - 1, max(-1, m.i - win - 1), -1):
        if w.clause[j] != w.clause[m.i]:
            break
        if _stems(w.norm[j]) & cw["announce"]:
            return list(dict.fromkeys(e for k in range(j + 1, m.i) if w.prep_of(k, j) is None for e in w.ents(k)))
    return []


def _arguments(doc: Document, w: Words, ms: list[Mention]) -> None:
    ws = word_sets()
    # other triggers stop an argument scan, but not a crowd that is also an actor ("اعتقلت الشرطة
    # المتظاهرين": the protesters are the arrest's target)
    idx = {m.i for m in ms if not (w.ment[m.i] and all(x.generic for x in w.ment[m.i]))}
    for m in ms:
        after_cue = m.cue if m.cue is not None and m.cue < m.i else None
        # ``idx`` holds m.i too, harmless (collect's scan starts after it); a copy less each is linear
        m.args = collect(w, m.i, m.entry.pos, m.pro, m.enc, idx, after_cue, m.entry.type)
        if m.cue is not None and m.cue < m.i - 1 and _continuing_verb(w, m.i) == m.cue:
            # "واصلت روسيا قصف خاركيف": the continuing verb's subject acts, what follows the masdar is its object
            subj = list(dict.fromkeys(e for k in range(m.cue + 1, m.i) for e in w.ents(k)))
            rest = [e for e in m.args.actors + m.args.targets if e not in subj]
            m.args.actors, m.args.targets = subj, list(dict.fromkeys(rest))
        _object_owner(w, m)
        if not m.args.actors:
            m.args.actors = [e for e in _announcer(w, m) if e not in m.args.targets]
        if not m.args.actors and m.cue is not None:
            # "المحاولات الروسية لعقد لقاءات": the cue noun's attribute or genitive
            for k in (m.cue + 1, m.cue + 2):
                if k < m.i and w.ment[k] and w.prep_of(k) is None:
                    m.args.actors = [e for e in w.ents(k) if e not in m.args.targets]
                    break
    seen: dict[int, list[Mention]] = {}  # the mentions so far, by sentence
    for m in ms:
        before = seen.setdefault(w.sent[m.i], [])
        earlier = [p for p in before if p.head is None and p is not m.head]
        before.append(m)
        if m.entry.pos == "verb" and not m.args.actors and earlier and m.head is None and m.pro[:1] in ("و", "ف"):
            m.args.actors = list(earlier[-1].args.actors)  # coordinated verb: same subject
            m.args.targets = [t for t in m.args.targets if t not in m.args.actors]
        if m.i > 0 and w.norm[m.i - 1] in ws["suffered"] and earlier:
            # "مُنعت … تحت تهديد أميركي": the threatened party is the actor of the clause
            for t in earlier[-1].args.actors:
                if t not in m.args.targets and t not in m.args.actors:
                    m.args.targets.append(t)
    for m in ms:
        # the participants of a trip's purpose are its targets ("توجه إلى موسكو للقاء بوتين"); those
        # of a content ("رفض لقاء أردوغان") only when the head names no target of its own
        if m.head is None and (not m.entry.content or not m.args.targets):
            for c in _all_complements(m):
                for e in c.args.actors + c.args.targets:
                    if e not in m.args.actors and e not in m.args.targets:
                        m.args.targets.append(e)


def _object_owner(w: Words, m: Mention) -> None:
    """"إسقاط مسيّرة إسرائيلية": in modes whose fixed object is the victim (cues.yaml
    ``rule_words.object_owner_modes``), the state adjective after the object owns it: a target."""
    if m.entry.mode not in rule_words("object_owner_modes") or not m.entry.cont:
        return
    k = m.i + 1
    if k + 1 >= len(w.norm) or w.sent[k + 1] != w.sent[m.i]:
        return
    n = w.norm[k]
    if n not in m.entry.cont and n.removeprefix("ال") not in m.entry.cont:
        return
    owners = [e for e in w.ents(k + 1) if e in m.args.actors]
    if owners:
        m.args.actors = [a for a in m.args.actors if a not in owners]
        m.args.targets = list(dict.fromkeys([*m.args.targets, *owners]))


def _all_complements(m: Mention) -> list[Mention]:
    out = []
    for c in m.complements:
        out.append(c)
        out.extend(_all_complements(c))
    return out


class _Cluster(list):
    """Mentions of one event, with the sets ``_compatible`` tests kept up to date as they join."""

    def __init__(self, m: Mention):
        super().__init__()
        self.acts: set[str] = set()
        self.tgts: set[str] = set()
        self.locs: set[str] = set()
        self.strong: set[str | None] = set()
        self.modes: set[str | None] = set()
        self.sents: set[int] = set()
        self.add(m)

    def add(self, x: Mention) -> None:
        self.append(x)
        self.modes.add(x.entry.mode)
        self.sents.add(x.sent)
        self.acts.update(x.args.actors)
        self.tgts.update(x.args.targets)
        if x.args.location:
            self.locs.add(x.args.location)
        if x.evidence[0] >= 2:  # a date in its clause or sentence
            self.strong.add(x.evidence[1])


@lru_cache(maxsize=1)
def _mode_ranks() -> dict[str, dict[str | None, int]]:
    """Per type whose modes merge within a sentence, each mode's rank (0 the most specific)."""
    spec = cues().get("mode_specificity") or {}
    return {t: {mode: k for k, mode in enumerate(modes)} for t, modes in spec.items()}


def _mode_rank(m: Mention) -> int:
    ranks = _mode_ranks().get(m.entry.type, {})
    return ranks.get(m.entry.mode, len(ranks))


def _compatible(c: _Cluster, m: Mention) -> bool:
    """May ``m`` join the mentions of ``c`` as the same event? Same type, polarity and modality;
    the same mode, or (types in cues.yaml ``mode_specificity``) another mode of a mention in the
    same sentence ("شنت غارة … ما أسفر عن مقتل"); no conflicting participants (different actors,
    different targets unless the mode differs, one's actor the other's target), place or date."""
    h = c[0]
    if (h.entry.type, h.negated, h.modality) != (m.entry.type, m.negated, m.modality):
        return False
    if m.entry.mode not in c.modes and not (m.entry.type in _mode_ranks() and m.sent in c.sents):
        return False
    acts, tgts, locs = c.acts, c.tgts, c.locs  # kept by the cluster: no rescan of its mentions (big inputs)
    if m.args.actors and acts and not (set(m.args.actors) & acts):
        return False
    # another mode in the same sentence may add targets: the town struck, then the civilians killed
    other_mode = m.entry.mode not in c.modes
    if m.args.targets and tgts and not (set(m.args.targets) & tgts) and not other_mode:
        return False
    if set(m.args.actors) & tgts or set(m.args.targets) & acts:
        return False  # roles reversed: an attack and the reply to it
    if m.entry.pos == "verb" and not m.nominal and m.args.targets and not set(m.args.targets) & tgts \
            and any(x.sent == m.sent and x.entry.pos == "verb" and not x.nominal and x.entry.lemma == m.entry.lemma
                    for x in c):
        return False  # the verb again, on a target of its own: "استهدفت قاعدة عين الأسد … كما استهدفت قاعدة التنف"
    if m.args.location and locs and m.args.location not in locs:
        return False
    if m.sent not in c.sents and not _refers_back(m):
        return False
    # dates in their own clause or sentence that cannot be the same day: two happenings
    # ("في السابع من الشهر الجاري … لعدوان" and "في 18 شباط … لعدوان")
    strong = c.strong
    return not (m.evidence[0] >= 2 and strong and not any(_same_day(m.evidence[1], d) for d in strong))


def _same_day(a: str | None, b: str | None) -> bool:
    """Dates that may name the same day: equal, or one containing the other (2023 and 2023-03-07)."""
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))


def _demonstrated(w: Words, m: Mention) -> bool:
    """An event noun with a demonstrative next to it ("هذا التخفيف", "رفع العقوبات هذا"): it
    names again the act of its type told before."""
    dem = _cue_words()["demonstratives"]
    near = [m.i - 1, m.i + 1, m.i + 2]
    return any(0 <= k < len(w.norm) and w.clause[k] == w.clause[m.i] and w.norm[k] in dem for k in near)


def _refers_back(m: Mention) -> bool:
    """May a mention in another sentence name an earlier happening? When it has participants or
    a place of its own (the checks above found none in conflict), or names it again by a definite
    noun ("اللقاء", "الهجوم"). A bare verb or indefinite noun with nothing of its own there is
    another happening of the same kind ("استهدفت المقاومة …" after "أعلنت … استهداف …")."""
    return bool(m.args.actors or m.args.targets or m.args.location) or (m.nominal and (m.definite or m.construct))


def _prepare(doc: Document) -> tuple[Words, list[Mention]] | None:
    """Words, trigger mentions with cues, complements, arguments, date evidence and claims."""
    if not doc.text:
        return None
    w = Words.build(doc)
    ms = find_mentions(w)
    if not ms:
        return None
    for m in ms:
        _cues(w, m)
    _fold_complements(w, ms)
    _arguments(doc, w, ms)
    dater = Dater(doc)
    # mentions grouped by clause and by sentence (in order): no scan of all mentions per mention
    by_clause: dict[int, list[Mention]] = {}
    by_sent: dict[int, list[Mention]] = {}
    for m in ms:
        by_clause.setdefault(w.clause[m.i], []).append(m)
        by_sent.setdefault(w.sent[m.i], []).append(m)
    spans = {id(m): _date_clause(w, m, by_clause[w.clause[m.i]]) for m in ms}
    claims = _ClaimIndex(doc)
    for m in ms:
        others = [spans[id(o)] for o in by_sent[w.sent[m.i]] if o is not m and o.head is None
                  and spans[id(o)] != spans[id(m)]]
        m.evidence = dater.evidence(m.start, spans[id(m)], _span(w, m.i, False), others)
        m.claim = claims.claim_of(m.start, m.end)
        _speaker_possessive(doc, w, m)
        _speaker_participle(doc, w, m)
    _future_planned(doc, w, ms)
    return w, ms


def _future_planned(doc: Document, w: Words, ms: list[Mention]) -> None:
    """An act in a clause with a future time word ("زيارته طهران قريباً"، "لاحقاً") is planned, not done."""
    future = [(t.start, t.end) for t in doc.timexes if t.value == "FUTURE_REF"]
    if not future:
        return
    for m in ms:
        # a past verb tells what happened ("ولاحقاً، هاجم …": "later" in a narrative)
        if m.modality is None and not m.negated and not (m.entry.pos == "verb" and m.entry.tense == "past"):
            a, b = _span(w, m.i, True)
            if any(a <= s and e <= b for s, e in future):
                m.modality = "planned"


def _speaker_possessive(doc: Document, w: Words, m: Mention) -> None:
    """"أعلن الأسد زيارته طهران"، "معلناً زيارته": a masdar opening a claim's content with a
    person's possessive suffix is the speaker's own act."""
    if not (m.claim and m.nominal and m.enc in rule_words("person_suffixes")):
        return
    c = next((x for x in doc.claims if x.id == m.claim), None)
    if c is None or not c.chain:
        return
    spk = doc.entity(c.chain[-1])
    if spk is None or spk.type != "PER":
        return
    k = w.index_at(c.content.start)
    if 0 <= m.i - k <= 2:
        m.args.actors = [spk.id]
        m.args.targets = [t for t in m.args.targets if t != spk.id]


def _speaker_participle(doc: Document, w: Words, m: Mention) -> None:
    """"قال مصدر إيراني إنّ …، متوعّداً إسرائيل": a participle of manner of a speech act (a threat,
    a demand, a refusal, an accusation) opening a clause inside a claim is the speaker's act; a
    participle has no subject after it, so what follows is its object."""
    if m.entry.pos != "verb" or not m.entry.content or not m.claim or not _participle(w.norm[m.i][len(m.pro):], m.entry):
        return
    if m.i > 0 and not any(p in doc.text[w.start[m.i - 1]:w.start[m.i]] for p in "،,"):
        return  # no comma before it (as a word of its own or in the gap)
    c = next((x for x in doc.claims if x.id == m.claim), None)
    if c is not None and c.chain:
        spk = c.chain[-1]
        m.args.targets = [t for t in dict.fromkeys(m.args.actors + m.args.targets) if t != spk]
        m.args.actors = [spk]


def _generic(m: Mention) -> bool:
    """A generic mention ("المفاوضات كانت تهدف …"): a definite plural noun with no participant."""
    return m.nominal and m.entry.plural and m.definite and not (m.args.actors or m.args.targets or m.args.location)


@dataclass
class Candidate:
    """A sentence with trigger mentions of a gated type: what the detection gate scores."""

    sent: int
    type: str
    mentions: list[Mention]
    features: set[str]
    filtered: dict[int, bool]  # id(mention) → dropped by the lexicon rules (generic or unreported)

    def kept(self) -> list[Mention]:
        """The mentions that make events when the gate accepts the sentence: those the lexicon
        rules keep, or all of them when the rules keep none (the gate overrides the rules)."""
        keep = [m for m in self.mentions if not self.filtered[id(m)]]
        return keep or list(self.mentions)

    @property
    def asserted(self) -> bool:
        """Accepted, would the sentence report a done event (not negated, no modality)?"""
        return any(not m.negated and not m.modality for m in self.kept())


def _info(m: Mention, s0: int, filt: tuple[bool, bool]) -> dict:
    return {"i": m.i - s0, "lemma": m.entry.lemma, "mode": m.entry.mode, "pos": m.entry.pos,
            "tense": m.entry.tense, "definite": m.definite, "plural": m.entry.plural, "negated": m.negated,
            "modality": m.modality, "generic": filt[0], "unreported": filt[1], "actor": bool(m.args.actors),
            "target": bool(m.args.targets), "location": bool(m.args.location),
            # the publication-month fallback (0) is no evidence in the sentence: the same feature as
            # none (-1), as in training, where the gold rows have no publication date
            "date": m.evidence[0] if m.evidence[0] > 0 else -1}


def _candidates(w: Words, ms: list[Mention]) -> tuple[list[Candidate], dict[int, tuple[bool, bool]]]:
    flags = {id(m): (_generic(m), _unreported(w, m, ms)) for m in ms if m.head is None}
    gated = set(classifier.gated_types())
    groups: dict[tuple[int, str], list[Mention]] = {}
    for m in ms:
        if m.head is None and m.entry.type in gated:
            groups.setdefault((w.sent[m.i], m.entry.type), []).append(m)
    out: list[Candidate] = []
    if not groups:
        return out, flags
    bounds: dict[int, list[int]] = {}
    for k, sn in enumerate(w.sent):
        bounds.setdefault(sn, [k, k])[1] = k
    for (sent, etype), group in groups.items():
        s0, s1 = bounds[sent][0], bounds[sent][1] + 1
        others = tuple(sorted({o.entry.type for o in ms if w.sent[o.i] == sent and o.entry.type != etype}))
        ents = [w.ment[k][0].etype if w.ment[k] else None for k in range(s0, s1)]
        feats = classifier.features(w.norm[s0:s1], [_info(m, s0, flags[id(m)]) for m in group], others,
                                    ents, w.clause[s0:s1])
        out.append(Candidate(sent, etype, group, feats, {id(m): any(flags[id(m)]) for m in group}))
    return out, flags


def candidates(doc: Document) -> list[Candidate]:
    """The gate's candidates of a document the earlier stages have annotated (for training)."""
    prep = _prepare(doc)
    if prep is None:
        return []
    return _candidates(*prep)[0]


def annotate(doc: Document, settings: Settings) -> None:
    """Add the document's events (ids v1, v2 … in text order)."""
    prep = _prepare(doc)
    if prep is None:
        return
    w, ms = prep
    cands, flags = _candidates(w, ms)
    # the detection gate: a gated type's mentions make events only in sentences the model accepts
    verdict: dict[int, bool] = {}
    scores: dict[int, float] = {}
    for c in cands:
        d = classifier.decide(c.type, c.features)
        if d is None:
            continue
        kept = {id(m) for m in c.kept()} if d[0] else set()
        for m in c.mentions:
            if m.negated or m.modality:
                continue  # not reported as done: the lexicon rules decide, the event keeps its modality
            verdict[id(m)] = id(m) in kept
            scores[id(m)] = round(d[1], 4)
    clusters: list[_Cluster] = []
    for m in ms:
        if m.head is not None:
            continue
        if id(m) in verdict:
            if not verdict[id(m)]:
                continue
        elif any(flags[id(m)]):
            continue  # a generic mention, or one the sentence does not report: no event
        back = _demonstrated(w, m) and next((c for c in reversed(clusters) if c[0].entry.type == m.entry.type), None)
        if back:
            back.add(m)  # "رفع العقوبات هذا"، "هذا التخفيف": the act named before, whatever this sentence adds
            continue
        for c in reversed(clusters):
            if _compatible(c, m):
                c.add(m)
                break
        else:
            clusters.append(_Cluster(m))
    events: list[tuple[int, Event, list[Mention]]] = []
    agentive = _agentive()
    for c in clusters:
        actors = list(dict.fromkeys(e for x in c for e in x.args.actors))
        victims = _victims(doc, c[0].entry.type, actors)
        actors = [e for e in actors if e not in victims]
        if not actors and all(x.entry.type in agentive or x.entry.lemma in agentive for x in c):
            continue  # "مجاعة تهدد السكان"، "الجوع يدفع المدنيين إلى …": no one threatens or urges
        targets = list(dict.fromkeys([*victims, *(e for x in c for e in x.args.targets if e not in actors)]))
        loc = next((x.args.location for x in c if x.args.location), None)
        rep = max(c, key=lambda x: (x.evidence[0] if x.evidence[0] >= 2 else 0,
                                    len(x.args.actors) + len(x.args.targets), -x.start))
        top = max(x.evidence[0] for x in c)
        best = rep if rep.evidence[0] == top else max(c, key=lambda x: (x.evidence[0], -x.start))
        # the most specific mode of the mentions (aerial over a generic attack, explosives over a
        # killing), and its mention as the trigger; the representative's on a tie
        spec = min(c, key=lambda x: (_mode_rank(x), x is not rep, x.start))
        ev = EventRecord(
            id="", type=rep.entry.type, trigger=doc.span(spec.start, spec.end), mode=spec.entry.mode,
            actors=actors, targets=targets, location=loc,
            date=best.evidence[1], time=best.evidence[2] if best.evidence[0] >= 1 else None,
            negated=rep.negated, modality=rep.modality, claim=rep.claim,
            mentions=[doc.span(x.start, x.end) for x in sorted(c, key=lambda x: x.start)],
            complements=[{"type": k.entry.type, "mode": k.entry.mode, "trigger": doc.span(k.start, k.end).to_dict(),
                          "modality": "requested" if rep.entry.type == "REQUEST" else k.modality}
                         for x in c for k in _all_complements(x)],
            detection_score=scores.get(id(rep)),
        )
        events.append((rep.start, ev, c))
    events.sort(key=lambda t: t[0])
    events = _merge_same_day(doc, events)
    for n, (_, ev, _c) in enumerate(events, 1):
        ev.id = f"v{n}"
        doc.events.append(ev)


def _merge_same_day(doc: Document, events: list) -> list:
    """One happening told in several sentences of a report ("شن الطيران الروسي غارات على تلبيسة" …
    "الغارات" … "الغارة الروسية") is one event: same type and mode, polarity and modality, the same
    day (a date to the day on both), no two different places, actors that agree (the same, one
    side unnamed, or a state and its own forces), and no two different sets of targets."""
    out: list = []
    for item in events:
        ev = item[1]
        into = None
        if ev.date and len(ev.date) >= 10:
            for prev in reversed(out):
                p = prev[1]
                if (p.type, p.mode, p.negated, p.modality, p.date) != (ev.type, ev.mode, ev.negated, ev.modality, ev.date):
                    continue
                if not _places_agree(doc, p.location, ev.location):
                    continue
                if not _actors_agree(doc, p.actors, ev.actors):
                    continue
                if p.targets and ev.targets and not set(p.targets) & set(ev.targets):
                    continue  # the same day, other targets: "استهدفت … حقل العمر" and "… قاعدة التنف"
                into = p
                break
        if into is None:
            out.append(item)
            continue
        into.actors = list(dict.fromkeys(into.actors + ev.actors))
        into.targets = [t for t in dict.fromkeys(into.targets + ev.targets) if t not in into.actors]
        into.location = _narrower(doc, into.location, ev.location)
        into.claim = into.claim or ev.claim
        into.mentions = sorted(into.mentions + ev.mentions, key=lambda m: m.start)
    return out


def _state_of(doc: Document, eid: str) -> str | None:
    """The state an actor stands for: a state itself, or a generic actor of a state's sector."""
    e = doc.entity(eid)
    if e is None:
        return None
    if e.sector:
        return e.state
    if e.type == "GPE" and e.kb_id:
        from rawi.entities.kb import load_kb

        kb = load_kb()
        return kb.get(e.kb_id).country if kb.is_state(e.kb_id) else None
    return None


def _actors_agree(doc: Document, a: list[str], b: list[str]) -> bool:
    if not a or not b or set(a) & set(b):
        return True
    sa = {_state_of(doc, x) for x in a} - {None}
    sb = {_state_of(doc, x) for x in b} - {None}
    return bool(sa) and sa == sb and len(sa) == 1


def _country_of(doc: Document, eid: str) -> tuple[str | None, bool]:
    """(country code, is the state itself) of a place entity."""
    e = doc.entity(eid)
    if e is None or not e.kb_id:
        return None, False
    from rawi.entities.kb import load_kb

    kb = load_kb()
    a = kb.get(e.kb_id)
    if a is None:
        return None, False
    return a.country, kb.is_state(e.kb_id)


def _places_agree(doc: Document, a: str | None, b: str | None) -> bool:
    """The same place, one unknown, or a state and a place inside it (سوريا, تلبيسة)."""
    if not a or not b or a == b:
        return True
    (ca, sa), (cb, sb) = _country_of(doc, a), _country_of(doc, b)
    return ca is not None and ca == cb and (sa or sb)


def _narrower(doc: Document, a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return b if _country_of(doc, a)[1] and not _country_of(doc, b)[1] else a
