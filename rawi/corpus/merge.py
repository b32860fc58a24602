"""Cross-document merging, done incrementally at ingest (no whole-corpus structure in memory).

Actors: an entity linked to the knowledge base merges by ``kb_id``; a document-local one
merges only with the same normalised name *and* type (conservative: "الأسد" alone does not
merge with "بشار الأسد"); an anonymous source ("مصادر مطلعة") never merges across documents;
a generic actor (``sector``: "قوات الأمن العراقية", "الشرطة العراقية") merges by sector and
state, and one without a state ("المتظاهرون") stays within its document.

Events: each new event is compared, through indexed queries, with the merged events of the
same type whose date window is near its own and that share one of its actors. It joins the
best candidate when

- they share an actor and, where both name targets, a target;
- their dates agree (the ranges of "2024-11" and "2024-11-26" overlap), or are days apart
  (at most ``DATE_SLACK`` days, one for recurring happenings such as strikes: merged, and
  flagged as a date contradiction);
- their places agree, or differ while the dates agree (merged, flagged as a place contradiction);

otherwise it starts a new merged event. An event without a date uses the week before its
document's publication date as its window and never contradicts on date; one with neither
date nor publication date stays on its own. One that names no participant joins an event of
its type at the same place on the same day (within the slack) when it has both, else stays
on its own.

A report that denies the happening (a negated event, or one asserted by a claim whose
stance is "denial") merged with reports that assert it is flagged as a denial.
Corroboration: distinct outlets and distinct source chains over the current (not
superseded) reports.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from rawi.corpus.values import date_range, norm, shift
from rawi.corpus.values import gap as days_between
from rawi.store.schema import (
    actors,
    contradictions,
    documents,
    events,
    merged_event_actors,
    merged_events,
)

DATE_SLACK = 3  # days two dated reports may differ and still be one (contradicted) happening
# Happenings that recur day after day (strikes, raids, protests): reports a day apart at most
# are one happening; two days apart they are more likely two.
RECURRING = {"ASSAULT": 1, "COERCE": 1, "PROTEST": 1, "THREATEN": 1, "MOBILIZE": 1}
UNDATED_WINDOW = 7  # days before publication an undated reported event is looked for
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}  # "A met B" is "B met A"


# ---- actors ---------------------------------------------------------------------------
def actor_key(entity: dict[str, Any], document_id: int) -> str:
    if entity.get("kb_id"):
        return f"kb:{entity['kb_id']}"
    if entity.get("anonymous"):
        return f"anon:{document_id}:{entity['id']}"
    if entity.get("sector"):  # a generic actor: one per sector and state; without a state, one per article
        return f"agent:{entity['sector']}:{entity.get('state') or f'doc{document_id}'}"
    return f"{entity['type']}:{norm(entity['name'])}"


_ACTOR_BY_KEY = sa.select(actors.c.id, actors.c.name_en).where(actors.c.key == sa.bindparam("k"))
_SET_NAME_EN = (actors.update().where(actors.c.id == sa.bindparam("i"), actors.c.name_en.is_(None))
                .values(name_en=sa.bindparam("en"), norm_name_en=sa.bindparam("nen")))


def get_or_create_actor(conn: sa.Connection, entity: dict[str, Any], document_id: int,
                        cache: dict[str, tuple[int, bool]] | None = None,
                        new: dict[str, tuple[int, bool]] | None = None) -> int:
    """The corpus actor of ``entity``; ``cache`` holds committed actors, ``new`` collects this transaction's."""
    key = actor_key(entity, document_id)
    en = entity.get("name_en")
    hit = (cache or {}).get(key) or (new or {}).get(key)
    if hit is None:
        row = conn.execute(_ACTOR_BY_KEY, {"k": key}).first()
        hit = (row[0], row[1] is not None) if row else None
    if hit is not None:
        if en and not hit[1]:  # fill in an English name learnt later
            conn.execute(_SET_NAME_EN, {"i": hit[0], "en": en, "nen": norm(en)})
            hit = (hit[0], True)
        if new is not None:
            new[key] = hit
        return hit[0]
    aid = conn.execute(actors.insert(), {
        "key": key, "type": entity["type"], "name": entity["name"], "norm_name": norm(entity["name"]),
        "name_en": en, "norm_name_en": norm(en) or None, "kb_id": entity.get("kb_id")}).inserted_primary_key[0]
    if new is not None:
        new[key] = (aid, bool(en))
    return aid


