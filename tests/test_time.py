"""The TIME stage: detection with offsets, TIMEX3 values, anchoring and year inference."""

from __future__ import annotations

import datetime as dt

import pytest

from rawi.document import Document
from rawi.settings import Settings
from rawi.time import annotate, tag

PUB = dt.date(2024, 12, 10)  # a Tuesday


def one(text: str, anchor=PUB, **kw):
    xs = tag(text, anchor, **kw)
    assert len(xs) == 1, [(x.text, x.value) for x in xs]
    x = xs[0]
    assert text[x.start:x.end] == x.text
    return x


def values(text: str, anchor=PUB, **kw):
    return [(x.text, x.value) for x in tag(text, anchor, **kw)]


# ---- the founding article ---------------------------------------------------------------------
def test_founding_article_no_publication_date(founding_text):
    xs = tag(founding_text, dt.date(2026, 11, 29), anchor_kind="today")
    by_text = {x.text: x for x in xs}
    sunday = next(x for x in xs if "الثامن من ديسمبر" in x.text)
    assert sunday.value == "2024-12-08T03:00" and sunday.year_inferred and sunday.anchor == "today"
    saturday = next(x for x in xs if "السبت السابع" in x.text)
    assert saturday.value.startswith("2024-12-07") and saturday.anchor == sunday.id
    nov = next(x for x in xs if "26 نوفمبر" in x.text)
    assert nov.value == "2024-11-26" and nov.year_inferred
    assert nov.anchor == saturday.id  # the narrative's year, not the one nearest the processing date
    friday = by_text["الجمعة"]
    assert friday.value == "2024-11-29" and friday.anchor == nov.id
    assert by_text["حوالي ساعة"].value == "PT1H" and by_text["حوالي ساعة"].type == "DURATION"
    # nothing that is not time: "اللحظات الأخيرة", "بتوقيت دمشق", "آخر المغادرين" stay untagged
    for x in xs:
        assert "اللحظات" not in x.text and "بتوقيت" not in x.text and "المغادرين" not in x.text
    assert [x.id for x in xs] == [f"t{i}" for i in range(1, len(xs) + 1)]
    assert [x.start for x in xs] == sorted(x.start for x in xs)


def test_annotate_uses_published_date_and_validates(founding_text):
    doc = Document(text=founding_text, published="2024-12-15")
    annotate(doc, Settings(today=dt.date(2026, 11, 29)))
    doc.validate()
    sunday = next(x for x in doc.timexes if "الثامن من ديسمبر" in x.text)
    assert sunday.anchor == "published" and sunday.value.startswith("2024-12-08")


def test_annotate_without_published_uses_processing_date():
    doc = Document(text="وصل الوفد أمس إلى القاهرة.")
    annotate(doc, Settings(today=dt.date(2026, 11, 29)))
    assert [(x.text, x.value, x.anchor) for x in doc.timexes] == [("أمس", "2026-11-28", "today")]


def test_no_dates_at_all():
    text = ("قال المتحدث إن الحكومة تدرس التقارير اليومية، وإن مدير عام الشركة مارس ضغوطًا على الرأي العام "
            "لكن الخلاف بين الاثنين استمر، وإن أحد الأشخاص غادر.")
    assert tag(text, PUB) == []
    assert tag("", PUB) == []


# ---- calendar dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("في 7 يناير 2015", "2015-01-07"),
    ("في 7 كانون الثاني 2015", "2015-01-07"),
    ("يوم 18 ديسمبر/كانون الأول 2015", "2015-12-18"),
    ("في 3 جانفي 2020", "2020-01-03"),
    ("في 12 فيفري 2021", "2021-02-12"),
    ("في 15 أوت 2019", "2019-08-15"),
    ("في ٣ آذار ٢٠٢٤", "2024-03-03"),
    ("بتاريخ ١٥/٣/٢٠٢٤", "2024-03-15"),
    ("في الرابع من نيسان 2013", "2013-04-04"),
    ("السابع عشر من أيار 1948", "1948-05-17"),
    ("الحادي والعشرين من مارس 2020", "2020-03-21"),
    ("في يونيو 2004", "2004-06"),
    ("عام 1948", "1948"),
    ("في 29 فبراير 2024", "2024-02-29"),
])
def test_explicit_dates(text, value):
    x = one(text)
    assert x.value == value and x.type == "DATE" and not x.year_inferred


