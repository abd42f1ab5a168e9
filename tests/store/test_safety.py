"""The store under faults: concurrent first runs, two writers, damaged and read-only files,
and queries a careless or hostile user could type."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT

from sitroom.cli import main
from sitroom.records import Actor, Analysis, Document, Entity, Event, Mention, Quote
from sitroom.store import QueryTimeout, Store, StoreError
from sitroom.store import queries as query
from sitroom.store.sqlite import MIGRATIONS

TEXT = "The Fund_A board met the 100% Club in Oslo on Monday. “Fine,” the chair said."


def analysis(doc_id: str, actor: str = "Fund_A", text: str = TEXT) -> Analysis:
    who = Actor(
        f"a-{actor}", actor, "organization", "NOR", "GOV", mentions=[Mention(text[4:10], 4, 10)]
    )
    entity = Entity(who.id, who.name, text[4:10], "NOR", "GOV")
    event = Event(
        id=f"e-{doc_id}",
        event="CONSULT",
        mode=None,
        context=None,
        date="2024-03-04",
        date_text="Monday",
        date_source="sentence",
        actor=entity,
        recipient=None,
        event_text="met",
        text=text,
        start=0,
        end=len(text),
        location=None,
    )
    quote = Quote(f"q-{doc_id}", entity, "the chair", "said", "Fine,", True, 58, 63)
    document = Document(id=doc_id, text=text, title="Board", published="2024-03-04")
    return Analysis(document, [who], [event], [quote], [])


# --- migrations and writers ------------------------------------------------------------------


def _at_once(work, count: int, path: str) -> list:
    """Run `work(path)` in `count` processes released together; their results (or errors)."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(count)
    results = context.Queue()

    def start() -> None:
        barrier.wait()
        try:
            results.put(work(path))
        except Exception as err:  # noqa: BLE001 - reported to the test as a value
            results.put(f"error: {err!r}")

    processes = [context.Process(target=start) for _ in range(count)]
    for process in processes:
        process.start()
    found = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return found


def _open(path: str) -> int:
    with Store(path) as store:
        return len(list(store.rows("SELECT version FROM schema_migrations")))


def test_first_runs_at_once_migrate_exactly_once(tmp_path):
    path = str(tmp_path / "new.db")
    results = _at_once(_open, 6, path)
    assert results == [len(MIGRATIONS)] * 6
    with Store(path) as store:
        versions = [r["version"] for r in store.rows("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))


def _save_all(path: str) -> list[str]:
    with Store(path) as store:
        return [store.save(analysis(f"d-{n}")) for n in range(20)]


def test_status_check_and_insert_are_one_transaction(tmp_path):
    path = str(tmp_path / "shared.db")
    Store(path).close()
    statuses = _at_once(_save_all, 4, path)
    assert not [s for s in statuses if isinstance(s, str)]  # no process raised
    for n in range(20):
        assert sorted(run[n] for run in statuses) == ["new", "unchanged", "unchanged", "unchanged"]
    with Store(path) as store:
        assert store.count("documents") == 20 and store.count("events") == 20


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(tmp_path):
    path = tmp_path / "busy.db"
    told: list[str] = []
    with Store(path) as first, Store(path) as second:
        with first.writer_lock():
            with pytest.raises(StoreError, match=r"another sitroom ingest is still writing after"):
                with second.writer_lock(timeout=0.3, on_wait=told.append):
                    pass
        with second.writer_lock(timeout=0.3, on_wait=told.append):  # free again: no wait
            pass
    assert told == [
        f"waiting for another sitroom ingest to finish writing to {path} (up to 0.3 seconds)"
    ]


# --- damaged databases -----------------------------------------------------------------------

QUERY_COMMANDS = [
    ["documents"],
    ["comments"],
    ["comments", "d-1"],
    ["search", "Oslo"],
    ["show", "d-1"],
    ["actors"],
    ["quotes"],
    ["events"],
    ["timeline", "Fund"],
]


def _filled(path: Path) -> None:
    with Store(path) as store:
        for n in range(40):
            store.save(analysis(f"d-{n}", text=TEXT + " Filler words." * 30))


def _garble(path: Path, start: int, length: int) -> None:
    with path.open("r+b") as db:
        db.seek(start)
        db.write(bytes((n * 37 + 11) % 256 for n in range(length)))


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", [*QUERY_COMMANDS, ["ingest", "story.txt"]])
def test_a_damaged_database_is_exit_3_with_one_line(tmp_path, command, monkeypatch):
    db = tmp_path / "damaged.db"
    _filled(db)
    _garble(db, 4096, db.stat().st_size - 4096)  # every page but the first
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(TEXT)
    result = _cli(*command, "--db", str(db))
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"sitroom: {db}: ")


# Commands whose query scans the documents table itself (others may answer from indexes and
# summary tables that the damage did not reach; the whole-file test above covers them all).
@pytest.mark.parametrize("command", [["documents"], ["search", "Oslo"], ["show", "d-1"]])
def test_damage_found_in_the_middle_of_a_query_is_exit_3(tmp_path, command):
    db = tmp_path / "damaged.db"
    _filled(db)
    with Store(db) as store:
        (row,) = store.rows("SELECT rootpage FROM sqlite_master WHERE name = 'documents'")
    page = row["rootpage"]
    _garble(db, (page - 1) * 4096, 4096)  # the documents table alone
    result = _cli(*command, "--db", str(db))
    assert result.exit_code == 3, result.output
    assert "damaged or not a sitroom database" in result.stderr
    assert "Traceback" not in result.output


def _read_only_runner(folder: Path) -> list[str]:
    """A command prefix that runs a program with `folder` read-only to it.

    As an ordinary user, permissions make it so; root writes whatever the permissions say, so
    there the folder is bind-mounted read-only in a private mount namespace.
    """
    if os.getuid() != 0:
        return []
    if not shutil.which("unshare") or not shutil.which("mount"):
        pytest.skip("running as root without unshare/mount: cannot make a read-only folder")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root without mount namespaces: cannot make a folder read-only")
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} {folder}"
    return ["unshare", "-m", "sh", "-c", f'{mount} && exec "$@"', "sh"]


