"""Writing one document into the store: one transaction, idempotent by content hash.

A document whose content hash is already stored is skipped. One whose source (URL, else
path) is stored with other content becomes a new version; the older versions are marked
superseded (kept, but no longer counted). Actors and events are merged into the corpus in
the same transaction (:mod:`rawi.corpus.merge`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

import sqlalchemy as sa

from rawi.arabic import normalize, strip_proclitics, tokenize
from rawi.arabic.tokens import Token
from rawi.corpus import merge, values
from rawi.store import schema as S
from rawi.store.db import Store

_VERSIONS = sa.select(S.documents.c.id, S.documents.c.version, S.documents.c.superseded).where(S.documents.c.source_key == sa.bindparam("p_key"))
_BY_HASH = sa.select(S.documents.c.id).where(S.documents.c.content_hash == sa.bindparam("p_hash"))


def content_hash(d: dict[str, Any]) -> str:
    return hashlib.sha256(f"{d.get('title') or ''}\n\n{d['text']}".encode()).hexdigest()


def search_text(text: str, tokens: Iterable[Token] | None = None) -> str:
    """What the full-text index sees: the normalised text, then the clitic-stripped stems.
    ``tokens``: the text's tokens when the caller has them (a processed document does)."""
    stems = []
    for t in tokens if tokens is not None else tokenize(text):
        if t.kind == "ar":
            s = strip_proclitics(t.text)
            if s and s != normalize(t.text):
                stems.append(s)
    return normalize(text) + "\n" + " ".join(stems)


