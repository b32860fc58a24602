"""The rawi document (``rawi.document/1``): the clean text and typed spans over it.

One object travels through the pipeline; each stage adds its own records and nothing
else. The text is never changed after ingestion: every record points into it with
0-based, end-exclusive code-point offsets. ``to_dict`` gives exactly the JSON of
``spec/document.md`` (plus extra fields, which the contract allows); ``validate``
enforces its rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SCHEMA = "rawi.document/1"
ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE", "FAC", "NORP", "MISC")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
CLAIM_KINDS = ("direct", "indirect", "according_to")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
)


class DocumentError(ValueError):
    """A document that breaks the contract; ``problems`` lists every rule broken."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))


@dataclass(slots=True)
class Span:
    """A stretch of the document text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["start"], d["end"], d["text"])


@dataclass(slots=True)
class Removed:
    """A block taken out of the text at ingestion (boilerplate), kept so nothing is lost.

    ``offset`` is where in the clean text the block stood (the index of the first clean
    character after it), so a reader can put it back.
    """

    kind: str
    text: str
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "offset": self.offset}


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None = None
    kb_id: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    anonymous: bool = False  # an unnamed source ("مصادر مطلعة")
    local: bool = False  # found by the model, not in the knowledge base
    sector: str | None = None  # a generic actor's sector ("police" for "الشرطة العراقية")
    state: str | None = None  # and the ISO code of its state, when the text gives one

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "type": self.type, "name": self.name, "name_en": self.name_en,
            "kb_id": self.kb_id, "roles": list(self.roles),
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
        }
        if self.anonymous:
            d["anonymous"] = True
        if self.local:
            d["local"] = True
        if self.sector:
            d["sector"] = self.sector
            d["state"] = self.state
        return d


@dataclass(slots=True)
class Timex:
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchor: str | None = None
    year_inferred: bool = False
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, …
    freq: str | None = None  # TIMEX3 freq of a SET ("1W" for "كل جمعة")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text, "type": self.type,
            "value": self.value, "anchor": self.anchor, "year_inferred": self.year_inferred,
        }
        if self.mod:
            d["mod"] = self.mod
        if self.freq:
            d["freq"] = self.freq
        return d


@dataclass(slots=True)
class Claim:
    id: str
    chain: list[str]
    cue: Span | None
    content: Span
    kind: str
    stance: str = "assertion"  # assertion | denial | distanced | warning | demand
    recipient: str | None = None  # entity told, in passive reports ("أُبلغ الأسد أن …")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "chain": list(self.chain), "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(), "kind": self.kind, "stance": self.stance,
        }
        if self.recipient:
            d["recipient"] = self.recipient
        return d


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    time: str | None = None
    negated: bool = False
    modality: str | None = None  # None (asserted as done) | attempted | planned | requested | conditional
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "trigger": self.trigger.to_dict(),
            "actors": list(self.actors), "targets": list(self.targets), "location": self.location,
            "date": self.date, "time": self.time, "negated": self.negated, "modality": self.modality,
            "claim": self.claim,
        }


@dataclass
class Document:
    """The clean text of one article and everything the stages found in it."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, given or found in the page, never guessed
    source: str | None = None  # path, URL or batch id the document came from
    meta: dict[str, Any] = field(default_factory=dict)  # url, author, sitename, encoding, …
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    # ---- derived views, computed once and shared by the stages ------------------
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        from rawi.arabic.sentences import split_sentences

        return split_sentences(self.text)

    @cached_property
    def tokens(self) -> list:
        from rawi.arabic.tokens import tokenize

        return tokenize(self.text)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        from rawi.arabic.sentences import split_paragraphs

        return split_paragraphs(self.text)

    def span(self, start: int, end: int) -> Span:
        """A span over the text, checked on creation."""
        if not 0 <= start <= end <= len(self.text):
            raise DocumentError([f"span {start}:{end} outside text of length {len(self.text)}"])
        return Span(start, end, self.text[start:end])

    def entity(self, eid: str) -> Entity | None:
        for e in self.entities:
            if e.id == eid:
                return e
        return None

    # ---- JSON ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "source": self.source,
            "meta": self.meta,
            "removed": [r.to_dict() for r in self.removed],
            "entities": [e.to_dict() for e in self.entities],
            "timexes": [t.to_dict() for t in self.timexes],
            "claims": [c.to_dict() for c in self.claims],
            "events": [v.to_dict() for v in self.events],
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        if d.get("schema") != SCHEMA:
            raise DocumentError([f"schema is {d.get('schema')!r}, expected {SCHEMA!r}"])
        doc = cls(text=d["text"], title=d.get("title"), published=d.get("published"),
                  source=d.get("source"), meta=dict(d.get("meta") or {}))
        doc.removed = [Removed(r["kind"], r["text"], r["offset"]) for r in d.get("removed", [])]
        doc.entities = [
            Entity(e["id"], e["type"], e["name"], e.get("name_en"), e.get("kb_id"), list(e.get("roles", [])),
                   [Span.from_dict(m) for m in e.get("mentions", [])], bool(e.get("anonymous")),
                   bool(e.get("local")), e.get("sector"), e.get("state"))
            for e in d.get("entities", [])
        ]
        doc.timexes = [
            Timex(t["id"], t["start"], t["end"], t["text"], t["type"], t.get("value"), t.get("anchor"),
                  bool(t.get("year_inferred")), t.get("mod"), t.get("freq"))
            for t in d.get("timexes", [])
        ]
        doc.claims = [
            Claim(c["id"], list(c.get("chain", [])), Span.from_dict(c["cue"]) if c.get("cue") else None,
                  Span.from_dict(c["content"]), c["kind"], c.get("stance", "assertion"), c.get("recipient"))
            for c in d.get("claims", [])
        ]
        doc.events = [
            Event(v["id"], v["type"], Span.from_dict(v["trigger"]), v.get("mode"), list(v.get("actors", [])),
                  list(v.get("targets", [])), v.get("location"), v.get("date"), v.get("time"),
                  bool(v.get("negated")), v.get("modality"), v.get("claim"))
            for v in d.get("events", [])
        ]
        return doc

    @classmethod
    def from_json(cls, s: str) -> Document:
        return cls.from_dict(json.loads(s))

    # ---- contract ----------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every way this document breaks ``rawi.document/1``; empty when it is valid."""
        out: list[str] = []
        t = self.text

        def check(where: str, s: Span | Timex) -> None:
            if not (0 <= s.start <= s.end <= len(t)) or t[s.start:s.end] != s.text:
                out.append(f"{where}: offsets {s.start}:{s.end} do not give {s.text!r}")

        if self.published is not None and not _is_iso_date(self.published):
            out.append(f"published {self.published!r} is not YYYY-MM-DD")
        ids: set[str] = set()
        for e in self.entities:
            if e.id in ids:
                out.append(f"duplicate id {e.id}")
            ids.add(e.id)
            if e.type not in ENTITY_TYPES:
                out.append(f"entity {e.id}: type {e.type!r} not in {ENTITY_TYPES}")
            for m in e.mentions:
                check(f"entity {e.id} mention", m)
        for x in self.timexes:
            if x.id in ids:
                out.append(f"duplicate id {x.id}")
            ids.add(x.id)
            if x.type not in TIMEX_TYPES:
                out.append(f"timex {x.id}: type {x.type!r} not in {TIMEX_TYPES}")
            check(f"timex {x.id}", x)
            if x.anchor not in (None, "published", "today") and x.anchor not in {y.id for y in self.timexes}:
                out.append(f"timex {x.id}: anchor {x.anchor!r} does not resolve")
        entity_ids = {e.id for e in self.entities}
        timex_ids = {x.id for x in self.timexes}
        claim_ids = {c.id for c in self.claims}
        for c in self.claims:
            if c.kind not in CLAIM_KINDS:
                out.append(f"claim {c.id}: kind {c.kind!r} not in {CLAIM_KINDS}")
            for i in c.chain:
                if i not in entity_ids:
                    out.append(f"claim {c.id}: chain id {i!r} does not resolve")
            if c.cue:
                check(f"claim {c.id} cue", c.cue)
            check(f"claim {c.id} content", c.content)
        for v in self.events:
            if v.type not in EVENT_TYPES:
                out.append(f"event {v.id}: type {v.type!r} not in PLOVER types")
            check(f"event {v.id} trigger", v.trigger)
            for i in [*v.actors, *v.targets, *([v.location] if v.location else [])]:
                if i not in entity_ids:
                    out.append(f"event {v.id}: entity id {i!r} does not resolve")
            if v.time and v.time not in timex_ids:
                out.append(f"event {v.id}: time {v.time!r} does not resolve")
            if v.claim and v.claim not in claim_ids:
                out.append(f"event {v.id}: claim {v.claim!r} does not resolve")
            if v.date and not _is_partial_date(v.date):
                out.append(f"event {v.id}: date {v.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return out

    def validate(self) -> Document:
        """Raise ``DocumentError`` listing every broken rule; return self when valid."""
        problems = self.problems()
        if problems:
            raise DocumentError(problems)
        return self


def _is_iso_date(s: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        return False
    return len(s) == 10


def _is_partial_date(s: str) -> bool:
    parts = s.split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return False
    if len(parts) == 2:
        return len(parts[1]) == 2 and 1 <= int(parts[1]) <= 12
    return len(parts) == 1 or _is_iso_date(s)
