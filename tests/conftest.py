"""Shared fixtures: the loaded pipeline (once per session) and paths to data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
EXAMPLES = SHARED / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full sitroom pipeline, loaded once (the same one the CLI uses in this process)."""
    from sitroom.nlp import shared_pipeline

    return shared_pipeline()


@pytest.fixture
def analyze_text(nlp):
    """Analyse a text as a document published on `published` and return its Analysis."""
    from sitroom.nlp import make_doc, to_analysis
    from sitroom.records import Document

    def run(text: str, published: str | None = None):
        document = Document(id="test", text=text, published=published)
        return to_analysis(make_doc(nlp, document), document)

    return run


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
