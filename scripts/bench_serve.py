"""Serving bench: fill a database with synthetic events, then time the API a user's clicks hit.

    python scripts/bench_serve.py --from sample.db --db bench.db --events 1000000

The synthetic documents are recombined from the records of a database built from the sample
corpus (`make run` makes `sample.db`): each takes 20 events and 3 quotes drawn at random, with
the sentences as its text (offsets recomputed, so every event still points at its evidence),
dates spread over ten years, and is written through `Store.save` like any analysed document.
Then a real `sitroom serve` runs on the file and each endpoint is requested REPEAT times with
varied filters; the p50 / p95 latencies are printed (and the dashboard's first render in headless
Chromium, when one is installed). Re-running with an existing --db only measures.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitroom.records import (  # noqa: E402
    Actor,
    Analysis,
    Document,
    Entity,
    Mention,
    Quote,
    event_from_dict,
    stable_id,
)
from sitroom.runners import progress_bar  # noqa: E402
from sitroom.store import Store  # noqa: E402
from sitroom.store import queries as query  # noqa: E402

EVENTS_PER_DOC = 20
BUDGET = 30.0  # seconds of requests per kind of call, at least three requests
QUOTES_PER_DOC = 3
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 3650


def _pool(source: Path) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """Every event, quote and actor of the source database."""
    with Store(source) as store:
        events = query.events(store)
        quotes = query.quotes(store)
        actors = {a["id"]: a for a in query.actors(store)}
    if not events:
        raise SystemExit(f"{source}: no events to recombine (run `make run` first)")
    return events, quotes, actors


def _entity(value: dict | None) -> Entity | None:
    return Entity(**value) if value else None


def synthetic(n: int, events: list[dict], quotes: list[dict], actors: dict, rng) -> Analysis:
    """One synthetic document: sampled sentences as text, their records moved to new offsets."""
    day = (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
    doc_id = f"bench-{n:07d}"
    parts: list[str] = []
    new_events, new_quotes, mentions = [], [], {}
    at = 0
    for i, e in enumerate(rng.sample(events, EVENTS_PER_DOC)):
        event = event_from_dict(e)
        shift = at - event.start
        event = dataclasses.replace(
            event,
            id=stable_id("e", doc_id, i),
            start=at,
            end=at + len(event.text),
            date=(dt.date.fromisoformat(day) - dt.timedelta(days=rng.randrange(3))).isoformat(),
        )
        if event.location and event.location.start is not None:
            loc = event.location
            event.location = dataclasses.replace(loc, start=loc.start + shift, end=loc.end + shift)
        for side in (event.actor, event.recipient, *event.co_actors, *event.co_recipients):
            if side and side.id in actors:
                found = event.text.find(side.entity_text)
                if found >= 0:
                    start = at + found
                    mentions.setdefault(side.id, []).append(
                        Mention(side.entity_text, start, start + len(side.entity_text))
                    )
        new_events.append(event)
        parts.append(event.text)
        at += len(event.text) + 2
    for i, q in enumerate(rng.sample(quotes, min(QUOTES_PER_DOC, len(quotes)))):
        new_quotes.append(
            Quote(
                id=stable_id("q", doc_id, i),
                speaker=_entity(q.get("speaker")),
                speaker_text=q.get("speaker_text"),
                cue=q.get("cue"),
                content=q["content"],
                direct=bool(q["direct"]),
                start=at,
                end=at + len(q["content"]),
            )
        )
        parts.append(q["content"])
        at += len(q["content"]) + 2
    people = []
    for actor_id, found in mentions.items():
        a = actors[actor_id]
        fields = ("name", "kind", "code", "sector", "office", "affiliation")
        people.append(Actor(id=actor_id, mentions=found, **{k: a[k] for k in fields}))
    document = Document(
        id=doc_id, text="\n\n".join(parts), title=f"Bench report {n}", published=day
    )
    return Analysis(document, people, new_events, new_quotes, reference_date=day)


def fill(source: Path, target: Path, total_events: int, seed: int) -> None:
    """Write synthetic documents through the store until `total_events` events are stored."""
    events, quotes, actors = _pool(source)
    rng = random.Random(seed)
    docs = total_events // EVENTS_PER_DOC
    started = time.perf_counter()
    with Store(target) as store, progress_bar(description="fill", total=docs, enabled=True) as bar:
        # A bench file can be rebuilt: skip the disk syncs (what is written stays the same).
        store.db.execute("PRAGMA synchronous=OFF")
        for n in range(docs):
            store.save(synthetic(n, events, quotes, actors, rng))
            bar.update()
        stored = store.count("events")
    took = time.perf_counter() - started
    print(f"filled {target}: {stored:,} events in {docs:,} documents ({took:.0f} s)")


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - started) * 1000


def calls(base: str, store: Store, rng) -> dict[str, list[str]]:
    """For each kind of call, REPEAT URLs with filters a user would set."""
    types = [r["event"] for r in store.rows("SELECT DISTINCT event FROM event_counts")]
    codes = [r["code"] for r in store.rows("SELECT code FROM event_counts WHERE code != ''"
             " GROUP BY code ORDER BY SUM(n) DESC LIMIT 20")]  # fmt: skip
    names = ["Biden", "Putin", "Zelensky", "Xi", "Rutte", "Modi"]
    doc_ids = [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY random() LIMIT 50")]
    actor_ids = [r["actor_id"] for r in store.rows(
        "SELECT actor_id FROM event_parties WHERE actor_id IS NOT NULL GROUP BY actor_id"
        " ORDER BY COUNT(*) DESC LIMIT 20")]  # fmt: skip

    def year() -> dict[str, str]:
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS - 365))
        return {"since": start.isoformat(), "until": (start + dt.timedelta(days=365)).isoformat()}

    def u(path: str, **params: Any) -> str:
        return f"{base}{path}?{urlencode(params)}"

    r = rng.choice
    return {
        "events, first page": [u("/api/events", limit=50)],
        "events, type": [u("/api/events", type=r(types)) for _ in range(5)],
        "events, type + one year": [u("/api/events", type=r(types), **year()) for _ in range(5)],
        "events, country": [u("/api/events", country=r(codes)) for _ in range(5)],
        "events, country + type": [
            u("/api/events", country=r(codes), type=r(types)) for _ in range(5)
        ],
        "events, actor id": [u("/api/events", involving=r(actor_ids)) for _ in range(5)],
        "events, actor name": [u("/api/events", actor=r(names)) for _ in range(5)],
        "timeline, month": [u("/api/timeline", interval="month")],
        "timeline, week + type": [
            u("/api/timeline", interval="week", type=r(types)) for _ in range(5)
        ],
        "timeline, day + country + year": [
            u("/api/timeline", interval="day", country=r(codes), **year()) for _ in range(5)
        ],
        "timeline, actor name": [
            u("/api/timeline", interval="month", actor=r(names)) for _ in range(5)
        ],
        "countries (map)": [
            u("/api/countries"),
            *[u("/api/countries", type=r(types)) for _ in range(3)],
        ],
        "network, one year": [u("/api/network", limit=60, **year()) for _ in range(5)],
        "network, all": [u("/api/network", limit=60)],
        "quotes": [u("/api/quotes", limit=50)],
        "documents": [u("/api/documents", limit=50)],
        "actors": [u("/api/actors", limit=50)],
        "search": [u("/api/search", q=r(names)) for _ in range(5)],
        "document page": [f"{base}/documents/{quote(d)}" for d in doc_ids[:5]],
        "dashboard page": [f"{base}/"],
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(db: Path, repeat: int, seed: int) -> None:
    """Run `sitroom serve` on the database and time every kind of call."""
    from serving import server

    rng = random.Random(seed)
    with Store(db) as store:
        total = store.count("events")
        plan = calls("BASE", store, rng)
    print(f"{db}: {total:,} events; {repeat} requests per call; first, p50, p95 in ms")
    print("  (first: the first request of its kind, before any cache; aggregates are then cached")
    print("  per database state, so later identical requests are answered from memory)")
    with server(db) as base:
        for name, urls in plan.items():
            urls = [x.replace("BASE", base) for x in urls]
            first = _get(urls[0])
            times: list[float] = []
            deadline = time.perf_counter() + BUDGET
            # Bounded in count and time: a slow call is measured a few times, not REPEAT.
            while len(times) < repeat and (len(times) < 3 or time.perf_counter() < deadline):
                times.append(_get(urls[len(times) % len(urls)]))
            p50, p95 = percentile(times, 50), percentile(times, 95)
            print(f"  {name:34s} {first:8.1f} {p50:8.1f} {p95:8.1f}  ({len(times)} requests)")
        render(base, repeat=min(repeat, 10))


def render(base: str, repeat: int) -> None:
    """The dashboard's first render (navigation to every chart drawn) in headless Chromium."""
    import pytest
    from serving import browser

    try:
        with browser() as chrome:
            times = []
            for _ in range(repeat):
                chrome.get("about:blank")
                chrome.get(base + "/")
                for _ in range(600):
                    if chrome.execute_script("return document.body.dataset.ready"):
                        break
                    time.sleep(0.05)
                times.append(chrome.execute_script("return performance.now()"))
            p50, p95 = percentile(times, 50), percentile(times, 95)
            label = "dashboard first render (Chromium)"
            print(f"  {label:34s} {times[0]:8.1f} {p50:8.1f} {p95:8.1f}")
    except pytest.skip.Exception as skipped:
        print(f"  dashboard first render: skipped ({skipped})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", type=Path, default=ROOT / "sample.db")
    parser.add_argument("--db", type=Path, default=ROOT / "bench.db")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if not args.db.exists():
        if not args.source.exists():
            print(f"no {args.source}: run `make run` first, or pass --from", file=sys.stderr)
            return 1
        fill(args.source, args.db, args.events, args.seed)
    measure(args.db, args.repeat, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
