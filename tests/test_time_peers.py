"""rawi's tagger on the peers' own Arabic suites (Duckling's corpus, dateparser's tests).

Each expression is tagged against the suite's reference time (2013-02-12T04:30, a Tuesday)
and compared at the peer's grain (rawi.time.peers). At least 90% of each suite agrees, and
every remaining disagreement is listed with its reason in docs/time-peer-disagreements.md
(regenerate with scripts/time_peer_disagreements.py).

Reference-time convention: the suites encode their tools' reading of an expression said at
the reference time, which is forward for an expression with no year or week cue (a bare
"الخميس" is the coming Thursday, a bare "15 مارس" the coming one). So the agreement is
measured with ``prefer=PEER_CONVENTION`` ("future"), passed explicitly. rawi's news default
stays ``prefer="past"`` (a report's bare weekday is the one just gone); under it fewer Duckling
expressions agree, a figure scripts/time_peer_disagreements.py prints for information only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rawi.time.peers import load_dateparser, load_duckling, run_suite

DOC = Path(__file__).resolve().parent.parent / "docs" / "time-peer-disagreements.md"
PEER_CONVENTION = "future"  # how the peers read a bare weekday or date against their reference time
SUITES = {
    "duckling": (load_duckling, "gold-time/duckling_ar_time/duckling_ar_time_gold.tsv"),
    "dateparser": (load_dateparser, "gold-time/dateparser_ar/dateparser_ar_translations.tsv"),
}


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_peer_suite_agreement(shared, suite):
    loader, rel = SUITES[suite]
    cases = loader(shared / rel)
    assert len(cases) >= 9
    outcomes = run_suite(cases, prefer=PEER_CONVENTION)
    agree = sum(o.agree for o in outcomes)
    assert agree / len(outcomes) >= 0.9, [(o.case.expression, o.got, o.why) for o in outcomes if not o.agree]
    # every disagreement is listed, with a reason, in the generated document
    listed = DOC.read_text(encoding="utf-8")
    for o in outcomes:
        if not o.agree:
            row = next((ln for ln in listed.splitlines() if ln.startswith(f"| {suite} | {o.case.expression} |")), None)
            assert row is not None, f"{suite}: {o.case.expression!r} disagrees but is not in {DOC.name}"
            reason = row.rstrip(" |").rsplit("|", 1)[-1].strip()
            assert reason and not reason.startswith("TODO"), row
            assert reason.startswith("convention:"), f"a disagreement left as a miss: {row}"


def test_news_default_is_still_past():
    """The peers' forward reading is asked for; the tagger's own default is untouched."""
    import inspect

    from rawi.time import tag
    from rawi.time.peers import REFERENCE

    assert inspect.signature(tag).parameters["prefer"].default == "past"
    assert [x.value for x in tag("الخميس", REFERENCE)] == ["2013-02-07"]
    assert [x.value for x in tag("الخميس", REFERENCE, prefer=PEER_CONVENTION)] == ["2013-02-14"]


def test_duckling_negative_examples_are_not_tagged():
    from rawi.time import tag
    from rawi.time.peers import REFERENCE

    for word in ("حب", "اياب", "ابحث"):
        assert tag(word, REFERENCE) == []


def test_doc_lists_only_current_disagreements(shared):
    """The document is regenerated when the tagger changes: no stale rows."""
    listed = DOC.read_text(encoding="utf-8")
    rows = [ln for ln in listed.splitlines() if re.match(r"\| (duckling|dateparser) \|", ln)]
    current = set()
    for suite, (loader, rel) in SUITES.items():
        current |= {(suite, o.case.expression) for o in run_suite(loader(shared / rel), prefer=PEER_CONVENTION)
                    if not o.agree}
    assert {tuple(c.strip() for c in ln.split("|")[1:3]) for ln in rows} == current
