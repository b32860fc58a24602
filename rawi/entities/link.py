"""In-document linking: every way the text refers to an actor, gathered into one entity.

Steps, each a general mechanism (word lists in ``rawi/data/entities``):

1. KB names (``rawi.entities.kb``) are found with the Aho-Corasick matcher through clitics
   (``rawi.entities.match``); the longest wins, and a person or state named inside an
   organisation's name ("نظام بشار الأسد") is a mention too. A one-word form that is also a
   common word (KB ``ambiguous``, or ``common_words.txt``) links only with context: the actor
   named unambiguously in the document, or a title/trigger of its type right before it.
2. Names the KB does not know come from the statistical NER (``rawi.entities.ner``) and
   become document-local entities (a model not there yet is skipped with a warning). A name
   the model alone vouches for, once, with nothing else to support it (no second mention, no
   trigger, no gazetteer) is kept only when the model's confidence in it reaches
   ``ner_keep_confidence`` (``rawi/data/entities/linking.yaml``). Every model name left out, for
   that or another reason, is recorded in ``doc.meta["unlinked_names"]``.
3. Short forms: the last word of a full person name ("صقر" of "كامل صقر") links to it
   wherever it stands alone (through clitics: "لصقر"); shorter model names that are part of
   a longer one ("مطشر الهفل" of "مطشر حمود الهفل") join it.
4. Titles: a KB title phrase plus a country adjective ("الرئيس التركي") or a state or
   organisation in the genitive ("الأمين العام لحزب الله") right before a name gives that
   person the role; standing alone it is a mention of the person the document gives that
   title, else of the one office holder the document names, else of the KB's holder on the
   article's date (``doc.published`` or the processing date).
5. Roles: titles before a name ("وزير الخارجية بسام صباغ") and appositions after it
   ("كامل صقر، مدير المكتب الإعلامي …،").
6. Anaphors ("الأخير"): the nearest earlier compatible mention, not the sentence's subject;
   after a definite word ("اللحظات الأخيرة") the word is an adjective and is left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import lru_cache

from rawi.arabic.clitics import readings as _readings
from rawi.arabic.clitics import segment
from rawi.arabic.normalize import normalize, normalize_with_map
from rawi.document import ENTITY_TYPES, Document, Entity
from rawi.entities.agents import find_agents, sector_of
from rawi.entities.match import Hit, Matcher, NormText, leftmost_longest
from rawi.settings import Settings

log = logging.getLogger(__name__)

# Mention kinds: how the text refers to the entity.
NAME, ALIAS, DEMONYM, SHORT, NER, TITLE, ANAPHOR = "name", "alias", "demonym", "short", "ner", "title", "anaphor"
NAMING = frozenset({NAME, ALIAS, SHORT, NER})  # mentions that carry a name (antecedents, role anchors)
_TYPE_MAP = {"COUNTRY": "GPE", "STATE": "GPE", "CITY": "GPE", "GROUP": "ORG", "PERS": "PER"}


# ------------------------------------------------------------------ resources (loaded once)


@lru_cache(maxsize=65536)
def readings(token: str) -> tuple[tuple[int, str], ...]:
    """Cached ``rawi.arabic.clitics.readings``: the whole word first, then clitic-stripped stems."""
    return tuple(_readings(token))


def _strip_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


@lru_cache(maxsize=1)
def _nisba_suffixes() -> tuple[str, ...]:
    """Endings of an inflected nisba (rawi/data/text/morphology.yaml ``nisba_suffixes``)."""
    from rawi.lexicon import load_yaml

    return tuple(load_yaml("text/morphology.yaml")["nisba_suffixes"])


def _nisba_forms(form: str) -> list[str]:
    """Inflections of a nisba adjective/demonym ("روسي" → "روسيه", "روسيين", "روسيون")."""
    if " " in form or not form.endswith("ي") or len(form) < 4:
        return [form]
    return [form] + [form + s for s in _nisba_suffixes()]


@dataclass
class Resources:
    kb: object
    names: Matcher
    titles: Matcher
    heads: frozenset[str]
    triggers: dict[str, str]  # trigger word (no article) → type of the name it announces
    common: frozenset[str]
    breaks: frozenset[str]
    anaphors: dict[str, frozenset[str]]
    anaphor_window: int
    pronoun_after: frozenset[str]
    head_nouns: Matcher  # definite head nouns that name an organisation again ("الحزب")
    head_window: int
    head_noun_words: frozenset[str] = frozenset()  # the same nouns without the article ("منظمه")
    state_anaphors: tuple[str, ...] = ()
    place_anaphors: tuple[str, ...] = ()
    state_window: int = 3
    announce: frozenset[str] = frozenset()  # heads | triggers
    ner_triggers: dict[str, str] = field(default_factory=dict)  # NER trigger word → type (rawi/data/ner)
    first_names: frozenset[str] = frozenset()
    last_names: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()  # given and family names (rawi/data/ner/*_names.tsv)
    single_forms: dict[str, set[str]] = field(default_factory=dict)  # one-word form → actor ids
    ner_keep: float = 1.01  # an unsupported one-off model name is kept at this confidence or more
    common_places: frozenset[str] = frozenset()  # weak place forms that are common words (linking.yaml)
    word_zipf: dict[str, int] = field(default_factory=dict)  # general frequency band (ner/word_freq.tsv)
    naming_nouns: dict[str, str] = field(default_factory=dict)  # "شركه" → ORG (linking.yaml)
    naming_max_zipf: int = 0
    body_nouns: frozenset[str] = frozenset()  # "نقابه": a body named by its members ("نقابة المهندسين")
    ner_keep_common_zipf: int = 99  # a one-word model name this common needs more than confidence
    locative_words: frozenset[str] = frozenset()
    locative_clitics: tuple[str, ...] = ()
    months: frozenset[str] = frozenset()  # one-word month names (time/lexicon.yaml)
    month_before: frozenset[str] = frozenset()  # "في", "شهر": a month name after them is a date
    prayer_names: frozenset[str] = frozenset()  # "المغرب": also a prayer's time (linking.yaml)
    prayer_words: frozenset[str] = frozenset()  # "أذان", "صلاة": the words that make it the time
    place_nouns: frozenset[str] = frozenset()  # "جبل", "حي": a name after them names a place (linking.yaml)
    institution_adjectives: frozenset[str] = frozenset()  # "الاعلامي", "الدولي": they close an institution's name


def _name_words() -> frozenset[str]:
    from rawi.lexicon import load_tsv

    try:
        return frozenset(r["word"] for f in ("ner/given_names.tsv", "ner/family_names.tsv") for r in load_tsv(f))
    except FileNotFoundError:
        return frozenset()


def _head_matcher(nouns) -> Matcher:
    m = Matcher()
    for noun in nouns:
        n = normalize(noun)
        m.add(n, (_strip_article(n),))
    return m.build()


def _norm_set(lines) -> frozenset[str]:
    return frozenset(_strip_article(normalize(x)) for x in lines)


@lru_cache(maxsize=1)
def resources() -> Resources:
    """The KB, the name and title automata and the entity word lists, built once per process."""
    from rawi.entities.kb import load_kb
    from rawi.lexicon import load_lines, load_tsv, load_yaml

    kb = load_kb()
    names = Matcher()
    single: dict[str, set[str]] = {}
    for form, actor_id, kind in kb.forms():
        if kind == "demonym":
            for f in _nisba_forms(form):
                names.add(f, (actor_id, kind), article=True)
        else:
            names.add(form, (actor_id, kind))
        if " " not in form:
            single.setdefault(form, set()).add(actor_id)
    names.build()
    titles = Matcher()
    heads = set(_norm_set(load_lines("entities/title_heads.txt")))
    for phrase, role in kb.role_titles().items():
        titles.add(phrase, ("title", role), article=True)
        heads.add(_strip_article(phrase.split()[0]))
    titles.build()
    ana = load_yaml("entities/anaphors.yaml") or {}
    anaphors = {normalize(k): frozenset(v.get("types", ["PER", "ORG"])) for k, v in (ana.get("anaphors") or {}).items()}
    triggers: dict[str, str] = {}
    for line in load_lines("entities/name_triggers.txt"):
        w, _, t = line.rpartition(" ")
        triggers.setdefault(_strip_article(normalize(w.strip() or t)), t.strip() if w else "PER")

    def optional(rel: str) -> frozenset[str]:
        try:
            lines = load_lines(rel)
        except FileNotFoundError:
            return frozenset()
        return _norm_set(lines)

    def ner_triggers() -> dict[str, str]:  # "WORD TYPE" lines
        try:
            lines = load_lines("ner/triggers.txt")
        except FileNotFoundError:
            return {}
        out: dict[str, str] = {}
        for x in lines:
            w, _, t = x.rpartition(" ")
            if w:
                out.setdefault(normalize(w.strip()), t.strip())
        return out

    try:
        linking = load_yaml("entities/linking.yaml") or {}
    except FileNotFoundError:
        linking = {}

    zipf = int(linking.get("place_common_zipf", 99))
    try:
        freq = {r["word"]: int(r["zipf"]) for r in load_tsv("ner/word_freq.tsv")}
    except FileNotFoundError:
        freq = {}
    common_places = frozenset(f for f in single if freq.get(f, 0) >= zipf or freq.get(_strip_article(f), 0) >= zipf)
    return Resources(
        ner_keep=float(linking.get("ner_keep_confidence", 1.01)),
        common_places=common_places, word_zipf=freq,
        ner_keep_common_zipf=int(linking.get("ner_keep_common_zipf", 99)),
        naming_nouns={normalize(w): t for t, ws in (linking.get("naming_nouns") or {}).items() for w in ws},
        naming_max_zipf=int(linking.get("naming_max_zipf", 0)),
        body_nouns=frozenset(normalize(w) for w in linking.get("body_nouns") or ()),
        locative_words=frozenset(normalize(w) for w in linking.get("locative_words") or ()),
        locative_clitics=tuple(linking.get("locative_clitics") or ()),
        months=frozenset(normalize(m) for m in (load_yaml("time/lexicon.yaml").get("months") or {}) if " " not in m),
        month_before=frozenset(normalize(w) for w in linking.get("month_before") or ()),
        prayer_names=frozenset(normalize(w) for w in linking.get("prayer_names") or ()),
        prayer_words=frozenset(normalize(w) for w in linking.get("prayer_words") or ()),
        place_nouns=frozenset(normalize(w) for w in linking.get("place_nouns") or ()),
        institution_adjectives=frozenset(normalize(f) for w in linking.get("institution_adjectives") or ()
                                         for f in _nisba_forms(normalize(w))),
        kb=kb, names=names, titles=titles, heads=frozenset(heads), triggers=triggers,
        announce=frozenset(heads) | frozenset(triggers),
        ner_triggers=ner_triggers(),
        first_names=optional("ner/first_names.txt"), last_names=optional("ner/last_names.txt"),
        places=optional("ner/places.txt"), name_words=_name_words(),
        common=frozenset(normalize(x) for x in load_lines("entities/common_words.txt")),
        breaks=frozenset(normalize(x) for x in load_lines("entities/breaks.txt")),
        anaphors=anaphors, anaphor_window=int(ana.get("window", 2)),
        head_nouns=_head_matcher(ana.get("head_nouns") or ()), head_window=int(ana.get("head_window", 4)),
        head_noun_words=frozenset(_strip_article(normalize(x)) for x in ana.get("head_nouns") or ()),
        state_anaphors=tuple(ana.get("state_anaphors") or ()), state_window=int(ana.get("state_window", 3)),
        place_anaphors=tuple(ana.get("place_anaphors") or ()),
        pronoun_after=frozenset(normalize(x) for x in ana.get("pronoun_after") or ()),
        single_forms=single,
    )


# ------------------------------------------------------------------ per-document state


@dataclass
class Mention:
    start: int
    end: int
    key: tuple  # ("kb", actor_id), ("local", normalised name) or ("agent", sector, state)
    kind: str


@dataclass
class _Ent:
    key: tuple
    type: str
    name: str
    name_en: str | None = None
    kb_id: str | None = None
    local: bool = False
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sector: str | None = None  # generic actors (rawi.entities.agents)
    state: str | None = None


class _Words:
    """The word tokens of the document with their clitic analyses, indexed by offset."""

    def __init__(self, doc: Document):
        self.toks = doc.tokens
        self.text = doc.text
        self.starts = [t.start for t in self.toks]  # for bisect: no per-call rebuild (was quadratic)

    def containing(self, pos: int) -> int | None:
        """Index of the token that contains offset ``pos`` (binary search)."""
        lo, hi = 0, len(self.toks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.toks[mid]
            if t.end <= pos:
                lo = mid + 1
            elif t.start > pos:
                hi = mid - 1
            else:
                return mid
        return None

    def gap_has_newline(self, i: int, j: int) -> bool:
        """Whether a line break stands between token ``i`` and the later token ``j``."""
        return "\n" in self.text[self.toks[i].end:self.toks[j].start]


def _name_start(tok_text: str) -> tuple[int, str]:
    """Offset inside a token where a name/title with its article starts, after و ف ب ك ل.

    Returns ``(offset, prefix)``; for the fused ``لل`` the word is kept whole, since the
    article is in it (the caller rebuilds "ال…" where it needs the written phrase).
    """
    seg = segment(tok_text)
    if not seg.prefixes:
        return 0, ""
    outer = [p for p in seg.prefixes if p != "ال"]
    if not outer:
        return 0, ""
    if seg.prefixes[-1] == "ال" and outer[-1] == "ل" and normalize(tok_text)[len(outer) - 1:len(outer) + 1] == "لل":
        return 0, "لل"
    _, idx = normalize_with_map(tok_text)
    k = len(outer)
    return (idx[k] if k < len(idx) else len(tok_text)), "".join(outer)


def _phrase_text(text: str, start: int, end: int, prefix: str) -> str:
    """The written phrase ``text[start:end]``, with a fused "لل" turned back into "ال"."""
    s = text[start:end]
    if prefix == "لل":
        s = "ال" + s[2:]
    return " ".join(s.split())


def _stem(tok_text: str) -> str:
    """Normalised stem without clitics or article."""
    return segment(tok_text).stem or normalize(tok_text)


def _processing_date(doc: Document, settings: Settings) -> dt.date:
    if doc.published:
        try:
            return dt.date.fromisoformat(doc.published)
        except ValueError:
            pass
    return settings.processing_date()


# ------------------------------------------------------------------ the stage


def link_document(doc: Document, settings: Settings) -> None:
    res = resources()
    kb = res.kb
    nt = NormText(doc.text)
    words = _Words(doc)
    mentions: list[Mention] = []
    ents: dict[tuple, _Ent] = {}

    def entity_for(key: tuple, typ: str | None = None, name: str | None = None) -> _Ent:
        e = ents.get(key)
        if e is None:
            if key[0] == "kb":
                a = kb.get(key[1])
                t = _TYPE_MAP.get(a.type, a.type)
                e = _Ent(key, t if t in ENTITY_TYPES else "MISC", a.name, a.name_en, a.id)
            else:
                e = _Ent(key, typ or "MISC", name or key[1], local=True)
            ents[key] = e
        return e

    # 1. KB names ------------------------------------------------------------------------
    kb_hits = _kb_mentions(doc, nt, words, res)
    for h, actor_id in kb_hits:
        kind = h.payload[1]
        mentions.append(Mention(h.start, h.end, ("kb", actor_id), kind if kind in (NAME, ALIAS, DEMONYM) else ALIAS))
        entity_for(("kb", actor_id))

    # 1b. generic actors: sectors named by a common noun ("قوات الأمن العراقية") ------------
    _agents(doc, nt, kb, ents, mentions)

    # 1c. an organisation named again by its head noun ("حزب الله … الحزب", "وزارة الخارجية …
    # الوزارة") ------------------------------------------------------------------------------
    _head_nouns(doc, nt, words, res, ents, mentions)

    # 2. names from the statistical model ----------------------------------------------
    taken = sorted((m.start, m.end) for m in mentions)
    unlinked: list[dict] = []  # model names left out, with the reason (doc.meta["unlinked_names"])
    confidence: dict[tuple, float] = {}  # local entity key → best model confidence of its names
    for a, b, typ, norm, conf in _ner_names(doc, words, res, taken, unlinked):
        if _prayer_time(words, a, norm, res):
            continue
        cands = kb.lookup(norm) or kb.lookup(_strip_article(norm))
        if cands:
            # a KB name the matcher did not take (a boundary it missed, an ambiguous form):
            # a clash of types drops it (no local double); a form that is also a common word
            # still needs the actor named in the document or a title/trigger before it
            fit = [c for c in cands if _compatible(typ, _actor_type(kb, c.id))]
            present = [c for c in fit if ("kb", c.id) in ents]
            pick = present[0] if present else (fit[0] if len(fit) == 1 else None)
            if pick is not None and not present and " " not in norm and (
                    kb.is_ambiguous(pick.id, norm) or norm in res.common or _strip_article(norm) in res.common) \
                    and not _preceded_by_trigger(words, a, res, _actor_type(kb, pick.id)):
                pick = None
            if pick is not None:
                key = ("kb", pick.id)
                entity_for(key)
                mentions.append(Mention(a, b, key, ALIAS))
            else:
                unlinked.append(_unlinked(doc, a, b, typ, conf, "kb form without context"))
        else:
            key = ("local", norm)
            confidence[key] = max(confidence.get(key, 0.0), conf or 0.0)
            e = entity_for(key, typ, " ".join(doc.text[a:b].split()))
            mentions.append(Mention(a, b, key, NER))
            if len(e.name) < b - a:
                e.name = " ".join(doc.text[a:b].split())

    # 2b. names after a naming noun the model missed ("شركة ميرك", "قصر قرطاج") -------------
    _named_by_noun(doc, words, res, mentions, entity_for)
    # 2c. an institution named by its noun and a place or a person ("مركز إدلب الإعلامي",
    # "جامع عمر بن الخطاب", "مطار دمشق الدولي") -------------------------------------------
    _institutions(doc, words, res, mentions, entity_for)

    # 3. short forms of full person names -------------------------------------------------
    _merge_local_singles(doc, ents, mentions)
    _short_forms(doc, words, res, ents, mentions)
    mentions[:] = _supported_locals(doc, words, res, ents, mentions, confidence, unlinked)
    if unlinked:
        doc.meta["unlinked_names"] = sorted(unlinked, key=lambda u: (u["start"], u["end"]))

    # 4. titles: roles before names, or mentions of the office holder ------------------------
    mentions.sort(key=lambda m: (m.start, -m.end))
    _titles(doc, nt, words, res, ents, mentions, _processing_date(doc, settings), entity_for)

    # 5. roles from title phrases before a name and appositions after it ---------------------
    _roles(doc, words, res, ents, mentions)
    # 5b. the role given in the document named again without the name ("الناطق باسم القسام")
    _role_mentions(doc, words, res, ents, mentions)

    # 6. anaphors -------------------------------------------------------------------------
    mentions.sort(key=lambda m: (m.start, -m.end))
    _anaphors(doc, nt, words, res, ents, mentions)
    _state_anaphors(doc, nt, res, ents, mentions)

    # build the entities, in order of first mention ------------------------------------------
    by_key: dict[tuple, list[Mention]] = {}
    seen: set[tuple[int, int, tuple]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        sig = (m.start, m.end, m.key)
        if sig in seen or m.end <= m.start:
            continue
        seen.add(sig)
        by_key.setdefault(m.key, []).append(m)
    n = len(doc.entities)
    for key, ms in sorted(by_key.items(), key=lambda kv: kv[1][0].start):
        e = ents[key]
        n += 1
        doc.entities.append(Entity(
            id=f"e{n}", type=e.type, name=e.name, name_en=e.name_en, kb_id=e.kb_id, roles=list(e.roles),
            mentions=[doc.span(m.start, m.end) for m in ms], local=e.local, sector=e.sector, state=e.state,
        ))


# ------------------------------------------------------------------ 1. KB matching


def _type_fits(trigger_type: str | None, typ: str) -> bool:
    if trigger_type is None:
        return False
    if trigger_type == "LOC":
        return typ in ("LOC", "GPE", "FAC")
    return trigger_type == typ


def _preceded_by_trigger(words: _Words, start: int, res: Resources, typ: str) -> bool:
    """A trigger word for type ``typ``, or a title (+ adjective) for a person, right before ``start``."""
    i = words.containing(start)
    if i is None:
        return False
    if words.toks[i].start != start:  # a clitic is attached: "بالرئيس" cannot stand inside the word
        return False
    if i > 0 and words.toks[i - 1].text in _QUOTES and not words.gap_has_newline(i - 1, i):
        i -= 1  # the name in quotation marks after its trigger: وكالة "مهر"
    for back in (1, 2):
        j = i - back
        if j < 0 or words.toks[j].kind != "ar" or words.gap_has_newline(j, i):
            return False
        stem = _strip_article(_stem(words.toks[j].text))
        if (typ == "PER" and stem in res.heads) or _type_fits(res.triggers.get(stem), typ):
            return True
        if back == 1 and res.kb.country_of_adjective(normalize(words.toks[j].text)) is None:
            return False  # only an adjective may stand between the title and the name
    return False


_QUOTES = frozenset('"«»“”\'')


def _after_speech_verb(words: _Words, start: int) -> bool:
    """The word at ``start`` stands right after a speech verb ("قالت الميادين")."""
    i = words.containing(start)
    if i is None or i == 0 or words.toks[i].start != start or words.toks[i - 1].kind != "ar" \
            or words.gap_has_newline(i - 1, i):
        return False
    return _is_speech_verb(normalize(words.toks[i - 1].text))


def _outlet_use(words: _Words, start: int, end: int) -> bool:
    """A form used as a news outlet: told to ("مصادر عشائرية للميادين") or its website after it
    ("الميادين نت", glued "الميادين نتمن")."""
    i = words.containing(start)
    if i is None:
        return False
    tok = words.toks[i]
    if normalize(tok.text).startswith("لل") and tok.end == end and i > 0 and words.toks[i - 1].kind == "ar":
        return True  # ل + the outlet after a noun: the source spoke to it
    j = words.containing(end) if end < len(words.text) else None
    j = j if j is not None and j != i else (i + 1 if i + 1 < len(words.toks) else None)
    return j is not None and normalize(words.toks[j].text).startswith(_conf()["site_word"]) \
        and not words.gap_has_newline(i, j)


def _is_speech_verb(verb: str) -> bool:
    """Normalised ``verb`` is a speech verb of apposition.yaml, perhaps after و/ف."""
    speech = _conf()["speech_verbs"]
    return verb in speech or (verb[:1] in ("و", "ف") and verb[1:] in speech)


def _locative_before(words: _Words, start: int, res: Resources) -> bool:
    """A preposition joined to the word at ``start`` ("بكسب") or a locative word right before it."""
    i = words.containing(start)
    if i is None:
        return False
    tok = words.toks[i]
    if tok.start < start:
        return normalize(tok.text[: start - tok.start]) in res.locative_clitics
    if i == 0 or words.toks[i - 1].kind != "ar" or words.gap_has_newline(i - 1, i):
        return False
    prev = words.toks[i - 1].text
    return normalize(prev) in res.locative_words or _strip_article(_stem(prev)) in res.locative_words


def _prayer_time(words: _Words, start: int, form: str, res: Resources) -> bool:
    """"أذان المغرب", "صلاة المغرب": the name of a prayer's time, not of the country."""
    if form not in res.prayer_names:
        return False
    i = words.containing(start)
    if i is None or i == 0 or words.toks[i - 1].kind != "ar":
        return False
    return _strip_article(_stem(words.toks[i - 1].text)) in res.prayer_words


