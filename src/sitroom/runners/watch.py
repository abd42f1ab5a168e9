"""Watching live feeds: poll RSS/Atom feeds, fetch each new entry's page, store it once.

A poll of a feed is a conditional GET through the one safe fetcher (`ingest.fetch`): the ETag
and Last-Modified the feed sent last are sent back, and a 304 means nothing new. An entry is
known by its guid (RSS) or id (Atom), else by its link. Every entry is recorded the moment it
is first seen (table `feed_entries`, state "pending"), before the feed's own state is saved
(table `feeds`), so an entry cannot be lost behind a later 304; its page is then fetched
within the fetch limits and stored through the local runner, as `ingest` stores it (the
writer lock, one transaction per document), and the entry becomes "stored": it is never
fetched or stored again, however often the feed is polled or the watcher restarted. A page
that cannot be fetched or stored leaves its entry pending, reported with its attempt, and it
is tried again on the feed's next polls, `ENTRY_ATTEMPTS` times in all before it is recorded
as "failed" with its reason; a failure no later try can change (a 404 or 410, a refused URL, a
file that is not a page) is recorded as "failed" at once.

A feed that cannot be polled waits twice as long after each failure in a row (from the poll
interval, capped at `MAX_BACKOFF`). Each poll of a feed gives one log line. Ctrl-C or SIGTERM
stops the watcher cleanly: the document being written is finished or rolled back, what was
stored is recorded, and the summary counts exactly what was committed.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitroom.extract import extract
from sitroom.ingest.base import Reading, plain_error
from sitroom.ingest.feeds import EmptyFeed, Entry, entry_sources, feed_entries
from sitroom.ingest.fetch import fetch
from sitroom.ingest.readers import read_url
from sitroom.options import Options
from sitroom.records import Document, Failure, InputError
from sitroom.runners.identity import stored_id
from sitroom.runners.local import Signals, Stopped, Summary, ingest
from sitroom.store import Store

# Tries of an entry's page before it is recorded as failed.
ENTRY_ATTEMPTS = 5
# The longest wait after a feed's failures in a row (seconds), unless the interval is longer.
MAX_BACKOFF = 6 * 3600.0
DEFAULT_EVERY = 15 * 60.0

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)

Log = Callable[[str], None]


def parse_every(text: str) -> float:
    """A poll interval, "30s", "15m", "1h" or "1d" (a bare number is seconds), in seconds.

    Raises:
        ValueError: not an interval, or shorter than one second.
    """
    match = _INTERVAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an interval (use e.g. 30s, 15m, 1h)")
    seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds < 1:
        raise ValueError(f"{text!r} is shorter than one second")
    return seconds


def backoff(every: float, errors: int) -> float:
    """Seconds to wait before polling a feed that failed `errors` times in a row."""
    if errors <= 0:
        return every
    return min(every * 2.0**errors, max(every, MAX_BACKOFF))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _say(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


@dataclass
class _Job:
    """One pending entry of a feed, through one poll."""

    feed: str
    entry: Entry
    attempts: int
    tried: bool = False
    documents: list[Document] = field(default_factory=list)
    stored_as: str | None = None
    reason: str | None = None
    permanent: bool = False  # the reason is one a later try cannot change
    twin: _Job | None = None  # an entry of this round linking to the same page

    @property
    def shown(self) -> str:
        return self.entry.link or self.entry.origin


@dataclass
class Poll:
    """One poll of one feed: what the feed answered and what became of its entries.

    Attributes:
        feed: the feed's URL.
        status: "new" (the feed was read), "304" (not modified), "error", or "later" (not
            polled: backing off after errors).
        reason: why it failed ("error"), or when it is due ("later").
        new: entries seen for the first time.
        stored: entries whose documents were stored by this poll (new or tried again).
        failed: entries whose page could not be fetched or stored this time.
    """

    feed: str
    status: str
    reason: str | None = None
    new: int = 0
    stored: int = 0
    failed: int = 0
    jobs: list[_Job] = field(default_factory=list)

    def line(self, at: dt.datetime) -> str:
        """The poll's log line."""
        entries = "1 new entry" if self.new == 1 else f"{self.new} new entries"
        counts = f"{entries}, {self.stored} stored, {self.failed} failed"
        if self.status == "later":
            return f"{_iso(at)} {self.feed} later: {self.reason}"
        if self.status == "error":
            return f"{_iso(at)} {self.feed} error: {self.reason}; {counts}"
        return f"{_iso(at)} {self.feed} {self.status}: {counts}"


