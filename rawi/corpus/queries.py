"""Corpus queries (timeline, actors, claims, search): plain functions returning dicts.

Shared by the command line and, later, the HTTP API. Each takes ``db``: a store URL or
SQLite path, a :class:`rawi.store.Store`, or an open :class:`~rawi.store.reader.Reader`, and
reads plain SQL through the DB-API (no SQLAlchemy import: a query command starts fast).
Actor names match the canonical name, the English name or any mention text, after Arabic
normalisation. Only current versions of documents (not superseded) are shown.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rawi.arabic import normalize, normalize_with_map, strip_proclitics, tokenize
from rawi.corpus.values import date_range, norm
from rawi.store.reader import Reader, booleans, expand, open_reader

_CHUNK = 500


@contextmanager
def reading(db: Any) -> Iterator[Reader]:
    """``db`` as a reader: a Reader (used as it is), a Store, or a URL/path (opened and closed here)."""
    if isinstance(db, Reader):
        yield db
        return
    with open_reader(db) as r:
        yield r


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def find_actor_ids(r: Reader, name: str) -> list[int]:
    """Actors whose canonical or English name, or any mention, is ``name`` (normalised)."""
    n = norm(name)
    ids = set(r.column("SELECT id FROM actors WHERE norm_name = :n OR norm_name_en = :n", {"n": n}))
    ids |= set(r.column("SELECT DISTINCT actor_id FROM mentions WHERE norm_text = :n", {"n": n}))
    return sorted(ids)


# ---- timeline -------------------------------------------------------------------------
def timeline(db: Any, *, actor: str | None = None, date_from: str | None = None,
             date_to: str | None = None, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Merged events in date order (undated last), each with every report and its source chain."""
    where, params = ["me.n_reports > 0"], {}
    with reading(db) as r:
        if actor:
            ids = find_actor_ids(r, actor)
            if not ids:
                return []
            sql, params = expand("actor", ids)
            where.append("me.id IN (SELECT merged_event_id FROM merged_event_actors "
                         f"WHERE actor_id IN ({sql}))")
        if type:
            where.append("me.type = :type")
            params["type"] = type.upper()
        if date_from or date_to:
            where.append("me.date IS NOT NULL")
            if date_from:
                where.append("me.hi >= :lo")
                params["lo"] = date_range(date_from)[0]
            if date_to:
                where.append("me.lo <= :hi")
                params["hi"] = date_range(date_to)[1]
        # ids and dates first: the order and the window need nothing else, and only the events
        # shown (``limit``) are read whole
        keys = r.rows("SELECT me.id, me.date FROM merged_events me WHERE " + " AND ".join(where), params)
        if date_from or date_to:  # lo/hi are the window of all reports; check the merged date itself
            lo_f = date_range(date_from)[0] if date_from else "0000"
            hi_t = date_range(date_to)[1] if date_to else "9999"
            keys = [e for e in keys if date_range(e["date"])[1] >= lo_f and date_range(e["date"])[0] <= hi_t]
        keys.sort(key=lambda e: (e["date"] is None, date_range(e["date"])[0] if e["date"] else "", e["id"]))
        if limit:
            keys = keys[:limit]
        whole = _by_id(r, "SELECT * FROM merged_events WHERE id IN ({ids})", {e["id"] for e in keys})
        rows = [whole[e["id"]] for e in keys]
        attach_reports(r, rows)
    return rows


_REPORTS = """
SELECT id, merged_event_id, document_id, date, precision, trigger_start, trigger_end, trigger_text,
       negated, denied, modality, location_actor_id, claim_id
FROM events WHERE merged_event_id IN ({ids})"""
_DOCUMENTS = "SELECT id, title, outlet, source, url, published FROM documents WHERE id IN ({ids}) AND NOT superseded"
_CLAIMS_OF = "SELECT id, chain_names, kind AS claim_kind, stance FROM claims WHERE id IN ({ids})"


