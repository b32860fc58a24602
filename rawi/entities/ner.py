"""Statistical named-entity recognition: a linear-chain CRF (python-crfsuite) over Arabic-aware features.

The model (``rawi/data/models/ner.crfsuite``) is trained by ``scripts/train_ner.py`` on ANERcorp
and tags words with BIO tags of four types: PER, ORG, LOC, MISC. Features are built from the
matching form of a word (``rawi.arabic.normalize``), its clitic-stripped stem and proclitic chain
(``rawi.arabic.clitics``), prefixes and suffixes of 1–3 letters, word shape, membership in name,
place and KB lists (among them the Wikidata given/family-name lists with how many people bear
each name) and in the trigger list (titles, place and organisation words, read through
clitics: "والرئيس" counts as "الرئيس"), and the same cues for the words ±2 around it.

Two more groups of cues tell organisations and MISC names apart from the rest: a :class:`Gazetteer`
of the names annotated in the training data (``models/ner.gazetteer.tsv``, written with the model;
during training each fold of sentences sees only the names of the other folds, so the model learns
how far to trust a name it has seen before, not to copy its own labels), and shape cues (words in a
short quoted span with the word that introduces it, برنامج « … »; words after an organisation
trigger up to the next function word; nisba adjectives; Latin acronyms).

Over a document (:func:`find_names`, :func:`tag_document`) the tags of each sentence are then made
consistent: a name tagged in one sentence is tagged where it recurs untagged within
``PROPAGATE_WINDOW`` sentences (:func:`propagate`). :func:`find_names_scored` adds a confidence
per name (the smallest CRF marginal of its words' labels).

Training and tagging call the very same :func:`sequence_features`, and every list a feature
reads is a file in ``rawi/data/ner`` shipped with the model (the KB forms are a snapshot taken
when the model was trained, ``kb_forms.tsv``), so the features at inference equal those at
training whether or not the live KB is present or has changed since.

Speed: every feature that depends on one word only is computed once per distinct word
(``lru_cache``), for the word itself and for the word seen as a neighbour; tagging a sentence
concatenates these cached tuples and adds two bigram features per token.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rawi.arabic import normalize, split_sentences, tokenize
from rawi.arabic.clitics import readings, segment

TYPES = ("PER", "ORG", "LOC", "MISC")
PROPAGATE_WINDOW = 10  # sentences either side that share their names (see propagate)
PROPAGATE_TYPES = frozenset({"PER", "ORG", "LOC"})
MODEL = "models/ner.crfsuite"
KB_SNAPSHOT = "ner/kb_forms.tsv"
GAZETTEER = "models/ner.gazetteer.tsv"  # names of the training data, written beside the model
GAZ_MAX_WORDS = 6  # longer annotated names are left out of the gazetteer
# an opening quote and the mark that closes it; a quoted span of 1-8 words is a title candidate
QUOTES = {"«": "»", '"': '"', "“": "”", "``": "''"}
_TOGGLE_QUOTES = frozenset({'"', "«", "»", "''", "``"})

_AR = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
_DIG = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


# ---------------------------------------------------------------- lists read by the features


@lru_cache(maxsize=1)
def _lists() -> dict[str, object]:
    from rawi.lexicon import DATA, load_lines, load_tsv, load_yaml

    triggers: dict[str, str] = {}
    for line in load_lines("ner/triggers.txt"):
        word, _, typ = line.rpartition(" ")
        triggers[normalize(word.strip())] = typ.strip()
    first = frozenset(normalize(w) for w in load_lines("ner/first_names.txt"))
    last = frozenset(normalize(w) for w in load_lines("ner/last_names.txt"))
    places = frozenset(normalize(w) for w in load_lines("ner/places.txt"))
    kb_single: dict[str, str] = {}
    kb_first: dict[str, str] = {}
    kb_inner: dict[str, str] = {}
    snap = DATA / KB_SNAPSHOT
    if snap.exists():  # optional: a model trained without a KB ships without the snapshot
        for line in snap.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("form\t"):
                continue
            form, _, typ = line.partition("\t")
            words = normalize(form).split()
            if len(words) == 1:
                kb_single.setdefault(words[0], typ)
            elif words:
                kb_first.setdefault(words[0], typ)
                for w in words[1:]:
                    if len(w) > 2:
                        kb_inner.setdefault(w, typ)
    freq = {r["word"]: r["zipf"] for r in load_tsv("ner/word_freq.tsv")}
    given = {r["word"]: r["band"] for r in load_tsv("ner/given_names.tsv")}
    family = {r["word"]: r["band"] for r in load_tsv("ner/family_names.tsv")}
    # a nisba adjective ends in ي, bare or inflected (rawi/data/text/morphology.yaml: روسي، روسيه، روسيين)
    nisba = ("ي", *("ي" + x for x in load_yaml("text/morphology.yaml")["nisba_suffixes"]))
    return {"triggers": triggers, "freq": freq, "first": first, "last": last, "places": places,
            "kb": kb_single, "kb_first": kb_first, "kb_inner": kb_inner, "given": given, "family": family,
            "nisba": nisba}


FEATURE_INPUTS = ("ner/triggers.txt", "ner/first_names.txt", "ner/last_names.txt", "ner/places.txt",
                  "ner/word_freq.tsv", "ner/given_names.tsv", "ner/family_names.tsv", KB_SNAPSHOT, "text/clitic_protected.txt")


def feature_fingerprint() -> dict[str, str]:
    """sha256 (first 16 hex) of every data file the features read; stored with the model at training
    (``models/ner.features.json``) so a test can tell when a list changed and the model needs retraining."""
    import hashlib

    from rawi.lexicon import DATA

    out = {}
    for rel in FEATURE_INPUTS:
        p = DATA / rel
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()[:16] if p.exists() else "absent"
    return out


def clear_caches() -> None:
    """Forget loaded lists, cached word features and the model (after retraining or editing lists)."""
    from rawi.lexicon import load_lines, load_tsv

    load_lines.cache_clear()
    load_tsv.cache_clear()
    _lists.cache_clear()
    _word.cache_clear()
    _tagger.cache_clear()
    _shipped_gazetteer.cache_clear()


# ---------------------------------------------------------------- gazetteer of training names


class Gazetteer:
    """Names annotated in training text, read through clitic-stripped stems.

    ``names``: stem sequence (1-``GAZ_MAX_WORDS`` words) → its commonest type; ``stems``: stem →
    (times seen, times inside a name, commonest type inside a name or ""). The features read the
    longest known name at each word (``gz=B-ORG`` …) and how often the word is part of a name.
    """

    __slots__ = ("_cues", "longest", "names", "stems")

    def __init__(self, names: dict[tuple[str, ...], str], stems: dict[str, tuple[int, int, str]]) -> None:
        self.names = names
        self.stems = stems
        self.longest: dict[str, int] = {}  # first stem → words of the longest name it opens
        for k in names:
            self.longest[k[0]] = max(self.longest.get(k[0], 0), len(k))
        self._cues: dict[str, tuple[list[str], list[str], list[str]]] = {}

    def stem_cues(self, stem: str) -> tuple[list[str], list[str], list[str]]:
        """How often ``stem`` is inside a training name: its own features, and those the words
        before (``+1``) and after (``-1``) see; built once per stem (tagging calls this per word)."""
        c = self._cues.get(stem)
        if c is None:
            r = self.stems.get(stem)
            if not r:
                c = (["gr=unseen"], [], [])
            else:
                frac = r[1] / r[0]
                band = "0" if frac == 0 else "l" if frac < 0.3 else "m" if frac < 0.7 else "h"
                own = [f"gr={band}|{min(r[0], 3)}"]
                near = [f"grt={r[2]}|{band}"] if r[1] else []
                c = (own + near, ["+1" + x for x in near], ["-1" + x for x in near])
            if len(self._cues) < 200_000:
                self._cues[stem] = c
        return c

    @classmethod
    def build(cls, sentences: Iterable[tuple[list[str], list[str]]]) -> Gazetteer:
        """From ``(words, BIO tags)`` sentences."""
        names: dict[tuple[str, ...], Counter] = {}
        seen: Counter = Counter()
        inside: dict[str, Counter] = {}
        for words, tags in sentences:
            st = [_word(w)[5][0] for w in words]
            seen.update(st)
            for i, j, typ in chunks(tags):
                if j - i <= GAZ_MAX_WORDS:
                    names.setdefault(tuple(st[i:j]), Counter())[typ] += 1
                for q in range(i, j):
                    inside.setdefault(st[q], Counter())[typ] += 1
        return cls({k: c.most_common(1)[0][0] for k, c in names.items()},
                   {w: (n, sum(inside[w].values()) if w in inside else 0,
                        inside[w].most_common(1)[0][0] if w in inside else "") for w, n in seen.items()})

    def write(self, path: Path) -> None:
        lines = ["# Names annotated in the NER training data (ANERcorp, CC BY-SA 4.0), by clitic-stripped stems;",
                 "# written by scripts/train_ner.py with the model, read by rawi/entities/ner.py features.",
                 "# name<TAB>stems<TAB>type  |  stem<TAB>stem<TAB>seen<TAB>in_name<TAB>type"]
        lines += [f"name\t{' '.join(k)}\t{t}" for k, t in sorted(self.names.items())]
        lines += [f"stem\t{w}\t{n}\t{m}\t{t}" for w, (n, m, t) in sorted(self.stems.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Gazetteer:
        names: dict[tuple[str, ...], str] = {}
        stems: dict[str, tuple[int, int, str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            f = line.split("\t")
            if f[0] == "name":
                names[tuple(f[1].split(" "))] = f[2]
            elif f[0] == "stem":
                stems[f[1]] = (int(f[2]), int(f[3]), f[4])
        return cls(names, stems)


@lru_cache(maxsize=1)
def _shipped_gazetteer() -> Gazetteer | None:
    from rawi.lexicon import DATA

    p = DATA / GAZETTEER
    return Gazetteer.read(p) if p.exists() else None  # a model trained without it ships without it


# ---------------------------------------------------------------- features


def _kind(word: str) -> str:
    if _AR.search(word):
        return "mix" if (_LAT.search(word) or _DIG.search(word)) else "ar"
    if _DIG.search(word):
        return "num"
    if _LAT.search(word):
        return "latC" if word[:1].isupper() else "lat"
    return "punct"


def _lookup(table, reads: list[str]):
    for r in reads:
        v = r in table if isinstance(table, frozenset) else table.get(r)
        if v:
            return v
    return None


@lru_cache(maxsize=262144)
def _word(word: str) -> tuple[tuple[str, ...], ...]:
    """Cached features of one word: (as -2, -1, itself, +1, +2 neighbour, key), the key being
    (stem, trigger type, frequency band, given-name band, family-name band) for the pair features."""
    L = _lists()
    n = normalize(word)
    seg = segment(word)
    stem = seg.stem or n
    reads = [r for _, r in readings(word)]
    kind = _kind(word)
    trig = _lookup(L["triggers"], reads)
    gaz: list[str] = []
    if _lookup(L["first"], reads):
        gaz.append("gF")
    if _lookup(L["last"], reads):
        gaz.append("gL")
    if _lookup(L["places"], reads):
        gaz.append("gP")
    gg = _lookup(L["given"], reads)  # Wikidata given/family names, with how many people bear them
    if gg:
        gaz.append("gG=" + gg)
    gs = _lookup(L["family"], reads)
    if gs:
        gaz.append("gS=" + gs)
    kb = _lookup(L["kb"], reads)
    if kb:
        gaz.append("kb=" + kb)
    kbf = _lookup(L["kb_first"], reads)
    if kbf:
        gaz.append("kbB=" + kbf)
    kbi = L["kb_inner"].get(stem) or L["kb_inner"].get(n)
    if kbi:
        gaz.append("kbI=" + kbi)
    # every clitic reading of the word shares its lexical weight with the bare word:
    # "بدارفور" fires s=بدارفور and s=دارفور, like "دارفور" itself
    stems = list(dict.fromkeys([*reads, stem]))
    # how common the word is in general Arabic (wordfreq): rare words are often names
    zf = L["freq"].get(n)
    if zf is None:
        zr = _lookup(L["freq"], reads[1:])
        zf = ("r" + zr) if zr else "0"
    own = ["b", "zf=" + zf, "w=" + n, "k=" + kind, "len=" + str(min(len(stem), 9)), *("s=" + r for r in stems)]
    if seg.prefixes:
        own.append("cl=" + "+".join(seg.prefixes))
    if kind == "ar" or kind == "mix":
        own += ["p1=" + stem[:1], "p2=" + stem[:2], "p3=" + stem[:3],
                "x1=" + n[-1:], "x2=" + n[-2:], "x3=" + n[-3:]]
    elif kind == "num":
        own.append("dig" if n.isdigit() else "numx")
    if trig:
        own.append("tr=" + trig)
    own += gaz
    # nisba adjectives (الأمريكي، العربية) are often MISC or the tail of an ORG name
    if kind == "ar" and len(stem) >= 4 and n.endswith(L["nisba"]):
        own.append("nisba")
    if kind in ("lat", "latC") and len(word) >= 2 and word.isupper():
        own.append("acr")
    if any(q in word for q in ('"', "«", "»")):
        own.append("quote")
    near = ["w=" + n, "zf=" + zf, "k=" + kind, "x2=" + n[-2:], "p2=" + stem[:2], *("s=" + r for r in stems)]
    if seg.prefixes:
        near.append("cl=" + "+".join(seg.prefixes))
    if trig:
        near.append("tr=" + trig)
    near += gaz
    far = ["w=" + stem]
    if trig:
        far.append("tr=" + trig)
    return (tuple("-2:" + f for f in far), tuple("-1:" + f for f in near), tuple(own),
            tuple("+1:" + f for f in near), tuple("+2:" + f for f in far),
            (stem, trig or "", zf, gg or "", gs or ""))


def sequence_features(words: list[str], gazetteer: Gazetteer | None = None) -> list[list[str]]:
    """The CRF features of each word of one sentence (the same function at training and tagging).

    ``gazetteer``: the training names to read (default: the one shipped with the model; training
    passes the names of the other folds).
    """
    feats = [_word(w) for w in words]
    n = len(feats)
    extra = _span_cues(words, feats)
    gaz = gazetteer if gazetteer is not None else _shipped_gazetteer()
    if gaz is not None and gaz.names:  # an empty one (a model trained without it) adds nothing
        _gazetteer_cues(feats, gaz, extra)
    out: list[list[str]] = []
    for i, f in enumerate(feats):
        x = list(f[2])
        x += extra[i]
        if i > 0:
            p = feats[i - 1]
            x += p[1]
            if "nisba" in f[2]:
                x.append("nisbaP=" + p[5][2])
            x.append("b-=" + p[5][0] + "|" + f[5][0])
            if p[5][3]:  # after a given name: how common this word is, is it a family name
                x.append("pG=" + p[5][3] + "|" + f[5][2] + "|" + f[5][4])
            # a title/place/organisation word 1-3 words before, with how common this word is
            for j in range(i - 1, max(i - 4, -1), -1):
                if feats[j][5][1]:
                    x.append(f"trw{i - j}={feats[j][5][1]}|{f[5][2]}")
                    break
            if i > 1:
                x += feats[i - 2][0]
        else:
            x.append("BOS")
        if i + 1 < n:
            q = feats[i + 1]
            x += q[3]
            x.append("b+=" + f[5][0] + "|" + q[5][0])
            if q[5][4] or q[5][3]:  # before a family/given name
                x.append("nN=" + q[5][3] + "|" + q[5][4] + "|" + f[5][3] + "|" + f[5][2])
            if i + 2 < n:
                x += feats[i + 2][4]
        else:
            x.append("EOS")
        out.append(x)
    return out


def _span_cues(words: list[str], feats: list[tuple]) -> list[list[str]]:
    """Cues of spans inside the sentence: after an ORG trigger until a function word (a word of
    Zipf band 6-7) or punctuation, at most 6 words (وزارة الخارجية الأمريكية); inside a short quoted
    span, with its position and the word before the quote (برنامج « … », استاد " … ")."""
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    inside, dist = "", 0
    for i, f in enumerate(feats):
        if inside:
            if f[5][2] in ("6", "7") or _kind(words[i]) == "punct" or dist > 5:
                inside = ""
            else:
                dist += 1
                out[i].append(f"inT={inside}|{min(dist, 4)}")
        if f[5][1] == "ORG" and not inside:
            inside, dist = "ORG", 0
    quoted = False
    for i, w in enumerate(words):  # between two quote marks, however they pair
        if w in _TOGGLE_QUOTES:
            quoted = not quoted
        elif quoted:
            out[i].append("inQ")
    i = 0
    while i < n:
        close = QUOTES.get(words[i])
        if close is not None:
            j = i + 1
            while j < n and j - i <= 8 and words[j] != close and words[j] not in ("«", "»"):
                j += 1
            if j < n and words[j] == close and j - i > 1:
                intro = feats[i - 1][5][0] if i > 0 else "BOS"
                size = j - i - 1
                for q in range(i + 1, j):
                    pos = "S" if size == 1 else "B" if q == i + 1 else "E" if q == j - 1 else "I"
                    out[q] += ["inQ=" + pos, "inQ=" + pos + "|" + intro, "inQL=" + str(min(size, 4))]
                i = j + 1
                continue
        i += 1
    return out


def _gazetteer_cues(feats: list[tuple], gaz: Gazetteer, own: list[list[str]]) -> None:
    """Add to ``own`` (per word) the longest training name at each word (greedy, left to right)
    with the word's position in it, how often the word's stem is part of a name in the training
    data, and both for the words ±1. Written for speed: it runs on every sentence tagged."""
    st = [f[5][0] for f in feats]
    n = len(st)
    names, longest = gaz.names, gaz.longest
    near: dict[int, list[str]] = {}  # the name cues a neighbour sees (few words are in names)
    i = 0
    while i < n:
        top = longest.get(st[i])
        size, typ = 0, None
        if top:  # most words open no name: no slice is built for them
            for k in range(min(top, n - i), 0, -1):
                typ = names.get(tuple(st[i:i + k]))
                if typ is not None:
                    size = k
                    break
        if not size:
            i += 1
            continue
        for q in range(i, i + size):
            pos = "S" if size == 1 else "B" if q == i else "E" if q == i + size - 1 else "I"
            cue = f"gz={pos}-{typ}"
            own[q] += [cue, f"gzn={min(size, 3)}-{typ}|{feats[q][5][2]}"]
            near[q] = [cue]
        i += size
    cues = [gaz.stem_cues(x) for x in st]
    for q in range(n):
        own[q] += cues[q][0]
        if q > 0:
            own[q] += cues[q - 1][2]
            if q - 1 in near:
                own[q] += ["-1" + c for c in near[q - 1]]
        if q + 1 < n:
            own[q] += cues[q + 1][1]
            if q + 1 in near:
                own[q] += ["+1" + c for c in near[q + 1]]


# ---------------------------------------------------------------- tagging


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    from rawi.lexicon import path

    t = pycrfsuite.Tagger()
    t.open(str(path(MODEL)))
    return t


def to_bilou(tags: list[str]) -> list[str]:
    """BIO → BILOU (the scheme the model may be trained in: U- single-word, L- last word of a name)."""
    out = list(tags)
    for i, j, typ in chunks(tags):
        if j - i == 1:
            out[i] = "U-" + typ
        else:
            out[i] = "B-" + typ
            out[i + 1:j - 1] = ["I-" + typ] * (j - i - 2)
            out[j - 1] = "L-" + typ
    return out


def to_bio(tags) -> list[str]:
    """BILOU (or BIO) → BIO."""
    return [("B-" + t[2:]) if t[:2] == "U-" else ("I-" + t[2:]) if t[:2] == "L-" else t for t in tags]


def tag_tokens(words: list[str]) -> list[str]:
    """BIO tags (``B-PER``, ``I-LOC``, ``O`` …) for the words of one sentence."""
    if not words:
        return []
    return to_bio(_tagger().tag(sequence_features(words)))


def chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(first, last + 1, type)`` word spans of BIO ``tags``, conlleval-style.

    An ``I-`` after ``O`` or after a chunk of another type starts a new chunk.
    """
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O" or len(tag) < 3 or tag[1] != "-":
            if start >= 0:
                out.append((start, i, typ))
            start = -1
            continue
        pre, t = tag[0], tag[2:]
        if pre == "B" or start < 0 or t != typ:
            if start >= 0:
                out.append((start, i, typ))
            start, typ = i, t
    if start >= 0:
        out.append((start, len(tags), typ))
    return out


