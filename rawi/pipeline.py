"""Runs the stages over one Document: a pure function of the document, no I/O.

Each stage is ``annotate(doc, settings) -> None`` in its own module and adds its own
records. They run in this order because later ones read what earlier ones added:
claims need entities; events need entities, timexes and claims.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from rawi.document import Document
from rawi.settings import DEFAULT, Settings

# (name, "module:function"), in running order.
STAGES: list[tuple[str, str]] = [
    ("entities", "rawi.entities:annotate"),
    ("time", "rawi.time:annotate"),
    ("claims", "rawi.claims:annotate"),
    ("events", "rawi.events:annotate"),
]


@cache
def _load(target: str) -> Callable[[Document, Settings], None]:
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def stage_names() -> list[str]:
    return [name for name, _ in STAGES]


def process(doc: Document, settings: Settings = DEFAULT) -> Document:
    """Run every (selected) stage over ``doc`` in order; returns the same document."""
    wanted = settings.stages
    if wanted is not None:
        unknown = set(wanted) - set(stage_names())
        if unknown:
            raise ValueError(f"unknown stage(s) {sorted(unknown)}; valid: {stage_names()}")
    for name, target in STAGES:
        if wanted is None or name in wanted:
            _load(target)(doc, settings)
    return doc
