"""Arguments of an event mention, read off the sentence around its trigger.

Works on the document's words (normalised) and the entities stage's mentions:
- verbs: a subject right before the verb (SVO, auxiliaries and modal verbs skipped) or the
  first entity after it not governed by a preposition (VSO); the next entity, bare or
  after a target preposition, is the target;
- event nouns (masdars): a possessive suffix (زيارته) or the genitive/attributive entity
  after the noun (زيارة وزير الخارجية الإيراني، تهديد أميركي) is the actor;
- passives (a damma on the first letter, "من قبل"): the agent after "من قبل", else the state
  named by the adjective of a controlled space (الأجواء العراقية), from data; the patient
  before the verb, or its possessor (طائراتهم → the group last mentioned), is the target;
- "في + place" gives the location, "إلى + place" the destination of a visit;
- coordinated entities ("الروس والإيرانيين") all take the role;
- a mention nested in a longer one (the state in "الجيش السوري") is no argument of its own;
- for physical objects, the ل-possessor of a bare object noun is the target ("مواقع لحزب الله").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rawi.arabic.normalize import normalize
from rawi.arabic.tokens import QUOTE_MARKS
from rawi.document import Document
from rawi.lexicon import load_yaml

DAMMA = "\u064f"
PLACE_TYPES = ("GPE", "LOC", "FAC")


@lru_cache(maxsize=1)
def cues() -> dict:
    return load_yaml("events/cues.yaml")


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    c = cues()
    p = c["preps"]
    return {
        "aux": frozenset(normalize(w) for w in c["auxiliaries"]),
        "breaks": frozenset(normalize(w) for w in c["clause_breaks"]),
        "location": frozenset(normalize(w) for w in p["location"]),
        "destination": frozenset(normalize(w) for w in p["destination"]),
        "target": frozenset(normalize(w) for w in p["target"]),
        "preps": frozenset(normalize(w) for k in ("location", "destination", "target", "other") for w in p[k]),
        "suffered": frozenset(normalize(w) for w in p["suffered"]),
        "space": frozenset(normalize(w) for w in c["space_nouns"]),
        "verb_context": frozenset(normalize(w) for w in c["verb_context"]),
    }


@cache
def rule_words(key: str) -> tuple[str, ...]:
    """A word or ending list of the rules (``rule_words`` in events/cues.yaml), normalised, in
    the file's order (longest-first lists stay so)."""
    return tuple(normalize(w) for w in cues()["rule_words"][key])


@cache
def _agent_pairs() -> frozenset[tuple[str, ...]]:
    """The two-word agent phrases of a passive (``preps.agent``: "من قبل") as word pairs."""
    return frozenset(t for t in (tuple(normalize(w).split()) for w in cues()["preps"]["agent"]) if len(t) == 2)


@cache
def target_preps(etype: str) -> frozenset[str]:
    p = cues()["preps"]
    spec = (p.get("target_by_type") or {}).get(etype)
    return frozenset(normalize(w) for w in (p["target"] if spec is None else spec))


_norm = lru_cache(maxsize=200000)(normalize)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    eid: str
    etype: str
    norm: str
    generic: bool = False  # a generic actor's common noun ("المتظاهرين"): may also be a trigger


