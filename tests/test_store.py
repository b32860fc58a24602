# ruff: noqa: F811  (the store fixtures are imported from corpus_docs and used as arguments)
"""The corpus store on SQLite and PostgreSQL: migrations, idempotence, versions, offsets, search."""

from __future__ import annotations

import sqlalchemy as sa
from corpus_docs import fixture_doc, founding_doc, pg_database, store, store_url  # noqa: F401

from rawi.corpus.queries import search
from rawi.store import Store, add_document, record_failure
from rawi.store import schema as S
from rawi.store.migrations import LATEST, MIGRATIONS


def _count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_migrations_are_versioned_and_run_once(store, store_url):
    assert store.version == LATEST
    with store.read() as conn:
        rows = conn.execute(sa.select(S.schema_version.c.version).order_by(S.schema_version.c.version)).scalars()
        assert list(rows) == [n for n, _, _ in MIGRATIONS]
    again = Store(store_url)  # reopening an up-to-date store changes nothing
    assert again.version == LATEST
    again.close()
    assert _count(store, S.schema_version) == len(MIGRATIONS)


def test_idempotent_by_content_hash_and_new_versions(store, founding_text):
    d = founding_doc(founding_text)
    status, first = add_document(store, d)
    assert status == "ingested"
    assert add_document(store, d) == ("skipped", first)
    assert _count(store, S.documents) == 1 and _count(store, S.events) == 5
    changed = dict(d, text=d["text"] + "\nتحديث: أضيفت هذه الفقرة لاحقًا.")
    status, second = add_document(store, changed)
    assert status == "ingested" and second != first
    with store.read() as conn:
        rows = conn.execute(sa.select(S.documents.c.id, S.documents.c.version, S.documents.c.superseded)
                            .order_by(S.documents.c.id)).all()
        assert [tuple(r) for r in rows] == [(first, 1, True), (second, 2, False)]
        # the superseded version no longer counts as a report
        counts = conn.execute(sa.select(S.merged_events.c.n_reports)).scalars().all()
        assert sum(counts) == 5 and max(counts) == 1  # (the undated event of v1 stays alone, now with 0)


def test_every_row_leads_back_to_its_text(store, founding_text):
    add_document(store, founding_doc(founding_text))
    _, fid = add_document(store, fixture_doc())
    with store.read() as conn:
        texts = dict(conn.execute(sa.select(S.documents.c.id, S.documents.c.text)).all())
        n = 0
        for t, cols in ((S.mentions, ("start", "end", "text")),
                        (S.claims, ("content_start", "content_end", "content_text")),
                        (S.claims, ("cue_start", "cue_end", "cue_text")),
                        (S.events, ("trigger_start", "trigger_end", "trigger_text"))):
            for doc_id, a, b, s in conn.execute(sa.select(t.c.document_id, *(t.c[c] for c in cols))):
                if a is not None:
                    assert texts[doc_id][a:b] == s
                    n += 1
        assert n > 25
        # the full document JSON is kept too
        j = conn.execute(sa.select(S.documents.c.doc_json).where(S.documents.c.id == fid)).scalar()
        assert '"rawi.document/1"' in j and "بيسكوف" in j


def test_search_normalised_maps_back_to_original_text(store, founding_text):
    add_document(store, founding_doc(founding_text))
    add_document(store, fixture_doc())
    # no hamza, no article: still finds "الأسد" / "والأسد"
    hits = search(store, "اسد")
    assert len(hits) == 2
    # a clitic on the query word: "بالكرملين" finds "الكرملين", only in the fixture article
    hits = search(store, "بالكرملين")
    assert [h["title"] for h in hits] == ["بوتين يستقبل الأسد في الكرملين وسط تقدم المعارضة في ريف حلب"]
    h = hits[0]
    with store.read() as conn:
        text = conn.execute(sa.select(S.documents.c.text).where(S.documents.c.id == h["id"])).scalar()
    assert text[h["start"]:h["end"]] == "الكرملين"
    assert "«الكرملين»" in h["snippet"]
    # all words must match
    assert search(store, "الكرملين صقر") == []
    assert len(search(store, "بوتين موسكو")) == 2


def test_failures_are_recorded(store):
    record_failure(store, "broken.txt", "IngestError: binary input", code="binary", input_hash="ab" * 32)
    with store.read() as conn:
        row = conn.execute(sa.select(S.failures)).mappings().one()
    assert row["source"] == "broken.txt" and row["code"] == "binary" and "binary" in row["error"]


def test_batch_ingest_into_either_backend(store_url, tmp_path):
    from corpus_docs import FIXTURES

    from rawi.runner import ingest

    first = ingest([FIXTURES], store_url, progress=False)
    assert (first.ingested, first.skipped, first.failed) == (3, 0, [])  # the article and two feed entries
    again = ingest([FIXTURES], store_url, progress=False)
    assert (again.ingested, again.skipped) == (0, 3)
    with Store(store_url) as s:
        hits = search(s, "غوتيريش")
        assert [h["url"] for h in hits] == ["https://example.org/news/2"]
