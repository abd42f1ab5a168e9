"""The PostgreSQL backend: one shared database for a team, through psycopg 3.

The schema is the SQLite one, column for column, built by recorded migrations of the same names
in `migrations/postgresql/` (a test checks that every SQLite migration has its twin). Writes are
the SQLite backend's own statements, run through `PgConnection`, which translates the little
that differs; each document is written in one transaction under a transaction-level advisory
lock, so several ingests can write at once without racing on the same document or actor.
Migrations run under a session advisory lock, so two first runs cannot both apply them.
Full-text search is a generated ``tsvector`` column with a GIN index, stemmed like SQLite's
``porter`` tokenizer and, like it, without stop words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from sitroom.records import Analysis
from sitroom.store.pg_connection import PgConnection
from sitroom.store.sqlite import Store, StoreError

# Keys of the advisory locks (any 64-bit numbers, fixed so every sitroom process agrees).
MIGRATION_LOCK = 0x51_7200_0001
WRITE_LOCK = 0x51_7200_0002


def _migration_files(dialect: str) -> list[tuple[str, str]]:
    folder = resources.files("sitroom.store").joinpath("migrations", dialect)
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".sql")),
                   key=lambda item: item.name)  # fmt: skip
    return [(item.name, item.read_text(encoding="utf-8")) for item in files]


MIGRATIONS: list[tuple[str, str]] = _migration_files("postgresql")


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


class PostgresStore(Store):
    """A sitroom database on a PostgreSQL server, named by a ``postgresql://`` URL."""

    dialect = "postgresql"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        self.url = url
        self.path = redacted(url)
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as err:
            raise StoreError(f"{self.path}: cannot connect ({_one_line(err)})") from None
        self.db = PgConnection(conn, self.path)  # type: ignore[assignment]
        try:
            self.migrate()
        except psycopg.Error as err:
            self.db.close()
            reason = _one_line(err)
            raise StoreError(f"{self.path}: cannot prepare the database ({reason})") from None

    def migrate(self) -> int:
        """Apply the migrations this database has not seen (under an advisory lock)."""
        expected = [name for name, _ in _migration_files("sqlite")]
        have = [name for name, _ in MIGRATIONS]
        if have != expected:
            missing = sorted(set(expected) - set(have)) or sorted(set(have) - set(expected))
            raise StoreError(
                f"{self.path}: PostgreSQL migrations do not match SQLite's ({', '.join(missing)})"
            )
        raw = self.db.raw
        raw.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            raw.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            rows = raw.execute("SELECT name FROM schema_migrations").fetchall()
            done = {row[0] for row in rows}  # type: ignore[index]
            for name, script in MIGRATIONS:
                if name in done:  # recorded by name: a late, lower-numbered file still runs once
                    continue
                number = int(
                    raw.execute(
                        "SELECT COALESCE(MAX(version), 0) + 1 FROM schema_migrations"
                    ).fetchone()[0]
                )  # type: ignore[index]
                with raw.transaction():
                    raw.execute(script)  # type: ignore[arg-type]
                    raw.execute(
                        "INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                        (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
                    )
        finally:
            raw.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        return len(MIGRATIONS)

    def save(self, analysis: Analysis, replace: bool = False, changes: Sequence[str] = ()) -> str:
        """Store one analysed document in one transaction; return its status.

        The status is read inside the transaction, under the write lock, so two writers
        saving the same new document cannot both insert it. With `replace`, an unchanged
        document is written again too (and counts as updated); an update logs `changes`.
        """
        with self.db:
            self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            status = self.status(analysis.document)
            if status == "unchanged" and replace:
                status = "updated"
            if status != "unchanged":
                self._write(analysis, status, changes)
        return status

    def search(self, words: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, best match first.

        Takes the same plain-word and "quoted phrase" queries as the SQLite backend (and OR,
        NOT); the snippet marks matched words with [brackets].
        """
        sql = (
            "SELECT id, published, title, ts_headline('sitroom', text, query,"
            " 'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1,"
            ' FragmentDelimiter=" … "\') AS snippet FROM ('
            " SELECT d.id, d.published, d.title, d.text, q.query,"
            " ts_rank(d.search, q.query) AS score"
            " FROM documents d, websearch_to_tsquery('sitroom', ?) AS q(query)"
            " WHERE d.search @@ q.query ORDER BY score DESC, d.id"
            f"{f' LIMIT {int(limit)}' if limit else ''}) AS hits ORDER BY score DESC, id"
        )
        return list(self.rows(sql, (web_query(words),)))


def web_query(words: str) -> str:
    """An FTS5-style query as `websearch_to_tsquery` reads it (NOT → -, AND dropped)."""
    words = re.sub(r"\bNOT\s+", "-", words)
    words = re.sub(r"\bAND\b", " ", words)
    return re.sub(r"[()*^]", " ", words)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
