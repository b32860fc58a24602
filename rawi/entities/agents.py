"""Generic actors ("agents"): sectors named by a common noun, with the state an adjective gives.

"المعارضة" (the opposition), "قوات الأمن العراقية" (Iraq's security forces), "المتظاهرون"
(protesters) are actors an analyst codes (CAMEO/PLOVER agents; ACLED's "Police Forces of
Iraq", "Protesters (Iraq)") though no knowledge base names them. The nouns and their sectors
are data (``rawi/data/entities/agents.yaml``); this module only finds them: a form, then
optionally a state adjective right after it ("العراقية" → IQ, through the KB's demonyms).
The linker turns the finds into entities; it may touch nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rawi.arabic import normalize
from rawi.entities.match import Matcher, NormText, leftmost_longest
from rawi.lexicon import load_yaml

_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\s،,.؛;:!?()\[\]«»\"']+)")


@dataclass(frozen=True)
class Sector:
    key: str  # "police"
    type: str  # entity type of its actors
    en: str  # English label ("police")


@dataclass(frozen=True)
class AgentMention:
    start: int
    end: int  # the end of the state adjective when there is one
    sector: Sector
    state: str | None  # ISO code of the state the adjective names
    name: str  # the phrase as written, without a fused preposition ("للمتظاهرين" → "المتظاهرين")


@lru_cache(maxsize=1)
def lexicon() -> tuple[Matcher, dict[str, Sector]]:
    """The automaton of every sector form (payload: sector key, needs a state) and the sectors."""
    data = load_yaml("entities/agents.yaml") or {}
    matcher, sectors = Matcher(), {}
    for key, spec in (data.get("sectors") or {}).items():
        sectors[key] = Sector(key, spec["type"], spec["en"])
        for needs_state, field in ((False, "forms"), (True, "with_state")):
            for form in spec.get(field) or ():
                matcher.add(normalize(form), (key, needs_state))
    return matcher.build(), sectors


@lru_cache(maxsize=1)
def _one_word_forms() -> dict[str, str]:
    """Normalised one-word forms that name a sector on their own ("الجيش") → sector key."""
    data = load_yaml("entities/agents.yaml") or {}
    return {normalize(f): key for key, spec in (data.get("sectors") or {}).items()
            for f in spec.get("forms") or () if " " not in f}


def sector_of(name: str, kb) -> tuple[str, str] | None:
    """(sector, state) of a knowledge-base name that is a sector form and a state adjective
    ("الجيش السوداني" → military of SD), else None: the actor a bare "الجيش" may name again."""
    first, _, rest = normalize(name).partition(" ")
    sector = _one_word_forms().get(first)
    if sector is None or not rest or " " in rest:
        return None
    state = kb.country_of_adjective(rest)
    return (sector, state) if state else None


def find_agents(text: str, nt: NormText, kb, taken: Callable[[int, int], bool]) -> list[AgentMention]:
    """Sector phrases in ``text`` that no name already covers, in text order.

    ``taken(start, end)``: whether a name found before overlaps the span (the knowledge base
    wins: "القوات التركية" is the Turkish Armed Forces there); a state adjective after the
    phrase may be such a name.
    """
    matcher, sectors = lexicon()
    out: list[AgentMention] = []
    for h in leftmost_longest(matcher.find(nt)):
        if taken(h.start, h.end):
            continue
        key, needs_state = h.payload
        state, end = _state_after(text, h.end, kb)
        if needs_state and state is None:
            continue
        phrase = " ".join(text[h.start:end].split())
        if h.form.startswith("ال") and normalize(phrase[:2]) == "لل":  # ل + ال fused: the span has the ل
            phrase = "ا" + phrase[1:]
        out.append(AgentMention(h.start, end, sectors[key], state, phrase))
    return out


def _state_after(text: str, end: int, kb) -> tuple[str | None, int]:
    """The state a demonym right after ``end`` names ("العراقية" → "IQ"), and where it ends."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return None, end
    code = kb.country_of_adjective(normalize(m.group(1)))
    if code and len(code) == 2:  # an organisation's adjective (الأممي) gives its id, not a state
        return code, m.end()
    return None, end
