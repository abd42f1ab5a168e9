"""Real processes under faults: two ingests at once, a parent killed under its workers,
Ctrl-C and SIGTERM in the middle of an ingest, hostile file names through the command."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT

SITROOM = str(Path(sys.executable).with_name("sitroom"))

STORIES = [
    "Fishing crews in Port Kestrel blocked the harbour on Monday to protest new quotas, the"
    " port authority said.",
    "The mayor of Port Kestrel met union leaders on Tuesday and promised talks on the quotas.",
    "Ministers from three coastal states signed a fisheries agreement in Oslo on Friday.",
    "Police arrested two protesters outside the town hall on Wednesday, officials said.",
]


def sitroom(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "SITROOM_WORKERS": kwargs.pop("workers", "1")}
    return subprocess.Popen(
        [SITROOM, *args],
        cwd=kwargs.pop("cwd", ROOT),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def records(db: Path) -> dict[str, object]:
    """What a user would compare: documents with their hashes, and every stored record."""
    with sqlite3.connect(db) as con:
        return {
            "documents": sorted(con.execute("SELECT id, content_hash FROM documents")),
            "events": sorted(r[0] for r in con.execute("SELECT record FROM events")),
            "quotes": sorted(r[0] for r in con.execute("SELECT record FROM quotes")),
            "mentions": sorted(con.execute("SELECT * FROM mentions")),
            "actors": sorted(con.execute("SELECT * FROM actors")),
        }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for number, story in enumerate(STORIES):
        (folder / f"story{number}.txt").write_text(story)
    return folder


@pytest.mark.parametrize("existing", [False, True], ids=["new database", "existing database"])
def test_two_ingests_at_once_store_what_one_sequential_run_stores(tmp_path, corpus, existing):
    sequential, shared = tmp_path / "sequential.db", tmp_path / "shared.db"
    if existing:  # a database holding one of the stories already
        first = corpus / "story0.txt"
        for db in (sequential, shared):
            assert finish(sitroom("ingest", str(first), "--db", str(db)))[0] == 0
    assert finish(sitroom("ingest", str(corpus), "--db", str(sequential)))[0] == 0
    both = [sitroom("ingest", str(corpus), "--db", str(shared)) for _ in range(2)]
    results = [finish(p) for p in both]
    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    assert records(shared) == records(sequential)
    # Between them the two runs stored each story once; the other found it unchanged.
    summaries = [out.strip().splitlines()[-1] for _, out, _ in results]
    new = sum(int(s.split(" new")[0]) for s in summaries)
    assert new == len(STORIES) - (1 if existing else 0)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its entry waits to be reaped


def _wait_for(condition, what: str, limit: float = 120.0) -> None:
    """Poll until `condition()` holds; a liveness bound, not a timing assertion."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _streaming_ingest(db: Path) -> subprocess.Popen:
    """An ingest reading JSON Lines from a pipe that stays open, with two workers busy."""
    process = sitroom("ingest", "-", "--db", str(db), "--max-bytes", "2000",
                      workers="2", stdin=subprocess.PIPE)  # fmt: skip
    lines = [json.dumps({"id": f"r{n}", "text": STORIES[n % 4]}) for n in range(120)]
    process.stdin.write("\n".join(lines) + "\n")
    process.stdin.flush()
    _wait_for(lambda: _documents(db) > 0, "the first documents to be committed")
    return process


def _workers(process: subprocess.Popen) -> list[int]:
    workers = _children(process.pid)
    assert len(workers) >= 2, "the pool's workers should be running"
    return workers


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    process = _streaming_ingest(tmp_path / "killed.db")
    workers = _workers(process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    _wait_for(lambda: not any(_alive(w) for w in workers), "the orphaned workers to exit")


@pytest.mark.parametrize(
    "signum, said, code",
    [
        (signal.SIGTERM, "stopped by SIGTERM", 130),
        (signal.SIGINT, "stopped by interrupt (Ctrl-C)", 130),
    ],
)
def test_a_signal_stops_an_ingest_cleanly_and_reports_what_was_committed(
    tmp_path, signum, said, code
):
    db = tmp_path / "stopped.db"
    process = _streaming_ingest(db)
    workers = _workers(process)
    if signum == signal.SIGINT:  # Ctrl-C reaches the whole foreground group, workers too
        for pid in [process.pid, *workers]:
            os.kill(pid, signum)
    else:
        os.kill(process.pid, signum)
    returncode, out, err = finish(process)
    assert returncode == code, err
    assert "Traceback" not in err
    summary = out.strip().splitlines()[-1]
    assert summary.startswith(f"{said}; committed before it: ")
    committed = int(summary.split("committed before it: ")[1].split(" new")[0])
    assert committed == _documents(db) > 0  # what it says is what the database holds
    _wait_for(lambda: not any(_alive(w) for w in workers), "the workers to exit")


def test_odd_file_names_do_not_stop_an_ingest(tmp_path):
    folder = os.fsencode(tmp_path / "odd")
    os.mkdir(folder)
    for number, name in enumerate([b"caf\xe9.txt", b"tab\there.txt", b"\x1b]0;title\x07.txt"]):
        with open(folder + b"/" + name, "wb") as out:
            out.write(STORIES[number].encode())
    db = tmp_path / "odd.db"
    code, out, err = finish(sitroom("ingest", os.fsdecode(folder), "--db", str(db)))
    assert code == 0, err
    assert out.startswith("3 new, 0 updated, 0 unchanged, 0 failed")
    with sqlite3.connect(db) as con:
        origins = sorted(
            r[0].rsplit("/", 1)[1] for r in con.execute("SELECT origin FROM documents")
        )
    assert origins == ["\\x1b]0;title\\x07.txt", "caf\\xe9.txt", "tab\\there.txt"]