def tag_tokens_scored(words: list[str]) -> tuple[list[str], list[float]]:
    """BIO tags of one sentence and, per word of a name, the CRF marginal probability of its
    predicted label (1.0 for words outside names)."""
    if not words:
        return [], []
    t = _tagger()
    t.set(sequence_features(words))
    raw = t.tag()
    # only the words of names get their marginal (1.0 elsewhere: no confidence reads it), so a
    # sentence with no name skips the forward-backward pass crfsuite runs on the first call
    return to_bio(raw), [1.0 if y == "O" else t.marginal(y, i) for i, y in enumerate(raw)]


def find_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Names in ``text[start:end]`` as ``(start, end, type)`` character offsets into ``text``.

    Tokenised with ``rawi.arabic.tokenize`` one sentence (``split_sentences``) at a time.
    """
    return [n[:3] for n in _find(text, start, end, False)]


def find_names_scored(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, float]]:
    """Like :func:`find_names`, with a confidence per name: ``(start, end, type, confidence)``.

    The confidence is the smallest CRF marginal probability of the predicted labels of the name's
    words (python-crfsuite ``Tagger.marginal``): the model's belief in its weakest word of the name.
    """
    return _find(text, start, end, True)


def _find(text: str, start: int, end: int | None, scored: bool) -> list:
    end = len(text) if end is None else end
    sub = text[start:end]
    out: list = []
    sents = [toks for a, b in split_sentences(sub) if (toks := tokenize(text, start + a, start + b))]
    words = [[x.text for x in toks] for toks in sents]
    if scored:
        scored_tags = [tag_tokens_scored(ws) for ws in words]
        tags = [tg for tg, _ in scored_tags]
        probs = [pr for _, pr in scored_tags]
    else:
        tags = [tag_tokens(ws) for ws in words]
    final, source = propagate(words, tags)
    for k, toks in enumerate(sents):
        for i, j, typ in chunks(final[k]):
            if not scored:
                out.append((toks[i].start, toks[j - 1].end, typ))
                continue
            if (k, i) in source:  # a propagated name: the confidence of the name it repeats
                sk, si, sj = source[(k, i)]
                conf = min(probs[sk][si:sj])
            else:
                conf = min(probs[k][i:j])
            out.append((toks[i].start, toks[j - 1].end, typ, round(conf, 4)))
    return out


def propagate(sentences: list[list[str]], tags: list[list[str]], window: int = PROPAGATE_WINDOW):
    """Document consistency: a word sequence tagged as a name (PER/ORG/LOC) in one sentence is tagged
    the same where it recurs untagged within ``window`` sentences (matched on clitic-stripped stems,
    longest first, one-word names only when not common words and not next to another name); the last
    word of a person's full name counts as a name too ("بان كي مون" … "مون").

    Returns the new tags of every sentence and, for each added name, ``(sentence, first word)`` →
    ``(sentence, first, last + 1)`` of the name it repeats.
    """
    stems = [[_word(w)[5] for w in ws] for ws in sentences]
    found: list[list[tuple[tuple[str, ...], str, int, int]]] = []
    for k in range(len(sentences)):
        names = []
        for i, j, typ in chunks(tags[k]):
            if typ not in PROPAGATE_TYPES:
                continue
            seq = tuple(x[0] for x in stems[k][i:j])
            if j - i == 1 and _common(stems[k][i]):
                continue
            names.append((seq, typ, i, j))
            if typ == "PER" and j - i > 1 and not _common(stems[k][j - 1]):
                names.append((seq[-1:], typ, i, j))
        found.append(names)
    out = [list(t) for t in tags]
    source: dict[tuple[int, int], tuple[int, int, int]] = {}
    for k, ws in enumerate(sentences):
        keys: dict[tuple[str, ...], tuple[str, int, int, int]] = {}
        for kk in range(max(0, k - window), min(len(sentences), k + window + 1)):
            for seq, typ, i, j in found[kk]:
                keys.setdefault(seq, (typ, kk, i, j))
        if not keys:
            continue
        st = [x[0] for x in stems[k]]
        tg = out[k]
        n = len(ws)
        i = 0
        while i < n:
            if tg[i] != "O":
                i += 1
                continue
            hit = None
            for size in (4, 3, 2, 1):
                seq = tuple(st[i:i + size])
                if len(seq) == size and seq in keys and all(x == "O" for x in tg[i:i + size]):
                    hit = (size, keys[seq])
                    break
            if hit and not (hit[0] == 1 and i > 0 and tg[i - 1] != "O") and \
                    not (i + hit[0] < n and tg[i + hit[0]].startswith("I-")):
                size, (typ, kk, si, sj) = hit
                tg[i] = "B-" + typ
                tg[i + 1:i + size] = ["I-" + typ] * (size - 1)
                source[(k, i)] = (kk, si, sj)
                i += size
            else:
                i += 1
    return out, source


def _common(stem_info: tuple[str, ...]) -> bool:
    """A word too common (Zipf band >= 5) or too short to repeat a name on its own."""
    stem, zf = stem_info[0], stem_info[2]
    return zf in ("5", "6", "7") or len(stem) < 3


def tag_document(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags of the sentences of one document, in order: :func:`tag_tokens` per sentence, then
    :func:`propagate` (what :func:`find_names` does; ``rawi ner-eval`` scores this)."""
    return propagate(sentences, [tag_tokens(ws) for ws in sentences])[0]
