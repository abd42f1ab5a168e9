"""Fixtures for the pipeline's tests."""

from __future__ import annotations

import pytest

from sitroom.pipeline import make_doc
from sitroom.records import Document


@pytest.fixture
def doc_of(nlp):
    """Run the pipeline on a text published on a date and return the Doc."""

    def run(text: str, published: str | None = None):
        return make_doc(nlp, Document(id="t", text=text, published=published))

    return run