def attach_reports(r: Reader, rows: list[dict[str, Any]]) -> None:
    """Give each merged event row its actors, targets, place, reports and contradictions.

    Documents and claims are read once each, not once per report: a story retold by many
    articles has many reports of one document set.
    """
    parts: dict[int, dict[str, list]] = defaultdict(lambda: {"actor": [], "target": []})
    reports: dict[int, list] = defaultdict(list)
    contra: dict[int, list] = defaultdict(list)
    actor_ids: set[int] = {e["location_actor_id"] for e in rows if e["location_actor_id"]}
    reps: list[dict[str, Any]] = []
    for chunk in _chunks([e["id"] for e in rows]):
        ids, p = expand("m", chunk)
        for x in r.rows("SELECT merged_event_id, actor_id, role FROM merged_event_actors "
                        f"WHERE merged_event_id IN ({ids})", p):
            parts[x["merged_event_id"]][x["role"]].append(x["actor_id"])
            actor_ids.add(x["actor_id"])
        reps += r.rows(_REPORTS.format(ids=ids), p)
        for x in r.rows(f"SELECT * FROM contradictions WHERE merged_event_id IN ({ids}) ORDER BY id", p):
            contra[x["merged_event_id"]].append(x)
    docs = _by_id(r, _DOCUMENTS, {x["document_id"] for x in reps})  # current versions only
    claims_of = _by_id(r, _CLAIMS_OF, {x["claim_id"] for x in reps if x["claim_id"]})
    booleans(reps, "negated", "denied")
    reps.sort(key=lambda x: (x["document_id"], x["id"]))
    for rep in reps:
        doc = docs.get(rep["document_id"])
        if doc is None:  # a superseded version of its document
            continue
        claim = claims_of.get(rep.pop("claim_id")) or {}
        rep.update((k, doc[k]) for k in ("title", "outlet", "source", "url", "published"))
        rep["chain"] = json.loads(claim["chain_names"]) if claim.get("chain_names") else []
        rep["claim_kind"], rep["stance"] = claim.get("claim_kind"), claim.get("stance")
        reports[rep.pop("merged_event_id")].append(rep)
    names = _names(r, actor_ids)
    for e in rows:
        e["actors"] = [names.get(i, "?") for i in parts[e["id"]]["actor"]]
        e["targets"] = [names.get(i, "?") for i in parts[e["id"]]["target"]]
        e["location"] = names.get(e["location_actor_id"]) if e["location_actor_id"] else None
        e["reports"] = reports[e["id"]]
        e["contradictions"] = contra[e["id"]]


