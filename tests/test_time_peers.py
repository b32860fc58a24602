"""rawi's tagger on the peers' own Arabic suites (Duckling's corpus, dateparser's tests).

Each expression is tagged against the suite's reference time (2013-02-12T04:30, a Tuesday)
and compared at the peer's grain (rawi.time.peers). At least 90% of each suite agrees, and
every remaining disagreement is listed with its reason in docs/time-peer-disagreements.md
(regenerate with scripts/time_peer_disagreements.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rawi.time.peers import load_dateparser, load_duckling, run_suite

DOC = Path(__file__).resolve().parent.parent / "docs" / "time-peer-disagreements.md"
SUITES = {
    "duckling": (load_duckling, "gold-time/duckling_ar_time/duckling_ar_time_gold.tsv"),
    "dateparser": (load_dateparser, "gold-time/dateparser_ar/dateparser_ar_translations.tsv"),
}


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_peer_suite_agreement(shared, suite):
    loader, rel = SUITES[suite]
    cases = loader(shared / rel)
    assert len(cases) >= 9
    outcomes = run_suite(cases)
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
        current |= {(suite, o.case.expression) for o in run_suite(loader(shared / rel)) if not o.agree}
    assert {tuple(c.strip() for c in ln.split("|")[1:3]) for ln in rows} == current
