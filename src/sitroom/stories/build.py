"""Keeping stories and happenings in step with the documents in the store.

`update` is incremental and idempotent: it finds the documents whose profile is missing or was
built from other content (new, changed or re-analysed documents) and the profiles whose document
is gone, and moves each of them in its own transaction — out of its old story and happenings,
into its new ones. A killed run leaves every document either fully placed or still pending, and
the next run finishes the work. `rebuild` starts from scratch, earliest report first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitroom.runners.progress import progress_bar
from sitroom.store import Store
from sitroom.stories import clusters, duplicates, facts, happenings, profiles

DUPLICATE_CANDIDATES = 20


@dataclass
class Changes:
    """What an update did."""

    placed: int = 0
    removed: int = 0
    duplicates: int = 0
    stories: set[str] = field(default_factory=set)
    happenings: set[str] = field(default_factory=set)


def pending(store: Store) -> tuple[list[str], list[str]]:
    """(documents to place, earliest report first; profiles whose document is gone)."""
    changed = [
        r[0]
        for r in store.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN story_profiles p ON p.document_id = d.id"
            " WHERE p.document_id IS NULL OR p.content_hash != d.content_hash"
            " OR p.analysis_version != d.analysis_version"
            # Earliest report first (so it is the original of its copies), then by id: the
            # order must not depend on the clock second a batch happened to be saved in.
            " ORDER BY COALESCE(d.published, d.reference_date) IS NULL,"
            " COALESCE(d.published, d.reference_date), d.id"
        )
    ]
    gone = [
        r[0]
        for r in store.db.execute(
            "SELECT p.document_id FROM story_profiles p LEFT JOIN documents d"
            " ON d.id = p.document_id WHERE d.id IS NULL ORDER BY p.position"
        )
    ]
    return changed, gone


def update(store: Store, progress: bool | None = None) -> Changes:
    """Place every new or changed document; take deleted ones out."""
    changes = Changes()
    counts = clusters.TermCounts(store)
    changed, gone = pending(store)
    for document_id in gone:
        with store.db:
            _leave(store, counts, document_id, changes)
        changes.removed += 1
    with progress_bar(changed, "stories", enabled=progress) as bar:
        for document_id in bar:
            with store.db:
                _leave(store, counts, document_id, changes)
                _join(store, counts, document_id, changes)
            changes.placed += 1
    for story_id in sorted(changes.stories):
        with store.db:
            _settle(store, counts, story_id, changes)
    return changes


def _settle(store: Store, counts: clusters.TermCounts, story_id: str, changes: Changes) -> None:
    """Look again at a story of one report once the update is placed: stories that were
    small when it came may now hold reports close enough for it to join them."""
    rows = store.db.execute(
        "SELECT document_id, terms, vector, facts, day FROM story_profiles WHERE story_id = ?"
        " LIMIT 2",
        (story_id,),
    ).fetchall()
    if len(rows) != 1:
        return
    document_id, terms_json, vector_json, facts_json, day = rows[0]
    stated = json.loads(facts_json)
    found = clusters.candidates(store, counts, json.loads(terms_json), day, stated)
    target = clusters.choose_story([c for c in found if c.story_id != story_id])
    if target is None:
        return
    clusters.move(store, document_id, json.loads(vector_json), story_id, target)
    changes.happenings |= happenings.leave(store, document_id)
    changes.happenings |= happenings.place(store, target, document_id)
    clusters.refresh(store, story_id)
    clusters.refresh(store, target)
    changes.stories.add(target)


def delete(store: Store, document_ids: Iterable[str]) -> tuple[list[str], Changes]:
    """Delete documents with every record of theirs; their stories and happenings are updated.

    Returns the ids that were found and deleted, and what the stories layer changed.
    """
    deleted = []
    for document_id in document_ids:
        with store.db:
            cursor = store.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            if getattr(cursor, "rowcount", 1):
                deleted.append(document_id)
    return deleted, update(store, progress=False)


def _join(store: Store, counts: clusters.TermCounts, document_id: str, changes: Changes) -> None:
    row = store.db.execute(
        "SELECT title, text, COALESCE(published, reference_date), source, content_hash,"
        " analysis_version FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        return
    title, text, day, source, content_hash, version = row
    actor_ids = [
        r[0]
        for r in store.db.execute(
            "SELECT DISTINCT m.actor_id FROM mentions m JOIN actors a ON a.id = m.actor_id"
            " WHERE m.document_id = ? AND a.kind != 'country'",
            (document_id,),
        )
    ]
    events = store.db.execute(
        "SELECT event, date, record FROM events WHERE document_id = ?", (document_id,)
    ).fetchall()
    event_types = [e[0] for e in events]
    dates = store.db.execute(
        "SELECT text, value FROM dates WHERE document_id = ? AND type IN ('DATE', 'TIME')"
        " ORDER BY start",
        (document_id,),
    ).fetchall()
    day = day or _stated_day(events)
    stated = facts.date_terms(dates, day[:10] if day else None)
    stated.update(facts.number_terms(text[: profiles.BODY_CHARS]))
    terms = profiles.document_terms(title, text, actor_ids, event_types)
    signature = duplicates.signature(text)
    original, similarity = _original(store, signature)
    counts.count(list(terms), +1)
    found: list[clusters.Candidate] = []
    if original is not None:
        story_id = _story_of(store, original)
        changes.duplicates += 1
    else:
        found = clusters.candidates(store, counts, terms, day, stated)
        story_id = clusters.choose_story(found)
    vector = counts.weigh(terms)
    story_id = clusters.add_member(store, story_id, (document_id, content_hash), vector)
    position = store.db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM story_profiles")
    store.db.execute(
        "INSERT INTO story_profiles (document_id, content_hash, analysis_version, day, source,"
        " terms, vector, facts, signature, story_id, original_id, similarity, position)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            content_hash,
            version,
            day[:10] if day else None,
            source,
            json.dumps(terms, sort_keys=True),
            json.dumps({t: round(w, 5) for t, w in vector.items()}, sort_keys=True),
            json.dumps(stated),  # in the order stated: the first of equals is salient
            duplicates.to_blob(signature) if signature is not None else None,
            story_id,
            original,
            similarity,
            position.fetchone()[0],
        ),
    )
    if signature is not None:
        store.db.executemany(
            "INSERT INTO document_bands VALUES (?, ?, ?)",
            [(band, key, document_id) for band, key in duplicates.bands(signature)],
        )
    changes.happenings |= happenings.place(store, story_id, document_id)
    if original is None and (parted := clusters.split(store, story_id)):
        new_id, moved = parted
        for member in moved:
            changes.happenings |= happenings.leave(store, member)
            changes.happenings |= happenings.place(store, new_id, member)
        clusters.refresh(store, new_id)
        changes.stories.add(new_id)
    clusters.refresh(store, story_id)
    changes.stories.add(story_id)
    for other in clusters.bridged(store, story_id, found):
        story_id = merge(store, story_id, other, changes)


def merge(store: Store, story_id: str, other: str, changes: Changes) -> str:
    """Merge two stories, their happenings following; returns the id kept."""
    keep, gone, moved = clusters.merge(store, story_id, other)
    for member in moved:
        changes.happenings |= happenings.leave(store, member)
        changes.happenings |= happenings.place(store, keep, member)
    clusters.refresh(store, keep)
    changes.stories |= {keep, gone}
    return keep


def _stated_day(events: list) -> str | None:
    """For a document with no date of its own: the day its events most often say they
    happened (dates read in the sentences, not defaults)."""
    days = Counter(
        date[:10]
        for _, date, record in events
        if date and len(date) >= 10 and json.loads(record).get("date_source") == "sentence"
    )
    return min(days, key=lambda d: (-days[d], d)) if days else None


def _original(store: Store, signature: object) -> tuple[str | None, float | None]:
    """The earliest stored report this body is a near-copy of, with the similarity."""
    if signature is None:
        return None, None
    keys = duplicates.bands(signature)  # type: ignore[arg-type]
    where = " OR ".join("(b.band = ? AND b.key = ?)" for _ in keys)
    params = [v for pair in keys for v in pair]
    # Reports sharing most bands first; a body resembling thousands of others (boilerplate)
    # is compared with the closest few only.
    rows = store.db.execute(
        "SELECT p.document_id, p.signature, p.original_id, p.position, COUNT(*) AS shared"
        f" FROM document_bands b JOIN story_profiles p ON p.document_id = b.document_id"
        f" WHERE {where} GROUP BY p.document_id, p.signature, p.original_id, p.position"
        f" ORDER BY shared DESC, p.position LIMIT {DUPLICATE_CANDIDATES}",
        params,
    ).fetchall()
    rows.sort(key=lambda r: r[3])
    for candidate, blob, its_original, _, _ in rows:
        score = duplicates.similarity(signature, duplicates.from_blob(blob))  # type: ignore[arg-type]
        if score >= duplicates.THRESHOLD:
            return its_original or candidate, round(score, 3)
    return None, None


def _story_of(store: Store, document_id: str) -> str | None:
    row = store.db.execute(
        "SELECT story_id FROM story_profiles WHERE document_id = ?", (document_id,)
    ).fetchone()
    return row[0] if row else None


def _leave(store: Store, counts: clusters.TermCounts, document_id: str, changes: Changes) -> None:
    row = store.db.execute(
        "SELECT story_id, terms, vector FROM story_profiles WHERE document_id = ?", (document_id,)
    ).fetchone()
    changes.happenings |= happenings.leave(store, document_id)
    if row is None:
        return
    story_id, terms_json, vector_json = row
    terms = json.loads(terms_json)
    store.db.execute("DELETE FROM story_profiles WHERE document_id = ?", (document_id,))
    store.db.execute("DELETE FROM document_bands WHERE document_id = ?", (document_id,))
    counts.count(list(terms), -1)
    _promote_copies(store, document_id)
    if story_id:
        clusters.remove_member(store, story_id, json.loads(vector_json))
        clusters.refresh(store, story_id)
        changes.stories.add(story_id)


def _promote_copies(store: Store, original: str) -> None:
    """When an original leaves, its earliest copy becomes the original of the others."""
    copies = [
        r[0]
        for r in store.db.execute(
            "SELECT document_id FROM story_profiles WHERE original_id = ? ORDER BY position",
            (original,),
        )
    ]
    if not copies:
        return
    store.db.execute(
        "UPDATE story_profiles SET original_id = NULL, similarity = NULL WHERE document_id = ?",
        (copies[0],),
    )
    store.db.executemany(
        "UPDATE story_profiles SET original_id = ? WHERE document_id = ?",
        [(copies[0], c) for c in copies[1:]],
    )


def rebuild(store: Store, progress: bool | None = None) -> dict[str, dict[str, str | None]]:
    """Rebuild every story and happening from scratch (after a change of configuration).

    Returns and records (table `story_renames`) which old id became which new one: each old
    story or happening maps to the new one holding most of its documents or events.
    """
    old_stories = _groups(store, "SELECT story_id, document_id FROM story_profiles")
    old_happenings = _groups(store, "SELECT happening_id, event_id FROM happening_events")
    with store.db:
        for table in (
            "happening_events",
            "happenings",
            "story_terms",
            "stories",
            "document_bands",
            "term_counts",
            "story_profiles",
        ):
            store.db.execute(f"DELETE FROM {table}")
    update(store, progress)
    new_stories = _groups(store, "SELECT story_id, document_id FROM story_profiles")
    new_happenings = _groups(store, "SELECT happening_id, event_id FROM happening_events")
    renames = {
        "story": _renames(old_stories, new_stories),
        "happening": _renames(old_happenings, new_happenings),
    }
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store.db:
        store.db.executemany(
            "INSERT INTO story_renames VALUES (?, ?, ?, ?)",
            [
                (kind, old, new, now)
                for kind, mapping in renames.items()
                for old, new in mapping.items()
                if old != new
            ],
        )
    return renames


def _groups(store: Store, sql: str) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for group, member in store.db.execute(sql):
        if group:
            groups.setdefault(group, set()).add(member)
    return groups


def _renames(old: dict[str, set[str]], new: dict[str, set[str]]) -> dict[str, str | None]:
    owner = {m: g for g, members in new.items() for m in members}
    mapping: dict[str, str | None] = {}
    for group, members in old.items():
        votes: dict[str, int] = {}
        for member in members:
            if member in owner:
                votes[owner[member]] = votes.get(owner[member], 0) + 1
        mapping[group] = min(votes, key=lambda g: (-votes[g], g)) if votes else None
    return mapping
