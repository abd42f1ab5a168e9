"""The Dask runner on a real local cluster: same records as the local runner, faults survived.

These tests start worker processes that each load the pipeline: they are marked `slow` and run
on small corpora (the bundled sample, or a few short stories).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from helpers import SAMPLE

from sitroom.extract import documents
from sitroom.formats.export import export
from sitroom.options import Options
from sitroom.records import Document
from sitroom.runners import ingest as local_ingest
from sitroom.runners.dask import connect
from sitroom.runners.dask import ingest as dask_ingest
from sitroom.store import Store, StoreError
from sitroom.store import queries as query

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster():
    with connect("local", workers=2) as running:
        yield running


def sample() -> list:
    return list(documents([str(SAMPLE)], Options()))


def records(store: Store) -> dict[str, object]:
    """What a user compares: every document's full record, and the actor table."""
    shown = {r["id"]: query.show(store, r["id"]) for r in query.documents(store)}
    return {"documents": shown, "actors": query.actors(store)}


def test_same_records_as_the_local_runner_and_a_rerun_adds_nothing(cluster, nlp, tmp_path):
    options = Options(workers=1, batch_size=4)
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as spread:
        first = local_ingest(sample(), local, options)
        on_cluster = dask_ingest(sample(), spread, options, cluster)
        assert (on_cluster.new, on_cluster.failed) == (first.new, first.failed) == (22, 0)
        assert records(spread) == records(local)
        again = dask_ingest(sample(), spread, options, cluster)
        assert (again.new, again.updated, again.unchanged) == (0, 0, 22)
        # Workers writing Parquet write what an export of the same records writes.
        written = dask_ingest(sample(), None, options, cluster, parquet=tmp_path / "pq")
        assert written.new == 22
        export(local, tmp_path / "exported")
    # An actor's attributes in a worker's files are those of its document; the store keeps the
    # latest analysis's (an office can change between articles), so actors compare on mentions.
    mentions = ["id", "document_id", "mention_count", "mentions", "month"]
    for dataset in ("documents", "events", "quotes", "actors", "comments"):
        mine = ds.dataset(tmp_path / "pq" / dataset, partitioning="hive").to_table()
        theirs = ds.dataset(tmp_path / "exported" / dataset, partitioning="hive").to_table()
        key = mentions if dataset == "actors" else sorted(mine.column_names)
        assert sorted(map(str, mine.select(key).to_pylist())) == sorted(
            map(str, theirs.select(key).to_pylist())
        ), dataset


def stories(n: int) -> list[Document]:
    return [
        Document(
            id=f"story-{i}",
            text=f"Officials from {i} provinces met in Vienna on Monday to discuss the harvest. "
            "The minister said the talks would continue.",
            published="2024-02-12",
        )
        for i in range(n)
    ]


def test_a_text_over_max_chars_is_stored_as_the_local_runners_parts(cluster, tmp_path):
    long = Document(id="long", text="\n\n".join(d.text for d in stories(6)), published="2024-02-12")
    options = Options(workers=1, max_chars=300)
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as spread:
        local_ingest([long], local, options)
        summary = dask_ingest([long], spread, options, cluster)
        assert summary.new > 1 and summary.failed == 0
        assert records(spread) == records(local)
        assert all(len(r["text"]) <= 300 for r in spread.rows("SELECT text FROM documents"))


def test_a_feed_summary_of_a_stored_page_leaves_the_page_as_with_the_local_runner(
    cluster, tmp_path
):
    url = "https://news.example.org/world/harbour-talks"
    page = Document(id=url, url=url, text=" ".join(d.text for d in stories(3)), title="Talks")
    summary_only = Document(id=url, url=url, text=stories(1)[0].text, title="Talks")
    options = Options(workers=1)
    with Store(tmp_path / "local.db") as local, Store(tmp_path / "dask.db") as spread:
        for store, run in ((local, local_ingest), (spread, None)):
            for capture in (page, summary_only):
                if run is None:
                    dask_ingest([capture], store, options, cluster)
                else:
                    run([capture], store, options)
        assert records(spread) == records(local)
        texts = [r["text"] for r in spread.rows("SELECT text FROM documents")]
    assert texts == [page.text]  # the page was not replaced by its shorter summary


