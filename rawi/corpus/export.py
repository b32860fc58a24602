"""Exports: documents as JSON lines, events as ACLED-like CSV, the actor graph as GraphML,
a TimelineJS file and PLOVER JSON records. Everything streams page by page from the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

import sqlalchemy as sa

from rawi.corpus.queries import attach_reports
from rawi.corpus.values import date_range
from rawi.store import schema as S
from rawi.store.db import Store
from rawi.store.reader import open_reader

FORMATS = ("jsonl", "csv", "graphml", "timelinejs", "plover")
CSV_COLUMNS = ["event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
               "location", "source", "source_chain", "n_reports", "n_outlets", "n_chains", "contradictions",
               "notes", "document_link"]
_PAGE = 500


def iter_documents(store: Store) -> Iterator[str]:
    with store.read() as conn:
        q = (sa.select(S.documents.c.doc_json).where(S.documents.c.superseded.is_(False))
             .order_by(S.documents.c.id).execution_options(stream_results=True, yield_per=_PAGE))
        for (j,) in conn.execute(q):
            yield j


def iter_merged_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every merged event with its reports, in pages of ``_PAGE`` (id order)."""
    last = 0
    while True:
        with open_reader(store) as r:
            rows = r.rows("SELECT * FROM merged_events WHERE id > :last AND n_reports > 0 ORDER BY id LIMIT :n",
                          {"last": last, "n": _PAGE})
            if not rows:
                return
            attach_reports(r, rows)
        yield from rows
        last = rows[-1]["id"]


def _link(rep: dict[str, Any]) -> str:
    return rep.get("url") or rep.get("source") or f"doc:{rep['document_id']}"


def _chain(rep: dict[str, Any]) -> str:
    return " < ".join(reversed(rep["chain"])) if rep.get("chain") else (rep.get("outlet") or "(outlet)")


def _contra(ev: dict[str, Any]) -> str:
    return "; ".join(f"{c['kind']}: {c['value_a']} vs {c['value_b']}" for c in ev["contradictions"])


def write_csv(store: Store, out: TextIO) -> int:
    w = csv.DictWriter(out, CSV_COLUMNS)
    w.writeheader()
    n = 0
    for ev in iter_merged_events(store):
        reps = ev["reports"]
        w.writerow({
            "event_id": ev["id"], "event_date": ev["date"] or "", "date_precision": ev["precision"] or "",
            "event_type": ev["type"], "sub_event_type": ev["mode"] or "",
            "actor1": "; ".join(ev["actors"]), "actor2": "; ".join(ev["targets"]), "location": ev["location"] or "",
            "source": "; ".join(dict.fromkeys(r.get("outlet") or r.get("source") or "" for r in reps)),
            "source_chain": "; ".join(dict.fromkeys(_chain(r) for r in reps)),
            "n_reports": ev["n_reports"], "n_outlets": ev["n_outlets"], "n_chains": ev["n_chains"],
            "contradictions": _contra(ev),
            "notes": " | ".join(dict.fromkeys(r["trigger_text"] + (f" [{r['modality']}]" if r.get("modality") else "")
                                              for r in reps)),
            "document_link": " | ".join(dict.fromkeys(_link(r) for r in reps)),
        })
        n += 1
    return n


def actor_graph(store: Store):
    """networkx DiGraph: actors as nodes, actor -> target edges with merged-event counts."""
    import networkx as nx

    a, t = S.merged_event_actors.alias("a"), S.merged_event_actors.alias("t")
    me = S.merged_events
    q = (sa.select(a.c.actor_id.label("src"), t.c.actor_id.label("dst"), me.c.type,
                   sa.func.count(sa.distinct(me.c.id)).label("n"))
         .join(t, sa.and_(t.c.merged_event_id == a.c.merged_event_id, t.c.role == "target"))
         .join(me, me.c.id == a.c.merged_event_id)
         .where(a.c.role == "actor", me.c.n_reports > 0).group_by(a.c.actor_id, t.c.actor_id, me.c.type))
    g = nx.DiGraph()
    with store.read() as conn:
        for src, dst, typ, n in conn.execute(q):
            if g.has_edge(src, dst):
                e = g.edges[src, dst]
                e["events"] += n
                e["types"] = ";".join(sorted(set(e["types"].split(";")) | {typ}))
            else:
                g.add_edge(src, dst, events=n, types=typ)
        ids = list(g.nodes)
        for i in range(0, len(ids), _PAGE):
            for r in conn.execute(sa.select(S.actors).where(S.actors.c.id.in_(ids[i:i + _PAGE]))).mappings():
                g.nodes[r["id"]].update(name=r["name"], type=r["type"], name_en=r["name_en"] or "",
                                        kb_id=r["kb_id"] or "")
    return nx.relabel_nodes(g, {n: f"a{n}" for n in g.nodes})


