"""The command line: a thin face over the library (parse, call one function, print)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rawi.ingest import IngestError, load_path
from rawi.pipeline import process

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rawi (راوي): Arabic news to sourced, structured knowledge.")


@app.callback()
def _root() -> None:
    """rawi (راوي): Arabic news to sourced, structured knowledge."""


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="article: text or HTML file")],
    published: Annotated[str | None, typer.Option(help="publication date YYYY-MM-DD")] = None,
    format: Annotated[str, typer.Option("--format", help="json or text")] = "json",
) -> None:
    """Extract one article into a rawi document."""
    try:
        doc = process(load_path(path, published=published))
    except IngestError as e:
        typer.echo(f"rawi: error: {e}", err=True)
        raise typer.Exit(2) from None
    sys.stdout.write(doc.to_json() + "\n")


def main() -> None:
    app()
