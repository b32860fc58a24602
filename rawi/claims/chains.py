"""Sources and chains: who speaks each claim, and through whom it is reported.

The speaker is the entity (from the entities stage) whose mention stands in the subject
position of the cue: right after the verb (أوضح صقر أن), right before it (صقر وصف …),
after the verb that follows a quotation (يقول صقر), or after an attribution (وفقًا لصقر).
An unnamed source (مصادر مطلعة، مسؤول رفيع) becomes an anonymous entity of its own. With
no subject in the text (وأضاف أن، مؤكدًا أن) the speaker is the one of the previous claim:
the previous claim in the sentence for a participle or masdar, else the last speaker
nearby. Passive reports (أُبلغ الأسد أن) keep the person told and name no speaker.

A cue inside the content of another claim extends that claim's chain, unless it is the
same speaker going on (then the first content stops where the second cue starts) or it
opens an independent clause (فيما قال …).
"""

from __future__ import annotations

from rawi.arabic.glue import spaced
from rawi.arabic.normalize import normalize
from rawi.arabic.tokens import QUOTE_MARKS
from rawi.claims import cues as C
from rawi.claims.content import _CLAUSE_PUNCT, Context, Draft, _strip, content_noun
from rawi.document import Entity, Span
from rawi.lexicon import load_yaml

SPEAKER_TYPES = ("PER", "ORG", "NORP", "GPE")
_JOINED_PREPS = tuple(load_yaml("text/morphology.yaml")["preposition_proclitics"])  # ب ل ك


class Mentions:
    """Entity mentions by word: for each word, the (entity, mention start, mention end) over it."""

    def __init__(self, cx: Context):
        self.cx = cx
        self.by_word: dict[int, tuple[Entity, int, int]] = {}
        toks = cx.ws.toks
        n = len(toks)
        for e in cx.doc.entities:
            for m in e.mentions:
                k = cx.word_at(m.start)
                if k > 0 and toks[k - 1].end > m.start:
                    k -= 1
                while k < n and toks[k].start < m.end:
                    old = self.by_word.get(k)
                    if old is None or (old[2] - old[1]) < (m.end - m.start):
                        self.by_word[k] = (e, m.start, m.end)
                    k += 1

    def at(self, k: int) -> tuple[Entity, int, int] | None:
        return self.by_word.get(k)

    def speaker_at(self, k: int) -> Entity | None:
        hit = self.by_word.get(k)
        if hit and hit[0].type in SPEAKER_TYPES:
            return hit[0]
        return None


