"""Bad input gets a clear error and loses nothing; odd but real text goes through every stage.

Each adversarial input below is either refused with an ``IngestError`` code or comes out
of the whole pipeline (entities, time, claims, events) with ``doc.validate()`` passing.
A batch (the library's ``extract_many`` and ``rawi extract --jsonl``) with broken inputs
in the middle keeps every other document, in input order. Speed on big inputs is measured
in benchmarks/bench_pipeline.py, never asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rawi.document import Document
from rawi.extract import Input, expand_paths, extract_many
from rawi.ingest import IngestError, load_bytes, load_path
from rawi.pipeline import process
from rawi.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = (ROOT / "samples" / "palace-leaks.txt").read_text(encoding="utf-8")
RAWI = str(Path(sys.executable).parent / "rawi")

AR = "قال الرئيس المصري عبد الفتاح السيسي يوم الاثنين إن المفاوضات ستستأنف في القاهرة في 15 مارس 2024.\n\n"
_WORDS = [w.strip("،.:؛؟!\"«»()") for w in FOUNDING.split()]
_WORDS = [w for w in _WORDS if w]

# name -> (file name, bytes): inputs that must come out as valid documents
GOOD: dict[str, tuple[str, bytes]] = {
    "mixed_ar_en_fr": ("mixed.txt", (
        "قال الرئيس الفرنسي إيمانويل ماكرون في Paris يوم الاثنين إن \"la situation est grave\" "
        "and the EU must act now. وأضاف أن الاتحاد الأوروبي سيعقد قمة في Bruxelles في 12 mars 2024.\n\n"
        "Le ministre a déclaré: « nous ne reculerons pas ». The talks will resume on Monday.\n").encode()),
    "english_only": ("english.txt", (
        b"Ceasefire talks resume in Cairo\n\nNegotiators met in Cairo on Monday, officials said. "
        b"\"We are close to a deal,\" the Egyptian foreign minister told reporters on 3 March 2024.\n")),
    "numbers_punctuation": ("numbers.txt", (
        "123 456 ... 789 !!! ??? 2024-01-01 , , ; : 12/05 -- 3.14 %% 100%\n"
        "١٢٣ ٤٥٦ ، ؛ ؟ ... 99 (( )) [[ ]] « » “ ”\n").encode()),
    "long_line_no_punct": ("longline.txt", " ".join((_WORDS * 40)[:8000]).encode()),
    "presentation_forms_persian_digits": ("presentation.txt", (
        "ﻻ ﺍﻟﺮﺋﻴﺲ ﻗﺎﻝ ﺇﻥ ﺍﻟﻤﺤﺎﺩﺛﺎﺕ ﺳﺘﺴﺘﺄﻧﻒ ﻓﻲ ۱۲ ﻣﺎﺭﺱ ۲۰۲۴ "
        "وقال وزیر الخارجیة یوم ۱۵ آذار إن ۳ أشخاص قتلوا. ﻻ ﺍ ﻻ\n").encode()),
    "diacritics": ("diacritics.txt", (
        "قَالَ الرَّئِيسُ الْمِصْرِيُّ عَبْدُ الْفَتَّاحِ السِّيسِي يَوْمَ الْاِثْنَيْنِ إِنَّ الْمُفَاوَضَاتِ "
        "سَتُسْتَأْنَفُ فِي الْقَاهِرَةِ فِي الْخَامِسَ عَشَرَ مِنْ مَارِسَ ٢٠٢٤. ً ٌ ٍ َ ُ ِ ّ ْ ًٌٍَُِّْ\n"
        "وَأَضَافَ: «لَنْ نَتَرَاجَعَ».\n").encode()),
    "bidi_marks": ("bidi.txt", (
        "\u200fقال \u200eWHO\u200e المتحدث \u202bباسم\u202c المنظمة\u2066 UN \u2069 "
        "إن \u200f٣٠\u200f شخصا أصيبوا يوم \u200e2024-03-01\u200e.\u200d\u200c\ufeff\n").encode()),
    "emoji": ("emoji.txt", (
        "🚨 عاجل: قال الرئيس 🇪🇬 إن المفاوضات 🤝 ستستأنف يوم الاثنين 📅 في القاهرة 👍👍👍. "
        "👨‍👩‍👧‍👦 \"نحن قريبون من اتفاق\" 🔥 قال المتحدث.\n").encode()),
    "html_truncated_mid_tag": ("trunc.html", (
        "<html><head><title>خبر</title></head><body><article><p>" + AR * 3 + "</p><p>"
        + AR[:60] + "<a href=\"http://example.com/a?b=").encode()),
    "nested_quotes_unclosed": ("nested.txt", (
        "قال الوزير: «إن الرئيس قال لنا \"لن نتراجع عن «الخطة» وإن 'الحرب' مستمرة "
        "وأضاف أن المفاوضات ستستأنف. قال المتحدث: «نحن هنا. " * 20 + "\n").encode()),
    "unmatched_curly_quotes": ("unmatched.txt", (
        "قال المتحدث “إن الحكومة ستعلن القرار غدا. وأضاف “لا تراجع. "
        "وقال مسؤول آخر ” إن الاجتماع انتهى “ “ “ “.\n" * 30).encode()),
    "500_commas": ("commas.txt", ("قال الرئيس " + "، " * 250 + "," * 250 + " إن الاجتماع انتهى.\n").encode()),
    "windows_1256": ("cp1256.txt", (AR * 3).encode("cp1256")),
    "utf16_bom": ("utf16.txt", (AR * 3).encode("utf-16")),
    "utf16le_no_bom": ("utf16le.txt", (AR * 3).encode("utf-16-le")),
}

# name -> (file name, bytes, expected IngestError code)
BAD: dict[str, tuple[str, bytes, str]] = {
    "empty": ("empty.txt", b"", "empty"),
    "whitespace_only": ("ws.txt", b"  \n\t\r\n  ", "empty"),
    "png": ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "binary"),
    "nul_bytes": ("nul.txt", b"abc\x00\x01\x02def" * 100, "binary"),
    "html_only_nav": ("nav.html", (
        "<html><body><nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/p'>سياسة</a></li>"
        "<li><a href='/e'>اقتصاد</a></li></ul></nav></body></html>").encode(), "no_main_text"),
}


def _run(doc: Document) -> Document:
    return process(doc).validate()


@pytest.mark.parametrize("name", sorted(GOOD))
def test_adversarial_input_gives_a_valid_document(name, tmp_path):
    fname, data = GOOD[name]
    p = tmp_path / fname
    p.write_bytes(data)
    doc = _run(load_path(p))
    assert doc.text.strip()
    for ent in doc.entities:  # spans point into the unchanged text
        for m in ent.mentions:
            assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize("name,encoding", [("windows_1256", "cp1256"), ("utf16_bom", "utf-16"),
                                           ("utf16le_no_bom", "utf-16")])
def test_legacy_and_utf16_bytes_decode_to_the_same_arabic(name, encoding):
    doc = _run(load_bytes(GOOD[name][1], name=GOOD[name][0]))
    assert doc.meta["encoding"].replace("_", "-").startswith(encoding.split("-")[0])
    assert "عبد الفتاح السيسي" in doc.text
    assert "replaced_chars" not in doc.meta
    assert any(e.name and "السيسي" in e.name for e in doc.entities)


def test_truncated_html_keeps_its_text():
    doc = _run(load_bytes(GOOD["html_truncated_mid_tag"][1], name="trunc.html"))
    assert doc.meta["format"] == "html"
    assert "المفاوضات ستستأنف في القاهرة" in doc.text
    assert "<a" not in doc.text and "href" not in doc.text


@pytest.mark.parametrize("name", sorted(BAD))
def test_broken_input_raises_a_clear_code(name, tmp_path):
    fname, data, code = BAD[name]
    p = tmp_path / fname
    p.write_bytes(data)
    with pytest.raises(IngestError) as e:
        load_path(p)
    assert e.value.code == code
    assert e.value.message


def test_missing_folder_and_oversize_paths(tmp_path):
    with pytest.raises(IngestError) as e:
        load_path(tmp_path / "nope.txt")
    assert e.value.code == "missing"
    with pytest.raises(IngestError) as e:
        load_path(tmp_path)
    assert e.value.code == "unreadable"
    p = tmp_path / "a.txt"
    p.write_bytes((AR * 200).encode())
    with pytest.raises(IngestError) as e:
        load_path(p, settings=DEFAULT.replace(max_bytes=1000))
    assert e.value.code == "too_large"


def test_one_megabyte_article_goes_through_every_stage():
    """Real text repeated to 1 MB (the 5 MB case is in benchmarks/bench_pipeline.py)."""
    unit = (FOUNDING + "\n\n").encode()
    data = unit * ((1024 * 1024) // len(unit) + 1)
    doc = _run(load_bytes(data, name="big.txt"))
    assert len(doc.text) > 500_000
    assert doc.entities and doc.timexes and doc.claims and doc.events
    # the same claims in every copy: one copy's count times the number of copies
    one = _run(load_bytes(unit, name="one.txt"))
    assert len(doc.claims) >= len(one.claims) * (data.count(unit) - 1)


def test_event_claim_lookup_matches_a_scan_of_every_claim():
    """events' claim index (bisect over claim contents) gives what a plain scan gives."""
    from rawi.events import _ClaimIndex

    doc = _run(load_bytes((FOUNDING + "\n\n" + GOOD["nested_quotes_unclosed"][1].decode()).encode(),
                          name="x.txt"))
    assert doc.claims
    index = _ClaimIndex(doc)
    for a in range(0, len(doc.text), 7):
        for b in (a + 1, a + 5, a + 40):
            inside = [c for c in doc.claims if c.content.start <= a and b <= c.content.end]
            want = min(inside, key=lambda c: c.content.end - c.content.start).id if inside else None
            assert index.claim_of(a, b) == want


