"""Entity-level NER scoring, conlleval style: a predicted name counts only with exact span and type.

``read_conll`` reads a CoNLL-style file (token and tag per line, whitespace separated, blank
line between sentences; the tag is the last column, the token the first). ANERcorp's ``PERS``
becomes ``PER`` (and a few other spellings map onto PER/ORG/LOC/MISC, see ``map_tag``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rawi.entities.ner import TYPES, chunks

_TYPE_MAP = {"PERS": "PER", "PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG",
             "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "MISC": "MISC", "MIS": "MISC"}


def map_tag(tag: str) -> str:
    """``B-PERS`` → ``B-PER``; ``O`` and unknown shapes → ``O``; unknown types are kept."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    typ = tag[2:].strip("-`")
    return tag[0] + "-" + _TYPE_MAP.get(typ.upper(), typ)


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL-style file as ``(words, tags)`` with tags mapped by :func:`map_tag`."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    out.append((words, tags))
                words, tags = [], []
                continue
            words.append(parts[0])
            tags.append(map_tag(parts[-1]) if len(parts) > 1 else "O")
    if words:
        out.append((words, tags))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold: Iterable[list[str]], pred: Iterable[list[str]]) -> dict:
    """Entity-level P/R/F1 overall and per type for parallel sequences of BIO tags."""
    counts: dict[str, list[int]] = {}
    tokens = correct = 0
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"sequence lengths differ: {len(g)} gold vs {len(p)} predicted")
        tokens += len(g)
        correct += sum(a == b for a, b in zip(g, p, strict=True))
        gs, ps = set(chunks(g)), set(chunks(p))
        for c in gs | ps:
            k = counts.setdefault(c[2], [0, 0, 0])
            if c in gs and c in ps:
                k[0] += 1
            elif c in ps:
                k[1] += 1
            else:
                k[2] += 1
    tp = sum(k[0] for k in counts.values())
    fp = sum(k[1] for k in counts.values())
    fn = sum(k[2] for k in counts.values())
    order = [t for t in TYPES if t in counts] + sorted(t for t in counts if t not in TYPES)
    return {**_prf(tp, fp, fn), "tokens": tokens,
            "accuracy": round(correct / tokens, 4) if tokens else 0.0,
            "per_type": {t: _prf(*counts[t]) for t in order}}


def evaluate_file(path: str | Path, tagger=None) -> dict:
    """Tag a CoNLL file with the shipped model and score it: its sentences in order as one document
    (``ner.tag_document``: per-sentence tags, then names propagated to nearby sentences, as
    ``find_names`` does), or each sentence on its own with ``tagger`` (e.g. ``ner.tag_tokens``)."""
    sents = read_conll(path)
    if tagger is None:
        from rawi.entities.ner import tag_document

        return score([t for _, t in sents], tag_document([w for w, _ in sents]))
    return score([t for _, t in sents], [tagger(w) for w, _ in sents])


def format_report(res: dict) -> list[str]:
    """conlleval-like text lines (the caller prints a JSON line after them)."""
    lines = [f"processed {res['tokens']} tokens with {res['tp'] + res['fn']} phrases; "
             f"found: {res['tp'] + res['fp']} phrases; correct: {res['tp']}.",
             f"accuracy: {100 * res['accuracy']:6.2f}%; precision: {100 * res['p']:6.2f}%; "
             f"recall: {100 * res['r']:6.2f}%; FB1: {100 * res['f1']:6.2f}"]
    for t, v in res["per_type"].items():
        lines.append(f"{t:>17}: precision: {100 * v['p']:6.2f}%; recall: {100 * v['r']:6.2f}%; "
                     f"FB1: {100 * v['f1']:6.2f}  {v['tp'] + v['fp']}")
    return lines