class Anonymous:
    """Unnamed sources found in this document, added to ``doc.entities``."""

    def __init__(self, cx: Context):
        self.cx = cx
        data = load_yaml(C.DATA)["anonymous"]
        self.heads = {normalize(k): v for k, v in data["heads"].items()}
        self.org_preps = frozenset(normalize(w) for w in data.get("org_preps", []))
        self.stop = frozenset(normalize(w) for w in data.get("stop", []))
        self.max = int(data.get("max_tokens", 6))
        self.outlets = frozenset(normalize(w) for w in data.get("outlets", []))
        self.named_heads = frozenset(normalize(w) for w in data.get("named_heads", []))
        self.close = frozenset(normalize(w) for w in data.get("close_words", []))
        self.made: list[tuple[str, Entity]] = []  # (head, entity), in text order
        nums = [int(e.id[1:]) for e in cx.doc.entities if e.id[:1] == "e" and e.id[1:].isdigit()]
        self.next_id = max(nums, default=0) + 1

    def _outlet(self, j: int, mentions: Mentions) -> str | None:
        """The outlet a source spoke to, when word j is "لـ + outlet" (لوكالة، للميادين)."""
        w = self.cx.ws[j]
        n = w.norm
        if not n.startswith("ل") or len(n) < 3:
            return None
        stem = "ال" + n[2:] if n.startswith("لل") else n[1:]
        m = mentions.at(j)
        named = m is not None and m[1] > w.start and m[0].type in ("ORG", "MISC")
        if named or stem in self.outlets or stem[2:] in self.outlets:
            if named:
                return m[0].name
            off = w.start + _char_offset(w.text, 1)
            end = w.end
            # the outlet's name runs on to the next punctuation after a noun (لوكالة "رويترز"), not
            # after the outlet's own name (للميادين في إدلب)
            k = j + 1 if not stem.startswith("ال") else len(self.cx.ws)
            while k < len(self.cx.ws) and k - j < 4 and self.cx.ws[k].kind != "punct" \
                    and self.cx.ws[k].norm not in self.cx.comp and not C.readings(self.cx.ws[k]):
                end = self.cx.ws[k].end
                k += 1
            name = self.cx.text[off:end]
            return "ا" + name if n.startswith("لل") else name  # للميادين → الميادين
        return None

    def _head(self, k: int) -> tuple[str, bool, int] | None:
        """(head, definite, offset of the head in the text) when word k opens an anonymous source."""
        w = self.cx.ws[k]
        n = w.norm
        for skip in (0, 1):
            if skip and not (n[:1] in ("ل", "ب", "و") and len(n) > 3):
                break
            stem = n[skip:]
            off = w.start + _char_offset(w.text, skip)
            if stem in self.heads:
                return stem, False, off
            if stem.startswith("ال") and stem[2:] in self.heads:
                return stem[2:], True, off
            if skip and n.startswith("لل") and n[2:] in self.heads:
                return n[2:], True, w.start + _char_offset(w.text, 2)  # للمصدر: ل + (ا)لمصدر
        return None

    def _named(self, k: int, head: str, mentions: Mentions) -> Entity | None:
        """The person named right after a job description: "قال مراسل الشؤون العسكرية في القناة 12
        الإسرائيلية نير دفوري إنّ …" is Dvori speaking, not an unnamed reporter; not a person the
        source is close to ("مسؤول مقرب من الرئيس بشار الأسد")."""
        if head not in self.named_heads:
            return None
        cx, ws = self.cx, self.cx.ws
        s1 = cx.sentence(ws[k].start)[1]
        for j in range(k + 1, min(len(ws), k + self.max + 6)):
            x = ws[j]
            if x.text in ("،", ",") and j + 1 < len(ws):  # "…، ايتاي بلومنطال، إنّه": the name in apposition
                m = mentions.at(j + 1)
                return m[0] if m is not None and m[0].type == "PER" and m[1] >= ws[j + 1].start else None
            if x.start >= s1 or x.kind == "punct" and x.text not in '"«»' or x.norm in cx.comp \
                    or x.norm in self.close or C.readings(x):
                return None
            m = mentions.at(j)
            if m is not None and m[0].type == "PER" and m[1] >= x.start:
                return m[0]
        return None

    def at(self, k: int, mentions: Mentions) -> Entity | None:
        cx = self.cx
        h = self._head(k)
        if h is None:
            return None
        head, definite, start = h
        person = self._named(k, head, mentions)
        if person is not None:
            return person
        ws = cx.ws
        s0, s1 = cx.sentence(ws[k].start)
        end = ws[k].end
        org_from = None
        org_ent = None
        org = None
        j = k + 1
        quoted = False  # inside the quotation marks of a body's name: مصادر مقربة من "قسد"
        while j < len(ws) and j - k < self.max + (2 if quoted else 0) and ws[j].start < s1:
            x = ws[j]
            if x.kind == "punct" and x.text in QUOTE_MARKS and (quoted or ws[j - 1].norm in self.org_preps):
                if quoted:
                    end = x.end
                quoted = not quoted
                j += 1
                if not quoted:
                    break  # the quoted name closes the phrase
                continue
            if quoted and x.kind != "punct":  # a word of the quoted name
                m = mentions.at(j)
                if m and m[0].type in ("ORG", "GPE") and org_ent is None:
                    org_ent = m[0]
                j += 1
                continue
            if j == k + 1 and not definite and head.endswith(C.rule_words("plural_endings")) and x.norm.startswith("ال") \
                    and not x.norm.endswith(C.rule_words("nisba_endings")):
                break  # a sound plural is in no construct ("ناشطو"): "طالب ناشطون المتظاهرين" ends at its object
            if x.kind == "punct" or x.norm in self.stop or x.norm in cx.comp or C.readings(x) \
                    or (j > k + 1 and _content_noun(x.norm)):
                break  # "أكد مراسل الميادين في حلب خروج …": the object noun opens the content
            if any(t.start <= x.start < t.end for t in cx.doc.timexes):
                break
            outlet = self._outlet(j, mentions)
            if outlet is not None:
                org = org or outlet  # told to an outlet: مصدر عسكري للميادين
                break
            if x.norm in self.org_preps:
                if org_from is None:
                    org_from = j + 1
            elif org_from is None and not definite and j == k + 1 and x.norm.startswith("ال") \
                    and not head.endswith(C.rule_words("plural_endings")):
                org_from = j  # construct: مصادر الميادين
            m = mentions.at(j)
            if m and m[0].type in ("ORG", "GPE") and org_ent is None:
                org_ent = m[0]
            end = x.end
            j += 1
        # a name cut by the length limit runs on to the end of its mention (… في كتائب حزب الله)
        last = mentions.at(j - 1) if j - 1 > k else None
        if last is not None and last[2] > end:
            end = last[2]
        # no trailing preposition (مصادر مقربة من "قسد")
        while j - 1 > k and ws[j - 1].norm in self.org_preps and ws[j - 1].end == end:
            j -= 1
            end = ws[j - 1].end
        surface = cx.text[start:end]
        if org is not None:
            pass
        elif org_ent is not None:
            org = org_ent.name
        elif org_from is not None and org_from < j:
            a = ws[org_from].start
            while org_from < j and ws[org_from].norm in self.org_preps:
                org_from += 1
            if org_from < j:
                a = ws[org_from].start
                org = spaced(cx.text, a, end)
        span = Span(start, end, surface)
        if definite:
            for hd, ent in reversed(self.made):
                if _same_head(hd, head):
                    ent.mentions.append(span)
                    return ent
        key = normalize(spaced(cx.text, start, end))
        for _hd, ent in self.made:
            if normalize(ent.name) == key:
                ent.mentions.append(span)
                return ent
        name = spaced(cx.text, start, end)  # "مصادرالميادين" (a lost space) → "مصادر الميادين"
        if ws[k].norm.startswith("لل") and start > ws[k].start:
            name = "ال" + surface  # للمصدر العسكري → المصدر العسكري
        ent = Entity(id=f"e{self.next_id}", type=self.heads[head], name=name, anonymous=True, local=True,
                     roles=[org] if org else [], mentions=[span])
        self.next_id += 1
        self.made.append((head, ent))
        cx.doc.entities.append(ent)
        return ent


def _same_head(a: str, b: str) -> bool:
    return a[:4] == b[:4]


def _char_offset(surface: str, n_letters: int) -> int:
    """Offset in ``surface`` after ``n_letters`` base letters (diacritics skipped)."""
    if n_letters == 0:
        return 0
    seen = 0
    for i, ch in enumerate(surface):
        if normalize(ch):
            if seen == n_letters:
                return i
            seen += 1
    return len(surface)