def test_a_read_only_database_in_a_read_only_folder_is_readable(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "archive.db"
    with Store(db) as store:
        store.save(analysis("d-1"))
    assert sorted(p.name for p in folder.iterdir()) == ["archive.db"]  # WAL checkpointed
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    sitroom = str(Path(sys.executable).with_name("sitroom"))
    try:
        for command in (["documents"], ["search", "Oslo"], ["events", "--format", "jsonl"]):
            done = subprocess.run(
                [*_read_only_runner(folder), sitroom, *command, "--db", str(db)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            assert "d-1" in done.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["archive.db"]
    finally:
        os.chmod(folder, 0o755)


# --- what users type -------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "q.db") as s:
        s.save(analysis("d-1", "Fund_A"))
        s.save(analysis("d-2", "FundXA"))
        s.save(analysis("d-3", "100% Club"))
        s.save(analysis("d-4", "1000 Club"))
        yield s


def test_percent_and_underscore_in_names_are_literal(store):
    names = lambda rows: sorted(r["actor"]["name"] for r in rows)  # noqa: E731
    assert names(query.events(store, actor="_")) == ["Fund_A"]
    assert names(query.events(store, actor="%")) == ["100% Club"]
    assert names(query.events(store, actor="Fund")) == ["FundXA", "Fund_A"]
    assert [r["name"] for r in query.actors(store, name="0%")] == ["100% Club"]
    assert len(query.quotes(store, speaker="d_A")) == 1
    assert query.events(store, actor="\\") == []


def test_a_huge_limit_is_clamped(store, tmp_path):
    assert len(query.events(store, limit=10**30)) == 4
    assert len(query.documents(store, limit=2**64)) == 4
    result = _cli("events", "--limit", str(10**30), "--db", str(tmp_path / "q.db"))
    assert result.exit_code == 0 and "Fund_A" in result.output


def test_invalid_search_syntax_is_said(store, tmp_path):
    notes: list[str] = []
    assert [r["id"] for r in query.search(store, "Oslo (", notes=notes)] == [
        "d-1",
        "d-2",
        "d-3",
        "d-4",
    ]
    assert notes == [
        'not valid search syntax (fts5: syntax error near ""); searched for the words literally'
    ]
    result = _cli("search", 'Oslo"s NEAR(', "--db", str(tmp_path / "q.db"))
    assert result.exit_code == 0
    assert "searched for the words literally" in result.stderr


def test_a_pathological_query_is_stopped_in_time(tmp_path):
    with Store(tmp_path / "slow.db", query_timeout=0.2) as store:
        runaway = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e12)"
            " SELECT SUM(i) FROM n"
        )
        with pytest.raises(QueryTimeout, match=r"query stopped after 0.2 seconds"):
            list(store.rows(runaway))
        assert list(store.rows("SELECT 1 AS one")) == [{"one": 1}]  # the store still works


def test_sqlite_errors_never_escape_as_sqlite_exceptions(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"\xff" * 4000)
    with pytest.raises(StoreError):
        Store(path)
    assert not issubclass(StoreError, sqlite3.Error)