def _kb_mentions(doc: Document, nt: NormText, words: _Words, res: Resources) -> list[tuple[Hit, str]]:
    """KB hits that pass the ambiguity rules, non-overlapping, each with its chosen actor."""
    kb = res.kb
    hits = [h for h in res.names.find(nt) if not _prayer_time(words, h.start, h.form, res)]
    strong: list[tuple[Hit, str]] = []
    weak: list[tuple[Hit, list[str]]] = []
    for h in hits:
        actor_ids = [p[0] for p in _payloads(res, h)]
        amb_form = " " not in h.form and (h.form in res.common or _strip_article(h.form) in res.common)
        ok = [a for a in actor_ids if not amb_form and not kb.is_ambiguous(a, h.form)]
        if len(set(ok)) == 1 and len(set(actor_ids)) == 1:
            strong.append((h, ok[0]))
        else:
            weak.append((h, sorted(set(actor_ids))))
    licensed: dict[str, int] = {}
    for h, a in strong:
        licensed.setdefault(a, h.start)
    accepted = list(strong)
    # a title or trigger before a weak form licenses it (and its actor for the whole document);
    # so does, for a place, its country named in the document ("المنطقة الخضراء" with بغداد)
    place_countries = {kb.get(a).country for _, a in strong if _actor_type(kb, a) in _PLACES}
    # a form in quotation marks is written as a name ("الجيش الوطني"): its actor, when the
    # document names the actor's country
    text = doc.text
    quoted = {h.start for h, _ in weak if 0 < h.start and h.end < len(text)
              and text[h.start - 1] in _QUOTES and text[h.end] in _QUOTES}
    for h, cands in weak:
        if len(cands) != 1:
            # one form, several actors of different types (the town and the channel "الميادين"):
            # a trigger of one type before it, or standing as a speaker, picks that actor
            fits = [a for a in cands if _preceded_by_trigger(words, h.start, res, _actor_type(kb, a))]
            if not fits and (_after_speech_verb(words, h.start) or _outlet_use(words, h.start, h.end)):
                fits = [a for a in cands if _actor_type(kb, a) in ("ORG", "PER")]
            if not fits:  # "عمّان" (Amman or Oman) where Jordan is named: the place of a named country
                fits = [a for a in cands if _actor_type(kb, a) in _PLACES and not kb.is_state(a)
                        and kb.get(a).country in place_countries - {None}]
            if len(fits) == 1:
                licensed.setdefault(fits[0], h.start)
            continue
        typ = _actor_type(kb, cands[0])
        if h.start in quoted and kb.get(cands[0]).country in place_countries - {None} \
                and " " in h.form:  # one quoted word may be a slogan or a code name
            licensed.setdefault(cands[0], h.start)
            continue
        if _preceded_by_trigger(words, h.start, res, typ) or kb.get(cands[0]).theatre & place_countries or (
                typ in _PLACES and kb.get(cands[0]).country in place_countries - {None}
                and (h.form not in res.common_places or _locative_before(words, h.start, res))):
            licensed.setdefault(cands[0], h.start)
    for h, cands in weak:
        ok = [a for a in cands if a in licensed]
        if not ok:
            continue
        # several licensed actors share the form: the one named last before it, else first named
        before = [a for a in ok if licensed[a] <= h.start]
        pick = max(before, key=lambda a: licensed[a]) if before else min(ok, key=lambda a: licensed[a])
        accepted.append((h, pick))
    chosen = leftmost_longest(h for h, _ in accepted)
    keep = {(h.start, h.end, h.form) for h in chosen}
    # names nested in an organisation's or a building's name refer too: the person in
    # "نظام بشار الأسد", the state in "الجيش الوطني السوري"
    outer = [(h, a) for h, a in accepted if (h.start, h.end, h.form) in keep
             and _actor_type(kb, a) in _CONTAINERS]
    if outer:
        import bisect
        from itertools import accumulate

        # by start, with the running max end: only the outer names that can hold h are tried (big inputs)
        outer.sort(key=lambda x: x[0].start)
        ostarts = [o.start for o, _ in outer]
        omax = list(accumulate((o.end for o, _ in outer), max))
        for h, a in accepted:
            if (h.start, h.end, h.form) in keep:
                continue
            if h.payload[1] != "demonym" and _actor_type(kb, a) not in _NESTABLE:
                continue
            j = bisect.bisect_right(ostarts, h.start) - 1
            while j >= 0 and omax[j] >= h.end:
                o, oa = outer[j]
                if h.end <= o.end and (o.end - o.start) > (h.end - h.start) and oa != a:
                    keep.add((h.start, h.end, h.form))
                    break
                j -= 1
    out, seen = [], set()
    for h, a in sorted(accepted, key=lambda x: (x[0].start, -x[0].end)):
        sig = (h.start, h.end, h.form)
        if sig in keep and sig not in seen:
            seen.add(sig)
            out.append((h, a))
    return out