# ---- speakers ------------------------------------------------------------------------
def resolve_speakers(cx: Context, drafts: list[Draft]) -> None:
    """Fill speaker (and recipient) of each draft, in text order of the cues."""
    mentions = Mentions(cx)
    anon = Anonymous(cx)
    done: list[Draft] = []
    for d in sorted(drafts, key=lambda d: d.anchor):
        if d.mode == "headline":
            a, b = d.source_words
            hit = mentions.at(a)
            if hit and hit[0].type in ("PER", "ORG") and hit[1] <= cx.ws[a].start \
                    and hit[2] >= cx.ws[b - 1].end:
                d.speaker = hit[0].id
            elif hit and hit[0].type in ("PER", "ORG") and hit[1] <= cx.ws[a].start \
                    and (to := _headline_addressee(cx, mentions, hit[2], b)) is not None:
                d.speaker, d.recipient = hit[0].id, to  # "الأسد لمخبر: …": who speaks to whom
            else:
                d.drop = True
        elif d.mode in ("attribution", "self"):
            if d.mode == "self":
                d.speaker = _previous(cx, done, d, same_sentence=True) or _previous(cx, done, d)
            elif d.source_words is not None:
                d.speaker = _source(cx, d.source_words, mentions, anon)
                outlet = mentions.speaker_at(d.source_words[0])
                if outlet is not None and (told := _learnt_from(cx, d.source_words, mentions, anon)) is not None:
                    d.relay, d.speaker = outlet.id, told  # the outlet relays the unnamed source
                sw = d.source_words[0]
                if sw < len(cx.ws) and cx.ws[sw].norm in C.rule_set("in_text_preps") and sw + 1 < d.source_words[1]:
                    sw += 1  # "بحسب ما جاء في التقرير"
                if d.speaker is None and sw < len(cx.ws) and _is_speech_noun(cx.ws[sw].norm, definite=True):
                    # "ووفق البيان، …": the statement named before
                    d.speaker = _statement_owner(cx, sw, mentions) or _previous(cx, done, d)
                if d.speaker is None:
                    d.drop = True
        else:
            _verb_speaker(cx, d, mentions, anon, done)
        if not d.drop:
            done.append(d)


def _headline_addressee(cx: Context, mentions: Mentions, end: int, b: int) -> str | None:
    """The rest of a headline's name segment is "لـ + a name" (الأسد لمخبر): that name."""
    k = cx.word_at(end)
    if k >= b or not cx.ws[k].norm.startswith(C.rule_words("addressee_preps")):
        return None
    hit = mentions.at(k)
    if hit is None or hit[0].type not in ("PER", "ORG") or hit[2] < cx.ws[b - 1].end:
        return None
    return hit[0].id


def _source(cx: Context, words: tuple[int, int], mentions: Mentions, anon: Anonymous) -> str | None:
    a, b = words
    if a >= b:
        return None
    region_ents: list[tuple[int, Entity]] = []
    for k in range(a, min(b, a + 16)):
        e = mentions.speaker_at(k)
        if e is not None and all(e.id != x.id for _, x in region_ents):
            region_ents.append((k, e))
    holder = _titled_holder(cx, a, b, region_ents)  # "وفق ما أعلن رئيس الجهاز، عبد الوهاب الساعدي"
    if holder is not None:
        return holder
    e = mentions.speaker_at(a)
    if e is not None:
        return e.id
    e = anon.at(a, mentions)
    if e is not None:
        return e.id
    relayed = _learnt_from(cx, words, mentions, anon)
    if relayed is not None:
        return relayed
    # a title before the name (بحسب وزير الخارجية بسام صباغ)
    for k in range(a + 1, min(b, a + 4)):
        if cx.ws[k].norm in C.rule_set("name_preps") or cx.ws[k].norm[:1] == "و":
            return None
        e = mentions.speaker_at(k)
        if e is not None and e.type in ("PER", "ORG") and not _after_prep(cx, k, mentions):
            return e.id
    return None


def _learnt_from(cx: Context, words: tuple[int, int], mentions: Mentions, anon: Anonymous) -> str | None:
    """The unnamed source after من/عن in an attribution's source: "بحسب ما علمت الميادين من مصادر
    محلية" (the outlet learnt it from local sources, who speak)."""
    a, b = words
    for k in range(a + 1, min(b, a + 8)):
        if cx.ws[k - 1].norm in C.rule_set("relay_preps"):
            e = anon.at(k, mentions)
            if e is not None:
                return e.id
    return None


def _opening_subject(cx: Context, k: int, mentions: Mentions) -> str | None:
    """The person or body whose mention ends at word ``k`` and opens its clause: nothing before
    it since the sentence's start or a comma, or only the title the entities stage gave it."""
    hit = mentions.at(k)
    if hit is None:
        return None
    e, start = hit[0], hit[1]
    if e.type not in ("PER", "ORG") or e.anonymous:
        return None
    j = cx.word_at(start)
    s0, _ = cx.sentence(start)
    i = j
    while i - 1 >= 0 and cx.ws[i - 1].start >= s0 and not (cx.ws[i - 1].kind == "punct"):
        i -= 1
    if i == j:
        return e.id
    before = " ".join(normalize(cx.text[cx.ws[i].start:cx.ws[j - 1].end]).split())
    return e.id if any(" ".join(normalize(r).split()) == before for r in e.roles) else None


