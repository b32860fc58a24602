"""Corpus queries (timeline, actors, claims, search): plain functions returning dicts.

Shared by the command line and, later, the HTTP API. Actor names match the canonical
name, the English name or any mention text, after Arabic normalisation. Only current
versions of documents (not superseded) are shown.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from rawi.arabic import normalize, normalize_with_map, strip_proclitics, tokenize
from rawi.corpus.merge import date_range, norm
from rawi.store import schema as S
from rawi.store.db import Store

_CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def find_actor_ids(conn: sa.Connection, name: str) -> list[int]:
    n = norm(name)
    ids = set(conn.execute(sa.select(S.actors.c.id).where(
        sa.or_(S.actors.c.norm_name == n, S.actors.c.norm_name_en == n))).scalars())
    ids |= set(conn.execute(sa.select(S.mentions.c.actor_id).distinct().where(S.mentions.c.norm_text == n)).scalars())
    return sorted(ids)


def _names(conn: sa.Connection, ids: Iterable[int]) -> dict[int, str]:
    ids = sorted({i for i in ids if i is not None})
    out: dict[int, str] = {}
    for chunk in _chunks(ids):
        out.update(conn.execute(sa.select(S.actors.c.id, S.actors.c.name).where(S.actors.c.id.in_(chunk))).all())
    return out


# ---- timeline -------------------------------------------------------------------------
def timeline(store: Store, *, actor: str | None = None, date_from: str | None = None,
             date_to: str | None = None, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Merged events in date order (undated last), each with every report and its source chain."""
    me = S.merged_events
    q = sa.select(me).where(me.c.n_reports > 0)
    with store.read() as conn:
        if actor:
            ids = find_actor_ids(conn, actor)
            if not ids:
                return []
            q = q.where(me.c.id.in_(sa.select(S.merged_event_actors.c.merged_event_id)
                                    .where(S.merged_event_actors.c.actor_id.in_(ids))))
        if type:
            q = q.where(me.c.type == type.upper())
        if date_from or date_to:
            q = q.where(me.c.date.is_not(None))
            if date_from:
                q = q.where(me.c.hi >= date_range(date_from)[0])
            if date_to:
                q = q.where(me.c.lo <= date_range(date_to)[1])
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if date_from or date_to:  # lo/hi are the window of all reports; check the merged date itself
            lo_f = date_range(date_from)[0] if date_from else "0000"
            hi_t = date_range(date_to)[1] if date_to else "9999"
            rows = [r for r in rows if date_range(r["date"])[1] >= lo_f and date_range(r["date"])[0] <= hi_t]
        rows.sort(key=lambda r: (r["date"] is None, date_range(r["date"])[0] if r["date"] else "", r["id"]))
        if limit:
            rows = rows[:limit]
        _attach(conn, rows)
    return rows