# ---- events ---------------------------------------------------------------------------
# Statements built once (with bound parameters): building SQLAlchemy statements per event
# cost more than running them.
_bp = sa.bindparam
_me, _mea, _ev = merged_events, merged_event_actors, events
_CANDIDATES = (
    sa.select(_me).distinct().join(_mea, _mea.c.merged_event_id == _me.c.id)
    .where(_me.c.type == _bp("p_type"), _me.c.lo <= _bp("p_hi"), _me.c.hi >= _bp("p_lo"),
           _mea.c.role.in_(_bp("p_roles", expanding=True)), _mea.c.actor_id.in_(_bp("p_people", expanding=True)))
    .limit(50))
# events naming no participant: the same type at the same place in the date window
_BY_PLACE = (sa.select(_me).where(_me.c.type == _bp("p_type"), _me.c.location_actor_id == _bp("p_loc"),
                                  _me.c.lo <= _bp("p_hi"), _me.c.hi >= _bp("p_lo")).limit(50))
_PARTICIPANTS = sa.select(_mea.c.actor_id, _mea.c.role).where(_mea.c.merged_event_id == _bp("p_mid"))
_REPORTS = (sa.select(_ev.c.id, _ev.c.document_id, _ev.c.date, _ev.c.location_actor_id, _ev.c.denied)
            .where(_ev.c.merged_event_id == _bp("p_mid")).order_by(_ev.c.id.desc()).limit(500))
_NAMES = sa.select(actors.c.id, actors.c.name).where(actors.c.id.in_(_bp("p_ids", expanding=True)))
_MERGED = sa.select(_me).where(_me.c.id == _bp("p_mid"))
_SET_MERGED = _ev.update().where(_ev.c.id == _bp("p_eid")).values(merged_event_id=_bp("p_mid"))
_CONTRA_EXISTS = sa.select(contradictions.c.id).where(
    contradictions.c.merged_event_id == _bp("p_mid"), contradictions.c.kind == _bp("p_kind"),
    contradictions.c.value_a == _bp("p_a"), contradictions.c.value_b == _bp("p_b"))
_live = (sa.select(_ev.c.chain_key, sa.func.coalesce(documents.c.outlet, documents.c.source_key).label("outlet"))
         .join(documents, documents.c.id == _ev.c.document_id)
         .where(_ev.c.merged_event_id == _bp("p_mid"), documents.c.superseded.is_(False)).subquery())
_N_CONTRA = sa.select(sa.func.count()).select_from(contradictions).where(
    contradictions.c.merged_event_id == _bp("p_mid")).scalar_subquery()
_COUNTS = sa.select(sa.func.count(), sa.func.count(sa.distinct(_live.c.outlet)),
                    sa.func.count(sa.distinct(_live.c.chain_key)), _N_CONTRA)
_SET_COUNTS = _me.update().where(_me.c.id == _bp("p_mid")).values(
    n_reports=_bp("p_r"), n_outlets=_bp("p_o"), n_chains=_bp("p_c"), n_contradictions=_bp("p_x"))
_RANK = {"year": 1, "month": 2, "day": 3}


def _slack(ev: dict[str, Any]) -> int:
    return RECURRING.get(ev["type"], DATE_SLACK)


