"""The PostgreSQL backend against a real server: same schema, same answers as SQLite.

The server is a throwaway cluster started by the `postgres_server` fixture (tests/pgserver.py).
"""

from __future__ import annotations

import threading
from importlib import resources

import pytest
from test_sqlite import TEXT, analysis

from sitroom.store import Store, StoreError, open_store
from sitroom.store import queries as query
from sitroom.store.pg_connection import translate


def migration_names(dialect: str) -> list[str]:
    folder = resources.files("sitroom.store").joinpath("migrations", dialect)
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".sql"))


def test_every_sqlite_migration_has_a_postgresql_twin_of_the_same_name():
    assert migration_names("postgresql") == migration_names("sqlite")


def test_placeholders_and_like_are_translated_outside_string_literals():
    sql = "SELECT 'a?b', \"x%\" FROM t WHERE name LIKE ? AND note = 'it''s ?' AND n = ?"
    assert translate(sql) == (
        "SELECT 'a?b', \"x%%\" FROM t WHERE name ILIKE %s AND note = 'it''s ?' AND n = %s"
    )
    assert translate("SELECT 'a%' FROM t", with_params=False) == "SELECT 'a%' FROM t"


@pytest.fixture
def pg(pg_url):
    with open_store(pg_url) as store:
        yield store


@pytest.fixture
def both(pg, tmp_path):
    with Store(tmp_path / "same.db") as lite:
        for store in (lite, pg):
            store.save(analysis())
            store.save(analysis(TEXT.replace("Oslo", "Bergen"), "d-2"))
        yield lite, pg


def test_the_url_opens_a_migrated_postgresql_store(pg):
    versions = [r["version"] for r in pg.rows("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, len(migration_names("sqlite")) + 1))
    assert pg.dialect == "postgresql"
    assert pg.migrate() == len(versions)  # a second run applies nothing


def test_saving_twice_adds_nothing_and_a_change_updates(pg):
    assert pg.save(analysis()) == "new"
    assert pg.save(analysis()) == "unchanged"
    assert pg.save(analysis(TEXT + " More.")) == "updated"
    assert [pg.count(t) for t in ("documents", "comments", "events", "mentions")] == [1, 2, 1, 1]


def test_every_query_answers_as_on_sqlite(both):
    lite, pg = both
    asks = [
        lambda s: query.documents(s),
        lambda s: query.show(s, "d-1"),
        lambda s: query.comments(s, "d-2"),
        lambda s: query.actors(s, name="anna"),
        lambda s: query.actors(s, code="nor"),
        lambda s: query.events(s, actor="BERG", event="consult"),
        lambda s: query.events(s, code="NOR", since="2024-03-05"),
        lambda s: query.quotes(s, speaker="anna", direct=False),
        lambda s: query.timeline(s, "Anna Berg"),
        lambda s: [r["id"] for r in query.search(s, "Oslo")],
        lambda s: [r["id"] for r in query.search(s, '"met in Bergen"')],
        lambda s: sorted(r["id"] for r in query.search(s, "minister agreed")),
        lambda s: query.search(s, "Oslo's talks!"),
    ]
    for ask in asks:
        assert ask(pg) == ask(lite)
    assert [r["id"] for r in query.search(pg, "Bergen")] == ["d-2"]
    assert "[Oslo]" in query.search(pg, "Oslo")[0]["snippet"]


def test_two_first_runs_at_once_migrate_once(pg_url):
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(pg_url).close()
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(pg_url) as store:
        rows = list(store.rows("SELECT version FROM schema_migrations"))
    assert len(rows) == len(migration_names("sqlite"))


def test_concurrent_writers_of_the_same_documents_store_each_once(pg_url):
    open_store(pg_url).close()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with open_store(pg_url) as store:
                for i in range(8):
                    store.save(analysis(doc_id=f"d-{i}"))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(pg_url) as store:
        assert store.count("documents") == 8
        assert store.count("comments") == 16
        assert store.count("mentions") == 8


def test_connection_loss_mid_batch_rolls_that_batch_back_and_says_so(pg_url, monkeypatch):
    store = open_store(pg_url)
    store.save(analysis(doc_id="kept"))
    write_events = store._write_events

    def lose_the_server_then_write(item):
        # The server ends this session half way through a document's rows.
        with open_store(pg_url) as other:
            other.db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        write_events(item)

    monkeypatch.setattr(store, "_write_events", lose_the_server_then_write)
    with pytest.raises(StoreError, match="lost the connection.*rolled back"):
        store.save(analysis(doc_id="lost"))
    store.close()
    with open_store(pg_url) as again:
        assert [r["id"] for r in again.rows("SELECT id FROM documents")] == ["kept"]
        assert again.count("comments") == 2  # nothing of the lost document's rows


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    except StoreError as err:
        assert "secret" not in str(err)


SEARCHES = [
    "sanctions",
    "sanction package",
    '"grain deal"',
    "NATO",
    "Taiwan",
    "missiles",
    "talks",
    "president said",
    '"prime minister"',
    "Kyiv OR Moscow",
    "ceasefire",
]


@pytest.mark.model
def test_the_sample_corpus_is_the_same_in_sqlite_and_postgresql(nlp, pg, tmp_path):
    from helpers import SAMPLE

    from sitroom.extract import documents
    from sitroom.options import Options
    from sitroom.runners import analyze_stream, ingest

    options = Options(workers=1)
    items = list(documents([str(SAMPLE)], options))
    analyses = list(analyze_stream([d for d in items if not hasattr(d, "reason")], options))
    with Store(tmp_path / "sample.db") as lite:
        for store in (lite, pg):
            for item in analyses:
                store.save(item)
        assert query.documents(pg) == query.documents(lite)
        for row in query.documents(lite):
            assert query.show(pg, row["id"]) == query.show(lite, row["id"])
        assert query.actors(pg) == query.actors(lite)
        assert query.events(pg) == query.events(lite)
        assert query.quotes(pg) == query.quotes(lite)
        for words in SEARCHES:
            hits = {r["id"] for r in query.search(lite, words, limit=100)}
            assert {r["id"] for r in query.search(pg, words, limit=100)} == hits, words
        assert any(query.search(lite, w) for w in SEARCHES)
    again = ingest(documents([str(SAMPLE)], options), pg, options)
    assert (again.new, again.updated, again.unchanged) == (0, 0, len(analyses))
    assert pg.count("documents") == len(analyses)
