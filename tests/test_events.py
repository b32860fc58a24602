"""The events stage on real-style news sentences, with hand-built entities and timexes.

The entities, time and claims stages are not run here: each test builds the records the
events stage reads, so these tests say what events do with given inputs.
"""

from __future__ import annotations

import re

import pytest

from rawi.document import Claim, Document, Entity, Span, Timex
from rawi.events import annotate, classifier
from rawi.events.triggers import lexicon, match_word, verb_forms
from rawi.settings import DEFAULT


def make(text: str, ents: dict[str, tuple[str, list[str]]] | None = None,
         timexes: list[tuple[str, str]] | None = None, published: str | None = None) -> Document:
    """A document with entities found by their aliases (a clitic و ف ب ل ك before them allowed)."""
    doc = Document(text=text, published=published)
    taken: list[tuple[int, int]] = []
    for eid, (etype, aliases) in (ents or {}).items():
        spans = []
        for a in sorted(aliases, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)(?:[وف]?[بلك]?)(" + re.escape(a) + r")(?!\w)", text):
                s, e = m.start(1), m.end(1)
                if not any(s < b and x < e for x, b in taken):
                    taken.append((s, e))
                    spans.append(Span(s, e, text[s:e]))
        doc.entities.append(Entity(eid, etype, aliases[0], mentions=spans))
    for n, (key, value) in enumerate(timexes or [], 1):
        i = text.index(key)
        doc.timexes.append(Timex(f"t{n}", i, i + len(key), key, "DATE", value))
    return doc


def run(doc: Document, gate: bool = True) -> Document:
    """The events stage; ``gate=False`` without the statistical detection gate (tests of the
    rules the gate does not decide: dating, here with hand-built entities the gate reads too)."""
    if gate:
        annotate(doc, DEFAULT)
    else:
        with classifier.use(None):
            annotate(doc, DEFAULT)
    doc.validate()
    return doc


# one real-style sentence per PLOVER type: (sentence, entities, type, actor, target)
TYPES = [
    ("وقّعت مصر والأردن اتفاقية للتعاون في مجال الطاقة.",
     {"eg": ("GPE", ["مصر"]), "jo": ("GPE", ["الأردن"])}, "AGREE", "eg", None),
    ("التقى الرئيس الفرنسي إيمانويل ماكرون نظيره الأمريكي جو بايدن في باريس.",
     {"mac": ("PER", ["إيمانويل ماكرون"]), "fr": ("GPE", ["الفرنسي"]), "us": ("GPE", ["الأمريكي"]),
      "bid": ("PER", ["جو بايدن"]), "par": ("GPE", ["باريس"])}, "CONSULT", "mac", "bid"),
    ("أيّدت الصين الموقف الروسي في مجلس الأمن.",
     {"cn": ("GPE", ["الصين"]), "ru": ("GPE", ["الروسي"]), "sc": ("ORG", ["مجلس الأمن"])}, "SUPPORT", "cn", "ru"),
    ("أفرجت السلطات الإيرانية عن صحفي فرنسي بعد عامين من الاحتجاز.",
     {"ir": ("GPE", ["الإيرانية"]), "fr": ("GPE", ["فرنسي"])}, "CONCEDE", "ir", "fr"),
    ("تعاونت الأردن مع السعودية لمكافحة تهريب المخدرات.",
     {"jo": ("GPE", ["الأردن"]), "sa": ("GPE", ["السعودية"])}, "COOPERATE", "jo", "sa"),
    ("أرسلت تركيا مساعدات إنسانية إلى غزة.",
     {"tr": ("GPE", ["تركيا"]), "gz": ("GPE", ["غزة"])}, "AID", "tr", "gz"),
    ("انسحبت القوات الروسية من مدينة خيرسون.",
     {"ru": ("GPE", ["الروسية"]), "kh": ("GPE", ["خيرسون"])}, "RETREAT", "ru", None),
    ("طالبت الأمم المتحدة إسرائيل بوقف الغارات على غزة.",
     {"un": ("ORG", ["الأمم المتحدة"]), "il": ("GPE", ["إسرائيل"]), "gz": ("GPE", ["غزة"])}, "REQUEST", "un", "il"),
    ("اتهمت إيران الولايات المتحدة بدعم الإرهاب في المنطقة.",
     {"ir": ("GPE", ["إيران"]), "us": ("GPE", ["الولايات المتحدة"])}, "ACCUSE", "ir", "us"),
    ("رفضت حركة حماس المقترح الإسرائيلي لوقف إطلاق النار.",
     {"ha": ("ORG", ["حركة حماس"]), "il": ("GPE", ["الإسرائيلي"])}, "REJECT", "ha", "il"),
    ("هدد الرئيس الأمريكي دونالد ترامب إيران بفرض عقوبات جديدة.",
     {"tru": ("PER", ["دونالد ترامب"]), "us": ("GPE", ["الأمريكي"]), "ir": ("GPE", ["إيران"])}, "THREATEN", "tru", "ir"),
    ("تظاهر آلاف الأردنيين أمام السفارة الإسرائيلية في عمّان.",
     {"jo": ("GPE", ["الأردنيين"]), "il": ("GPE", ["الإسرائيلية"]), "am": ("GPE", ["عمّان"])}, "PROTEST", "jo", None),
    ("فرضت الولايات المتحدة عقوبات على روسيا.",
     {"us": ("GPE", ["الولايات المتحدة"]), "ru": ("GPE", ["روسيا"])}, "SANCTION", "us", "ru"),
    ("حشدت تركيا قوات على الحدود مع سوريا.",
     {"tr": ("GPE", ["تركيا"]), "sy": ("GPE", ["سوريا"])}, "MOBILIZE", "tr", None),
    ("اعتقلت الشرطة الإسرائيلية ناشطين فلسطينيين في القدس.",
     {"il": ("GPE", ["الإسرائيلية"]), "ps": ("GPE", ["فلسطينيين"]), "qd": ("GPE", ["القدس"])}, "COERCE", "il", "ps"),
    ("قصفت طائرات إسرائيلية مواقع في جنوب لبنان.",
     {"il": ("GPE", ["إسرائيلية"]), "lb": ("GPE", ["لبنان"])}, "ASSAULT", "il", None),
]