def test_hijri_date_converted():
    x = one("في 15 رمضان 1445 هـ")
    assert x.value == "2024-03-25" and x.text.endswith("هـ")


def test_weekday_infers_the_latest_year_not_after_the_anchor():
    x = one("يوم الأحد، الثامن من ديسمبر", dt.date(2026, 11, 29), anchor_kind="today")
    assert (x.value, x.year_inferred, x.anchor) == ("2024-12-08", True, "today")


def test_leap_day_with_weekday():
    # 29 February falls on a Thursday in 2024 (and on a Thursday in 1996 before that)
    x = one("الخميس 29 فبراير", dt.date(2026, 6, 1))
    assert x.value == "2024-02-29" and x.year_inferred


def test_leap_day_without_year_picks_a_leap_year():
    x = one("في 29 فبراير", dt.date(2026, 6, 1))
    assert x.value == "2024-02-29"


def test_turn_of_the_year():
    x = one("أواخر ديسمبر", dt.date(2025, 1, 6))
    assert (x.value, x.mod, x.year_inferred) == ("2024-12", "END", True)
    x = one("في 28 ديسمبر", dt.date(2025, 1, 6))
    assert x.value == "2024-12-28"


def test_narrative_year_wins_over_the_nearest_year():
    text = "التقى الوفدان في 2 يناير 2019، ثم عاد الوفد في 30 ديسمبر."
    xs = tag(text, dt.date(2026, 11, 29))
    assert [x.value for x in xs] == ["2019-01-02", "2018-12-30"]
    assert xs[1].anchor == "t1"


# ---- clock times and parts of day ----------------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("الساعة الثالثة فجرًا", "2024-12-10T03:00"),
    ("الساعة 10:30 صباحًا", "2024-12-10T10:30"),
    ("الساعة الخامسة مساءً", "2024-12-10T17:00"),
    ("الساعة الثالثة وربع عصرا", "2024-12-10T15:15"),
    ("الساعة الثانية عشرة إلا ربعا", "2024-12-10T11:45"),
    ("منتصف الليل", "2024-12-10T00:00"),
    ("ظهرًا", "2024-12-10TMI"),
    ("مساءً", "2024-12-10TEV"),
])
def test_clock_times(text, value):
    x = one(text)
    assert x.type == "TIME" and x.value == value


def test_time_joins_its_date():
    x = one("غادر الساعة الثالثة فجرًا يوم الأحد 8 ديسمبر 2024")
    assert x.value == "2024-12-08T03:00" and x.text.startswith("الساعة") and x.text.endswith("2024")


def test_bare_noon_word_is_not_a_time():
    assert tag("ظهر الرئيس في التلفزيون", PUB) == []


# ---- relative and anaphoric -------------------------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("أمس", "2024-12-09"),
    ("البارحة", "2024-12-09"),
    ("اليوم", "2024-12-10"),
    ("غدًا", "2024-12-11"),
    ("بعد غد", "2024-12-12"),
    ("الأسبوع الماضي", "2024-W49"),
    ("الأسبوع المقبل", "2024-W51"),
    ("منذ ثلاثة أيام", "2024-12-07"),
    ("قبل يومين", "2024-12-08"),
    ("بعد يومين", "2024-12-12"),
    ("الشهر المقبل", "2025-01"),
    ("الشهر الماضي", "2024-11"),
    ("العام الماضي", "2023"),
    ("هذا العام", "2024"),
    ("منذ 13 عامًا", "2011"),
    ("الخميس الماضي", "2024-12-05"),
    ("الجمعة المقبلة", "2024-12-13"),
    ("في مارس الماضي", "2024-03"),
    ("الاثنين", "2024-12-09"),
])
def test_relative_to_the_anchor(text, value):
    x = one(text)
    assert x.value == value and x.anchor == "published"


