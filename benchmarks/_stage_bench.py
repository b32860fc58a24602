"""What the per-stage benchmarks share: the command line, the corpus, the stage check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rawi.document import Document
from rawi.ingest import load_path
from rawi.pipeline import stage_names

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def setup(doc: str, stage: str, repeat: int) -> tuple[argparse.Namespace, list[Document], list[str]]:
    """Parse ``[CORPUS_DIR] [--repeat N]``, load every *.txt once, and check ``stage`` is registered."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--repeat", type=int, default=repeat)
    a = ap.parse_args()
    files = sorted(Path(a.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"no *.txt under {a.corpus}")
    names = stage_names()
    if stage not in names:
        sys.exit(f"{stage} is not a registered stage: {names}")
    return a, [load_path(f) for f in files], names
