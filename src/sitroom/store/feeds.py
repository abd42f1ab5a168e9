"""What `sitroom watch` records about the feeds it polls: each feed's last poll and each entry.

A mixin of the stores: it needs the store's `db` connection, `rows` and `_error`, and writes
with one statement per call, so a poll's record is committed whole or not at all.
"""

from __future__ import annotations

import sqlite3
from typing import Any


class FeedRecords:
    """The `feeds` and `feed_entries` tables: polls, entries seen, entries still pending."""

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What the last poll of a watched feed recorded (None: never polled)."""
        found = list(self.rows("SELECT * FROM feeds WHERE url = ?", (url,)))
        return found[0] if found else None

    def save_feed_state(self, url: str, **state: Any) -> None:
        """Record a poll of a feed: the columns of table `feeds` given, in one statement."""
        self._upsert("feeds", ("url",), {"url": url, **state})

    def feed_entry(self, feed_url: str, entry_id: str) -> dict[str, Any] | None:
        """What is recorded about one entry of a feed (None: never seen)."""
        sql = "SELECT * FROM feed_entries WHERE feed_url = ? AND entry_id = ?"
        found = list(self.rows(sql, (feed_url, entry_id)))
        return found[0] if found else None

    def pending_entries(self, feed_url: str) -> list[dict[str, Any]]:
        """The entries of a feed to try again, first seen first."""
        sql = (
            "SELECT * FROM feed_entries WHERE feed_url = ? AND state = 'pending'"
            " ORDER BY first_seen, entry_id"
        )
        return list(self.rows(sql, (feed_url,)))

    def stored_link(self, link: str) -> str | None:
        """The document stored for an entry linking to `link`, in any feed (None: none)."""
        sql = (
            "SELECT document_id FROM feed_entries WHERE link = ? AND state = 'stored'"
            " ORDER BY first_seen LIMIT 1"
        )
        found = list(self.rows(sql, (link,)))
        return found[0]["document_id"] if found else None

    def save_feed_entry(self, feed_url: str, entry_id: str, **row: Any) -> None:
        """Record an entry of a feed seen for the first time: the columns of `feed_entries`."""
        self._upsert("feed_entries", ("feed_url", "entry_id"), {
            "feed_url": feed_url, "entry_id": entry_id, **row
        })  # fmt: skip

    def update_feed_entry(self, feed_url: str, entry_id: str, **fields: Any) -> None:
        """Change the columns given of a recorded entry (its state, attempts, reason)."""
        sets = ", ".join(f"{name} = ?" for name in fields)
        sql = f"UPDATE feed_entries SET {sets} WHERE feed_url = ? AND entry_id = ?"
        try:
            self.db.execute(sql, [*fields.values(), feed_url, entry_id])
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err

    def _upsert(self, table: str, keys: tuple[str, ...], row: dict[str, Any]) -> None:
        """Insert a row, or update the named columns of the row with the same keys (one
        statement, so committed whole or not at all). Column names come from the library."""
        columns = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(row))})"
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
        )
        try:
            self.db.execute(sql, list(row.values()))
        except sqlite3.DatabaseError as err:
            raise self._error(err) from err
