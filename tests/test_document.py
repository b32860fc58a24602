"""The document model keeps the contract of spec/document.md: offsets, ids, JSON round trip."""

from __future__ import annotations

import json

import pytest

from rawi.document import Claim, Document, DocumentError, Entity, Event, Span, Timex

TEXT = "أشار صقر إلى أن بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر."


def _doc() -> Document:
    doc = Document(text=TEXT, title="عنوان", published="2024-12-10")
    i = TEXT.index("بشار الأسد")
    j = TEXT.index("صقر")
    k = TEXT.index("26 نوفمبر")
    doc.entities = [
        Entity("e1", "PER", "بشار الأسد", "Bashar al-Assad", "sy.bashar_al_assad", [], [doc.span(i, i + 10)]),
        Entity("e2", "PER", "كامل صقر", "Kamel Saqr", None, [], [doc.span(j, j + 3)]),
    ]
    doc.timexes = [Timex("t1", k, k + 9, TEXT[k:k + 9], "DATE", "2024-11-26", "published", True)]
    c = TEXT.index("بشار")
    doc.claims = [Claim("c1", ["e2"], doc.span(0, 4), doc.span(c, len(TEXT) - 1), "indirect")]
    t = TEXT.index("توجه")
    doc.events = [Event("v1", "CONSULT", doc.span(t, t + 4), "visit", ["e1"], [], None, "2024-11-26", "t1",
                        claim="c1")]
    return doc


def test_valid_document_round_trips_through_json():
    doc = _doc().validate()
    d = json.loads(doc.to_json())
    assert d["schema"] == "rawi.document/1"
    assert set(d) >= {"title", "text", "published", "entities", "timexes", "claims", "events"}
    assert d["entities"][0]["mentions"][0]["text"] == "بشار الأسد"
    again = Document.from_dict(d)
    assert again.to_dict() == d


def test_every_span_gives_its_text():
    doc = _doc()
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_span_outside_text_is_refused():
    with pytest.raises(DocumentError):
        _doc().span(0, len(TEXT) + 1)


def test_validator_reports_bad_offsets_and_dangling_ids():
    doc = _doc()
    doc.entities[0].mentions.append(Span(0, 3, "xyz"))
    doc.claims[0].chain.append("e9")
    doc.events[0].time = "t7"
    doc.events[0].date = "2024-13"
    with pytest.raises(DocumentError) as err:
        doc.validate()
    text = " | ".join(err.value.problems)
    assert "do not give 'xyz'" in text
    assert "'e9' does not resolve" in text
    assert "'t7' does not resolve" in text
    assert "2024-13" in text


def test_unknown_types_and_bad_published_are_reported():
    doc = _doc()
    doc.entities[0].type = "PERSON"
    doc.published = "10/12/2024"
    problems = doc.problems()
    assert any("PERSON" in p for p in problems)
    assert any("published" in p for p in problems)


def test_wrong_schema_is_refused():
    d = _doc().to_dict()
    d["schema"] = "other/2"
    with pytest.raises(DocumentError):
        Document.from_dict(d)
