# ruff: noqa: F811  (the store fixtures are imported from corpus_docs and used as arguments)
"""Cross-document merging, contradictions, queries and exports, on hand-annotated documents.

The founding article is annotated after the gold; tests/fixtures/assad-moscow-visit.txt is
a second report of the same Moscow trip by another outlet, written for these tests: it
dates the meeting with Putin a day differently and carries the Kremlin's denial that
Assad asked for military support.
"""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from corpus_docs import annotate, fixture_doc, founding_doc, pg_database, store, store_url  # noqa: F401
from typer.testing import CliRunner

from rawi.cli import app
from rawi.corpus import queries
from rawi.corpus.export import CSV_COLUMNS, export
from rawi.store import add_document


@pytest.fixture
def corpus(store, founding_text):
    add_document(store, founding_doc(founding_text))
    add_document(store, fixture_doc())
    return store


def test_same_event_from_two_articles_is_merged_with_corroboration(corpus):
    tl = queries.timeline(corpus, actor="بشار الأسد")
    assert [(e["date"], e["type"]) for e in tl] == [
        ("2024-11-26", "CONSULT"), ("2024-11-26", "REQUEST"), ("2024-11-29", "CONSULT"), (None, "REJECT")]
    visit = tl[0]
    assert visit["precision"] == "day" and visit["mode"] == "visit" and visit["location"] == "موسكو"
    assert visit["n_reports"] == 2 and visit["n_outlets"] == 2 and visit["n_chains"] == 2
    assert sorted(r["trigger_text"] for r in visit["reports"]) == ["توجه إلى موسكو", "وصل"]
    assert {tuple(r["chain"]) for r in visit["reports"]} == {("كامل صقر",), ("مصدر دبلوماسي روسي",)}
    assert visit["contradictions"] == []
    # Saqr leaving the palace is not Assad's event
    assert all(e["type"] != "OTHER" for e in tl)
    assert len(queries.timeline(corpus)) == 5


def test_contradictions_on_date_and_denial_are_flagged_with_both_sides(corpus):
    tl = {(e["date"], e["type"]): e for e in queries.timeline(corpus, actor="بشار الأسد")}
    meeting = tl[("2024-11-29", "CONSULT")]
    assert meeting["n_reports"] == 2  # "بوتين التقى الأسد" merges with "لقائه ببوتين" (a meeting is symmetric)
    [c] = meeting["contradictions"]
    assert (c["kind"], c["value_a"], c["value_b"]) == ("date", "2024-11-27", "2024-11-29")
    by_id = {r["id"]: r for r in meeting["reports"]}
    assert by_id[c["event_a"]]["trigger_text"] == "التقى" and by_id[c["event_b"]]["trigger_text"] == "لقائه ببوتين"
    request = tl[("2024-11-26", "REQUEST")]
    [c] = request["contradictions"]
    assert (c["kind"], c["value_a"], c["value_b"]) == ("denial", "asserted", "denied")
    by_id = {r["id"]: r for r in request["reports"]}
    assert by_id[c["event_b"]]["chain"] == ["دميتري بيسكوف"] and by_id[c["event_b"]]["stance"] == "denial"
    assert by_id[c["event_a"]]["trigger_text"] == "طلب الأسد من بوتين"


def test_actor_matches_canonical_mention_and_english_names(corpus):
    ids = [e["id"] for e in queries.timeline(corpus, actor="بشار الأسد")]
    assert [e["id"] for e in queries.timeline(corpus, actor="الاسد")] == ids  # a mention, unnormalised spelling
    assert [e["id"] for e in queries.timeline(corpus, actor="Bashar al-Assad")] == ids
    assert queries.timeline(corpus, actor="لا أحد") == []
    assert [e["date"] for e in queries.timeline(corpus, actor="بوتين", date_from="2024-11-27")] == ["2024-11-29"]
    assert [e["type"] for e in queries.timeline(corpus, type="request")] == ["REQUEST"]


def test_actors_and_claims(corpus):
    top = {a["name"]: a for a in queries.actors(corpus)}
    assert top["بشار الأسد"]["n_mentions"] == 6 and top["بشار الأسد"]["n_documents"] == 2
    assert top["بشار الأسد"]["n_events"] == 4
    assert "مصدر دبلوماسي روسي" not in top  # anonymous sources are per document, not corpus actors
    [c] = queries.claims(corpus, speaker="دميتري بيسكوف")
    assert c["stance"] == "denial" and c["content_text"].startswith("أن يكون الأسد قد طلب")
    assert len(queries.claims(corpus, speaker="Kamel Saqr")) == 2


