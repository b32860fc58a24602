"""`rawi extract`: one input, stdin, batches (paths, folders, JSON Lines), errors, text format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rawi.cli import app
from rawi.document import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FOUNDING = SAMPLES / "palace-leaks.txt"
TITLE = "تسريبات من القصر الجمهوري.. كواليس اللحظات الأخيرة في حكم بشار الأسد"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, ["extract", *args], input=input)


def _one_error_line(result, path: str, code_word: str) -> None:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"rawi: error: {path}: ") and code_word in lines[0]
    assert result.stdout == ""


def test_single_file_json():
    r = run(str(FOUNDING), "--published", "2024-12-10")
    assert r.exit_code == 0, r.stderr
    doc = Document.from_json(r.stdout).validate()
    assert doc.title == TITLE and doc.published == "2024-12-10"
    assert "اقرأ أيضاً" not in doc.text and doc.meta["encoding"] == "utf-8"
    assert [x["kind"] for x in json.loads(r.stdout)["removed"]] == ["read_also", "blank", "tags"]


def test_stdin():
    r = run("-", input=FOUNDING.read_bytes())
    assert r.exit_code == 0, r.stderr
    doc = Document.from_json(r.stdout)
    assert doc.title == TITLE and doc.source == "-"


def test_stdin_cp1256_with_forced_and_detected_encoding(founding_text):
    data = founding_text.encode("cp1256", "ignore")
    for args in (["--encoding", "cp1256"], []):
        r = run("-", *args, input=data)
        assert r.exit_code == 0, r.stderr
        doc = json.loads(r.stdout)
        assert doc["meta"]["encoding"] == "cp1256" and doc["text"].startswith("تسريبات من القصر")


def test_text_format():
    r = run(str(FOUNDING), "--format", "text")
    assert r.exit_code == 0, r.stderr
    out = r.stdout.splitlines()
    assert out[0] == TITLE and out[1] == "published: unknown"
    assert any(line.startswith("text: ") and "paragraphs" in line for line in out)


@pytest.mark.parametrize("make, code_word", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: _write(d / "empty.txt", b""), "no text"),
    (lambda d: _write(d / "bin.txt", b"%PDF-1.4\n" + bytes(range(256)) * 8), "binary"),
    (lambda d: _write(d / "junk.txt", bytes((i * 37) % 128 + 128 for i in range(4000))), "no Arabic or detected"),
    (lambda d: _write(d / "nav.html", "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>".encode()),
     "no main text"),
])
def test_single_input_errors(tmp_path, make, code_word):
    path = make(tmp_path)
    _one_error_line(run(str(path)), str(path), code_word)


def test_too_large_with_max_mb(tmp_path, founding_text):
    p = _write(tmp_path / "big.txt", (founding_text * 20).encode())
    _one_error_line(run(str(p), "--max-mb", "0.05"), str(p), "over the limit")
    assert run(str(p), "--max-mb", "1").exit_code == 0


def test_bad_published_and_format(tmp_path):
    _one_error_line(run(str(FOUNDING), "--published", "yesterday"), str(FOUNDING), "YYYY-MM-DD")
    r = run(str(FOUNDING), "--format", "xml")
    assert r.exit_code != 0 and "json or text" in r.stderr


def test_error_is_one_line_from_the_real_command(tmp_path):
    exe = Path(sys.executable).with_name("rawi")
    if not exe.exists():
        pytest.skip("the rawi script is not installed next to this python")
    p = tmp_path / "nope.txt"
    r = subprocess.run([str(exe), "extract", str(p)], capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and r.stdout == ""
    assert r.stderr == f"rawi: error: {p}: no such file\n"


def test_batch_keeps_order_and_goes_on_past_errors(tmp_path):
    bad = _write(tmp_path / "bad.txt", b"\x00\x01\x02\x03" * 100)
    wiki = sorted(SAMPLES.glob("wikinews_*.txt"))
    paths = [str(FOUNDING), str(bad), str(tmp_path / "missing.txt"), *map(str, wiki[:2])]
    out = tmp_path / "out.jsonl"
    r = run(*paths, "--output", str(out))
    assert r.exit_code == 1  # some inputs failed, all were written
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == len(paths)
    assert recs[0]["title"] == TITLE and recs[0]["source"] == str(FOUNDING)
    assert recs[1] == {"source": str(bad), "error": {"code": "binary", "message": recs[1]["error"]["message"]}}
    assert recs[2]["error"]["code"] == "missing"
    assert [r_.get("source") for r_ in recs[3:]] == [str(w) for w in wiki[:2]]
    for rec in (recs[0], *recs[3:]):
        Document.from_dict(rec).validate()


def test_batch_folder_sorted(tmp_path):
    for f in sorted(SAMPLES.glob("*.txt")):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    r = run(str(tmp_path), "--progress")
    assert r.exit_code == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    names = [Path(x["source"]).name for x in recs]
    assert names == sorted(f.name for f in SAMPLES.glob("*.txt"))
    assert "6/6" in r.stderr  # the progress bar, forced on a non-terminal


def test_jsonl_batch(tmp_path, founding_text, shared):
    html = (shared / "html" / "alyaum-sa_2020-12-01_1784190729.html").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "text": founding_text, "published": "2024-12-10"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps({"id": 4, "html": html}, ensure_ascii=False),
        json.dumps({"id": "a5"}),
    ]
    src = _write(tmp_path / "in.jsonl", "\n".join(lines).encode())
    r = run("--jsonl", str(src))
    assert r.exit_code == 1
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x.get("id") for x in recs] == ["a1", None, "a3", "4", "a5"]
    assert recs[0]["title"] == TITLE and recs[0]["published"] == "2024-12-10"
    assert recs[1]["source"] == f"{src}:2" and recs[1]["error"]["code"] == "bad_input"
    assert recs[2]["error"]["code"] == "empty"
    assert recs[3]["published"] == "2020-12-01" and "طهران" in recs[3]["title"]
    assert recs[4]["error"]["code"] == "bad_input"


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_render_text_sections():
    from rawi.document import Claim, Entity, Event, Timex
    from rawi.render import render_text

    text = "أشار صقر إلى أن بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر."
    doc = Document(text=text, title="عنوان", published="2024-12-10")

    def span(s: str):
        return doc.span(text.index(s), text.index(s) + len(s))

    doc.entities = [
        Entity("e1", "PER", "بشار الأسد", "Bashar al-Assad", "sy.bashar_al_assad", ["الرئيس"], [span("بشار الأسد")]),
        Entity("e2", "PER", "كامل صقر", None, None, [], [span("صقر")]),
        Entity("e3", "GPE", "موسكو", "Moscow", None, [], [span("موسكو")]),
    ]
    when = span("26 نوفمبر")
    doc.timexes = [Timex("t1", when.start, when.end, when.text, "DATE", "2024-11-26", "published", True)]
    doc.claims = [Claim("c1", ["e2"], span("أشار"), span("بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر"),
                        "indirect")]
    doc.events = [Event("v1", "CONSULT", span("توجه"), "visit", ["e1"], [], "e3", "2024-11-26", "t1", claim="c1")]
    out = render_text(doc.validate())
    lines = out.splitlines()
    assert lines[:2] == ["عنوان", "published: 2024-12-10"]
    assert "  بشار الأسد [PER] (Bashar al-Assad) ×1 — الرئيس  <sy.bashar_al_assad>" in lines
    assert "  26 نوفمبر → 2024-11-26 [DATE] (year inferred)" in lines
    assert "  كامل صقر (أشار): بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر" in lines
    assert "  2024-11-26, CONSULT/visit, بشار الأسد, موسكو, according to كامل صقر  «توجه»" in lines
    assert [x for x in lines if x.endswith(":")] == ["entities (3):", "times (1):", "claims (1):", "events (1):"]


def test_batch_text_format(tmp_path):
    bad = _write(tmp_path / "bad.txt", b"")
    r = run(str(FOUNDING), str(bad), "--format", "text")
    assert r.exit_code == 1
    assert r.stdout.startswith(TITLE + "\n")
    assert r.stderr.strip() == f"rawi: error: {bad}: no text (empty or only whitespace)"