def _batch_files(tmp_path: Path) -> tuple[list[str], list[str | None]]:
    """Paths with broken inputs between good ones, and the expected error code of each (None: good)."""
    spec = [("01_good.txt", FOUNDING.encode(), None),
            ("02_empty.txt", b"", "empty"),
            ("03_mixed.txt", GOOD["mixed_ar_en_fr"][1], None),
            ("04_png.txt", BAD["png"][1], "binary"),
            ("05_cp1256.txt", GOOD["windows_1256"][1], None),
            ("06_nav.html", BAD["html_only_nav"][1], "no_main_text"),
            ("07_emoji.txt", GOOD["emoji"][1], None)]
    paths = []
    for name, data, _ in spec:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    paths.insert(3, str(tmp_path / "missing.txt"))
    codes = [c for _, _, c in spec]
    codes.insert(3, "missing")
    return paths, codes


def test_library_batch_keeps_every_good_document_in_order(tmp_path):
    paths, codes = _batch_files(tmp_path)
    out = list(extract_many(expand_paths(paths)))
    assert [item.source for item, _, _ in out] == paths
    for (item, doc, rec), code in zip(out, codes, strict=True):
        if code is None:
            assert doc is not None and "error" not in rec, rec
            doc.validate()
        else:
            assert doc is None and rec["error"]["code"] == code and rec["source"] == item.source
    # a folder gives the same, in name order (the missing path aside)
    folder = list(extract_many(expand_paths([str(tmp_path)])))
    assert [r.get("error", {}).get("code") for _, _, r in folder] == [c for c in codes if c != "missing"]