_HEAD_NOUN_TYPES = frozenset({"ORG", "NORP", "FAC"})


def _head_nouns(doc: Document, nt: NormText, words: _Words, res: Resources, ents: dict[tuple, _Ent],
                mentions: list[Mention]) -> None:
    """"الحزب" after "حزب الله": a definite head noun names again the nearest earlier organisation,
    people or facility (within ``head_window`` sentences) one of whose mentions starts with it
    ("القبيلة" after "قبيلة العكيدات", "المعبر" after "معبر باب الهوى")."""
    hits = res.head_nouns.find(nt)
    if not hits:
        return
    import bisect

    sent_starts = [s[0] for s in doc.sentences]
    # each ORG mention's first word, article and clitics aside, by position
    firsts = [(m.start, _strip_article(normalize(doc.text[m.start:m.end]).split()[0]), m.key)
              for m in mentions if ents[m.key].type in _HEAD_NOUN_TYPES and m.end > m.start]
    # the indefinite head noun right before a name counts as its first word: "منظمة أوبك" … "المنظمة"
    for m in list(mentions):
        if ents[m.key].type not in _HEAD_NOUN_TYPES:
            continue
        i = words.containing(m.start)
        if i is None or i == 0 or words.toks[i].start != m.start or words.toks[i - 1].kind != "ar":
            continue
        prev = normalize(words.toks[i - 1].text)
        if not prev.startswith("ال") and prev in res.head_noun_words:
            firsts.append((words.toks[i - 1].start, prev, m.key))
    # an organisation once introduced by a head noun keeps it for all its mentions: "منظمة أوبك"
    # … "في أوبك" … "المنظمة" names OPEC
    heads_of: dict[tuple, set[str]] = {}
    for _pos, hd, key in firsts:
        heads_of.setdefault(key, set()).add(hd)
    # and its full name's head: "سانا" is "الوكالة العربية السورية للأنباء", so "الوكالة" names it
    for key, e in ents.items():
        if key[0] == "kb" and e.type == "ORG" and e.name:
            hd = _strip_article(normalize(e.name).split()[0])
            if hd in res.head_noun_words:
                heads_of.setdefault(key, set()).add(hd)
    firsts += [(m.start, hd, m.key) for m in mentions if m.key in heads_of for hd in heads_of[m.key]]
    firsts = sorted(set(firsts))
    starts = [f[0] for f in firsts]
    taken = _Covered((m.start, m.end) for m in mentions)
    for h in hits:
        if taken.overlaps(h.start, h.end):
            continue
        nxt = _next_word(words, h.end)
        # "الحزب الحاكم": another noun phrase, unless the word after is the adjective of the
        # organisation's state ("الوكالة السورية" after "سانا")
        state = None
        if nxt is not None and normalize(words.toks[nxt].text).startswith("ال"):
            state = res.kb.country_of_adjective(normalize(words.toks[nxt].text))
            if state is None:
                continue
        si = bisect.bisect_right(sent_starts, h.start) - 1
        lo = sent_starts[max(0, si - res.head_window + 1)] if si >= 0 else 0
        head = h.payload[0]
        for k in range(bisect.bisect_left(starts, h.start) - 1, bisect.bisect_left(starts, lo) - 1, -1):
            key = firsts[k][2]
            if firsts[k][1] == head and (state is None or (key[0] == "kb" and _country(res.kb, key[1]) == state)):
                mentions.append(Mention(h.start, h.end, key, ANAPHOR))
                break