def _attach(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    mids = [r["id"] for r in rows]
    parts: dict[int, dict[str, list]] = defaultdict(lambda: {"actor": [], "target": []})
    reports: dict[int, list] = defaultdict(list)
    contra: dict[int, list] = defaultdict(list)
    actor_ids: set[int] = {r["location_actor_id"] for r in rows if r["location_actor_id"]}
    d, e, c = S.documents, S.events, S.claims
    for chunk in _chunks(mids):
        for mid, aid, role in conn.execute(sa.select(
                S.merged_event_actors.c.merged_event_id, S.merged_event_actors.c.actor_id,
                S.merged_event_actors.c.role).where(S.merged_event_actors.c.merged_event_id.in_(chunk))):
            parts[mid][role].append(aid)
            actor_ids.add(aid)
        q = (sa.select(e.c.id, e.c.merged_event_id, e.c.document_id, e.c.date, e.c.precision, e.c.trigger_start,
                       e.c.trigger_end, e.c.trigger_text, e.c.negated, e.c.denied, e.c.location_actor_id,
                       d.c.title, d.c.outlet, d.c.source, d.c.url, d.c.published,
                       c.c.chain_names, c.c.kind.label("claim_kind"), c.c.stance)
             .join(d, d.c.id == e.c.document_id).outerjoin(c, c.c.id == e.c.claim_id)
             .where(e.c.merged_event_id.in_(chunk), d.c.superseded.is_(False)).order_by(e.c.document_id, e.c.id))
        for r in conn.execute(q).mappings():
            rep = dict(r)
            rep["chain"] = json.loads(rep.pop("chain_names")) if rep["chain_names"] else []
            reports[rep.pop("merged_event_id")].append(rep)
        for r in conn.execute(sa.select(S.contradictions).where(
                S.contradictions.c.merged_event_id.in_(chunk))).mappings():
            contra[r["merged_event_id"]].append(dict(r))
    names = _names(conn, actor_ids)
    for r in rows:
        r["actors"] = [names.get(i, "?") for i in parts[r["id"]]["actor"]]
        r["targets"] = [names.get(i, "?") for i in parts[r["id"]]["target"]]
        r["location"] = names.get(r["location_actor_id"]) if r["location_actor_id"] else None
        r["reports"] = reports[r["id"]]
        r["contradictions"] = contra[r["id"]]


def source_line(rep: dict[str, Any]) -> str:
    """"Outlet — title (doc #3) «trigger» according to X < Y"."""
    where = rep.get("outlet") or rep.get("url") or rep.get("source") or "?"
    s = f"{where} — {rep.get('title') or '(untitled)'} (doc #{rep['document_id']}" + \
        (f", {rep['published']}" if rep.get("published") else "") + f") «{rep['trigger_text']}»"
    if rep.get("chain"):
        s += " according to " + " < ".join(reversed(rep["chain"]))  # the speaker, then who relays them
    if rep.get("denied"):
        s += " [denied]" if rep.get("stance") == "denial" else " [negated]"
    return s


# ---- actors, claims -------------------------------------------------------------------
def actors(store: Store, *, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors with mention, document and (merged) event counts, most mentioned first."""
    a, m = S.actors, S.mentions
    mcount = (sa.select(m.c.actor_id, sa.func.count().label("n_mentions"),
                        sa.func.count(sa.distinct(m.c.document_id)).label("n_documents"))
              .group_by(m.c.actor_id).subquery())
    ecount = (sa.select(S.merged_event_actors.c.actor_id,
                        sa.func.count(sa.distinct(S.merged_event_actors.c.merged_event_id)).label("n_events"))
              .group_by(S.merged_event_actors.c.actor_id).subquery())
    q = (sa.select(a.c.id, a.c.name, a.c.name_en, a.c.type, a.c.kb_id,
                   sa.func.coalesce(mcount.c.n_mentions, 0).label("n_mentions"),
                   sa.func.coalesce(mcount.c.n_documents, 0).label("n_documents"),
                   sa.func.coalesce(ecount.c.n_events, 0).label("n_events"))
         .outerjoin(mcount, mcount.c.actor_id == a.c.id).outerjoin(ecount, ecount.c.actor_id == a.c.id)
         .where(~a.c.key.startswith("anon:"))
         .order_by(sa.desc("n_mentions"), a.c.id).limit(limit))
    with store.read() as conn:
        if name:
            q = q.where(a.c.id.in_(find_actor_ids(conn, name)))
        return [dict(r) for r in conn.execute(q).mappings()]


def claims(store: Store, *, speaker: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    c, d = S.claims, S.documents
    q = (sa.select(c.c.id, c.c.document_id, c.c.chain_names, c.c.cue_text, c.c.content_start, c.c.content_end,
                   c.c.content_text, c.c.kind, c.c.stance, d.c.title, d.c.outlet, d.c.source, d.c.published)
         .join(d, d.c.id == c.c.document_id).where(d.c.superseded.is_(False))
         .order_by(d.c.published, c.c.document_id, c.c.content_start).limit(limit))
    with store.read() as conn:
        if speaker:
            q = q.where(c.c.speaker_actor_id.in_(find_actor_ids(conn, speaker)))
        out = []
        for r in conn.execute(q).mappings():
            r = dict(r)
            r["chain"] = json.loads(r.pop("chain_names"))
            out.append(r)
        return out


# ---- search ---------------------------------------------------------------------------
_WORD = re.compile(r"\w+")


def _forms(query: str) -> list[list[str]]:
    out = []
    for t in tokenize(query):
        if not _WORD.fullmatch(t.text):
            continue
        n = normalize(t.text)
        forms = [n]
        if t.kind == "ar":
            s = strip_proclitics(t.text)
            if s and s != n:
                forms.append(s)
        out.append([f for f in forms if _WORD.fullmatch(f)])
    return [f for f in out if f]


def search(store: Store, query: str, *, limit: int = 20, width: int = 70) -> list[dict[str, Any]]:
    """Documents matching every word of ``query`` (any spelling, with or without clitics)."""
    terms = _forms(query)
    if not terms:
        return []
    d = S.documents
    cols = [d.c.id, d.c.title, d.c.outlet, d.c.source, d.c.url, d.c.published, d.c.text]
    with store.read() as conn:
        if store.dialect == "sqlite":
            match = " AND ".join("(" + " OR ".join(f'"{f}"' for f in forms) + ")" for forms in terms)
            q = (sa.select(*cols).select_from(sa.text("documents_fts")).join(d, sa.text("documents.id = documents_fts.rowid"))
                 .where(sa.text("documents_fts MATCH :m"), d.c.superseded.is_(False))
                 .order_by(sa.text("documents_fts.rank")).limit(limit))
            rows = conn.execute(q, {"m": match}).mappings().all()
        else:
            tsq = " & ".join("(" + " | ".join(forms) + ")" for forms in terms)
            vec = sa.func.to_tsvector(sa.literal_column("'simple'"), d.c.search_text)
            tq = sa.func.to_tsquery(sa.literal_column("'simple'"), tsq)
            q = (sa.select(*cols).where(vec.op("@@")(tq), d.c.superseded.is_(False))
                 .order_by(sa.desc(sa.func.ts_rank(vec, tq)), d.c.id).limit(limit))
            rows = conn.execute(q).mappings().all()
    out = []
    for r in rows:
        r = dict(r)
        text = r.pop("text")
        r["start"], r["end"], r["snippet"] = _snippet(text, [f for forms in terms for f in forms], width)
        out.append(r)
    return out


def _snippet(text: str, forms: list[str], width: int) -> tuple[int, int, str]:
    """The first match in the original text (offsets) and the text around it."""
    ntext, idx = normalize_with_map(text)
    best = None
    for f in forms:
        for m in re.finditer(re.escape(f), ntext):
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end())
            break
    if best is None or not idx:
        return 0, 0, text[: 2 * width].replace("\n", " ")
    start, end = idx[best[0]], idx[best[1] - 1] + 1
    while start > 0 and (text[start - 1].isalnum() or unicodedata.category(text[start - 1]) == "Mn"):
        start -= 1  # the whole word, clitics included
    while end < len(text) and (text[end].isalnum() or unicodedata.category(text[end]) == "Mn"):
        end += 1
    a, b = max(0, start - width), min(len(text), end + width)
    snippet = ("…" if a else "") + text[a:start] + "«" + text[start:end] + "»" + text[end:b] + ("…" if b < len(text) else "")
    return start, end, snippet.replace("\n", " ")
