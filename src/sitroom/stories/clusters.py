"""Stories: documents grouped by the real-world story they report.

A new document is compared only with the stories its rarest terms point at (an inverted index of
each story's top terms, `story_terms`) and that are active near its date, so the cost of placing
one document does not grow with the size of the store. Of the few stories it is closest to on
average (the mean cosine of TF-IDF vectors, read off each story's centroid), it joins the one
holding the report most like it (among that story's latest ones), when that report is close
enough; otherwise it starts a story of its own.

Look-alike stories (two earthquakes, two rehab admissions) share their vocabulary, so on average
a report is as close to the other one as to its own; its nearest report is not, for it shares
that report's names. Two corrections keep the incremental result near a clustering of the
whole store:

- merge: a document close to reports of two stories bridges them; the two are merged when
  their reports are, on average, nearly as close to each other as within the looser story;
- split: a story that grows is checked for two groups of reports far apart, compared on the
  words that only some of its reports use (a bisection); such a story is split, the group
  holding its first report keeping the id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitroom.records import stable_id
from sitroom.store import Store
from sitroom.stories import facts, profiles

# Tuned on ECB+ topics 1-30 (sitroom eval stories): look-alike stories of one topic share
# their vocabulary but not their names, places and dates.
JOIN_THRESHOLD = 0.1  # mean cosine of a candidate story
NEAREST_STORIES = 3  # candidate stories whose latest reports are compared one by one
MEMBER_SAMPLE = 20  # latest reports of a candidate story compared
NEAREST_JOIN = 0.22  # cosine with the nearest report for a document to join its story
BRIDGE = 0.2  # cosine with a report of another story for a document to bridge the two
# Two bridged stories merge when the mean similarity across them is at least this share of the
# mean similarity within the looser one.
MERGE_RATIO = 0.8
# A story splits when the mean similarity across two groups of its reports is below this share
# of the mean similarity within the looser group (on words only some of its reports use).
SPLIT_RATIO = 0.45
SPLIT_MIN = 10  # members before a story is checked for a split (fewer: two groups by chance)
SPLIT_SAMPLE = 60  # members compared when checking (the latest ones)
SPLIT_GROWTH = 1.25  # a story is checked again once it has grown by this factor
SPLIT_FACTS = 0.6  # share of a report's length its stated facts take when checking a split
QUERY_TERMS = 20  # the document's heaviest terms used to find candidate stories
STORY_TERMS = 30  # terms of a story kept in the inverted index
CENTROID_TERMS = 300  # terms of a story's centroid kept in the store
CANDIDATES = 30
UNDATED = "9999-12-31"  # the index's last day for a story with no dated report
WINDOW_DAYS = 7  # a story is open to reports dated this close to its first and last days
CENTRAL_MEMBERS = 20  # latest reports (beside the first) a story's title is chosen from


class TermCounts:
    """Document frequencies of terms, read from the store once and kept in step in memory for
    the rest of an update (each placement otherwise re-reads thousands of counts)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, int] = {}
        self.total = int(store.db.execute("SELECT COUNT(*) FROM story_profiles").fetchone()[0])

    def get(self, terms: Iterable[str]) -> dict[str, int]:
        """Frequencies of `terms` (0 for unseen ones)."""
        missing = [t for t in terms if t not in self.known]
        for chunk in _chunks(missing, 500):
            marks = ",".join("?" * len(chunk))
            found = dict(
                self.store.db.execute(
                    f"SELECT term, documents FROM term_counts WHERE term IN ({marks})", chunk
                ).fetchall()
            )
            for term in chunk:
                self.known[term] = int(found.get(term, 0))
        return self.known

    def weigh(self, terms: dict[str, float]) -> dict[str, float]:
        """TF-IDF weights of a raw term vector, unit length."""
        return profiles.weigh(terms, self.get(terms), self.total)

    def count(self, terms: list[str], delta: int) -> None:
        """Add `delta` to the frequency of each term (one document joined or left)."""
        self.get(terms)
        for term in terms:
            self.known[term] += delta
        self.total += delta
        self.store.db.executemany(
            "INSERT INTO term_counts VALUES (?, ?) ON CONFLICT(term) DO UPDATE"
            " SET documents = term_counts.documents + excluded.documents",
            [(t, delta) for t in terms],
        )
        if delta < 0:
            for chunk in _chunks(terms, 500):
                marks = ",".join("?" * len(chunk))
                self.store.db.execute(
                    f"DELETE FROM term_counts WHERE documents <= 0 AND term IN ({marks})", chunk
                )


