"""Happenings: the events of one story's reports merged when they describe the same real-world
event, each keeping every member event (document, sentence, offsets) and counting the
documents and the independent sources behind it.

Two events can be one happening when they are of the same PLOVER type, their actors and
recipients are compatible (equal codes, or one side unknown: a person and their country share a
code), their dates are as close as the dates' precision allows, and they do not name places in
different countries. Among compatible happenings the one sharing most is chosen.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from sitroom.records import stable_id
from sitroom.store import Store

DAY_WINDOW = 1  # two exact days this far apart can be one happening (time zones, late reports)
MERGE_SAMPLE = 100  # member records read to merge a happening
PUBLISHED_WINDOW = 3  # a date taken from the publication day is only roughly the event's


def place(store: Store, story_id: str, document_id: str) -> set[str]:
    """Put each event of a document into a happening of its story; return the happenings hit."""
    touched: set[str] = set()
    events = store.db.execute(
        "SELECT id, record FROM events WHERE document_id = ? ORDER BY start, id", (document_id,)
    ).fetchall()
    for event_id, record_json in events:
        event = json.loads(record_json)
        happening_id = _best(store, story_id, event) or stable_id("h", event_id)
        store.db.execute(
            "INSERT INTO happening_events VALUES (?, ?, ?) ON CONFLICT(event_id) DO UPDATE"
            " SET happening_id = excluded.happening_id, document_id = excluded.document_id",
            (event_id, happening_id, document_id),
        )
        if not _exists(store, happening_id):
            store.db.execute(
                "INSERT INTO happenings VALUES (?, ?, ?, NULL, NULL, NULL, NULL, 0, 0, NULL, '{}')",
                (happening_id, story_id, event["event"]),
            )
            refresh(store, happening_id)  # now, so the document's later events can join it
        touched.add(happening_id)
    for happening_id in touched:
        refresh(store, happening_id)
    return touched


def leave(store: Store, document_id: str) -> set[str]:
    """Take a document's events out of their happenings; return the happenings touched."""
    rows = store.db.execute(
        "SELECT DISTINCT happening_id FROM happening_events WHERE document_id = ?", (document_id,)
    ).fetchall()
    store.db.execute("DELETE FROM happening_events WHERE document_id = ?", (document_id,))
    touched = {r[0] for r in rows}
    for happening_id in touched:
        refresh(store, happening_id)
    return touched


def _exists(store: Store, happening_id: str) -> bool:
    row = store.db.execute("SELECT 1 FROM happenings WHERE id = ?", (happening_id,))
    return row.fetchone() is not None


def _best(store: Store, story_id: str, event: dict[str, Any]) -> str | None:
    sql = "SELECT id, record FROM happenings WHERE story_id = ? AND event = ?"
    params: list[Any] = [story_id, event["event"]]
    day = _day(event.get("date"))
    if day:  # only happenings its date can meet: a long story holds many of one type
        sql += " AND (date IS NULL OR LENGTH(date) < 10 OR date BETWEEN ? AND ?)"
        params += [
            str(day - dt.timedelta(days=PUBLISHED_WINDOW)),
            str(day + dt.timedelta(days=PUBLISHED_WINDOW)),
        ]
    rows = store.db.execute(sql, params).fetchall()
    best, best_score = None, 0  # a happening must share something beyond the type
    for happening_id, record_json in rows:
        merged = json.loads(record_json)
        if not compatible(event, merged):
            continue
        score = _shared(event, merged)
        if score > best_score:
            best, best_score = happening_id, score
    return best


def _day(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date[:10]) if date and len(date) >= 10 else None
    except ValueError:
        return None


def _code(entity: dict[str, Any] | None) -> str | None:
    return (entity or {}).get("code")


def compatible(event: dict[str, Any], merged: dict[str, Any]) -> bool:
    """Whether an event can describe the same happening as a merged record."""
    if event.get("event") != merged.get("event"):
        return False
    for side in ("actor", "recipient"):
        a, b = _code(event.get(side)), _code(merged.get(side))
        if a and b and a != b:
            return False
    if not _dates_meet(event, merged):
        return False
    a = (event.get("location") or {}).get("country")
    b = (merged.get("location") or {}).get("country")
    return not (a and b and a != b)


def _dates_meet(event: dict[str, Any], merged: dict[str, Any]) -> bool:
    a, b = event.get("date"), merged.get("date")
    if not a or not b:
        return True
    if len(a) < 10 or len(b) < 10:  # a month or a year: the coarser one must contain the finer
        n = min(len(a), len(b))
        return a[:n] == b[:n]
    loose = "published" in (event.get("date_source"), merged.get("date_source"))
    window = PUBLISHED_WINDOW if loose else DAY_WINDOW
    try:
        gap = abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return a == b
    return gap <= window