@pytest.mark.parametrize("text,mod", [("مطلع الشهر", "START"), ("منتصف الشهر", "MID"), ("أواخر الشهر", "END")])
def test_part_of_month(text, mod):
    x = one(text)
    assert (x.value, x.mod) == ("2024-12", mod)


def test_anaphora_against_the_previous_date():
    text = "وقع الهجوم في 3 مارس 2020، وفي ذلك اليوم أغلقت الحدود، وفي الشهر نفسه فُرض حظر، واستمر حتى الجمعة."
    xs = tag(text, PUB)
    got = {x.text: (x.value, x.anchor) for x in xs}
    assert got["3 مارس 2020"] == ("2020-03-03", "published")
    assert got["ذلك اليوم"] == ("2020-03-03", "t1")
    assert got["الشهر نفسه"][0] == "2020-03"
    assert got["الجمعة"] == ("2020-03-06", "t2")  # the first Friday after the last day named


def test_bare_weekday_reads_past_in_news_and_future_on_request():
    assert one("قال الخميس", PUB).value == "2024-12-05"
    assert one("الخميس", PUB, prefer="future").value == "2024-12-12"


# ---- durations, sets, intervals, vague -------------------------------------------------------------
@pytest.mark.parametrize("text,value,mod", [
    ("حوالي ساعة", "PT1H", "APPROX"),
    ("ثلاثة أيام", "P3D", None),
    ("13 عامًا", "P13Y", None),
    ("يومين", "P2D", None),
    ("لمدة ثلاث ساعات", "PT3H", None),
    ("أكثر من أسبوعين", "P2W", "MORE_THAN"),
    ("خمس دقائق", "PT5M", None),
    ("الأيام الثلاثة الماضية", "P3D", None),
])
def test_durations(text, value, mod):
    x = one(text)
    assert (x.type, x.value, x.mod) == ("DURATION", value, mod)


@pytest.mark.parametrize("text,value,freq", [
    ("كل جمعة", "XXXX-WXX-5", "1W"), ("كل يوم جمعة", "XXXX-WXX-5", "1W"),
    ("كل جمعة مساء", "XXXX-WXX-5TEV", "1W"), ("كل يوم", "P1D", "1D"), ("كل أسبوع", "P1W", "1W"),
    ("كل شهر", "P1M", "1M"), ("كل سنتين", "P2Y", "2Y"), ("كل 3 أيام", "P3D", "3D"), ("كل ساعة", "PT1H", "T1H"),
    ("يوميًا", "P1D", "1D"), ("أسبوعيًا", "P1W", "1W"), ("شهريًا", "P1M", "1M"), ("سنويًا", "P1Y", "1Y"),
])
def test_sets(text, value, freq):
    x = one(text)
    assert (x.type, x.value, x.freq) == ("SET", value, freq)
    assert x.to_dict()["freq"] == freq


def test_only_sets_carry_freq():
    doc = Document(text="يجتمع المجلس كل جمعة منذ 3 مارس 2024 لمدة ساعتين.", published="2024-12-10")
    annotate(doc, Settings(today=dt.date(2026, 11, 29)))
    doc.validate()
    assert [(x.text, x.freq) for x in doc.timexes] == [("كل جمعة", "1W"), ("3 مارس 2024", None),
                                                      ("لمدة ساعتين", None)]
    back = Document.from_dict(doc.to_dict())
    assert [x.freq for x in back.timexes] == ["1W", None, None]
    assert "freq" not in doc.to_dict()["timexes"][1]