def _by_id(r: Reader, sql: str, ids: set[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sorted(ids)):
        sql_ids, p = expand("i", chunk)
        out.update((x["id"], x) for x in r.rows(sql.format(ids=sql_ids), p))
    return out


def _names(r: Reader, ids: set[int]) -> dict[int, str]:
    return {i: x["name"] for i, x in _by_id(r, "SELECT id, name FROM actors WHERE id IN ({ids})", ids).items()}


def source_line(rep: dict[str, Any]) -> str:
    """"Outlet — title (doc #3) «trigger» according to X < Y"."""
    where = rep.get("outlet") or rep.get("url") or rep.get("source") or "?"
    s = f"{where} — {rep.get('title') or '(untitled)'} (doc #{rep['document_id']}" + \
        (f", {rep['published']}" if rep.get("published") else "") + f") «{rep['trigger_text']}»"
    if rep.get("chain"):
        s += " according to " + " < ".join(reversed(rep["chain"]))  # the speaker, then who relays them
    if rep.get("denied"):
        s += " [denied]" if rep.get("stance") == "denial" else " [negated]"
    if rep.get("modality"):  # attempted, planned, requested, conditional: not reported as done
        s += f" [{rep['modality']}]"
    return s


# ---- actors, claims -------------------------------------------------------------------
_ACTORS = """
SELECT a.id, a.name, a.name_en, a.type, a.kb_id,
       COALESCE(mc.n_mentions, 0) AS n_mentions, COALESCE(mc.n_documents, 0) AS n_documents,
       COALESCE(ec.n_events, 0) AS n_events
FROM actors a
LEFT OUTER JOIN (SELECT actor_id, count(*) AS n_mentions, count(DISTINCT document_id) AS n_documents
                 FROM mentions GROUP BY actor_id) mc ON mc.actor_id = a.id
LEFT OUTER JOIN (SELECT actor_id, count(DISTINCT merged_event_id) AS n_events
                 FROM merged_event_actors GROUP BY actor_id) ec ON ec.actor_id = a.id
WHERE a.key NOT LIKE 'anon:%' AND a.key NOT LIKE :per_article {only}
ORDER BY n_mentions DESC, a.id LIMIT :limit"""


def actors(db: Any, *, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors with mention, document and (merged) event counts, most mentioned first. Anonymous
    sources and generic actors of one article ("المتظاهرين" with no state) are not corpus actors."""
    with reading(db) as r:
        only, p = _actor_filter(r, "a.id", name, limit)
        return r.rows(_ACTORS.format(only=only), p | {"per_article": "agent:%:doc%"})


def _actor_filter(r: Reader, column: str, name: str | None, limit: int) -> tuple[str, dict[str, Any]]:
    """``AND column IN (…)`` for the actors ``name`` matches (nothing without a name), and the parameters."""
    if not name:
        return "", {"limit": limit}
    ids, p = expand("who", find_actor_ids(r, name))
    return f"AND {column} IN ({ids})", p | {"limit": limit}


_CLAIMS = """
SELECT c.id, c.document_id, c.chain_names, c.cue_text, c.content_start, c.content_end, c.content_text,
       c.kind, c.stance, d.title, d.outlet, d.source, d.published
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE NOT d.superseded {only}
ORDER BY d.published, c.document_id, c.content_start LIMIT :limit"""


def claims(db: Any, *, speaker: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Claims in publication order, each with its source chain (outermost first)."""
    with reading(db) as r:
        only, p = _actor_filter(r, "c.speaker_actor_id", speaker, limit)
        out = r.rows(_CLAIMS.format(only=only), p)
    for c in out:
        c["chain"] = json.loads(c.pop("chain_names"))
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


_SEARCH = {  # one full-text query per dialect; :q is the query in the engine's own syntax
    "sqlite": """
SELECT d.id, d.title, d.outlet, d.source, d.url, d.published, d.text
FROM documents_fts f JOIN documents d ON d.id = f.rowid
WHERE documents_fts MATCH :q AND NOT d.superseded
ORDER BY f.rank LIMIT :limit""",
    "postgresql": """
SELECT d.id, d.title, d.outlet, d.source, d.url, d.published, d.text
FROM documents d
WHERE to_tsvector('simple', d.search_text) @@ to_tsquery('simple', :q) AND NOT d.superseded
ORDER BY ts_rank(to_tsvector('simple', d.search_text), to_tsquery('simple', :q)) DESC, d.id LIMIT :limit""",
}


def search(db: Any, query: str, *, limit: int = 20, width: int = 70) -> list[dict[str, Any]]:
    """Documents matching every word of ``query`` (any spelling, with or without clitics)."""
    terms = _forms(query)
    if not terms:
        return []
    with reading(db) as r:
        if r.dialect == "sqlite":
            q = " AND ".join("(" + " OR ".join(f'"{f}"' for f in forms) + ")" for forms in terms)
        else:
            q = " & ".join("(" + " | ".join(forms) + ")" for forms in terms)
        rows = r.rows(_SEARCH[r.dialect], {"q": q, "limit": limit})
    for row in rows:
        text = row.pop("text")
        row["start"], row["end"], row["snippet"] = _snippet(text, [f for forms in terms for f in forms], width)
    return rows


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
