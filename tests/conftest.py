"""Shared fixtures: the read-only ../shared folder (skipped with a reason where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "spec" / "document.md").exists():
        pytest.skip(f"../shared not found at {SHARED}: copyrighted test material is not in the repository")
    return SHARED


@pytest.fixture(scope="session")
def founding_text() -> str:
    """The founding article (bundled in samples/ with the project's permission)."""
    p = ROOT / "samples" / "palace-leaks.txt"
    if not p.exists():
        p = SHARED / "corpus" / "palace-leaks.txt"
    return p.read_text(encoding="utf-8")