@dataclass
class Words:
    """The document's tokens with normalised forms, sentence and clause numbers, and mentions."""

    doc: Document
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    norm: list[str] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    ment: list[list[Mention]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Document) -> Words:
        w = cls(doc)
        sents = doc.sentences
        sstarts = [a for a, _ in sents]
        breaks, pairs = word_sets()["breaks"], _agent_pairs()
        clause = 0
        prev_sent = -1
        s, nxt = -1, 0  # the sentence of the token, found by walking (tokens come in order)
        prev = ""
        # quotation marks around a name ("قوات سوريا الديمقراطية" as a subject) open no clause
        m_starts = {m.start for e in doc.entities for m in e.mentions}
        m_ends = {m.end for e in doc.entities for m in e.mentions}
        for t in doc.tokens:
            while nxt < len(sstarts) and sstarts[nxt] <= t.start:
                s, nxt = nxt, nxt + 1
            si = max(0, s)
            n = _norm(t.text)
            name_quote = t.text in QUOTE_MARKS and (t.end in m_starts or t.start in m_ends)
            if si != prev_sent or t.kind == "punct" and t.text in "،,؛;:()\"«»“”" and not name_quote \
                    or n in breaks and (prev, n) not in pairs \
                    or (len(n) > 3 and n[0] in "وف" and n[1:] in breaks):  # "من قبل" opens no clause
                clause += 1
            prev_sent, prev = si, n
            w.start.append(t.start)
            w.end.append(t.end)
            w.text.append(t.text)
            w.norm.append(n)
            w.sent.append(si)
            w.clause.append(clause)
            w.ment.append([])
        for e in doc.entities:
            for m in e.mentions:
                mm = Mention(m.start, m.end, e.id, e.type, normalize(m.text), bool(e.sector))
                w.mentions.append(mm)
                i = bisect.bisect_right(w.start, m.start) - 1
                while 0 <= i < len(w.start) and w.start[i] < m.end:
                    if w.end[i] > m.start:
                        w.ment[i].append(mm)
                    i += 1
        # a mention nested in a longer mention of another entity over the same words (the
        # state in "الجيش السوري") is part of that name, not an argument of its own: a word
        # takes the outermost mention's entity
        for i, ms in enumerate(w.ment):
            if len(ms) > 1:
                w.ment[i] = [m for m in ms if not any(
                    o.eid != m.eid and o.start <= m.start and o.end >= m.end and o.end - o.start > m.end - m.start
                    for o in ms)]
        _drop_title_genitives(w, doc)
        w.mentions.sort(key=lambda m: m.start)
        return w

    def __len__(self) -> int:
        return len(self.start)

    def role_words(self, ids) -> frozenset[str]:
        """Normalised words of the roles (titles) the document gives these entities."""
        out: set[str] = set()
        for eid in ids:
            e = self.doc.entity(eid)
            if e is not None:
                for r in e.roles:
                    out.update(normalize(r).split())
        return frozenset(out)

    def index_at(self, offset: int) -> int:
        return bisect.bisect_right(self.start, offset) - 1

    # ---- helpers -------------------------------------------------------------------
    def ents(self, i: int) -> list[str]:
        return list(dict.fromkeys(m.eid for m in self.ment[i]))

    def prep_of(self, i: int, floor: int = -1) -> str | None:
        """The preposition governing the entity at word i, if any (clitic, previous word, or
        previous word but one with a head noun between: "على مدينة حلب")."""
        ws = word_sets()
        n = self.norm[i]
        for m in self.ment[i]:
            if m.start > self.start[i]:
                pre = normalize(self.doc.text[self.start[i]:m.start])
                pre = pre[1:] if pre[:1] in ("و", "ف") and len(pre) > 1 else pre
                if pre in rule_words("joined_preps"):
                    return "ل" if pre == "لل" else pre[0]
        if not self.ment[i] and n[:1] in "بلك" and len(n) > 3:
            return n[0]
        for back in (1, 2):
            j = i - back
            if j <= floor or self.clause[j] != self.clause[i]:
                break
            if self.norm[j] in ws["preps"]:
                return self.norm[j]
            if self.ment[j]:
                break
        return None

    def apposition(self, i: int, j: int) -> bool:
        """A person's name right after a nisba adjective: "الإيراني عباس عراقجي"."""
        nisba = any(m.norm.endswith(rule_words("nisba_endings")) for m in self.ment[i])
        return nisba and any(m.etype == "PER" for m in self.ment[j])

    def group(self, i: int, step: int, limit: int) -> list[int]:
        """Word indices of entities coordinated with the one at i ("الروس والإيرانيين")."""
        out = [i]
        j = i
        while 0 <= j + step < len(self) and len(out) < 6:
            k = j + step
            # the next entity word, over a bare "و" or a comma between
            while 0 <= k < len(self) and self.ment[k] and set(self.ents(k)) == set(self.ents(j)):
                k += step
            if not (0 <= k < len(self)) or self.clause[k] != self.clause[i] and self.norm[k] not in ("،", ","):
                break
            if self.norm[k] in ("و", "،", ","):
                k += step
            if not (0 <= k < len(self)) or abs(k - i) > limit or not self.ment[k]:
                break
            conj = self.norm[k if step > 0 else j]
            if not conj.startswith("و") and self.norm[k - step] not in ("و", "،", ","):
                break
            out.append(k)
            j = k
        return out

    def pronoun(self, before: int, suffix: str) -> list[str]:
        """Antecedent entities of a possessive suffix (ه → the last person; هم → the last
        group or plural people; ها → the last place or organisation)."""
        limit = self.sent[self.index_at(before)] - 3
        # mentions are sorted by start: walk back from ``before`` instead of filtering them all
        starts = self.__dict__.get("_mention_starts")
        if starts is None or len(starts) != len(self.mentions):
            starts = self.__dict__["_mention_starts"] = [m.start for m in self.mentions]
        cands = (m for m in reversed(self.mentions[:bisect.bisect_right(starts, before)]) if m.end <= before)
        for m in cands:
            i = self.index_at(m.start)
            if self.sent[i] < limit:
                break
            if not any(x is m for x in self.ment[i]):
                continue  # nested in a longer name ("لبنان" in "المقاومة الإسلامية في لبنان")
            if suffix in rule_words("person_suffixes") and m.etype == "PER":
                return [m.eid]
            if suffix in rule_words("plural_suffixes"):
                plural = m.norm.endswith(rule_words("plural_endings")) or m.etype in ("NORP",)
                if plural or len(self.group(i, -1, 4)) > 1:
                    return list(dict.fromkeys(e for k in self.group(i, -1, 4) for e in self.ents(k)))
            if suffix in rule_words("place_suffixes") and m.etype in ("GPE", "ORG", "LOC"):
                return [m.eid]
        return []