def _rank_after_comma(cx: Context, k: int, e: Entity) -> bool:
    """Word ``k`` opens a name that follows a comma and one or two words that are its role there
    (a rank: "، اللواء حسين سلامي")."""
    for back in (1, 2):
        j = k - back
        if j - 1 < 0:
            return False
        if cx.ws[j - 1].text in _CLAUSE_PUNCT:
            phrase = " ".join(normalize(cx.text[cx.ws[j].start:cx.ws[k - 1].end]).split())
            return any(" ".join(normalize(r).split()) == phrase for r in e.roles)
    return False


# stances of verbs that take the one addressed as object: حذّر واشنطن من، طالب الحكومة بـ، دعا الدول إلى
_ADDRESSEE_STANCES = frozenset({"warning", "demand"})


def _prep_article(n: str) -> bool:
    """The word opens with a joined preposition and the article: "للرئيس", "بالوزير"."""
    return n[:1] in _JOINED_PREPS and (n[1:3] == "ال" or (n[:1] == "ل" and n[1:2] == "ل"))


def _after_prep(cx: Context, k: int, mentions: Mentions) -> bool:
    ws = cx.ws
    hit = mentions.at(k)
    w = ws[k]
    if hit and hit[1] > w.start and w.norm[:1] in _JOINED_PREPS:
        return True
    if hit is None and w.norm[:1] in _JOINED_PREPS:
        return True
    return k > 0 and ws[k - 1].norm in C.rule_set("name_preps")


def _verb_speaker(cx: Context, d: Draft, mentions: Mentions, anon: Anonymous, done: list[Draft]) -> None:
    f = d.form
    ws = cx.ws
    if f is None:
        return
    if f.person != 3:
        d.drop = True  # the narrator's "I/we" is no source; a quoted one is the quote itself
        return
    a, b = d.region
    b = min(b, len(ws))
    verb = ws[d.cue_word].norm
    if verb in C.rule_set("in_text_verbs") or (verb[:1] in ("و", "ف") and verb[1:] in C.rule_set("in_text_verbs")):
        _in_text_speaker(cx, d, mentions, done)
        return
    if f.form == C.PASSIVE:
        for k in range(a, b):
            e = mentions.speaker_at(k)
            if e is not None:
                d.recipient = e.id
                break
        d.speaker = None
        return
    if f.form in (C.PARTICIPLE, C.MASDAR):
        # a participle goes on with its sentence's speaker; with none, with the last one only
        # when it opens its sentence ("ومشيراً إلى أن …"), not after a clause of its own
        # ("احتشد المئات …، مطالبين نتنياهو بمغادرة البلدة": the crowd, unnamed)
        s0, _ = cx.sentence(d.anchor)
        opens = cx.word_at(s0) >= d.cue_word
        d.speaker = (_previous(cx, done, d, same_sentence=True) or _first_in_sentence(cx, d, mentions)
                     or (_previous(cx, done, d) if opens else None))
        return
    if f.relay:
        cut = next((k for k in range(a, b) if cx.ws[k].norm == f.relay), None)
        if cut is not None:  # نقلت سانا عن مصدر عسكري أن …: the source after عن speaks
            src = _source(cx, (cut + 1, b), mentions, anon)
            if src is not None:
                d.speaker = src
                sub = mentions.speaker_at(a) if a < cut else None
                if sub is None and a < cut:
                    sub = anon.at(a, mentions)
                pre = _preverbal_word(cx, d)
                if sub is None and pre is not None:
                    rid = _preverbal(cx, d, pre, mentions, anon)
                    d.relay = rid
                else:
                    d.relay = sub.id if sub is not None else None
                return
    region_ents: list[tuple[int, Entity]] = []
    seen: set[str] = set()
    for k in range(a, b):
        e = mentions.speaker_at(k)
        if e is not None and e.id not in seen:
            seen.add(e.id)
            region_ents.append((k, e))
    speaker = None
    if f.recipient and d.conj and not f.plural:
        # "…، ويعبر عن القلق … ويتهم الحكومة بالصمت": a coordinated verb goes on with the subject
        # of the cue before it in the sentence; the name after it is the one accused or told
        prev = _previous(cx, done, d, same_sentence=True)
        named = [h[0].id for h in (mentions.at(k) for k in range(a, b)) if h is not None and h[0].id != prev]
        if not named and prev is not None and a < b:
            short = _by_name_start(cx, d, a, b)  # "الحكومة" after "الحكومة التونسية"
            named = [short] if short is not None and short != prev else []
        if prev is not None and named:
            d.speaker, d.recipient = prev, named[0]
            return
    if a < b and ws[a].norm in C.rule_set("document_heads"):
        # "خلص مسح لرويترز إلى أن": the body or outlet whose survey or report it is
        for k, e in region_ents:
            if k <= a + 2 and e.type in ("ORG", "PER"):
                speaker = e.id
                break
    if speaker is None and not f.plural:
        # a person behind a preposition inside the title ("المبعوث الخاص للرئيس الروسي … بوغدانوف")
        # is its genitive, never its holder
        speaker = _titled_holder(cx, a, b, [(k, e) for k, e in region_ents if not (
            _after_prep(cx, k, mentions) or _prep_article(cx.ws[k].norm))])
    if speaker is None and (f.recipient or f.stance in _ADDRESSEE_STANCES) and region_ents and region_ents[0][0] == a \
            and (pre0 := _preverbal_word(cx, d)) is not None:
        # "نائب وزير الخارجية … حسين العزي يحذّر واشنطن من أنّها": a subject that opens the clause
        # (alone or after its own title) before a verb that takes an addressee speaks; the name
        # right after the verb is the one told
        speaker = _opening_subject(cx, pre0, mentions)
    if speaker is None and not f.plural:
        if region_ents and region_ents[0][0] == a:
            speaker = region_ents[0][1].id
        elif a < b:
            an = anon.at(a, mentions)
            if an is not None:
                speaker = an.id
    if speaker is None and a < b and _is_speech_noun(ws[a].norm, definite=True):
        # "وقال البيان": the statement named before goes on
        speaker = _statement_owner(cx, a, mentions) or _previous(cx, done, d)
    pre = _preverbal_word(cx, d)
    noun = _speech_noun_before(cx, d) if speaker is None and a < b and ws[a].norm in C.rule_set("back_refs") else None
    if noun is not None:
        # "ألقى المرزوقي كلمة أكد فيها أن …": the verb describes a speech named just before; its
        # speaker is the speech's owner ("التقرير السنوي للنقابة، صرحت فيه"), else the sentence's subject
        speaker = _owner_after(cx, noun, d.cue_word, mentions) or _nearest_before(cx, d, mentions, person=True, upto=noun) \
            or _nearest_before(cx, d, mentions)
    if speaker is None and pre is not None:
        if mentions.speaker_at(pre) is not None and _after_prep(cx, pre, mentions):
            # "… على سؤال حول غارات على إيران قال:": a name governed by a preposition is no
            # subject; the one speaking goes on from before
            speaker = _previous(cx, done, d)
            if speaker is None:
                d.unlinked = True
                d.speaker = None
                return
        else:
            speaker = _preverbal(cx, d, pre, mentions, anon)
    if speaker is None and not f.plural:
        # past a title and its adjectives: أكد الرئيس السوري بشار الأسد، نائب الوزير …، حسين العزي
        for k, e in region_ents:
            appositive = k > 0 and (cx.ws[k - 1].text in _CLAUSE_PUNCT  # محلل …، روعي شارون، أن
                                    or _rank_after_comma(cx, k, e))  # قائد …، اللواء حسين سلامي، إن
            if not (k - a < 5 or (appositive and k - a < 12)):
                break
            if e.type in ("PER", "ORG") and (appositive or not _after_prep(cx, k, mentions)):
                speaker = e.id
                break
    if speaker is None and not f.plural and a < b:
        speaker = _by_name_start(cx, d, a, b)
    if speaker is None:
        if pre is not None and not _clause_opener(cx, pre):
            d.unlinked = True  # a subject before the verb that names no entity (هذه الزيارة تؤكد أن)
        elif (prev := _continues_unlinked(cx, done, d)) is not None:
            d.unlinked = True  # "أكد نشطاء أن …، شددوا على أن": the same unnamed subject goes on
            d.goes_on = prev
        elif _adverbial_only(cx, a, b, mentions):
            noun = _speech_noun_before(cx, d, window=12)
            owner = _owner_after(cx, noun, d.cue_word, mentions) if noun is not None else None
            # "ومع صدور التقرير السنوي للنقابة، ويعبر عن القلق": the report's owner speaks
            speaker = owner or _subject_since(cx, done, d, mentions) or _previous(cx, done, d) \
                or _first_in_sentence(cx, d, mentions)
            e = cx.doc.entity(speaker) if speaker and f.plural else None
            if e is not None and e.type == "PER" and not e.anonymous:
                speaker = None  # "وأضافوا": a plural verb does not go on with one person's words
                d.unlinked = True
        else:
            d.unlinked = True
    d.speaker = speaker
    if f.recipient:
        for _k, e in region_ents:
            if e.id != speaker:
                d.recipient = e.id
                break


