"""Paths and helpers the tests share (import from here, never from conftest)."""

from __future__ import annotations

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
