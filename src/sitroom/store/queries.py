"""Questions analysts ask of the store, as plain functions returning dicts.

Each function returns full records (the contract's shape, for JSON) and the CLI flattens them
for tables and CSV. Filters are keyword arguments; None means "no filter".
"""

from __future__ import annotations

import base64
import json
import sqlite3
from typing import Any

from sitroom.store import Store


def documents(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored documents, newest publication first, with their comment and event counts."""
    return list(store.rows(_DOCUMENTS + _limit(limit)))


# Stored documents, newest first, with their counts of comments, events and quotes.
_DOCUMENTS = (
    "SELECT d.id, COALESCE(d.published, d.reference_date) AS date, d.published,"
    " d.source, d.title, d.author, d.url, d.origin,"
    " (SELECT COUNT(*) FROM comments c WHERE c.document_id = d.id) AS comments,"
    " (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS events,"
    " (SELECT COUNT(*) FROM quotes q WHERE q.document_id = d.id) AS quotes"
    # PostgreSQL reads an output name in ORDER BY only alone, not inside an expression.
    " FROM documents d ORDER BY COALESCE(d.published, d.reference_date) IS NULL, date DESC,"
    " d.id"
)


def comments(
    store: Store, document_id: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Reader comments in thread order, optionally of one document."""
    where, params = _where({"c.document_id = ?": document_id})
    sql = (
        "SELECT c.document_id, c.id, c.parent, c.depth, c.author, c.published, c.text"
        f" FROM comments c {where} ORDER BY c.document_id, c.position"
    )
    return list(store.rows(sql + _limit(limit), params))


def search(store: Store, words: str, limit: int | None = 20) -> list[dict[str, Any]]:
    """Full-text search over titles and bodies (SQLite FTS5 syntax), best match first."""
    if store.dialect != "sqlite":
        return store.search(words, limit)  # type: ignore[attr-defined]
    sql = (
        "SELECT d.id, d.published, d.title,"
        " snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet"
        " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " WHERE documents_fts MATCH ? ORDER BY rank"
    )
    try:
        return list(store.rows(sql + _limit(limit), (words,)))
    except sqlite3.OperationalError:
        # Not valid FTS5 syntax: search for the words themselves.
        return list(store.rows(sql + _limit(limit), (_literal_words(words),)))


def _literal_words(words: str) -> str:
    """Quote each word so punctuation in user input is not read as FTS5 syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words.split()) or '""'


def show(store: Store, document_id: str) -> dict[str, Any] | None:
    """Everything stored for one document, in the shape `sitroom extract` prints."""
    rows = list(store.rows("SELECT * FROM documents WHERE id = ?", (document_id,)))
    if not rows:
        return None
    row = rows[0]
    document = {
        k: row[k]
        for k in ("id", "url", "title", "author", "published", "source", "language", "text")
    }
    return {
        "document": document,
        "comments": [
            {k: c[k] for k in ("id", "parent", "depth", "author", "published", "text")}
            for c in comments(store, document_id)
        ],
        "actors": _document_actors(store, document_id),
        "events": _records(store, "events", document_id),
        "quotes": _records(store, "quotes", document_id),
        "dates": list(
            store.rows(
                'SELECT text, start, "end", value, type FROM dates WHERE document_id = ?'
                " ORDER BY start, rowid",
                (document_id,),
            )
        ),
        "notes": json.loads(row["notes"]),
        "reference_date": row["reference_date"],
    }


def _records(store: Store, table: str, document_id: str) -> list[dict[str, Any]]:
    sql = f"SELECT record FROM {table} WHERE document_id = ? ORDER BY start, rowid"
    return [json.loads(r["record"]) for r in store.rows(sql, (document_id,))]


def _document_actors(store: Store, document_id: str) -> list[dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    sql = (
        'SELECT a.*, m.text AS m_text, m.start AS m_start, m."end" AS m_end FROM mentions m'
        " JOIN actors a ON a.id = m.actor_id WHERE m.document_id = ? ORDER BY m.start, m.rowid"
    )
    for r in store.rows(sql, (document_id,)):
        actor = actors.setdefault(
            r["id"],
            {k: r[k] for k in ("id", "name", "kind", "code", "sector", "office", "affiliation")}
            | {"mentions": []},
        )
        actor["mentions"].append({"text": r["m_text"], "start": r["m_start"], "end": r["m_end"]})
    return list(actors.values())


def actors(
    store: Store,
    name: str | None = None,
    code: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Actors across all documents, most mentioned first."""
    sql, params = _actors_sql(name, code, kind)
    return list(store.rows(sql + _limit(limit), params))


def _actors_sql(name: str | None, code: str | None, kind: str | None) -> tuple[str, list[Any]]:
    where, params = _where(
        {
            "a.name LIKE ?": f"%{name}%" if name else None,
            "a.code = ?": code.upper() if code else None,
            "a.kind = ?": kind,
        }
    )
    sql = (
        "SELECT a.id, a.name, a.kind, a.code, a.sector, a.office, a.affiliation,"
        " COUNT(m.actor_id) AS mentions, COUNT(DISTINCT m.document_id) AS documents"
        f" FROM actors a JOIN mentions m ON m.actor_id = a.id {where}"
        " GROUP BY a.id ORDER BY mentions DESC, a.name"
    )
    return sql, params


def quotes(
    store: Store,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    direct: bool | None = None,
    document_id: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Quotes with their document's date, filtered by speaker name and publication dates."""
    sql, params = _quotes_sql(speaker, since, until, direct, document_id)
    return [_with_doc(r) for r in store.rows(sql + _limit(limit), params)]


def _quotes_sql(
    speaker: str | None,
    since: str | None,
    until: str | None,
    direct: bool | None,
    document_id: str | None,
    speaker_id: str | None = None,
) -> tuple[str, list[Any]]:
    where, params = _where(
        {
            "q.speaker_name LIKE ?": f"%{speaker}%" if speaker else None,
            "COALESCE(d.published, d.reference_date) >= ?": since,
            "substr(COALESCE(d.published, d.reference_date), 1, 10) <= ?": until,
            "q.direct = ?": int(direct) if direct is not None else None,
            "q.document_id = ?": document_id,
            "q.speaker_id = ?": speaker_id,
        }
    )
    sql = (
        "SELECT q.record, d.id AS document_id,"
        " substr(COALESCE(d.published, d.reference_date), 1, 10) AS date, d.title FROM quotes q"
        f" JOIN documents d ON d.id = q.document_id {where}"
        " ORDER BY COALESCE(d.published, d.reference_date) IS NULL, date, d.id, q.start,"
        " q.rowid"
    )
    return sql, params


def events(
    store: Store,
    actor: str | None = None,
    recipient: str | None = None,
    code: str | None = None,
    event: str | None = None,
    mode: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document_id: str | None = None,
    include_negated: bool = True,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events filtered by actor / recipient name, country code (either side), type, mode, date."""
    where, params = _where(
        {
            _side("actor"): _both(f"%{actor}%") if actor else None,
            _side("recipient"): _both(f"%{recipient}%") if recipient else None,
            "(e.actor_code = ? OR e.recipient_code = ?)": _both(code.upper()) if code else None,
            "e.event = ?": event.upper() if event else None,
            "e.mode = ?": mode,
            "e.date >= ?": since,
            "e.date <= ?": until,
            "e.document_id = ?": document_id,
            "e.negated = ?": None if include_negated else 0,
        }
    )
    sql = (
        "SELECT e.record, d.id AS document_id, d.published, d.title, d.url, d.source"
        f" FROM events e JOIN documents d ON d.id = e.document_id {where}"
        " ORDER BY e.date IS NULL, e.date, d.id, e.start, e.rowid"
    )
    return [_with_doc(r) for r in store.rows(sql + _limit(limit), params)]


def timeline(store: Store, actor: str, limit: int | None = None) -> list[dict[str, Any]]:
    """A dated list of an actor's events (as actor or recipient) and quotes."""
    items = []
    for e in events(store, actor=actor) + events(store, recipient=actor):
        items.append(
            {
                "date": e["date"] or (e["published"] or "")[:10],
                "kind": "event",
                "what": _event_summary(e),
                "document_id": e["document_id"],
                "record": e,
            }
        )
    for q in quotes(store, speaker=actor):
        items.append(
            {
                "date": q["date"],
                "kind": "quote",
                "what": f"{q['cue'] or 'said'}: {q['content']}",
                "document_id": q["document_id"],
                "record": q,
            }
        )
    unique = {(i["kind"], i["record"]["id"]): i for i in items}
    ordered = sorted(unique.values(), key=lambda i: (i["date"] or "9999", i["kind"]))
    return ordered[:limit] if limit else ordered


def _side(role: str) -> str:
    """SQL matching a name on one side of an event, compound members included."""
    return (
        f"(e.{role}_name LIKE ? OR EXISTS (SELECT 1 FROM json_each(e.record, '$.co_{role}s')"
        " WHERE json_extract(value, '$.name') LIKE ?))"
    )


def _event_summary(e: dict[str, Any]) -> str:
    who = (e.get("actor") or {}).get("name") or "?"
    whom = (e.get("recipient") or {}).get("name")
    mode = f" ({e['mode']})" if e.get("mode") else ""
    return f"{who} {e['event']}{mode}" + (f" → {whom}" if whom else "")


def _with_doc(row: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(row.pop("record"))
    return record | row


def _both(value: str) -> tuple[str, str]:
    return (value, value)


def _where(conditions: dict[str, Any]) -> tuple[str, list[Any]]:
    """Build a WHERE clause from {sql: value}; a tuple value fills several placeholders."""
    clauses, params = [], []
    for sql, value in conditions.items():
        if value is None:
            continue
        clauses.append(sql)
        params.extend(value if isinstance(value, tuple) else (value,))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


# -- serving: pages, counts and aggregates for the API and the dashboard ----------------------
#
# Event lists are read newest first in keyset pages (a cursor names the last row seen), so a
# page costs the same at row 50 and at row 900,000. Counts per day, type and country are kept
# up to date by triggers (migration 0006) and answer the timeline, the map and list totals
# without reading the events; filters they cannot answer fall back to the events themselves.

INTERVALS = {
    "day": "day",
    "week": "date(day, 'weekday 0', '-6 days')",
    "month": "substr(day, 1, 7) || '-01'",
}
# The filters the pre-aggregated counts can answer.
_COUNTED = {"event", "since", "until", "country"}


class QueryError(ValueError):
    """A query parameter the store cannot use (a bad cursor, an unknown interval)."""


def encode_cursor(position: dict[str, Any]) -> str:
    """An opaque cursor for the next page (URL-safe)."""
    raw = json.dumps(position, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any]:
    """The position a cursor names; raises QueryError for anything not made by encode_cursor."""
    if not cursor:
        return {}
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise QueryError(f"not a cursor: {cursor!r}") from None
    if not isinstance(position, dict):
        raise QueryError(f"not a cursor: {cursor!r}")
    return position


def _event_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """WHERE clause for the event filters (the CLI's, plus ids and country involvement)."""
    party = "e.id IN (SELECT event_id FROM event_parties WHERE {})"
    actor, recipient, code = filters.get("actor"), filters.get("recipient"), filters.get("code")
    event, country = filters.get("event"), filters.get("country")
    negated = filters.get("include_negated", True)
    return _where(
        {
            party.format("role = 'actor' AND name LIKE ?"): f"%{actor}%" if actor else None,
            party.format("role = 'recipient' AND name LIKE ?"): (
                f"%{recipient}%" if recipient else None
            ),
            party.format("role = 'actor' AND actor_id = ?"): filters.get("actor_id"),
            party.format("role = 'recipient' AND actor_id = ?"): filters.get("recipient_id"),
            party.format("actor_id = ?"): filters.get("involving"),
            "e.id IN (SELECT event_id FROM event_countries WHERE code = ?)": (
                country.upper() if country else None
            ),
            "(e.actor_code = ? OR e.recipient_code = ?)": _both(code.upper()) if code else None,
            "e.event = ?": event.upper() if event else None,
            "e.mode = ?": filters.get("mode"),
            "e.date >= ?": filters.get("since"),
            "e.date <= ?": filters.get("until"),
            "e.document_id = ?": filters.get("document_id"),
            "e.negated = ?": None if negated else 0,
        }
    )


def _active(filters: dict[str, Any]) -> set[str]:
    return {k for k, v in filters.items() if v is not None and not (k == "include_negated" and v)}


def _counted(
    filters: dict[str, Any], per_country: bool = False
) -> tuple[str, list[Any]] | None:
    """WHERE clause over event_counts for these filters, or None when it cannot answer them.

    The counts of all events (code '') are read, or with `per_country` those of every country.
    """
    active = _active(filters)
    if not active <= _COUNTED:
        return None
    country = filters.get("country")
    where, params = _where(
        {
            "code = ?": country.upper() if country else None if per_country else "",
            "code != ?": "" if per_country else None,
            "event = ?": filters["event"].upper() if filters.get("event") else None,
            "day >= ?": filters.get("since"),
            "day <= ?": filters.get("until"),
            "day != ?": "" if active & {"since", "until"} else None,
        }
    )
    return where + " AND n > 0", params


def _number(store: Store, sql: str, params: list[Any]) -> int:
    """The one number a query answers (as column `n`)."""
    return int(next(store.rows(sql, params))["n"])


def event_count(store: Store, **filters: Any) -> int:
    """How many events match the filters (the same keyword arguments as `event_page`)."""
    counted = _counted(filters)
    if counted is not None:
        sql = f"SELECT COALESCE(SUM(n), 0) AS n FROM event_counts {counted[0]}"
        return _number(store, sql, counted[1])
    where, params = _event_where(filters)
    return _number(store, f"SELECT COUNT(*) AS n FROM events e {where}", params)


_EVENT_ROWS = (
    "SELECT e.record, e.date AS _date, e.id AS _id, d.id AS document_id, d.published, d.title,"
    " d.url, d.source FROM events e JOIN documents d ON d.id = e.document_id "
)


def event_page(
    store: Store, limit: int = 50, cursor: str | None = None, **filters: Any
) -> dict[str, Any]:
    """One page of events, newest first, as {"items", "total", "next"}.

    Args:
        store: the database.
        limit: events per page.
        cursor: the `next` of the previous page, or None for the first.
        **filters: actor, recipient (parts of names, compound members included), actor_id,
            recipient_id, involving (an actor id on either side), code (either side's country
            code, as the CLI's --code), country (any country the event involves: a side, a
            member or the place), event (PLOVER type), mode, since, until, document_id,
            include_negated.
    """
    position = decode_cursor(cursor)
    where, params = _event_where(filters)
    rows: list[dict[str, Any]] = []
    glue = "AND" if where else "WHERE"
    if position.get("d") is not None or not position:
        # Dated events first, by (date, id) descending.
        keyset = f" {glue} e.date IS NOT NULL"
        extra: list[Any] = []
        if position:
            keyset += " AND (e.date, e.id) < (?, ?)"
            extra = [position["d"], position.get("i", "")]
        sql = f"{_EVENT_ROWS}{where}{keyset} ORDER BY e.date DESC, e.id DESC LIMIT ?"
        rows = list(store.rows(sql, [*params, *extra, limit + 1]))
    if len(rows) <= limit:
        # Then the undated ones, by id descending.
        keyset = f" {glue} e.date IS NULL"
        extra = []
        if position and position.get("d") is None:
            keyset += " AND e.id < ?"
            extra = [position.get("i", "")]
        sql = f"{_EVENT_ROWS}{where}{keyset} ORDER BY e.id DESC LIMIT ?"
        rows += list(store.rows(sql, [*params, *extra, limit + 1 - len(rows)]))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        next_cursor = encode_cursor({"d": rows[-1]["_date"], "i": rows[-1]["_id"]})
    items = []
    for row in rows:
        del row["_date"], row["_id"]
        items.append(_with_doc(row))
    return {"items": items, "total": event_count(store, **filters), "next": next_cursor}


def event_counts(store: Store, interval: str = "day", **filters: Any) -> list[dict[str, Any]]:
    """Events per period and PLOVER type: [{"period", "event", "count"}], oldest first.

    Args:
        store: the database.
        interval: "day", "week" (periods start on Monday) or "month" (periods start on the 1st).
        **filters: as for `event_page`; undated events are left out.
    """
    if interval not in INTERVALS:
        raise QueryError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    period = INTERVALS[interval]
    counted = _counted(filters)
    if counted is not None:
        where, params = counted
        source = f"SELECT day, event, n FROM event_counts {where} AND day != ''"
    else:
        where, params = _event_where(filters)
        glue = "AND" if where else "WHERE"
        source = (
            f"SELECT e.date AS day, e.event, COUNT(*) AS n FROM events e {where}"
            f" {glue} e.date IS NOT NULL GROUP BY e.date, e.event"
        )
    sql = (
        f"SELECT {period} AS period, event, SUM(n) AS count FROM ({source})"
        " GROUP BY period, event ORDER BY period, event"
    )
    return list(store.rows(sql, params))


def country_counts(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Events per country involved (a side, a member, or the place): [{"code", "count"}]."""
    counted = None if filters.get("country") else _counted(filters, per_country=True)
    if counted is not None:
        where, params = counted
        sql = (
            f"SELECT code, SUM(n) AS count FROM event_counts {where}"
            " GROUP BY code ORDER BY count DESC, code"
        )
        return list(store.rows(sql, params))
    where, params = _event_where(filters)
    sql = (
        "SELECT c.code, COUNT(*) AS count FROM event_countries c JOIN events e ON e.id = c.event_id"
        f" {where} GROUP BY c.code ORDER BY count DESC, c.code"
    )
    return list(store.rows(sql, params))


def network(store: Store, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
    """Dyads of resolved actors, with counts per PLOVER type, busiest first.

    Returns:
        [{"actor_id", "actor", "actor_code", "recipient_id", "recipient", "recipient_code",
        "count", "types": {TYPE: count}}] for the `limit` busiest dyads.
    """
    where, params = _event_where(filters)
    glue = "AND" if where else "WHERE"
    sql = (
        "SELECT a.actor_id, a.name AS actor, a.code AS actor_code, r.actor_id AS recipient_id,"
        " r.name AS recipient, r.code AS recipient_code, e.event, COUNT(*) AS n"
        " FROM events e JOIN event_parties a ON a.event_id = e.id AND a.role = 'actor'"
        " JOIN event_parties r ON r.event_id = e.id AND r.role = 'recipient'"
        f" {where} {glue} a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL"
        " AND a.actor_id != r.actor_id GROUP BY a.actor_id, r.actor_id, e.event"
    )
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.rows(sql, params):
        key = (row["actor_id"], row["recipient_id"])
        dyad = dyads.setdefault(
            key, {k: row[k] for k in row if k not in ("event", "n")} | {"count": 0, "types": {}}
        )
        dyad["count"] += row["n"]
        dyad["types"][row["event"]] = row["n"]
    ranked = sorted(dyads.values(), key=lambda d: (-d["count"], d["actor"], d["recipient"]))
    return ranked[:limit]


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor with its mention, document and event counts (events per type and side)."""
    rows = list(store.rows("SELECT * FROM actors WHERE id = ?", (actor_id,)))
    if not rows:
        return None
    sql = (
        "SELECT COUNT(*) AS mentions, COUNT(DISTINCT document_id) AS documents"
        " FROM mentions WHERE actor_id = ?"
    )
    record = rows[0] | next(store.rows(sql, (actor_id,)))
    sql = (
        "SELECT role, event, COUNT(DISTINCT event_id) AS n FROM event_parties"
        " WHERE actor_id = ? GROUP BY role, event ORDER BY role, n DESC"
    )
    record["events"] = {"actor": {}, "recipient": {}}
    for row in store.rows(sql, (actor_id,)):
        record["events"][row["role"]][row["event"]] = row["n"]
    sql = "SELECT COUNT(*) AS n FROM quotes WHERE speaker_id = ?"
    record["quotes"] = _number(store, sql, [actor_id])
    return record


def _offset_page(
    store: Store, sql: str, params: list[Any], limit: int, cursor: str | None
) -> dict[str, Any]:
    """A page of a query by row offset (for lists far smaller than the events)."""
    offset = decode_cursor(cursor).get("o", 0)
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"not a cursor: {cursor!r}")
    rows = list(store.rows(f"{sql} LIMIT ? OFFSET ?", [*params, limit + 1, offset]))
    total = _number(store, f"SELECT COUNT(*) AS n FROM ({sql}) AS listed", params)
    more = len(rows) > limit
    next_cursor = encode_cursor({"o": offset + limit}) if more else None
    return {"items": rows[:limit], "total": total, "next": next_cursor}


def document_page(store: Store, limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """One page of `documents`, as {"items", "total", "next"}."""
    return _offset_page(store, _DOCUMENTS, [], limit, cursor)


def actor_page(
    store: Store, limit: int = 50, cursor: str | None = None, **filters: Any
) -> dict[str, Any]:
    """One page of `actors` (filters: name, code, kind), as {"items", "total", "next"}."""
    sql, params = _actors_sql(filters.get("name"), filters.get("code"), filters.get("kind"))
    return _offset_page(store, sql, params, limit, cursor)


def quote_page(
    store: Store, limit: int = 50, cursor: str | None = None, **filters: Any
) -> dict[str, Any]:
    """One page of `quotes` (filters: speaker, speaker_id, since, until, direct, document_id)."""
    sql, params = _quotes_sql(
        filters.get("speaker"),
        filters.get("since"),
        filters.get("until"),
        filters.get("direct"),
        filters.get("document_id"),
        filters.get("speaker_id"),
    )
    page = _offset_page(store, sql, params, limit, cursor)
    page["items"] = [_with_doc(r) for r in page["items"]]
    return page
