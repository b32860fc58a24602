"""Ingestion on real inputs: the founding article, real news pages, re-encoded text, bad inputs."""

from __future__ import annotations

import difflib
import importlib
import json
from pathlib import Path

import pytest

from rawi.ingest import IngestError, from_html, from_text, load_bytes, load_path
from rawi.ingest.boilerplate import clean, is_tag_line
from rawi.ingest.decode import decode
from rawi.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATE_PAGES = ["albayan-ae_2020-06-03_1623715966", "almadenahnews-jo_2020-04-24_1588107198",
              "alyaum-sa_2020-12-01_1784190729", "beirutobserver-lb_2020-11-09_1764731404",
              "youm7-eg_2020-08-24_1691196862"]
CNN = "cnn-arabic_2013-08-03_syria-clashes"
ASSABAH = "assabah-tn_sudan-interview_khaled-abdelkarim-massa"
TITLE = "تسريبات من القصر الجمهوري.. كواليس اللحظات الأخيرة في حكم بشار الأسد"


def _ws(s: str) -> str:
    return " ".join(s.split())


# ---- the founding article ------------------------------------------------------------
def test_founding_article_boilerplate_removed(founding_text):
    doc = from_text(founding_text, source="palace-leaks.txt")
    assert doc.title == TITLE
    assert doc.text.startswith(TITLE + "\n\n")  # the headline stays in the text
    assert "اقرأ أيضاً" not in doc.text and "الحكومة الانتقالية تعدّل المناهج" not in doc.text
    assert "سورياالقصر" not in doc.text and "حكم الأسدسوريا" not in doc.text
    assert "\u00a0" not in doc.text and "\n\n\n" not in doc.text
    assert doc.text.endswith("لكنه في النهاية انهار تحت وطأة الضغوط الميدانية والسياسية.")
    for kept in ("كشف كامل صقر، مدير المكتب الإعلامي السابق", "غادرا القصر حوالي الساعة الثالثة فجرًا",
                 "صقر وصف الأيام الأخيرة بأنها مليئة بالاتصالات", "أُبلغ الأسد خلال لقائه ببوتين",
                 "رفض لقاء أردوغان"):
        assert kept in doc.text
    kinds = [r.kind for r in doc.removed]
    assert kinds == ["read_also", "blank", "tags"]
    read_also = doc.removed[0]
    assert read_also.text.startswith("اقرأ أيضاً:")
    # the offset is where the block stood: just before the paragraph that followed it
    assert doc.text[read_also.offset:].startswith("صقر وصف الأيام الأخيرة")
    assert doc.removed[2].text == "أخبار سورياالقصر الجمهوريالنظام السوريحكم الأسدسوريا"
    assert doc.removed[2].offset == len(doc.text)
    # paragraphs: headline, body paragraphs and section headings, one blank line apart
    paragraphs = [doc.text[a:b] for a, b in doc.paragraphs]
    assert paragraphs[0] == TITLE and "رفض لقاء أردوغان" in paragraphs
    assert doc.text.split("\n\n") == paragraphs


def test_founding_article_from_file_records_encoding():
    doc = load_path(SAMPLES / "palace-leaks.txt")
    assert doc.meta["encoding"] == "utf-8" and doc.meta["format"] == "text"
    assert doc.source.endswith("palace-leaks.txt") and doc.published is None
    assert load_path(SAMPLES / "palace-leaks.txt", published="2024-12-10").published == "2024-12-10"


def test_wikinews_samples_keep_their_text():
    for f in sorted(SAMPLES.glob("wikinews_*.txt")):
        raw = f.read_text(encoding="utf-8")
        doc = load_path(f)
        assert doc.title == raw.split("\n", 1)[0].strip()
        assert doc.removed == []  # nothing there is boilerplate
        assert _ws(doc.text) == _ws(raw)


def test_tag_run_detection_is_structural():
    assert is_tag_line("أخبار سورياالقصر الجمهوريالنظام السوريحكم الأسدسوريا")
    assert is_tag_line("الوسوم: سوريا، لبنان، إيران")
    assert is_tag_line("الحكومة السوريةالقصر الجمهوري")  # ة glued to the next word
    # ordinary final sentences and headings are not tags
    assert not is_tag_line("لكنه في النهاية انهار تحت وطأة الضغوط الميدانية والسياسية.")
    assert not is_tag_line("شعور الأسد بالعزلة")
    assert not is_tag_line("والدفع الى اعادة التفكير في العلاقة بين الخرطوم وتل ابيب")
    # only the end of a text is searched for tags
    text, removed = clean("عنوان الخبر\n\nأخبار سورياالقصر الجمهوري\n\nنص الخبر الكامل هنا.")
    assert removed == [] and "سورياالقصر" in text