def _content_noun(n: str) -> bool:
    """A verbal noun that opens a cue's noun-phrase content, bare or after ب ("بتسجيل")."""
    return content_noun(n) or (n[:1] == "ب" and len(n) > 4 and content_noun(n[1:]))


def _is_speech_noun(n: str, definite: bool = False) -> bool:
    """``n`` (normalised) is a speech noun (بيان، تقرير …); ``definite``: with the article only."""
    nouns = C.rule_set("speech_nouns")
    if n.startswith("لل"):
        n = "ا" + n[1:]  # للتقرير → التقرير
    if n.startswith("ال") and n[2:] in nouns:
        return True
    return not definite and n in nouns


def _in_text_speaker(cx: Context, d: Draft, mentions: Mentions, done: list[Draft]) -> None:
    """"وجاء في بيان الإعلام الأمني: …": the owner of the text speaks; "وجاء في البيان أن …":
    the statement named before; anything else after جاء/ورد reports nothing ("جاء ذلك بعد")."""
    ws = cx.ws
    a, b = d.region
    if not (a + 1 < min(b, len(ws)) and ws[a].norm in C.rule_set("in_text_preps") and _is_speech_noun(ws[a + 1].norm)):
        d.drop = True
        return
    d.speaker = _owner_after(cx, a + 1, b, mentions)
    if d.speaker is None and _is_speech_noun(ws[a + 1].norm, definite=True):
        d.speaker = _statement_owner(cx, a + 1, mentions) or _previous(cx, done, d)
    if d.speaker is None:
        d.unlinked = True


