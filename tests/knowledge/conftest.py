"""Fixtures for the knowledge base tests: the build script as a module, the shipped base."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_knowledge.py"
EVENTDATA = Path(__file__).resolve().parents[3] / "shared" / "reference" / "eventdata"


@pytest.fixture(scope="session")
def build():
    """scripts/build_knowledge.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("build_knowledge", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge base (shared by the process, as at run time)."""
    from sitroom.knowledge import knowledge

    return knowledge()


@pytest.fixture
def eventdata() -> Path:
    """The public dictionaries the knowledge is built from; skips without them."""
    if not (EVENTDATA / "Phoenix.Countries.actors.txt").is_file():
        pytest.skip("reference dictionaries not available")
    return EVENTDATA
