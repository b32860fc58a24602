"""The command line: a thin face over the library (parse, call one function, print)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

# Stage modules are imported inside the commands: every call pays only for its own command.

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rawi (راوي): Arabic news to sourced, structured knowledge.")


@app.callback()
def _root() -> None:
    """rawi (راوي): Arabic news to sourced, structured knowledge."""


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(
        help="articles: text or HTML files, folders (their *.txt, *.html, *.htm), or - for stdin",
        show_default=False)] = None,
    published: Annotated[str | None, typer.Option(help="publication date YYYY-MM-DD")] = None,
    format: Annotated[str, typer.Option("--format", help="json or text")] = "json",
    encoding: Annotated[str | None, typer.Option(help="force a text encoding (e.g. cp1256)")] = None,
    max_mb: Annotated[float | None, typer.Option("--max-mb", help="refuse inputs larger than this")] = None,
    jsonl: Annotated[str | None, typer.Option(
        "--jsonl", help='batch file: one {"id", "text" or "html", "published"} object a line')] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write there instead of stdout")] = None,
    progress: Annotated[bool, typer.Option("--progress", help="progress bar even when stderr is no terminal")] = False,
) -> None:
    """Extract articles into rawi documents (JSON; JSON Lines for a batch, one record per input).

    One input: the document, or "rawi: error: PATH: reason" on stderr and exit status 2.

    A batch (several paths, a folder, --jsonl) goes on past failed inputs, writing an error record {"id"/"source", "error": {"code", "message"}} in their place, in input order; exit status 1 if any failed.
    """
    import json

    from rawi.document import DocumentError
    from rawi.extract import expand_paths, extract_many, extract_one, read_jsonl
    from rawi.ingest import IngestError
    from rawi.ingest.decode import canonical
    from rawi.render import render_text
    from rawi.settings import DEFAULT

    if format not in ("json", "text"):
        _fail(f"--format must be json or text, not {format!r}", 2)
    settings = DEFAULT
    try:
        if encoding:
            settings = settings.replace(encoding=canonical(encoding))
        if max_mb is not None:
            settings = settings.replace(max_bytes=int(max_mb * 1024 * 1024))
        items = read_jsonl(jsonl) if jsonl else []
    except IngestError as e:
        _fail(f"{jsonl or encoding}: {e}", 2)
    items += expand_paths(paths or [])
    if not items and not jsonl:
        _fail(f"{paths[0]}: no *.txt, *.html or *.htm files" if paths else
              "give a file, a folder, - (stdin) or --jsonl FILE", 2)
    single = not jsonl and len(paths or []) == 1 and len(items) == 1 and items[0].source == paths[0]
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        if single:
            try:
                doc = extract_one(items[0], published=published, settings=settings)
            except IngestError as e:
                _fail(f"{items[0].source}: {e}", 2)
            except DocumentError as e:
                _fail(f"{items[0].source}: invalid document: {e}", 3)
            out.write(render_text(doc) if format == "text" else doc.to_json() + "\n")
            return
        failed = 0
        with _progress(len(items), progress) as advance:
            for _item, doc, rec in extract_many(items, published=published, settings=settings):
                if doc is None:
                    failed += 1
                if format == "text":
                    if doc is None:
                        typer.echo(f"rawi: error: {rec.get('id', rec.get('source'))}: {rec['error']['message']}",
                                   err=True)
                    else:
                        out.write(render_text(doc) + "\n")
                else:
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                advance()
        if failed:
            raise typer.Exit(1)
    finally:
        if output:
            out.close()


def _fail(message: str, status: int) -> NoReturn:
    typer.echo(f"rawi: error: {message}", err=True)
    raise typer.Exit(status)


@contextmanager
def _progress(total: int, forced: bool):
    """A rich progress bar on stderr for runs of more than a few inputs, when stderr is a terminal."""
    if total <= 3 or not (forced or sys.stderr.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True, force_terminal=forced or None), transient=False) as bar:
        task = bar.add_task("extract", total=total)
        yield lambda: bar.advance(task)


# --- ner-eval (statistical NER owner) ---------------------------------------------------------------
@app.command("ner-eval")
def ner_eval(
    path: Annotated[Path, typer.Argument(help="CoNLL-style file: token and tag per line, blank line between sentences")],
) -> None:
    """Score the shipped NER model on a CoNLL file: entity-level P/R/F1 (conlleval), JSON last line."""
    import json

    from rawi.entities.ner_eval import evaluate_file, format_report

    if not path.is_file():
        _fail(f"no such file: {path}", 2)
    res = evaluate_file(path)
    typer.echo("\n".join(format_report(res)))
    typer.echo(json.dumps({"p": res["p"], "r": res["r"], "f1": res["f1"], "tokens": res["tokens"],
                           "per_type": {t: {k: v[k] for k in ("p", "r", "f1", "tp", "fp", "fn")}
                                        for t, v in res["per_type"].items()}}))
# --- end ner-eval ------------------------------------------------------------------------------------


def main() -> None:
    app()


from rawi import cli_corpus  # noqa: E402,F401  corpus commands (ingest, timeline, …) register on app
