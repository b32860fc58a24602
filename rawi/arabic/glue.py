"""Word breaks lost in the source: two words written as one ("مراسلةالميادين", "مراسلالميادين").

Scraped pages drop the spaces around removed links, so a news text may glue a word to the
next. The text is never changed (offsets stay those of the source); ``glue_points`` gives the
offsets where a word break was lost, and the tokenizer and the matching normaliser split there.

Two kinds of evidence:

- spelling: ta marbuta and alef maqsura only end a word, so one followed by a letter is a break
  ("علىالأرض") (``GLUED``);
- the lexicon: a word that general Arabic does not know (``rawi/data/text/glue.yaml`` names the
  frequency list and the thresholds) but that is a common word followed by a word with the
  article ("مراسل|الميادين"), with ل + article ("الأوروبي|للشؤون"), a particle followed by a word
  with the article ("أنّ|الطائرات"), two long common words ("إسقاط|مسيّرة"), or a common word
  followed by a preposition ("الميادين|في").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from rawi.arabic.normalize import normalize

# Spelling evidence: ta marbuta ends a word, so one followed by a letter is a word break
# ("مراسلةالميادين"), and so is a final alef maqsura before a letter ("علىالأرض", "الأقصىوتوجيه");
# not before hamza, an old spelling of ئ ("الطوارىء").
GLUED = re.compile("(?<=\u0629)[\u064b-\u0652]*(?=[\u0621-\u063a\u0641-\u064a])|(?<=\u0649)(?=[\u0622-\u063a\u0641-\u064a])")
_MARK = re.compile("[\u064b-\u0652\u0670\u0640]")
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0640]+")


@lru_cache(maxsize=1)
def _conf() -> tuple[dict[str, int], int, int, tuple[str, ...], int, dict]:
    from rawi.lexicon import load_tsv, load_yaml

    c = load_yaml("text/glue.yaml")
    try:
        freq = {r["word"]: int(r["zipf"]) for r in load_tsv(c["lexicon"])}
    except FileNotFoundError:
        freq = {}
    return freq, int(c["min_zipf"]), int(c["min_len"]), tuple(c["suffix_words"]), int(c["min_part"]), c


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)  # words repeat across an article and a batch; the answer depends on the word alone
def split_word(word: str) -> tuple[int, ...]:
    """Offsets inside ``word`` (as written) where a lost break falls, or ()."""
    cuts: list[int] = []
    a = 0
    for c in (*(m.end() for m in GLUED.finditer(word)), len(word)):
        cuts += [a + x for x in _lexical_split(word[a:c])]
        if c < len(word):
            cuts.append(c)
        a = c
    return tuple(cuts)


def _lexical_split(word: str) -> tuple[int, ...]:
    """Lexical cuts of ``word``; marks (shadda, harakat, tatweel) are set aside and the cuts mapped
    back to offsets in the word as written ("الميادينإنّ")."""
    keep = [i for i, c in enumerate(word) if not _MARK.match(c)]
    if len(keep) == len(word):
        return _bare_split(word)
    return tuple(keep[c] for c in _bare_split("".join(word[i] for i in keep)))


def _bare_split(word: str) -> tuple[int, ...]:
    freq, min_zipf, min_len, suffixes, min_part, _ = _conf()
    n = normalize(word)
    if len(n) < min_len or n in freq or len(n) != len(word):
        return ()  # known or short: leave it
    clitics, article, fused = _morph()

    def known(w: str) -> bool:  # "للميادين" is known when "الميادين" is
        return freq.get(w, 0) >= min_zipf or (w.startswith(fused) and freq.get(article + w[len(fused):], 0) >= min_zipf)

    conf = _extra()
    for lead in conf["particles"]:  # "أنّ|الطائرات": a particle too short to be a first part
        p = len(lead)
        if n.startswith(lead + article) and len(n) - p >= min_part + 2 and known(n[p:]):
            return (p,)
    for p in range(min_part, len(n) - min_part + 1):
        # the first word is no proclitic + two letters ("ومع|الي" is ومعالي), the second has
        # three letters after its article ("احتل|الا" is احتلالا)
        if n.startswith(article, p) and len(n) - p >= min_part + 2 \
                and (p > min_part or n[0] not in clitics) and known(n[:p]):
            if known(n[p:]):
                return (p,)
            tail = _split_tail(word[p:], n[p:], known, suffixes)
            if tail:
                return (p, p + tail)  # "مراسل|الميادين|في"
    tail = _split_tail(word, n, known, suffixes)
    if tail:
        return (tail,)
    for p in range(min_part, len(n) - min_part - 2):
        # "الأوروبي|للشؤون": ل + article is the article's word after a preposition
        if n.startswith(fused, p) and known(n[:p]) and known(article + n[p + len(fused):]):
            return (p,)
    # "إسقاط|مسيّرة": two long words, both common (a rarer part is too often a piece of one
    # word: "الرياض|ياتية", "للرأس|مالية")
    long_part, common = conf["long_part"], conf["long_zipf"]
    for p in range(long_part, len(n) - long_part + 1):
        if freq.get(n[:p], 0) >= common and freq.get(n[p:], 0) >= common:
            return (p,)
    # "قال|قائد", "أنّه|سيتم", "مؤخّراً|وكشفت": a very common word and a common one of four letters
    # or more (و allowed before it); the first neither opens with the article nor with و/ف, which
    # too often begin one longer word ("الأ|وفر", "وان|قطع")
    first_z, second_z = conf["short_first_zipf"], conf["short_second_zipf"]
    best = None
    for p in range(min_part, len(n) - min_part + 1):
        head, rest = n[:p], n[p:]
        if head.startswith(article) or head[0] in _conjunctions() or (head[-1] == article[0] and rest[0] == article[1]):
            continue  # … nor cuts an article in two ("منا|لقضاء" is من|القضاء)
        bare = rest[1:] if rest[0] in _conjunctions() else rest
        z2 = max(freq.get(rest, 0), freq.get(bare, 0))
        if freq.get(head, 0) >= first_z and z2 >= second_z and len(bare) >= 4 and rest not in conf["not_second"]:
            score = min(freq.get(head, 0), z2)
            if best is None or score > best[0]:
                best = (score, p)
    return (best[1],) if best else ()


@lru_cache(maxsize=1)
def _extra() -> dict:
    """The glue.yaml settings of the later rules: particles, the two-long-words thresholds."""
    c = _conf()[5]
    return {"particles": tuple(normalize(x) for x in c.get("particles", ())), "long_part": int(c.get("long_part", 99)),
            "long_zipf": int(c.get("long_zipf", 9)), "short_first_zipf": int(c.get("short_first_zipf", 9)),
            "short_second_zipf": int(c.get("short_second_zipf", 9)),
            "not_second": frozenset(normalize(x) for x in c.get("not_second", ()))}


@lru_cache(maxsize=1)
def _morph() -> tuple[frozenset[str], str, str]:
    """The one-letter proclitics, the article and ل + article ("لل") (text/morphology.yaml)."""
    from rawi.lexicon import load_yaml

    m = load_yaml("text/morphology.yaml")
    return (frozenset(m["conjunction_proclitics"]) | frozenset(m["preposition_proclitics"]), m["article"],
            m["fused_article"])


@lru_cache(maxsize=1)
def _conjunctions() -> tuple[str, ...]:
    """The conjunction proclitics (و ف) of text/morphology.yaml."""
    from rawi.lexicon import load_yaml

    return tuple(load_yaml("text/morphology.yaml")["conjunction_proclitics"])


def _split_tail(word: str, n: str, known, suffixes: tuple[str, ...]) -> int:
    """Length of the known word before a glued preposition at the end of ``word`` ("الميادين|في"),
    or 0; the preposition is matched as written (إلى, not the adjective ending -الي)."""
    for s in suffixes:
        if word.endswith(s) and len(n) - len(s) >= 4 and known(n[: len(n) - len(s)]):
            return len(n) - len(s)
    return 0


def glue_points(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Sorted offsets in ``text[start:end]`` where a word break was lost."""
    end = len(text) if end is None else end
    out: list[int] = []
    for m in _WORD.finditer(text, start, end):
        out += [m.start() + c for c in split_word(m.group())]
    return out


def unglue(out: str, idx: list[int], points: list[int]) -> tuple[str, list[int]]:
    """Insert a space in the normalised ``out`` before each original offset in ``points``
    (``idx``: the original offset of each normalised character); the space maps to the offset
    of the letter after it, so spans on either side keep exact source offsets."""
    chars = list(out)
    for p in reversed(points):
        k = bisect_left(idx, p)
        chars.insert(k, " ")
        idx.insert(k, p)
    return "".join(chars), idx


def spaced(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with its lost word breaks restored, for names shown to a user
    ("مصادرالميادين" → "مصادر الميادين"); offsets are never taken from it."""
    end = len(text) if end is None else end
    out, a = [], start
    for p in glue_points(text, start, end):
        out.append(text[a:p])
        a = p
    out.append(text[a:end])
    return " ".join(out)
