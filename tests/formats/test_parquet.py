"""Exports: the partitioned layout read back with pyarrow and DuckDB, loads, counts."""

from __future__ import annotations

import json
from dataclasses import replace

import duckdb
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from store.test_sqlite import TEXT, analysis

from sitroom.cli import main
from sitroom.formats.counts import counts
from sitroom.formats.export import export, load
from sitroom.store import Store, open_store
from sitroom.store import queries as query


def corpus() -> list:
    """Four documents: two months, one undated, one with a negated event."""
    march = analysis(doc_id="d-1")
    april = analysis(TEXT.replace("Oslo", "Bergen"), "d-2")
    april.document.published = "2024-04-02"
    april.events[0].date = "2024-04-01"
    undated = analysis(TEXT.replace("Oslo", "Tromsø"), "d-3")
    undated.document.published = None
    undated.events[0].date = None
    negated = analysis(TEXT.replace("Oslo", "Narvik"), "d-4")
    negated.events[0] = replace(negated.events[0], id="e-neg", negated=True)
    return [march, april, undated, negated]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "src.db") as s:
        for item in corpus():
            s.save(item)
        yield s


def test_parquet_export_has_the_stores_records_partitioned_by_month(store, tmp_path):
    out = tmp_path / "out"
    written = export(store, out)
    assert written["events"] == store.count("events") == 4
    assert written["documents"] == 4 and written["quotes"] == 4 and written["comments"] == 8
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2024-03", "month=2024-04", "month=unknown"]
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert events.num_rows == 4
    row = events.filter(ds.field("id") == "e-d-2").to_pylist()[0]
    assert (row["month"], row["actor_code"], row["location_country"]) == ("2024-04", "NOR", "NOR")
    assert json.loads(row["co_actors"]) == []
    assert sorted(events.column("default_dataset").to_pylist()) == [False, True, True, True]


def test_duckdb_counts_and_joins_the_export(store, tmp_path):
    out = tmp_path / "out"
    export(store, out)
    con = duckdb.connect()
    glob = f"read_parquet('{out}/{{}}/**/*.parquet', hive_partitioning = true)"
    total = con.execute(f"SELECT COUNT(*) FROM {glob.format('events')}").fetchone()[0]
    assert total == store.count("events")
    joined = con.execute(
        f"SELECT d.title, e.month, COUNT(*) FROM {glob.format('events')} e"
        f" JOIN {glob.format('documents')} d ON d.id = e.document_id"
        " WHERE e.default_dataset GROUP BY d.title, e.month ORDER BY e.month"
    ).fetchall()
    assert joined == [
        ("Talks in Oslo", "2024-03", 1),
        ("Talks in Oslo", "2024-04", 1),
        ("Talks in Oslo", "unknown", 1),
    ]
    by_month = dict(
        con.execute(
            f"SELECT month, COUNT(*) FROM {glob.format('events')} WHERE default_dataset"
            " GROUP BY month"
        ).fetchall()
    )
    unit, rows = counts(store, ["month"])
    assert unit == "events"
    assert {r["month"]: r["count"] for r in rows} == by_month


def test_exporting_again_replaces_the_earlier_files(store, tmp_path):
    export(store, tmp_path / "out")
    export(store, tmp_path / "out")
    events = ds.dataset(tmp_path / "out" / "events", format="parquet", partitioning="hive")
    assert events.count_rows() == 4


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_an_export_loads_back_into_a_new_store_exactly(store, tmp_path, fmt):
    out = tmp_path / fmt
    export(store, out, fmt)
    with Store(tmp_path / f"copy-{fmt}.db") as copy:
        first = load(out, copy)
        again = load(out, copy)
        assert (first.new, again.unchanged) == (4, 4)
        for row in query.documents(store):
            assert query.show(copy, row["id"]) == query.show(store, row["id"])