def _shared(event: dict[str, Any], merged: dict[str, Any]) -> int:
    """How much an event and a happening have in common beyond their type: the same actor or
    recipient (by code, identity or name), the same day, the same trigger word."""
    score = 0
    for side in ("actor", "recipient"):
        mine, theirs = event.get(side) or {}, merged.get(side) or {}
        if mine.get("code") and mine.get("code") == theirs.get("code"):
            score += 2
        if mine.get("id") and mine.get("id") == theirs.get("id"):
            score += 1
        elif _name(mine) and _name(mine) == _name(theirs):
            score += 1
    if event.get("date") and event.get("date") == merged.get("date"):
        score += 1
    if _stem(event) and _stem(event) in merged.get("triggers", []):
        score += 1
    return score


def _name(entity: dict[str, Any]) -> str:
    return " ".join(str(entity.get("name") or "").lower().split())


_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


def _stem(event: dict[str, Any]) -> str:
    """The trigger's head word without its inflection ("hosted", "hosting" -> "host")."""
    words = (event.get("event_text") or "").lower().split()
    if not words:
        return ""
    word = words[-1] if len(words) == 1 else max(words, key=len)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


def refresh(store: Store, happening_id: str) -> None:
    """Recompute a happening's merged record from its members; an empty one is deleted."""
    members = store.db.execute(
        "SELECT e.id, d.id, d.source, d.url, COALESCE(d.published, d.reference_date),"
        " p.original_id"
        " FROM happening_events h JOIN events e ON e.id = h.event_id"
        " JOIN documents d ON d.id = e.document_id"
        " LEFT JOIN story_profiles p ON p.document_id = d.id"
        " WHERE h.happening_id = ? ORDER BY e.id",
        (happening_id,),
    ).fetchall()
    if not members:
        store.db.execute("DELETE FROM happenings WHERE id = ?", (happening_id,))
        return
    events = _records(store, [m[0] for m in members])
    merged = merge(events)
    documents = {m[1] for m in members}
    sources = {_source(m[2], m[3], m[1]) for m in members if not m[5]}
    reported = sorted(m[4][:10] for m in members if m[4])
    merged.update(
        id=happening_id,
        documents=len(documents),
        sources=len(sources) or 1,
        first_reported=reported[0] if reported else None,
        members=[m[0] for m in members],
    )
    merged["confidence"] = round(
        min(0.99, max(e.get("confidence", 0.5) for e in events) + 0.05 * (merged["sources"] - 1)),
        3,
    )
    store.db.execute(
        "UPDATE happenings SET event = ?, mode = ?, date = ?, actor_code = ?, recipient_code = ?,"
        " documents = ?, sources = ?, first_reported = ?, record = ? WHERE id = ?",
        (
            merged["event"],
            merged["mode"],
            merged["date"],
            _code(merged["actor"]),
            _code(merged["recipient"]),
            merged["documents"],
            merged["sources"],
            merged["first_reported"],
            json.dumps(merged, sort_keys=True),
            happening_id,
        ),
    )


def _records(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """The records the merged record is made from: all of them, or for a happening reported
    very often, an even sample (the most common values do not need every report)."""
    if len(event_ids) > MERGE_SAMPLE:
        step = len(event_ids) / MERGE_SAMPLE
        event_ids = [event_ids[int(i * step)] for i in range(MERGE_SAMPLE)]
    marks = ",".join("?" * len(event_ids))
    rows = store.db.execute(f"SELECT record FROM events WHERE id IN ({marks})", event_ids)
    return [json.loads(r[0]) for r in rows]


def _source(source: str | None, url: str | None, document_id: str) -> str:
    """Who published a report: its source name, else its web host, else itself."""
    if source:
        return source.lower()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or document_id
    return document_id


def merge(events: list[dict[str, Any]]) -> dict[str, Any]:
    """One record for a happening: the most common value of each field among its members
    (exact dates from the sentence before dates taken from the publication day)."""
    first = min(events, key=lambda e: (e.get("date") or "9999", e["id"]))
    record: dict[str, Any] = {
        "event": _most(e["event"] for e in events),
        "mode": _most(e.get("mode") for e in events),
        "context": _most(e.get("context") for e in events),
        "actor": _most_entity(e.get("actor") for e in events),
        "recipient": _most_entity(e.get("recipient") for e in events),
        "date": _date(events) or first.get("date"),
        "location": _most_entity(e.get("location") for e in events),
        "triggers": sorted({_stem(e) for e in events if _stem(e)}),
    }
    for flag in ("negated", "hypothetical", "future", "historical"):
        record[flag] = sum(bool(e.get(flag)) for e in events) * 2 > len(events)
    return record


def _most(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], str(v))) if counts else None


def _most_entity(entities: Any) -> dict[str, Any] | None:
    found = [e for e in entities if e]
    if not found:
        return None
    keys = Counter(json.dumps(e, sort_keys=True) for e in found)
    coded = [k for k in keys if json.loads(k).get("code") or json.loads(k).get("country")]
    pool = coded or list(keys)
    return json.loads(min(pool, key=lambda k: (-keys[k], k)))


def _date(events: list[dict[str, Any]]) -> str | None:
    stated = [e["date"] for e in events if e.get("date") and e.get("date_source") != "published"]
    return _most(stated)
