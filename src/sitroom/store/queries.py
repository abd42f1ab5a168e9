"""Questions analysts ask of the store, as plain functions returning dicts.

Each function returns full records (the contract's shape, for JSON) and the CLI flattens them
for tables and CSV. Filters are keyword arguments; None means "no filter".
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sitroom.records import DEFAULT_MIN_CONFIDENCE, EVENT_FLAGS
from sitroom.store import Store


def documents(
    store: Store,
    limit: int | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    language: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Stored documents, newest publication first, with their comment and event counts.

    Filters: publication (or reference) date on or after `since` and on or before `until`,
    part of the source's name, the detected language ("en") and the page kind ("news").
    """
    where, params = _where(
        {
            f"{_DOCUMENT_DATE} >= ?": since,
            f"substr({_DOCUMENT_DATE}, 1, 10) <= ?": until,
            "d.source LIKE ?": f"%{source}%" if source else None,
            "d.language = ?": language.lower() if language else None,
            "d.kind = ?": kind.lower() if kind else None,
        }
    )
    return list(store.rows(_DOCUMENTS.format(where=where) + _limit(limit), params))


@dataclass(frozen=True)
class EventView:
    """Which stored events a listing shows: the default dataset, and what each switch adds.

    By default only events a careful coder would sign: a resolved political actor or recipient,
    no flag (negated, hypothetical, future, historical) and a confidence of at least
    `min_confidence`. Each switch admits one kind of event that is otherwise hidden; `all`
    shows every stored event.
    """

    all: bool = False
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    uncoded: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def conditions(self) -> dict[str, Any]:
        """The SQL conditions of this view, for `_where`."""
        if self.all:
            return {}
        hidden: dict[str, Any] = {
            f"e.{flag} = ?": 0 for flag in EVENT_FLAGS if not getattr(self, flag)
        }
        if not self.uncoded:
            hidden["e.political = ?"] = 1
        hidden["e.confidence >= ?"] = self.min_confidence
        return hidden


DEFAULT_VIEW = EventView()