def write_graphml(store: Store, out) -> int:
    import networkx as nx

    g = actor_graph(store)
    nx.write_graphml(g, out)
    return g.number_of_edges()


def _tl_date(date: str) -> dict[str, str]:
    parts = date.split("-")
    return {k: str(int(v)) for k, v in zip(("year", "month", "day"), parts, strict=False)}


def timelinejs(store: Store, title: str = "rawi timeline") -> dict[str, Any]:
    evs = []
    for ev in iter_merged_events(store):
        if not ev["date"]:
            continue
        who = "، ".join(ev["actors"]) + (" ← " + "، ".join(ev["targets"]) if ev["targets"] else "")
        body = "<br>".join(f"{r.get('outlet') or r.get('source') or ''}: «{r['trigger_text']}»"
                           + (f" (according to {_chain(r)})" if r.get("chain") else "") for r in ev["reports"])
        if ev["contradictions"]:
            body += "<br>⚠ " + _contra(ev)
        evs.append({"unique_id": f"me{ev['id']}", "start_date": _tl_date(ev["date"]),
                    "display_date": f"{ev['date']} ({ev['precision']})", "group": ev["type"],
                    "text": {"headline": f"{ev['type']}: {who}".strip(), "text": body}})
    evs.sort(key=lambda e: date_range(e["display_date"].split(" ")[0])[0])
    return {"title": {"text": {"headline": title, "text": f"{len(evs)} dated events"}}, "events": evs}


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """PLOVER-style event records (one per merged event), with rawi's sourcing added."""
    for ev in iter_merged_events(store):
        reps = ev["reports"]
        yield {
            "id": f"rawi-{ev['id']}", "date": ev["date"], "date_precision": ev["precision"],
            "event": ev["type"], "mode": ev["mode"], "context": [],
            "actor": ev["actors"][0] if ev["actors"] else None, "actors": ev["actors"],
            "recipient": ev["targets"][0] if ev["targets"] else None, "recipients": ev["targets"],
            "location": {"name": ev["location"]} if ev["location"] else None,
            "negated": all(r["denied"] for r in reps) if reps else False,
            # attempted, planned, requested, conditional: reported, but not as done
            "modality": sorted({r["modality"] for r in reps if r.get("modality")}),
            "source": sorted({r.get("outlet") or r.get("source") or "" for r in reps}),
            "source_chains": sorted({_chain(r) for r in reps}),
            "corroboration": {"reports": ev["n_reports"], "outlets": ev["n_outlets"], "chains": ev["n_chains"]},
            "contradictions": [{k: c[k] for k in ("kind", "value_a", "value_b", "event_a", "event_b")}
                               for c in ev["contradictions"]],
            "reports": [{"document_id": r["document_id"], "link": _link(r), "event_text": r["trigger_text"],
                         "start": r["trigger_start"], "end": r["trigger_end"], "date": r["date"]} for r in reps],
            "version": "PLOVER 1.0 (rawi)",
        }


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write ``fmt`` to text stream ``out``; returns how many records were written."""
    if fmt == "jsonl":
        n = 0
        for j in iter_documents(store):
            out.write(j + "\n")  # stored compact: one line
            n += 1
        return n
    if fmt == "csv":
        return write_csv(store, out)
    if fmt == "graphml":
        import io

        buf = io.BytesIO()
        n = write_graphml(store, buf)
        out.write(buf.getvalue().decode("utf-8"))
        return n
    if fmt == "timelinejs":
        tl = timelinejs(store)
        json.dump(tl, out, ensure_ascii=False, indent=1)
        return len(tl["events"])
    if fmt == "plover":
        recs = list(plover_records(store))
        json.dump(recs, out, ensure_ascii=False, indent=1)
        return len(recs)
    raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