@pytest.mark.parametrize("text,ents,etype,actor,target", TYPES, ids=[t[2] for t in TYPES])
def test_each_plover_type(text, ents, etype, actor, target):
    doc = run(make(text, ents))
    found = [v for v in doc.events if v.type == etype]
    assert len(found) == 1, [(v.type, v.trigger.text) for v in doc.events]
    v = found[0]
    assert actor in v.actors
    if target:
        assert target in v.targets
    assert not v.negated and v.modality is None
    assert doc.text[v.trigger.start:v.trigger.end] == v.trigger.text


def test_all_sixteen_types_have_triggers():
    types = {e.type for entries in lexicon().values() for e in entries}
    assert types >= {t[2] for t in TYPES} and len(types) >= 16


def test_inflections_generated_from_one_entry():
    forms = verb_forms("قصف يقصف")
    for f in ("قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "يقصفون", "نقصف"):
        assert f in forms
    # clitics and the passive (same letters unvoweled) are matched
    for word in ("وقصفت", "فيقصفون", "مُنعت", "سيزور", "وبزيارته"):
        from rawi.arabic.normalize import normalize

        assert match_word([normalize(word)], 0) is not None, word
    assert match_word(["قصفا"], 0) is not None
    assert match_word(["مقصف"], 0) is None  # whole words only


def test_complement_of_request_is_no_separate_event():
    doc = run(make("طالبت الأمم المتحدة إسرائيل بوقف الغارات على غزة.",
                   {"un": ("ORG", ["الأمم المتحدة"]), "il": ("GPE", ["إسرائيل"])}))
    assert [v.type for v in doc.events] == ["REQUEST"]
    comp = doc.events[0].to_dict()["complements"][0]
    assert comp["type"] == "ASSAULT" and comp["modality"] == "requested"


def test_negation():
    doc = run(make("لم يتمكن الجيش العراقي من اقتحام المدينة.", {"iq": ("GPE", ["العراقي"])}))
    v = next(v for v in doc.events if v.type == "COERCE")
    assert v.negated
    doc = run(make("لن تنسحب القوات الأمريكية من العراق.", {"us": ("GPE", ["الأمريكية"]), "iq": ("GPE", ["العراق"])}))
    assert doc.events[0].type == "RETREAT" and doc.events[0].negated


def test_attempted_and_planned():
    doc = run(make("حاول مسلحون اغتيال رئيس البلدية في بغداد.", {"bg": ("GPE", ["بغداد"])}))
    v = next(v for v in doc.events if v.type == "ASSAULT")
    assert v.modality == "attempted" and not v.negated
    assert v.location == "bg"
    doc = run(make("سيزور الرئيس المصري موسكو الأسبوع المقبل.", {"eg": ("GPE", ["المصري"]), "mo": ("GPE", ["موسكو"])}))
    v = doc.events[0]
    assert (v.type, v.mode, v.modality) == ("CONSULT", "visit", "planned")
    assert v.actors == ["eg"]


def test_masdar_headline_genitive_is_the_actor():
    doc = run(make("زيارة وزير الخارجية الإيراني عباس عراقجي إلى دمشق",
                   {"ir": ("GPE", ["الإيراني"]), "ar": ("PER", ["عباس عراقجي"]), "dm": ("GPE", ["دمشق"])}))
    v = doc.events[0]
    assert (v.type, v.mode) == ("CONSULT", "visit")
    assert set(v.actors) == {"ir", "ar"} and v.targets == ["dm"] and v.location == "dm"


def test_reporting_verb_without_event():
    doc = run(make("قال المتحدث باسم الحكومة إن الوضع في العاصمة مستقر وإن الحياة تسير بشكل طبيعي.",
                   {"x": ("ORG", ["الحكومة"])}))
    assert doc.events == []


def test_interview_is_no_meeting():
    doc = run(make("كشف المسؤول السابق عن التفاصيل في لقاء مع بودكاست بتوقيت دمشق.", {}))
    assert doc.events == []


def test_agentless_passive_space_noun_and_possessor():
    text = "إلا أن الإيرانيين أبلغوا النظام لاحقًا أن طائراتهم مُنعت من عبور الأجواء العراقية."
    doc = run(make(text, {"ir": ("GPE", ["الإيرانيين"]), "iq": ("GPE", ["العراقية"])}))
    v = next(v for v in doc.events if v.type == "COERCE")
    assert v.actors == ["iq"] and v.targets == ["ir"]


def test_group_of_actors_and_date_from_clause():
    text = "أوضح صقر أن الروس والإيرانيين حاولوا دفع الأسد للقاء الرئيس التركي. وتوجه الأسد إلى موسكو يوم 26 نوفمبر."
    doc = run(make(text, {"ru": ("GPE", ["الروس"]), "ir": ("GPE", ["الإيرانيين"]), "as": ("PER", ["الأسد"]),
                          "tr": ("GPE", ["التركي"]), "mo": ("GPE", ["موسكو"])},
                   timexes=[("26 نوفمبر", "2024-11-26")]))
    push = next(v for v in doc.events if v.type == "REQUEST")
    assert set(push.actors) == {"ru", "ir"} and "as" in push.targets and push.modality == "attempted"
    trip = next(v for v in doc.events if v.type == "CONSULT")
    assert trip.date == "2024-11-26" and trip.time == "t1" and trip.targets == ["mo"]
    assert len(doc.events) == 2  # the purpose "للقاء" belongs to the push


def test_date_falls_back_to_publication_month():
    doc = run(make("قصفت طائرات إسرائيلية مواقع في جنوب لبنان.", {"il": ("GPE", ["إسرائيلية"])},
                   published="2024-10-05"), gate=False)
    assert doc.events[0].date == "2024-10" and doc.events[0].time is None


def test_coreferent_mentions_merge_and_claim_link():
    text = "رفض لقاء أردوغان\nأوضح صقر أن الأسد رفض ذلك بشكل قاطع."
    doc = make(text, {"er": ("PER", ["أردوغان"]), "sq": ("PER", ["صقر"]), "as": ("PER", ["الأسد"])})
    c0 = text.index("الأسد رفض")
    doc.claims.append(Claim("c1", ["sq"], None, Span(c0, len(text) - 1, text[c0:-1]), "indirect"))
    run(doc)
    assert [v.type for v in doc.events] == ["REJECT"]
    v = doc.events[0]
    assert v.actors == ["as"] and v.targets == ["er"]
    assert len(v.to_dict()["mentions"]) == 2


def test_founding_article_through_the_pipeline(founding_text):
    from rawi.ingest import from_text
    from rawi.pipeline import process

    doc = process(from_text(founding_text)).validate()
    types = [v.type for v in doc.events]
    assert "CONSULT" in types and "REJECT" in types and "THREATEN" in types
    dates = {v.date for v in doc.events if v.type == "CONSULT"}
    if doc.timexes:  # with the time stage in place
        assert {"2024-11-26", "2024-11-29"} <= dates
    assert [v.id for v in doc.events] == [f"v{n}" for n in range(1, len(doc.events) + 1)]
    assert [v.trigger.start for v in doc.events] == sorted(v.trigger.start for v in doc.events)


def test_deictic_date_against_processing_day_is_no_evidence():
    text = "قصفت طائرات إسرائيلية مواقع في جنوب لبنان أمس."
    doc = make(text, {"il": ("GPE", ["إسرائيلية"])})
    i = text.index("أمس")
    doc.timexes.append(Timex("t1", i, i + 3, "أمس", "DATE", "2026-11-28", anchor="today"))
    assert run(doc, gate=False).events[0].date is None
    doc = make(text, {"il": ("GPE", ["إسرائيلية"])})
    doc.timexes.append(Timex("t1", i, i + 3, "أمس", "DATE", "2024-10-04", anchor="published"))
    v = run(doc, gate=False).events[0]
    assert (v.date, v.time) == ("2024-10-04", "t1")


def test_conditional():
    doc = run(make("وقال إنه إذا هاجمت إسرائيل المنشآت النووية فسترد طهران بقوة.",
                   {"il": ("GPE", ["إسرائيل"]), "ir": ("GPE", ["طهران"])}))
    v = next(v for v in doc.events if v.type == "ASSAULT")
    assert v.modality == "conditional" and v.actors == ["il"]


def test_purpose_of_a_trip_gives_targets_not_an_event():
    text = "توجه الرئيس السوري إلى موسكو للقاء الرئيس الروسي فلاديمير بوتين."
    doc = run(make(text, {"sy": ("GPE", ["السوري"]), "mo": ("GPE", ["موسكو"]), "ru": ("GPE", ["الروسي"]),
                          "pu": ("PER", ["فلاديمير بوتين"])}))
    assert [(v.type, v.mode) for v in doc.events] == [("CONSULT", "visit")]
    v = doc.events[0]
    assert v.actors == ["sy"] and v.location == "mo" and {"mo", "pu"} <= set(v.targets)


def _pipeline(text: str, published: str = "2024-01-03") -> Document:
    from rawi.ingest import from_text
    from rawi.pipeline import process

    return process(from_text(text, published=published)).validate()


def _names(doc: Document, ids: list[str]) -> set[str]:
    by_id = {e.id: e.name for e in doc.entities}
    return {by_id[i] for i in ids}


def test_one_air_strike_and_its_toll_are_one_event():
    """"شنت … غارة … ما أسفر عن مقتل": three ASSAULT mentions of one strike, one record with the
    most specific mode, every trigger in ``mentions`` and the union of the arguments."""
    doc = _pipeline("شنت الطائرات السورية غارة جوية على بلدة سرمدا في ريف إدلب، ما أسفر عن مقتل ثلاثة مدنيين.")
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert len(evs) == 1, [(v.trigger.text, v.mode) for v in evs]
    v = evs[0]
    assert v.mode == "aerial" and v.trigger.text == "غارة"
    assert [m.text for m in v.mentions] == ["شنت", "غارة", "مقتل"]
    assert v.actors and v.targets and v.location  # the attacker of شنت, the target and place of غارة


def test_car_bomb_casualties_are_one_event():
    doc = _pipeline("قتل خمسة أشخاص وأصيب عشرون آخرون في انفجار سيارة مفخخة في بغداد أمس.")
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert len(evs) == 1, [(v.trigger.text, v.mode) for v in evs]
    v = evs[0]
    assert v.mode == "explosives" and v.trigger.text == "انفجار"
    assert {"قتل", "وأصيب", "انفجار"} <= {m.text for m in v.mentions}
    assert _names(doc, [v.location]) == {"بغداد"} and v.date == "2024-01-02"


def test_separate_attacks_in_one_sentence_stay_separate():
    # two attackers, two places, two days: two events
    doc = _pipeline("قصفت الطائرات الروسية بلدة سرمدا يوم الاثنين، وهاجم مسلحو داعش حاجزا للجيش في دير الزور "
                    "يوم الثلاثاء.")
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert [(v.trigger.text, v.mode) for v in evs] == [("قصفت", "aerial"), ("وهاجم", "attack")]
    assert evs[0].actors != evs[1].actors and evs[0].date != evs[1].date
    # one attacker, two targets: two strikes
    doc = _pipeline("قصفت الطائرات الروسية بلدة سرمدا في إدلب، وقصفت مدينة الباب في ريف حلب.")
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert len(evs) == 2, [(v.trigger.text, [m.text for m in v.mentions]) for v in evs]


def test_attack_and_reply_are_not_merged():
    # an attack and the reply to it: different attackers (the first one's target attacks back)
    text = "هاجم مسلحو طالبان القوات الأفغانية في قندهار، فقصفت القوات الأفغانية مواقع طالبان."
    doc = run(make(text, {"tb": ("ORG", ["طالبان"]), "af": ("ORG", ["القوات الأفغانية"]),
                          "kd": ("GPE", ["قندهار"])}), gate=False)
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert len(evs) == 2, [(v.trigger.text, v.actors, v.targets) for v in evs]


def test_processing_date_is_no_evidence_for_an_event_date():
    # no publication date: a bare weekday resolved against today must not date the event
    from rawi.ingest import from_text
    from rawi.pipeline import process

    doc = process(from_text("التقى وزير الخارجية السعودي نظيره الإيراني يوم الأحد في الرياض."))
    assert doc.timexes and doc.timexes[0].anchor == "today"
    assert doc.events and all(v.date is None for v in doc.events)
    dated = process(from_text("التقى وزير الخارجية السعودي نظيره الإيراني يوم الأحد في الرياض.",
                              published="2024-03-12"))
    assert [v.date for v in dated.events] == ["2024-03-10"]


@pytest.mark.parametrize("text", [
    "الرئيس السوري بشار الأسد التقى أمس وزير الخارجية الإيراني في دمشق.",
    "وكان الرئيس السوري بشار الأسد قد استقبل وزير الخارجية الإيراني في دمشق.",
    "بشار الأسد يلتقي وزير الخارجية الإيراني في دمشق.",
])
def test_titled_subject_before_the_verb_is_the_actor(text):
    # SVO with the subject's title in front of its name, an adverb or "كان … قد" around the verb
    from rawi.ingest import from_text
    from rawi.pipeline import process

    doc = process(from_text(text, published="2024-05-02"))
    names = {e.id: e.name_en for e in doc.entities}
    (ev,) = doc.events
    assert ev.type == "CONSULT"
    assert [names[a] for a in ev.actors] == ["Bashar al-Assad"]
    assert "Hossein Amir-Abdollahian" in [names[t] for t in ev.targets]


@pytest.mark.parametrize("text, kb_id", [
    ("وأفادت مصادر مطلعة للميادين بأن الجيش السوري سيطر على بلدة خان شيخون.", "sy.army"),
    ("وذكرت مصادر ميدانية بأن الجيش العربي السوري سيطر على بلدة خان شيخون.", "sy.army"),
    ("وقال مصدر أمني إن الجيش العراقي سيطر على بلدة القائم.", "iq.army"),
    ("وأكدت مصادر لبنانية أن الجيش اللبناني سيطر على بلدة عرسال.", "lb.army"),
])
def test_army_after_a_complementiser_is_the_actor(text, kb_id):
    # the subject right after "بأن/أن/إن" opens the reported clause: the army is the actor
    doc = _pipeline(text, published="2023-05-02")
    kb = {e.id: e.kb_id for e in doc.entities}
    (ev,) = [v for v in doc.events if v.mode == "seize"]
    assert ev.type == "COERCE" and kb_id in [kb[a] for a in ev.actors]


@pytest.mark.parametrize("surface, kb_id", [
    ("الجيش الإسرائيلي", "il.idf"), ("جيش الاحتلال الإسرائيلي", "il.idf"), ("الجيش اللبناني", "lb.army"),
    ("الجيش العراقي", "iq.army"), ("الجيش التركي", "tr.armed_forces"), ("القوات التركية", "tr.armed_forces"),
    ("الجيش السوري", "sy.army"), ("الجيش العربي السوري", "sy.army"),
])
def test_national_armies_are_linked(surface, kb_id):
    doc = _pipeline(f"وقال مصدر إن {surface} قصف مواقع في المنطقة.", published="2023-05-02")
    assert kb_id in {e.kb_id for e in doc.entities}


@pytest.mark.parametrize("text, etype, actor, target, modality", [
    ("قال وزير الخارجية الأمريكي أنتوني بلينكن إن الولايات المتحدة ستواصل دعم أوكرانيا.",
     "SUPPORT", "geo.us", "geo.ua", "planned"),
    ("وتواصل الولايات المتحدة دعم أوكرانيا عسكريا.", "SUPPORT", "geo.us", "geo.ua", None),
    ("وواصلت روسيا قصف مدينة خاركيف.", "ASSAULT", "geo.ru", None, None),
])
def test_masdar_after_a_verb_of_continuing_is_the_event(text, etype, actor, target, modality):
    # "ستواصل دعم": the masdar is the event, the continuing verb's subject its actor, what
    # follows the masdar its object; a future س on the continuing verb makes it planned
    doc = _pipeline(text, published="2023-05-02")
    kb = {e.id: e.kb_id for e in doc.entities}
    (ev,) = [v for v in doc.events if v.type == etype]
    assert [kb[a] for a in ev.actors] == [actor]
    if target:
        assert [kb[t] for t in ev.targets] == [target]
    else:
        assert ev.targets and actor not in [kb[t] for t in ev.targets]
    assert ev.modality == modality


@pytest.mark.parametrize("text", [
    "وأفادت مصادر مطلعة بأن الجيش السوري سيطر على بلدة خان شيخون.",  # SVO after a complementiser
    "وسيطر الجيش السوري على بلدة خان شيخون.",  # VSO, target after على
])
def test_state_nested_in_an_organisation_is_not_a_separate_argument(text):
    # the entities stage adds Syria for "السوري" inside "الجيش السوري" (a mention of the state);
    # as an argument the words are the army's: one actor, and the place after على the target
    doc = _pipeline(text, published="2019-08-20")
    kb = {e.id: e.kb_id for e in doc.entities}
    assert "geo.sy" in kb.values()  # the nested mention itself is kept
    (ev,) = [v for v in doc.events if v.mode == "seize"]
    assert [kb[a] for a in ev.actors] == ["sy.army"]
    assert [kb[t] for t in ev.targets] == ["sy.khan_shaykhun"]


def test_nested_state_does_not_become_the_object_of_a_vso_attack():
    doc = _pipeline("وقصفت القوات التركية مواقع للمسلحين الأكراد في شمال سوريا.", published="2019-08-20")
    kb = {e.id: e.kb_id for e in doc.entities}
    (ev,) = [v for v in doc.events if v.type == "ASSAULT"]
    assert [kb[a] for a in ev.actors] == ["tr.armed_forces"]
    assert "geo.tr" not in [kb[t] for t in ev.targets]


@pytest.mark.parametrize("text, ents, actor, target", [
    ("استهدفت طائرات إسرائيلية مواقع لحزب الله في جنوب لبنان.",
     {"il": ("GPE", ["إسرائيلية"]), "hz": ("ORG", ["حزب الله"]), "lb": ("LOC", ["جنوب لبنان"])}, "il", "hz"),
    ("وشنت الطائرات الأمريكية غارات على مواقع لتنظيم داعش في سوريا.",
     {"us": ("GPE", ["الأمريكية"]), "is": ("ORG", ["تنظيم داعش"]), "sy": ("GPE", ["سوريا"])}, "us", "is"),
])
def test_possessor_of_a_bare_object_noun_is_the_target(text, ents, actor, target):
    # "مواقع لحزب الله": the object is a common noun, the ل-marked entity owning it the target;
    # "في جنوب لبنان" stays the location
    doc = run(make(text, ents, published="2024-10-05"), gate=False)
    (ev,) = [v for v in doc.events if v.type == "ASSAULT"]
    assert ev.actors == [actor] and ev.targets == [target]
    assert ev.location in ("lb", "sy")


def test_genitive_lam_is_no_target_of_a_meeting():
    # the genitive-object rule is for physical objects (assaults, coercion, sanctions) only
    text = "واستقبل الأسد وفدا لحزب الله في دمشق."
    doc = run(make(text, {"as": ("PER", ["الأسد"]), "hz": ("ORG", ["حزب الله"]), "dm": ("GPE", ["دمشق"])}),
              gate=False)
    ev = next(v for v in doc.events if v.type == "CONSULT")
    assert "hz" not in ev.targets


def test_coordinated_vso_subject_leaves_the_object_as_target():
    # "الروس والإيرانيين" is one coordinated subject; the object after it is the target
    text = "وهاجم الروس والإيرانيين مدينة إدلب."
    doc = run(make(text, {"ru": ("GPE", ["الروس"]), "ir": ("GPE", ["الإيرانيين"]), "id": ("GPE", ["مدينة إدلب"])}),
              gate=False)
    (ev,) = [v for v in doc.events if v.type == "ASSAULT"]
    assert ev.actors == ["ru", "ir"] and ev.targets == ["id"]


def test_passive_agent_after_min_qibal_with_a_head_noun():
    # "قبل" opens a clause ("قبل أن"), but not in the agent phrase "من قبل"
    text = "قُصفت مدينة حلب من قبل الطائرات الروسية."
    doc = run(make(text, {"al": ("GPE", ["مدينة حلب"]), "ru": ("GPE", ["الروسية"])}), gate=False)
    (ev,) = [v for v in doc.events if v.type == "ASSAULT"]
    assert ev.actors == ["ru"] and ev.targets == ["al"]


def test_svo_subject_of_head_noun_and_nisba_adjective():
    # "أن الطائرات الروسية قصفت": the subject phrase opens the reported clause; the state the
    # adjective names is the actor, as in the VSO "قصفت الطائرات الروسية"
    text = "وأعلنت وزارة الدفاع الروسية أن الطائرات الروسية قصفت مواقع في إدلب."
    doc = run(make(text, {"ru": ("GPE", ["الروسية"]), "id": ("GPE", ["إدلب"])}), gate=False)
    (ev,) = [v for v in doc.events if v.type == "ASSAULT"]
    assert ev.actors == ["ru"] and ev.location == "id"


def test_headline_event_noun_with_an_adjective_actor():
    """"هجوم إسرائيلي على مواقع لحزب الله": the indefinite noun opens the headline, its actor the
    nisba adjective after it, its target after على; through the whole pipeline, gate included."""
    doc = _pipeline("هجوم إسرائيلي على مواقع لحزب الله في جنوب لبنان\n\nقالت مصادر محلية إن القصف استمر ساعات.")
    [ev] = [v for v in doc.events if v.type == "ASSAULT" and v.trigger.text == "هجوم"]
    assert _names(doc, ev.actors) == {"إسرائيل"} and _names(doc, ev.targets) == {"حزب الله"}


def test_bare_mentions_in_other_sentences_are_other_happenings():
    """Two sentences that each report a targeting with no participant found are two events; a
    definite noun in the next one ("الهجوم") names the last of them again."""
    doc = run(Document(text="استهدفت المقاومة موقعا عسكريا صباح اليوم. ثم استهدفت المقاومة تجمعا للجنود عصرا. "
                            "وقال مصدر إن الهجوم أوقع إصابات.", published="2024-04-22"), gate=False)
    evs = [v for v in doc.events if v.type == "ASSAULT"]
    assert [[m.text for m in v.mentions] for v in evs] == [["استهدفت"], ["استهدفت", "الهجوم"]]


def test_who_announces_an_act_did_it_but_not_a_death_toll():
    """"أعلنت X اعتقال Y": X made the arrest; "أعلنت وزارة الصحة مقتل …" names no killer."""
    police = Entity("e1", "ORG", "الشرطة العراقية", mentions=[])
    doc = Document(text="أعلنت الشرطة العراقية اعتقال خمسة مسلحين في بغداد.", published="2024-04-22")
    police.mentions = [doc.span(6, 21)]
    doc.entities = [police]
    [ev] = run(doc, gate=False).events
    assert ev.type == "COERCE" and ev.actors == ["e1"]
    doc = Document(text="أعلنت وزارة الصحة مقتل خمسة مدنيين وجرح عشرات.", published="2024-04-22")
    ministry = Entity("e1", "ORG", "وزارة الصحة", mentions=[doc.span(6, 17)])
    doc.entities = [ministry]
    evs = run(doc, gate=False).events
    assert [ev.type for ev in evs] == ["ASSAULT"] and evs[0].actors == []