class Watcher:
    """Polls feeds into one store.

    Args:
        feeds: the feeds' http(s) URLs.
        store: where entries, feed states and documents go.
        options: fetch limits (`timeout`, `max_bytes`, `max_redirects`, `allow_private_urls`,
            `max_fetches` per round of polls) and runner settings, as for `ingest`.
        every: seconds between two polls of a feed.
        log: told each poll's line (default: standard error).
        on_failure: told each entry that could not be fetched or stored, and why.
    """

    def __init__(
        self,
        feeds: Sequence[str],
        store: Store,
        options: Options,
        every: float = DEFAULT_EVERY,
        log: Log | None = None,
        on_failure: Callable[[Failure], None] | None = None,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.store = store
        self.options = options
        self.every = every
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.on_failure = on_failure
        self.summary = Summary()
        self._signals = Signals()

    # -- the loop -----------------------------------------------------------------------------

    def run(self, once: bool = False) -> Summary:
        """Poll every feed when it is due until stopped (or once, with `once`).

        With `once`, every feed is polled now unless it is backing off after errors. Returns
        what was stored, with `interrupted` set when a signal stopped it.
        """
        with self._signals.installed():
            try:
                while True:
                    self.round(once)
                    if once:
                        break
                    self._sleep()
            except KeyboardInterrupt as stop:  # `Stopped`, or a stop raised by the runner
                self.summary.interrupted = str(stop) or "interrupt (Ctrl-C)"
        return self.summary

    def _sleep(self) -> None:
        now = _now()
        due = [self._due(self.store.feed_state(url)) or now for url in self.feeds]
        time.sleep(max(1.0, (min(due) - now).total_seconds()))

    def _due(self, state: dict[str, Any] | None) -> dt.datetime | None:
        """When a feed may be polled next, at this interval (None: never polled)."""
        last = _moment(state["last_poll"]) if state else None
        if state is None or last is None:
            return None
        return last + dt.timedelta(seconds=backoff(self.every, int(state["errors"] or 0)))

    # -- one round ----------------------------------------------------------------------------

    def round(self, once: bool = False) -> list[Poll]:
        """Poll the feeds that are due, store their pending entries, log one line per feed."""
        reading = Reading(self.options)  # one fetch budget per round
        polls = []
        for url in self.feeds:
            waiting = self._waiting(url, once)
            polls.append(Poll(url, "later", waiting) if waiting else self._poll(url, reading))
        self._store([job for poll in polls for job in poll.jobs], reading)
        at = _now()
        for poll in polls:
            poll.stored = sum(1 for job in poll.jobs if job.stored_as)
            poll.failed = sum(1 for job in poll.jobs if job.reason)
            if poll.status != "later" or once:
                self.log(poll.line(at))
        if self.summary.interrupted:
            raise Stopped(self.summary.interrupted)
        self._signals.check()
        return polls

    def _waiting(self, url: str, once: bool) -> str | None:
        """Why a feed is not polled now (None: it is due)."""
        state = self.store.feed_state(url)
        if state is None or (once and not state["errors"]):
            return None
        due = self._due(state)
        if due is None or due <= _now():
            return None
        if once:
            return f"backing off after {state['errors']} errors in a row; next poll {_iso(due)}"
        return "not due"

    def _poll(self, url: str, reading: Reading) -> Poll:
        """Fetch a feed (conditionally), record the entries it shows for the first time and
        its state, and take up its pending entries."""
        state = self.store.feed_state(url) or {}
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        entries: list[Entry] = []
        try:
            response = fetch(url, reading.limits, headers, reading.budget)
            if response.status != 304:
                entries = _entries(url, response.body)
        except InputError as err:
            poll, response = Poll(url, "error", str(err)), None
        except (OSError, ValueError) as err:
            poll, response = Poll(url, "error", plain_error(err)), None
        else:
            poll = Poll(url, "304" if response.status == 304 else "new")
        if poll.status == "error":  # in the log line, and counted: exit codes as for ingest
            self.summary.failures.append(Failure(url, str(poll.reason)))
        now = _now()
        with self._signals.held(defer=True):
            poll.new = self._record_new(url, entries, now)
            self._record_poll(url, state, poll, response, now)
        self._signals.check()
        poll.jobs = [_job(url, row) for row in self.store.pending_entries(url)]
        return poll

    def _record_new(self, url: str, entries: list[Entry], now: dt.datetime) -> int:
        fresh = {e.key: e for e in entries if self.store.feed_entry(url, e.key) is None}
        for entry in fresh.values():
            self.store.save_feed_entry(
                url,
                entry.key,
                link=entry.link,
                entry=_entry_json(entry),
                state="pending",
                attempts=0,
                first_seen=_iso(now),
            )
        return len(fresh)

    def _record_poll(
        self, url: str, state: dict[str, Any], poll: Poll, response: Any, now: dt.datetime
    ) -> None:
        errors = int(state.get("errors") or 0) + 1 if poll.status == "error" else 0
        wait = backoff(self.every, errors)
        fields: dict[str, Any] = {
            "last_poll": _iso(now),
            "last_status": poll.status,
            "errors": errors,
            "next_poll": _iso(now + dt.timedelta(seconds=wait)),
            "last_error": poll.reason,
        }
        if response is not None and response.status != 304:
            fields["etag"] = response.headers.get("etag")
            fields["last_modified"] = response.headers.get("last-modified")
        if poll.status == "error":
            poll.reason = f"{poll.reason}; {errors} in a row, next poll in {_say(wait)}"
        self.store.save_feed_state(url, **fields)

    # -- storing the entries ------------------------------------------------------------------

    def _store(self, jobs: list[_Job], reading: Reading) -> None:
        """Fetch and store the entries' pages through the runner; record what became of each."""
        if not jobs:
            return
        reasons: dict[str, str] = {}
        by_link: dict[str, _Job] = {}

        def documents() -> Iterator[Document]:
            for job in jobs:
                link = job.entry.link
                if link and link in by_link:  # one fetch for the page of both entries
                    job.twin = by_link[link]
                    continue
                if link:
                    by_link[link] = job
                yield from self._documents(job, reading)

        def failed(failure: Failure) -> None:
            reasons[failure.origin] = failure.reason

        with self._signals.held(defer=True):
            done = ingest(documents(), self.store, self.options, failed, progress=False)
            for name in ("new", "updated", "unchanged"):
                setattr(self.summary, name, getattr(self.summary, name) + getattr(done, name))
            self.summary.interrupted = done.interrupted
            now = _iso(_now())
            for job in jobs:
                self._settle(job, reasons, done.interrupted is not None, now)

    def _documents(self, job: _Job, reading: Reading) -> Iterator[Document]:
        """The documents of an entry's page (none when another feed's entry stored it)."""
        link = job.entry.link
        stored = self.store.stored_link(link) if link else None
        if stored:
            job.stored_as, job.tried = stored, True
            return
        if link and reading.budget.used >= reading.budget.limit:
            return  # the round's fetches are spent: no attempt lost, it waits for the next
        read = lambda u: read_url(u, reading, feeds=False)  # noqa: E731 - a page, never a feed
        for item in entry_sources(job.entry, True, read):
            if isinstance(item, Failure):
                job.reason, job.permanent = item.reason, item.permanent
                continue
            try:
                job.documents.append(extract(item, self.options))
            except InputError as err:
                job.reason = str(err)
            except Exception as err:  # noqa: BLE001 - one broken page must not end the watch
                job.reason = f"could not extract the document ({type(err).__name__})"
        job.tried = True
        if job.reason is None:
            yield from job.documents

    def _settle(self, job: _Job, reasons: dict[str, str], interrupted: bool, now: str) -> None:
        """Record an entry as stored, or count a failed attempt (untried entries stay as
        they are: pending, for the next poll)."""
        if job.twin is not None:  # settled before it, being earlier in the round
            if not job.twin.tried or (job.twin.stored_as is None and job.twin.reason is None):
                return
            job.tried, job.stored_as, job.reason = True, job.twin.stored_as, job.twin.reason
            job.permanent = job.twin.permanent
        if job.stored_as is None and job.reason is None and job.tried:
            # Stored under the id the identity rule gave it (a page sharing its canonical URL
            # with unrelated ones is keyed by its body too).
            ids = [stored_id(self.store, d, self.options.max_chars) for d in job.documents]
            if ids and all(ids):
                job.stored_as = ids[0]
            elif interrupted:
                return  # it may not have reached the runner: tried again next time
            else:
                job.reason = _analysis_reason(job.documents, reasons)
        if job.stored_as is not None:
            self.store.update_feed_entry(
                job.feed, job.entry.key, state="stored", document_id=job.stored_as,
                attempts=job.attempts, last_attempt=now, reason=None,
            )  # fmt: skip
        elif job.reason is not None:
            attempts = job.attempts + 1
            given_up = job.permanent or attempts >= ENTRY_ATTEMPTS
            self.store.update_feed_entry(
                job.feed, job.entry.key, state="failed" if given_up else "pending",
                attempts=attempts, last_attempt=now, reason=job.reason,
            )  # fmt: skip
            if job.permanent:
                said = "not tried again: a later try cannot change it"
            else:
                then = "given up" if given_up else "tried again on the next poll"
                said = f"attempt {attempts} of {ENTRY_ATTEMPTS}; {then}"
            failure = Failure(job.shown, f"{job.reason} ({said})")
            self.summary.failures.append(failure)
            if self.on_failure:
                self.on_failure(failure)


def _entries(url: str, body: bytes) -> list[Entry]:
    try:
        return feed_entries(url, body)
    except EmptyFeed:
        return []


def _entry_json(entry: Entry) -> str:
    """What a pending entry needs to be tried again without its feed: its metadata, and its
    own content when it has no page to fetch."""
    kept = {"meta": entry.meta, "origin": entry.origin, "malformed": entry.malformed}
    if not entry.link:
        kept["html"] = entry.html
    return json.dumps(kept, ensure_ascii=False)


def _job(feed: str, row: dict[str, Any]) -> _Job:
    kept = json.loads(row["entry"])
    entry = Entry(
        row["entry_id"], row["link"], kept["meta"], kept.get("html"), kept["origin"],
        kept.get("malformed", False),
    )  # fmt: skip
    return _Job(feed, entry, int(row["attempts"]))


def _analysis_reason(documents: list[Document], reasons: dict[str, str]) -> str:
    """Why an entry's documents were not stored, as the runner said it."""
    for document in documents:
        origin = document.origin or document.id
        for where, reason in reasons.items():
            if where == origin or where.startswith(f"{origin} (part "):
                return reason
    return "not stored"


def watch(
    feeds: Sequence[str],
    store: Store,
    options: Options,
    every: float = DEFAULT_EVERY,
    once: bool = False,
    log: Log | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Summary:
    """Poll `feeds` into `store` until stopped, or once (see `Watcher`)."""
    return Watcher(feeds, store, options, every, log, on_failure).run(once)


# --- beside the API --------------------------------------------------------------------------


def start_beside(
    feeds: Sequence[str], db: str, options: Options, every: float
) -> multiprocessing.process.BaseProcess:
    """Run a watcher in a process of its own (the API's process stays read-only and free of
    the pipeline's work); it stops cleanly on SIGTERM, and when this process is gone."""
    context = multiprocessing.get_context("spawn")
    process = context.Process(
        target=_watch_beside, args=(list(feeds), db, options, every), name="sitroom watch"
    )
    process.start()
    return process


def stop_beside(process: multiprocessing.process.BaseProcess, timeout: float = 120.0) -> None:
    """Ask a watcher process to stop (SIGTERM) and wait for it to finish its document."""
    if process.is_alive():
        process.terminate()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()


def _watch_beside(feeds: list[str], db: str, options: Options, every: float) -> None:
    from sitroom.store import ANALYSIS_VERSION, StoreError, open_store

    threading.Thread(target=_stop_with_parent, daemon=True).start()
    report = lambda f: print(f"sitroom: skipped {f}", file=sys.stderr, flush=True)  # noqa: E731
    try:
        version = options.knowledge().analysis_version(ANALYSIS_VERSION)
        with open_store(db, analysis_version=version) as store:
            summary = watch(feeds, store, options, every, log=None, on_failure=report)
    except StoreError as err:
        print(f"sitroom: watcher stopped: {err}", file=sys.stderr, flush=True)
        return
    print(f"sitroom: watcher {summary}", file=sys.stderr, flush=True)


def _stop_with_parent() -> None:
    """Stop this process cleanly once its parent has exited, however it ended."""
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os.kill(os.getpid(), signal.SIGTERM)


__all__ = [
    "ENTRY_ATTEMPTS",
    "MAX_BACKOFF",
    "Poll",
    "Watcher",
    "backoff",
    "parse_every",
    "start_beside",
    "stop_beside",
    "watch",
]
