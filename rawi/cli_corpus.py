"""Corpus commands (ingest, timeline, actors, claims, search, export), registered on ``rawi.cli.app``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from rawi.cli import app

DbOpt = Annotated[str | None, typer.Option("--db", help="store URL or SQLite file (default $RAWI_DB or ./rawi.db)")]


def _open(db: str | None, read_only: bool = False):
    """The store for a command; ``read_only``: a DB-API reader (no SQLAlchemy import: the query
    commands start fast). An unreachable or unusable store is a user error, exit status 2."""
    try:
        if read_only:
            from rawi.store.reader import open_reader

            return open_reader(db)
        from rawi.store import Store

        return Store(db)
    except Exception as e:  # noqa: BLE001 - reported in one line, whatever the driver raised
        typer.echo(f"rawi: error: cannot open store {db or ''}: {e}", err=True)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, directories, globs, JSONL, HTML pages, RSS/Atom feeds")],
    db: DbOpt = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="worker processes")] = 1,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="treat inputs as JSON lines")] = False,
    engine: Annotated[str, typer.Option(help="local or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (default: a local cluster)")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="show a progress bar")] = True,
) -> None:
    """Ingest articles into the corpus store (idempotent; resumes after an interruption).

    Exit status: 0, or 1 when some documents failed (recorded; the others are stored), 130 when interrupted.
    """
    from rawi.runner import ingest as run

    if engine not in ("local", "dask"):
        typer.echo("rawi: error: --engine must be local or dask", err=True)
        raise typer.Exit(2)
    store = _open(db)
    try:
        summary = run(inputs, jobs=jobs, jsonl=jsonl, engine=engine, scheduler=scheduler,
                      progress=progress and sys.stderr.isatty(), store=store)
    finally:
        store.close()
    for line in summary.lines():
        typer.echo(line)
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.failed:  # the batch went on; the status still says that something failed
        raise typer.Exit(1)


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option(help="actor name (canonical, any mention, or English)")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY[-MM[-DD]]")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type")] = None,
    limit: Annotated[int, typer.Option(help="at most this many events, the earliest first (0: all)")] = 200,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Events in date order, with precision, corroboration and every source.

    At most --limit events (200 by default: a corpus holds thousands); a line on stderr says
    when more match. Filter with --actor/--from/--to/--type, or --limit 0 for all of them.
    """
    from rawi.corpus.queries import source_line
    from rawi.corpus.queries import timeline as tl

    with _open(db, read_only=True) as store:
        rows = tl(store, actor=actor, date_from=date_from, date_to=date_to, type=type,
                  limit=limit + 1 if limit > 0 else None)  # one more: are there others?
    more = limit > 0 and len(rows) > limit
    rows = rows[:limit] if more else rows
    if more:
        typer.echo(f"rawi: the first {limit} events in date order; more match (--limit 0 shows all)", err=True)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    lines = []  # one write: echo flushes at every call, which a long timeline feels
    for ev in rows:
        date = f"{ev['date']} ({ev['precision']})" if ev["date"] else "(undated)"
        who = "، ".join(ev["actors"]) or "?"
        if ev["targets"]:
            who += " → " + "، ".join(ev["targets"])
        where = f" @ {ev['location']}" if ev["location"] else ""
        mode = f"/{ev['mode']}" if ev["mode"] else ""
        lines.append(f"{date}  {ev['type']}{mode}  {who}{where}  "
                     f"[{ev['n_reports']} reports, {ev['n_outlets']} outlets, {ev['n_chains']} source chains]")
        lines.extend(f"    ↳ {source_line(rep)}" for rep in ev["reports"])
        lines.extend(f"    ⚠ {c['kind']} disagreement: {c['value_a']} (event #{c['event_a']}) "
                     f"vs {c['value_b']} (event #{c['event_b']})" for c in ev["contradictions"])
    if lines:
        typer.echo("\n".join(lines))
    if not rows:
        typer.echo("no events", err=True)


@app.command()
def actors(
    name: Annotated[str | None, typer.Option(help="only actors matching this name")] = None,
    limit: Annotated[int, typer.Option(help="how many")] = 50,
    db: DbOpt = None,
) -> None:
    """Actors with their mention, document and event counts."""
    from rawi.corpus.queries import actors as q

    with _open(db, read_only=True) as store:
        for a in q(store, name=name, limit=limit):
            en = f" ({a['name_en']})" if a["name_en"] else ""
            kb = f" [{a['kb_id']}]" if a["kb_id"] else ""
            typer.echo(f"{a['name']}{en}  {a['type']}{kb}  mentions {a['n_mentions']} in {a['n_documents']} docs, "
                       f"events {a['n_events']}")


@app.command()
def claims(
    speaker: Annotated[str | None, typer.Option(help="only claims by this speaker")] = None,
    limit: Annotated[int, typer.Option(help="how many")] = 200,
    db: DbOpt = None,
) -> None:
    """Claims with their chain of sources (isnad)."""
    from rawi.corpus.queries import claims as q

    with _open(db, read_only=True) as store:
        for c in q(store, speaker=speaker, limit=limit):
            chain = " < ".join(reversed(c["chain"])) or "?"
            stance = f" [{c['stance']}]" if c["stance"] != "assertion" else ""
            typer.echo(f"{chain}{stance}: «{c['content_text']}» — {c['outlet'] or c['source']} "
                       f"(doc #{c['document_id']} {c['content_start']}:{c['content_end']})")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="words (matched in any spelling, with or without clitics)")],
    limit: Annotated[int, typer.Option(help="how many")] = 20,
    db: DbOpt = None,
) -> None:
    """Full-text search over the stored documents."""
    from rawi.corpus.queries import search as q

    with _open(db, read_only=True) as store:
        rows = q(store, query, limit=limit)
    for r in rows:
        typer.echo(f"#{r['id']} {r['title'] or '(untitled)'} — {r['outlet'] or r['url'] or r['source']}"
                   f"{' ' + r['published'] if r['published'] else ''} [{r['start']}:{r['end']}]")
        typer.echo(f"    {r['snippet']}")
    if not rows:
        typer.echo("no match", err=True)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv, graphml, timelinejs or plover")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="file (default: stdout)")] = None,
    db: DbOpt = None,
) -> None:
    """Export the corpus: documents, events, actor graph, timeline, PLOVER records."""
    from rawi.corpus.export import FORMATS
    from rawi.corpus.export import export as run

    if format not in FORMATS:
        typer.echo(f"rawi: error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    with _open(db) as store:
        if output is None:
            n = run(store, format, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = run(store, format, out)
    typer.echo(f"exported {n} {format} records" + (f" to {output}" if output else ""), err=True)