def assign_event(conn: sa.Connection, event_id: int, ev: dict[str, Any]) -> int:
    """Attach stored event ``event_id`` to a merged event (existing or new); returns its id.

    ``ev`` has: document_id, type, mode, date, published, actor_ids, target_ids, location_id, denied.
    """
    rng = date_range(ev.get("date"))
    if rng:
        lo, hi = rng[0], rng[1]
    elif ev.get("published"):
        lo, hi = shift(ev["published"], -UNDATED_WINDOW), ev["published"]
    else:
        lo = hi = None
    actor_ids, target_ids = set(ev["actor_ids"]), set(ev["target_ids"])
    best: tuple[tuple, int, dict, set, set] | None = None
    if lo and (actor_ids or target_ids):
        if ev["type"] in SYMMETRIC:
            roles, people = ["actor", "target"], actor_ids | target_ids
        else:
            roles, people = (["actor"], actor_ids) if actor_ids else (["target"], target_ids)
        cands = conn.execute(_CANDIDATES, {
            "p_type": ev["type"], "p_hi": shift(hi, _slack(ev)), "p_lo": shift(lo, -_slack(ev)),
            "p_roles": roles, "p_people": sorted(people)}).mappings().all()
        for cand in cands:
            verdict = _compare(conn, cand, ev, rng, actor_ids, target_ids)
            if verdict is not None and (best is None or verdict[0] > best[0]):
                best = (verdict[0], cand["id"], *verdict[1:])
    elif rng and rng[2] == "day" and ev.get("location_id"):
        # no participant named, but a place and a day: "قصف على إدلب" reported twice that day
        cands = conn.execute(_BY_PLACE, {
            "p_type": ev["type"], "p_loc": ev["location_id"], "p_hi": shift(hi, _slack(ev)),
            "p_lo": shift(lo, -_slack(ev))}).mappings().all()
        for cand in cands:
            verdict = _compare(conn, cand, ev, rng, actor_ids, target_ids, by_place=True)
            if verdict is not None and (best is None or verdict[0] > best[0]):
                best = (verdict[0], cand["id"], *verdict[1:])
    if best is None:
        mid = conn.execute(merged_events.insert(), {
            "type": ev["type"], "mode": ev.get("mode"), "date": ev.get("date") if rng else None,
            "precision": rng[2] if rng else None, "lo": lo, "hi": hi, "location_actor_id": ev.get("location_id"),
            "n_reports": 1, "n_outlets": 1, "n_chains": 1, "n_contradictions": 0}).inserted_primary_key[0]
        flags: dict = {}
        have_actors: set[int] = set()
        have_targets: set[int] = set()
    else:
        _, mid, flags, have_actors, have_targets = best
        me = conn.execute(_MERGED, {"p_mid": mid}).mappings().one()
        changes: dict[str, Any] = {}
        if lo and (me["lo"] is None or lo < me["lo"]):
            changes["lo"] = lo
        if hi and (me["hi"] is None or hi > me["hi"]):
            changes["hi"] = hi
        if rng and not flags.get("date") and _RANK[rng[2]] > _RANK.get(me["precision"] or "", 0):
            changes.update(date=ev["date"], precision=rng[2])
        if me["location_actor_id"] is None and ev.get("location_id"):
            changes["location_actor_id"] = ev["location_id"]
        if me["mode"] is None and ev.get("mode"):
            changes["mode"] = ev["mode"]
        if changes:
            conn.execute(merged_events.update().where(merged_events.c.id == mid).values(**changes))
    conn.execute(_SET_MERGED, {"p_eid": event_id, "p_mid": mid})
    rows = [{"merged_event_id": mid, "actor_id": a, "role": "actor"} for a in sorted(actor_ids - have_actors)]
    rows += [{"merged_event_id": mid, "actor_id": a, "role": "target"} for a in sorted(target_ids - have_targets)]
    if rows:
        conn.execute(merged_event_actors.insert(), rows)
    for kind, (value_a, value_b, other_event) in flags.items():
        _flag(conn, mid, kind, value_a, value_b, other_event, event_id)
    if best is not None:  # a new merged event was created with its one report counted
        _recount(conn, mid)
    return mid


