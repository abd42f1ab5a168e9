"""Reading stories and happenings back: the lists and records the CLI, the API and exports
share. Functions return contract-shaped dicts; filters are keyword arguments, None = no filter.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sitroom.formats.tables import in_default_dataset
from sitroom.store.base import Backend
from sitroom.store.queries import _contains, _limit, _where

TOP_ACTORS = 5


def stories(
    store: Backend,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    event: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stories, latest first: id, title, documents, first/last day, top actors, places and the
    number of happenings and events."""
    where, params = _where(
        {
            "s.id IN (SELECT p.story_id FROM story_profiles p"
            " JOIN mentions m ON m.document_id = p.document_id JOIN actors a ON a.id = m.actor_id"
            " WHERE a.name LIKE ? ESCAPE '\\' OR a.code = ?)": (_contains(actor), actor.upper())
            if actor
            else None,
            "(s.last IS NULL OR s.last >= ?)": since,
            "(s.first IS NULL OR s.first <= ?)": until,
            "s.id IN (SELECT story_id FROM happenings WHERE event = ?)": event.upper()
            if event
            else None,
        }
    )
    sql = (
        f"SELECT s.id, s.title, s.first, s.last, s.documents FROM stories s {where}"
        " ORDER BY s.last IS NULL, s.last DESC, s.documents DESC, s.id"
    )
    return [_summary(store, row) for row in store.rows(sql + _limit(limit), params)]


def _summary(store: Backend, row: dict[str, Any]) -> dict[str, Any]:
    story_id = row["id"]
    documents = [
        r["document_id"]
        for r in store.rows(
            "SELECT document_id FROM story_profiles WHERE story_id = ? ORDER BY position",
            (story_id,),
        )
    ]
    actors = list(
        store.rows(
            "SELECT a.id, a.name, a.code, COUNT(*) AS n FROM story_profiles p"
            " JOIN mentions m ON m.document_id = p.document_id JOIN actors a ON a.id = m.actor_id"
            " WHERE p.story_id = ? GROUP BY a.id, a.name, a.code ORDER BY n DESC, a.name, a.id"
            f" LIMIT {TOP_ACTORS}",
            (story_id,),
        )
    )
    happenings = [
        json.loads(r["record"])
        # In a fixed order: places that tie keep it, on any backend.
        for r in store.rows(
            "SELECT record FROM happenings WHERE story_id = ? ORDER BY id", (story_id,)
        )
    ]
    places = Counter(
        (h["location"].get("name"), h["location"].get("country"))
        for h in happenings
        if h.get("location") and h["location"].get("name")
    )
    events = store.db.execute(
        "SELECT COUNT(*) FROM happening_events h JOIN happenings x ON x.id = h.happening_id"
        " WHERE x.story_id = ?",
        (story_id,),
    ).fetchone()[0]
    return {
        "id": story_id,
        "title": row["title"],
        "documents": documents,
        "first": row["first"],
        "last": row["last"],
        "actors": [{"id": a["id"], "name": a["name"], "code": a["code"]} for a in actors],
        "places": [{"name": n, "country": c} for (n, c), _ in places.most_common(TOP_ACTORS)],
        "happenings": len(happenings),
        "events": int(events),
    }


def story(store: Backend, story_id: str) -> dict[str, Any] | None:
    """One story with its documents, the timeline of its happenings and its quotes."""
    rows = list(
        store.rows(
            "SELECT id, title, first, last, documents FROM stories WHERE id = ?", (story_id,)
        )
    )
    if not rows:
        return None
    record = _summary(store, rows[0])
    record["documents"] = list(
        store.rows(
            "SELECT d.id, d.published, d.source, d.title, d.url, p.original_id AS duplicate_of"
            " FROM story_profiles p JOIN documents d ON d.id = p.document_id"
            " WHERE p.story_id = ? ORDER BY p.position",
            (story_id,),
        )
    )
    record["timeline"] = happenings(store, story=story_id, all_events=True)
    record["quotes"] = [
        json.loads(r["record"]) | {"document_id": r["document_id"]}
        for r in store.rows(
            "SELECT q.record, q.document_id FROM quotes q JOIN story_profiles p"
            " ON p.document_id = q.document_id WHERE p.story_id = ? ORDER BY p.position, q.start",
            (story_id,),
        )
    ]
    return record


def happenings(
    store: Backend,
    actor: str | None = None,
    recipient: str | None = None,
    code: str | None = None,
    event: str | None = None,
    mode: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    all_events: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Happenings (merged records with `documents`, `sources`, `first_reported`, `members`),
    by date; only those in the default dataset unless `all_events`."""
    where, params = _where(
        {
            "h.event = ?": event.upper() if event else None,
            "h.mode = ?": mode,
            "h.date >= ?": since,
            "h.date <= ?": until,
            "h.story_id = ?": story,
            "(h.actor_code = ? OR h.recipient_code = ?)": (code.upper(), code.upper())
            if code
            else None,
        }
    )
    rows = store.rows(
        f"SELECT h.id, h.story_id, h.record FROM happenings h {where}"
        " ORDER BY h.date IS NULL, h.date, h.first_reported, h.id",
        params,
    )
    found = []
    for row in rows:
        record = json.loads(row["record"]) | {"story": row["story_id"]}
        if not all_events and not in_default_dataset(record):
            continue
        if actor and not _named(record.get("actor"), actor):
            continue
        if recipient and not _named(record.get("recipient"), recipient):
            continue
        found.append(record)
        if limit and len(found) >= limit:
            break
    return found


def _named(entity: dict[str, Any] | None, part: str) -> bool:
    return bool(entity) and part.lower() in str(entity.get("name") or "").lower()