def _statement_owner(cx: Context, k: int, mentions: Mentions, window: int = 120) -> str | None:
    """Who issued the statement a definite speech noun at word ``k`` names again ("التقرير"): the
    same noun told before without the article ("نشر موقع المونيتور تقريراً", "بيان للخلية"),
    its owner in the genitive after it, else the body or person named before it in its sentence."""
    stem = _speech_stem(cx.ws[k].norm)
    j = k - 1
    while j >= 0 and k - j <= window:
        n = cx.ws[j].norm
        if not n.startswith(("ال", "لل")) and _speech_stem(n) == stem:
            owner = _owner_after(cx, j, min(len(cx.ws), j + 4), mentions)
            if owner is not None:
                return owner
            s0, _ = cx.sentence(cx.ws[j].start)
            i = j - 1
            while i >= 0 and cx.ws[i].start >= s0:
                e = mentions.speaker_at(i)
                if e is not None and e.type in ("PER", "ORG") and not _after_prep(cx, i, mentions):
                    return e.id
                i -= 1
            return None
        j -= 1
    return None


def _speech_stem(n: str) -> str:
    """A speech noun without article, joined ل, tanwin alef or ta marbuta spelling (تقريرا → تقرير)."""
    if n.startswith("لل"):
        n = n[2:]
    elif n.startswith("ال"):
        n = n[2:]
    if n.endswith("ا") and len(n) > 3:
        n = n[:-1]
    return n


def _titled_holder(cx: Context, a: int, b: int, region_ents: list[tuple[int, Entity]]) -> str | None:
    """The person named after a title that opens the subject: in "الأمين العام للأمم المتحدة
    أنطونيو غوتيريش" or "المتحدث باسم الخارجية الإيرانية ناصر كنعاني" the head is the title,
    so the organisation or state in its genitive is not the speaker; its holder is. The title
    is the one the entities stage gave the person as a role (from its title lexicon), so
    the phrase from the subject's start to the name must be that role."""
    ws = cx.ws
    for k, e in region_ents:
        if k <= a or k >= b:
            continue
        # one comma may stand right before the name: "رئيس الاتحاد البرلماني العربي، محمد الحلبوسي"
        comma = k - 1 > a and ws[k - 1].kind == "punct" and ws[k - 1].text in ("،", ",")
        end = k - 1 if comma else k
        if any(ws[j].kind == "punct" or ws[j].norm in cx.comp for j in range(a, end)):
            return None
        if e.type != "PER" or e.anonymous or not e.roles:
            continue
        phrase = " ".join(normalize(cx.text[ws[a].start:ws[end - 1].end]).split())
        if not phrase:
            return None
        if any(" ".join(normalize(r).split()) == phrase for r in e.roles):
            return e.id
        return None  # the first person named is not the title's holder
    return None


def _by_name_start(cx: Context, d: Draft, a: int, b: int) -> str | None:
    """A subject that is the start of a name met before (وزارة الخارجية → وزارة الخارجية السورية)."""
    ws = cx.ws
    phrase = []
    for k in range(a, min(b, a + 3)):
        if ws[k].kind == "punct" or ws[k].norm in C.rule_set("name_preps") or ws[k].norm in cx.comp:
            break
        phrase.append(ws[k].norm)
    if not phrase or (len(phrase) == 1 and len(phrase[0]) < 5):
        return None
    key = " ".join(phrase)
    best, best_pos = None, -1
    for e in cx.doc.entities:
        if e.type not in ("ORG", "PER", "GPE") or e.anonymous:
            continue
        name = " ".join(normalize(e.name).split())
        if not (name.startswith(key + " ") or name == key):
            continue
        seen = [m.start for m in e.mentions if m.start < d.anchor]
        if seen and max(seen) > best_pos:
            best, best_pos = e.id, max(seen)
    return best


def _preverbal_word(cx: Context, d: Draft) -> int | None:
    """The word before a verb without a conjunction, past قد (…البرلمان العراقي قد أعلن)."""
    if d.conj or d.cue_word <= 0:
        return None
    k = d.cue_word - 1
    while k >= 0 and cx.ws[k].norm in cx.verb_particles:
        k -= 1
    if k < 0 or cx.ws[k].kind == "punct":
        return None
    s0, _ = cx.sentence(d.anchor)
    return k if cx.ws[k].start >= s0 else None


def _clause_opener(cx: Context, k: int) -> bool:
    """A word after which a verb opens its clause (ثم، حيث، كما، أن …): no subject before the verb."""
    n = cx.ws[k].norm
    return n in cx.clause_openers or n in cx.comp or (n[:1] in ("و", "ف") and n[1:] in cx.clause_openers)


def _preverbal(cx: Context, d: Draft, k: int, mentions: Mentions, anon: Anonymous) -> str | None:
    """SVO: a name right before the verb (صقر وصف …، الإيرانيين أبلغوا …)."""
    e = mentions.speaker_at(k)
    if e is not None and k > 0 and anon._head(k - 1) is not None and mentions.speaker_at(k - 1) is None:
        # the outlet of an unnamed source: "مصادر الميادين تفيد" (the sources speak)
        ent = anon.at(k - 1, mentions)
        if ent is not None:
            return ent.id
    if e is not None and e.type == "GPE" and cx.ws[k].norm.startswith("ال") \
            and cx.ws[k].norm.endswith(C.rule_words("nisba_endings")):
        # a state adjective after a body names the body's state: "وكالة "سانا" السورية أكدت"
        j = k - 1
        while j >= 0 and cx.ws[j].kind == "punct" and cx.ws[j].text in QUOTE_MARKS:
            j -= 1
        head = mentions.speaker_at(j) if j >= 0 else None
        if head is not None and head.type in ("ORG", "PER") and head.id != e.id:
            return head.id
    if e is not None:
        return e.id
    # an anonymous source just before (مصادر مطلعة أكدت …)
    for back in range(0, 3):
        j = k - back
        if j < 0 or cx.ws[j].kind == "punct":
            break
        if anon._head(j) is not None:
            ent = anon.at(j, mentions)
            return ent.id if ent else None
    return None