def _country(kb, actor_id: str) -> str | None:
    a = kb.get(actor_id)
    return a.country if a is not None else None


def _agents(doc: Document, nt: NormText, kb, ents: dict[tuple, _Ent], mentions: list[Mention]) -> None:
    """One actor per sector and state. A bare form names again the actor of its sector named
    last before it with its state ("الجيش" after "الجيش السوداني", a KB actor, or after "الشرطة
    العراقية"), else the sector's one state in the article."""
    finds = find_agents(doc.text, nt, kb, _Covered((m.start, m.end) for m in mentions).overlaps)
    states: dict[str, set[str]] = {}
    named: list[tuple[int, str, tuple]] = []  # (start, sector, entity key) of state-qualified actors
    kb_actor: dict[tuple[str, str], tuple] = {}  # (sector, state) → the KB's actor ("الجيش السوداني")
    for m in mentions:
        if m.key[0] == "kb" and (a := kb.get(m.key[1])) is not None and (sec := sector_of(a.name, kb)):
            kb_actor.setdefault(sec, m.key)
            states.setdefault(sec[0], set()).add(sec[1])
            named.append((m.start, sec[0], m.key))
    for f in finds:
        if f.state:
            states.setdefault(f.sector.key, set()).add(f.state)
            named.append((f.start, f.sector.key, kb_actor.get((f.sector.key, f.state), ("agent", f.sector.key, f.state))))
    named.sort()
    # state-qualified finds first, so an actor is named by its fullest phrase
    for f in sorted(finds, key=lambda f: (f.state is None, f.start)):
        state = f.state
        if state is None:
            before = [k for s, sec, k in named if sec == f.sector.key and s < f.start]
            if before:
                state = before[-1][2] if before[-1][0] == "agent" else None
                known = before[-1] if before[-1][0] == "kb" else None
            elif len(states.get(f.sector.key, ())) == 1:
                state = next(iter(states[f.sector.key]))  # "الشرطة" before "الشرطة العراقية"
                known = kb_actor.get((f.sector.key, state))
            else:
                known = None
        else:
            known = kb_actor.get((f.sector.key, state))  # "القوات السودانية" with "الجيش السوداني"
        if known is not None:
            mentions.append(Mention(f.start, f.end, known, ALIAS))
            continue
        key = ("agent", f.sector.key, state or "")
        if key not in ents:
            st = kb.get(f"geo.{state.lower()}") if state else None
            en = f"{f.sector.en} ({st.name_en})" if st is not None and st.name_en else f.sector.en
            ents[key] = _Ent(key, f.sector.type, f.name, en,
                             local=True, sector=f.sector.key, state=state)
        mentions.append(Mention(f.start, f.end, key, ALIAS))


def _compatible(ner_type: str, kb_type: str) -> bool:
    if ner_type == "LOC":
        return kb_type in ("LOC", "GPE", "FAC")
    return ner_type == kb_type


