"""Shared fixtures: data is built through the domain (package loads and actions)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PATHFINDER_SHARED", ROOT.parent / "shared"))
EAST = SHARED / "examples" / "east-2011"


@pytest.fixture
def east(db):
    """The east-2011 example package, loaded through the package loader."""
    from pathfinder.packages.loader import load_package

    result = load_package(EAST, by="test:east")
    assert result.ok, [str(p) for p in result.errors]
    return result
