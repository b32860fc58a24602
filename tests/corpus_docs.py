"""Helpers for the corpus tests: hand-annotated documents and the store fixture.

The store fixture runs every test that uses it against SQLite (a temporary file) and the
real PostgreSQL server (a fresh database per test session, one schema per test); the
PostgreSQL case is skipped, with the reason, only where the server is unreachable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from rawi.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PG_ADMIN = os.environ.get("RAWI_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def annotate(text: str, *, title=None, published=None, source=None, meta=None, entities=(), claims=(),
             events=()) -> dict[str, Any]:
    """A ``rawi.document/1`` dict whose spans are found by their text (``(string, nth)`` for a later one)."""

    def span(s):
        s, nth = (s, 0) if isinstance(s, str) else s
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return {"start": i, "end": i + len(s), "text": s}

    ents = []
    for e in entities:
        ents.append({"id": e["id"], "type": e["type"], "name": e["name"], "name_en": e.get("name_en"),
                     "kb_id": e.get("kb_id"), "roles": [], "mentions": [span(m) for m in e.get("mentions", [])],
                     **({"anonymous": True} if e.get("anonymous") else {})})
    cls = [{"id": c["id"], "chain": c["chain"], "cue": span(c["cue"]) if c.get("cue") else None,
            "content": span(c["content"]), "kind": c.get("kind", "indirect"),
            "stance": c.get("stance", "assertion")} for c in claims]
    evs = [{"id": v["id"], "type": v["type"], "mode": v.get("mode"), "trigger": span(v["trigger"]),
            "actors": v.get("actors", []), "targets": v.get("targets", []), "location": v.get("location"),
            "date": v.get("date"), "time": None, "negated": v.get("negated", False), "modality": None,
            "claim": v.get("claim")} for v in events]
    d = {"schema": "rawi.document/1", "title": title, "text": text, "published": published, "source": source,
         "meta": meta or {}, "removed": [], "entities": ents, "timexes": [], "claims": cls, "events": evs}
    from rawi.document import Document

    Document.from_dict(d).validate()
    return d


ASSAD = {"id": "e1", "type": "PER", "name": "بشار الأسد", "name_en": "Bashar al-Assad", "kb_id": "sy.bashar_al_assad"}
PUTIN = {"id": "e2", "type": "PER", "name": "فلاديمير بوتين", "name_en": "Vladimir Putin", "kb_id": "ru.vladimir_putin"}
MOSCOW = {"id": "e3", "type": "GPE", "name": "موسكو", "name_en": "Moscow", "kb_id": "ru.moscow"}


def founding_doc(text: str) -> dict[str, Any]:
    """The founding article with its key events annotated by hand (after the gold annotations)."""
    return annotate(
        text, title=text.split("\n", 1)[0], source="palace-leaks.txt",
        entities=[
            {**ASSAD, "mentions": ["بشار الأسد", ("بشار الأسد", 2), "الأسد من بوتين"[:5]]},
            {**PUTIN, "mentions": ["فلاديمير بوتين", "بوتين تسهيل"[:5]]},
            {**MOSCOW, "mentions": ["موسكو"]},
            {"id": "e4", "type": "PER", "name": "كامل صقر", "name_en": "Kamel Saqr", "kb_id": "sy.kamel_saqr",
             "mentions": ["كامل صقر", "أشار صقر"[5:], "وفقًا لصقر"[7:]]},
            {"id": "e5", "type": "PER", "name": "رجب طيب أردوغان", "name_en": "Recep Tayyip Erdogan",
             "kb_id": "tr.recep_tayyip_erdogan", "mentions": ["رجب طيب أردوغان"]},
        ],
        claims=[
            {"id": "c1", "chain": ["e4"], "cue": "أشار صقر"[:4],
             "content": "بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر/تشرين الثاني", "kind": "indirect"},
            {"id": "c2", "chain": ["e4"], "cue": "وفقًا لصقر"[:5],
             "content": "أُبلغ الأسد خلال لقائه ببوتين", "kind": "according_to"},
        ],
        events=[
            {"id": "v1", "type": "CONSULT", "mode": "visit", "trigger": "توجه إلى موسكو", "actors": ["e1"],
             "targets": ["e2", "e3"], "location": "e3", "date": "2024-11-26", "claim": "c1"},
            {"id": "v2", "type": "CONSULT", "trigger": "لقائه ببوتين", "actors": ["e1"], "targets": ["e2"],
             "location": "e3", "date": "2024-11-29", "claim": "c2"},
            {"id": "v3", "type": "REQUEST", "trigger": "طلب الأسد من بوتين", "actors": ["e1"], "targets": ["e2"],
             "date": "2024-11-26"},
            {"id": "v4", "type": "REJECT", "trigger": "رفض ذلك بشكل قاطع", "actors": ["e1"], "targets": ["e5"]},
            {"id": "v5", "type": "OTHER", "trigger": "غادرا القصر", "actors": ["e4"], "date": "2024-12-08"},
        ])


def fixture_doc() -> dict[str, Any]:
    """tests/fixtures/assad-moscow-visit.txt (written for these tests), annotated by hand."""
    text = (FIXTURES / "assad-moscow-visit.txt").read_text(encoding="utf-8")
    side = json.loads((FIXTURES / "SOURCES.json").read_text(encoding="utf-8"))[0]
    return annotate(
        text, title=text.split("\n", 1)[0], published=side["published"], source=str(FIXTURES / side["file"]),
        meta={"outlet": side["outlet"], "url": side["url"]},
        entities=[
            {**ASSAD, "mentions": ["بشار الأسد", ("الأسد", 1), ("الأسد", 3)]},
            {**PUTIN, "mentions": ["فلاديمير بوتين", ("بوتين", 2)]},
            {**MOSCOW, "mentions": ["موسكو"]},
            {"id": "e4", "type": "PER", "name": "مصدر دبلوماسي روسي", "anonymous": True,
             "mentions": ["مصدر دبلوماسي روسي", "المصدر"]},
            {"id": "e5", "type": "PER", "name": "دميتري بيسكوف", "name_en": "Dmitry Peskov",
             "mentions": ["دميتري بيسكوف"]},
        ],
        claims=[
            {"id": "c1", "chain": ["e4"], "cue": "بحسب", "kind": "according_to",
             "content": "وصل الرئيس السوري بشار الأسد إلى موسكو يوم الثلاثاء 26 نوفمبر/تشرين الثاني"},
            {"id": "c2", "chain": ["e4"], "cue": "وقال", "kind": "indirect",
             "content": "الرئيس الروسي فلاديمير بوتين التقى الأسد يوم الأربعاء 27 نوفمبر في الكرملين"},
            {"id": "c3", "chain": ["e5"], "cue": "نفى", "kind": "indirect", "stance": "denial",
             "content": "أن يكون الأسد قد طلب من بوتين دعمًا عسكريًا مباشرًا"},
        ],
        events=[
            {"id": "v1", "type": "CONSULT", "mode": "visit", "trigger": "وصل", "actors": ["e1"], "targets": ["e3"],
             "location": "e3", "date": "2024-11-26", "claim": "c1"},
            {"id": "v2", "type": "CONSULT", "trigger": "التقى", "actors": ["e2"], "targets": ["e1"],
             "location": "e3", "date": "2024-11-27", "claim": "c2"},
            {"id": "v3", "type": "REQUEST", "trigger": "طلب", "actors": ["e1"], "targets": ["e2"], "claim": "c3"},
        ])


# ---- the store, on both backends ------------------------------------------------------
@pytest.fixture(scope="session")
def pg_database():
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN!r} ({e}); run .ci/ensure-postgres.sh")
    name = f"rawi_test_{os.getpid()}"
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


_counter = iter(range(1, 10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    import psycopg
    import psycopg.conninfo

    db = request.getfixturevalue("pg_database")
    schema = f"t{os.getpid()}_{next(_counter)}"
    conninfo = PG_ADMIN.replace("dbname=postgres", f"dbname={db}")
    with psycopg.connect(conninfo, autocommit=True) as c:
        c.execute(f"CREATE SCHEMA {schema}")
    c = psycopg.conninfo.conninfo_to_dict(PG_ADMIN)
    where = f"{c.get('user', 'postgres')}@{c.get('host', '127.0.0.1')}:{c.get('port', 5432)}"
    yield f"postgresql://{where}/{db}?options=-csearch_path%3D{schema}"


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    yield s
    s.close()
