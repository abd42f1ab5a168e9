"""The serving tables kept by triggers agree with the events, through writes, replacements and
deletions; the fast paths of the serving queries give what the plain scans give."""

from __future__ import annotations

import random
import shutil

import pytest
from serving import sample_db

from sitroom.store import Store, serving
from sitroom.store.queries import DEFAULT_VIEW, EventView

# The default dataset, as the 0009_default_counts migration writes it in SQL.
SHOWN = (
    "e.political = 1 AND e.negated = 0 AND e.hypothetical = 0 AND e.future = 0"
    " AND e.historical = 0 AND e.confidence >= 0.5"
)
RECOUNT = {
    "event_counts": (
        "SELECT day, event, code, n FROM event_counts WHERE n > 0 ORDER BY 1, 2, 3",
        "SELECT day, event, code, COUNT(*) FROM ("
        " SELECT IFNULL(date, '') AS day, event, '' AS code FROM events UNION ALL"
        " SELECT IFNULL(date, ''), event, code FROM event_countries)"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    ),
    "dyad_counts": (
        "SELECT month, event, actor_id, recipient_id, n FROM dyad_counts WHERE n > 0"
        " ORDER BY 1, 2, 3, 4",
        "SELECT substr(a.date, 1, 7), a.event, a.actor_id, r.actor_id, COUNT(*)"
        " FROM event_parties a JOIN event_parties r ON r.event_id = a.event_id"
        " AND r.role = 'recipient' WHERE a.role = 'actor' AND a.actor_id IS NOT NULL"
        " AND r.actor_id IS NOT NULL AND a.actor_id != r.actor_id AND a.date IS NOT NULL"
        " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    ),
    "default_counts": (
        "SELECT day, event, code, n FROM default_counts WHERE n > 0 ORDER BY 1, 2, 3",
        "SELECT day, event, code, COUNT(*) FROM ("
        f" SELECT IFNULL(date, '') AS day, event, '' AS code FROM events e WHERE {SHOWN}"
        " UNION ALL SELECT IFNULL(c.date, ''), c.event, c.code FROM event_countries c"
        f" JOIN events e ON e.id = c.event_id WHERE {SHOWN})"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    ),
    "default_dyads": (
        "SELECT month, event, actor_id, recipient_id, n FROM default_dyads WHERE n > 0"
        " ORDER BY 1, 2, 3, 4",
        "SELECT substr(a.date, 1, 7), a.event, a.actor_id, r.actor_id, COUNT(*)"
        " FROM event_parties a JOIN event_parties r ON r.event_id = a.event_id"
        " AND r.role = 'recipient' JOIN events e ON e.id = a.event_id WHERE a.role = 'actor'"
        " AND a.actor_id IS NOT NULL AND r.actor_id IS NOT NULL AND a.actor_id != r.actor_id"
        f" AND a.date IS NOT NULL AND {SHOWN} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    ),
    "event_parties.shown": (
        "SELECT COUNT(*) FROM event_parties p JOIN events e ON e.id = p.event_id"
        f" WHERE p.shown != (CASE WHEN {SHOWN} THEN 1 ELSE 0 END)",
        "SELECT 0",
    ),
    "event_parties": (
        "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM event_parties",
        "SELECT (SELECT COUNT(*) FROM events WHERE json_type(record, '$.actor') = 'object')"
        " + (SELECT COUNT(*) FROM events WHERE json_type(record, '$.recipient') = 'object')"
        " + (SELECT COALESCE(SUM(json_array_length(record, '$.co_actors')"
        " + json_array_length(record, '$.co_recipients')), 0) FROM events),"
        " (SELECT COUNT(*) FROM events WHERE json_type(record, '$.actor') = 'object'"
        " OR json_type(record, '$.recipient') = 'object')",
    ),
}


@pytest.fixture
def store(tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db(), copy)
    with Store(copy) as s:
        yield s


def _agree(store: Store) -> None:
    for table, (kept, recounted) in RECOUNT.items():
        assert [tuple(r) for r in store.db.execute(kept)] == [
            tuple(r) for r in store.db.execute(recounted)
        ], table


def test_summaries_agree_with_the_events_after_ingest(store):
    assert store.count("events") > 100
    _agree(store)


def test_summaries_follow_replaced_and_deleted_events(store):
    columns = ",".join("?" * len(store.db.execute("SELECT * FROM events LIMIT 1").description))
    rows = [tuple(r) for r in store.db.execute("SELECT * FROM events ORDER BY id LIMIT 40")]
    with store.db:
        store.db.executemany(f"INSERT OR REPLACE INTO events VALUES ({columns})", rows)
    _agree(store)
    # A reanalysis moves events in and out of the default dataset (flags, confidence).
    names = [d[0] for d in store.db.execute("SELECT * FROM events LIMIT 1").description]
    negated, confidence = names.index("negated"), names.index("confidence")
    changed = []
    for n, row in enumerate(store.db.execute("SELECT * FROM events ORDER BY id LIMIT 90")):
        row = list(row)
        row[negated] = 1 - row[negated] if n % 3 == 0 else row[negated]
        row[confidence] = 0.3 if n % 3 == 1 else 0.9
        changed.append(tuple(row))
    with store.db:
        store.db.executemany(f"INSERT OR REPLACE INTO events VALUES ({columns})", changed)
    _agree(store)
    victim = next(store.rows("SELECT document_id FROM events GROUP BY 1 ORDER BY COUNT(*) DESC"))
    with store.db:
        store.db.execute("DELETE FROM documents WHERE id = ?", (victim["document_id"],))
    _agree(store)


def test_the_default_summaries_count_the_default_view():
    assert serving.COUNTED_VIEW == DEFAULT_VIEW


@pytest.mark.parametrize("view", [DEFAULT_VIEW, EventView(all=True)])
def test_counts_from_the_summaries_equal_the_events_listed(store, view):
    types = [r["event"] for r in store.rows("SELECT DISTINCT event FROM events")]
    codes = [r["code"] for r in store.rows("SELECT DISTINCT code FROM event_countries")]
    rng = random.Random(13)
    for _ in range(15):
        filters = {
            "view": view,
            "event": rng.choice([None, *types]),
            "country": rng.choice([None, *codes]),
            "since": rng.choice([None, "2023-06-01", "2024-02-29", "2025-01-01"]),
        }
        assert serving._counted(filters) is not None, "answered by the summaries"
        _counts_match_the_list(store, filters)


@pytest.mark.parametrize("view", [DEFAULT_VIEW, EventView(all=True)])
def test_counts_of_one_party_equal_the_events_listed(store, view):
    ids = [r["actor_id"] for r in store.rows(
        "SELECT actor_id FROM event_parties WHERE actor_id IS NOT NULL GROUP BY 1"
        " ORDER BY COUNT(*) DESC LIMIT 5")]  # fmt: skip
    rng = random.Random(5)
    for _ in range(15):
        key = rng.choice(["actor_id", "recipient_id", "involving", "actor", "recipient"])
        party = rng.choice(ids) if key in ("actor_id", "recipient_id", "involving") else None
        filters = {
            "view": view,
            key: party or rng.choice(["Biden", "minister", "Russia", "NATO", "a"]),
            "event": rng.choice([None, "CONSULT", "SUPPORT", "ACCUSE"]),
            "since": rng.choice([None, "2024-02-29", "2025-01-01"]),
        }
        assert serving._party_slice(filters) is not None, "answered by event_parties"
        _counts_match_the_list(store, filters)


def _counts_match_the_list(store: Store, filters: dict) -> None:
    """The total and the monthly timeline are those of the events listed."""
    listed = serving.event_page(store, 100_000, **filters)["items"]
    assert serving.event_count(store, **filters) == len(listed), filters
    months: dict[tuple[str, str], int] = {}
    for e in listed:
        if e["date"]:
            key = (e["date"][:7] + "-01", e["event"])
            months[key] = months.get(key, 0) + 1
    timeline = serving.event_counts(store, "month", **filters)
    assert {(r["period"], r["event"]): r["count"] for r in timeline} == months, filters


def test_network_from_monthly_dyads_equals_the_scan_for_any_range(store):
    rng = random.Random(7)
    days = [r["date"] for r in store.rows("SELECT DISTINCT date FROM events WHERE date > ''")]
    days += ["2023-03-01", "2023-03-31", "2024-02-29", "2024-12-31", "2025-01-01"]
    for _ in range(60):
        since, until = sorted(rng.sample(days, 2))
        filters = {"since": since, "until": until, "view": rng.choice([DEFAULT_VIEW, None])}
        if rng.random() < 0.3:
            filters["event"] = rng.choice(["CONSULT", "SUPPORT", "SANCTION", "ASSAULT"])
        fast = serving.network(store, 1000, **filters)
        scanned = {}
        for row in serving._scanned_dyads(store, filters):
            scanned.setdefault((row["actor_id"], row["recipient_id"]), {})[row["event"]] = row["n"]
        assert {(d["actor_id"], d["recipient_id"]): d["types"] for d in fast} == scanned, filters


def test_country_pages_cover_each_event_of_the_country_once(store):
    expected = {
        r["event_id"] for r in store.rows("SELECT event_id FROM event_countries WHERE code = 'USA'")
    }
    seen, cursor = [], None
    while True:
        page = serving.event_page(store, 9, cursor, country="usa")
        seen += [e["id"] for e in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert sorted(seen) == sorted(expected) and page["total"] == len(expected)


@pytest.mark.parametrize("key", ["actor_id", "recipient_id", "involving"])
def test_actor_pages_cover_each_event_of_the_actor_once(store, key):
    role = {"actor_id": "role = 'actor' AND ", "recipient_id": "role = 'recipient' AND "}
    busiest = (
        f"SELECT actor_id FROM event_parties WHERE {role.get(key, '')}actor_id IS NOT NULL"
        " GROUP BY 1 ORDER BY COUNT(*) DESC"
    )
    top = next(store.rows(busiest))
    sql = f"SELECT DISTINCT event_id FROM event_parties WHERE {role.get(key, '')}actor_id = ?"
    expected = {r["event_id"] for r in store.rows(sql, (top["actor_id"],))}
    assert expected
    for extra in ({}, {"event": "CONSULT"}, {"since": "2024-01-01"}, {"mode": "phone"}):
        wanted = set(expected)
        if extra:
            wanted &= {e["id"] for e in serving.event_page(store, 10_000, None, **extra)["items"]}
        seen, cursor = [], None
        while True:
            page = serving.event_page(store, 4, cursor, **{key: top["actor_id"]}, **extra)
            seen += [e["id"] for e in page["items"]]
            cursor = page["next"]
            if not cursor:
                break
        assert sorted(seen) == sorted(wanted) and page["total"] == len(wanted), extra
