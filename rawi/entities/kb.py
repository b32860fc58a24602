"""The actor knowledge base: people, organisations, states, places of the region.

Data lives in ``rawi/data/kb/*.jsonl`` (one actor a line, see ``rawi/data/kb/README.md``),
office spells in ``roles.jsonl`` and Arabic titles in ``role_titles.yaml``. Every surface
form is indexed in its normalised form (``rawi.arabic.normalize``), so hamza/alef, ى/ي and
ة/ه variants need not be listed.

    kb = load_kb()
    kb.lookup(normalize("اردوغان"))              # [Actor(tr.recep_tayyip_erdogan)]
    kb.holder("president", "SY", date(2024, 11, 1)).id   # 'sy.bashar_al_assad'
    kb.country_of_adjective(normalize("الروسي"))  # 'RU'
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rawi.arabic.normalize import normalize
from rawi.lexicon import DATA

KB_DIR = DATA / "kb"
ROLES_FILE = "roles.jsonl"
TITLES_FILE = "role_titles.yaml"
TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    type: str
    name: str
    name_en: str | None
    aliases: tuple[str, ...]
    country: str | None
    wikidata: str | None
    demonyms: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()   # normalised forms that need context before linking
    capital: str | None = None                # GPE states: the id of the capital's entry
    theatre: frozenset[str] = frozenset()     # countries whose naming licenses an ambiguous form
    source: str = ""                          # the data file the actor came from

    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class RoleSpell(NamedTuple):
    """One holder of one office: ``start``/``end`` as written (YYYY, YYYY-MM or YYYY-MM-DD), end None = current."""

    role: str
    country: str          # ISO 3166 alpha-2, or an organisation's actor id ("intl.un") for its offices
    holder: str
    start: str
    end: str | None
    acting: bool = False


def parse_partial(s: str, last: bool = False) -> date:
    """First (or, with ``last``, final) day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, calendar.monthrange(y, m)[1] if last else 1)
    return date(*parts)


def _strings(v) -> tuple[str, ...]:
    if not v:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(v)


class KB:
    def __init__(self, actors: dict[str, Actor], spells: list[RoleSpell], titles: dict[str, str]):
        self.actors = actors
        self.spells = spells
        self._titles = titles
        self._index: dict[str, list[Actor]] = {}
        self._forms: list[tuple[str, str, str]] = []
        self._adjectives: dict[str, str] = {}
        for a in actors.values():
            seen: set[str] = set()
            for kind, forms in (("name", (a.name,)), ("alias", a.aliases), ("demonym", a.demonyms)):
                for f in forms:
                    n = normalize(f).strip()
                    if kind == "demonym" and n:
                        # A state's adjective gives its ISO code; an organisation's (الأممي) its id,
                        # which is also the "country" of the organisation's offices in roles.jsonl.
                        self._adjectives.setdefault(n, a.country if a.type == "GPE" and a.country else a.id)
                    if not n or n in seen:
                        continue
                    seen.add(n)
                    self._forms.append((n, a.id, kind))
                    self._index.setdefault(n, []).append(a)
        self._by_office: dict[tuple[str, str], list[RoleSpell]] = {}
        self._by_holder: dict[str, list[RoleSpell]] = {}
        for s in spells:
            self._by_office.setdefault((s.role, s.country), []).append(s)
            self._by_holder.setdefault(s.holder, []).append(s)

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def is_state(self, actor_id: str) -> bool:
        """A state or territory (``geo.*`` GPE entries, or any entry with a capital)."""
        a = self.actors.get(actor_id)
        return a is not None and a.type == "GPE" and (a.capital is not None or a.id.startswith("geo."))

    def is_capital(self, actor_id: str) -> bool:
        """The capital of some state."""
        caps = self.__dict__.get("_capitals")
        if caps is None:
            caps = self.__dict__["_capitals"] = frozenset(a.capital for a in self.actors.values() if a.capital)
        return actor_id in caps

    def lookup(self, norm_form: str) -> list[Actor]:
        """Actors with this exact normalised name, alias or demonym (several where it is shared)."""
        return list(self._index.get(norm_form, ()))

    def forms(self) -> Iterator[tuple[str, str, str]]:
        """``(normalised surface form, actor id, kind)``, kind in {"name", "alias", "demonym"}."""
        return iter(self._forms)

    def holder(self, role: str, country: str, on: date) -> Actor | None:
        """Who held ``role`` in ``country`` on ``on`` (None where the KB does not know)."""
        cands = [s for s in self._by_office.get((role, country), ())
                 if parse_partial(s.start) <= on and (s.end is None or on <= parse_partial(s.end, last=True))]
        if not cands:
            return None
        # Month/year precision makes neighbours overlap: prefer a spell that surely covers the day,
        # then a substantive over an acting holder, then the later start (the successor took office).
        def rank(s: RoleSpell):
            sure = parse_partial(s.start, last=True) <= on and (s.end is None or on <= parse_partial(s.end))
            return (sure, not s.acting, parse_partial(s.start))
        return self.actors.get(max(cands, key=rank).holder)

    def roles_of(self, actor_id: str, on: date | None = None) -> list[tuple[str, str, str, str | None]]:
        """``(role, country, from, to)`` of the actor's offices; with ``on``, only those held that day."""
        out = []
        for s in self._by_holder.get(actor_id, ()):
            if on is not None and not (parse_partial(s.start) <= on
                                       and (s.end is None or on <= parse_partial(s.end, last=True))):
                continue
            out.append((s.role, s.country, s.start, s.end))
        return sorted(out, key=lambda r: r[2])

    def role_titles(self) -> dict[str, str]:
        """Normalised Arabic title phrase → role key ("وزير الخارجيه" → "foreign_minister")."""
        return dict(self._titles)

    def country_of_adjective(self, norm_word: str) -> str | None:
        """ISO code of the state a normalised demonym refers to ("الروسي" → "RU"); for an
        organisation's adjective its actor id ("الاممي" → "intl.un"), as used by its role spells."""
        return self._adjectives.get(norm_word)

    def is_ambiguous(self, actor_id: str, norm_form: str) -> bool:
        """Whether ``norm_form`` is also a common word/name, so linking it needs context."""
        a = self.actors.get(actor_id)
        return a is not None and norm_form in a.ambiguous