def _adverbial_only(cx: Context, a: int, b: int, mentions: Mentions) -> bool:
    """Between verb and complementiser only adverbials (أيضًا، في حديثه، قائلًا …)."""
    ws = cx.ws
    aside = False  # inside a parenthetical that opens with a preposition: "، في بيان صدر اليوم،"
    for k in range(a, b):
        w = ws[k]
        if w.kind == "punct":
            aside = False
            if w.text in _CLAUSE_PUNCT and k + 1 < b and ws[k + 1].norm in C.rule_set("name_preps"):
                aside = True
            continue
        if aside or w.norm in cx.adverbials or C.readings(w):
            continue
        if any(t.start <= w.start < t.end for t in cx.doc.timexes):
            continue
        j = k - 1
        while j >= a and ws[j].kind == "punct" and ws[j].text in QUOTE_MARKS:
            j -= 1
        if j >= a and ws[j].norm in C.rule_set("name_preps"):
            continue  # the object of an adverbial preposition (في حديثه لـ"الميادين"، خلال مؤتمر صحفي)
        return False
    return True


def _previous(cx: Context, done: list[Draft], d: Draft, same_sentence: bool = False) -> str | None:
    s0, _ = cx.sentence(d.anchor)
    p0, _ = cx.paragraph(d.anchor)
    for prev in reversed(done):
        if prev.anchor >= d.anchor or prev.speaker is None:
            continue
        if same_sentence and prev.anchor < s0:
            return None
        return prev.speaker
    return None


def _continues_unlinked(cx: Context, done: list[Draft], d: Draft) -> Draft | None:
    """The claim just before ``d`` when it is in ``d``'s sentence and its subject names no
    entity: a verb with no subject of its own goes on with that subject, not with an earlier
    speaker."""
    s0, _ = cx.sentence(d.anchor)
    prev = next((p for p in reversed(done) if p.anchor < d.anchor), None)
    if prev is not None and prev.anchor >= s0 and prev.unlinked and prev.speaker is None:
        return prev
    return None


def _subject_since(cx: Context, done: list[Draft], d: Draft, mentions: Mentions) -> str | None:
    """The subject of the sentence just before ``d``'s when that sentence reports nothing and
    comes after the last claim: "قدّم الأسد تعازيه …. وأكّد، في رسالته، تضامن …" goes on with
    الأسد, not with the speaker of an earlier claim. The subject is a person or body right after
    the clause's first word (VSO), that word opening the sentence or following a comma."""
    si = cx.sentence_index(d.anchor)
    if si <= 0:
        return None
    p0, p1 = cx.sents[si - 1]
    if any(p0 <= x.anchor < p1 for x in done) or not any(x.anchor < p0 for x in done):
        return None
    ws = cx.ws
    k = cx.word_at(p0) + 1
    while k < len(ws) and ws[k].start < p1:
        e = mentions.speaker_at(k)
        if e is not None and e.type in ("PER", "ORG") and not e.anonymous:
            verb, before = ws[k - 1], ws[k - 2] if k >= 2 else None
            opens = before is None or before.start < p0 or (before.kind == "punct" and before.text in _CLAUSE_PUNCT)
            if opens and verb.kind == "ar" and not verb.norm.startswith("ال") \
                    and verb.norm not in C.rule_set("name_preps") and not _after_prep(cx, k, mentions):
                return e.id
        k += 1
    return None


def _first_in_sentence(cx: Context, d: Draft, mentions: Mentions) -> str | None:
    """The first person or body of the sentence before the cue; a state, city or people only as
    the subject that opens a clause ("تنظر أنقرة إلى …، وتدّعي أنّ", "أصدرت حينها قبيلة العكيدات
    بياناً …، مؤكدة أنّ"): within three words of the sentence's start or of a comma."""
    s0, _ = cx.sentence(d.anchor)
    k = first = cx.word_at(s0)
    clause = k
    while k < len(cx.ws) and cx.ws[k].start < d.anchor:
        if cx.ws[k].kind == "punct" and cx.ws[k].text in _CLAUSE_PUNCT:
            clause = k + 1
        e = mentions.speaker_at(k)
        if e is not None and not _after_prep(cx, k, mentions) and (e.type in ("PER", "ORG") or (
                e.type in ("GPE", "NORP") and k - clause <= 3 and k > first
                and not cx.ws[k - 1].norm.startswith("ال"))):
            return e.id
        k += 1
    return None


def _speech_noun_before(cx: Context, d: Draft, window: int = 10) -> int | None:
    """The word index of a speech noun (كلمة، بيان، تقرير …) a few words before the cue in its sentence."""
    s0, _ = cx.sentence(d.anchor)
    k = d.cue_word - 1
    while k >= 0 and d.cue_word - k <= window and cx.ws[k].start >= s0:
        if _is_speech_noun(cx.ws[k].norm):
            return k
        k -= 1
    return None


def _owner_after(cx: Context, k: int, stop: int, mentions: Mentions) -> str | None:
    """The person or body named in the genitive of the speech noun at ``k`` ("التقرير السنوي
    للنقابة", "بيان لحركة حماس"), up to three words after it."""
    for j in range(k + 1, min(stop, k + 4)):
        if cx.ws[j].kind == "punct":
            break
        e = mentions.speaker_at(j)
        if e is not None and e.type in ("PER", "ORG"):
            return e.id
    return None


