"""Batches: inputs of every kind, failures, idempotence, a killed ingest resumed, two ingests
into one SQLite file at once, worker processes and a local Dask cluster."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_docs import FIXTURES, founding_doc

from rawi.runner import ingest
from rawi.store import Store

RAWI = str(Path(sys.executable).parent / "rawi")
BASE = (FIXTURES / "assad-moscow-visit.txt").read_text(encoding="utf-8")


def make_corpus(folder: Path, n: int, size: int = 700) -> list[Path]:
    """``n`` distinct short articles (the fixture article's opening plus a numbered line)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"a{i:04d}.txt"
        p.write_text(BASE[:size] + f"\n\nنسخة رقم {i} من التقرير.\n", encoding="utf-8")
        out.append(p)
    return out


def db_rows(db: Path, sql: str):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_files_feed_jsonl_and_a_corrupt_file_in_the_middle(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 4)
    (src / "a0002b.txt").write_bytes(bytes(random.Random(7).randrange(256) for _ in range(3000)))  # corrupt
    shutil.copy(FIXTURES / "feed.rss", src / "feed.rss")
    shutil.copy(FIXTURES / "assad-moscow-visit.txt", src / "visit.txt")
    shutil.copy(FIXTURES / "SOURCES.json", src / "SOURCES.json")
    (src / "SOURCES.json").write_text((FIXTURES / "SOURCES.json").read_text(encoding="utf-8")
                                      .replace("assad-moscow-visit.txt", "visit.txt"), encoding="utf-8")
    founding = founding_doc((FIXTURES.parent.parent.parent / "shared/corpus/palace-leaks.txt").read_text("utf-8")) \
        if (FIXTURES.parent.parent.parent / "shared/corpus/palace-leaks.txt").exists() else None
    records = [{"text": "خبر قصير من سجل JSON: زار الوفد دمشق أمس.", "title": "سجل", "published": "2024-12-01",
                "url": "https://example.org/jsonl/1"}]
    if founding:
        records.append(founding)  # a whole rawi document is stored as it is
    broken = {"schema": "rawi.document/1", "text": "نص قصير", "source": "bad-doc",  # an offset that lies
              "entities": [{"id": "e1", "type": "PER", "name": "س", "mentions": [{"start": 0, "end": 9, "text": "س"}]}]}
    records.append(broken)
    (src / "batch.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{oops\n",
                                     encoding="utf-8")
    db = tmp_path / "s.db"
    s = ingest([src], str(db), progress=False)
    assert s.ingested == 4 + 2 + 1 + len(records) - 1, s.lines()
    assert [src_.rsplit("/", 1)[-1] for src_, _ in s.failed] == [
        "a0002b.txt", "bad-doc", f"batch.jsonl:{len(records) + 1}"]
    assert "offsets 0:9" in s.failed[1][1]
    assert db_rows(db, "select count(*) from failures") == [(3,)]
    # feed entries carry their own dates and links; the sidecar gives the article its outlet and date
    feed = db_rows(db, "select published, url, title from documents where url like 'https://example.org/news/_'"
                   " order by url")
    assert feed == [("2024-12-03", "https://example.org/news/1", "وزير الخارجية التركي يزور بغداد"),
                    ("2024-12-04", "https://example.org/news/2", "الأمم المتحدة تدعو إلى وقف إطلاق النار في شمال سوريا")]
    assert db_rows(db, "select published, outlet from documents where source like '%visit.txt'") == [
        ("2024-11-30", "وكالة الشام للأنباء (test fixture)")]
    if founding:
        assert db_rows(db, "select count(*) from events where document_id in "
                       "(select id from documents where source = 'palace-leaks.txt')") == [(5,)]
    # again: nothing new; the failures are tried again and fail again
    again = ingest([src], str(db), progress=False)
    assert (again.ingested, again.skipped, len(again.failed)) == (0, s.ingested, 3)
    assert db_rows(db, "select count(*) from documents") == [(s.ingested,)]


def test_worker_processes_give_the_same_store(tmp_path):
    make_corpus(tmp_path / "in", 12)
    s = ingest([tmp_path / "in" / "*.txt"], str(tmp_path / "s.db"), jobs=2, progress=False)
    assert (s.ingested, s.skipped, s.failed) == (12, 0, [])
    assert db_rows(tmp_path / "s.db", "select count(distinct content_hash), count(*) from documents") == [(12, 12)]


def test_killed_ingest_resumes_without_duplicates(tmp_path):
    files = make_corpus(tmp_path / "in", 80)
    db = tmp_path / "s.db"
    Store(str(db)).close()  # create the schema first, so the poll below can read
    p = subprocess.Popen([RAWI, "ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and db_rows(db, "select count(*) from documents")[0][0] < 5:
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    done = db_rows(db, "select count(*) from documents")[0][0]
    assert 5 <= done < len(files), "the ingest should have been killed mid-run"
    assert db_rows(db, "pragma integrity_check") == [("ok",)]
    r = subprocess.run([RAWI, "ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    # everything committed before the kill is skipped (by input hash, or by content hash for the one in flight)
    assert f"ingested {len(files) - done}, skipped {done} " in r.stdout
    assert db_rows(db, "select count(*), count(distinct content_hash), count(distinct source) from documents") == [
        (len(files), len(files), len(files))]


def test_two_concurrent_ingests_into_one_sqlite_file(tmp_path):
    files = make_corpus(tmp_path / "in", 40)
    db = tmp_path / "s.db"
    cmd = [RAWI, "ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ingested = sum(int(o.split("ingested ")[1].split(",")[0]) for o, _ in outs)
    assert ingested == len(files)  # each document written once, by one of the two
    assert db_rows(db, "pragma integrity_check") == [("ok",)]
    assert db_rows(db, "select count(*), count(distinct content_hash) from documents") == [(len(files), len(files))]
    assert db_rows(db, "select count(*) from failures") == [(0,)]


def test_dask_local_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    make_corpus(tmp_path / "in", 6)
    s = ingest([tmp_path / "in"], str(tmp_path / "s.db"), jobs=2, engine="dask", progress=False)
    assert (s.ingested, s.failed) == (6, [])
    again = ingest([tmp_path / "in"], str(tmp_path / "s.db"), jobs=2, progress=False)
    assert (again.ingested, again.skipped) == (0, 6)


def test_shared_corpus_twice_adds_nothing(shared, tmp_path):
    db = tmp_path / "s.db"
    r = subprocess.run([RAWI, "ingest", str(shared / "corpus"), "--db", str(db), "-j", "2", "--no-progress"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "failed 0" in r.stdout, r.stdout + r.stderr
    n = db_rows(db, "select count(*) from documents")[0][0]
    assert n == len(list((shared / "corpus").rglob("*.txt")))
    r = subprocess.run([RAWI, "ingest", str(shared / "corpus"), "--db", str(db), "--no-progress"],
                       capture_output=True, text=True, timeout=300)
    assert r.stdout.startswith(f"ingested 0, skipped {n} "), r.stdout
    assert db_rows(db, "select count(*) from documents")[0][0] == n
    r = subprocess.run([RAWI, "timeline", "--actor", "بشار الأسد", "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0


def _crash_on_poison(task):
    from rawi import runner

    if task.get("path", "").endswith("a0003.txt"):
        os._exit(9)  # a worker dying (a crash in a native library, the OOM killer)
    return runner.__dict__["_real_run_task"](task)


def test_a_worker_crash_fails_only_its_document(tmp_path, monkeypatch):
    from rawi import runner

    make_corpus(tmp_path / "in", 10)
    monkeypatch.setattr(runner, "_real_run_task", runner.run_task, raising=False)
    monkeypatch.setattr(runner, "run_task", _crash_on_poison)
    s = ingest([tmp_path / "in"], str(tmp_path / "s.db"), jobs=2, progress=False)
    assert s.ingested == 9
    assert [(p.rsplit("/", 1)[-1], e.split(":")[0]) for p, e in s.failed] == [("a0003.txt", "worker failed")]
