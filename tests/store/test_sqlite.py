"""The SQLite store and the queries over it, with records built by hand (no NLP)."""

from __future__ import annotations

import pytest

from sitroom.records import (
    Actor,
    Analysis,
    Comment,
    Document,
    Event,
    Location,
    Mention,
    Quote,
    TimeExpr,
)
from sitroom.store import Store, StoreError
from sitroom.store import queries as query
from sitroom.store.sqlite import MIGRATIONS

TEXT = "Leaders met in Oslo on Monday. “We agreed on much,” the minister said."


def analysis(text: str = TEXT, doc_id: str = "d-1") -> Analysis:
    minister = Actor(
        "a-min",
        "Anna Berg",
        "person",
        "NOR",
        "GOV",
        "Foreign Minister",
        mentions=[Mention("the minister", 51, 63)],
    )
    document = Document(
        id=doc_id,
        text=text,
        title="Talks in Oslo",
        published="2024-03-04",
        source="Wire",
        comments=[
            Comment("c1", None, 0, "reader", None, "Good news."),
            Comment("c2", "c1", 1, "other", None, "Agreed."),
        ],
    )
    event = Event(
        id=f"e-{doc_id}",
        event="CONSULT",
        mode="visit",
        context=None,
        date="2024-03-04",
        date_text="Monday",
        date_source="sentence",
        actor=minister.entity("the minister"),
        recipient=None,
        event_text="met",
        text="Leaders met in Oslo on Monday.",
        start=0,
        end=30,
        location=Location("Oslo", "NOR", 15, 19),
    )
    quote = Quote(
        f"q-{doc_id}",
        minister.entity("the minister"),
        "the minister",
        "said",
        "We agreed on much,",
        False,
        32,
        50,
    )
    dates = [TimeExpr("Monday", 23, 29, "2024-03-04", "DATE")]
    return Analysis(document, [minister], [event], [quote], dates)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as s:
        yield s


def test_schema_is_built_by_recorded_migrations_in_wal_mode(store):
    versions = [r["version"] for r in store.rows("SELECT version FROM schema_migrations")]
    names = [r["name"] for r in store.rows("SELECT name FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert names == [name for name, _ in MIGRATIONS]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.migrate() == len(MIGRATIONS)  # a second run applies nothing


def test_saving_twice_adds_nothing_and_a_change_updates(store):
    assert store.save(analysis()) == "new"
    assert store.save(analysis()) == "unchanged"
    assert store.save(analysis(TEXT + " More.")) == "updated"
    assert store.count("documents") == 1
    assert store.count("comments") == 2
    assert store.count("events") == 1
    assert store.count("mentions") == 1


def test_show_returns_the_contract_shape(store):
    store.save(analysis())
    record = query.show(store, "d-1")
    assert set(record) >= {"document", "comments", "actors", "events", "quotes", "dates"}
    assert record["document"]["text"] == TEXT
    assert [c["parent"] for c in record["comments"]] == [None, "c1"]
    assert record["events"][0]["location"]["country"] == "NOR"
    assert record["actors"][0]["mentions"][0] == {"text": "the minister", "start": 51, "end": 63}
    assert query.show(store, "missing") is None


def test_search_finds_words_and_survives_punctuation(store):
    store.save(analysis())
    assert [r["id"] for r in query.search(store, "Oslo")] == ["d-1"]
    assert query.search(store, "Oslo's talks!") == []
    assert query.search(store, "Berlin") == []


def test_filters_on_events_quotes_and_actors(store):
    store.save(analysis())
    store.save(analysis(TEXT.replace("Oslo", "Bergen"), "d-2"))
    assert len(query.events(store, actor="Berg", event="consult")) == 2
    assert query.events(store, code="NOR", since="2024-03-05") == []
    assert query.events(store, mode="phone") == []
    assert len(query.quotes(store, speaker="Anna")) == 2
    assert query.actors(store, code="nor")[0]["documents"] == 2
    items = query.timeline(store, "Anna Berg")
    assert {i["kind"] for i in items} == {"event", "quote"}


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot use this file"):
        Store(bad)


def test_deleting_a_document_removes_its_rows(store):
    store.save(analysis())
    with store.db:
        store.db.execute("DELETE FROM documents WHERE id = 'd-1'")
    assert store.count("events") == store.count("comments") == store.count("mentions") == 0


def test_a_with_block_is_one_transaction(store):
    store.save(analysis())
    with pytest.raises(RuntimeError), store.db:
        store.db.execute("DELETE FROM events WHERE document_id = 'd-1'")
        raise RuntimeError("the change stops half way")
    assert store.count("events") > 0  # the delete before the error is undone
    with store.db:
        store.db.execute("DELETE FROM events WHERE document_id = 'd-1'")
        assert store.db.in_transaction
    assert not store.db.in_transaction and store.count("events") == 0


def test_a_block_inside_a_block_undoes_only_its_own_part(store):
    store.save(analysis())
    with store.db:
        store.db.execute("DELETE FROM quotes WHERE document_id = 'd-1'")
        with pytest.raises(RuntimeError), store.db:
            store.db.execute("DELETE FROM events WHERE document_id = 'd-1'")
            raise RuntimeError("the inner change fails")
        assert store.db.in_transaction
    assert store.count("quotes") == 0 and store.count("events") > 0


def test_an_older_database_is_upgraded_and_keeps_its_documents(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
        + MIGRATIONS[0][1]
        + "INSERT INTO schema_migrations VALUES (1, 'then');"
        "INSERT INTO documents (id, title, text, content_hash, analysis_version, ingested_at,"
        " updated_at) VALUES ('old-1', 'Sanctions', 'New sanctions were announced.', 'h', '1',"
        " 'then', 'then');"
    )
    db.commit()
    db.close()
    with Store(path) as store:
        versions = [r["version"] for r in store.rows("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        assert [r["id"] for r in query.search(store, "sanction")] == ["old-1"]
        assert store.status(Document(id="old-1", text="x")) == "updated"
