"""The SQLite backend: WAL mode, recorded migrations, one writer, FTS5 search over documents.

Each analysed document is written in one transaction, with its status check ("new",
"updated", "unchanged") inside the same transaction. Rows keep the contract record as JSON
(`record`) beside the columns queries filter on, so what comes out is exactly what went in.

One writer at a time: `Store.writer_lock` holds an advisory lock beside the database for a
whole ingest, so a second ingest waits (and says so) instead of racing the first. Migrations
run under an exclusive transaction, so two first runs on a new file cannot both apply them.
A database in a folder that cannot be written is opened read-only (queries still work); a
damaged file gives a `StoreError`, never a raw `sqlite3` exception.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sitroom.records import Analysis, Document, has_political_side
from sitroom.store.feeds import FeedRecords

EVENT_COLUMNS = (
    "id, document_id, event, mode, date, actor_id, actor_name, actor_code, recipient_id,"
    " recipient_name, recipient_code, negated, hypothetical, future, start, record,"
    " historical, confidence, political"
)
EVENT_INSERT = f"INSERT OR REPLACE INTO events ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 19)})"

# Bump when the NLP layers change what they produce, so `ingest` re-analyses stored documents.
ANALYSIS_VERSION = "29"

# Recorded migrations, one file each in migrations/sqlite/, applied in name order and recorded
# by name, so a file that lands after a higher-numbered one is still applied exactly once.
# Append new files; never edit one that has shipped.
MIGRATIONS: list[tuple[str, str]] = [
    (item.name, item.read_text(encoding="utf-8"))
    for item in sorted(
        resources.files("sitroom.store").joinpath("migrations", "sqlite").iterdir(),
        key=lambda item: item.name,
    )
    if item.name.endswith(".sql")
]
# Files that landed after higher-numbered ones while databases recorded migrations by position
# only: such a database's first N versions are the first N of the other files.
LATE_FILES = frozenset({"0004_event_flags.sql"})

# How long a read query may run before it is stopped (seconds; SITROOM_QUERY_TIMEOUT).
QUERY_TIMEOUT = 30.0
# Seconds SQLite itself waits for a lock held by another connection (a short write).
BUSY_TIMEOUT = 60.0


# What SQLite says about a bad full-text query (as opposed to a damaged file).
_QUERY_TEXT_ERRORS = (
    "fts5",
    "syntax error",
    "no such column",
    "unterminated string",
    "malformed MATCH",
    "unknown special query",
)


class StoreError(Exception):
    """The database cannot be opened or written; the message says why."""


class QueryTimeout(StoreError):
    """A query cannot be answered as asked (it ran past its time limit); the message says why."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a migration script (trigger bodies kept whole)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending
            pending = ""


