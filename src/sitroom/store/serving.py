"""Serving queries: pages, counts and aggregates for the API and the dashboard.

Event lists are read newest first in keyset pages (a cursor names the last row seen), so a
page costs the same at row 50 and at row 900,000. Counts per day, type and country, dyads per
month and every party name are kept up to date by triggers, for every stored event (the
`0006_serving_*` migrations) and for the default dataset (`0009_default_counts`), and answer
the timeline, the map, the network and list totals without reading the events; one actor's or
one name's events are counted from their party rows. Filters these cannot answer fall back to
the events themselves. The WHERE clauses and record shapes are those of `queries`, which these
functions extend; SQLite's planner hints are dropped on PostgreSQL.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sitroom.store import Store
from sitroom.store.queries import (
    EventView,
    _both,
    _contains,
    _party,
    _where,
    _with_doc,
)

ALL_EVENTS = EventView(all=True)
# The view the default summaries count (0009_default_counts holds its rules in SQL).
COUNTED_VIEW = EventView(min_confidence=0.5)
INTERVALS = {
    "day": "day",
    "week": "date(day, 'weekday 0', '-6 days')",
    "month": "substr(day, 1, 7) || '-01'",
}
# The Monday of a day's week where SQLite's date modifiers do not exist.
SERVER_WEEK = "to_char(date_trunc('week', CAST(day AS date)), 'YYYY-MM-DD')"
_INDEXED_BY = re.compile(r" INDEXED BY \w+")
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


def _event_where(
    filters: dict[str, Any], skip: frozenset[str] = frozenset()
) -> tuple[str, list[Any]]:
    """WHERE clause for the event filters (the CLI's, plus ids and country involvement),
    leaving out those in `skip` (answered by the table a query is driven from)."""
    filters = {k: v for k, v in filters.items() if k not in skip}
    party = "e.id IN (SELECT event_id FROM event_parties WHERE {})"
    named = "role = '{}' AND name IN (SELECT name FROM party_names WHERE name LIKE ? ESCAPE '\\')"
    actor, recipient, code = filters.get("actor"), filters.get("recipient"), filters.get("code")
    event, country = filters.get("event"), filters.get("country")
    negated = filters.get("include_negated", True)
    in_country = "e.id IN (SELECT event_id FROM event_countries WHERE code = ?)"
    return _where(
        {
            party.format(named.format("actor")): _contains(actor) if actor else None,
            party.format(named.format("recipient")): _contains(recipient) if recipient else None,
            party.format("role = 'actor' AND actor_id = ?"): filters.get("actor_id"),
            party.format("role = 'recipient' AND actor_id = ?"): filters.get("recipient_id"),
            party.format("actor_id = ?"): filters.get("involving"),
            in_country: country.upper() if country else None,
            "(e.actor_code = ? OR e.recipient_code = ?)": _both(code.upper()) if code else None,
            "e.event = ?": event.upper() if event else None,
            "e.mode = ?": filters.get("mode"),
            "e.date >= ?": filters.get("since"),
            "e.date <= ?": filters.get("until"),
            "e.document_id = ?": filters.get("document_id"),
            "e.negated = ?": None if negated else 0,
            **_view(filters).conditions(),
            _party("actor"): _upper(filters.get("actor_code")),
            _party("recipient"): _upper(filters.get("recipient_code")),
            # The document's own columns: `_events(filters)` joins the documents for these.
            "d.source LIKE ? ESCAPE '\\'": _contains(filters["source"])
            if filters.get("source")
            else None,
            "d.language = ?": _lower(filters.get("language")),
        }
    )


def _view(filters: dict[str, Any]) -> EventView:
    """The `view` filter: which events are shown (every stored one when it is absent).

    The API always passes one, built from its query parameters: the default dataset unless
    widened by the same switches as the CLI's.
    """
    return filters.get("view") or ALL_EVENTS


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


def _events(filters: dict[str, Any]) -> str:
    """The events, joined to their documents when a filter reads the document's columns."""
    if filters.get("source") or filters.get("language"):
        return "events e JOIN documents d ON d.id = e.document_id"
    return "events e"


def _active(filters: dict[str, Any]) -> set[str]:
    """The filters in force, besides the view (a "no negated" the view implies is none)."""
    active = {k for k, v in filters.items() if v is not None and k != "view"}
    view = _view(filters)
    if filters.get("include_negated", True) or not (view.all or view.negated):
        active.discard("include_negated")
    return active


def _summaries(filters: dict[str, Any]) -> tuple[str, str] | None:
    """The pre-aggregated (counts, dyads) tables of the filters' view, if it has them: every
    stored event, or the default dataset."""
    view = _view(filters)
    if view.all:
        return "event_counts", "dyad_counts"
    if view == COUNTED_VIEW:
        return "default_counts", "default_dyads"
    return None


def _counted(
    filters: dict[str, Any], per_country: bool = False
) -> tuple[str, str, list[Any]] | None:
    """The counts table and a WHERE clause over it for these filters, or None when the
    pre-aggregated counts cannot answer them.

    The counts of all events (code '') are read, or with `per_country` those of every country.
    """
    summaries = _summaries(filters)
    active = _active(filters)
    if summaries is None or not active <= _COUNTED:
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
    return summaries[0], where + " AND n > 0", params


def _rows(store: Store, sql: str, params: Any) -> Any:
    """The rows of a serving query. Its SQLite planner hints (INDEXED BY, and CROSS JOIN,
    which fixes SQLite's join order) are dropped where the server plans the query itself."""
    if store.dialect != "sqlite":
        sql = _INDEXED_BY.sub("", sql).replace("CROSS JOIN", "JOIN")
    return store.rows(sql, params)


def _number(store: Store, sql: str, params: list[Any]) -> int:
    """The one number a query answers (as column `n`)."""
    return int(next(_rows(store, sql, params))["n"])


def event_count(store: Store, **filters: Any) -> int:
    """How many events match the filters (the same keyword arguments as `event_page`)."""
    counted = _counted(filters)
    if counted is not None:
        table, where, params = counted
        return _number(store, f"SELECT COALESCE(SUM(n), 0) AS n FROM {table} {where}", params)
    sliced = _party_slice(filters)
    if sliced is not None:
        index, where, params = sliced
        # Along the index: an actor's distinct events come in order, no sort.
        sql = f"SELECT COUNT(DISTINCT event_id) AS n FROM event_parties INDEXED BY {index} {where}"
        return _number(store, sql, params)
    where, params = _event_where(filters)
    return _number(store, f"SELECT COUNT(*) AS n FROM {_events(filters)} {where}", params)


# Filters naming one party (by id, or by part of a name on one side), each with its roles.
_PARTY_KEYS = {
    "actor_id": ("actor",),
    "recipient_id": ("recipient",),
    "involving": ("actor", "recipient"),
    "actor": ("actor",),
    "recipient": ("recipient",),
}


def _party_slice(filters: dict[str, Any]) -> tuple[str, str, list[Any]] | None:
    """The index and WHERE clause over event_parties holding the events of the one party the
    filters name (with a type and dates), or None when they ask more than that.

    The party rows carry their event's type and date and whether the default dataset shows it,
    so a busy actor's events are counted without reading a single event.
    """
    keys = _active(filters) & set(_PARTY_KEYS)
    view = _view(filters)
    if len(keys) != 1 or not _active(filters) - keys <= {"event", "since", "until"}:
        return None
    if not (view.all or view == COUNTED_VIEW):
        return None
    key = keys.pop()
    roles = _PARTY_KEYS[key]
    if key in ("actor", "recipient"):
        party = ("name IN (SELECT name FROM party_names WHERE name LIKE ? ESCAPE '\\')", key)
        index, value = "event_parties_name", _contains(filters[key])
    else:
        party, index, value = ("actor_id = ?", key), "event_parties_actor_events", filters[key]
    where, params = _where(
        {
            party[0]: value,
            f"role IN ({', '.join('?' * len(roles))})": roles,
            "event = ?": filters["event"].upper() if filters.get("event") else None,
            "date >= ?": filters.get("since"),
            "date <= ?": filters.get("until"),
            "shown = ?": None if view.all else 1,
        }
    )
    return index, where, params


_EVENT_COLUMNS = (
    "SELECT {distinct} e.record, {t}.date AS _date, {key} AS _id, d.id AS document_id,"
    " d.published, d.title, d.url, d.source FROM {source} JOIN documents d"
    " ON d.id = e.document_id "
)


@dataclass(frozen=True)
class _Driver:
    """A table a list is read from in (date, id) order: the events, or for a country or an
    actor the rows of event_countries / event_parties that hold it (an index slice), with the
    filters that table answers itself."""

    source: str
    table: str  # alias of the table holding `date`, `event` and the key
    key: str
    condition: str = ""
    params: tuple[Any, ...] = ()
    answers: frozenset[str] = frozenset()
    distinct: bool = False


def _drivers(filters: dict[str, Any]) -> list[_Driver]:
    """The tables to read a filtered list from (two for an actor on either side)."""
    answered = frozenset({"event", "since", "until"})
    if filters.get("country"):
        source = "event_countries c CROSS JOIN events e ON e.id = c.event_id"
        code = (filters["country"].upper(),)
        return [_Driver(source, "c", "c.event_id", "c.code = ?", code, answered | {"country"})]
    for key, roles in (
        ("actor_id", ("actor",)),
        ("recipient_id", ("recipient",)),
        ("involving", ("actor", "recipient")),
    ):
        if filters.get(key):
            source = "event_parties p CROSS JOIN events e ON e.id = p.event_id"
            return [
                _Driver(
                    source,
                    "p",
                    "p.event_id",
                    "p.actor_id = ? AND p.role = ?",
                    (filters[key], role),
                    answered | {key},
                    distinct=True,
                )
                for role in roles
            ]
    return [_Driver("events e", "e", "e.id")]


def _driven_rows(
    store: Store,
    driver: _Driver,
    filters: dict[str, Any],
    position: dict[str, Any],
    dated: bool,
    limit: int,
    walk: bool = False,
) -> list[dict[str, Any]]:
    """Up to `limit` rows after `position`, newest first, dated or undated ones."""
    t = driver.table
    conditions, params = [driver.condition] if driver.condition else [], list(driver.params)
    event = filters.get("event")
    for sql, value in (
        (f"{t}.event = ?", event.upper() if event else None),
        (f"{t}.date >= ?", filters.get("since")),
        (f"{t}.date <= ?", filters.get("until")),
    ):
        if value is not None:
            conditions.append(sql)
            params.append(value)
    where, more = _event_where(filters, driver.answers | {"event", "since", "until"})
    if store.dialect == "sqlite":
        if walk:  # a unary + keeps SQLite from reading the events through the id lists
            where = where.replace("e.id IN", "+e.id IN")
        for condition in _view(filters).conditions():
            # The view holds most events: read newest first and check it, never sort it all.
            where = where.replace(condition, f"+{condition}")
    if where:
        conditions.append(where.removeprefix("WHERE "))
        params += more
    conditions.append(f"{t}.date IS NOT NULL" if dated else f"{t}.date IS NULL")
    if position and dated:
        conditions.append(f"({t}.date, {driver.key}) < (?, ?)")
        params += [position["d"], position.get("i", "")]
    elif position and position.get("d") is None:
        conditions.append(f"{driver.key} < ?")
        params.append(position.get("i", ""))
    order = f"{t}.date DESC, {driver.key} DESC" if dated else f"{driver.key} DESC"
    select = _EVENT_COLUMNS.format(
        distinct="DISTINCT" if driver.distinct else "", t=t, key=driver.key, source=driver.source
    )
    sql = f"{select} WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT ?"
    return list(_rows(store, sql, [*params, limit]))


def event_page(
    store: Store,
    limit: int = 50,
    cursor: str | None = None,
    total: int | None = None,
    **filters: Any,
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
            include_negated, view (an `EventView`; every stored event when absent).
        total: the count of matching events when the caller knows it (e.g. from a cache).
    """
    position = decode_cursor(cursor)
    drivers = _drivers(filters)
    total = event_count(store, **filters) if total is None else total
    # Name filters become lists of matching event ids. When they match many events, walking
    # the events newest first and stopping at a page is cheaper than sorting every match.
    walk = drivers[0].table == "e" and total * 1000 >= event_count(store)
    rows: list[dict[str, Any]] = []
    # Dated events first, by (date, id) descending; then the undated ones, by id descending.
    for dated in (True, False):
        if dated and position and position.get("d") is None:
            continue
        found = {}
        for driver in drivers:
            wanted = limit + 1 - len(rows)
            for row in _driven_rows(store, driver, filters, position, dated, wanted, walk):
                found.setdefault(row["_id"], row)
        ordered = sorted(found.values(), key=lambda r: (r["_date"] or "", r["_id"]), reverse=True)
        rows += ordered[: limit + 1 - len(rows)]
        if len(rows) > limit:
            break
        position = {}  # the undated ones start from the top
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more:
        next_cursor = encode_cursor({"d": rows[-1]["_date"], "i": rows[-1]["_id"]})
    items = []
    for row in rows:
        del row["_date"], row["_id"]
        items.append(_with_doc(row))
    return {"items": items, "total": total, "next": next_cursor}


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
    if interval == "week" and store.dialect != "sqlite":
        period = SERVER_WEEK
    counted = _counted(filters)
    sliced = None if counted else _party_slice(filters)
    if counted is not None:
        table, where, params = counted
        source = f"SELECT day, event, n FROM {table} {where} AND day != ''"
    elif sliced is not None:
        index, where, params = sliced
        source = (
            "SELECT date AS day, event, COUNT(DISTINCT event_id) AS n FROM event_parties"
            f" INDEXED BY {index} {where} AND date IS NOT NULL GROUP BY date, event"
        )
    else:
        where, params = _event_where(filters)
        glue = "AND" if where else "WHERE"
        source = (
            f"SELECT e.date AS day, e.event, COUNT(*) AS n FROM {_events(filters)} {where}"
            f" {glue} e.date IS NOT NULL GROUP BY e.date, e.event"
        )
    sql = (
        f"SELECT {period} AS period, event, SUM(n) AS count FROM ({source}) AS counted"
        " GROUP BY period, event ORDER BY period, event"
    )
    return list(_rows(store, sql, params))


def country_counts(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Events per country involved (a side, a member, or the place): [{"code", "count"}]."""
    counted = None if filters.get("country") else _counted(filters, per_country=True)
    if counted is not None:
        table, where, params = counted
        sql = (
            f"SELECT code, SUM(n) AS count FROM {table} {where}"
            " GROUP BY code ORDER BY count DESC, code"
        )
        return list(_rows(store, sql, params))
    where, params = _event_where(filters)
    sql = (
        f"SELECT c.code, COUNT(*) AS count FROM event_countries c JOIN {_events(filters)}"
        f" ON e.id = c.event_id {where} GROUP BY c.code ORDER BY count DESC, c.code"
    )
    return list(_rows(store, sql, params))


def network(store: Store, limit: int = 100, **filters: Any) -> list[dict[str, Any]]:
    """Dyads of resolved actors, with counts per PLOVER type, busiest first.

    Returns:
        [{"actor_id", "actor", "actor_code", "recipient_id", "recipient", "recipient_code",
        "count", "types": {TYPE: count}}] for the `limit` busiest dyads.
    """
    summaries = _summaries(filters)
    if summaries is not None and _active(filters) <= {"event", "since", "until"}:
        rows = _monthly_dyads(store, summaries[1], filters)
    else:
        rows = _scanned_dyads(store, filters)
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["actor_id"], row["recipient_id"])
        dyad = dyads.setdefault(
            key, {k: row[k] for k in row if k not in ("event", "n")} | {"count": 0, "types": {}}
        )
        dyad["count"] += row["n"]
        dyad["types"][row["event"]] = dyad["types"].get(row["event"], 0) + row["n"]
    ranked = sorted(dyads.values(), key=lambda d: (-d["count"], d["actor"], d["recipient"]))
    return ranked[:limit]


def _scanned_dyads(store: Store, filters: dict[str, Any]) -> list[dict[str, Any]]:
    if _summaries(filters) and _active(filters) <= {"event", "since", "until"}:
        # The party rows hold the type and whether the view shows the event: the events are
        # read along their date index only, never their rows (large: they hold the records).
        event, view = filters.get("event"), _view(filters)
        where, params = _where(
            {
                "a.event = ?": event.upper() if event else None,
                "e.date >= ?": filters.get("since"),
                "e.date <= ?": filters.get("until"),
                "a.shown = ?": None if view.all else 1,
            }
        )
    else:
        where, params = _event_where(filters)
    glue = "AND" if where else "WHERE"
    sql = (
        "SELECT a.actor_id, MAX(a.name) AS actor, MAX(a.code) AS actor_code,"
        " r.actor_id AS recipient_id, MAX(r.name) AS recipient, MAX(r.code) AS recipient_code,"
        " a.event, COUNT(*) AS n"
        # CROSS JOIN: the filtered events drive, each looks its parties up (never the reverse).
        f" FROM {_events(filters)} CROSS JOIN event_parties a ON a.event_id = e.id"
        " AND a.role = 'actor'"
        " CROSS JOIN event_parties r ON r.event_id = e.id AND r.role = 'recipient'"
        f" {where} {glue} a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL"
        " AND a.actor_id != r.actor_id AND e.date IS NOT NULL"
        " GROUP BY a.actor_id, r.actor_id, a.event"
    )
    return list(_rows(store, sql, params))


def _monthly_dyads(store: Store, table: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Whole months of a range from the dyads `table`, the days at its edges from the events."""
    since, until = filters.get("since"), filters.get("until")
    first = _next_month(since[:7]) if since and since[8:10] != "01" else since and since[:7]
    end = until and (_next_month(until[:7]) if until[:10] == _last_day(until) else until[:7])
    if first and end and first >= end:  # no whole month inside: read the days themselves
        return _scanned_dyads(store, filters)
    where, params = _where(
        {
            "event = ?": filters["event"].upper() if filters.get("event") else None,
            "month >= ?": first,
            "month < ?": end,
        }
    )
    sql = (
        "SELECT actor_id, MAX(actor) AS actor, MAX(actor_code) AS actor_code, recipient_id,"
        " MAX(recipient) AS recipient, MAX(recipient_code) AS recipient_code, event,"
        f" SUM(n) AS n FROM {table} {where} GROUP BY actor_id, recipient_id, event"
        " HAVING SUM(n) > 0"
    )
    rows = list(_rows(store, sql, params))
    if since and first != since[:7]:
        day_before = dt.date.fromisoformat(f"{first}-01") - dt.timedelta(days=1)
        rows += _scanned_dyads(store, {**filters, "until": day_before.isoformat()})
    if until and end == until[:7]:
        rows += _scanned_dyads(store, {**filters, "since": f"{end}-01"})
    return rows


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _last_day(day: str) -> str:
    """The last day of the month of `day` (YYYY-MM-DD)."""
    year, month = int(day[:4]), int(day[5:7])
    return f"{day[:7]}-{calendar.monthrange(year, month)[1]:02d}"