@pytest.mark.parametrize("line, kind", [
    ("اقرأ أيضا: الحكومة تعدل المناهج", "read_also"),
    ("إقرأ أيضاً.. وزير الخارجية يصل إلى دمشق", "read_also"),
    ("شاهد أيضاً: لحظة وصول الوفد", "read_also"),
    ("للمزيد من التفاصيل اضغط هنا", "read_also"),
    ("اقرأ المزيد", "read_also"),
    ("تابعونا على تلغرام", "share"),
    ("شارك هذا المقال", "share"),
    ("فيسبوك تويتر واتساب", "share"),
    ("إضافة تعليق جديد", "comments"),
    ("جميع الحقوق محفوظة © 2024", "copyright"),
    ("\u00a0 \u00a0", "blank"),
])
def test_boilerplate_kinds(line, kind):
    text, removed = clean(f"فقرة أولى من الخبر.\n\n{line}\n\nفقرة ثانية من الخبر.")
    assert text == "فقرة أولى من الخبر.\n\nفقرة ثانية من الخبر."
    assert [r.kind for r in removed] == [kind]
    assert removed[0].offset == text.index("فقرة ثانية")


def test_body_sentences_that_mention_keywords_are_kept():
    body = ("وقال الوزير إن بلاده ستتابع على الأرض تطورات الملف، وإن الحكومة شاركت في الاجتماع.\n\n"
            "وأضاف أن التعليقات على القرار كانت إيجابية.")
    text, removed = clean(body)
    assert text == body and removed == []


# ---- real news pages -----------------------------------------------------------------
def test_cnn_page_main_text_matches_gold(shared):
    html = shared / "html" / f"{CNN}.html"
    gold = (shared / "html" / f"{CNN}.gold.txt").read_text(encoding="utf-8")
    meta = json.loads((shared / "html" / f"{CNN}.gold-meta.json").read_text(encoding="utf-8"))
    doc = load_path(html)
    ratio = difflib.SequenceMatcher(None, _ws(doc.text), _ws(gold), autojunk=False).ratio()
    assert ratio >= 0.9, ratio
    assert doc.title == meta["title"]
    for junk in ("ترحب شبكة CNN", "الآراء الواردة أدناه", "All Rights Reserved", "الصفحة الرئيسية |"):
        assert junk not in doc.text
    assert doc.meta["format"] == "html" and doc.meta["encoding"] == "utf-8"
    # paragraphs kept apart by blank lines
    assert len(doc.text.split("\n\n")) == len([p for p in gold.split("\n") if p.strip()])
    # the page has no machine-readable date: none is guessed from the year in its URL
    assert doc.published is None


def test_publication_dates_of_real_pages(shared):
    right = 0
    for name in DATE_PAGES:
        gold = json.loads((shared / "html" / f"{name}.gold-date.json").read_text(encoding="utf-8"))
        doc = load_path(shared / "html" / f"{name}.html")
        right += doc.published == gold["gold_publication_date"]
        assert doc.text and doc.title
    assert right >= 4, right


def test_published_argument_overrides_the_page(shared):
    doc = load_path(shared / "html" / f"{DATE_PAGES[0]}.html", published="2021-01-02")
    assert doc.published == "2021-01-02"
    assert doc.meta["page_date"] == "2020-06-03"


def test_assabah_snippets_kept_and_dropped(shared):
    gold = json.loads((shared / "html" / f"{ASSABAH}.gold-snippets.json").read_text(encoding="utf-8"))
    doc = load_path(shared / "html" / f"{ASSABAH}.html")
    for s in gold["with"]:
        assert s in doc.text
    for s in gold["without"]:
        assert s not in doc.text
    assert _ws(doc.title) == _ws(gold["title"])


def test_html_metadata_author_and_site(shared):
    doc = load_path(shared / "html" / "alyaum-sa_2020-12-01_1784190729.html")
    assert doc.meta["author"] == "حسام أبو العلا"
    assert doc.meta["sitename"]
    assert doc.title == "طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله"