def test_a_dask_ingest_waits_for_a_local_ingest_writing_to_the_same_database(cluster, tmp_path):
    db = tmp_path / "shared.db"
    sitroom = str(Path(sys.executable).with_name("sitroom"))
    # A local ingest streaming JSON Lines from a pipe that stays open (more than --max-bytes
    # of them, so it does not wait for the end) holds the writer lock until the pipe closes.
    local = subprocess.Popen(
        [sitroom, "ingest", "-", "--db", str(db), "--workers", "1", "--batch-size", "2",
         "--max-bytes", "1000"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = [json.dumps({"id": f"local-{n}", "text": d.text}) for n, d in enumerate(stories(8))]
    local.stdin.write("\n".join(lines) + "\n")
    local.stdin.flush()
    _wait_for_documents(db, local)
    told: list[str] = []
    done: list[object] = []
    with Store(db) as store:
        with pytest.raises(StoreError, match="another sitroom ingest is still writing after"):
            dask_ingest(stories(2), store, Options(lock_timeout=0.5), cluster, on_wait=told.append)

        def second_writer() -> None:
            with Store(db) as mine:  # a connection of its own thread
                done.append(dask_ingest(stories(2), mine, Options(), cluster, on_wait=told.append))

        waiting = threading.Thread(target=second_writer)
        waiting.start()
        deadline = time.monotonic() + 60
        while len(told) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert told == [
            f"waiting for another sitroom ingest to finish writing to {db} (up to 0.5 seconds)",
            f"waiting for another sitroom ingest to finish writing to {db} (up to 600 seconds)",
        ]
        assert not store.has_document("story-0")  # nothing written while the other one writes
        local.stdin.close()
        assert local.wait(timeout=120) == 0, local.stderr.read()
        waiting.join(timeout=300)
        assert [(s.new, s.failed) for s in done] == [(2, 0)]
        stored = {r["id"] for r in store.rows("SELECT id FROM documents")}
    assert stored == {f"local-{n}" for n in range(8)} | {"story-0", "story-1"}


def test_a_worker_killed_mid_partition_loses_no_document(nlp, tmp_path):
    options = Options(batch_size=2)
    killed: list[int] = []
    with connect("local", workers=2) as running:
        client = running.client

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                if busy:
                    pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        with Store(tmp_path / "k.db") as store:
            summary = dask_ingest(stories(12), store, options, running)
            stored = {r["id"] for r in store.rows("SELECT id FROM documents")}
        killer.join()
    assert killed, "no worker was killed: the test did not exercise a worker's death"
    reported = {f.origin for f in summary.failures}
    assert stored | reported == {f"story-{i}" for i in range(12)}
    assert summary.new == len(stored)


def test_the_client_killed_mid_ingest_leaves_a_consistent_database(nlp, tmp_path):
    db = tmp_path / "killed.db"
    command = [sys.executable, "-c", "from sitroom.cli import main; main()", "ingest",
               str(SAMPLE), "--dask", "local", "--workers", "1", "--db", str(db)]  # fmt: skip
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        before = _wait_for_documents(db, process)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        # The cluster's own processes go with their session (the client is already gone).
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert 0 < before < 22
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = check.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    orphans = check.execute(
        "SELECT COUNT(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)"
    ).fetchone()[0]
    check.close()
    assert orphans == 0
    with Store(db) as store:
        rerun = local_ingest(sample(), store, Options(workers=1))
        assert (rerun.new + rerun.unchanged, rerun.unchanged) == (22, partial)
        assert store.count("documents") == 22
        ids = [r["id"] for r in store.rows("SELECT id FROM events")]
        assert len(ids) == len(set(ids))


def _wait_for_documents(db: Path, process: subprocess.Popen, timeout: float = 240) -> int:
    """Poll the database until the ingest has stored some documents (not all)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the ingest ended (exit {process.returncode}) before it was killed")
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as probe:
                    count = probe.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                count = 0
            if count:
                return count
        time.sleep(0.05)
    pytest.fail("no document was stored in time")


def test_sigterm_stops_a_dask_ingest_and_reports_what_was_committed(nlp, tmp_path):
    db = tmp_path / "stopped.db"
    sitroom = str(Path(sys.executable).with_name("sitroom"))
    command = [sitroom, "ingest", "-", "--dask", "local", "--workers", "1",
               "--batch-size", "4", "--max-bytes", "2000", "--db", str(db)]  # fmt: skip
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    process = subprocess.Popen(command, text=True, start_new_session=True, **pipes)
    try:
        # The pipe stays open (and past --max-bytes, stdin streams line by line): the ingest
        # is still waiting for input when the signal comes.
        lines = [json.dumps({"id": d.id, "text": d.text}) for d in stories(120)]
        process.stdin.write("\n".join(lines) + "\n")
        process.stdin.flush()
        _wait_for_documents(db, process)
        os.kill(process.pid, signal.SIGTERM)
        out, err = process.communicate(timeout=120)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert process.returncode == 130, err
    assert "Traceback" not in err
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("stopped by SIGTERM; committed before it: "), out
    committed = int(summary.split("committed before it: ")[1].split(" new")[0])
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == committed > 0
