"""The events stage's statistical detection gate (rawi.events.classifier) and its shipped model."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from rawi import events
from rawi.events import classifier
from rawi.ingest import from_text
from rawi.lexicon import DATA
from rawi.pipeline import process, stage_names
from rawi.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
BEFORE_EVENTS = DEFAULT.replace(stages=tuple(n for n in stage_names() if n != "events"))

ATTACK = "قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم شنه مسلحون على نقطة تفتيش في بغداد أمس."
BACKGROUND = "ندد الوزير بالهجمات الإرهابية التي تستهدف المدنيين في كل مكان."
PROTEST = "تظاهر آلاف الطلاب أمس في وسط القاهرة احتجاجا على رفع الأسعار."
PROTEST_HISTORY = "تحدث الكتاب عن تاريخ المظاهرات في مصر."


def asserted(doc, etype: str) -> list:
    return [v for v in doc.events if v.type == etype and not v.negated and not v.modality]


def gate_scores(text: str, etype: str) -> list[float]:
    doc = process(from_text(text), BEFORE_EVENTS)
    return [classifier.score(etype, c.features) for c in events.candidates(doc) if c.type == etype]


def test_model_loads_as_plain_data():
    m = classifier.model()
    assert m["format"] == "rawi-event-gate/1"
    assert set(m["types"]) == {"ASSAULT", "PROTEST"} == set(classifier.gated_types())
    for spec in m["types"].values():
        assert isinstance(spec["bias"], float) and isinstance(spec["threshold"], float)
        assert len(spec["weights"]) > 100 and all(isinstance(w, float) for w in spec["weights"].values())
    # the cross-validated figures travel with the model, and the card names the data and its licence
    assert {"p", "r", "f1", "k", "seed"} <= set(m["cv"]["ASSAULT"])
    # the operating point keeps the lexicon rules' recall (cross-validated, with the rules' own figure)
    for etype in ("ASSAULT", "PROTEST"):
        cv = m["cv"][etype]
        assert "recall >= lexicon recall" in cv["operating_point"]
        # the floor is enforced inside the training folds (nested), so the held-out recall may
        # fall short of it by a few sentences (0.025: four of the 175 ASSAULT positives), never by more
        assert cv["r"] >= cv["lexicon"]["r"] - 0.025, (etype, cv["r"], cv["lexicon"])
    card = (DATA / "events" / "models" / "EVENT_CLASSIFIER.md").read_text(encoding="utf-8")
    assert "arabic_event_gsr" in card and "MIT" in card and "Open Event Data Alliance" in card


@pytest.mark.parametrize("text,etype", [(ATTACK, "ASSAULT"), (PROTEST, "PROTEST")])
def test_clear_report_scores_above_threshold(text, etype):
    thr = classifier.model()["types"][etype]["threshold"]
    scores = gate_scores(text, etype)
    assert scores and max(scores) > thr + 1.0, (scores, thr)
    doc = process(from_text(text))
    found = asserted(doc, etype)
    assert found and found[0].detection_score is not None and found[0].detection_score >= thr
    assert "detection_score" in found[0].to_dict()


@pytest.mark.parametrize("text,etype", [(BACKGROUND, "ASSAULT"), (PROTEST_HISTORY, "PROTEST")])
def test_generic_mention_scores_below_threshold(text, etype):
    thr = classifier.model()["types"][etype]["threshold"]
    scores = gate_scores(text, etype)
    # a smaller margin than the reports' (log-odds): the recall-first operating point sits low, and
    # the PROTEST model's strong regularisation (C 0.01–0.03, chosen by inner CV) compresses its scores
    assert scores and max(scores) < thr - 0.25, (scores, thr)
    assert not asserted(process(from_text(text)), etype)


def test_stage_scores_equal_training_features():
    """The score the stage records is the model applied to ``candidates``' features (the
    training-time feature function), on a sample of sentences."""
    sample = [ATTACK, PROTEST, "أطلقت الشرطة الغاز المسيل للدموع على آلاف المتظاهرين أمام البرلمان في بغداد.",
              "وقالت المصادر إن انفجارا وقع قرب السفارة دون أن يسفر عن إصابات."]
    checked = 0
    for text in sample:
        ready = process(from_text(text), BEFORE_EVENTS)
        cands = events.candidates(copy.deepcopy(ready))
        doc = copy.deepcopy(ready)
        events.annotate(doc, DEFAULT)
        for v in doc.events:
            if v.detection_score is None:
                continue
            c = next(c for c in cands if c.type == v.type and any(m.start == v.trigger.start for m in c.mentions))
            assert v.detection_score == pytest.approx(classifier.score(v.type, c.features), abs=1e-4)
            checked += 1
    assert checked >= 3


def test_pure_python_score_equals_sklearn():
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_classifier as T

    rows = []
    for n, text in enumerate([ATTACK, BACKGROUND, PROTEST, PROTEST_HISTORY] * 2):
        doc = process(from_text(text), BEFORE_EVENTS)
        rows.append({"gold": n % 2 == 0, "cands": [(sorted(c.features), c.asserted) for c in events.candidates(doc)]})
    spec = T.fit(rows, 1.0)
    assert T.check_inference(spec, rows) < 1e-4


def test_gate_leaves_other_types_and_modal_mentions(founding_text):
    doc = process(from_text(founding_text))
    with classifier.use(None):
        ungated = process(from_text(founding_text))
    assert [(v.type, v.trigger.start) for v in doc.events] == [(v.type, v.trigger.start) for v in ungated.events]
    doc = process(from_text("حاول مسلحون اغتيال رئيس البلدية في بغداد."))
    assert any(v.type == "ASSAULT" and v.modality == "attempted" for v in doc.events)


def _features(text: str, etype: str) -> set[str]:
    doc = process(from_text(text), BEFORE_EVENTS)
    return set().union(*(c.features for c in events.candidates(doc) if c.type == etype))


def test_context_features():
    """The sentence-structure features the gate reads: a toll, a crowd's size, the trigger
    heading the sentence, the purpose of a gathering, a quoted or reported trigger."""
    f = _features(ATTACK, "ASSAULT")
    assert {"x.count_casualty", "t.head", "t.clause0"} <= f and "t.quoted" not in f
    f = _features(PROTEST, "PROTEST")
    assert {"x.count_crowd", "t.head", "c=purpose"} <= f
    assert any(x.startswith("e.") for x in f)  # القاهرة: an entity type in the sentence
    f = _features("وقال المتحدث إن «مسلحين شنوا هجوما على القافلة في بغداد».", "ASSAULT")
    assert {"t.quoted", "t.reported"} <= f and "t.head" not in f
