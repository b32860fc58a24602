"""One settings object: defaults, user overrides layered on top, never mutated in place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024  # inputs over this are refused, not truncated
    encoding: str | None = None  # force a text encoding instead of detecting it
    today: dt.date | None = None  # the processing date used as anchor when nothing better is known
    stages: tuple[str, ...] | None = None  # run only these pipeline stages (None: all)

    def replace(self, **changes) -> Settings:
        """A copy with ``changes`` applied; the original stays as it was."""
        return dataclasses.replace(self, **changes)

    def processing_date(self) -> dt.date:
        return self.today or dt.date.today()


DEFAULT = Settings()
