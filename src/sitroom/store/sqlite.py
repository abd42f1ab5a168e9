"""The SQLite backend: WAL mode, recorded migrations, one writer, FTS5 search over documents.

Each analysed document is written in one transaction. Rows keep the contract record as JSON
(`record`) beside the columns queries filter on, so what comes out is exactly what went in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.records import Analysis, Document, has_political_side

EVENT_COLUMNS = (
    "id, document_id, event, mode, date, actor_id, actor_name, actor_code, recipient_id,"
    " recipient_name, recipient_code, negated, hypothetical, future, start, record,"
    " historical, confidence, political"
)
EVENT_INSERT = f"INSERT OR REPLACE INTO events ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 19)})"

# Bump when the NLP layers change what they produce, so `ingest` re-analyses stored documents.
ANALYSIS_VERSION = "3"

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


class StoreError(Exception):
    """The database cannot be opened or written; the message says why."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The sitroom database. Use as a context manager; only one process should write."""

    dialect = "sqlite"
    # What documents analysed now are stamped with: ANALYSIS_VERSION, plus a fingerprint of
    # the user's knowledge files when there are any (`UserKnowledge.analysis_version`).
    analysis_version = ANALYSIS_VERSION

    def __init__(
        self, path: str | Path = "sitroom.db", analysis_version: str = ANALYSIS_VERSION
    ) -> None:
        self.path = str(path)
        self.analysis_version = analysis_version
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{self.path}: cannot use this file as a sitroom database ({err})"
            ) from err

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply the migrations this database has not seen; return how many it has."""
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
            with self.db:
                self.db.executescript(f"BEGIN; {script}")
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES ("
                    "(SELECT COALESCE(MAX(version), 0) + 1 FROM schema_migrations), ?, ?)",
                    (_now(), name),
                )
        return len(MIGRATIONS)

    def _applied(self) -> set[str]:
        """Names of the migrations applied; rows recorded by position only are named here."""
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
        self.db.commit()
        return names

    # -- writing ------------------------------------------------------------------------------

    def status(self, document: Document) -> str:
        """ "new", "updated" or "unchanged": what saving `document` would do."""
        row = self.db.execute(
            "SELECT content_hash, analysis_version FROM documents WHERE id = ?", (document.id,)
        ).fetchone()
        if row is None:
            return "new"
        same = (row[0], row[1]) == (document.content_hash, self.analysis_version)
        return "unchanged" if same else "updated"

    def save(self, analysis: Analysis, replace: bool = False) -> str:
        """Store one analysed document, replacing an earlier version; return its status.

        With `replace`, an unchanged document is written again too (and counts as updated).
        """
        status = self.status(analysis.document)
        if status == "unchanged" and replace:
            status = "updated"
        if status == "unchanged":
            return status
        with self.db:
            self._write(analysis, status)
        return status

    def _write(self, analysis: Analysis, status: str) -> None:
        doc = analysis.document
        now = _now()
        ingested = now
        if status == "updated":
            row = self.db.execute("SELECT ingested_at FROM documents WHERE id = ?", (doc.id,))
            ingested = row.fetchone()[0]
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
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
        """Run a read query and yield each row as a dict."""
        for row in self.db.execute(sql, params):
            yield dict(row)

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id is stored."""
        row = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,))
        return row.fetchone() is not None

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
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