def test_local_actors_merge_conservatively(store):
    def doc(n, name, typ):
        text = f"قال {name} إن الاجتماع عقد في المدينة. (تقرير {n})"
        return annotate(text, source=f"d{n}", entities=[{"id": "e1", "type": typ, "name": name, "mentions": [name]}])

    for n, (name, typ) in enumerate([("سمير حداد", "PER"), ("سمير  حدّاد", "PER"), ("سمير حداد", "ORG"),
                                     ("حداد", "PER")]):
        add_document(store, doc(n, name, typ))
    names = sorted((a["name"], a["type"], a["n_documents"]) for a in queries.actors(store))
    assert names == [("حداد", "PER", 1), ("سمير حداد", "ORG", 1), ("سمير حداد", "PER", 2)]


def test_every_export_reads_back(corpus, tmp_path):
    def run(fmt) -> str:
        buf = io.StringIO()
        export(corpus, fmt, buf)
        return buf.getvalue()

    docs = [json.loads(line) for line in run("jsonl").splitlines()]
    assert len(docs) == 2 and all(d["schema"] == "rawi.document/1" for d in docs)
    rows = list(csv.DictReader(io.StringIO(run("csv"))))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 5
    visit = next(r for r in rows if r["event_date"] == "2024-11-26" and r["event_type"] == "CONSULT")
    assert visit["actor1"] == "بشار الأسد" and "موسكو" in visit["actor2"] and visit["n_outlets"] == "2"
    assert "https://example.org/news/assad-moscow-visit" in visit["document_link"]
    assert "according" not in visit["source_chain"] and "كامل صقر" in visit["source_chain"]
    (tmp_path / "g.graphml").write_text(run("graphml"), encoding="utf-8")
    g = nx.read_graphml(tmp_path / "g.graphml")
    names = {n: d["name"] for n, d in g.nodes(data=True)}
    edge = next((u, v) for u, v in g.edges if names[u] == "بشار الأسد" and names[v] == "فلاديمير بوتين")
    assert g.edges[edge]["events"] == 3  # two meetings and the request
    tl = json.loads(run("timelinejs"))
    assert [e["start_date"] for e in tl["events"]][:2] == [{"year": "2024", "month": "11", "day": "26"}] * 2
    assert all("headline" in e["text"] for e in tl["events"])
    pl = json.loads(run("plover"))
    assert {r["event"] for r in pl} == {"CONSULT", "REQUEST", "REJECT", "OTHER"}
    req = next(r for r in pl if r["event"] == "REQUEST")
    assert req["contradictions"][0]["kind"] == "denial" and req["corroboration"]["reports"] == 2


def test_cli_timeline_lists_events_in_date_order_with_sources(corpus):
    if corpus.dialect != "sqlite":
        pytest.skip("the CLI is checked once, on SQLite")
    db = corpus.url.removeprefix("sqlite:///")
    out = CliRunner().invoke(app, ["timeline", "--actor", "بشار الأسد", "--db", db]).output
    lines = out.splitlines()
    assert lines[0].startswith("2024-11-26 (day)  CONSULT/visit  بشار الأسد → ")
    assert "according to كامل صقر" in out and "وكالة الشام للأنباء" in out
    assert "⚠ denial disagreement" in out and "⚠ date disagreement: 2024-11-27" in out
    assert lines[-2].startswith("(undated)  REJECT")
    dates = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert dates == ["2024-11-26", "2024-11-26", "2024-11-29", "(undated)"]
    out = CliRunner().invoke(app, ["actors", "--db", db, "--limit", "3"]).output
    assert out.splitlines()[0].startswith("بشار الأسد (Bashar al-Assad)  PER [sy.bashar_al_assad]")
    out = CliRunner().invoke(app, ["search", "بالكرملين", "--db", db]).output
    assert "«الكرملين»" in out