def test_truncated_html_still_gives_its_text(shared):
    data = (shared / "html" / f"{CNN}.html").read_bytes()
    cut = data[: len(data) * 2 // 3]
    doc = load_bytes(cut, name="truncated.html")
    assert "أكدت جهات سورية معارضة" in doc.text
    doc = from_html(data[: int(len(data) * 0.45)].decode("utf-8", "ignore"))
    assert doc.text


def test_html_is_sniffed_without_a_suffix(shared):
    data = (shared / "html" / f"{CNN}.html").read_bytes()
    doc = load_bytes(data, name="page.bin")
    assert doc.meta["format"] == "html" and "<" not in doc.text[:200]


# ---- encodings -------------------------------------------------------------------------
@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("cp1256", "cp1256"), ("iso8859-6", "iso8859-6"),
])
def test_encodings_detected(tmp_path, founding_text, codec, expected):
    text = founding_text
    if codec == "iso8859-6":  # ISO-8859-6 has no harakat (ًُ), no “ ” and no …: drop what it cannot hold
        text = "".join(c for c in text if c.encode("iso8859-6", "ignore"))
    elif codec == "cp1256":
        text = "".join(c for c in text if c.encode("cp1256", "ignore"))
    p = tmp_path / f"article.{codec}.txt"
    p.write_bytes(text.encode(codec))
    doc = load_path(p)
    assert doc.meta["encoding"] == expected
    assert "كشف كامل صقر" in doc.text and doc.title.startswith("تسريبات من القصر الجمهوري")
    assert [r.kind for r in doc.removed][::2] == ["read_also", "tags"]


def test_short_cp1256_and_iso_texts(founding_text):
    sentence = founding_text.split("\n")[2][:120]
    for codec in ("cp1256", "iso8859-6"):
        raw = "".join(c for c in sentence if c.encode(codec, "ignore")).encode(codec)
        text, used = decode(raw)
        assert used == codec and text.startswith("كشف كامل صقر")


def test_forced_encoding(tmp_path, founding_text):
    p = tmp_path / "a.txt"
    p.write_bytes(founding_text.encode("cp1256", "ignore"))
    assert load_path(p, settings=Settings(encoding="cp1256")).meta["encoding"] == "cp1256"
    with pytest.raises(IngestError) as e:
        load_path(p, settings=Settings(encoding="utf-8"))
    assert e.value.code == "undecodable"
    with pytest.raises(IngestError) as e:
        load_path(p, settings=Settings(encoding="no-such-codec"))
    assert e.value.code == "unknown_encoding"


# ---- bad inputs ---------------------------------------------------------------------------
def _code(fn, *args, **kw) -> str:
    with pytest.raises(IngestError) as e:
        fn(*args, **kw)
    assert str(e.value) and "\n" not in str(e.value)
    return e.value.code


def test_bad_inputs_have_codes(tmp_path, founding_text):
    assert _code(load_path, tmp_path / "nope.txt") == "missing"
    assert _code(load_path, tmp_path) == "unreadable"
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _code(load_path, tmp_path / "empty.txt") == "empty"
    (tmp_path / "blank.txt").write_text(" \n\u00a0\n\t\n", encoding="utf-8")
    assert _code(load_path, tmp_path / "blank.txt") == "empty"
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert _code(load_path, tmp_path / "img.png") == "binary"
    (tmp_path / "nul.txt").write_bytes(founding_text.encode()[:301] + b"\x00\x01\x02\x00" * 50)
    assert _code(load_path, tmp_path / "nul.txt") == "binary"
    big = tmp_path / "big.txt"
    big.write_text(founding_text * 10, encoding="utf-8")
    assert _code(load_path, big, settings=Settings(max_bytes=20_000)) == "too_large"
    assert _code(load_bytes, founding_text.encode() * 10, settings=Settings(max_bytes=20_000)) == "too_large"
    junk = bytes((i * 37 + 128) % 128 + 128 for i in range(3000))  # high bytes, no spaces: not text
    assert _code(load_bytes, junk) == "undecodable"
    assert _code(from_html, "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>") == "no_main_text"
    assert _code(from_text, "اقرأ أيضاً: خبر آخر\n\nتابعونا على تلغرام") == "no_main_text"
    assert _code(from_text, founding_text, published="8 ديسمبر") == "bad_input"


