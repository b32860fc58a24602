"""Statistical NER: the shipped CRF model, conlleval-style scoring, the ner-eval command."""

from __future__ import annotations

import json

import pytest

from rawi.entities import ner
from rawi.entities.ner_eval import map_tag, read_conll, score

SENTENCE = "التقى الرئيس الروسي فلاديمير بوتين في موسكو"


def test_model_tags_a_news_sentence():
    words = SENTENCE.split()
    tags = ner.tag_tokens(words)
    assert len(tags) == len(words)
    assert set(tags) <= {"O"} | {f"{p}-{t}" for p in "BI" for t in ner.TYPES}
    assert ner.chunks(tags) == [(3, 5, "PER"), (6, 7, "LOC")]
    assert tags[:3] == ["O", "O", "O"]


def test_find_names_offsets_into_text():
    text = "خبر أول.\n" + SENTENCE + ". وقال المتحدث باسم الكرملين ديمتري بيسكوف إن اللقاء جرى في موسكو."
    names = ner.find_names(text)
    found = {(text[a:b], t) for a, b, t in names}
    assert ("فلاديمير بوتين", "PER") in found
    assert ("موسكو", "LOC") in found
    # offsets are into the full text, also when a window is asked for
    a = text.index("وقال")
    inside = ner.find_names(text, a, len(text))
    assert inside and all(s >= a for s, _, _ in inside)
    assert ("موسكو", "LOC") in {(text[s:e], t) for s, e, t in inside}


def test_find_names_scored_same_names_with_confidence():
    text = SENTENCE + ". وقال المتحدث باسم الكرملين ديمتري بيسكوف إن اللقاء جرى في موسكو."
    plain = ner.find_names(text)
    scored = ner.find_names_scored(text)
    assert [s[:3] for s in scored] == plain
    assert all(0.0 < s[3] <= 1.0 for s in scored)
    # a name after a title, seen in training: the model is sure of it
    assert max(c for a, b, t, c in scored if text[a:b] == "فلاديمير بوتين") > 0.8


def test_propagate_repeats_a_name_within_the_window():
    first = "المدرب البرتغالي مانويل جوزيه".split()
    later = "ويعتمد وجوزيه على".split()
    tags, source = ner.propagate([first, later], [["O", "O", "B-PER", "I-PER"], ["O", "O", "O"]])
    # the last word of a full person name, through the clitic و, is tagged in the other sentence
    assert tags[1] == ["O", "B-PER", "O"] and source == {(1, 1): (0, 2, 4)}
    assert tags[0] == ["O", "O", "B-PER", "I-PER"]
    # beyond PROPAGATE_WINDOW sentences it is left alone
    far = [first] + [["قال"]] * ner.PROPAGATE_WINDOW + [later]
    tags, _ = ner.propagate(far, [["O", "O", "B-PER", "I-PER"]] + [["O"]] * ner.PROPAGATE_WINDOW + [["O"] * 3])
    assert tags[-1] == ["O", "O", "O"]
    # a common word is never a name on its own
    tags, _ = ner.propagate([["في"], ["في"]], [["B-LOC"], ["O"]])
    assert tags[1] == ["O"]


def test_name_list_features():
    feats = ner.sequence_features(["ومحمد", "اللواء"])[0]
    assert "gG=3" in feats  # a given name (Wikidata list, band 3) read through the clitic و
    assert any(f.startswith("gS=") for f in ner.sequence_features(["الأسد"])[0])


def test_tag_tokens_empty_and_punctuation():
    assert ner.tag_tokens([]) == []
    assert ner.tag_tokens(["،", "."]) == ["O", "O"]


def test_same_features_for_training_and_tagging():
    # the clitic-stripped reading shares the bare word's lexical feature
    feats = ner.sequence_features(["وبموسكو", "موسكو"])
    assert "s=موسكو" in feats[0] and "s=موسكو" in feats[1]
    assert "BOS" in feats[0] and "EOS" in feats[1]
    assert any(f.startswith("tr=PER") for f in ner.sequence_features(["والرئيس"])[0])


def test_chunks_conlleval_rules():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC"]
    assert ner.chunks(tags) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG"), (7, 8, "MISC")]


def test_score_known_figures(tmp_path):
    conll = tmp_path / "tiny.txt"
    conll.write_text(
        "التقى O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n\n"
        "وأعلنت O\nوكالة B-ORG\nتاس I-ORG\nأن O\nمصر B-LOC\nترحب O\n", encoding="utf-8")
    sents = read_conll(conll)
    assert [len(w) for w, _ in sents] == [6, 6]
    assert sents[0][1][2] == "B-PER"
    pred = [["O", "O", "B-PER", "I-PER", "O", "B-LOC"],       # both right
            ["O", "B-ORG", "O", "O", "B-PER", "O"]]           # ORG span too short, مصر wrong type
    res = score([t for _, t in sents], pred)
    # gold 4 names, predicted 4, 2 exact: P = R = F1 = 0.5
    assert (res["tp"], res["fp"], res["fn"]) == (2, 2, 2)
    assert res["p"] == res["r"] == res["f1"] == 0.5
    assert res["per_type"]["PER"]["p"] == 0.5 and res["per_type"]["PER"]["r"] == 1.0
    assert res["per_type"]["LOC"]["r"] == 0.5 and res["per_type"]["LOC"]["p"] == 1.0
    assert res["per_type"]["ORG"]["f1"] == 0.0
    assert map_tag("I-PERS") == "I-PER" and map_tag("OO") == "O"


def test_ner_eval_cli_json_last_line(shared, tmp_path):
    from typer.testing import CliRunner

    from rawi.cli import app

    src = shared / "data" / "anercorp" / "ANERCorp_split_reconstructed_test.txt"
    if not src.exists():
        pytest.skip(f"{src} not found")
    lines = src.read_text(encoding="utf-8").splitlines()[:1500]
    part = tmp_path / "aner_slice.txt"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["ner-eval", str(part)])
    assert out.exit_code == 0, out.output
    last = json.loads(out.output.strip().splitlines()[-1])
    assert set(last) >= {"p", "r", "f1", "per_type"}
    assert 0.5 < last["f1"] <= 1.0
    assert "PER" in last["per_type"] and "LOC" in last["per_type"]
    assert "FB1" in out.output


def test_feature_inputs_unchanged_since_training():
    """The lists the features read are those the shipped model was trained with (else: retrain)."""
    import warnings

    from rawi.lexicon import path

    stored = json.loads(path("models/ner.features.json").read_text(encoding="utf-8"))["feature_inputs"]
    now = ner.feature_fingerprint()
    # every list the features read is fingerprinted, the Wikidata name lists included
    assert set(stored) == set(ner.FEATURE_INPUTS) == set(now)
    assert {"ner/given_names.tsv", "ner/family_names.tsv"} <= set(stored)
    own = {k for k in stored if k.startswith("ner/")}
    changed = sorted(k for k in own if stored[k] != now.get(k))
    assert not changed, f"NER feature lists changed since training, run scripts/train_ner.py: {changed}"
    for k in set(stored) - own:
        if stored[k] != now.get(k):
            warnings.warn(f"{k} changed since the NER model was trained; retrain when convenient", stacklevel=1)