def test_event_inside_a_denial_is_denied_and_sourced_by_it(store):
    army = {"id": "e1", "type": "ORG", "name": "الجيش الأول", "mentions": ["الجيش الأول"]}
    town = {"id": "e2", "type": "GPE", "name": "البلدة الشمالية", "mentions": ["البلدة الشمالية"]}
    a = "قصف الجيش الأول البلدة الشمالية فجر الإثنين الثاني من ديسمبر، بحسب السكان."
    add_document(store, annotate(a, source="a", meta={"outlet": "صحيفة أ"}, entities=[army, town], events=[
        {"id": "v1", "type": "ASSAULT", "trigger": "قصف", "actors": ["e1"], "targets": ["e2"], "date": "2024-12-02"}]))
    b = "نفى المتحدث العسكري أن يكون الجيش الأول قد قصف البلدة الشمالية يوم الثاني من ديسمبر."
    spokesman = {"id": "e3", "type": "PER", "name": "المتحدث العسكري", "mentions": ["المتحدث العسكري"]}
    add_document(store, annotate(
        b, source="b", meta={"outlet": "صحيفة ب"}, entities=[army, town, spokesman],
        claims=[{"id": "c1", "chain": ["e3"], "cue": "نفى", "stance": "denial",
                 "content": "أن يكون الجيش الأول قد قصف البلدة الشمالية يوم الثاني من ديسمبر"}],
        events=[{"id": "v1", "type": "ASSAULT", "trigger": "قصف", "actors": ["e1"], "targets": ["e2"],
                 "date": "2024-12-02"}]))
    [ev] = queries.timeline(store, actor="الجيش الأول")
    assert ev["n_reports"] == 2 and ev["n_outlets"] == 2
    [c] = ev["contradictions"]
    assert c["kind"] == "denial"
    denier = next(r for r in ev["reports"] if r["denied"])
    assert denier["chain"] == ["المتحدث العسكري"] and queries.source_line(denier).endswith("[denied]")


def test_reports_naming_no_participant_merge_by_place_and_day(store):
    """"قصف على إدلب" in two outlets the same day is one happening; a week later it is another,
    and a report with no place or no day stays on its own."""
    idlib = {"id": "e1", "type": "GPE", "name": "إدلب", "kb_id": "sy.idlib", "mentions": ["إدلب"]}

    def report(source: str, text: str, date: str | None, place: bool = True) -> None:
        add_document(store, annotate(text, source=source, meta={"outlet": source}, entities=[idlib], events=[
            {"id": "v1", "type": "ASSAULT", "mode": "aerial", "trigger": "قصف",
             "location": "e1" if place else None, "date": date}]))

    report("أ", "قصف عنيف على مدينة إدلب صباح اليوم.", "2024-12-02")
    report("ب", "تجدد القصف الجوي في إدلب مساء الإثنين.", "2024-12-02")
    report("ج", "قصف جديد على إدلب بعد أسبوع.", "2024-12-09")
    report("د", "قصف على إدلب في ديسمبر.", "2024-12")
    report("هـ", "قصف في الشمال ذلك اليوم قرب إدلب.", "2024-12-02", place=False)
    events = queries.timeline(store, type="ASSAULT")
    assert sorted(e["n_reports"] for e in events) == [1, 1, 1, 2]
    [both] = [e for e in events if e["n_reports"] == 2]
    assert both["date"] == "2024-12-02" and both["n_outlets"] == 2 and both["location"] == "إدلب"


def test_generic_actors_of_one_article_are_no_corpus_actors(store):
    police = {"id": "e1", "type": "ORG", "name": "الشرطة العراقية", "sector": "police", "state": "IQ",
              "mentions": ["الشرطة العراقية"]}
    crowd = {"id": "e2", "type": "NORP", "name": "المتظاهرين", "sector": "protesters", "state": None,
             "mentions": ["المتظاهرين"]}
    for source, day in (("أ", "الأحد"), ("ب", "الاثنين")):
        d = annotate(f"فرقت الشرطة العراقية المتظاهرين في البصرة يوم {day}.", source=source,
                     meta={"outlet": source}, entities=[police, crowd])
        for e, spec in zip(d["entities"], (police, crowd), strict=True):
            e["sector"], e["state"] = spec["sector"], spec["state"]
        add_document(store, d)
    names = [(a["name"], a["n_documents"]) for a in queries.actors(store)]
    assert names == [("الشرطة العراقية", 2)]  # one actor across articles; the crowds stay per article
