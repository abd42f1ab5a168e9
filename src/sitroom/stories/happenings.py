"""Happenings: the events of one story's reports merged when they describe the same real-world
event, each keeping every member event (document, sentence, offsets) and counting the
documents and the independent sources behind it.

An event joins a happening of its story when it is of the same PLOVER type and act and
conflicts with none of the members it is compared with (`sitroom.stories.matching`): comparing
with the members, not with the merged record, keeps a chain of look-alikes from joining two
reports that contradict each other. Among the happenings it can join, it takes the one it
shares most with (actors, recipients, day, place), then the larger; with none, it founds one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sitroom.records import stable_id
from sitroom.store import Store
from sitroom.stories import matching

MERGE_SAMPLE = 100  # member records read to merge a happening
MEMBER_SAMPLE = 30  # member records a new event is compared with
CACHED = 4096  # stored records kept read and sketched (a few MB)
CHUNK = 500  # ids looked up in one statement (well under SQLite's limit on parameters)


def place(store: Store, story_id: str, document_id: str) -> set[str]:
    """Put each event of a document into a happening of its story; return the happenings hit.

    The document's events are expected out of every happening (new, or taken out by `leave`).
    """
    events = store.db.execute(
        "SELECT id, record FROM events WHERE document_id = ? ORDER BY start, id", (document_id,)
    ).fetchall()
    placing = _Placing(store, story_id)
    touched = {
        placing.put(document_id, event_id, json.loads(record)) for event_id, record in events
    }
    placing.write()
    refresh(store, touched)
    return touched


def leave(store: Store, document_id: str) -> set[str]:
    """Take a document's events out of their happenings; return the happenings touched.

    The reports left in a happening are placed again: the leaving report may be what joined
    them, or what kept them apart from another happening.
    """
    rows = store.db.execute(
        "SELECT DISTINCT happening_id FROM happening_events WHERE document_id = ?", (document_id,)
    ).fetchall()
    if not rows:
        return set()
    store.db.execute("DELETE FROM happening_events WHERE document_id = ?", (document_id,))
    touched = {r[0] for r in rows}
    for happening_id in sorted(touched):
        touched |= _regroup(store, happening_id)
    refresh(store, touched)
    return touched


class _Placing:
    """One pass placing events in the happenings of a story.

    The memberships it decides are written together at the end (`write`); until then the
    members it has added are kept here and counted with the stored ones, so each event is
    compared exactly as if every earlier one had been written at once. A happening an event
    founds is written at once: the next events look it up with the stored ones.
    """

    def __init__(self, store: Store, story_id: str) -> None:
        self.store = store
        self.story_id = story_id
        self.rows: list[tuple[str, str, str]] = []  # (event, happening, document)
        self.stored: dict[str, list[tuple[str, matching.Sketch]]] = {}
        self.added: dict[str, list[tuple[str, matching.Sketch]]] = {}

    def put(
        self, document_id: str, event_id: str, event: dict[str, Any], founder: str | None = None
    ) -> str:
        """Put one event into the happening it joins, or found one (under `founder`'s id when
        given: a regrouped happening keeps its id)."""
        mine = matching.sketch(event)
        best = self.best(event, mine)
        happening_id = best or founder or stable_id("h", event_id)
        if best is None:
            # What the events placed next look the happening up by; `refresh` writes the
            # rest. An id already taken (a founder's own id) is joined as it is.
            founding = {"act": matching.act(event.get("event_text") or "") or None}
            self.store.db.execute(
                "INSERT INTO happenings VALUES (?, ?, ?, NULL, ?, NULL, NULL, 0, 0, NULL, ?)"
                " ON CONFLICT(id) DO NOTHING",
                (happening_id, self.story_id, event["event"], event.get("date"),
                 json.dumps(founding)),
            )  # fmt: skip
        self.rows.append((event_id, happening_id, document_id))
        self.added.setdefault(happening_id, []).append((event_id, mine))
        return happening_id

    def best(self, event: dict[str, Any], mine: matching.Sketch) -> str | None:
        """The happening of the story this event joins: the one whose members it conflicts
        with in nothing and shares most with (ties: the larger, then the first by id)."""
        sql = "SELECT id, record FROM happenings WHERE story_id = ? AND event = ?"
        params: list[Any] = [self.story_id, event["event"]]
        day = matching.day_of(event.get("date"))
        if day:  # only happenings its date can meet: a long story holds many of one type
            sql += " AND (date IS NULL OR LENGTH(date) < 10 OR date BETWEEN ? AND ?)"
            params += [
                str(day - dt.timedelta(days=matching.PUBLISHED_WINDOW)),
                str(day + dt.timedelta(days=matching.PUBLISHED_WINDOW)),
            ]
        best, best_key = None, None
        for happening_id, record_json in self.store.db.execute(sql + " ORDER BY id", params):
            known = json.loads(record_json).get("act")  # none in records merged before acts
            if known and known != mine.act:
                continue
            members = self.members(happening_id)
            if not members or any(matching.conflict(mine, m) for m in members):
                continue
            key = (max(matching.affinity(mine, m) for m in members), len(members))
            if best_key is None or key > best_key:
                best, best_key = happening_id, key
        return best

    def members(self, happening_id: str) -> list[matching.Sketch]:
        """Sketches of a happening's members, stored and added (the first MEMBER_SAMPLE by
        id: a happening reported very often is compared with a fixed number of reports)."""
        if happening_id not in self.stored:
            rows = self.store.db.execute(
                "SELECT e.id, e.record FROM happening_events h JOIN events e"
                " ON e.id = h.event_id WHERE h.happening_id = ?"
                f" ORDER BY e.id LIMIT {MEMBER_SAMPLE}",
                (happening_id,),
            )
            self.stored[happening_id] = [(i, _sketch(r)) for i, r in rows]
        both = self.stored[happening_id] + self.added.get(happening_id, [])
        if len(both) > len(self.stored[happening_id]):
            both = sorted(both, key=lambda member: member[0])[:MEMBER_SAMPLE]
        return [sketch for _, sketch in both]

    def write(self) -> None:
        """Write the memberships decided (one statement for the pass)."""
        self.store.db.executemany(
            "INSERT INTO happening_events VALUES (?, ?, ?) ON CONFLICT(event_id) DO UPDATE"
            " SET happening_id = excluded.happening_id, document_id = excluded.document_id",
            self.rows,
        )


@lru_cache(maxsize=CACHED)
def _sketch(record: str) -> matching.Sketch:
    """The sketch of a stored event record, kept: the members of a happening are compared
    with each event placed after them (a sketch is immutable, and keyed by the record itself
    it cannot go stale)."""
    return matching.sketch(json.loads(record))


@lru_cache(maxsize=CACHED)
def _record(record: str) -> dict[str, Any]:
    """A stored event record read, kept: a happening's merged record is made again from its
    members each time one joins (callers only read it)."""
    return json.loads(record)


def _regroup(store: Store, happening_id: str) -> set[str]:
    """Place a happening's members again, earliest placed report first; return the
    happenings they went to."""
    row = store.db.execute("SELECT story_id FROM happenings WHERE id = ?", (happening_id,))
    story = row.fetchone()
    members = store.db.execute(
        "SELECT h.event_id, h.document_id, e.record FROM happening_events h"
        " JOIN events e ON e.id = h.event_id LEFT JOIN story_profiles p"
        " ON p.document_id = h.document_id WHERE h.happening_id = ?"
        " ORDER BY COALESCE(p.position, 0), e.start, e.id",
        (happening_id,),
    ).fetchall()
    store.db.execute("DELETE FROM happening_events WHERE happening_id = ?", (happening_id,))
    store.db.execute("DELETE FROM happenings WHERE id = ?", (happening_id,))
    if story is None:
        return set()
    placing = _Placing(store, story[0])
    went: set[str] = set()
    for event_id, document_id, record in members:
        # The first member that joins nothing founds the happening again under its old id.
        founder = None if happening_id in went else happening_id
        went.add(placing.put(document_id, event_id, json.loads(record), founder))
    placing.write()
    return went


def _code(entity: dict[str, Any] | None) -> str | None:
    return (entity or {}).get("code")


def refresh(store: Store, happening_ids: Iterable[str]) -> None:
    """Recompute happenings' merged records from their members; an empty one is deleted."""
    ids = sorted(set(happening_ids))
    for start in range(0, len(ids), CHUNK):
        _refresh(store, ids[start : start + CHUNK])


