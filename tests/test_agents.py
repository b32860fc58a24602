"""Generic actors (rawi.entities.agents): sectors named by a common noun, with their state."""

from __future__ import annotations

import datetime as dt

from rawi.corpus.merge import actor_key
from rawi.document import Document
from rawi.pipeline import process
from rawi.settings import Settings

SETTINGS = Settings(today=dt.date(2026, 1, 15))


def run(text: str) -> Document:
    doc = Document(text=text, published="2025-03-02")
    process(doc, SETTINGS)
    doc.validate()
    return doc


def agents(doc: Document) -> dict[tuple[str, str | None], list[str]]:
    return {(e.sector, e.state): [doc.text[m.start:m.end] for m in e.mentions] for e in doc.entities if e.sector}


def test_a_state_adjective_gives_the_state_and_a_bare_form_joins_it():
    doc = run("قالت قوات الأمن العراقية إنها فرقت المحتجين في البصرة، وأضافت الشرطة أن الوضع هادئ.")
    found = agents(doc)
    assert found[("police", "IQ")] == ["قوات الأمن العراقية", "الشرطة"]
    assert found[("protesters", None)] == ["المحتجين"]
    police = next(e for e in doc.entities if e.sector == "police")
    assert police.type == "ORG" and police.name_en == "police (Iraq)" and police.kb_id is None
    assert any(e.kb_id == "geo.iq" for e in doc.entities)  # the adjective still names Iraq


def test_the_knowledge_base_wins_and_vague_forms_need_a_state():
    doc = run("قصفت القوات التركية مواقع في الشمال، وقالت السلطات إن التحقيق مستمر.")
    assert not agents(doc)  # القوات التركية is the KB's Turkish Armed Forces; السلطات alone is nobody
    assert any(e.kb_id == "tr.armed_forces" for e in doc.entities)
    doc = run("أعلنت السلطات السودانية حظر التجول.")
    assert list(agents(doc)) == [("government", "SD")]


def test_clitics_and_the_fused_article():
    doc = run("قدمت الجمعية مساعدات للمتظاهرين وللمدنيين في المدينة.")
    names = {e.name for e in doc.entities if e.sector}
    assert names == {"المتظاهرين", "المدنيين"}  # named without the ل that fused with ال
    spans = [doc.text[m.start:m.end] for e in doc.entities if e.sector for m in e.mentions]
    assert "للمتظاهرين" in spans and "للمدنيين" in spans  # the span keeps the fused ل (ل + ال)


def test_a_generic_actor_is_an_event_participant():
    doc = run("سيطرت المعارضة على مدينة حلب بعد معارك عنيفة مع الجيش.")
    [seize] = [v for v in doc.events if v.type == "COERCE"]
    actors = {doc.entity(i).name for i in seize.actors}
    assert actors == {"المعارضة"}


def test_store_keys_merge_by_sector_and_state_only():
    iraqi = {"id": "e1", "type": "ORG", "name": "الشرطة العراقية", "sector": "police", "state": "IQ"}
    other = {"id": "e4", "type": "ORG", "name": "قوات الأمن العراقية", "sector": "police", "state": "IQ"}
    bare = {"id": "e2", "type": "NORP", "name": "المتظاهرون", "sector": "protesters", "state": None}
    assert actor_key(iraqi, 1) == actor_key(other, 2)  # one actor across articles
    assert actor_key(bare, 1) != actor_key(bare, 2)  # protesters somewhere: never merged across articles


def test_the_genitive_of_an_arrest_or_a_killing_is_its_target():
    doc = run("أعلنت الشرطة اعتقال خمسة مسلحين في بغداد.")
    [arrest] = [v for v in doc.events if v.type == "COERCE"]
    assert [doc.entity(i).name for i in arrest.targets] == ["مسلحين"]
    assert [doc.entity(i).name for i in arrest.actors] == ["الشرطة"]  # who announces the arrest made it
    doc = run("شنت طائرات حربية غارة على بلدة سرمدا، ما أسفر عن مقتل ثلاثة مدنيين.")
    [strike] = [v for v in doc.events if v.type == "ASSAULT"]  # the toll is the same strike
    assert "مدنيين" in [doc.entity(i).name for i in strike.targets]


def test_a_crowd_is_an_actor_and_still_a_protest_trigger():
    doc = run("تظاهر آلاف المحتجين أمس أمام البرلمان في بغداد للمطالبة بإصلاحات.")
    assert agents(doc)[("protesters", None)] == ["المحتجين"]
    from rawi.events import candidates

    words = {doc.text[m.start:m.end] for c in candidates(doc) if c.type == "PROTEST" for m in c.mentions}
    assert words == {"تظاهر", "المحتجين"}  # the crowd noun is a trigger, not hidden by its entity


def test_a_crowd_after_a_verb_is_its_target_though_also_a_trigger():
    doc = run("اعتقلت الشرطة المتظاهرين في بغداد.")
    [arrest] = [v for v in doc.events if v.type == "COERCE"]
    assert [doc.entity(i).name for i in arrest.actors] == ["الشرطة"]
    assert [doc.entity(i).name for i in arrest.targets] == ["المتظاهرين"]
