"""Listing queries for the API and the dashboard: one actor's record, and the lists too short to
need keyset pages (documents, actors, quotes) read by row offset; search totals.

The event lists, counts and aggregates are in `serving`, whose cursor and query helpers these
share.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sitroom.store import Store
from sitroom.store.queries import (
    _DOCUMENTS,
    _actors_count_sql,
    _actors_sql,
    _contains,
    _literal_words,
    _where,
    _with_doc,
)
from sitroom.store.serving import QueryError, _number, _rows, decode_cursor, encode_cursor


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor with its mention, document and event counts (events per type and side)."""
    rows = list(_rows(store, "SELECT * FROM actors WHERE id = ?", (actor_id,)))
    if not rows:
        return None
    sql = (
        "SELECT COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents"
        " FROM mentions WHERE actor_id = ?"
    )
    record = rows[0] | next(_rows(store, sql, (actor_id,)))
    sql = (
        "SELECT role, event, COUNT(DISTINCT event_id) AS n FROM event_parties"
        " WHERE actor_id = ? GROUP BY role, event ORDER BY role, n DESC, event"
    )
    record["events"] = {"actor": {}, "recipient": {}}
    for row in _rows(store, sql, (actor_id,)):
        record["events"][row["role"]][row["event"]] = row["n"]
    sql = "SELECT COUNT(*) AS n FROM quotes WHERE speaker_id = ?"
    record["quotes"] = _number(store, sql, [actor_id])
    return record


def _offset_page(
    store: Store,
    sql: str,
    params: list[Any],
    limit: int,
    cursor: str | None,
    count_sql: str | None = None,
) -> dict[str, Any]:
    """A page of a query by row offset (for lists far smaller than the events); `count_sql`
    counts the same rows more cheaply than counting the query itself."""
    offset = decode_cursor(cursor).get("o", 0)
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"not a cursor: {cursor!r}")
    rows = list(_rows(store, f"{sql} LIMIT ? OFFSET ?", [*params, limit + 1, offset]))
    total = _number(store, count_sql or f"SELECT COUNT(*) AS n FROM ({sql}) AS listed", params)
    more = len(rows) > limit
    next_cursor = encode_cursor({"o": offset + limit}) if more else None
    return {"items": rows[:limit], "total": total, "next": next_cursor}


def document_page(store: Store, limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """One page of `documents`, as {"items", "total", "next"}."""
    count = "SELECT COUNT(*) AS n FROM documents"
    return _offset_page(store, _DOCUMENTS.format(where=""), [], limit, cursor, count)


def actor_page(
    store: Store, limit: int = 50, cursor: str | None = None, **filters: Any
) -> dict[str, Any]:
    """One page of `actors` (filters: name, code, kind), as {"items", "total", "next"}."""
    name, code, kind = filters.get("name"), filters.get("code"), filters.get("kind")
    sql, params = _actors_sql(name, code, kind)
    return _offset_page(store, sql, params, limit, cursor, _actors_count_sql(name, code, kind))


def quote_page(
    store: Store, limit: int = 50, cursor: str | None = None, **filters: Any
) -> dict[str, Any]:
    """One page of quotes, newest document first (filters: speaker, speaker_id, since, until,
    direct, document_id), as {"items", "total", "next"}.

    Read along the documents' newest-first index, so a page does not sort every quote.
    """
    day = "COALESCE(d.published, d.reference_date)"
    direct = filters.get("direct")
    where, params = _where(
        {
            "q.speaker_name LIKE ? ESCAPE '\\'": _contains(filters["speaker"])
            if filters.get("speaker")
            else None,
            f"{day} >= ?": filters.get("since"),
            f"substr({day}, 1, 10) <= ?": filters.get("until"),
            "q.direct = ?": int(direct) if direct is not None else None,
            "q.document_id = ?": filters.get("document_id"),
            "q.speaker_id = ?": filters.get("speaker_id"),
        }
    )
    sql = (
        f"SELECT q.record, d.id AS document_id, substr({day}, 1, 10) AS date, d.title"
        " FROM documents d INDEXED BY documents_newest CROSS JOIN quotes q"
        f" ON q.document_id = d.id {where}"
        f" ORDER BY {day} IS NULL, {day} DESC, d.id, q.start"
    )
    count = f"SELECT COUNT(*) AS n FROM quotes q JOIN documents d ON d.id = q.document_id {where}"
    if not where:
        count = "SELECT COUNT(*) AS n FROM quotes"
    page = _offset_page(store, sql, params, limit, cursor, count)
    page["items"] = [_with_doc(r) for r in page["items"]]
    return page


def latest_quotes(
    store: Store, limit: int = 10, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """The quotes of the most recently published documents, newest first (for a dashboard).

    Read along the documents' publication index, so it costs the same on any size of store.
    """
    where, params = _where(
        {
            "d.published >= ?": since,
            "substr(d.published, 1, 10) <= ?": until,
        }
    )
    glue = "AND" if where else "WHERE"
    sql = (
        "SELECT q.record, d.id AS document_id, substr(d.published, 1, 10) AS date, d.title"
        # CROSS JOIN keeps the documents outside: read newest first, stop after `limit`.
        f" FROM documents d CROSS JOIN quotes q ON q.document_id = d.id {where} {glue}"
        " d.published IS NOT NULL ORDER BY d.published DESC, d.id, q.start LIMIT ?"
    )
    return [_with_doc(r) for r in _rows(store, sql, [*params, limit])]


def search_count(store: Store, words: str) -> int:
    """How many documents `queries.search` finds for `words` (same syntax and fallback)."""
    if store.dialect != "sqlite":
        return len(store.search(words, None))  # type: ignore[attr-defined]
    sql = "SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?"
    try:
        return _number(store, sql, [words])
    except sqlite3.OperationalError:  # not valid FTS5 syntax: the words themselves
        return _number(store, sql, [_literal_words(words)])
