"""Paths and helpers the tests share (import from here, never from conftest)."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
INPUTS = TEST_DATA / "inputs"
SAMPLE = ROOT / "src" / "sitroom" / "sample"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
EXAMPLES = SHARED / "examples"


def example(prefix: str) -> Path:
    """Path to one of the shared example articles; skips the test when they are absent."""
    matches = sorted(EXAMPLES.glob(f"{prefix}_*.txt")) if EXAMPLES.is_dir() else []
    if not matches:
        pytest.skip("shared examples not available")
    return matches[0]


def shared_data(name: str) -> Path:
    """Path to a development data set; skips the test when it is absent."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"development data {name} not available")
    return path


# --- which tests read ../shared (marked `shared` by conftest at collection) ---------------------

_SHARED_HELPERS = {"example", "shared_data"}


def _code_names(code: types.CodeType) -> set[str]:
    """Global names a function's code (and the code nested in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _is_shared_path(value: object) -> bool:
    return isinstance(value, Path) and (value == SHARED or SHARED in value.parents)


def reads_shared(function: object, depth: int = 3, seen: set[int] | None = None) -> bool:
    """Whether `function` reaches ../shared: through `example()` or `shared_data()`, a path
    constant under ../shared, or a function of its module that does (a few calls deep)."""
    code = getattr(function, "__code__", None)
    seen = set() if seen is None else seen
    if code is None or id(code) in seen or depth < 0:
        return False
    seen.add(id(code))
    namespace = getattr(function, "__globals__", {})
    for name in _code_names(code):
        value = namespace.get(name)
        if name in _SHARED_HELPERS and value in (example, shared_data):
            return True
        if _is_shared_path(value):
            return True
        if isinstance(value, types.FunctionType) and reads_shared(value, depth - 1, seen):
            return True
    return False


def actor_named(doc, text: str):
    """The actor of `doc` one of whose mentions is `text`."""
    found = [a for a in doc._.actors if any(m.text == text for m in a.mentions)]
    assert found, [(a.name, [m.text for m in a.mentions]) for a in doc._.actors]
    return found[0]