def _compare(conn, cand, ev, rng, actor_ids, target_ids,
             by_place: bool = False) -> tuple[tuple, dict, set, set] | None:
    """``(score, flags, its actors, its targets)`` when ``ev`` may join merged event ``cand``;
    ``by_place``: ``ev`` names no participant and ``cand`` was found by its place."""
    mid = cand["id"]
    rows = conn.execute(_PARTICIPANTS, {"p_mid": mid}).all()
    c_actors = {a for a, r in rows if r == "actor"}
    c_targets = {a for a, r in rows if r == "target"}
    if by_place:
        pass  # nothing to compare but the day and the place, below
    elif ev["type"] in SYMMETRIC:
        # "A met B" and "B met A": the participants must overlap, on both sides where both have two
        mine, theirs = actor_ids | target_ids, c_actors | c_targets
        if len(mine & theirs) < min(2, len(mine), len(theirs)):
            return None
    else:
        if actor_ids and c_actors and not actor_ids & c_actors:
            return None
        if target_ids and c_targets and not target_ids & c_targets:
            return None
        if not (actor_ids | target_ids) & (c_actors | c_targets):
            return None
    reports = conn.execute(_REPORTS, {"p_mid": mid}).all()  # (id, document_id, date, location, denied)
    if any(r[1] == ev["document_id"] for r in reports):
        return None  # two events of one article are two happenings
    flags: dict[str, tuple[str, str, int]] = {}
    date_agrees, gap = True, 0
    if rng:
        # The dated reports already merged: the nearest one decides.
        gaps = [(days_between(rng[:2], date_range(r[2])[:2]), r[2], r[0]) for r in reports if date_range(r[2])]
        if gaps:
            gap, d, other = min(gaps)
            if gap > _slack(ev):
                return None
            if gap > 0:
                date_agrees = False
                flags["date"] = (d, ev["date"], other)
        elif cand["lo"] and days_between(rng[:2], (cand["lo"], cand["hi"])) > _slack(ev):
            return None
    loc = ev.get("location_id")
    other = next((r for r in reports if r[3] is not None and r[3] != loc), None) if loc else None
    if other is not None:
        if not date_agrees:
            return None  # differs on both date and place: a different happening
        names = dict(conn.execute(_NAMES, {"p_ids": [other[3], loc]}).all())
        flags["place"] = (names.get(other[3], "?"), names.get(loc, "?"), other[0])
    other = next((r for r in reports if bool(r[4]) != bool(ev.get("denied"))), None)
    if other is not None:
        flags["denial"] = ("asserted", "denied", other[0]) if ev.get("denied") else ("denied", "asserted", other[0])
    overlap = len(actor_ids & c_actors) + len(target_ids & c_targets)
    score = (date_agrees, "place" not in flags, -gap, overlap, cand["n_reports"])
    return score, flags, c_actors, c_targets


def _flag(conn, mid: int, kind: str, value_a: str, value_b: str, event_a: int, event_b: int) -> None:
    # One row per pair of disagreeing values (stored in sorted order), whatever the number of reports.
    if value_b < value_a and kind != "denial":
        value_a, value_b, event_a, event_b = value_b, value_a, event_b, event_a
    if kind == "denial" and value_a == "denied":
        value_a, value_b, event_a, event_b = value_b, value_a, event_b, event_a
    params = {"p_mid": mid, "p_kind": kind, "p_a": value_a, "p_b": value_b}
    if conn.execute(_CONTRA_EXISTS, params).first() is None:
        conn.execute(contradictions.insert(), {"merged_event_id": mid, "kind": kind, "value_a": value_a,
                                               "value_b": value_b, "event_a": event_a, "event_b": event_b})


def _recount(conn: sa.Connection, mid: int) -> None:
    n_reports, n_outlets, n_chains, n_contra = conn.execute(_COUNTS, {"p_mid": mid}).one()
    conn.execute(_SET_COUNTS, {"p_mid": mid, "p_r": n_reports, "p_o": n_outlets, "p_c": n_chains, "p_x": n_contra})


def recount_for_document(conn: sa.Connection, document_id: int) -> None:
    """Recount the merged events a (now superseded) document reported."""
    mids = conn.execute(sa.select(events.c.merged_event_id).distinct().where(
        events.c.document_id == document_id, events.c.merged_event_id.is_not(None))).scalars().all()
    for mid in mids:
        _recount(conn, mid)