def actor_from_record(rec: dict, source: str = "") -> Actor:
    return Actor(
        id=rec["id"], type=rec["type"], name=rec["name"], name_en=rec.get("name_en"),
        aliases=_strings(rec.get("aliases")), country=rec.get("country"), wikidata=rec.get("wikidata"),
        demonyms=_strings(rec.get("demonyms")),
        ambiguous=frozenset(normalize(x) for x in _strings(rec.get("ambiguous"))),
        capital=rec.get("capital"), theatre=frozenset(_strings(rec.get("theatre"))), source=source,
    )


def read_jsonl(p: Path) -> Iterator[tuple[int, dict]]:
    with p.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("//"):
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{p.name}:{n}: {e}") from e


def actor_files(kb_dir: Path = KB_DIR) -> list[Path]:
    return sorted(p for p in kb_dir.glob("*.jsonl") if p.name != ROLES_FILE)


def _load_titles(kb_dir: Path) -> dict[str, str]:
    p = kb_dir / TITLES_FILE
    if not p.exists():
        return {}
    import yaml

    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for key, phrases in data.items():
        for ph in _strings(phrases):
            out.setdefault(normalize(ph), key)
    return out


def build_kb(kb_dir: Path = KB_DIR) -> KB:
    actors: dict[str, Actor] = {}
    for p in actor_files(kb_dir):
        for n, rec in read_jsonl(p):
            a = actor_from_record(rec, p.name)
            if a.id in actors:
                raise ValueError(f"{p.name}:{n}: duplicate actor id {a.id!r}")
            actors[a.id] = a
    spells = []
    rp = kb_dir / ROLES_FILE
    if rp.exists():
        for _n, r in read_jsonl(rp):
            spells.append(RoleSpell(r["role"], r["country"], r["holder"], str(r["from"]),
                                    None if r.get("to") in (None, "") else str(r["to"]), bool(r.get("acting"))))
    return KB(actors, spells, _load_titles(kb_dir))


@lru_cache(maxsize=1)
def load_kb() -> KB:
    """The knowledge base shipped with rawi (built once per process)."""
    return build_kb()
