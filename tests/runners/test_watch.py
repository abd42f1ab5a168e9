"""Watching feeds on a real news site on loopback: conditional GET, entries stored once,
failed pages tried again, back-off, refusals, and a clean stop under SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedserver import ARTICLES, running_site

from sitroom.options import Options
from sitroom.runners.watch import ENTRY_ATTEMPTS, Watcher, backoff, parse_every
from sitroom.store import Store, open_store

SITROOM = str(Path(sys.executable).with_name("sitroom"))


@pytest.fixture
def site():
    with running_site() as running:
        yield running


def watcher(store, site, lines, failures=None, every=60.0) -> Watcher:
    options = Options(workers=1, allow_private_urls=True)  # the site listens on loopback
    on_failure = failures.append if failures is not None else None
    return Watcher([f"{site.base}/feed.xml"], store, options, every, lines.append, on_failure)


def entries(store) -> dict[str, dict]:
    return {row["entry_id"]: row for row in store.rows("SELECT * FROM feed_entries")}


def sitroom(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "SITROOM_WORKERS": "1"}
    return subprocess.Popen(
        [SITROOM, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        **kwargs,
    )  # fmt: skip


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def documents(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db, timeout=30) as con:
        return sorted(con.execute("SELECT url, title FROM documents"))


# --- the intervals -----------------------------------------------------------------------------


def test_intervals_and_back_off():
    assert [parse_every(t) for t in ("30s", "15m", "1h", "90", "2d")] == [
        30, 900, 3600, 90, 172800,
    ]  # fmt: skip
    for bad in ("soon", "15 minutes", "0s", "-5m"):
        with pytest.raises(ValueError):
            parse_every(bad)
    assert [backoff(900, n) for n in range(5)] == [900, 1800, 3600, 7200, 14400]
    assert backoff(900, 20) == 6 * 3600  # capped
    assert backoff(12 * 3600, 3) == 12 * 3600  # never shorter than the interval


# --- the Done-when: two runs, a feed that grew by one entry ------------------------------------


def test_watch_once_twice_stores_exactly_the_entry_the_feed_gained(site, tmp_path):
    db = tmp_path / "watch.db"
    feed = f"{site.base}/feed.xml"
    site.add(0)
    site.add(1)
    command = ("watch", feed, "--once", "--db", str(db), "--allow-private-urls")
    code, out, err = finish(sitroom(*command))
    assert code == 0, err
    assert out.startswith("2 new, 0 updated, 0 unchanged, 0 failed — 2 documents")
    assert f"{feed} new: 2 new entries, 2 stored, 0 failed" in err
    site.add(2)
    code, out, err = finish(sitroom(*command))
    assert code == 0, err
    assert out.startswith("1 new, 0 updated, 0 unchanged, 0 failed — 3 documents")
    assert f"{feed} new: 1 new entry, 1 stored, 0 failed" in err
    assert documents(db) == sorted((f"{site.base}/news/{n}", ARTICLES[n][0]) for n in range(3))
    # Each page was fetched once: the entries seen before were neither fetched nor stored again.
    assert [site.served(f"/news/{n}") for n in range(3)] == [1, 1, 1]


# --- conditional GET, failed pages, back-off (in this process) ---------------------------------


@pytest.mark.usefixtures("nlp")
def test_an_unchanged_feed_is_not_modified_and_nothing_is_fetched_again(site, tmp_path):
    site.add(0)
    lines: list[str] = []
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, lines)
        watch.round(once=True)
        watch.round(once=True)
        assert store.feed_state(f"{site.base}/feed.xml")["etag"]
    assert site.statuses("/feed.xml") == [200, 304]  # the ETag was sent back
    assert site.served("/news/0") == 1
    assert lines[1].endswith("304: 0 new entries, 0 stored, 0 failed")


@pytest.mark.usefixtures("nlp")
def test_an_article_in_two_watched_feeds_is_fetched_once(site, tmp_path):
    site.add(0)
    lines: list[str] = []
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, lines)
        watch.feeds.append(f"{site.base}/other.xml")  # the same article under another guid
        watch.round(once=True)
        assert [r["state"] for r in entries(store).values()] == ["stored", "stored"]
        assert store.count("documents") == 1
    assert site.served("/news/0") == 1
    assert [line.split(" ", 2)[2] for line in lines] == ["new: 1 new entry, 1 stored, 0 failed"] * 2


@pytest.mark.usefixtures("nlp")
def test_an_entry_whose_page_fails_is_reported_and_stored_on_a_later_poll(site, tmp_path):
    site.add(0)
    site.add(1)
    site.failing["/news/1"] = 1
    lines: list[str] = []
    failures: list = []
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, lines, failures)
        watch.round(once=True)
        (failure,) = failures
        assert failure.origin == f"{site.base}/news/1"
        assert failure.reason == (
            f"HTTP 500 Internal Server Error (attempt 1 of {ENTRY_ATTEMPTS};"
            " tried again on the next poll)"
        )
        assert lines[0].endswith("new: 2 new entries, 1 stored, 1 failed")
        seen = entries(store)
        assert seen["urn:kestrel:1"]["state"] == "pending"
        assert seen["urn:kestrel:1"]["attempts"] == 1
        watch.round(once=True)  # the feed has not changed (304); the pending entry is tried again
        assert lines[1].endswith("304: 0 new entries, 1 stored, 0 failed")
        seen = entries(store)
        assert {key: row["state"] for key, row in seen.items()} == {
            "urn:kestrel:0": "stored", "urn:kestrel:1": "stored",
        }  # fmt: skip
        assert store.count("documents") == 2
        assert watch.summary.new == 2 and watch.summary.failed == 1
    assert site.statuses("/news/1") == [500, 200]


@pytest.mark.usefixtures("nlp")
def test_an_entry_is_given_up_after_its_attempts_and_never_fetched_again(site, tmp_path):
    site.add(0)
    site.failing["/news/0"] = 100
    failures: list = []
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, [], failures)
        for _ in range(ENTRY_ATTEMPTS + 2):
            watch.round(once=True)
        (row,) = entries(store).values()
        assert (row["state"], row["attempts"], row["reason"]) == (
            "failed", ENTRY_ATTEMPTS, "HTTP 500 Internal Server Error",
        )  # fmt: skip
    assert site.served("/news/0") == ENTRY_ATTEMPTS
    assert failures[-1].reason.endswith(f"(attempt {ENTRY_ATTEMPTS} of {ENTRY_ATTEMPTS}; given up)")


def test_a_page_that_is_not_there_is_given_up_at_once(site, tmp_path):
    site.raw_links.append(f"{site.base}/gone")  # answers 404 Not Found
    failures: list = []
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, [], failures)
        for _ in range(3):
            watch.round(once=True)
        (row,) = entries(store).values()
        assert (row["state"], row["attempts"]) == ("failed", 1)
    assert site.served("/gone") == 1
    (failure,) = failures
    assert failure.reason == ("HTTP 404 Not Found (not tried again: a later try cannot change it)")


def test_a_failing_feed_backs_off_and_keeps_its_entries(site, tmp_path):
    site.add(0)
    site.failing["/feed.xml"] = 1
    lines: list[str] = []
    feed = f"{site.base}/feed.xml"
    with Store(tmp_path / "w.db") as store:
        watch = watcher(store, site, lines, every=60.0)
        watch.round(once=True)
        state = store.feed_state(feed)
        assert (state["errors"], state["last_status"]) == (1, "error")
        due = dt.datetime.fromisoformat(state["next_poll"]) - dt.datetime.fromisoformat(
            state["last_poll"]
        )
        assert due == dt.timedelta(seconds=backoff(60.0, 1))
        assert lines[0].endswith(
            "error: HTTP 500 Internal Server Error; 1 in a row, next poll in 2m;"
            " 0 new entries, 0 stored, 0 failed"
        )
        watch.round(once=True)  # backing off: not polled, and it says so
        assert "later: backing off after 1 errors in a row; next poll" in lines[1]
    assert site.served("/feed.xml") == 1


# --- refusals (no page is analysed, so no model is loaded) -------------------------------------


def test_a_feed_on_a_private_address_is_refused_without_the_flag(site, tmp_path):
    site.add(0)
    feed = f"{site.base}/feed.xml"
    code, out, err = finish(sitroom("watch", feed, "--once", "--db", str(tmp_path / "p.db")))
    assert code == 1
    assert (
        f"{feed} error: refused: 127.0.0.1 is a private, loopback or link-local address;"
        " pass --allow-private-urls to fetch it" in err
    )
    assert "Traceback" not in err
    assert site.served("/feed.xml") == 0  # refused before connecting


def test_an_entry_linking_to_a_local_file_is_refused(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret line")
    site.raw_links.append(f"file://{secret}")
    db = tmp_path / "f.db"
    command = ("watch", f"{site.base}/feed.xml", "--once", "--db", str(db), "--allow-private-urls")
    code, out, err = finish(sitroom(*command))
    assert code == 1
    assert (
        f"{secret}: only http and https URLs are fetched (not file)"
        " (not tried again: a later try cannot change it)" in err
    )
    assert err.startswith("sitroom: skipped file:/")
    assert "Traceback" not in err
    assert documents(db) == []


def test_watch_takes_http_feed_urls_only(tmp_path):
    code, _, err = finish(sitroom("watch", "feed.xml", "--once", "--db", str(tmp_path / "x.db")))
    assert code == 2
    assert "watch takes http(s) feed URLs, not 'feed.xml'" in err
    code, _, err = finish(sitroom("watch", "http://x.test/f", "--every", "soon"))
    assert code == 2 and "'soon' is not an interval" in err


# --- a clean stop ------------------------------------------------------------------------------


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigterm_stops_a_watch_loop_cleanly_and_a_rerun_completes_it(site, tmp_path):
    for number in range(len(ARTICLES)):
        site.add(number)
    site.delay = 1.0  # a slow site, so the signal comes in the middle of the round
    db = tmp_path / "loop.db"
    feed = f"{site.base}/feed.xml"
    log = tmp_path / "watch.log"
    process = sitroom("watch", feed, "--every", "1h", "--db", str(db), "--allow-private-urls",
                      "--log", str(log))  # fmt: skip
    deadline = time.monotonic() + 300
    while _stored(db) == 0:  # a liveness bound, not a timing assertion
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "no document was stored"
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    code, out, err = finish(process)
    assert code == 130, err
    assert "Traceback" not in err
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("stopped by SIGTERM; committed before it: ")
    committed = int(summary.split("committed before it: ")[1].split(" new")[0])
    with sqlite3.connect(db) as con:
        stored = sorted(con.execute("SELECT url FROM documents"))
        marked = sorted(
            con.execute(
                "SELECT d.url FROM feed_entries e JOIN documents d ON d.id = e.document_id"
                " WHERE e.state = 'stored'"
            )
        )
        pending = con.execute("SELECT COUNT(*) FROM feed_entries WHERE state = 'pending'")
        pending = pending.fetchone()[0]
    # What it says is what the database holds, and every stored document has its entry
    # recorded as stored (nothing half-written); the rest are pending, none lost.
    assert committed == len(stored) == len(marked) > 0
    assert marked == stored
    assert len(stored) + pending == len(ARTICLES)
    assert log.read_text().count(f" {feed} new: ") <= 1  # one line per poll, if it finished
    assert f" {feed} " not in err  # the poll lines went to the log file
    site.delay = 0.0
    again = sitroom("watch", feed, "--once", "--db", str(db), "--allow-private-urls")
    code, out, err = finish(again)
    assert code == 0, err
    assert len(documents(db)) == len(ARTICLES)
    for (url,) in stored:  # what the first run stored was not fetched again
        assert site.served(url.removeprefix(site.base)) == 1


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.usefixtures("nlp")
def test_watching_into_postgresql_stores_each_entry_once(site, pg_url):
    site.add(0)
    with open_store(pg_url) as store:
        watch = watcher(store, site, [])
        watch.round(once=True)
        site.add(1)
        watch.round(once=True)
        watch.round(once=True)
        assert store.count("documents") == 2
        assert {row["state"] for row in entries(store).values()} == {"stored"}
        assert watch.summary.new == 2
    assert site.statuses("/feed.xml") == [200, 200, 304]
    assert [site.served(f"/news/{n}") for n in range(2)] == [1, 1]