# ---- dialectal "ago", counted weekdays, holidays ---------------------------------------------------
REF = dt.datetime(2013, 2, 12, 4, 30)  # the peers' reference time, a Tuesday


@pytest.mark.parametrize("text,value", [
    ("من اسبوع", "2013-02-05"), ("من يومين", "2013-02-10"), ("من ثلاثة أيام", "2013-02-09"),
    ("من شهر", "2013-01"), ("من ساعتين", "2013-02-12T02:30"), ("شفته من أسبوع", "2013-02-05"),
])
def test_dialectal_min_with_a_duration_is_ago(text, value):
    x = one(text, REF, anchor_kind="today")
    assert (x.type, x.value) == ("DATE", value)
    assert x.text.startswith(("من", "شفته من"))


def test_min_is_not_ago_when_the_duration_is_not_its_whole_complement():
    assert values("تتغير الأسعار من أسبوع إلى آخر", REF) == []
    assert values("من ساعة لأخرى", REF) == []
    assert values("عادا من شهر العسل", REF) == []  # a construct, not "a month ago"
    assert values("انطلقت العملية من ساعة الصفر", REF) == []
    assert values("أكثر من يومين", REF) == [("أكثر من يومين", "P2D")]  # "than", a duration
    assert values("ما يقرب من شهرين", REF) == [("شهرين", "P2M")]
    assert values("في الثالث من شهر مارس 2013", REF) == [("الثالث من شهر مارس 2013", "2013-03-03")]
    assert values("من عام 2010", REF) == [("عام 2010", "2010")]
    assert values("من يوم الخميس", REF) == [("يوم الخميس", "2013-02-07")]


@pytest.mark.parametrize("text,value", [
    ("ثالث ثلاثاء بعد كريسماس 2014", "2015-01-13"),
    ("ثاني جمعة بعد رأس السنة 2015", "2015-01-09"),  # 2015-01-01 is a Thursday
    ("أول أحد بعد عيد الميلاد 2020", "2020-12-27"),  # 2020-12-25 is a Friday: strictly after
    ("الجمعة الثانية قبل عيد الفصح 2015", "2015-03-27"),  # Easter 2015-04-05
    ("ثالث ثلاثاء بعد 25 ديسمبر 2014", "2015-01-13"),  # any date with a day, not only a holiday
])
def test_nth_weekday_counted_from_a_day(text, value):
    x = one(text, REF, anchor_kind="today")
    assert (x.text, x.value) == (text, value)


def test_fixed_holidays_from_the_lexicon():
    assert values("رأس السنة 2015", REF) == [("رأس السنة 2015", "2015-01-01")]
    assert values("عيد الحب 2014", REF) == [("عيد الحب 2014", "2014-02-14")]
    assert values("رأس السنة الهجرية 1440", REF) == [("رأس السنة الهجرية 1440", "2018-09-11")]


def test_first_and_last_week_of_a_month_are_full_weeks():
    # September 2014 ends on a Tuesday: its last full week starts on the 22nd
    assert one("اخر اسبوع في سبتمبر لعام 2014", REF).value == "2014-09-22"
    assert one("الأسبوع الأخير من مارس 2015", REF).value == "2015-03-23"  # ends Tuesday 31
    assert one("الأسبوع الأخير من مايو 2015", REF).value == "2015-05-25"  # ends Sunday 31
    assert one("أول أسبوع من أكتوبر 2014", REF).value == "2014-10-06"  # starts Wednesday 1


def test_this_weekday_reads_the_current_week_in_news_and_forward_on_request():
    assert one("هذا الاثنين", REF).value == "2013-02-11"
    assert one("هذا الاثنين", REF, prefer="future").value == "2013-02-18"
    assert one("هذا الثلاثاء", REF, prefer="future").value == "2013-02-12"  # today


def test_intervals():
    assert values("من 5 إلى 7 مارس 2024") == [("5", "2024-03-05"), ("7 مارس 2024", "2024-03-07")]
    assert values("بين 2010 و2015") == [("2010", "2010"), ("2015", "2015")]
    assert values("من الساعة 3 إلى الساعة 4 عصرا")[1] == ("الساعة 4 عصرا", "2024-12-10T16:00")


