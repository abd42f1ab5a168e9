"""What every store backend offers, so queries, stories and runners need not know which it is.

Two backends implement it: `sqlite.Store` (one file, the default) and `postgres.PostgresStore`
(a shared server for a team). A database is named by a path or by a ``postgresql://`` URL;
`sitroom.store.open_store` picks the backend from that name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from sitroom.records import Analysis, Document

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(name: str) -> bool:
    """Whether a database name is a PostgreSQL URL rather than a SQLite file path."""
    return name.startswith(POSTGRES_SCHEMES)


class Cursor(Protocol):
    """The part of a DB-API cursor the library uses."""

    def fetchone(self) -> Any:
        """The next row, or None."""

    def fetchall(self) -> list[Any]:
        """Every remaining row."""

    def __iter__(self) -> Iterator[Any]:
        """Iterate the remaining rows."""


class Connection(Protocol):
    """A connection speaking SQLite's dialect of parameters: ``?`` placeholders.

    Rows can be read by position (``row[0]``) and by column name (``row["id"]``, ``dict(row)``).
    ``with connection:`` is one transaction: committed on success, rolled back on an error.
    """

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement."""

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        """Run one statement for each row of parameters."""

    def __enter__(self) -> Any:
        """Begin a transaction."""

    def __exit__(self, *exc: object) -> Any:
        """Commit, or roll back on an exception."""


class Backend(Protocol):
    """A sitroom database: the interface `queries`, `stories` and the runners rely on."""

    dialect: str  # "sqlite" | "postgresql"
    db: Connection

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Run a read query and yield each row as a dict."""

    def status(self, document: Document) -> str:
        """ "new", "updated" or "unchanged": what saving `document` would do."""

    def save(self, analysis: Analysis, replace: bool = False, changes: Sequence[str] = ()) -> str:
        """Store one analysed document in one transaction; return its status (`replace`:
        write it even when unchanged; `changes`: what a new capture changed, logged on update)."""

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id is stored."""

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What the last poll of a watched feed recorded (None: never polled)."""

    def save_feed_state(self, url: str, **state: Any) -> None:
        """Record a poll of a feed (columns of table `feeds`)."""

    def feed_entry(self, feed_url: str, entry_id: str) -> dict[str, Any] | None:
        """What is recorded about one entry of a feed (None: never seen)."""

    def pending_entries(self, feed_url: str) -> list[dict[str, Any]]:
        """The entries of a feed to try again on its next poll."""

    def stored_link(self, link: str) -> str | None:
        """The document stored for an entry linking to `link`, in any feed."""

    def save_feed_entry(self, feed_url: str, entry_id: str, **row: Any) -> None:
        """Record an entry of a feed seen for the first time (columns of `feed_entries`)."""

    def update_feed_entry(self, feed_url: str, entry_id: str, **fields: Any) -> None:
        """Change the columns given of a recorded entry."""

    def close(self) -> None:
        """Close the connection."""