_DOCUMENT_DATE = "COALESCE(d.published, d.reference_date)"
# Stored documents, newest first, with their counts of comments, events and quotes.
_DOCUMENTS = (
    "SELECT d.id, COALESCE(d.published, d.reference_date) AS date, d.published,"
    " d.source, d.title, d.author, d.url, d.origin, d.language, d.kind,"
    " (SELECT COUNT(*) FROM comments c WHERE c.document_id = d.id) AS comments,"
    " (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS events,"
    " (SELECT COUNT(*) FROM quotes q WHERE q.document_id = d.id) AS quotes"
    # PostgreSQL reads an output name in ORDER BY only alone, not inside an expression.
    " FROM documents d {where} ORDER BY COALESCE(d.published, d.reference_date) IS NULL,"
    " date DESC, d.id"
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


def search(
    store: Store, words: str, limit: int | None = 20, notes: list[str] | None = None
) -> list[dict[str, Any]]:
    """Full-text search over titles and bodies (SQLite FTS5 syntax), best match first.

    Words that are not valid FTS5 syntax are searched for literally, and a note saying so
    (with SQLite's reason) is appended to `notes` when it is given.
    """
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
    except sqlite3.OperationalError as err:
        # Not valid FTS5 syntax: search for the words themselves, and say so.
        if notes is not None:
            notes.append(f"not valid search syntax ({err}); searched for the words literally")
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
        for k in ("id", "url", "title", "author", "published", "source", "language", "kind", "text")
    }
    return {
        "document": document,
        "comments": [
            {k: c[k] for k in ("id", "parent", "depth", "author", "published", "text")}
            for c in comments(store, document_id)
        ],
        "actors": _document_actors(store, document_id),
        "events": _document_events(store, document_id),
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


def _document_events(store: Store, document_id: str) -> list[dict[str, Any]]:
    """A document's events, each with its document, story and happening ids."""
    sql = (
        "SELECT e.record, e.document_id, p.story_id AS story, h.happening_id AS happening"
        " FROM events e LEFT JOIN story_profiles p ON p.document_id = e.document_id"
        " LEFT JOIN happening_events h ON h.event_id = e.id"
        " WHERE e.document_id = ? ORDER BY e.start, e.id"
    )
    return [_with_doc(r) for r in store.rows(sql, (document_id,))]


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


def actor_documents(
    store: Store,
    name: str | None = None,
    code: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The documents the matching actors are named in: one row per actor and document,
    newest document first, with the number of mentions."""
    where, params = _where(
        {
            "a.name LIKE ?": f"%{name}%" if name else None,
            "a.code = ?": code.upper() if code else None,
            "a.kind = ?": kind,
        }
    )
    sql = (
        "SELECT a.id AS actor_id, a.name, a.code, d.id AS document_id,"
        f" substr({_DOCUMENT_DATE}, 1, 10) AS date, d.title, d.source,"
        " COUNT(*) AS mentions FROM actors a JOIN mentions m ON m.actor_id = a.id"
        f" JOIN documents d ON d.id = m.document_id {where}"
        f" GROUP BY a.id, a.name, a.code, d.id, d.title, d.source, {_DOCUMENT_DATE}"
        f" ORDER BY {_DOCUMENT_DATE} IS NULL, date DESC, a.name, d.id"
    )
    return list(store.rows(sql + _limit(limit), params))


def _actor_filters(name: str | None, code: str | None, kind: str | None) -> tuple[str, list[Any]]:
    return _where(
        {
            "a.name LIKE ? ESCAPE '\\'": _contains(name) if name else None,
            "a.code = ?": code.upper() if code else None,
            "a.kind = ?": kind,
        }
    )


def _actors_count_sql(name: str | None, code: str | None, kind: str | None) -> str:
    """Counts the rows of `_actors_sql` (same parameters) without counting their mentions."""
    where, _ = _actor_filters(name, code, kind)
    named = "EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = a.id)"
    where = f"{where} AND {named}" if where else f"WHERE {named}"
    return f"SELECT COUNT(*) AS n FROM actors a {where}"


def _actors_sql(name: str | None, code: str | None, kind: str | None) -> tuple[str, list[Any]]:
    where, params = _actor_filters(name, code, kind)
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
            "q.speaker_name LIKE ? ESCAPE '\\'": _contains(speaker) if speaker else None,
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
    actor_code: str | None = None,
    recipient_code: str | None = None,
    country: str | None = None,
    source: str | None = None,
    language: str | None = None,
    view: EventView = DEFAULT_VIEW,
) -> list[dict[str, Any]]:
    """Events filtered by actor / recipient name, country code, type, mode, date, document.

    `code` matches the actor's or the recipient's code; `actor_code` and `recipient_code` one
    side only (compound members included); `country` every party of that country on either
    side — the state, its office holders and agencies, each coded with the country by the
    actor layer's knowledge base. `source` is part of the source's name, `language` the
    document's detected language. `view` chooses between the default dataset and the flagged
    or uncoded events kept beside it.
    """
    where, params = _where(
        {
            _side("actor"): _both(_contains(actor)) if actor else None,
            _side("recipient"): _both(_contains(recipient)) if recipient else None,
            "(e.actor_code = ? OR e.recipient_code = ?)": _both(code.upper()) if code else None,
            _party("actor"): actor_code.upper() if actor_code else None,
            _party("recipient"): recipient_code.upper() if recipient_code else None,
            _party(None): country.upper() if country else None,
            "e.event = ?": event.upper() if event else None,
            "e.mode = ?": mode,
            "e.date >= ?": since,
            "e.date <= ?": until,
            "e.document_id = ?": document_id,
            "d.source LIKE ?": f"%{source}%" if source else None,
            "d.language = ?": language.lower() if language else None,
            "e.negated = ?": None if include_negated else 0,
            **view.conditions(),
        }
    )
    sql = (
        "SELECT e.record, d.id AS document_id, d.published, d.title, d.url, d.source,"
        " p.story_id AS story, h.happening_id AS happening"
        " FROM events e JOIN documents d ON d.id = e.document_id"
        " LEFT JOIN story_profiles p ON p.document_id = e.document_id"
        f" LEFT JOIN happening_events h ON h.event_id = e.id {where}"
        " ORDER BY e.date IS NULL, e.date, d.id, e.start, e.rowid"
    )
    return [_with_doc(r) for r in store.rows(sql + _limit(limit), params)]


def timeline(
    store: Store, actor: str, limit: int | None = None, view: EventView = DEFAULT_VIEW
) -> list[dict[str, Any]]:
    """A dated list of an actor's events (as actor or recipient, shown by `view`) and quotes.

    `actor` is part of a name. For an organisation the timeline also holds what the people
    acting for it did and said ("NATO": its Secretary General's visits); for a country, what
    every actor of that country did and said (its state, office holders and agencies).
    """
    items = []
    found = (
        events(store, actor=actor, view=view)
        + events(store, recipient=actor, view=view)
        + _on_behalf(store, actor, view)
    )
    for e in found:
        items.append(
            {
                "date": e["date"] or (e["published"] or "")[:10],
                "kind": "event",
                "what": _event_summary(e),
                "document_id": e["document_id"],
                "record": e,
            }
        )
    for q in quotes(store, speaker=actor) + _quotes_on_behalf(store, actor):
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


def _bodies(store: Store, actor: str) -> tuple[list[str], list[str]]:
    """The organisations (names) and countries (codes) whose name contains `actor`."""
    rows = list(
        store.rows(
            "SELECT name, kind, code FROM actors WHERE name LIKE ? AND kind IN"
            " ('organization', 'country')",
            (f"%{actor}%",),
        )
    )
    organisations = {r["name"] for r in rows if r["kind"] == "organization"}
    # An organisation may be named only as the body its people act for ("NATO Secretary
    # General Mark Rutte" names no NATO actor, only Rutte acting for it).
    affiliations = store.rows(
        "SELECT DISTINCT affiliation FROM actors WHERE affiliation LIKE ?", (f"%{actor}%",)
    )
    organisations = sorted(organisations | {r["affiliation"] for r in affiliations})
    countries = {r["code"] for r in rows if r["kind"] == "country" and r["code"]}
    # A country named in full whose people act in the store though the state itself is never
    # named ("United States" for a story about its president): the knowledge base knows it.
    from sitroom.knowledge import knowledge

    code = knowledge().country_code(actor)
    if code:
        countries.add(code)
    return organisations, sorted(countries)


def _on_behalf(store: Store, actor: str, view: EventView = DEFAULT_VIEW) -> list[dict[str, Any]]:
    """Events of the people acting for a matching organisation, or of any actor of a
    matching country (either side), as `view` shows them."""
    organisations, countries = _bodies(store, actor)
    found: list[dict[str, Any]] = []
    for name in organisations:
        affiliated = (
            "(json_extract(e.record, '$.actor.affiliation') = ?"
            " OR json_extract(e.record, '$.recipient.affiliation') = ?)"
        )
        found += _events_where(store, affiliated, [name, name], view)
    for code in countries:
        found += events(store, country=code, view=view)
    return found


def _events_where(
    store: Store, condition: str, params: list[Any], view: EventView = DEFAULT_VIEW
) -> list[dict[str, Any]]:
    shown, more = _where(view.conditions())
    if shown:
        condition = f"{condition} AND {shown.removeprefix('WHERE ')}"
        params = [*params, *more]
    sql = (
        "SELECT e.record, d.id AS document_id, d.published, d.title, d.url, d.source"
        f" FROM events e JOIN documents d ON d.id = e.document_id WHERE {condition}"
        " ORDER BY e.date IS NULL, e.date, d.id, e.start, e.rowid"
    )
    return [_with_doc(r) for r in store.rows(sql, params)]


def _quotes_on_behalf(store: Store, actor: str) -> list[dict[str, Any]]:
    """Quotes of speakers acting for a matching organisation or of a matching country."""
    organisations, countries = _bodies(store, actor)
    conditions = [("json_extract(q.record, '$.speaker.affiliation') = ?", n) for n in organisations]
    conditions += [("json_extract(q.record, '$.speaker.code') = ?", c) for c in countries]
    found: list[dict[str, Any]] = []
    for condition, value in conditions:
        sql = (
            "SELECT q.record, d.id AS document_id,"
            " substr(COALESCE(d.published, d.reference_date), 1, 10) AS date, d.title"
            f" FROM quotes q JOIN documents d ON d.id = q.document_id WHERE {condition}"
        )
        found += [_with_doc(r) for r in store.rows(sql, (value,))]
    return found


def _side(role: str) -> str:
    """SQL matching a name on one side of an event, compound members included."""
    return (
        f"(e.{role}_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(e.record,"
        f" '$.co_{role}s') WHERE json_extract(value, '$.name') LIKE ? ESCAPE '\\'))"
    )


def _party(role: str | None) -> str:
    """SQL matching a code among an event's parties on one side (None: either side)."""
    side = f" AND p.role = '{role}'" if role else ""
    return f"EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.id{side} AND p.code = ?)"


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


# SQLite's LIMIT is a signed 64-bit integer; a larger --limit means "all of them".
MAX_LIMIT = 2**63 - 1


def _limit(limit: int | None) -> str:
    return f" LIMIT {min(int(limit), MAX_LIMIT)}" if limit else ""


def _contains(words: str) -> str:
    """A LIKE pattern matching `words` anywhere, with % and _ in them taken literally."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
