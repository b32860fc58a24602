# ruff: noqa: F811  (the store fixtures are imported from corpus_docs and used as arguments)
"""The read-only query path (rawi.store.reader): no SQLAlchemy, one snapshot, clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from corpus_docs import annotate, fixture_doc, founding_doc, pg_database, store, store_url  # noqa: F401
from typer.testing import CliRunner

from rawi.cli import app
from rawi.corpus import queries
from rawi.store import Store, add_document
from rawi.store.reader import SCHEMA_VERSION, Reader, expand, open_reader


def test_a_missing_store_is_an_error_and_is_not_created(tmp_path):
    db = tmp_path / "nothing-here.db"
    res = CliRunner().invoke(app, ["timeline", "--db", str(db)])
    assert res.exit_code == 2
    assert "no store at" in res.output and "rawi ingest" in res.output
    assert not db.exists()  # a typo in --db must not leave an empty store behind


def test_query_commands_do_not_import_sqlalchemy(tmp_path):
    db = tmp_path / "s.db"
    Store(str(db)).close()
    code = ("import sys\nfrom rawi.cli import main\n"
            f"for cmd in (['timeline'], ['actors'], ['claims'], ['search', 'دمشق']):\n"
            f"    sys.argv = ['rawi', *cmd, '--db', {str(db)!r}]\n"
            "    try:\n        main()\n    except SystemExit as e:\n        assert not e.code, e.code\n"
            "print('sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_an_older_store_is_migrated_before_reading(tmp_path):
    db = tmp_path / "old.db"
    with Store(str(db)) as s:
        s.write(lambda c: c.exec_driver_sql(f"DELETE FROM schema_version WHERE version = {SCHEMA_VERSION}"))
    with open_reader(str(db)) as r:
        assert r.column("SELECT max(version) FROM schema_version") == [SCHEMA_VERSION]


def test_reader_and_store_give_the_same_answers(store, founding_text):  # both dialects
    add_document(store, founding_doc(founding_text))
    add_document(store, fixture_doc())
    by_store = queries.timeline(store, actor="بشار الأسد")
    with open_reader(store) as r:
        by_reader = queries.timeline(r, actor="بشار الأسد")
        assert queries.actors(r, limit=5) == queries.actors(store, limit=5)
    assert by_reader == by_store and len(by_store) >= 4
    reps = [rep for ev in by_store for rep in ev["reports"]]
    assert {type(rep["negated"]) for rep in reps} == {bool}  # SQLite's 0/1 read back as booleans
    if store.dialect == "sqlite":
        url = store.url.removeprefix("sqlite:///")
        assert queries.timeline(url, actor="بشار الأسد") == by_store  # a path opens its own reader


def test_expand_gives_one_placeholder_per_value():
    assert expand("id", [3, 5]) == (":id_0, :id_1", {"id_0": 3, "id_1": 5})
    assert expand("id", []) == ("NULL", {})  # IN (NULL) matches nothing


def test_timeline_shows_the_earliest_events_up_to_the_limit_and_says_when_more_match(store, founding_text):
    if store.dialect != "sqlite":
        pytest.skip("the CLI is checked once, on SQLite")
    add_document(store, founding_doc(founding_text))
    db = store.url.removeprefix("sqlite:///")
    every = queries.timeline(db)
    res = CliRunner().invoke(app, ["timeline", "--db", db, "--limit", "2"])
    heads = [line for line in res.stdout.splitlines() if not line.startswith(" ")]
    assert [h.split()[0] for h in heads] == [e["date"] or "(undated)" for e in every[:2]]
    assert "more match (--limit 0 shows all)" in res.stderr
    res = CliRunner().invoke(app, ["timeline", "--db", db, "--limit", "0"])
    assert len([line for line in res.stdout.splitlines() if not line.startswith(" ")]) == len(every) > 2
    assert "more match" not in res.stderr


def test_a_report_not_of_a_done_act_says_so():
    rep = {"document_id": 3, "title": "t", "outlet": "o", "trigger_text": "دفع", "chain": ["كامل صقر"],
           "denied": False, "modality": "attempted"}
    assert queries.source_line(rep).endswith("«دفع» according to كامل صقر [attempted]")


def test_parameters_translate_for_postgresql_but_not_inside_string_literals():
    r = Reader.__new__(Reader)
    r.dialect = "postgresql"
    assert r._sql("SELECT 1 FROM t WHERE k LIKE 'x:%:doc%' AND a = :a AND b::text = :b_1") == \
        "SELECT 1 FROM t WHERE k LIKE 'x:%%:doc%%' AND a = %(a)s AND b::text = %(b_1)s"
