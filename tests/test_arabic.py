"""The Arabic text layer on real sentences of the founding article (and a few news pages)."""

from __future__ import annotations

import pytest

from rawi.arabic import normalize, normalize_with_map, segment, split_paragraphs, split_sentences, tokenize
from rawi.arabic.clitics import readings, strip_proclitics
from rawi.arabic.normalize import strip_diacritics
from rawi.ingest import from_text

S_QUOTE = ("“اللقاء اقتصر على الأسد ومرافقه الشخصي، واستمر حوالي ساعة،” يقول صقر، مؤكدًا أن نتائج اللقاء لم "
           "تحقق الغايات التي سافر الأسد من أجلها.")
S_DATE = ("أشار صقر إلى أن بشار الأسد كان قد توجه إلى موسكو يوم 26 نوفمبر/تشرين الثاني للقاء الرئيس الروسي "
          "فلاديمير بوتين وطلب الدعم العسكري المباشر.")
S_PASSIVE = "وفقًا لصقر، أُبلغ الأسد خلال لقائه ببوتين أن الأخير سيتخذ خطوات لتسهيل نقل المساعدات الإيرانية."


@pytest.fixture(scope="module")
def doc(founding_text):
    return from_text(founding_text)


# ---- normalisation ------------------------------------------------------------------------
def test_normalize_folds_spelling_variants():
    assert normalize("أُبلغ") == "ابلغ"
    assert normalize("مؤكدًا") == "موكدا"
    assert normalize("الإيرانية") == normalize("الايرانيه") == "الايرانيه"
    assert normalize("إلى") == "الي"
    assert normalize("عجّلت") == "عجلت"
    assert normalize("واقعًا جديدًا") == "واقعا جديدا"
    assert normalize("٢٦ نوفمبر") == "26 نوفمبر" == normalize("۲۶ نوفمبر")
    assert normalize("ﺍﻟﺄﺳﺪ") == "الاسد"  # presentation forms
    assert normalize("CNN", lower=True) == "cnn" and normalize("CNN", lower=False) == "CNN"
    assert normalize("كـــواليس") == "كواليس"  # tatweel
    assert strip_diacritics("فجرًا") == "فجرا"


def test_normalize_with_map_points_back_into_the_source():
    for text in (S_QUOTE, S_PASSIVE, S_DATE, "حزب الله، الذي تلقى ضربات عسكرية قاسية"):
        norm, idx = normalize_with_map(text)
        assert norm == normalize(text) and len(norm) == len(idx) and idx == sorted(idx)
        assert all(normalize(text[j]) == c for c, j in zip(norm, idx, strict=True))
    norm, idx = normalize_with_map("ﺍﻟﺄﺳﺪ قال")  # presentation forms fold one by one
    assert norm == "الاسد قال" and len(idx) == len(norm)
    norm, idx = normalize_with_map(S_PASSIVE)
    k = norm.index("ابلغ الاسد")
    a, b = idx[k], idx[k + len("ابلغ الاسد") - 1] + 1
    assert S_PASSIVE[a:b] == "أُبلغ الأسد"


# ---- tokens -------------------------------------------------------------------------------
def test_tokens_have_exact_offsets_on_the_whole_article(doc):
    toks = doc.tokens
    assert len(toks) > 450
    for t in toks:
        assert doc.text[t.start:t.end] == t.text
    # no characters other than spaces are lost between tokens
    covered = "".join(t.text for t in toks)
    assert covered == "".join(doc.text.split())


def test_arabic_punctuation_and_quotes_are_tokens():
    toks = tokenize(S_QUOTE)
    texts = [t.text for t in toks]
    assert texts[:3] == ["“", "اللقاء", "اقتصر"]
    assert "،" in texts and "”" in texts and texts[-1] == "."
    assert [t.kind for t in toks if t.text in ("،", "”", "“")] == ["punct"] * 5
    assert "مؤكدًا" in texts  # the tanwin stays inside its word
    toks = tokenize("هل غادر؟ نعم؛ «الأسد» غادر… ثم..")
    assert [t.text for t in toks] == ["هل", "غادر", "؟", "نعم", "؛", "«", "الأسد", "»", "غادر", "…", "ثم", ".."]


def test_numbers_dates_and_mixed_scripts():
    toks = tokenize(S_DATE)
    assert ("26", "num") in [(t.text, t.kind) for t in toks]
    assert [t.text for t in toks if t.text in ("نوفمبر", "/", "تشرين")] == ["نوفمبر", "/", "تشرين"]
    toks = tokenize("دمشق، سوريا (CNN) -- أكدت CNNالعربية أن 49.51% و١٬٢٠٠ شخص و3.5 مليون")
    pairs = [(t.text, t.kind) for t in toks]
    for p in [("CNN", "lat"), ("العربية", "ar"), ("49.51", "num"), ("%", "punct"), ("١٬٢٠٠", "num"),
              ("3.5", "num"), ("(", "punct")]:
        assert p in pairs
    toks = tokenize("نشر موقع Middle East Eye البريطاني، وصحيفة Le Parisien الفرنسية")
    assert [t.text for t in toks if t.kind == "lat"] == ["Middle", "East", "Eye", "Le", "Parisien"]


