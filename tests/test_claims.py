"""The claims stage: reported speech, its content, speaker, chain (isnad), stance and kind.

Documents are built by hand with the entities the entities stage would give, so that
these tests read the claims stage alone.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from rawi.claims import annotate
from rawi.claims.cues import lexicon, readings, words
from rawi.document import Document, Entity, Span
from rawi.settings import DEFAULT

SAQR = ("e1", "PER", "كامل صقر", ["كامل صقر", "صقر"])
ASSAD = ("e2", "PER", "بشار الأسد", ["بشار الأسد", "الأسد"])
PUTIN = ("e3", "PER", "فلاديمير بوتين", ["فلاديمير بوتين", "بوتين"])
IRAN = ("e4", "GPE", "إيران", ["إيران", "الإيرانيين", "الإيرانية"])
SABBAGH = ("e5", "PER", "بسام صباغ", ["بسام صباغ"])
PESKOV = ("e6", "PER", "دميتري بيسكوف", ["دميتري بيسكوف", "بيسكوف"])
RUSSIA = ("e7", "GPE", "روسيا", ["روسيا", "الروس"])


def make(text: str, *entities) -> Document:
    """A document with the given entities' mentions found in the text (longest first)."""
    doc = Document(text=text)
    taken: list[tuple[int, int]] = []
    for eid, typ, name, surfaces in entities:
        spans = []
        for s in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(re.escape(s), text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                spans.append(Span(m.start(), m.end(), s))
        doc.entities.append(Entity(eid, typ, name, None, None, [], spans))
    return doc


def run(doc: Document) -> Document:
    annotate(doc, DEFAULT)
    doc.validate()
    return doc


def names(doc: Document, chain: list[str]) -> list[str]:
    return [doc.entity(i).name for i in chain]


def claim_with(doc: Document, fragment: str):
    """The innermost claim whose content holds ``fragment``."""
    hits = [c for c in doc.claims if fragment in c.content.text]
    assert hits, f"no claim contains {fragment!r}: {[c.content.text for c in doc.claims]}"
    return min(hits, key=lambda c: c.content.end - c.content.start)


# ---- lexicon ---------------------------------------------------------------------------
def test_inflected_forms_are_generated_from_the_compact_description():
    lex = lexicon()
    for form in ("قالت", "يقولون", "قالوا", "أكدوا", "تؤكد", "وأضاف", "فأوضح", "مؤكدة", "مشيرين",
                 "نفت", "نفوا", "ادعت", "يدعون", "حذروا", "طالبت", "بالإشارة", "قيل", "يقال"):
        from rawi.arabic import normalize

        assert normalize(form) in lex, form


def test_passive_read_only_with_a_damma_on_the_first_letter():
    doc = Document(text="أُبلغ الأسد أن الروس لن يتدخلوا. أبلغ الأسد بوتين أن الجيش انسحب.")
    ws = words(doc)
    first, second = ws[0], ws[[w.text for w in ws].index("أبلغ")]
    assert readings(first)[0].form == "passive"
    assert readings(second)[0].form == "finite"


# ---- content and speakers --------------------------------------------------------------
def test_quotation_with_the_speaker_after_it_and_a_participle_that_goes_on():
    text = ("“اللقاء اقتصر على الأسد ومرافقه الشخصي، واستمر حوالي ساعة،” يقول صقر، مؤكدًا أن نتائج "
            "اللقاء لم تحقق الغايات التي سافر الأسد من أجلها. فقد طلب الأسد من بوتين تسهيل نقل المساعدات.")
    doc = run(make(text, SAQR, ASSAD, PUTIN))
    assert [c.id for c in doc.claims] == ["c1", "c2"]
    quote, participle = doc.claims
    assert quote.kind == "direct"
    assert quote.content.text == "اللقاء اقتصر على الأسد ومرافقه الشخصي، واستمر حوالي ساعة"
    assert quote.cue.text == "يقول"
    assert names(doc, quote.chain) == ["كامل صقر"]
    assert participle.kind == "indirect" and participle.cue.text == "مؤكدًا"
    assert participle.content.text == "نتائج اللقاء لم تحقق الغايات التي سافر الأسد من أجلها"
    assert names(doc, participle.chain) == ["كامل صقر"]


def test_quotation_over_two_sentences_ends_at_its_closing_mark():
    text = ("وقال وزير الخارجية بسام صباغ: «لن نقبل بأي شروط مسبقة للحوار. سوريا دولة ذات سيادة وقرارها "
            "مستقل». وغادر الوفد دمشق مساء اليوم.")
    doc = run(make(text, SABBAGH))
    assert len(doc.claims) == 1
    c = doc.claims[0]
    assert c.kind == "direct"
    assert c.content.text == "لن نقبل بأي شروط مسبقة للحوار. سوريا دولة ذات سيادة وقرارها مستقل"
    assert names(doc, c.chain) == ["بسام صباغ"]


def test_nested_chain_of_three():
    text = "أشار صقر إلى أن الاجتماع كان متوترًا، حيث أوضح الأسد أن بوتين أكد أن الروس لن يرسلوا قوات إضافية."
    doc = run(make(text, SAQR, ASSAD, PUTIN, RUSSIA))
    outer = claim_with(doc, "الاجتماع كان متوترًا")
    middle = claim_with(doc, "بوتين أكد")
    assert outer.content.text.startswith("الاجتماع كان متوترًا، حيث أوضح الأسد")
    inner = claim_with(doc, "الروس لن يرسلوا")
    assert names(doc, outer.chain) == ["كامل صقر"]
    assert middle is not outer and names(doc, middle.chain) == ["كامل صقر", "بشار الأسد"]
    assert inner.content.text == "الروس لن يرسلوا قوات إضافية"
    assert names(doc, inner.chain) == ["كامل صقر", "بشار الأسد", "فلاديمير بوتين"]


def test_svo_subject_and_an_implied_subject_that_continues_the_speaker():
    text = ("صقر وصف الأيام الأخيرة بأنها مليئة بالاتصالات السياسية المكثفة، وأضاف أن المفاوضات كانت "
            "تهدف إلى صيغة انتقالية.")
    doc = run(make(text, SAQR))
    first = claim_with(doc, "مليئة بالاتصالات")
    second = claim_with(doc, "المفاوضات كانت")
    assert first is not second
    assert first.content.text == "مليئة بالاتصالات السياسية المكثفة"  # the second cue cuts the first
    assert names(doc, first.chain) == names(doc, second.chain) == ["كامل صقر"]


def test_passive_report_keeps_the_recipient_and_names_no_speaker():
    text = "وأُبلغ بسام صباغ خلال اللقاء أن واشنطن لن ترفع العقوبات قريبًا."
    doc = run(make(text, SABBAGH))
    assert len(doc.claims) == 1
    c = doc.claims[0]
    assert c.content.text == "واشنطن لن ترفع العقوبات قريبًا"
    assert c.recipient == "e5" and c.chain == []
    assert c.cue.text == "أُبلغ"


def test_passive_report_under_an_attribution_keeps_the_outer_chain():
    text = ("وفقًا لصقر، أُبلغ الأسد خلال لقائه ببوتين أن الأخير سيتخذ خطوات لتسهيل نقل المساعدات. "
            "إلا أن الإيرانيين أبلغوا النظام لاحقًا أن طائراتهم مُنعت من عبور الأجواء العراقية.")
    doc = run(make(text, SAQR, ASSAD, PUTIN, IRAN))
    outer = doc.claims[0]
    assert outer.kind == "according_to" and names(doc, outer.chain) == ["كامل صقر"]
    passive = claim_with(doc, "الأخير سيتخذ")
    assert passive is not outer
    assert passive.recipient == "e2" and names(doc, passive.chain) == ["كامل صقر"]
    iran = claim_with(doc, "طائراتهم مُنعت")
    assert iran.content.text == "طائراتهم مُنعت من عبور الأجواء العراقية"
    assert names(doc, iran.chain) == ["كامل صقر", "إيران"]


def test_paragraph_under_according_to():
    text = ("وفقًا لصقر، غادر الأسد القصر حوالي الساعة الثالثة فجرًا. وكانت طائرة روسية تنتظره في "
            "قاعدة حميميم.\nوفي سياق آخر، عقد مجلس الأمن جلسة طارئة.")
    doc = run(make(text, SAQR, ASSAD))
    assert len(doc.claims) == 1
    c = doc.claims[0]
    assert c.kind == "according_to" and c.cue.text.startswith("وفقًا")
    assert c.content.text == ("غادر الأسد القصر حوالي الساعة الثالثة فجرًا. وكانت طائرة روسية تنتظره في "
                              "قاعدة حميميم.".rstrip("."))
    assert "مجلس الأمن" not in c.content.text
    assert names(doc, c.chain) == ["كامل صقر"]


def test_attribution_at_the_end_of_a_sentence_governs_what_comes_before():
    text = "وقُتل ثلاثة جنود في الهجوم، بحسب مصادر طبية محلية. وعاد الهدوء إلى المنطقة مساءً."
    doc = run(make(text))
    assert len(doc.claims) == 1
    c = doc.claims[0]
    assert c.kind == "according_to" and c.content.text == "وقُتل ثلاثة جنود في الهجوم"
    src = doc.entity(c.chain[0])
    assert src.anonymous and src.name == "مصادر طبية محلية"


def test_anonymous_sources_become_entities_with_their_outlet_or_organisation():
    text = ("وقال مصدر عسكري سوري للميادين إن الدفاعات الجوية تصدت لصواريخ إسرائيلية فوق ريف دمشق. "
            "وأضاف المصدر أن الأضرار اقتصرت على الماديات. "
            "من جهته، أكد مصدر في وزارة الدفاع أن التحقيقات جارية.")
    doc = run(make(text, SAQR, ASSAD))
    first = claim_with(doc, "الدفاعات الجوية")
    again = claim_with(doc, "الأضرار اقتصرت")
    other = claim_with(doc, "التحقيقات جارية")
    src = doc.entity(first.chain[-1])
    assert src.anonymous and src.type == "PER" and src.id == "e3"  # numbering continues
    assert src.name == "مصدر عسكري سوري" and "الميادين" in src.roles
    assert again.chain == first.chain  # "المصدر" refers back to the same source
    org = doc.entity(other.chain[-1])
    assert org.id != src.id and org.anonymous
    assert org.name == "مصدر في وزارة الدفاع" and org.roles == ["وزارة الدفاع"]
    assert {m.text for m in src.mentions} == {"مصدر عسكري سوري", "المصدر"}


def test_denial_warning_demand_and_distanced_stances():
    text = ("ونفى المتحدث باسم الكرملين دميتري بيسكوف أن يكون بوتين قد التقى الأسد في موسكو. "
            "وحذّر صقر من أن انهيار الجيش بات وشيكًا. "
            "وطالب الأسد بانسحاب القوات التركية من الأراضي السورية. "
            "وزعم بيسكوف أن الاتصالات لم تنقطع.")
    doc = run(make(text, SAQR, ASSAD, PUTIN, PESKOV))
    denial = claim_with(doc, "يكون بوتين")
    assert denial.stance == "denial" and names(doc, denial.chain) == ["دميتري بيسكوف"]
    warning = claim_with(doc, "انهيار الجيش")
    assert warning.stance == "warning" and names(doc, warning.chain) == ["كامل صقر"]
    demand = claim_with(doc, "بانسحاب القوات")
    assert demand.stance == "demand" and names(doc, demand.chain) == ["بشار الأسد"]
    distanced = claim_with(doc, "الاتصالات لم تنقطع")
    assert distanced.stance == "distanced"


def test_reporting_verbs_that_report_nothing_make_no_claim():
    text = ("أشار الحكم بيده إلى أن المباراة انتهت، وسط احتجاج لاعبي الفريق الضيف. "
            "قال النجم السوري كلمته في الملعب، وقاد فريقه إلى الفوز. "
            "وأعلن المدرب الحرب على الأخطاء الدفاعية. "
            "وتابع الفريق تدريباته استعدادًا للمباراة المقبلة.")
    doc = run(make(text))
    assert doc.claims == []


def test_unattributed_narration_is_no_claim():
    text = ("بدأ الأسد يشعر بالعزلة عندما فشل في التواصل مع بوتين بعد عودته إلى دمشق. "
            "هذا الواقع أثار شكوك الأسد حول مدى جدية بوتين في دعمه.")
    doc = run(make(text, ASSAD, PUTIN))
    assert doc.claims == []


def test_coordinated_clause_of_another_speaker_is_not_nested():
    text = "قال صقر إن الأسد رفض اللقاء، فيما قال بسام صباغ إن المفاوضات مستمرة."
    doc = run(make(text, SAQR, ASSAD, SABBAGH))
    first = claim_with(doc, "الأسد رفض")
    second = claim_with(doc, "المفاوضات مستمرة")
    assert first.content.text == "الأسد رفض اللقاء"
    assert names(doc, second.chain) == ["بسام صباغ"]


def test_claims_in_text_order_with_exact_offsets(founding_text):
    doc = run(make(founding_text, SAQR, ASSAD, PUTIN, IRAN, RUSSIA))
    assert [c.id for c in doc.claims] == [f"c{i}" for i in range(1, len(doc.claims) + 1)]
    starts = [min(c.content.start, c.cue.start if c.cue else c.content.start) for c in doc.claims]
    assert starts == sorted(starts)
    for c in doc.claims:
        assert doc.text[c.content.start:c.content.end] == c.content.text


# ---- the founding article through the whole pipeline, scored by the shared scorer -------
def test_founding_article_scores(shared):
    from rawi.ingest import load_path
    from rawi.pipeline import process, stage_names

    if "entities" not in stage_names():
        pytest.skip("the entities stage is not registered")
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    import json

    gold = json.loads((shared / "gold" / "palace-leaks.json").read_text(encoding="utf-8"))
    doc = process(load_path(shared / gold["input"], published=gold["published"]))
    doc.validate()
    result = score.Doc(gold, json.loads(doc.to_json())).score()["claims"]
    assert result["f1"] >= 0.9, result
    assert result["speaker_acc"] >= 0.95, result
    assert result["chain_acc"] >= 0.8, result


def test_connective_before_the_cue_and_distanced_attribution():
    text = ("انهار الجيش في غضون أيام قليلة، كما يقول صقر. "
            "وبحسب ما يُزعم، غادر الأسد القصر على متن طائرة روسية.")
    doc = run(make(text, SAQR, ASSAD))
    first = claim_with(doc, "انهار الجيش")
    assert first.content.text == "انهار الجيش في غضون أيام قليلة" and first.cue.text == "يقول"
    assert names(doc, first.chain) == ["كامل صقر"]
    second = claim_with(doc, "غادر الأسد")
    assert second.kind == "according_to" and second.stance == "distanced" and second.chain == []


def test_headline_name_and_colon_and_an_outlet_in_construct():
    text = ("بسام صباغ: لن نقبل بأي شروط مسبقة للحوار\n"
            "وأفادت مصادر الميادين بأن الاشتباكات تجددت في ريف حلب الشمالي.")
    doc = run(make(text, SABBAGH))
    head = claim_with(doc, "شروط مسبقة")
    assert head.kind == "direct" and head.cue is None and names(doc, head.chain) == ["بسام صباغ"]
    src = doc.entity(claim_with(doc, "الاشتباكات تجددت").chain[-1])
    assert src.anonymous and src.name == "مصادر الميادين" and src.roles == ["الميادين"]


def test_relayed_report_puts_the_relaying_outlet_before_the_source():
    sana = ("e8", "ORG", "الوكالة العربية السورية للأنباء", ["وكالة سانا"])
    text = "ونقلت وكالة سانا عن مصدر عسكري أن الدفاعات الجوية تصدت لعدوان إسرائيلي على ريف دمشق."
    doc = run(make(text, sana))
    c = claim_with(doc, "الدفاعات الجوية")
    assert c.content.text == "الدفاعات الجوية تصدت لعدوان إسرائيلي على ريف دمشق"
    assert c.chain[0] == "e8" and doc.entity(c.chain[1]).name == "مصدر عسكري"


# ---- rule word lists -------------------------------------------------------------------
def test_rule_words_are_normalised_on_loading_like_the_tokens():
    # the lists are compared with normalised tokens: a form spelt "الى"/"على"/"لدى" must not be
    # left unmatchable (ى → ي, ة → ه, أ إ آ → ا, marks dropped)
    from rawi.arabic.normalize import normalize
    from rawi.claims.cues import DATA, rule_set, rule_words
    from rawi.lexicon import load_yaml

    keys = load_yaml(DATA)["rule_words"]
    assert keys
    for key, raw in keys.items():
        loaded = rule_words(key)
        assert loaded == tuple(normalize(str(w)) for w in raw), key
        assert all(normalize(w) == w for w in loaded), (key, loaded)
    assert {"الي", "علي", "لدي"} <= rule_set("name_preps")
    assert {"الي", "علي"} <= rule_set("comp_preps")
    assert rule_words("opens_plain") == ("ان",) and rule_words("opens_bi") == ("بان",)


def test_preposition_before_the_complementiser_ends_the_subject():
    # "لفتت وزارة الخارجية إلى أنّ": the subject stops at "إلى أن", not run on into the content
    mofa = ("e8", "ORG", "وزارة الخارجية السورية", ["وزارة الخارجية والمغتربين السورية"])
    syria = ("e9", "GPE", "سوريا", ["سوريا"])
    text = ("أعلنت وزارة الخارجية والمغتربين السورية رفضها التقرير. ولفتت وزارة الخارجية إلى أنّ "
            "\"سوريا تطالب جميع الدول بتحمل مسؤولياتها\".")
    doc = run(make(text, mofa, syria))
    outer = claim_with(doc, "سوريا تطالب")
    assert outer.cue.text == "لفتت" and outer.content.text == "سوريا تطالب جميع الدول بتحمل مسؤولياتها"
    assert names(doc, outer.chain) == ["وزارة الخارجية السورية"]
    inner = claim_with(doc, "بتحمل")
    assert names(doc, inner.chain) == ["وزارة الخارجية السورية", "سوريا"]


def test_verb_without_a_subject_before_على_أن_goes_on_with_the_speaker():
    text = "وقال بسام صباغ إن العقوبات غير شرعية. وشدّد على أنّ النهب الأميركي تسبب بحرمان الشعب من موارده."
    doc = run(make(text, SABBAGH))
    c = claim_with(doc, "النهب الأميركي")
    assert c.content.text == "النهب الأميركي تسبب بحرمان الشعب من موارده"
    assert names(doc, c.chain) == ["بسام صباغ"]


def test_verb_without_a_subject_goes_on_with_an_unnamed_subject_not_an_earlier_speaker():
    # "أكّد نشطاء محليون أن …، شدّدوا على أن …": the activists go on; the Russians said something before
    text = ("وقال الروس إن الصور لجامع الفاروق. وفي الوقت الذي أكّد فيه نشطاء محليون لنا أن الجامع "
            "المستهدف يحمل اسم عمر، شدّدوا على أن الجامع في الصور هو جامع آخر.")
    doc = run(make(text, RUSSIA))
    first = claim_with(doc, "الجامع المستهدف")
    second = claim_with(doc, "جامع آخر")
    assert first is not second
    assert first.content.text == "الجامع المستهدف يحمل اسم عمر"  # the second cue cuts the first
    assert second.content.text == "الجامع في الصور هو جامع آخر"
    assert first.chain == second.chain == []


# ---- a title with an organisation in its genitive, then the holder's name -----------------
def _through_pipeline(text: str) -> Document:
    from rawi.ingest import from_text
    from rawi.pipeline import process, stage_names

    if "entities" not in stage_names():
        pytest.skip("the entities stage is not registered")
    return process(from_text(text, published="2023-05-02")).validate()


@pytest.mark.parametrize("text, speaker, fragment", [
    ("وحذر الأمين العام للأمم المتحدة أنطونيو غوتيريش من أن التصعيد في غزة يهدد المنطقة بأسرها.",
     "أنطونيو غوتيريش", "التصعيد في غزة"),
    ("قال المتحدث باسم الخارجية الإيرانية ناصر كنعاني إن طهران لن تتراجع عن موقفها.",
     "ناصر كنعاني", "طهران لن تتراجع"),
    ("قال وزير الخارجية الأمريكي أنتوني بلينكن إن الولايات المتحدة ستواصل دعم أوكرانيا.",
     "أنتوني بلينكن", "ستواصل دعم أوكرانيا"),
])
def test_the_holder_of_a_title_speaks_not_the_organisation_in_its_genitive(text, speaker, fragment):
    doc = _through_pipeline(text)
    c = claim_with(doc, fragment)
    assert names(doc, c.chain) == [speaker]


@pytest.mark.parametrize("text, outlet, source", [
    ("ونقلت وكالة رويترز عن مسؤول عراقي قوله إن بغداد منعت الطائرات الإيرانية من عبور أجوائها.",
     "رويترز", "مسؤول عراقي"),
    ("ونقلت وكالة رويترز عن مسؤول عراقي أن بغداد منعت الطائرات الإيرانية من عبور أجوائها.",
     "رويترز", "مسؤول عراقي"),
    ("نقلت صحيفة نيويورك تايمز عن مصادر مطلعة أن بغداد منعت الطائرات الإيرانية من عبور أجوائها.",
     "نيويورك تايمز", "مصادر مطلعة"),
])
def test_relay_to_an_unnamed_source_and_its_saying_extends_the_chain(text, outlet, source):
    # "نقل X عن Y قوله إن": the masdar after the relayed source is Y's saying, not a new cue
    doc = _through_pipeline(text)
    c = claim_with(doc, "بغداد منعت")
    assert c.cue.text == "نقلت" and c.content.text.startswith("بغداد منعت")
    assert names(doc, c.chain) == [outlet, source]
    assert doc.entity(c.chain[1]).anonymous
    assert len(doc.claims) == 1


def test_an_event_noun_as_object_is_the_content_and_a_denial_denies_it():
    """"نفت روسيا قصف المستشفى": Russia's denial, whose content is the bombing; the event it names
    is Russia's (the denier is the alleged actor) and negated; "أعلنت … استهداف …" the same, asserted."""
    from rawi.pipeline import process

    doc = process(Document(text="نفت روسيا قصف المستشفى في إدلب.", published="2024-04-22"))
    [c] = doc.claims
    assert c.stance == "denial" and c.content.text == "قصف المستشفى في إدلب"
    assert [doc.entity(s).name for s in c.chain] == ["روسيا"]
    [ev] = doc.events
    assert ev.claim == c.id and ev.negated and [doc.entity(a).name for a in ev.actors] == ["روسيا"]
    doc = process(Document(text="أعلنت المقاومة الإسلامية في لبنان اليوم الاثنين استهداف تجمع لجنود الاحتلال.",
                           published="2024-04-22"))
    [c] = doc.claims
    assert c.stance == "assertion" and c.content.text.startswith("استهداف تجمع")
    assert [doc.entity(s).name for s in c.chain] == ["حزب الله"]