def outlet_of(d: dict[str, Any]) -> str | None:
    meta = d.get("meta") or {}
    for k in ("outlet", "sitename", "hostname"):
        if meta.get(k):
            return str(meta[k])
    url = meta.get("url") or (d.get("source") if "://" in (d.get("source") or "") else None)
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _insert_ids(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one statement; their new ids, in the order of ``rows``."""
    if not rows:
        return []
    q = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    return [r[0] for r in conn.execute(q, rows)]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def has_input(store: Store, input_hash: str) -> bool:
    with store.read() as conn:
        return conn.execute(sa.select(S.inputs.c.input_hash).where(S.inputs.c.input_hash == input_hash)).first() \
            is not None


def input_count(store: Store, input_hash: str) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(S.inputs.c.n_documents).where(S.inputs.c.input_hash == input_hash)).scalar() \
            or 0


def mark_input(conn: sa.Connection, input_hash: str, source: str, n: int) -> None:
    if conn.execute(sa.select(S.inputs.c.input_hash).where(S.inputs.c.input_hash == input_hash)).first() is None:
        conn.execute(S.inputs.insert().values(input_hash=input_hash, source=source, n_documents=n, done_at=_now()))


def record_failure(store: Store, source: str, error: str, code: str | None = None,
                   input_hash: str | None = None) -> None:
    store.write(lambda conn: conn.execute(S.failures.insert().values(
        source=source, input_hash=input_hash, code=code, error=error[:4000], at=_now())))


def add_document(store: Store, d: dict[str, Any], *, input_hash: str | None = None,
                 input_done: tuple[str, str, int] | None = None,
                 stext: str | None = None) -> tuple[str, int | None]:
    """Store document dict ``d`` (``rawi.document/1``); returns ``("ingested"|"skipped", id)``.

    ``input_done=(input_hash, source, n_documents)`` marks the input complete in the same
    transaction (the last document of a file or feed).
    """
    h = content_hash(d)
    if stext is None:
        stext = search_text(d["text"])  # outside the write lock (workers compute it for batches)
    new_actors: dict[str, tuple[int, bool]] = {}

    def tx(conn: sa.Connection) -> tuple[str, int | None]:
        new_actors.clear()
        found = conn.execute(_BY_HASH, {"p_hash": h}).scalar()
        if found is not None:
            if input_done:
                mark_input(conn, *input_done)
            return "skipped", found
        doc_id = _insert(conn, d, h, stext, input_hash, store.actor_ids, new_actors)
        if input_done:
            mark_input(conn, *input_done)
        return "ingested", doc_id

    result = store.write(tx)
    store.actor_ids.update(new_actors)  # committed: safe to remember
    if len(store.actor_ids) > 200_000:
        store.actor_ids.clear()
    return result


def _insert(conn: sa.Connection, d: dict[str, Any], h: str, stext: str, input_hash: str | None,
            cache: dict[str, tuple[int, bool]], new: dict[str, tuple[int, bool]]) -> int:
    meta = d.get("meta") or {}
    url = meta.get("url") or (d.get("source") if "://" in (d.get("source") or "") else None)
    source_key = url or d.get("source") or h
    older = conn.execute(_VERSIONS, {"p_key": source_key}).all()
    version = max((v for _, v, _ in older), default=0) + 1
    outlet = outlet_of(d)
    doc_id = conn.execute(S.documents.insert(), dict(
        content_hash=h, input_hash=input_hash, source_key=source_key, version=version, superseded=False,
        source=d.get("source"), url=url, outlet=outlet, title=d.get("title"), published=d.get("published"),
        text=d["text"], search_text=stext, doc_json=json.dumps(d, ensure_ascii=False), ingested_at=_now(),
    )).inserted_primary_key[0]
    current = [i for i, _, gone in older if not gone]
    if current:
        conn.execute(S.documents.update().where(S.documents.c.id.in_(current)).values(superseded=True))
        for i in current:
            merge.recount_for_document(conn, i)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO documents_fts(rowid, search_text) VALUES (?, ?)", (doc_id, stext))

    # entities -> corpus actors, with every mention
    actor_of: dict[str, int] = {}
    name_of: dict[str, str] = {}
    ent_rows, mention_rows = [], []
    for e in d.get("entities", []):
        aid = merge.get_or_create_actor(conn, e, doc_id, cache, new)
        actor_of[e["id"]], name_of[e["id"]] = aid, e["name"]
        ent_rows.append({"document_id": doc_id, "local_id": e["id"], "actor_id": aid, "name": e["name"],
                         "type": e["type"], "roles": json.dumps(e.get("roles") or [], ensure_ascii=False)})
        for m in e.get("mentions", []):
            mention_rows.append({"document_id": doc_id, "entity_local_id": e["id"], "actor_id": aid,
                                 "start": m["start"], "end": m["end"], "text": m["text"],
                                 "norm_text": values.norm(m["text"])})
    if ent_rows:
        conn.execute(S.doc_entities.insert(), ent_rows)
    if mention_rows:
        conn.execute(S.mentions.insert(), mention_rows)
    tx_rows = [{"document_id": doc_id, "local_id": t["id"], "start": t["start"], "end": t["end"],
                "text": t["text"], "type": t["type"], "value": t.get("value"), "anchor": t.get("anchor"),
                "year_inferred": bool(t.get("year_inferred"))} for t in d.get("timexes", [])]
    if tx_rows:
        conn.execute(S.timexes.insert(), tx_rows)

    # claims, with their chain of sources (one statement for all of them: ids come back in order)
    claim_row: dict[str, int] = {}
    claim_chain: dict[str, str] = {}
    stance_of: dict[str, str] = {}
    claims = d.get("claims", [])
    chains = [[actor_of[i] for i in c.get("chain", []) if i in actor_of] for c in claims]
    rows = []
    for c, chain in zip(claims, chains, strict=True):
        key = "chain:" + ">".join(map(str, chain)) if chain else f"outlet:{outlet or source_key}"
        cue = c.get("cue") or {}
        claim_chain[c["id"]], stance_of[c["id"]] = key, c.get("stance") or "assertion"
        rows.append(dict(
            document_id=doc_id, local_id=c["id"], speaker_actor_id=chain[-1] if chain else None, chain_key=key,
            chain_names=json.dumps([name_of[i] for i in c.get("chain", []) if i in name_of], ensure_ascii=False),
            cue_start=cue.get("start"), cue_end=cue.get("end"), cue_text=cue.get("text"),
            content_start=c["content"]["start"], content_end=c["content"]["end"],
            content_text=c["content"]["text"], kind=c["kind"], stance=stance_of[c["id"]],
        ))
    source_rows: list[dict[str, int]] = []
    for c, chain, cid in zip(claims, chains, _insert_ids(conn, S.claims, rows), strict=True):
        claim_row[c["id"]] = cid
        source_rows += [{"claim_id": cid, "position": p, "actor_id": a} for p, a in enumerate(chain)]
    if source_rows:
        conn.execute(S.claim_sources.insert(), source_rows)

    # events: inserted in one statement, then each assigned to a merged event in text order
    denial_spans = [(c["content"]["start"], c["content"]["end"]) for c in d.get("claims", [])
                    if c.get("stance") == "denial"]
    contents = sorted((c["content"]["end"] - c["content"]["start"], c["content"]["start"], c["content"]["end"],
                        c["id"]) for c in d.get("claims", []))
    rows, merging = [], []
    for v in d.get("events", []):
        trig = v["trigger"]
        if not v.get("claim"):  # an event inside reported speech is sourced by it (the innermost claim)
            inside = [cid for _, a, b, cid in contents if a <= trig["start"] and trig["end"] <= b]
            if inside:
                v = dict(v, claim=inside[0])
        denied = bool(v.get("negated")) or stance_of.get(v.get("claim") or "") == "denial" or any(
            a <= trig["start"] and trig["end"] <= b for a, b in denial_spans)  # inside what a denial denies
        actor_ids = [actor_of[i] for i in v.get("actors", []) if i in actor_of]
        target_ids = [actor_of[i] for i in v.get("targets", []) if i in actor_of and actor_of[i] not in actor_ids]
        loc = actor_of.get(v.get("location") or "")
        rows.append(dict(
            document_id=doc_id, local_id=v["id"], type=v["type"], mode=v.get("mode"),
            trigger_start=trig["start"], trigger_end=trig["end"], trigger_text=trig["text"],
            date=v.get("date"), precision=values.precision(v.get("date")), time_local_id=v.get("time"),
            location_actor_id=loc, negated=bool(v.get("negated")), modality=v.get("modality"),
            claim_id=claim_row.get(v.get("claim") or ""), denied=denied,
            chain_key=claim_chain.get(v.get("claim") or "") or f"outlet:{outlet or source_key}",
        ))
        merging.append({
            "document_id": doc_id, "type": v["type"], "mode": v.get("mode"), "date": v.get("date"),
            "published": d.get("published"), "actor_ids": actor_ids, "target_ids": target_ids,
            "location_id": loc, "denied": denied})
    ids = _insert_ids(conn, S.events, rows)
    ea = [{"event_id": eid, "actor_id": a, "role": role} for eid, m in zip(ids, merging, strict=True)
          for role, group in (("actor", m["actor_ids"]), ("target", m["target_ids"])) for a in dict.fromkeys(group)]
    if ea:
        conn.execute(S.event_actors.insert(), ea)
    for eid, m in zip(ids, merging, strict=True):
        merge.assign_event(conn, eid, m)
    return doc_id