@dataclass
class Args:
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    passive: bool = False


def _add(lst: list[str], ids: list[str]) -> None:
    for x in ids:
        if x not in lst:
            lst.append(x)


def _is_passive(w: Words, i: int, trig_stem_off: int) -> bool:
    src = w.text[i][trig_stem_off:]
    letters = [c for c in src if not ("\u064b" <= c <= "\u065f")]
    # a damma on the first or (form VIII/X) a middle radical of a past verb
    return len(src) > 1 and (src[1:2] == DAMMA or DAMMA in src[:6] and letters[:1] == ["ا"])


def _drop_title_genitives(w: Words, doc: Document) -> None:
    """A state, body or group named inside a person's title right before the name ("شيخ العكيدات
    مصعب الهفل", "رئيس الاتحاد البرلماني العربي، محمد الحلبوسي") is part of the title, not an
    argument of its own: the person is."""
    text = doc.text
    for e in doc.entities:
        if e.type != "PER" or not e.roles:
            continue
        for m in e.mentions:
            head = text[max(0, m.start - 120):m.start].rstrip(" ،,")
            for r in e.roles:
                if not head.endswith(r):
                    continue
                a, b = m.start - (len(text[max(0, m.start - 120):m.start]) - len(head)) - len(r), m.start
                i = bisect.bisect_left(w.start, a)
                while i < len(w.start) and w.start[i] < b:
                    w.ment[i] = [x for x in w.ment[i] if x.eid == e.id]
                    i += 1
                break


def _place_only(doc: Document, eid: str) -> bool:
    """A place that does not act: a site or region, a city that is not a capital (a state, its
    capital and anything not in the KB may stand for an actor)."""
    e = doc.entity(eid)
    if e is None:
        return False
    if e.type in ("LOC", "FAC"):
        return True
    if e.type != "GPE" or not e.kb_id:
        return False
    from rawi.entities.kb import load_kb

    kb = load_kb()
    return kb.get(e.kb_id) is not None and not kb.is_state(e.kb_id) and not kb.is_capital(e.kb_id)


def _unnamed_subject(w: Words, i: int, proclitics: str, after_cue: int | None, in_clause) -> bool:
    """A definite noun that is no name right before the verb, opening its clause: the verb's
    subject (SVO) names no entity ("الجوع يدفع …", "الحرب تهدد …")."""
    ws = word_sets()
    k = i - 1
    if after_cue is not None or proclitics[:1] in ("و", "ف") or not in_clause(k) or w.ment[k]:
        return False
    n = w.norm[k]
    if n[:1] in ("و", "ف") and n[1:].startswith(rule_words("definite")):
        n = n[1:]  # "والجوع يدفع"
    if not n.startswith(rule_words("definite")) or n in ws["aux"] or n in ws["breaks"] or n in ws["preps"] \
            or w.prep_of(k) is not None:
        return False
    # the noun opens the clause (or follows a connective): "…، والجوع يدفع"
    return not in_clause(k - 1) or not w.norm[k - 1][:1].isalpha() or w.norm[k - 1] in ws["verb_context"] \
        or w.norm[k - 1] in ws["breaks"]