_CONTAINERS = frozenset({"ORG", "FAC", "NORP", "MISC"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_NESTABLE = frozenset({"PER", "GPE", "LOC"})


def _actor_type(kb, actor_id: str) -> str:
    a = kb.get(actor_id)
    return _TYPE_MAP.get(a.type, a.type) if a else "MISC"


def _payloads(res: Resources, h: Hit) -> list[tuple]:
    """Every payload registered for the form a hit matched (hits carry one; siblings share the form)."""
    return [h.payload] + [p for p in _form_payloads(res, h.form) if p != h.payload]


def _form_payloads(res: Resources, form: str) -> list[tuple]:
    return [(a.id, "alias") for a in res.kb.lookup(form)]


# ------------------------------------------------------------------ 2. NER


_ner_warned = False


def _ner_spans(text: str) -> list[tuple[int, int, str, float]]:
    global _ner_warned
    try:
        from rawi.entities.ner import find_names_scored

        return find_names_scored(text)
    except (ImportError, FileNotFoundError, OSError) as e:
        if not _ner_warned:
            log.warning("NER model not available (%s): names outside the KB are skipped", e)
            _ner_warned = True
        return []


def _unlinked(doc: Document, a: int, b: int, typ: str, conf: float | None, reason: str) -> dict:
    return {"start": a, "end": b, "text": doc.text[a:b], "type": typ, "confidence": conf, "reason": reason}


def _named_by_noun(doc: Document, words: _Words, res: Resources, mentions: list[Mention], entity_for) -> None:
    """An indefinite naming noun and the rare words after it: a document-local organisation or
    facility ("شركة ميرك", "منظمة كير", "قصر قرطاج"); nothing already named is touched."""
    if not res.naming_nouns:
        return
    covered = _Covered((m.start, m.end) for m in mentions if m.kind != NER)  # the model's names give way
    toks = words.toks
    nisba = ("ي", *("ي" + x for x in _nisba_suffixes()))  # تلفزيوني، تلفزيونيه، …
    made: list[tuple[int, int]] = []
    for i, t in enumerate(toks):
        if t.kind != "ar":
            continue
        off, pre = _name_start(t.text)
        head = normalize(t.text[off:])
        typ = res.naming_nouns.get(head)
        if typ is None or covered.overlaps(t.start + off, t.end):
            continue
        j = i + 1
        if head in res.body_nouns and j < len(toks) and toks[j].kind == "ar" and not words.gap_has_newline(i, j) \
                and normalize(toks[j].text).startswith("ال") and not covered.overlaps(toks[j].start, toks[j].end) \
                and normalize(toks[j].text) not in res.breaks:
            j += 1  # "نقابة المهندسين": the members' noun, with its article, names the body
        while j < len(toks) and j - i <= 3 and not words.gap_has_newline(j - 1, j):
            w = toks[j]
            n = normalize(w.text)
            if w.kind not in ("ar", "lat") or (n.startswith("ال") and j == i + 1) or n in res.breaks \
                    or n in res.naming_nouns \
                    or max(res.word_zipf.get(r, 0) for _, r in readings(w.text)) > res.naming_max_zipf \
                    or any(n.startswith(p + "ال") or n.startswith(p + "ل") for p in _prep_proclitics()) \
                    or covered.overlaps(w.start, w.end) \
                    or (w.kind == "ar" and n.endswith(nisba)) or _has_conj(w.text):
                break
            j += 1
        if j == i + 1:
            continue
        a, b = t.start + off, toks[j - 1].end
        name = " ".join(doc.text[a:b].split())
        e = entity_for(("local", normalize(name)), typ, name)
        e.type = typ  # the noun says what it is, over the model's type for the same words
        mentions.append(Mention(a, b, e.key, NER))
        made.append((a, b))
    if made:  # a model name inside one of these ("قرطاج" in "قصر قرطاج") is part of it
        inside = _Covered(made)
        mentions[:] = [m for m in mentions if not (m.kind == NER and m.key[0] == "local" and inside.overlaps(m.start, m.end)
                                                   and (m.start, m.end) not in made)]


def _institutions(doc: Document, words: _Words, res: Resources, mentions: list[Mention], entity_for) -> None:
    """An indefinite naming noun and the name after it make one organisation or facility:

    - a name of the model (any type) right after the noun, or beginning with it: "جامع عمر بن
      الخطاب", "مدرسة قاسم باشا", "بجامع …" (the noun says the type, the clitic stays out);
    - one or two words (a place of the KB, a model name, any word) closed by an institution's
      adjective (``institution_adjectives`` in linking.yaml): "مركز إدلب الإعلامي", "مطار دمشق
      الدولي", "وكالة الحق الإخبارية".

    An institution's adjective after the first kind joins it ("مشفى تلبيسة الميداني"). The
    mentions inside the new name give way to it (the place of "مركز إدلب الإعلامي" is not Idlib)."""
    if not res.naming_nouns:
        return
    toks = words.toks
    kb_named = _Covered((m.start, m.end) for m in mentions if m.kind in (NAME, ALIAS) and m.key[0] == "kb"
                        and res.kb.get(m.key[1]).type not in ("LOC", "GPE", "FAC"))  # a KB body or person stays itself
    ner_at = {m.start: m for m in mentions if m.kind == NER}
    made: list[tuple[int, int, str]] = []
    ends = {len(n) for n in res.naming_nouns}  # a cheap test before the clitic readings
    for i, t in enumerate(toks):
        if t.kind != "ar" or i + 1 >= len(toks):
            continue
        norm = normalize(t.text)
        if not any(norm[-k:] in res.naming_nouns for k in ends):
            continue
        hit = next(((off, res.naming_nouns[st]) for off, st in readings(t.text)
                    if st in res.naming_nouns and not norm[:len(norm) - len(st)].endswith("ال")), None)
        if hit is None:  # "بجامع": the noun behind a preposition; never "القناة" (the article: no name follows)
            continue
        off, typ = hit
        a = t.start + off
        end_tok = None
        m = ner_at.get(t.start) or ner_at.get(a)
        if m is not None and m.end > t.end:  # the model's name begins with the noun ("بجامع عمر بن الخطاب")
            end_tok = words.containing(m.end - 1)
        elif (m := ner_at.get(toks[i + 1].start)) is not None and not words.gap_has_newline(i, i + 1) \
                and not _name_start(toks[i + 1].text)[0]:  # "قناة لفيلم …": a preposition, no name of the channel
            end_tok = words.containing(m.end - 1)
        elif toks[i + 1].text in _QUOTES and i + 2 < len(toks) and (m := ner_at.get(toks[i + 2].start)) is not None:
            end_tok = words.containing(m.end - 1)  # جامع "الفاروق عمر بن الخطاب": the name in quotation marks
            if end_tok + 1 < len(toks) and toks[end_tok + 1].text in _QUOTES:
                end_tok += 1
            else:
                continue  # the quotation goes on past the model's name: it is not the name
        if end_tok is not None:
            if end_tok + 1 < len(toks) and _institution_adjective(words, res, end_tok + 1):
                end_tok += 1
        else:
            for k in (i + 2, i + 3):  # one or two words, then the adjective
                if k < len(toks) and _institution_adjective(words, res, k) and all(
                        toks[x].kind == "ar" and not words.gap_has_newline(x - 1, x) and not _has_conj(toks[x].text)
                        and normalize(toks[x].text) not in res.breaks and normalize(toks[x].text) not in res.naming_nouns
                        for x in range(i + 1, k + 1)):
                    end_tok = k
                    break
        if end_tok is None:
            continue
        b = toks[end_tok].end
        if kb_named.overlaps(a, b) or any(x < b and a < y for x, y, _ in made):
            continue
        made.append((a, b, typ))
    if not made:
        return
    inside = _Covered([(a, b) for a, b, _ in made])
    mentions[:] = [m for m in mentions if not inside.overlaps(m.start, m.end)]
    for a, b, typ in made:
        name = " ".join(doc.text[a:b].split())
        e = entity_for(("local", normalize(name)), typ, name)
        e.type = typ
        mentions.append(Mention(a, b, e.key, NER))


def _institution_adjective(words: _Words, res: Resources, k: int) -> bool:
    """Word k is an institution's adjective with its article ("الإعلامي", "الدولي", "الوطنية")."""
    t = words.toks[k]
    return t.kind == "ar" and not words.gap_has_newline(k - 1, k) and normalize(t.text) in res.institution_adjectives


def _ner_names(doc: Document, words: _Words, res: Resources, taken: list[tuple[int, int]],
               unlinked: list[dict] | None = None):
    """NER spans, trimmed of clitics and leading titles, not overlapping KB mentions:
    (a, b, type, norm, confidence); the spans left out are added to ``unlinked`` with the reason."""
    out = []
    covered = _Covered(taken)
    skipped = unlinked if unlinked is not None else []
    for span in _ner_spans(doc.text):
        a0, b0, typ = span[:3]
        conf = span[3] if len(span) > 3 else None  # None: a span source without confidences
        if typ not in ("PER", "ORG", "LOC"):
            skipped.append(_unlinked(doc, a0, b0, typ, conf, f"type {typ} not linked"))
            continue
        i, j = words.containing(a0), words.containing(b0 - 1)
        if i is None or j is None:
            skipped.append(_unlinked(doc, a0, b0, typ, conf, "not on word boundaries"))
            continue
        i0 = i
        # drop leading title heads and triggers ("الرئيس فلان")
        while i < j and _strip_article(_stem(words.toks[i].text)) in res.announce:
            i += 1
        if i > j or words.toks[i].kind != "ar":
            skipped.append(_unlinked(doc, a0, b0, typ, conf, "no Arabic name word"))
            continue
        if _event_noun(words.toks[i].text):
            # "غارتان جويتان": an act, no name; "اغتيال رفيق الحريري": the name after the act
            nxt = normalize(words.toks[i + 1].text) if i < j else ""
            if not nxt or (nxt not in res.name_words and nxt not in res.first_names):
                skipped.append(_unlinked(doc, a0, b0, typ, conf, "event noun"))
                continue
            i += 1
        if i == j and _month_name(words, i, res):
            skipped.append(_unlinked(doc, a0, b0, typ, conf, "month name"))  # "في نيسان/أبريل 2018"
            continue
        off, _pre = _name_start(words.toks[i].text)
        if off and not _known_after_clitic(words.toks[i].text, res) and \
                not normalize(doc.text[words.toks[i].start + off:words.toks[i].end]).startswith("ال"):
            off = 0  # "فيروس", "فراس": a first letter like a clitic is kept unless the rest is known
        if off == 0:
            off = _known_after_clitic(words.toks[i].text, res)
        a = words.toks[i].start + off
        b = words.toks[j].end
        if covered.overlaps(a, b):
            continue
        parts = [normalize(doc.text[a:words.toks[i].end])] + [normalize(t.text) for t in words.toks[i + 1:j + 1]
                                                               if t.kind != "punct"]
        norm = " ".join(p for p in parts if p)
        if not norm:
            skipped.append(_unlinked(doc, a0, b0, typ, conf, "empty after trimming"))
            continue
        if typ == "PER" and parts[0].startswith("ال") and parts[0] not in res.name_words \
                and parts[0] not in res.last_names and parts[0] not in res.single_forms:
            # "الجامع الثاني", "المصدر": a definite common noun, no person's name (those start
            # with a given name, or with a family name of the lists: الحريري، الخطيب)
            skipped.append(_unlinked(doc, a, b, typ, conf, "definite common noun"))
            continue
        if len(parts) == 1:
            st = _strip_article(norm)
            if norm in res.common or st in res.common or st in res.heads or st in res.triggers or len(st) < 3 \
                    or norm in res.locative_words or st in res.locative_words:  # "ريف" (حلب): a place word, no name
                skipped.append(_unlinked(doc, a, b, typ, conf, "common word, title or too short"))
                continue
            if norm in res.breaks:
                skipped.append(_unlinked(doc, a, b, typ, conf, "break word"))
                continue
        place = _place_noun_before(doc, words, res, i0)
        if place is not None and not covered.overlaps(place, b):
            # "جبل أبو راشد", "حي الشيخ مقصود": a person's name after a place noun names the place
            k = words.containing(place)
            a, typ = place, "LOC"
            norm = " ".join([normalize(doc.text[place:words.toks[k].end]),
                             *(normalize(t.text) for t in words.toks[k + 1:j + 1] if t.kind != "punct")])
        out.append((a, b, typ, norm, conf))
    return out


def _event_noun(tok_text: str) -> bool:
    """The word (clitics aside) is a noun of the events lexicon that needs no continuation
    ("غارة", "اغتيال"): it tells an act, it does not open a name."""
    from rawi.events.triggers import candidates  # the one lexicon of event words

    return any(e.pos == "noun" and not e.cont for e, _pro, _enc in candidates(normalize(tok_text)))


def _month_name(words: _Words, i: int, res: Resources) -> bool:
    """Word i is a month's name used as a date: before "/" or a number, or after "في", "شهر" …"""
    if _strip_article(_stem(words.toks[i].text)) not in res.months:
        return False
    nxt = words.toks[i + 1] if i + 1 < len(words.toks) else None
    prev = normalize(words.toks[i - 1].text) if i > 0 else ""
    return (nxt is not None and (nxt.text == "/" or nxt.kind == "num" or nxt.text[:1].isdigit())) \
        or prev in res.month_before


def _place_noun_before(doc: Document, words: _Words, res: Resources, i: int) -> int | None:
    """Start of an indefinite place noun ("جبل", "بحي") right before word ``i``, or before a
    title in front of it ("حي الشيخ مقصود"), else None."""
    for back in (1, 2):
        k = i - back
        if k < 0 or not res.place_nouns or words.toks[k].kind != "ar" or words.gap_has_newline(k, k + 1):
            return None
        t = words.toks[k]
        off, _pre = _name_start(t.text)
        if normalize(t.text[off:]) in res.place_nouns:
            return t.start + off
        if _strip_article(_stem(t.text)) not in res.announce:
            return None
    return None


def _known_after_clitic(tok_text: str, res: Resources) -> int:
    """Offset of a known word behind a one-letter proclitic the segmenter keeps ("لمنظمة" → "منظمة")."""
    norm = normalize(tok_text)
    for off, stem in readings(tok_text)[1:]:
        pre = norm[:len(norm) - len(stem)]
        if stem.startswith("ال") or pre.endswith("ال") or "ك" in pre:
            continue  # the article is kept with the name; ك is too rare a proclitic on names to guess
        if stem in res.ner_triggers or stem in res.announce or stem in res.first_names or stem in res.single_forms:
            return off
    return 0


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    from rawi.lexicon import load_lines

    return frozenset(normalize(x) for x in load_lines("entities/name_particles.txt"))


def _merge_local_singles(doc: Document, ents: dict[tuple, _Ent], mentions: list[Mention]) -> None:
    """A shorter local person name that is part of a longer person name is that person.

    "الحمصي" (the last word), "مطشر الهفل" (first and last words of "مطشر حمود الهفل") and
    "محسن فخري" (the first words of "محسن فخري زادة") join the longer name: a local one, or a
    KB person the document names.
    """
    longer: list[tuple[list[str], tuple]] = []
    for key, e in ents.items():
        if e.type != "PER":
            continue
        if e.local:
            forms = [key[1]]
        else:
            forms = {normalize(doc.text[m.start:m.end]) for m in mentions if m.key == key and m.kind in (NAME, ALIAS)}
        for f in forms:
            w = [_strip_article(x) for x in f.split()]
            if len(w) > 1:
                longer.append((w, key))
    if not longer:
        return
    longer.sort(key=lambda x: -len(x[0]))
    particles = _particles()
    for m in mentions:
        if m.key[0] != "local":
            continue
        w = [_strip_article(x) for x in m.key[1].split()]
        if len(w) > 1 and w[0][:1] in ("و", "ف") and w[0][1:] in particles:
            w[0] = w[0][1:]  # "ودو ميستورا": the conjunction is no part of the name
        for full, key in longer:
            if key == m.key or len(full) < len(w):
                continue
            if len(full) == len(w):  # same length: only a particle spelt otherwise ("دو ميستورا", "دي ميستورا")
                if len(w) > 1 and w[-1] == full[-1] and all(x in particles for x in w[:-1]) \
                        and all(x in particles for x in full[:-1]):
                    pass
                else:
                    continue
            if (len(w) > 1 and w[-1] == full[-1] and all(x in particles for x in w[:-1])) or \
                    (len(w) == 1 and w[0] == full[-1]) or \
                    (len(w) > 1 and w[0] == full[0] and w[-1] == full[-1]) or \
                    (len(w) > 1 and full[-len(w):] == w) or \
                    (len(w) > 1 and full[:len(w)] == w and len(w) - sum(x in particles for x in w) >= 2):
                old = m.key
                m.key, m.kind = key, SHORT
                if not any(x.key == old for x in mentions):
                    ents.pop(old, None)
                break


def _supported_locals(doc, words: _Words, res: Resources, ents: dict[tuple, _Ent],
                      mentions: list[Mention], confidence: dict[tuple, float] | None = None,
                      unlinked: list[dict] | None = None) -> list[Mention]:
    """Keep the model's names that something beyond one tag supports; record the others in ``unlinked``.

    Any name is kept with a second mention or a title/trigger word right before it. Otherwise a
    name of several words needs, for a person, a known given or family name, for an organisation
    or place, an organisation/place noun at its head ("جامعة …") or a known place in it; a one-word
    name needs the gazetteer of its type (family names for people, places for locations). A name
    with none of these is still kept when the model's confidence reaches ``res.ner_keep``.
    """
    confidence = confidence or {}
    by_key: dict[tuple, list[Mention]] = {}
    for m in mentions:
        if m.key[0] == "local":
            by_key.setdefault(m.key, []).append(m)
    drop: set[tuple] = set()
    for key, ms in by_key.items():
        e = ents[key]
        toks = [_strip_article(w) for w in key[1].split()]
        if len(ms) >= 2 or any(_after_trigger(words, m.start, res, e.type) for m in ms) \
                or (len(toks) > 1 and res.naming_nouns.get(toks[0]) == e.type):
            continue  # a naming noun heads it: "قصر قرطاج", "شركة ميرك"
        if len(toks) > 1:
            head = res.ner_triggers.get(toks[0]) or res.ner_triggers.get("ال" + toks[0])
            if e.type in ("ORG", "LOC") and (head == e.type or any(t in res.places for t in toks)):
                continue  # "جامعة جونز هوبكنز", "تل حلف"
            if e.type == "PER" and (toks[0] in res.first_names or any(t in res.last_names for t in toks)):
                continue
        elif (e.type == "PER" and toks[0] in res.last_names) or (e.type == "LOC" and toks[0] in res.places):
            continue
        conf = confidence.get(key, 0.0)
        common = len(toks) == 1 and conf < _SURE and max(res.word_zipf.get(toks[0], 0), res.word_zipf.get(key[1], 0),
                                        *(res.word_zipf.get(r, 0) for _, r in readings(key[1])[1:])) \
            >= res.ner_keep_common_zipf
        if conf >= res.ner_keep and not common:
            continue
        drop.add(key)
        log.debug("model name %r (%s) dropped: nothing supports it", e.name, e.type)
        if unlinked is not None:
            unlinked += [_unlinked(doc, m.start, m.end, e.type, conf,
                                   f"unsupported one-off name, confidence below {res.ner_keep}") for m in ms]
    for key in drop:
        ents.pop(key, None)
    return [m for m in mentions if m.key not in drop]


_SURE = 0.9  # a model name this confident needs no other support, even if it is also a common word


def _after_trigger(words: _Words, start: int, res: Resources, typ: str) -> bool:
    """A trigger word for names of type ``typ`` (or a title, for people) right before ``start``."""
    i = words.containing(start)
    if i is None or i == 0:
        return False
    j = i - 1
    t = words.toks[j]
    if t.kind != "ar" or words.gap_has_newline(j, i):
        return False
    stem = _strip_article(_stem(t.text))
    if (typ == "PER" and stem in res.heads) or _type_fits(res.triggers.get(stem), typ):
        return True
    norm = normalize(t.text)
    kinds = {res.ner_triggers.get(norm), res.ner_triggers.get(stem), res.ner_triggers.get("ال" + stem)}
    return any(_type_fits(k, typ) for k in kinds)


# ------------------------------------------------------------------ 3. short forms


def _short_forms(doc: Document, words: _Words, res: Resources, ents: dict[tuple, _Ent],
                 mentions: list[Mention]) -> None:
    """The last word of a full person name, standing alone anywhere, is that person."""
    surnames: dict[str, list[tuple[int, tuple]]] = {}
    for m in mentions:
        if m.kind == DEMONYM:
            continue
        e = ents[m.key]
        if e.type != "PER":
            continue
        full = normalize(doc.text[m.start:m.end]).split()
        if len(full) < 2:
            continue
        last = full[-1]
        if len(_strip_article(last)) < 3 or last in res.breaks:
            continue
        for f in {last, _strip_article(last), "ال" + _strip_article(last)}:
            surnames.setdefault(f, []).append((m.start, m.key))
    if not surnames:
        return
    covered = _Covered((m.start, m.end) for m in mentions)
    for t in words.toks:
        if t.kind != "ar":
            continue
        for _off, stem in readings(t.text):
            owners = surnames.get(stem)
            if not owners:
                continue
            a, b = t.start + _article_start(t.text, stem), t.end
            if covered.overlaps(a, b):
                break
            # the person named last before this word, else the first one named
            before = [o for o in owners if o[0] <= a]
            key = max(before)[1] if before else min(owners)[1]
            mentions.append(Mention(a, b, key, SHORT))
            break


def _article_start(tok_text: str, stem: str) -> int:
    """Where in the token the name ``stem`` starts, its article (ال, or a fused لل) included."""
    norm, idx = normalize_with_map(tok_text)
    k = len(norm) - len(stem)
    if k >= 2 and norm[k - 2:k] in ("ال", "لل") and not stem.startswith("ال"):
        k -= 2
    elif k >= 1 and stem.startswith("ال") and norm[k - 1:k + 1] == "لل":
        k -= 1
    return idx[k] if 0 <= k < len(idx) else 0


class _Covered:
    """Intervals already taken, for fast overlap tests."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.maxend = []
        m = -1
        for _, e in self.spans:
            m = max(m, e)
            self.maxend.append(m)

    def overlaps(self, a: int, b: int) -> bool:
        import bisect

        k = bisect.bisect_left(self.starts, b)  # spans[:k] start before b
        return k > 0 and self.maxend[k - 1] > a


# ------------------------------------------------------------------ 4. titles


def _next_word(words: _Words, end: int) -> int | None:
    """Index of the first token after offset ``end`` (on the same line), if it is a word."""
    i = words.containing(end)
    if i is None:
        # end falls in a space: find the next token start
        import bisect

        i = bisect.bisect_left(words.starts, end)
    elif words.toks[i].start < end:
        i += 1
    if i >= len(words.toks):
        return None
    if "\n" in words.text[end:words.toks[i].start]:
        return None
    return i


def _titles(doc, nt, words, res, ents, mentions, on_date, entity_for) -> None:
    kb = res.kb
    person_at: dict[int, tuple] = {}
    for m in mentions:
        if m.kind in NAMING and ents[m.key].type == "PER":
            person_at.setdefault(m.start, m.key)
    place_at: dict[int, Mention] = {}
    for m in mentions:
        if m.key[0] == "kb" and m.kind in (NAME, ALIAS) and ents[m.key].type in ("GPE", "ORG"):
            k = words.containing(m.start)
            if k is not None and m.start - words.toks[k].start <= 2:
                place_at.setdefault(k, m)
    pending: list[tuple[int, int, str, str, str]] = []
    for h in leftmost_longest(res.titles.find(nt)):
        role = h.payload[1]
        start, end = h.start, h.end
        country = None
        i = _next_word(words, end)
        if i is not None and words.toks[i].kind == "ar":
            country = kb.country_of_adjective(normalize(words.toks[i].text))
            if country is None:
                for _off, stem in readings(words.toks[i].text)[1:]:
                    country = kb.country_of_adjective(stem) or kb.country_of_adjective("ال" + stem)
                    if country:
                        break
            if country:
                end = words.toks[i].end
                i = _next_word(words, end)
            elif i in place_at:
                # a state or organisation in the genitive: "الأمين العام للأمم المتحدة"
                m = place_at[i]
                a = kb.get(m.key[1])
                country = a.country if _actor_type(kb, a.id) == "GPE" else a.id
                if country:
                    end = m.end
                    i = _next_word(words, end)
        pre = "لل" if normalize(doc.text[start:start + 2]) == "لل" and not h.form.startswith("لل") else ""
        # the name may follow after a modifier or two: "الرئيس الإيراني بالوكالة محمد مخبر"
        k = i
        for _ in range(_conf()["max_title_gap"] + 1):
            if k is None or words.toks[k].kind != "ar" or words.toks[k].start in person_at:
                break
            if normalize(words.toks[k].text) in res.breaks or _has_conj(words.toks[k].text) \
                    or _has_prep(words.toks[k].text, res):
                k = None  # "وزير الخارجية السوري بشيخ العكيدات": a preposition opens another phrase
                break
            k = _next_word(words, words.toks[k].end)
        if k is not None and words.toks[k].start in person_at:
            e = ents[person_at[words.toks[k].start]]
            _add_role(e, _phrase_text(doc.text, start, words.toks[k - 1].end, pre))
            continue
        phrase = _phrase_text(doc.text, start, end, pre)
        if i is not None and words.toks[i].start + _name_start(words.toks[i].text)[0] in person_at:
            continue  # "الرئيس وبوتين": a coordinated name, not this title's holder
        if not country:
            continue
        pending.append((start, end, role, country, phrase))
    # title-only mentions: the person the document itself gives this title, else the one
    # person of the document who ever held the office, else the KB's holder on the date
    for start, end, role, country, phrase in pending:
        n = normalize(phrase)
        given = [e for e in ents.values() if e.type == "PER" and any(normalize(r) == n for r in e.roles)]
        if len(given) == 1:
            e = given[0]
        else:
            held = [e for e in ents.values() if e.kb_id and e.type == "PER"
                    and any(r[0] == role and r[1] == country for r in kb.roles_of(e.kb_id))]
            on = kb.holder(role, country, on_date)
            if len(held) == 1:
                e = held[0]
            elif on is not None:
                e = entity_for(("kb", on.id))
            else:
                continue
        mentions.append(Mention(start, end, e.key, TITLE))
        _add_role(e, phrase)


def _add_role(e: _Ent, phrase: str) -> None:
    phrase = phrase.strip(" ،,.:;")
    if not phrase:
        return
    n = normalize(phrase)
    for r in e.roles:
        if normalize(r) == n:
            return
    e.roles.append(phrase)


# ------------------------------------------------------------------ 5. roles


@lru_cache(maxsize=1)
def _conf() -> dict:
    from rawi.lexicon import load_yaml

    c = load_yaml("entities/apposition.yaml") or {}
    return {
        "openers": frozenset(c.get("openers") or ["،", ","]),
        "closers": frozenset(c.get("closers") or ["،", ",", "."]),
        "max_apposition_words": int(c.get("max_apposition_words", 14)),
        "max_title_words": int(c.get("max_title_words", 6)),
        "max_title_gap": int(c.get("max_title_gap", 2)),
        "subject_words": int(c.get("subject_words", 3)),
        "title_place_preps": frozenset(normalize(w) for w in c.get("title_place_preps") or ()),
        "speech_verbs": frozenset(normalize(w) for w in c.get("speech_verbs") or ()),
        "max_bare_apposition_words": int(c.get("max_bare_apposition_words", 7)),
        "title_conj_crossings": int(c.get("title_conj_crossings", 0)),
        "honorifics": frozenset(normalize(w) for w in c.get("honorifics") or ()),
        "site_word": normalize(str(c["site_word"])),
    }


def _roles(doc: Document, words: _Words, res: Resources, ents: dict[tuple, _Ent], mentions: list[Mention]) -> None:
    # a title mention of another person may stand inside a title, behind a preposition
    # ("المبعوث الخاص للرئيس الروسي"): only names stop the scan back
    person_spans = _Covered((m.start, m.end) for m in mentions if ents[m.key].type == "PER"
                            and m.kind not in (DEMONYM, TITLE))
    for m in mentions:
        e = ents[m.key]
        if e.type != "PER" or m.kind not in NAMING:
            continue
        r = _title_before(doc, words, res, m.start, person_spans)
        if r:
            _add_role(e, r)
        i = words.containing(m.start)
        if i is not None and words.toks[i].start == m.start and i + 1 < len(words.toks) \
                and words.toks[i + 1].start < m.end and _strip_article(_stem(words.toks[i].text)) in res.heads:
            _add_role(e, words.toks[i].text)  # a rank inside the name's mention: "العميد يحيى سريع"
        elif r and " " not in r.strip() and i is not None and i > 1 and words.toks[i - 2].text in _conf()["openers"]:
            # "قائد حرس الثورة في إيران، اللواء حسين سلامي": the rank, and the office before its comma
            r2 = _title_before(doc, words, res, words.toks[i - 1].start, person_spans)
            if r2:
                _add_role(e, r2)
        r = _apposition_after(doc, words, res, m.end) or _bare_apposition_after(doc, words, res, m.start, m.end)
        if r:
            _add_role(e, r)


def _role_mentions(doc: Document, words: _Words, res: Resources, ents: dict[tuple, _Ent],
                   mentions: list[Mention]) -> None:
    """A title head before an organisation or state ("الناطق باسم القسّام", "زعيم الحزب") with no
    name after it refers to the one person the document gave that role ("الناطق باسم كتائب
    القسّام، أبو عبيدة"): the phrase becomes a title mention of that person."""
    holders = [e for e in ents.values() if e.type == "PER" and e.roles]
    if not holders:
        return
    person_starts = {m.start for m in mentions if ents[m.key].type == "PER" and m.kind in NAMING}
    person_spans = _Covered((m.start, m.end) for m in mentions if ents[m.key].type == "PER")
    surfaces: dict[tuple, set[str]] = {}
    for m in mentions:
        if ents[m.key].type in ("ORG", "GPE"):
            surfaces.setdefault(m.key, set()).add(normalize(doc.text[m.start:m.end]))
    added: list[Mention] = []
    for m in mentions:
        if ents[m.key].type not in ("ORG", "GPE") or m.kind not in (NAME, ALIAS, SHORT, NER):
            continue
        i = words.containing(m.start)
        if i is None or person_spans.overlaps(m.start, m.end):
            continue
        head = None
        for back in (1, 2, 3):
            j = i - back
            if j < 0 or words.toks[j].kind != "ar" or words.gap_has_newline(j, j + 1):
                break
            if person_spans.overlaps(words.toks[j].start, words.toks[j].end):
                break
            if _strip_article(_stem(words.toks[j].text)) in res.heads:
                head = j
                break
            if _has_conj(words.toks[j].text):
                break
        if head is None or (head > 0 and _strip_article(_stem(words.toks[head - 1].text)) in res.heads):
            continue  # "نائب الناطق باسم …" is another office
        nxt = _next_word(words, m.end)
        if nxt is not None and words.toks[nxt].text in ("،", ",") :
            nxt = _next_word(words, words.toks[nxt].end)
        if nxt is not None and words.toks[nxt].start + _name_start(words.toks[nxt].text)[0] in person_starts:
            continue  # a title before a name: a role of that name (step 5), not a mention
        head_stem = _strip_article(_stem(words.toks[head].text))
        forms = surfaces.get(m.key, set())
        fits = []
        for e in holders:
            for r in e.roles:
                rn = normalize(r)
                first = rn.split(" ", 1)[0]
                if _strip_article(first) == head_stem and any(f and f in rn for f in forms):
                    fits.append(e)
                    break
        if len(fits) != 1:
            continue
        off, _pre = _name_start(words.toks[head].text)
        added.append(Mention(words.toks[head].start + off, m.end, fits[0].key, TITLE))
    # "الوزير الفرنسي" after "لوران فابيوس وزير الخارجية الفرنسي": a definite head with a state's
    # adjective names the one person of the document whose role has that head and that state
    taken = _Covered([(m.start, m.end) for m in mentions] + [(m.start, m.end) for m in added])
    named = _Covered([(m.start, m.end) for m in mentions if m.kind != DEMONYM])
    kb = res.kb
    for t in words.toks[:-1]:
        if t.kind != "ar":
            continue
        off, _pre = _name_start(t.text)
        n = normalize(t.text[off:])
        if not n.startswith("ال") or n[2:] not in res.heads or taken.overlaps(t.start + off, t.end):
            continue
        j = _next_word(words, t.end)
        if j is None or words.toks[j].kind != "ar" or named.overlaps(words.toks[j].start, words.toks[j].end):
            continue  # the adjective may be a demonym mention of its state, not a name
        country = kb.country_of_adjective(normalize(words.toks[j].text))
        if country is None:
            continue
        nxt = _next_word(words, words.toks[j].end)
        if nxt is not None and words.toks[nxt].start + _name_start(words.toks[nxt].text)[0] in person_starts:
            continue  # a title before a name
        fits = [e for e in holders if any(
            _strip_article(normalize(r).split(" ", 1)[0]) == n[2:]
            and any(kb.country_of_adjective(w) == country for w in normalize(r).split()) for r in e.roles)]
        if len(fits) == 1:
            added.append(Mention(t.start + off, words.toks[j].end, fits[0].key, TITLE))
    mentions.extend(added)


def _title_before(doc, words: _Words, res: Resources, start: int, person_spans) -> str | None:
    i = words.containing(start)
    if i is None or words.toks[i].start != start:
        return None  # a clitic is attached to the name: no title phrase in front of it
    head = None
    last = i - 1  # the title's last word
    honorifics = _conf()["honorifics"]
    honored = last > 0 and normalize(words.toks[last].text) in honorifics and not words.gap_has_newline(last, i)
    if honored:
        last -= 1  # "…، السيد عبد الملك الحوثي": the honorific is no part of the title
    # "الناطق باسم الجيش، أفيخاي أدرعي": one comma may stand between the title and the name
    if last > 0 and words.toks[last].text in _conf()["openers"] and not words.gap_has_newline(last, i):
        last -= 1
    j = last
    n = 0
    crossings = _conf()["title_conj_crossings"]
    inner = None  # a title head behind a preposition, met on the way back
    while j >= 0 and n < _conf()["max_title_words"]:
        t = words.toks[j]
        if t.kind != "ar" or words.gap_has_newline(j, j + 1):
            break
        if person_spans.overlaps(t.start, t.end):
            break
        norm = normalize(t.text)
        stem = _strip_article(_stem(t.text))
        if (norm in res.breaks or stem in res.breaks) and not (norm in _conf()["title_place_preps"] and j < last):
            break  # "في" may join a title to its place: "ممثلة الأمم المتحدة في جنوب السودان"
        prep_head = next((off for off, r in readings(t.text)[1:] if _strip_article(r) in res.heads
                          and normalize(t.text[:off]).lstrip("وف") in _prep_proclitics()), None)
        if prep_head is not None and stem not in res.heads:
            # "بشيخ العكيدات مصعب الهفل": the title opens after its preposition, and nothing before it
            off, pre = prep_head, ""
            a = t.start + off
            return _phrase_text(doc.text, a, words.toks[last].end, pre)
        if stem in res.heads and j < last and n < _conf()["max_title_words"] - 1 and _has_prep(t.text, res) \
                and j > 0 and _strip_article(_stem(words.toks[j - 1].text)) not in res.heads:
            # "المبعوث الخاص للرئيس الروسي … ميخائيل بوغدانوف": a head behind a preposition is the
            # genitive of a title that opens further back, if one does; else the title starts there
            inner = j
            j -= 1
            n += 1
            continue
        if stem in res.heads:
            head = j
            # chains of heads: "نائب رئيس الوزراء", "مساعد وزير الخارجية"
            # … but not past an honorific: in "ممثل قائد الثورة السيد علي خامنئي" the honorific names the leader
            while not honored and head - 1 >= 0 and words.toks[head - 1].kind == "ar" and \
                    _strip_article(_stem(words.toks[head - 1].text)) in res.heads and \
                    not _has_conj(words.toks[head].text):
                head -= 1
            break
        if _has_conj(t.text):
            if crossings <= 0 or j == last:
                break
            crossings -= 1  # "… لشؤون الشرق الأوسط ودول أفريقيا": a head must still come before it
        j -= 1
        n += 1
    if head is None and inner is not None:
        off, pre = _name_start(words.toks[inner].text)
        return _phrase_text(doc.text, words.toks[inner].start + off, words.toks[last].end, pre)
    if head is None:
        return None
    off, pre = _name_start(words.toks[head].text)
    a = words.toks[head].start + off
    return _phrase_text(doc.text, a, words.toks[last].end, pre)


def _bare_apposition_after(doc, words: _Words, res: Resources, start: int, end: int) -> str | None:
    """A title phrase right after a name that is the subject of a speech verb just before it."""
    conf = _conf()
    i = words.containing(start)
    if i is None or i == 0 or words.toks[i].start != start:
        return None
    if not _is_speech_verb(normalize(words.toks[i - 1].text)):
        return None
    j = _next_word(words, end)
    if j is None or words.toks[j].kind != "ar" or _has_conj(words.toks[j].text) \
            or _strip_article(_stem(words.toks[j].text)) not in res.heads:
        return None
    k = j
    while k + 1 < len(words.toks) and k + 1 - j < conf["max_bare_apposition_words"]:
        t = words.toks[k + 1]
        n = normalize(t.text)
        if t.kind != "ar" or words.gap_has_newline(k, k + 1) or n in res.breaks or _has_conj(t.text):
            break
        k += 1
    return _phrase_text(doc.text, words.toks[j].start, words.toks[k].end, "")


def _has_prep(tok_text: str, res: Resources) -> bool:
    """The word is a title head or a name after a joined preposition ("بشيخ", "لرئيس")."""
    preps = _prep_proclitics()
    seg = segment(tok_text)
    if any(p in preps for p in seg.prefixes):
        return True
    return any(_strip_article(r) in res.heads and normalize(tok_text[:off]).lstrip("وف") in preps
               for off, r in readings(tok_text)[1:])


@lru_cache(maxsize=1)
def _prep_proclitics() -> frozenset[str]:
    from rawi.lexicon import load_yaml

    return frozenset(load_yaml("text/morphology.yaml")["preposition_proclitics"])


def _has_conj(tok_text: str) -> bool:
    seg = segment(tok_text)
    return bool(seg.prefixes) and seg.prefixes[0] in ("و", "ف")


def _apposition_after(doc, words: _Words, res: Resources, end: int) -> str | None:
    text = doc.text
    k = end
    while k < len(text) and text[k] == " ":
        k += 1
    conf = _conf()
    if k >= len(text) or text[k] not in conf["openers"]:
        return None
    i = _next_word(words, k + 1)
    if i is None or words.toks[i].kind != "ar":
        return None
    if _strip_article(_stem(words.toks[i].text)) not in res.heads or _has_conj(words.toks[i].text):
        return None  # "رئيسي، ووزير الخارجية …" coordinates another person
    j = i
    n = 0
    while j + 1 < len(words.toks) and n < conf["max_apposition_words"]:
        nxt = words.toks[j + 1]
        if nxt.kind == "punct" and (nxt.text in conf["closers"] or nxt.text[0] in conf["closers"]):
            break
        if words.gap_has_newline(j, j + 1):
            break
        j += 1
        n += 1
    if n >= conf["max_apposition_words"]:
        return None  # no closing comma in sight: not an apposition
    off, pre = _name_start(words.toks[i].text)
    return _phrase_text(text, words.toks[i].start + off, words.toks[j].end, pre)


# ------------------------------------------------------------------ 6. anaphors


def _anaphors(doc, nt, words: _Words, res: Resources, ents, mentions: list[Mention]) -> None:
    if not res.anaphors:
        return
    sents = doc.sentences
    import bisect

    sent_starts = [s[0] for s in sents]
    toks = words.toks
    ends = tuple(res.anaphors)
    # only the words that contain an anaphor's letters: found on the normalised text at once
    cores = {_strip_article(a) for a in res.anaphors}
    idxs: set[int] = set()
    for core in cores:
        p = nt.norm.find(core)
        while p >= 0:
            k = words.containing(nt.orig(p))
            if k is not None:
                idxs.add(k)
            p = nt.norm.find(core, p + 1)
    # mentions by start, so each anaphor looks only at those in its window (big inputs)
    by_start = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    m_starts = [mentions[k].start for k in by_start]
    new: list[Mention] = []
    for i in sorted(idxs):
        t = toks[i]
        if t.kind != "ar":
            continue
        norm = normalize(t.text)
        if not norm.endswith(ends):
            continue
        off = 0
        types = res.anaphors.get(norm)
        if types is None:
            for o, s in readings(t.text)[1:]:
                if ("ال" + s) in res.anaphors and normalize(t.text).endswith("ال" + s):
                    # "والأخير", "بالأخير": the anaphor after a conjunction or preposition
                    types = res.anaphors["ال" + s]
                    off = o - 2 if o >= 2 else 0
                    break
            if types is None:
                continue
        # an adjective after a definite word ("اللحظات الأخيرة") is no anaphor
        if off == 0 and i > 0 and toks[i - 1].kind == "ar" and not words.gap_has_newline(i - 1, i):
            prev = normalize(toks[i - 1].text)
            if prev not in res.pronoun_after and (prev.startswith("ال") or _is_definite(toks[i - 1].text)):
                continue
        a = t.start + _name_start(t.text)[0] if off else t.start
        si = bisect.bisect_right(sent_starts, a) - 1
        lo = sents[max(0, si - res.anaphor_window + 1)][0] if si >= 0 else 0
        sent_lo = sents[si][0] if si >= 0 else 0
        near = sorted(by_start[bisect.bisect_left(m_starts, lo):bisect.bisect_right(m_starts, a)])  # list order
        cands = [m for m in (mentions[k] for k in near)
                 if lo <= m.start and m.end <= a and m.kind in NAMING | {TITLE}
                 and ents[m.key].type in types]
        if not cands:
            continue
        # the sentence's subject: its first compatible mention, when it opens the sentence
        # (within its first words, VSO or SVO); "الأخير" contrasts with it, never points to it
        in_sent = [m for m in cands if m.start >= sent_lo]
        subject = None
        if in_sent:
            k0 = words.containing(sent_lo)
            k1 = words.containing(in_sent[0].start)
            if k0 is not None and k1 is not None and k1 - k0 <= _conf()["subject_words"]:
                subject = in_sent[0].key
        pick = None
        for m in reversed(cands):
            if m.key != subject:
                pick = m
                break
        if pick is None:
            continue
        new.append(Mention(a, t.end, pick.key, ANAPHOR))
    mentions.extend(new)


def _state_anaphors(doc, nt, res: Resources, ents, mentions: list[Mention]) -> None:
    """"هذا البلد", "هذه الدولة", "البلاد": the state named last before; "المدينة", "البلدة": the
    place (not a state) named last before; each within ``state_window`` sentences. A form right
    before a definite word is no anaphor ("المدينة المنورة")."""
    kb = res.kb
    named = [m for m in mentions if m.kind in (NAME, ALIAS, DEMONYM)]
    states = sorted((m.start, m.key) for m in named if ents[m.key].kb_id and kb.is_state(ents[m.key].kb_id))
    places = sorted((m.start, m.key) for m in named if m.kind != DEMONYM and ents[m.key].kb_id
                    and ents[m.key].type in ("GPE", "LOC") and not kb.is_state(ents[m.key].kb_id))
    _point_back(doc, nt, res, res.state_anaphors, states, mentions, before_definite=True)
    _point_back(doc, nt, res, res.place_anaphors, places, mentions, before_definite=False)


def _point_back(doc, nt, res: Resources, forms_in, targets: list[tuple[int, tuple]], mentions: list[Mention],
                before_definite: bool) -> None:
    """Each occurrence of a form (a whole word group) names the nearest target mention before it;
    before a definite word only when ``before_definite`` ("هذه الدولة الأحدث")."""
    forms = sorted({normalize(f) for f in forms_in}, key=len, reverse=True)
    if not forms or not targets:
        return
    import bisect

    sent_starts = [s[0] for s in doc.sentences]
    starts = [s for s, _ in targets]
    taken = _Covered((m.start, m.end) for m in mentions)
    norm = nt.norm
    seen: set[int] = set()
    for f in forms:
        p = norm.find(f)
        while p >= 0:
            q = p + len(f)
            whole = (p == 0 or not norm[p - 1].isalpha()) and (q >= len(norm) or not norm[q].isalpha())
            nxt = norm[q + 1:q + 3] if q < len(norm) and norm[q] == " " else ""
            a, b = nt.orig(p), nt.orig(q - 1) + 1
            if whole and (before_definite or nxt != "ال") and a not in seen and not taken.overlaps(a, b):
                seen.add(a)
                k = bisect.bisect_left(starts, a) - 1
                si = bisect.bisect_right(sent_starts, a) - 1
                lo = sent_starts[max(0, si - res.state_window + 1)] if si >= 0 else 0
                if k >= 0 and targets[k][0] >= lo:
                    mentions.append(Mention(a, b, targets[k][1], ANAPHOR))
            p = norm.find(f, p + 1)


def _is_definite(tok_text: str) -> bool:
    seg = segment(tok_text)
    return "ال" in seg.prefixes