def _refresh(store: Store, happening_ids: list[str]) -> None:
    marks = ",".join("?" * len(happening_ids))
    members: dict[str, list[tuple[Any, ...]]] = {h: [] for h in happening_ids}
    for happening_id, *member in store.db.execute(
        "SELECT h.happening_id, e.id, d.id, d.source, d.url,"
        " COALESCE(d.published, d.reference_date), p.original_id"
        " FROM happening_events h JOIN events e ON e.id = h.event_id"
        " JOIN documents d ON d.id = e.document_id"
        " LEFT JOIN story_profiles p ON p.document_id = d.id"
        f" WHERE h.happening_id IN ({marks}) ORDER BY h.happening_id, e.id",
        happening_ids,
    ):
        members[happening_id].append(tuple(member))
    samples = {h: _sample([m[0] for m in rows]) for h, rows in members.items() if rows}
    records = _records(store, [e for sample in samples.values() for e in sample])
    store.db.executemany(
        "DELETE FROM happenings WHERE id = ?", [(h,) for h, rows in members.items() if not rows]
    )
    store.db.executemany(
        "UPDATE happenings SET event = ?, mode = ?, date = ?, actor_code = ?, recipient_code = ?,"
        " documents = ?, sources = ?, first_reported = ?, record = ? WHERE id = ?",
        [_row(h, members[h], [records[e] for e in sample]) for h, sample in samples.items()],
    )


def _row(
    happening_id: str, members: list[tuple[Any, ...]], events: list[dict[str, Any]]
) -> tuple[Any, ...]:
    """The stored columns of a happening, from its members (event, document, source, url,
    day, original) and the sample of their records."""
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
    return (
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
    )


def _sample(event_ids: list[str]) -> list[str]:
    """The members a merged record is made from: all of them, or for a happening reported
    very often, an even sample (the most common values do not need every report)."""
    if len(event_ids) <= MERGE_SAMPLE:
        return event_ids
    step = len(event_ids) / MERGE_SAMPLE
    return [event_ids[int(i * step)] for i in range(MERGE_SAMPLE)]


def _records(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Event records by id."""
    records = {}
    for start in range(0, len(event_ids), CHUNK):
        chunk = event_ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute(f"SELECT id, record FROM events WHERE id IN ({marks})", chunk)
        records.update((i, _record(r)) for i, r in rows)
    return records


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
        "act": _most(matching.act(e.get("event_text") or "") for e in events),
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
