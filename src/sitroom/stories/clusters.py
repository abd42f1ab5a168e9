"""Stories: documents grouped by the real-world story they report.

A new document is compared only with the stories its rarest terms point at (an inverted index of
each story's top terms, `story_terms`) and that are active near its date, so the cost of placing
one document does not grow with the size of the store. It joins the most similar story when the
cosine similarity of its TF-IDF vector and the story's centroid is high enough; otherwise it
starts a story of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sitroom.records import stable_id
from sitroom.store import Store
from sitroom.stories import profiles

# Tuned on ECB+ topics 1-30 (sitroom eval stories): look-alike stories of one topic share
# their vocabulary but not their names, places and dates.
JOIN_THRESHOLD = 0.22
QUERY_TERMS = 20  # the document's heaviest terms used to find candidate stories
STORY_TERMS = 30  # terms of a story kept in the inverted index
CENTROID_TERMS = 300  # terms of a story's centroid kept in the store
CANDIDATES = 30
WINDOW_DAYS = 10  # a story is open to reports dated this close to its first and last days
CENTRAL_MEMBERS = 60  # up to this size a story's title is re-chosen from every member


def frequencies(store: Store, terms: list[str]) -> tuple[dict[str, int], int]:
    """Document frequencies of `terms`, and the number of profiled documents."""
    found: dict[str, int] = {}
    for chunk in _chunks(terms, 500):
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(
            f"SELECT term, documents FROM term_counts WHERE term IN ({marks})", chunk
        ):
            found[row[0]] = row[1]
    total = store.db.execute("SELECT COUNT(*) FROM story_profiles").fetchone()[0]
    return found, int(total)


def count_terms(store: Store, terms: list[str], delta: int) -> None:
    """Add `delta` to the document frequency of each term."""
    store.db.executemany(
        "INSERT INTO term_counts VALUES (?, ?) ON CONFLICT(term) DO UPDATE"
        " SET documents = documents + excluded.documents",
        [(t, delta) for t in terms],
    )
    if delta < 0:
        store.db.execute("DELETE FROM term_counts WHERE documents <= 0")


def choose_story(store: Store, terms: dict[str, float], day: str | None) -> str | None:
    """The id of the story this document reports, or None for a new story."""
    freq, total = frequencies(store, list(terms))
    vector = profiles.weigh(terms, freq, total)
    query = [t for t in profiles.top_terms(vector, QUERY_TERMS)]
    if not query:
        return None
    marks = ",".join("?" * len(query))
    rows = store.db.execute(
        f"SELECT s.id, s.terms, s.first, s.last, COUNT(*) AS hits FROM story_terms t"
        f" JOIN stories s ON s.id = t.story_id WHERE t.term IN ({marks})"
        f" GROUP BY s.id ORDER BY hits DESC, s.id LIMIT {CANDIDATES}",
        query,
    ).fetchall()
    best, best_score = None, JOIN_THRESHOLD
    for story_id, centroid_json, first, last, _ in rows:
        if not _in_window(day, first, last):
            continue
        centroid = json.loads(centroid_json)
        cfreq, _ = frequencies(store, list(centroid))
        score = profiles.cosine(vector, profiles.weigh(centroid, cfreq, total))
        if score > best_score:
            best, best_score = story_id, score
    return best


def _in_window(day: str | None, first: str | None, last: str | None) -> bool:
    if not day or not first or not last:
        return True  # undated reports or stories: the words alone decide
    try:
        when = dt.date.fromisoformat(day[:10])
        lo = dt.date.fromisoformat(first[:10]) - dt.timedelta(days=WINDOW_DAYS)
        hi = dt.date.fromisoformat(last[:10]) + dt.timedelta(days=WINDOW_DAYS)
    except ValueError:
        return True
    return lo <= when <= hi


def add_member(store: Store, story_id: str | None, document_id: str, terms: dict) -> str:
    """Put a document in a story (a new one when `story_id` is None); return the story id."""
    if story_id is None:
        story_id = stable_id("s", document_id)
        store.db.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, NULL, NULL, NULL, 0, '{}', ?)",
            (story_id, _now()),
        )
    _change_centroid(store, story_id, terms, +1)
    return story_id


def remove_member(store: Store, story_id: str, terms: dict) -> None:
    """Take a document's terms out of its story; a story left empty is deleted."""
    _change_centroid(store, story_id, terms, -1)


def _change_centroid(store: Store, story_id: str, terms: dict, sign: int) -> None:
    row = store.db.execute("SELECT terms FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return
    centroid: dict[str, float] = json.loads(row[0])
    for term, weight in terms.items():
        value = centroid.get(term, 0.0) + sign * weight
        if value > 1e-6:
            centroid[term] = round(value, 4)
        else:
            centroid.pop(term, None)
    if len(centroid) > CENTROID_TERMS:
        keep = profiles.top_terms(centroid, CENTROID_TERMS)
        centroid = {t: centroid[t] for t in keep}
    store.db.execute(
        "UPDATE stories SET terms = ?, updated_at = ? WHERE id = ?",
        (json.dumps(centroid, sort_keys=True), _now(), story_id),
    )


def refresh(store: Store, story_id: str) -> None:
    """Recompute a story's summary: its size, dates, title and index terms."""
    members = store.db.execute(
        "SELECT p.document_id, p.day, p.terms, d.title FROM story_profiles p"
        " LEFT JOIN documents d ON d.id = p.document_id WHERE p.story_id = ?"
        " ORDER BY p.position",
        (story_id,),
    ).fetchall()
    if not members:
        store.db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        store.db.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        return
    row = store.db.execute("SELECT terms FROM stories WHERE id = ?", (story_id,)).fetchone()
    centroid = json.loads(row[0]) if row else {}
    freq, total = frequencies(store, list(centroid))
    weighted = profiles.weigh(centroid, freq, total)
    days = sorted(m[1][:10] for m in members if m[1])
    title = _central_title(store, members, weighted, total)
    store.db.execute(
        "UPDATE stories SET title = ?, first = ?, last = ?, documents = ? WHERE id = ?",
        (title, days[0] if days else None, days[-1] if days else None, len(members), story_id),
    )
    store.db.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    store.db.executemany(
        "INSERT INTO story_terms VALUES (?, ?)",
        [(t, story_id) for t in profiles.top_terms(weighted, STORY_TERMS)],
    )


def _central_title(
    store: Store, members: list[Any], centroid: dict[str, float], total: int
) -> str | None:
    """The title of the member closest to the story's centre (the first report breaks ties)."""
    titled = [m for m in members if m[3]]
    if not titled:
        return None
    if len(titled) > CENTRAL_MEMBERS:
        titled = titled[:1] + titled[-CENTRAL_MEMBERS:]
    best, best_score = titled[0][3], -1.0
    for _, _, terms_json, title in titled:
        terms = json.loads(terms_json)
        freq, _ = frequencies(store, list(terms))
        score = profiles.cosine(profiles.weigh(terms, freq, total), centroid)
        if score > best_score + 1e-9:
            best, best_score = title, score
    return best


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
