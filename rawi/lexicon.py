"""One cached loader for the language data files in ``rawi/data``.

Linguists edit the files; code never holds lexicons as literals. Paths are relative to
the data folder ("text/abbreviations.txt"). Text lists: one entry a line, ``#`` starts a
comment. YAML, TSV and JSON-lines files load into plain Python structures.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = Path(str(resources.files("rawi") / "data"))


def path(rel: str) -> Path:
    p = DATA / rel
    if not p.exists():
        raise FileNotFoundError(f"rawi data file missing: {p}")
    return p


@cache
def load_lines(rel: str) -> tuple[str, ...]:
    """Non-empty lines, comments (``#`` to end of line) and surrounding spaces removed."""
    out = []
    for line in path(rel).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def load_yaml(rel: str) -> Any:
    import yaml

    return yaml.safe_load(path(rel).read_text(encoding="utf-8"))


@cache
def load_tsv(rel: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line, as dicts; ``#`` lines are comments."""
    with path(rel).open(encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t"))


@cache
def load_jsonl(rel: str) -> tuple[dict[str, Any], ...]:
    out = []
    with path(rel).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("//"):
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{rel}:{n}: {e}") from e
    return tuple(out)