def test_an_export_loads_into_postgresql(store, tmp_path, pg_url):
    export(store, tmp_path / "out")
    with open_store(pg_url) as pg:
        assert load(tmp_path / "out", pg).new == 4
        for row in query.documents(store):
            assert query.show(pg, row["id"]) == query.show(store, row["id"])
        assert counts(pg, ["month", "actor_code"]) == counts(store, ["month", "actor_code"])


def test_counts_use_the_default_dataset_unless_all(store):
    _, default = counts(store, ["type"])
    _, every = counts(store, ["type"], all_events=True)
    assert default == [{"type": "CONSULT", "count": 3}]
    assert every == [{"type": "CONSULT", "count": 4}]
    with pytest.raises(ValueError, match="cannot count by colour"):
        counts(store, ["colour"])


def test_counts_count_happenings_once_when_stories_exist(store):
    with store.db:
        store.db.execute(
            "CREATE TABLE IF NOT EXISTS happenings (id TEXT PRIMARY KEY, story_id TEXT NOT NULL,"
            " event TEXT NOT NULL, mode TEXT, date TEXT, actor_code TEXT, recipient_code TEXT,"
            " documents INTEGER NOT NULL, sources INTEGER NOT NULL, first_reported TEXT,"
            " record TEXT NOT NULL)"
        )
        store.db.execute(
            "INSERT INTO happenings (id, story_id, event, mode, date, actor_code,"
            " recipient_code, documents, sources, first_reported, record)"
            " VALUES ('h-1', 's-1', 'CONSULT', 'visit', '2024-03-04', 'NOR', NULL, 3, 2,"
            " '2024-03-04', '{}')"
        )
    unit, rows = counts(store, ["month", "type"])
    assert unit == "happenings"
    assert rows == [{"month": "2024-03", "type": "CONSULT", "count": 1}]


def test_cli_export_load_and_counts(store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli-out"
    done = runner.invoke(main, ["export", str(out), "--db", store.path])
    assert done.exit_code == 0, done.output
    assert "4 events" in done.output
    plover = runner.invoke(main, ["export", str(tmp_path / "pl"), "--format", "plover",
                                  "--db", store.path])  # fmt: skip
    assert plover.exit_code == 0, plover.output
    lines = (tmp_path / "pl" / "events" / "month=2024-03").glob("*.jsonl")
    record = json.loads(next(iter(lines)).read_text().splitlines()[0])
    assert record["event"] == ["CONSULT"] and record["actor"][0]["code"] == "NOR"
    loaded = runner.invoke(main, ["load", str(out), "--db", str(tmp_path / "new.db")])
    assert loaded.exit_code == 0 and "4 new" in loaded.output, loaded.output
    csv_out = runner.invoke(main, ["counts", "--by", "month,actor_code", "--format", "csv",
                                   "--db", store.path])  # fmt: skip
    assert csv_out.output.splitlines()[:2] == ["month,actor_code,count", "2024-03,NOR,1"]
    parquet = tmp_path / "counts.parquet"
    runner.invoke(main, ["counts", "--format", "parquet", "--output", str(parquet),
                         "--db", store.path])  # fmt: skip
    assert duckdb.connect().execute(f"SELECT SUM(count) FROM '{parquet}'").fetchone()[0] == 3
    bad = runner.invoke(main, ["counts", "--by", "colour", "--db", store.path])
    assert bad.exit_code == 2 and "cannot count by colour" in bad.output


def test_an_event_dated_only_by_its_month_is_counted_and_exported_in_that_month(tmp_path):
    only_month = analysis(TEXT.replace("Oslo", "Bodø"), "d-5")
    only_month.events[0] = replace(only_month.events[0], date=None, period="2024-02")
    with Store(tmp_path / "month.db") as store:
        store.save(only_month)
        _, by_month = counts(store, ["month"])
        _, by_year = counts(store, ["year"])
        export(store, tmp_path / "out")
    assert by_month == [{"month": "2024-02", "count": 1}]
    assert by_year == [{"year": "2024", "count": 1}]
    assert [p.name for p in (tmp_path / "out" / "events").iterdir()] == ["month=2024-02"]