@dataclass(frozen=True)
class Candidate:
    """A story a document may report, with how close the document is to it."""

    story_id: str
    mean: float  # mean cosine with the story's reports (read off its centroid)
    nearest: float  # highest cosine with one of its latest reports
    conflict: bool = False  # the document's facts contradict the story's (see `facts`)


def candidates(
    store: Store,
    counts: TermCounts,
    terms: dict[str, float],
    day: str | None,
    stated: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """The stories this document is closest to on average (at most `NEAREST_STORIES`, each
    at least `JOIN_THRESHOLD`), found through the inverted index and the activity window."""
    vector = counts.weigh(terms)
    query = [t for t in profiles.top_terms(vector, QUERY_TERMS)]
    if not query:
        return []
    marks = ",".join("?" * len(query))
    recent = ""
    if day and _valid(day):  # stories whose last report is recent enough (undated ones too)
        earliest = dt.date.fromisoformat(day[:10]) - dt.timedelta(days=WINDOW_DAYS)
        recent = " AND t.last >= ?"
        query = [*query, earliest.isoformat()]
    rows = store.db.execute(
        "SELECT s.id, s.terms, s.first, s.last, s.documents, COUNT(*) AS hits"
        f" FROM story_terms t JOIN stories s ON s.id = t.story_id WHERE t.term IN ({marks})"
        f"{recent} GROUP BY s.id, s.terms, s.first, s.last, s.documents"
        f" ORDER BY hits DESC, s.id LIMIT {CANDIDATES}",
        query,
    ).fetchall()
    scored = []
    for story_id, centroid_json, first, last, size, _ in rows:
        if _in_window(day, first, last):
            mean = profiles.cosine(vector, json.loads(centroid_json)) / max(size, 1)
            if mean >= JOIN_THRESHOLD:
                scored.append((mean, story_id))
    scored.sort(key=lambda ms: (-ms[0], ms[1]))
    return [
        Candidate(story_id, mean, *_nearest(store, story_id, vector, stated or {}))
        for mean, story_id in scored[:NEAREST_STORIES]
    ]


def choose_story(found: list[Candidate]) -> str | None:
    """The story holding the report most like this document, when that one is close enough;
    None for a new story. The nearest report decides, not the average: two look-alike stories
    of one kind are equally close on average, but a report has its own story's names."""
    close = [c for c in found if c.nearest >= NEAREST_JOIN]
    if not close:
        return None
    best = max(close, key=lambda c: (c.nearest, c.mean, c.story_id))
    # A report whose facts contradict the story it is most like starts its own: it would only
    # be pulled into a look-alike by joining the next one.
    return None if best.conflict else best.story_id


def bridged(store: Store, story_id: str, found: list[Candidate]) -> list[str]:
    """Other candidate stories that this document, now in `story_id`, shows to be the same
    story: it is close to one of their reports, and the reports of the two are nearly as close
    to each other on average as those within the looser of them (and the document's facts do
    not contradict theirs)."""
    others = [
        c.story_id
        for c in found
        if c.story_id != story_id and c.nearest >= BRIDGE and not c.conflict
    ]
    if not others:
        return []
    mine = _centroid(store, story_id)
    if mine is None:
        return []
    merged = []
    for other in others:
        theirs = _centroid(store, other)
        if theirs is None:
            continue
        cohesion = min((_cohesion(c) for c in (mine, theirs) if c[1] > 1), default=0.0)
        if _link(mine, theirs) >= MERGE_RATIO * cohesion:
            merged.append(other)
    return merged


def _centroid(store: Store, story_id: str) -> tuple[dict[str, float], int] | None:
    row = store.db.execute(
        "SELECT terms, (SELECT COUNT(*) FROM story_profiles WHERE story_id = ?)"
        " FROM stories WHERE id = ?",
        (story_id, story_id),
    ).fetchone()
    return (json.loads(row[0]), int(row[1])) if row and row[1] else None


def _link(a: tuple[dict[str, float], int], b: tuple[dict[str, float], int]) -> float:
    """The mean cosine between the reports of two stories, from their centroids."""
    return profiles.cosine(a[0], b[0]) / (a[1] * b[1])


def _cohesion(story: tuple[dict[str, float], int]) -> float:
    """The mean cosine between two reports of a story: its centroid is the sum of their unit
    vectors, so its squared length is the story's size plus twice the sum over pairs."""
    centroid, size = story
    return (sum(w * w for w in centroid.values()) - size) / (size * (size - 1))


def merge(store: Store, story_id: str, other: str) -> tuple[str, str, list[str]]:
    """Merge two stories; the one founded first keeps its id. Returns (kept id, merged-away
    id, the documents that moved)."""
    first = {
        sid: store.db.execute(
            "SELECT MIN(position) FROM story_profiles WHERE story_id = ?", (sid,)
        ).fetchone()[0]
        for sid in (story_id, other)
    }
    keep, gone = sorted((story_id, other), key=lambda sid: (first[sid] or 0, sid))
    moved = [
        r[0]
        for r in store.db.execute(
            "SELECT document_id FROM story_profiles WHERE story_id = ? ORDER BY position", (gone,)
        )
    ]
    row = store.db.execute("SELECT terms FROM stories WHERE id = ?", (gone,)).fetchone()
    _change_centroid(store, keep, json.loads(row[0]) if row else {}, +1)
    store.db.execute("UPDATE story_profiles SET story_id = ? WHERE story_id = ?", (keep, gone))
    store.db.execute("DELETE FROM story_terms WHERE story_id = ?", (gone,))
    store.db.execute("DELETE FROM stories WHERE id = ?", (gone,))
    store.db.execute("INSERT INTO story_renames VALUES ('story', ?, ?, ?)", (gone, keep, _now()))
    return keep, gone, moved


def move(store: Store, document_id: str, vector: dict, story_id: str, target: str) -> None:
    """Move the only report of `story_id` to the story `target` (the old id is recorded as
    renamed, as a merged-away one is)."""
    remove_member(store, story_id, vector)
    _change_centroid(store, target, vector, +1)
    store.db.execute(
        "UPDATE story_profiles SET story_id = ? WHERE document_id = ?", (target, document_id)
    )
    store.db.execute(
        "INSERT INTO story_renames VALUES ('story', ?, ?, ?)", (story_id, target, _now())
    )


def _nearest(
    store: Store, story_id: str, vector: dict[str, float], stated: Mapping[str, float]
) -> tuple[float, bool]:
    """The highest cosine of `vector` with one of the story's latest reports, and whether
    the document's facts (`stated`) contradict those of these reports."""
    rows = store.db.execute(
        "SELECT vector, facts FROM story_profiles WHERE story_id = ?"
        " ORDER BY position DESC LIMIT ?",
        (story_id, MEMBER_SAMPLE),
    ).fetchall()
    story = facts.story_facts(json.loads(r[1]) for r in rows)
    nearest = max((profiles.cosine(vector, json.loads(r[0])) for r in rows), default=0.0)
    return nearest, facts.conflict(stated, story)


def _valid(day: str) -> bool:
    try:
        dt.date.fromisoformat(day[:10])
    except ValueError:
        return False
    return True


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


def add_member(store: Store, story_id: str | None, founder: tuple[str, str], vector: dict) -> str:
    """Put a document's vector in a story; None starts a new story, whose id comes from the
    founding document's id and content hash (`founder`), so the same input always founds the
    same story, and a changed document never refounds the story it left."""
    if story_id is None:
        story_id = stable_id("s", *founder)
        store.db.execute(
            "INSERT INTO stories (id, documents, terms, updated_at) VALUES (?, 0, '{}', ?)"
            " ON CONFLICT(id) DO NOTHING",
            (story_id, _now()),
        )
    _change_centroid(store, story_id, vector, +1)
    return story_id


def remove_member(store: Store, story_id: str, vector: dict) -> None:
    """Take a document's vector out of its story's centroid."""
    _change_centroid(store, story_id, vector, -1)


def _change_centroid(store: Store, story_id: str, vector: dict, sign: int) -> None:
    """The centroid is the sum of the members' unit vectors: its dot product with a new vector,
    divided by the number of members, is the mean cosine to them."""
    row = store.db.execute("SELECT terms FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return
    centroid: dict[str, float] = json.loads(row[0])
    for term, weight in vector.items():
        value = centroid.get(term, 0.0) + sign * weight
        if value > 1e-6:
            centroid[term] = round(value, 5)
        else:
            centroid.pop(term, None)
    if len(centroid) > CENTROID_TERMS:
        centroid = {t: centroid[t] for t in profiles.top_terms(centroid, CENTROID_TERMS)}
    store.db.execute(
        "UPDATE stories SET terms = ?, updated_at = ? WHERE id = ?",
        (json.dumps(centroid, sort_keys=True), _now(), story_id),
    )


def refresh(store: Store, story_id: str) -> None:
    """Recompute a story's summary: its size, dates, title and index terms; delete it if empty.

    Reads aggregates and a bounded set of title candidates, never every member: a story of
    thousands of reports costs what a small one does.
    """
    size, first, last = store.db.execute(
        "SELECT COUNT(*), MIN(day), MAX(day) FROM story_profiles WHERE story_id = ?",
        (story_id,),
    ).fetchone()
    if not size:
        store.db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        store.db.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
        return
    row = store.db.execute("SELECT terms FROM stories WHERE id = ?", (story_id,)).fetchone()
    centroid = json.loads(row[0]) if row else {}
    store.db.execute(
        "UPDATE stories SET title = ?, first = ?, last = ?, documents = ? WHERE id = ?",
        (_central_title(store, story_id, centroid), first, last, size, story_id),
    )
    store.db.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    store.db.executemany(
        "INSERT INTO story_terms VALUES (?, ?, ?)",
        [(t, story_id, last or UNDATED) for t in profiles.top_terms(centroid, STORY_TERMS)],
    )


def _central_title(store: Store, story_id: str, centroid: dict[str, float]) -> str | None:
    """The headline (or, without one, the lead sentence) of the report closest to the story's
    centre among its first and latest ones; the earlier report breaks ties."""
    sql = (
        "SELECT p.position, p.vector, COALESCE(d.title, substr(d.text, 1, 300))"
        " FROM story_profiles p LEFT JOIN documents d ON d.id = p.document_id"
        " WHERE p.story_id = ? ORDER BY p.position {} LIMIT ?"
    )
    rows = store.db.execute(sql.format("ASC"), (story_id, 1)).fetchall()
    rows += store.db.execute(sql.format("DESC"), (story_id, CENTRAL_MEMBERS)).fetchall()
    best, best_score = None, -1.0
    for _, vector_json, title in sorted({r[0]: r for r in rows}.values(), key=lambda r: r[0]):
        score = profiles.cosine(json.loads(vector_json), centroid)
        if title and score > best_score + 1e-9:
            best, best_score = title, score
    return _headline(best) if best else None


def _headline(text: str) -> str:
    """A title as given, or the first line or sentence of a text that has none."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) > 160:
        sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
        line = sentence if len(sentence) <= 160 else line[:157].rstrip() + "…"
    return line


def split(store: Store, story_id: str) -> tuple[str, list[str]] | None:
    """Split a story whose reports form two groups far apart; return the new story's id and
    the documents moved to it, or None when the story holds together."""
    row = store.db.execute(
        "SELECT COUNT(*), MAX(s.checked) FROM story_profiles p JOIN stories s ON s.id = p.story_id"
        " WHERE p.story_id = ?",
        (story_id,),
    ).fetchone()
    size, checked = int(row[0]), int(row[1] or 0)
    if size < SPLIT_MIN or size < checked * SPLIT_GROWTH:
        return None  # checked when smaller: a check per growth step keeps the cost bounded
    store.db.execute("UPDATE stories SET checked = ? WHERE id = ?", (size, story_id))
    members = store.db.execute(
        "SELECT document_id, vector, content_hash, facts FROM story_profiles WHERE story_id = ?"
        " ORDER BY position DESC LIMIT ?",
        (story_id, SPLIT_SAMPLE),
    ).fetchall()
    members.reverse()
    ids = [m[0] for m in members]
    vectors = [json.loads(m[1]) for m in members]
    hashes = [m[2] for m in members]
    groups = bisect(
        [_with_facts(v, json.loads(m[3])) for v, m in zip(vectors, members, strict=True)]
    )
    if groups is None:
        return None
    first = store.db.execute(
        "SELECT document_id FROM story_profiles WHERE story_id = ? ORDER BY position LIMIT 1",
        (story_id,),
    ).fetchone()[0]
    stay, leave = groups if first in {ids[i] for i in groups[0]} else groups[::-1]
    if first not in {ids[i] for i in stay}:
        stay, leave = leave, stay
    moved = [ids[i] for i in leave]
    new_id = add_member(store, None, (moved[0], hashes[leave[0]]), {})
    for index in leave:
        remove_member(store, story_id, vectors[index])
        add_member(store, new_id, (ids[index], hashes[index]), vectors[index])
    store.db.executemany(
        "UPDATE story_profiles SET story_id = ? WHERE document_id = ?",
        [(new_id, d) for d in moved],
    )
    return new_id, moved


def _with_facts(vector: dict[str, float], stated: dict[str, float]) -> dict[str, float]:
    """A report's unit vector with the facts it states beside its words, for the split check
    (reports of one story agree on their days and measures, look-alikes do not): the facts
    take `SPLIT_FACTS` of its length, the words the rest."""
    kept = [t for t in stated if facts.comparable(t)]
    if not kept:
        return vector
    words = math.sqrt(1 - SPLIT_FACTS**2)
    out = {t: w * words for t, w in vector.items()}
    out.update({t: SPLIT_FACTS / math.sqrt(len(kept)) for t in kept})
    return out


def bisect(vectors: list[dict[str, float]]) -> tuple[list[int], list[int]] | None:
    """Two groups of vectors whose mean cross similarity is below `SPLIT_RATIO` of the mean
    similarity within the looser group, or None. Seeds: the two least similar vectors; then a
    few rounds moving each vector to the group it is closer to on average."""
    n = len(vectors)
    vectors = _local(vectors)
    sim = [[profiles.cosine(vectors[i], vectors[j]) for j in range(n)] for i in range(n)]
    pairs = [(sim[i][j], i, j) for i in range(n) for j in range(i + 1, n)]
    _, a, b = min(pairs)
    groups = ([a], [b])
    for _ in range(5):
        new: tuple[list[int], list[int]] = ([], [])
        for i in range(n):
            near = [_mean(sim[i][j] for j in g if j != i) for g in groups]
            new[0 if near[0] >= near[1] else 1].append(i)
        if not new[0] or not new[1] or new == groups:
            break
        groups = new
    if min(len(groups[0]), len(groups[1])) < 2:
        return None
    within = min(_mean(sim[i][j] for i in g for j in g if i < j) for g in groups)
    cross = _mean(sim[i][j] for i in groups[0] for j in groups[1])
    return groups if cross < SPLIT_RATIO * within else None


def _local(vectors: list[dict[str, float]]) -> list[dict[str, float]]:
    """The vectors reweighted by how few of them hold each term: the words every report of a
    story shares say nothing about which of two stories inside it a report belongs to."""
    n = len(vectors)
    held = Counter(t for v in vectors for t in v)
    out = []
    for v in vectors:
        w = {t: x * math.log((n + 1) / (held[t] + 0.5)) for t, x in v.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        out.append({t: x / norm for t, x in w.items()})
    return out


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