@pytest.mark.parametrize("text,value", [("في الأيام الأخيرة", "PAST_REF"), ("في تلك المرحلة", "PAST_REF"),
                                        ("لاحقًا", "FUTURE_REF"), ("حاليًا", "PRESENT_REF")])
def test_vague(text, value):
    assert one(text).value == value


def test_clitics_and_word_boundaries():
    assert values("وأمس") == [("وأمس", "2024-12-09")]
    assert values("بالأمس") == [("بالأمس", "2024-12-09")]
    assert tag("النشرة اليومية والأيام", PUB) == []


def test_approximate_clock_time():
    x = one("نحو الساعة العاشرة ليلا")
    assert (x.value, x.mod) == ("2024-12-10T22:00", "APPROX") and x.text.startswith("نحو")


def test_weekday_in_a_narrative_far_from_the_anchor():
    text = "شنّ الطيران غارات في 30 أيلول\\سبتمبر 2015، وعاد يوم الأربعاء."
    xs = tag(text, dt.date(2018, 11, 26))
    assert [(x.text, x.value) for x in xs] == [("30 أيلول\\سبتمبر 2015", "2015-09-30"),
                                               ("يوم الأربعاء", "2015-09-30")]
    assert xs[1].anchor == "t1"


def test_deictic_day_named_twice_is_one_expression():
    assert values("قال أمس الخميس", dt.date(2023, 2, 3)) == [("أمس الخميس", "2023-02-02")]


def test_hijri_without_year_and_holidays():
    assert one("في 10 ذي الحجة").value == "2024-06-16"
    assert one("عيد الفطر 2019").value == "2019-06-04"


def test_anaphor_is_no_more_precise_than_its_antecedent():
    assert values("قبل عامين، وفي ذلك اليوم") == [("قبل عامين", "2022"), ("ذلك اليوم", "2022")]


def test_time_data_files_are_clean():
    import re
    import unicodedata
    from pathlib import Path

    import yaml

    folder = Path(__file__).resolve().parent.parent / "rawi" / "data" / "time"
    for p in sorted(folder.glob("*.yaml")):
        s = p.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", s) == s, p.name
        assert not re.search("[\u06cc\u06a9\ufb50-\ufdff\ufe70-\ufeff]", s), p.name
        seen: list = []

        class Loader(yaml.SafeLoader):
            pass

        def mapping(loader, node, deep=False, seen=seen):
            keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
            seen.extend(k for k in set(keys) if keys.count(k) > 1)
            return yaml.SafeLoader.construct_mapping(loader, node, deep)

        Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
        data = yaml.load(s, Loader=Loader)
        assert not seen, f"{p.name}: duplicate keys {seen}"
        for key, body in data.items():
            if isinstance(body, list):
                assert len(body) == len(set(map(str, body))), f"{p.name}: duplicates in {key}"


def test_bare_weekday_is_relative_not_a_written_date():
    # "يوم الأحد" alone takes its whole date from the anchor, like "أمس": no year was merely left out
    (x,) = tag("التقى الوزير نظيره يوم الأحد في الرياض", dt.date(2026, 11, 29), anchor_kind="today")
    assert (x.value, x.anchor, x.year_inferred) == ("2026-11-29", "today", False)


def test_rule_words_are_normalised_on_loading_like_the_tokens():
    # the tagger compares these lists with its normalised tokens: "الى", "اخرى", "سنة" as written
    # in the data file must load in the form the tokens have
    from rawi.arabic.normalize import normalize
    from rawi.lexicon import load_yaml
    from rawi.time.tagger import _fast_normalize, _words

    keys = load_yaml("time/lexicon.yaml")["rule_words"]
    assert keys
    for key, raw in keys.items():
        loaded = _words(key)
        assert loaded == tuple(normalize(str(w), lower=False) for w in raw), key
        assert all(_fast_normalize(w) == w == normalize(w, lower=False) for w in loaded), (key, loaded)
    assert "الي" in _words("forward_leads") and "سنه" in _words("year_preps")
    assert "اخري" in _words("other_words")