def test_cp1256_wins_over_a_wrong_detector_guess(monkeypatch, founding_text):
    dec = importlib.import_module("rawi.ingest.decode")  # the module (rawi.ingest.decode is also a function name)
    raw = founding_text.encode("cp1256", "ignore")
    for wrong in ("cp1252", "cp1250", "mac-roman", "cp1251"):
        monkeypatch.setattr(dec, "_detector_guess", lambda data, w=wrong: dec.codecs.lookup(w).name)
        text, used = dec.decode(raw)
        assert used == "cp1256" and "كشف كامل صقر" in text
    # a Latin-script legacy text still gets the detector's reading
    monkeypatch.setattr(dec, "_detector_guess", lambda data: "cp1252")
    text, used = dec.decode("Le président a déclaré à la presse qu'il était prêt à négocier.".encode("cp1252"))
    assert used == "cp1252" and "président" in text


def test_legacy_html_page_with_declared_charset(shared):
    html = (shared / "html" / f"{CNN}.html").read_text(encoding="utf-8")
    html = html.replace("charset=UTF-8", "charset=windows-1256").replace("charset=utf-8", "charset=windows-1256")
    assert "windows-1256" in html
    doc = load_bytes(html.encode("cp1256", "ignore"), name="cnn.html")
    assert doc.meta["encoding"] == "cp1256"
    assert "أكدت جهات سورية معارضة" in doc.text and doc.title == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"


def test_headlines_of_text_files():
    assert from_text("هل ينجح التطبيع بين سوريا وتركيا وكيف؟\n\nتريد تركيا الانتقال بسرعة.").title == \
        "هل ينجح التطبيع بين سوريا وتركيا وكيف؟"
    # a first line that is a running sentence, or not followed by a blank line, is no headline
    assert from_text("كشف كامل صقر عن تفاصيل اللحظات الأخيرة.\n\nوأضاف أن الوضع صعب.").title is None
    assert from_text("مغادرة القصر في أجواء من الترقب\nفي حديثه، أوضح صقر أنه كان من بين آخر المغادرين.").title is None
    assert from_text("نص", title="عنوان معطى").title == "عنوان معطى"


def test_site_name_is_taken_off_page_titles(shared):
    doc = load_path(shared / "html" / "almadenahnews-jo_2020-04-24_1588107198.html")
    assert doc.title == "أميركا :50 الفا حصيلة الوفيات بسبب فيروس كورونا"
    assert [r.kind for r in doc.removed] == ["dateline"]  # "تم نشره الجمعة 24 نيسان / أبريل 2020 …"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "cp1256"])
def test_short_arabic_words_decode(codec):
    for word in ("سوريا", "بشار الأسد في موسكو"):
        assert decode(word.encode(codec)) == (word, codec)


def test_html_suffix_on_plain_text_reads_as_text():
    doc = load_bytes("عنوان الخبر\n\nنص الخبر هنا بكلمات كثيرة.".encode(), name="article.html")
    assert doc.meta["format"] == "text" and doc.title == "عنوان الخبر"


@pytest.mark.parametrize("tail, removed", [
    ("سوريا\nالقصر الجمهوري\nالنظام السوري\nحكم الأسد", 4),   # one tag a line
    ("الوسوم:\nسوريا\nلبنان", 3),                                # a labelled tag list
    ("كلمات مفتاحية: سوريا، روسيا، إيران", 1),
    ("أخبار سورياالقصر\nمصدر", 0),                               # too little to be sure
    ("ختام الحوار", 0),                                          # a last heading-like line stays
])
def test_tag_runs_at_the_end(tail, removed):
    body = "عنوان الخبر\n\nنص الخبر الكامل هنا."
    text, out = clean(f"{body}\n\n{tail}")
    assert len(out) == removed and all(r.kind == "tags" for r in out)
    assert text == (body if removed else f"{body}\n\n{tail}")


def test_windows_line_endings(founding_text):
    doc = load_bytes(founding_text.replace("\n", "\r\n").encode("cp1256", "ignore"), name="win.txt")
    assert doc.meta["encoding"] == "cp1256" and "\r" not in doc.text
    assert doc.title == TITLE and [r.kind for r in doc.removed] == ["read_also", "blank", "tags"]
    assert doc.text == from_text(founding_text.encode("cp1256", "ignore").decode("cp1256")).text


def test_utf8_with_a_few_broken_bytes_is_not_read_as_a_legacy_code_page(founding_text):
    data = founding_text.encode("utf-8")
    cut = data.index("كشف".encode())
    broken = data[:cut] + b"\xff" + data[cut:] + "é".encode()[:1]  # a stray byte, a cut character at the end
    doc = load_bytes(broken)
    assert doc.meta["encoding"] == "utf-8" and doc.meta["replaced_chars"] == 2
    assert "كشف كامل صقر" in doc.text and doc.title == TITLE
