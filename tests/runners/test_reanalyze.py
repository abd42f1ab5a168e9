"""Re-coding stored documents: from their stored text, ids kept, nothing duplicated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitroom.extract import documents
from sitroom.options import Options
from sitroom.records import Comment, Document
from sitroom.runners import ingest, reanalyze
from sitroom.store import ANALYSIS_VERSION, Store
from sitroom.store.stored import load_document, stale_ids
from sitroom.stories.build import pending

pytestmark = pytest.mark.model

OPTIONS = Options(workers=1, batch_size=4)

ARTICLES = [
    Document(
        id="talks",
        text=(
            "Polish officials met Lithuanian ministers in Vilnius on Monday. Poland later "
            "accused Belarus of pushing migrants across the border.\n"
        ),
        published="2024-03-04",
        title="Border talks",
        comments=[Comment("c1", None, 0, "reader", None, "Good that they talk.")],
    ),
    Document(
        id="strike",
        text=(
            "Italian dock workers staged a strike in Genoa on Tuesday. The union said the "
            "government had ignored its demands for weeks.\n"
        ),
        published="2024-03-05",
        source="Wire",
    ),
    Document(
        id="aid",
        text="Japan sent emergency aid to Turkey after the earthquake, officials said.\n",
        published="2023-02-08",
    ),
]


def snapshot(path: Path) -> dict[str, object]:
    """What a user would compare: every stored record's id, per table."""
    db = sqlite3.connect(path)
    try:
        return {
            "events": sorted(db.execute("SELECT id, document_id, event FROM events")),
            "quotes": sorted(db.execute("SELECT id, document_id FROM quotes")),
            "mentions": sorted(
                db.execute('SELECT document_id, actor_id, start, "end" FROM mentions')
            ),
            "dates": sorted(db.execute('SELECT document_id, start, "end", value FROM dates')),
            "comments": sorted(db.execute("SELECT document_id, id FROM comments")),
            "documents": sorted(db.execute("SELECT id, content_hash, ingested_at FROM documents")),
        }
    finally:
        db.close()


def age(path: Path, version: str = "1", ids: tuple[str, ...] | None = None) -> None:
    """Mark stored documents as analysed by an older sitroom."""
    db = sqlite3.connect(path)
    with db:
        if ids is None:
            db.execute("UPDATE documents SET analysis_version = ?", (version,))
        else:
            for document_id in ids:
                db.execute(
                    "UPDATE documents SET analysis_version = ? WHERE id = ?", (version, document_id)
                )
    db.close()


def versions(path: Path) -> dict[str, str]:
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT id, analysis_version FROM documents"))
    finally:
        db.close()


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        summary = ingest(list(ARTICLES), store, OPTIONS)
    assert summary.new == len(ARTICLES)
    return path


def test_a_stored_document_reads_back_as_it_was_ingested(stored: Path):
    with Store(stored) as store:
        for article in ARTICLES:
            back = load_document(store, article.id)
            assert back is not None
            assert back.text == article.text and back.comments == article.comments
            assert back.content_hash == article.content_hash
        assert load_document(store, "absent") is None


def test_reanalyze_recodes_only_older_documents_and_keeps_every_id(stored: Path):
    before = snapshot(stored)
    age(stored, ids=("talks", "aid"))
    db = sqlite3.connect(stored)
    with db:  # as an older sitroom left them: stories placed from the older analysis too
        db.execute("UPDATE story_profiles SET analysis_version = '1'")
    db.close()
    with Store(stored) as store:
        assert sorted(stale_ids(store)) == ["aid", "talks"]
        summary = reanalyze(store, OPTIONS)
        assert summary.updated == 2 and summary.failed == 0
        assert stale_ids(store) == []
        again = reanalyze(store, OPTIONS)
    assert again.updated == 0
    assert set(versions(stored).values()) == {ANALYSIS_VERSION}
    assert snapshot(stored) == before  # same records, same ids, first ingest time kept
    with Store(stored) as store:
        assert pending(store) == ([], [])  # stories follow the re-coded documents


def test_reanalyze_codes_from_the_stored_text_again(stored: Path):
    """Lost or outdated records come back: the analysis is made anew, not just re-stamped."""
    before = snapshot(stored)
    db = sqlite3.connect(stored)
    with db:
        db.execute("DELETE FROM events WHERE document_id = 'strike'")
        db.execute("DELETE FROM mentions WHERE document_id = 'strike'")
    db.close()
    age(stored, ids=("strike",))
    with Store(stored) as store:
        assert reanalyze(store, OPTIONS).updated == 1
    assert snapshot(stored) == before
    assert any(doc == "strike" for _, doc, _ in before["events"])


def test_reanalyze_all_recodes_current_documents_too(stored: Path):
    before = snapshot(stored)
    with Store(stored) as store:
        assert reanalyze(store, OPTIONS).updated == 0
        assert reanalyze(store, OPTIONS, everything=True).updated == len(ARTICLES)
    assert snapshot(stored) == before


def test_reingesting_unchanged_input_recodes_an_older_analysis(tmp_path: Path):
    path = tmp_path / "files.db"
    story = tmp_path / "story.txt"
    story.write_text(ARTICLES[0].text, encoding="utf-8")
    read = Options(workers=1, published="2024-03-04")
    with Store(path) as store:
        assert ingest(documents([str(story)], read), store, read).new == 1
    before = snapshot(path)
    age(path)
    with Store(path) as store:
        summary = ingest(documents([str(story)], read), store, read)
        assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 0)
        assert ingest(documents([str(story)], read), store, read).unchanged == 1
    assert set(versions(path).values()) == {ANALYSIS_VERSION}
    assert snapshot(path) == before


def test_another_analysis_version_counts_as_older(stored: Path):
    """User knowledge files stamp their own version: switching them re-codes everything."""
    with Store(stored, analysis_version=f"{ANALYSIS_VERSION}+abc") as store:
        assert sorted(stale_ids(store)) == sorted(a.id for a in ARTICLES)
        assert reanalyze(store, OPTIONS).updated == len(ARTICLES)
    assert set(versions(stored).values()) == {f"{ANALYSIS_VERSION}+abc"}


def test_reanalyze_on_a_postgresql_store_replaces_in_place(pg_url: str):
    from sitroom.store import open_store

    with open_store(pg_url) as store:
        assert ingest(list(ARTICLES), store, OPTIONS).new == len(ARTICLES)
        before = sorted(store.rows("SELECT id, document_id FROM events"), key=str)
        store.db.execute("UPDATE documents SET analysis_version = '1' WHERE id = 'strike'")
    with open_store(pg_url) as store:
        assert stale_ids(store) == ["strike"]
        assert reanalyze(store, OPTIONS).updated == 1
        assert reanalyze(store, OPTIONS, everything=True).updated == len(ARTICLES)
        assert stale_ids(store) == []
        assert sorted(store.rows("SELECT id, document_id FROM events"), key=str) == before