def collect(w: Words, i: int, pos: str, proclitics: str, enclitic: str, stop: set[int],
            after_cue: int | None = None, etype: str = "") -> Args:
    """Arguments of the trigger at word i. ``stop``: word indices of other triggers (a scan
    does not cross them); ``after_cue``: index of a modal verb/noun the trigger depends on."""
    ws = word_sets()
    a = Args()
    cl = w.clause[i]
    n = len(w)

    def in_clause(j: int) -> bool:
        return 0 <= j < n and w.clause[j] == cl

    # passive
    if pos == "verb":
        off = len(w.text[i]) - len(w.text[i].lstrip("وف")) if proclitics[:1] in ("و", "ف") else 0
        a.passive = _is_passive(w, i, off)
    # after-trigger scan
    j = i + 1
    first_bare: list[str] = []
    last_bare = -1
    second_bare: list[str] = []
    last_second = -1
    marked: list[tuple[str, int]] = []
    while in_clause(j) and j - i <= 8 and j not in stop:
        if w.ment[j]:
            p = w.prep_of(j, i)
            if p is None and not first_bare and not marked:
                grp = w.group(j, 1, 4)
                first_bare = [x for k in grp for x in w.ents(k)]
                last_bare = j = grp[-1]  # the coordinated entities are all the subject
            elif p is None and first_bare and not marked and j == last_bare + 1 and w.apposition(last_bare, j):
                _add(first_bare, w.ents(j))  # apposition: "الإيراني عباس عراقجي"
                last_bare = j
            elif p is None and first_bare and not marked and not second_bare:
                second_bare = [x for k in w.group(j, 1, 4) for x in w.ents(k)]  # VSO object
                last_second = j
            elif p is None and second_bare and not marked and j == last_second + 1 and w.apposition(last_second, j):
                _add(second_bare, w.ents(j))
                last_second = j
            elif p is not None:
                marked.append((p, j))
            # skip the rest of this entity's words
            ids = set(w.ents(j))
            while in_clause(j + 1) and set(w.ents(j + 1)) == ids:
                j += 1
        j += 1
    # agent after "من قبل" (preps.agent)
    agent: list[str] = []
    for k in range(i + 1, min(n, i + 10)):
        if not in_clause(k):
            break
        if k > 0 and (w.norm[k - 1], w.norm[k]) in _agent_pairs():
            for m in range(k + 1, min(n, k + 4)):
                if w.ment[m]:
                    agent = [x for q in w.group(m, 1, 4) for x in w.ents(q)]
                    break
            break
    # subject before the verb (SVO), over auxiliaries and a modal verb
    subj: list[str] = []
    k = (after_cue if after_cue is not None else i) - 1
    skipped = 0
    coordinated = proclitics[:1] in ("و", "ف") and after_cue is None
    while in_clause(k) and skipped <= 3 and not coordinated:
        if w.ment[k] and w.prep_of(k) is None:
            grp = w.group(k, -1, 4)
            first = min(grp)
            while first > 0 and set(w.ents(first - 1)) & set(w.ents(first)):
                first -= 1
            # a definite head noun before a one-word nisba adjective ("الطائرات الروسية قصفت"):
            # the phrase is the subject, the state the adjective names its actor
            h = first - 1
            if h >= 0 and in_clause(h) and not w.ment[h] and w.norm[h].startswith(rule_words("definite")) \
                    and w.norm[h] not in ws["aux"] and w.norm[h] not in ws["breaks"] and w.prep_of(h) is None \
                    and w.ment[first] and all(w.start[first] <= m.start and m.end <= w.end[first]
                                              and m.norm.endswith(rule_words("nisba_endings")) for m in w.ment[first]):
                first = h
            # the title the text gives the subject stands before it ("الرئيس السوري بشار الأسد")
            titled = w.role_words(x for q in grp for x in w.ents(q))
            while first > 0 and in_clause(first - 1) and w.norm[first - 1] in titled:
                first -= 1
            before = w.norm[first - 1] if first > 0 else ""
            if len(before) > 3 and before[0] in "وف" and before[1:] in ws["aux"]:
                before = before[1:]  # "وكان الرئيس … قد استقبل"
            # a subject opens its clause (after a complementizer or an auxiliary)
            if first == 0 or not in_clause(first - 1) or before in ws["aux"] or before in ws["verb_context"] \
                    or before in ws["breaks"] or before in rule_words("complementisers"):
                subj = [x for q in grp for x in w.ents(q)]
            break
        if w.norm[k] in ws["aux"] or w.norm[k] in rule_words("verb_particles"):
            skipped += 1
            k -= 1
            continue
        break
    # possessor of the word just before (طائراتهم مُنعت)
    patient_owner: list[str] = []
    if i > 0 and in_clause(i - 1) and not w.ment[i - 1]:
        prev = w.norm[i - 1]
        for suf in rule_words("owner_suffixes"):
            if prev.endswith(suf) and len(prev) > len(suf) + 2:
                patient_owner = w.pronoun(w.start[i - 1], suf)
                break

    if pos == "noun":
        if enclitic in rule_words("noun_possessives"):
            _add(a.actors, w.pronoun(w.start[i], enclitic))
            _add(a.targets, first_bare)
        elif after_cue is not None and subj:
            _add(a.actors, subj)
            _add(a.targets, first_bare)
        elif w.norm[i][len(proclitics):] in rule_words("patient_genitive"):
            _add(a.targets, first_bare)  # "مقتل ثلاثة مدنيين": the genitive suffers the act
        else:
            _add(a.actors, first_bare)
    elif a.passive or agent:
        a.passive = True
        _add(a.actors, agent)
        if not agent:
            # the controlling state of a space named after the verb
            for k2 in range(i + 1, min(n, i + 8)):
                if not in_clause(k2):
                    break
                stem = w.norm[k2]
                stem = stem[1:] if stem[:1] in ("و", "ف", "ب", "ل") and stem[1:] in ws["space"] else stem
                if stem in ws["space"]:
                    for m in (k2 + 1, k2 + 2):
                        if in_clause(m) and w.ment[m]:
                            _add(a.actors, w.ents(m))
                            break
                    break
        _add(a.targets, subj or patient_owner or first_bare)
    else:
        if subj:
            _add(a.actors, subj)
            _add(a.targets, first_bare)
        elif _unnamed_subject(w, i, proclitics, after_cue, in_clause):
            _add(a.targets, first_bare)  # "الجوع يدفع المدنيين": the subject names no one; the name is the object
        elif pos == "verb" and w.norm[i].endswith(rule_words("plural_subject_suffixes")):
            # a verb agreeing in the plural holds its subject ("وضربوا المتظاهرين", "هاجموا مواقع
            # الجيش"): VSO verbs stay singular, so the name after it is the object
            _add(a.targets, first_bare)
        else:
            # a place right after the verb is its object, not its subject: "استهدفت قاعدة التنف",
            # "قصفت دير الزور" (a state or its capital may act: "استقبلت دمشق الوزير")
            places = [x for x in first_bare if _place_only(w.doc, x)]
            if places and len(places) == len(first_bare):
                _add(a.targets, places)
            else:
                _add(a.actors, [x for x in first_bare if x not in places])
                _add(a.targets, second_bare)
    # the parties of talks or an agreement: "بين الحكومة السورية والمعارضة"
    pp = cues()["preps"]
    if etype in pp.get("parties_types", ()):
        between = frozenset(normalize(x) for x in pp.get("parties", ()))
        for p, j2 in marked:
            if p in between:
                parties = [x for q in w.group(j2, 1, 4) for x in w.ents(q)]
                if not a.actors:
                    _add(a.actors, parties)
                else:
                    _add(a.targets, [x for x in parties if x not in a.actors])
                break
    # targets marked by a preposition
    for p, j2 in marked:
        ids = [x for q in w.group(j2, 1, 4) for x in w.ents(q)]
        if p in ws["location"]:
            if a.location is None and any(m.etype in PLACE_TYPES for m in w.ment[j2]):
                a.location = w.ment[j2][0].eid
            continue
        if p in ws["destination"] and a.location is None and any(m.etype in PLACE_TYPES for m in w.ment[j2]):
            a.location = w.ment[j2][0].eid
        if p in target_preps(etype):
            if not a.targets:
                _add(a.targets, [x for x in ids if x not in a.actors])
    # the possessor of a bare object noun: "استهدفت طائرات إسرائيلية مواقع لحزب الله"
    p_all = cues()["preps"]
    if not a.targets and etype in p_all.get("genitive_object_types", ()):
        gen = frozenset(normalize(x) for x in p_all.get("genitive_object", ()))
        for p, j2 in marked:
            h = j2 - 1
            if p in gen and h > i and in_clause(h) and h not in stop and not w.ment[h] \
                    and w.norm[h] not in ws["preps"] and w.norm[h] not in ws["breaks"] \
                    and w.prep_of(h, i) in (None, *target_preps(etype)):
                _add(a.targets, [x for q in w.group(j2, 1, 4) for x in w.ents(q) if x not in a.actors])
                break
    a.targets = [x for x in a.targets if x not in a.actors]
    return a