def _nearest_before(cx: Context, d: Draft, mentions: Mentions, person: bool = False,
                    upto: int | None = None) -> str | None:
    """The last person or organisation named in the sentence before the cue (or before word
    ``upto``); ``person``: the last person not governed by a preposition."""
    s0, _ = cx.sentence(d.anchor)
    k = (cx.word_at(d.anchor) if upto is None else upto) - 1
    while k >= 0 and cx.ws[k].start >= s0:
        e = mentions.speaker_at(k)
        if e is not None and (e.type == "PER" and not e.anonymous and not _after_prep(cx, k, mentions)
                              if person else e.type in ("PER", "ORG")):
            return e.id
        k -= 1
    return None


# ---- nesting -------------------------------------------------------------------------
def build_chains(cx: Context, drafts: list[Draft]) -> list[Draft]:
    """Nest each claim in the innermost claim whose content holds its cue; return kept ones."""
    live = [d for d in drafts if not d.drop]
    live.sort(key=lambda d: (d.anchor, -(d.content[1] - d.content[0])))
    # one content, one claim: "أضاف قائلًا إن …" reads two cues onto the same clause
    seen: dict[tuple[int, int], Draft] = {}
    kept = []
    for d in live:
        if d.content in seen:
            continue
        seen[d.content] = d
        kept.append(d)
    live = kept
    boxes = _Boxes(live)
    for d in live:
        while True:
            box = _container(d, boxes.holding(d.anchor))
            if box is None:
                break
            same = (d.speaker is not None and d.speaker == box.speaker) or d.goes_on is box
            if same and box.quote and box.content[0] <= d.anchor < box.content[1] and d.mode == "verb" \
                    and d.form is not None and d.form.form == C.FINITE and d.form.person != 3:
                d.drop = True
                break
            coordinated = (d.conj and d.mode == "verb" and d.speaker is not None and not box.quote
                           and box.kind != "according_to"
                           and cx.sentence_index(box.anchor) == cx.sentence_index(d.anchor))
            if same or coordinated or (d.independent and d.mode == "verb"):
                cut = _clause_start(cx, d)
                if cut <= box.content[0]:
                    d.drop = True  # nothing of the outer content would be left
                    break
                a, b = _strip(cx.text, box.content[0], cut)
                box.content = (a, b)
                boxes.changed(box)
                continue
            if d.unlinked:
                d.drop = True  # an unnamed subject inside a report: no source to add
                break
            d.parent = box
            # the inner content stays inside the outer one
            if d.content[1] > box.content[1] and d.content[0] < box.content[1]:
                d.content = _strip(cx.text, d.content[0], box.content[1])
                boxes.changed(d)
            break
    out = [d for d in live if not d.drop and not d.negated and d.content[1] > d.content[0]]
    for d in out:
        d.chain = _chain(d)
    return out


class _Boxes:
    """The live drafts indexed by content span, so a container lookup does not scan them all.

    ``holding(pos)`` gives, in ``live`` order, every draft whose recorded content may hold
    ``pos``; ``changed(d)`` re-indexes when a content grows past its record (shrinking keeps
    the record a safe superset).
    """

    def __init__(self, live: list[Draft]):
        self.live = live
        self.rank = {id(o): k for k, o in enumerate(live)}
        self._index()

    def _index(self) -> None:
        from itertools import accumulate

        self.span = [o.content for o in self.live]  # by rank
        self.order = sorted(range(len(self.live)), key=lambda k: self.span[k][0])  # ranks by start
        self.starts = [self.span[k][0] for k in self.order]
        self.maxend = list(accumulate((self.span[k][1] for k in self.order), max))

    def changed(self, d: Draft) -> None:
        a, b = self.span[self.rank[id(d)]]
        if d.content[0] < a or d.content[1] > b:
            self._index()

    def holding(self, pos: int) -> list[Draft]:
        import bisect

        ranks = []
        j = bisect.bisect_right(self.starts, pos) - 1
        while j >= 0 and self.maxend[j] > pos:
            k = self.order[j]
            if pos < self.span[k][1]:
                ranks.append(k)
            j -= 1
        ranks.sort()
        return [self.live[k] for k in ranks]


def _container(d: Draft, live: list[Draft]) -> Draft | None:
    best = None
    for o in live:
        if o is d or o.drop:
            continue
        a, b = o.content
        if not (a <= d.anchor < b):
            continue
        if d.content[0] < a or (o.parent is d):
            continue
        if best is None or (b - a) < (best.content[1] - best.content[0]):
            best = o
    return best


def _clause_start(cx: Context, d: Draft) -> int:
    """Where the clause of ``d`` begins: back over a connective and the comma before its cue."""
    ws = cx.ws
    k = d.cue_word
    pos = d.anchor if d.mode != "after" else d.content[0]
    if d.mode == "after":
        return pos
    j = k - 1
    while j >= 0 and (ws[j].kind == "punct" and ws[j].text in _CLAUSE_PUNCT or _is_connective(cx, ws[j])):
        pos = ws[j].start
        j -= 1
    if d.conj:
        pos = min(pos, ws[k].start)
    return pos


def _is_connective(cx: Context, w) -> bool:
    return any(len(ph) == 1 and (w.norm == ph[0] or w.norm[1:] == ph[0]) for ph in cx.independent) or \
        w.norm in C.rule_words("connectives")


def _chain(d: Draft) -> list[str]:
    base = _chain(d.parent) if d.parent is not None else []
    if d.relay and (not base or base[-1] != d.relay):
        base.append(d.relay)
    if d.speaker and (not base or base[-1] != d.speaker):
        base.append(d.speaker)
    return base