def test_library_batch_survives_a_failing_stage(tmp_path, monkeypatch):
    """An exception inside a stage becomes an ``internal`` error record; the next input still runs."""
    import rawi.extract as ex

    real = ex.process

    def flaky(doc, settings=DEFAULT):
        if "mixed" in (doc.source or ""):
            raise RuntimeError("stage blew up")
        return real(doc, settings)

    monkeypatch.setattr(ex, "process", flaky)
    paths, codes = _batch_files(tmp_path)
    recs = [r for _, _, r in extract_many(expand_paths(paths))]
    assert recs[2]["error"]["code"] == "internal" and "stage blew up" in recs[2]["error"]["message"]
    assert "error" not in recs[5] and "error" not in recs[7]


def test_jsonl_batch_command_keeps_every_good_record_in_order(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": FOUNDING}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": GOOD["mixed_ar_en_fr"][1].decode()}, ensure_ascii=False),
        json.dumps({"id": "d", "html": BAD["html_only_nav"][1].decode()}, ensure_ascii=False),
        json.dumps({"id": "e"}),
        json.dumps({"id": "f", "text": GOOD["unmatched_curly_quotes"][1].decode(), "published": "2024-13-40"},
                   ensure_ascii=False),
        json.dumps({"id": "g", "text": GOOD["emoji"][1].decode(), "published": "2024-03-01"},
                   ensure_ascii=False),
        json.dumps({"id": "h", "html": GOOD["html_truncated_mid_tag"][1].decode()}, ensure_ascii=False),
    ]
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = subprocess.run([RAWI, "extract", "--jsonl", str(src)], capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 1, r.stderr  # some inputs failed, the batch went on
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(recs) == len(lines)
    got = [(rec.get("id"), rec.get("error", {}).get("code")) for rec in recs]
    assert got == [("a", None), (None, "bad_input"), ("b", "empty"), ("c", None), ("d", "no_main_text"),
                   ("e", "bad_input"), ("f", "bad_input"), ("g", None), ("h", None)]
    assert recs[1]["source"].endswith("batch.jsonl:2")
    for rec in recs:
        if "error" not in rec:
            Document.from_dict({k: v for k, v in rec.items() if k != "id"}).validate()
    assert recs[7]["published"] == "2024-03-01"


def test_input_records_carry_inline_text():
    """The library batch takes inline records too: a bad one between two good ones."""
    items = [Input(source="x", id="x", text=AR), Input(source="y", id="y", text="   "),
             Input(source="z", id="z", text=AR)]
    recs = [r for _, _, r in extract_many(items)]
    assert [r["id"] for r in recs] == ["x", "y", "z"]
    assert recs[1]["error"]["code"] == "empty" and "error" not in recs[0] and "error" not in recs[2]
