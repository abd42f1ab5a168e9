"""The batch runner: input order across chunks and processes, and what ingest counts."""

from __future__ import annotations

import pytest

from sitroom.options import Options
from sitroom.records import Document, Failure
from sitroom.runners import analyze_stream, ingest
from sitroom.store import Store

pytestmark = pytest.mark.model


def stories(n: int) -> list[Document]:
    return [
        Document(
            id=f"d{i}",
            text=f"Officials from country number {i} met in Vienna on Monday.",
            published="2024-01-10",
        )
        for i in range(n)
    ]


def test_results_keep_input_order_across_chunks_and_processes():
    options = Options(workers=2, batch_size=2)
    results = list(analyze_stream(stories(7), options))
    assert [r.document.id for r in results] == [f"d{i}" for i in range(7)]


def test_ingest_counts_new_unchanged_and_failed(tmp_path):
    options = Options(workers=1, batch_size=3)
    with Store(tmp_path / "r.db") as store:
        items = [*stories(4), Failure("broken.html", "not HTML")]
        first = ingest(items, store, options)
        again = ingest(stories(4), store, options)
    assert (first.new, first.failed) == (4, 1)
    assert (again.new, again.unchanged) == (0, 4)
