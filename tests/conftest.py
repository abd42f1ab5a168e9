"""Shared fixtures: the loaded pipeline (once per session) and paths to data."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full sitroom pipeline, loaded once (the same one the CLI uses in this process)."""
    from sitroom.pipeline import shared_pipeline

    return shared_pipeline()


@pytest.fixture
def analyze_text(nlp):
    """Analyse a text as a document published on `published` and return its Analysis."""
    from sitroom.pipeline import make_doc, to_analysis
    from sitroom.records import Document

    def run(text: str, published: str | None = None):
        document = Document(id="test", text=text, published=published)
        return to_analysis(make_doc(nlp, document), document)

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that loads the spaCy pipeline with `model`, and every test that reads
    ../shared (itself or through its fixtures) with `shared` (select with -m)."""
    from helpers import reads_shared

    for item in items:
        if {"nlp", "analyze_text", "run"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
        functions = [getattr(item, "function", None)]
        info = getattr(item, "_fixtureinfo", None)
        for definitions in info.name2fixturedefs.values() if info else ():
            functions += [definition.func for definition in definitions]
        if any(reads_shared(f) for f in functions) and not item.get_closest_marker("shared"):
            item.add_marker(pytest.mark.shared)


# A throwaway PostgreSQL server for the tests of the PostgreSQL backend.
pytest_plugins = ["pgserver"]