def test_urls_are_one_token():
    toks = tokenize("المصدر: https://www.almayadeen.net/news/politics/1669316. والمزيد")
    assert [t.kind for t in toks] == ["ar", "punct", "url", "punct", "ar"]


# ---- sentences ----------------------------------------------------------------------------
def test_sentences_of_the_founding_article(doc):
    sents = [doc.text[a:b] for a, b in doc.sentences]
    # the headline survives its ".."
    assert sents[0] == "تسريبات من القصر الجمهوري.. كواليس اللحظات الأخيرة في حكم بشار الأسد"
    # the quotation with its closing mark stays one sentence
    assert S_QUOTE.split(" فقد")[0] in sents
    assert S_DATE in sents and S_PASSIVE in sents
    # section headings are sentences of their own
    assert "رفض لقاء أردوغان" in sents and "لقاء غير مثمر في موسكو" in sents
    assert len(sents) == 29
    for a, b in doc.sentences:
        assert doc.text[a:b] == doc.text[a:b].strip()


@pytest.mark.parametrize("text, expected", [
    ("بلغ النمو 3.5 في المئة. ثم تراجع.", ["بلغ النمو 3.5 في المئة.", "ثم تراجع."]),
    ('قال صقر: "اللقاء لم يحقق شيئاً." ثم غادر؟ نعم!', ['قال صقر: "اللقاء لم يحقق شيئاً."', "ثم غادر؟", "نعم!"]),
    ("قال د. محمد عبد العاطي إن الدراسة مهمة. وأضاف أنها ستكتمل.",
     ["قال د. محمد عبد العاطي إن الدراسة مهمة.", "وأضاف أنها ستكتمل."]),
    ("طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله", ["طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله"]),
    ("وقال إن الوضع... صعب جدا. انتهى", ["وقال إن الوضع... صعب جدا.", "انتهى"]),
    ("التقى George W. Bush بالوفد. ثم غادر.", ["التقى George W. Bush بالوفد.", "ثم غادر."]),
    ("حصل أوغان على 5.17%. وفاز إردوغان.", ["حصل أوغان على 5.17%.", "وفاز إردوغان."]),
    ("وطلب الدعم العسكري المباشر.لكن اللقاء تأخر.", ["وطلب الدعم العسكري المباشر.", "لكن اللقاء تأخر."]),
    ("قال أ.د محمد إن الدراسة مهمة.", ["قال أ.د محمد إن الدراسة مهمة."]),
])
def test_sentence_rules(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_paragraphs(doc):
    paras = split_paragraphs(doc.text)
    assert len(paras) == 19
    assert doc.text[paras[2][0]:paras[2][1]] == "مغادرة القصر في أجواء من الترقب"


# ---- clitics ------------------------------------------------------------------------------
@pytest.mark.parametrize("word, prefixes, stem", [
    ("وزير", (), "وزير"),           # protected: starts with و but is one word
    ("بشار", (), "بشار"),           # protected: starts with ب
    ("فلاديمير", (), "فلاديمير"),
    ("وزيرة", (), "وزيره"),
    ("والإيرانيين", ("و", "ال"), "ايرانيين"),
    ("بالاتصالات", ("ب", "ال"), "اتصالات"),
    ("للقصر", ("ل", "ال"), "قصر"),
    ("للقاء", ("ل",), "لقاء"),      # ل + لقاء, not ل + ال + قاء
    ("وبالتالي", ("و", "ب", "ال"), "تالي"),
    ("الأسد", ("ال",), "اسد"),
    ("وطلب", ("و",), "طلب"),
])
def test_segment(word, prefixes, stem):
    seg = segment(word)
    assert seg.prefixes == prefixes and seg.stem == stem
    assert normalize(word[seg.stem_start:]) == stem  # the stem maps back into the surface token


def test_segment_offsets_point_into_the_token():
    seg = segment("والإيرانيين")
    assert "والإيرانيين"[seg.stem_start:] == "إيرانيين"
    assert strip_proclitics("بالعزلة") == "عزله"


def test_readings_offer_the_stem_for_lexicon_lookups():
    stems = [s for _, s in readings("ببوتين")]
    assert stems[0] == "ببوتين" and "بوتين" in stems
    start = dict((s, i) for i, s in readings("ببوتين"))["بوتين"]
    assert "ببوتين"[start:] == "بوتين"
    assert readings("وزير") == [(0, "وزير")]  # protected words are read whole only
    assert readings("بشار") == [(0, "بشار")]