def _writable(path: Path) -> bool:
    """Whether this process could write the database (and its journal beside it)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


class Store(FeedRecords):
    """The sitroom database. Use as a context manager.

    Args:
        path: the SQLite file (created, with its schema, when it does not exist).
        analysis_version: what documents analysed now are stamped with.
        readonly: open for reading only; None decides from the file's permissions.
        query_timeout: seconds a read query may run (default: SITROOM_QUERY_TIMEOUT or 30).

    Raises:
        StoreError: the file is not a usable sitroom database (damaged, not SQLite, too old
            to upgrade while read-only), with a one-line reason.
    """

    dialect = "sqlite"
    # What documents analysed now are stamped with: ANALYSIS_VERSION, plus a fingerprint of
    # the user's knowledge files when there are any (`UserKnowledge.analysis_version`).
    analysis_version = ANALYSIS_VERSION

    def __init__(
        self,
        path: str | Path = "sitroom.db",
        analysis_version: str = ANALYSIS_VERSION,
        readonly: bool | None = None,
        query_timeout: float | None = None,
    ) -> None:
        self.path = str(path)
        self.analysis_version = analysis_version
        self.readonly = not _writable(Path(self.path)) if readonly is None else readonly
        env = os.environ.get("SITROOM_QUERY_TIMEOUT")
        self.query_timeout = query_timeout or (float(env) if env else QUERY_TIMEOUT)
        try:
            self.db = self._connect()
            if not self.readonly:
                self.migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err

    def _connect(self) -> sqlite3.Connection:
        if not self.readonly:
            # isolation_level=None: transactions are begun explicitly, never implicitly.
            db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT, isolation_level=None, factory=Connection
            )
            db.row_factory = sqlite3.Row
            _wal(db)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            return db
        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database")
        uri = f"file:{quote(os.path.abspath(self.path))}?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL database whose folder cannot be written cannot make its shared-memory
            # file: read it as an immutable file (nothing can write it there anyway).
            db.close()
            db = sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)
        db.row_factory = sqlite3.Row
        return db

    def _error(self, err: sqlite3.Error) -> StoreError:
        """A sqlite3 error as one plain line naming the database."""
        text = str(err)
        if "readonly" in text or "read-only" in text:
            return StoreError(f"{self.path}: the database is read-only ({text})")
        if isinstance(err, sqlite3.OperationalError) and "locked" in text:
            return StoreError(f"{self.path}: the database is busy ({text}); try again")
        if isinstance(err, sqlite3.OperationalError) and "unable to open" in text:
            return StoreError(f"{self.path}: cannot open the database file ({text})")
        return StoreError(
            f"{self.path}: cannot use this file as a sitroom database; it is damaged or not a"
            f" sitroom database ({text})"
        )

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- schema -------------------------------------------------------------------------------

    def _version(self) -> int:
        """The last migration applied (0 for a new file)."""
        found = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if found is None:
            return 0
        row = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return int(row.fetchone()[0])

    def _check_schema(self) -> None:
        if self._version() < len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: the database needs an upgrade by a newer sitroom, but it is"
                " read-only here"
            )

    def migrate(self) -> int:
        """Apply the migrations this database has not seen; return how many it has.

        The check and the migrations run in one exclusive transaction: of two processes
        opening a new file at once, one migrates and the other then finds nothing to do.
        """
        if self._version() >= len(MIGRATIONS):
            return len(MIGRATIONS)
        self.db.execute("BEGIN EXCLUSIVE")
        try:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, name TEXT)"
            )
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(schema_migrations)")}
            if "name" not in columns:
                self.db.execute("ALTER TABLE schema_migrations ADD COLUMN name TEXT")
            done = self._applied()
            for name, script in MIGRATIONS:
                if name in done:
                    continue
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES ("
                    "(SELECT COALESCE(MAX(version), 0) + 1 FROM schema_migrations), ?, ?)",
                    (_now(), name),
                )
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return len(MIGRATIONS)

    def _applied(self) -> set[str]:
        """Names of the migrations applied; rows recorded by position only are named here
        (inside the caller's transaction)."""
        rows = list(self.db.execute("SELECT version, name FROM schema_migrations ORDER BY version"))
        legacy = [name for name, _ in MIGRATIONS if name not in LATE_FILES]
        names = set()
        for version, name in rows:
            if name is None and version <= len(legacy):
                name = legacy[version - 1]
                self.db.execute(
                    "UPDATE schema_migrations SET name = ? WHERE version = ?", (name, version)
                )
            names.add(name)
        return names

    # -- one writer ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer_lock(
        self, timeout: float = 600.0, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[None]:
        """Hold the database's writer lock (a file beside it) for the duration of the block.

        Args:
            timeout: seconds to wait for another writer to finish.
            on_wait: called once with a message when another writer holds the lock.

        Raises:
            StoreError: the lock was not free within `timeout`, or cannot be taken.
        """
        if self.dialect != "sqlite":  # a server backend serializes its writers itself
            yield
            return
        lock_path = f"{self.path}.lock"
        try:
            handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the whole block
        except OSError as err:
            raise StoreError(f"{self.path}: cannot take the writer lock ({err.strerror})") from err
        try:
            self._acquire(handle, timeout, on_wait)
            yield
        finally:
            handle.close()  # closing the file releases the lock

    def _acquire(self, handle: Any, timeout: float, on_wait: Callable[[str], None] | None) -> None:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if not told and on_wait is not None:
                on_wait(
                    f"waiting for another sitroom ingest to finish writing to {self.path}"
                    f" (up to {timeout:g} seconds)"
                )
            told = True
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"{self.path}: another sitroom ingest is still writing after {timeout:g}"
                    " seconds; try again when it has finished (or raise --lock-timeout)"
                )
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

    # -- writing ------------------------------------------------------------------------------

    def status(self, document: Document) -> str:
        """ "new", "updated" or "unchanged": what saving `document` would do."""
        try:
            return self._status(document)
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err

    def _status(self, document: Document) -> str:
        row = self.db.execute(
            "SELECT content_hash, analysis_version FROM documents WHERE id = ?", (document.id,)
        ).fetchone()
        if row is None:
            return "new"
        same = (row[0], row[1]) == (document.content_hash, self.analysis_version)
        return "unchanged" if same else "updated"

    def save(self, analysis: Analysis, replace: bool = False, changes: Sequence[str] = ()) -> str:
        """Store one analysed document, replacing an earlier version; return its status.

        With `replace`, an unchanged document is written again too (and counts as updated).
        `changes` say what a new capture changed in the stored record; an update logs them.
        The status check and the write are one transaction, so two writers cannot both find
        a document "new" and both insert it.
        """
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err
        try:
            status = self._status(analysis.document)
            if status == "unchanged" and replace:
                status = "updated"
            if status != "unchanged":
                self._write(analysis, status, changes)
            self.db.execute("COMMIT")
        except BaseException as err:
            self._rollback()
            if isinstance(err, sqlite3.DatabaseError):
                raise self._error(err) from err
            raise
        return status

    def _write(self, analysis: Analysis, status: str, changes: Sequence[str] = ()) -> None:
        doc = analysis.document
        now = _now()
        ingested = now
        if status == "updated":
            row = self.db.execute("SELECT ingested_at FROM documents WHERE id = ?", (doc.id,))
            ingested = row.fetchone()[0]
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.db.executemany(
                "INSERT INTO document_changes VALUES (?, ?, ?)",
                [(doc.id, now, change) for change in changes],
            )
        self.db.execute(
            "INSERT INTO documents (id, url, title, author, published, source, language, text,"
            " origin, content_hash, analysis_version, notes, ingested_at, updated_at,"
            " reference_date, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.url,
                doc.title,
                doc.author,
                doc.published,
                doc.source,
                doc.language,
                doc.text,
                doc.origin,
                doc.content_hash,
                self.analysis_version,
                json.dumps(analysis.notes),
                ingested,
                now,
                analysis.reference_date,
                doc.kind or "news",
            ),
        )
        self.db.executemany(
            "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.id, doc.id, i, c.parent, c.depth, c.author, c.published, c.text)
                for i, c in enumerate(doc.comments)
            ],
        )
        self._write_actors(analysis)
        self._write_events(analysis)
        self.db.executemany(
            "INSERT OR REPLACE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    q.id,
                    doc.id,
                    q.speaker.id if q.speaker else None,
                    q.speaker.name if q.speaker else q.speaker_text,
                    int(q.direct),
                    q.start,
                    json.dumps(asdict(q)),
                )
                for q in analysis.quotes
            ],
        )
        self.db.executemany(
            "INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.id, d.text, d.start, d.end, d.value, d.type) for d in analysis.dates],
        )

    def _write_actors(self, analysis: Analysis) -> None:
        doc_id = analysis.document.id
        for actor in analysis.actors:
            # The latest analysis speaks for the actor's attributes (codes can be corrected).
            self.db.execute(
                "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " name=excluded.name, kind=excluded.kind, code=excluded.code,"
                " sector=excluded.sector, office=excluded.office,"
                " affiliation=excluded.affiliation",
                (
                    actor.id,
                    actor.name,
                    actor.kind,
                    actor.code,
                    actor.sector,
                    actor.office,
                    actor.affiliation,
                ),
            )
            self.db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
                [(doc_id, actor.id, m.text, m.start, m.end) for m in actor.mentions],
            )

    def _write_events(self, analysis: Analysis) -> None:
        rows = []
        for e in analysis.events:
            actor, recipient = e.actor, e.recipient
            record = asdict(e)
            rows.append(
                (
                    e.id,
                    analysis.document.id,
                    e.event,
                    e.mode,
                    e.date,
                    actor.id if actor else None,
                    actor.name if actor else None,
                    actor.code if actor else None,
                    recipient.id if recipient else None,
                    recipient.name if recipient else None,
                    recipient.code if recipient else None,
                    int(e.negated),
                    int(e.hypothetical),
                    int(e.future),
                    e.start,
                    json.dumps(record),
                    int(e.historical),
                    e.confidence,
                    int(has_political_side(record)),
                )
            )
        self.db.executemany(EVENT_INSERT, rows)

    # -- reading ------------------------------------------------------------------------------

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Iterator[dict[str, Any]]:
        """Run a read query and yield each row as a dict.

        Raises:
            QueryTimeout: the query ran longer than `query_timeout` seconds.
            StoreError: the database cannot be read (damaged file).
        """
        timeout = getattr(self, "query_timeout", QUERY_TIMEOUT)
        deadline = time.monotonic() + timeout
        bounded = isinstance(self.db, sqlite3.Connection)
        if bounded:  # SQLite calls this every few thousand steps; True interrupts the query
            self.db.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            found = [dict(row) for row in self.db.execute(sql, params)]
        except sqlite3.OperationalError as err:
            if "interrupted" in str(err):
                raise QueryTimeout(
                    f"query stopped after {timeout:g} seconds; narrow it with filters"
                    " or --limit (or raise SITROOM_QUERY_TIMEOUT)"
                ) from err
            raise self._read_error(err) from err
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err
        finally:
            if bounded:
                self.db.set_progress_handler(None, 0)
        yield from found

    def _read_error(self, err: sqlite3.OperationalError) -> Exception:
        """Operational errors that come from the query text stay what they are (callers
        such as full-text search handle bad syntax); the rest mean the file is unusable."""
        text = str(err)
        if any(part in text for part in _QUERY_TEXT_ERRORS):
            return err
        return self._error(err)

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id is stored."""
        return any(self.rows("SELECT 1 FROM documents WHERE id = ?", (document_id,)))

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        if table not in {
            "documents",
            "comments",
            "actors",
            "mentions",
            "events",
            "quotes",
            "dates",
        }:
            raise ValueError(f"no table {table!r}")
        (row,) = self.rows(f"SELECT COUNT(*) AS n FROM {table}")
        return int(row["n"])


class Connection(sqlite3.Connection):
    """A writing connection whose ``with`` block is one transaction, as the store's interface
    says (`base.Connection`).

    In autocommit mode (isolation_level=None: `save` and `migrate` begin their own
    transactions) sqlite3's ``with`` only commits at the end: each statement inside would
    commit on its own, a killed run would leave half a change, and every statement would
    write its pages to the log again. A block begins a transaction that takes the write lock
    at once (as `save` does); a block inside another, or inside a transaction begun by hand,
    is a savepoint.
    """

    def __enter__(self) -> Connection:
        if not hasattr(self, "_blocks"):
            self._blocks: list[str | None] = []
        if self.in_transaction:
            savepoint = f"block_{len(self._blocks)}"
            self.execute(f"SAVEPOINT {savepoint}")
            self._blocks.append(savepoint)
        else:
            self.execute("BEGIN IMMEDIATE")
            self._blocks.append(None)
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> bool:
        savepoint = self._blocks.pop()
        if not self.in_transaction:  # an error ended it already
            return False
        if savepoint is not None:
            if kind is not None:
                self.execute(f"ROLLBACK TO {savepoint}")
            self.execute(f"RELEASE {savepoint}")
        elif kind is None:
            self.execute("COMMIT")
        else:
            self.execute("ROLLBACK")
        return False


def _wal(db: sqlite3.Connection) -> None:
    """Switch a database to WAL; SQLite answers "locked" at once, without waiting its busy
    timeout, while another process makes the same switch on a new file, so retry briefly."""
    for attempt in range(100):
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == 99:
                raise
            time.sleep(0.05)