def test_the_weekday_written_with_today_pins_the_document_day():
    text = "أعلنت الوزارة اليوم الاثنين أن الاشتباكات توقفت أمس."

    def days(anchor, **kw):
        return [v for _, v in values(text, anchor, **kw)]

    # published (a UTC date) on Tuesday 23 April 2024, written on Monday: "yesterday" is Sunday
    assert days(dt.date(2024, 4, 23)) == ["2024-04-22", "2024-04-21"]
    # no publication date, read on Sunday 29 November 2026: written on the last Monday
    assert days(dt.date(2026, 11, 29), anchor_kind="today") == ["2026-11-23", "2026-11-22"]
    assert days(dt.date(2024, 4, 22)) == ["2024-04-22", "2024-04-21"]  # the weekday agrees: nothing moves


# ---- forms met in outlet and archive articles ---------------------------------------------------------
@pytest.mark.parametrize("text,key,value", [
    # a day and month with المنصرم/المقبل: that day's last (next) occurrence around the anchor
    ("في 27 آب/أغسطس المنصرم سيطرت العشائر", "27 آب/أغسطس المنصرم", "2024-08-27"),
    ("في 3 كانون الثاني المقبل", "3 كانون الثاني المقبل", "2025-01-03"),
    # both month names joined by a doubled backslash, or by nothing when they are the same month
    ("في يوم 30 أيلول\\\\سبتمبر 2015 تداولت", "يوم 30 أيلول\\\\سبتمبر 2015", "2015-09-30"),
    ("بتاريخ 30 أيلول سبتمبر 2015.", "بتاريخ 30 أيلول سبتمبر 2015", "2015-09-30"),
    # minutes after a point only behind the clock noun, and the fraction with its article
    ("من الساعة 11.30 إلى الظهر", "الساعة 11.30", "T11:30"),
    ("الساعة الرابعة والنصف صباحاً", "الساعة الرابعة والنصف صباحاً", "T04:30"),
    # a compound duration is one duration
    ("بعد نحو عام وشهرين تقريباً، شارك الحزب", "نحو عام وشهرين", "P1Y2M"),
    ("استمر القتال ثلاث سنوات وستة أشهر", "ثلاث سنوات وستة أشهر", "P3Y6M"),
    ("استمر الاجتماع ساعتين و30 دقيقة", "ساعتين و30 دقيقة", "PT2H30M"),
])
def test_outlet_forms(text, key, value):
    found = {x.text: x.value for x in tag(text, PUB)}
    assert key in found, found
    assert found[key].endswith(value) if value.startswith("T") else found[key] == value


def test_decimal_number_is_no_clock_time():
    assert [x.value for x in tag("ارتفع المؤشر 11.30 نقطة", PUB)] == []


def test_same_day_before_the_noun_is_the_day_last_named():
    xs = tag("قصفت الطائرات المدينة في 30 أيلول 2015. في ذات اليوم نشرت القناة فيديو، وفي نفس اليوم وصل الوفد.", PUB)
    assert [(x.text, x.value) for x in xs][1:] == [("ذات اليوم", "2015-09-30"), ("نفس اليوم", "2015-09-30")]


def test_day_and_month_named_again_is_the_same_day():
    text = ("أعلنت الوزارة في الأول من تشرين الأول/أكتوبر 2015 عن الغارة. وتظهر صورة من 20 تموز 2011 المبنى سليماً."
            " ونشر المركز فيديو في الأول من تشرين الأول يظهر القصف.")
    assert [x.value for x in tag(text, PUB)] == ["2015-10-01", "2011-07-20", "2015-10-01"]
