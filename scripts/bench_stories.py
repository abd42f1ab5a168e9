"""How the cost of placing a document in stories and happenings grows with the store.

Analyses the bundled sample once, then fills a throw-away database with synthetic analysed
documents recombined from the sample's records (paragraphs of two sample articles, their
actors and events under new ids and dates) written through the store, with no NLP. At each
size it times `sitroom.stories.update` on the next batch of documents and prints the cost per
document (wall clock and CPU); the cost of analysing one sample document with the full
pipeline is printed beside it for scale.

The news arrives as it would from a crawl: about three documents a day, the next batch dated in
the store's latest days. With `--copies`, only the first size is placed document by document;
each later size is reached by copying every placed document with SQL under new ids, with its
profile, story and happenings, each copy moved on in time to follow the last (later news
of the same kinds), so that a store of 100,000 documents takes minutes to make:

    python scripts/bench_stories.py --sizes 1000,5000,20000 --batch 200
    python scripts/bench_stories.py --sizes 1000,10000,100000 --copies
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import itertools
import random
import tempfile
import time
from pathlib import Path

from sitroom.extract import documents
from sitroom.options import Options
from sitroom.pipeline import analyze, shared_pipeline
from sitroom.records import Analysis, stable_id
from sitroom.runners.progress import progress_bar
from sitroom.store import Store
from sitroom.stories import update
from sitroom.stories.clusters import UNDATED

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "sample"


START = dt.date(2015, 1, 1)
SPAN_DAYS = 365  # the days the first thousand documents are spread over


def days_covered(stored: int) -> int:
    """The days a store of `stored` documents covers: `SPAN_DAYS` for each thousand."""
    return SPAN_DAYS * max(stored, 1000) // 1000


def synthetic(base: list[Analysis], number: int, rng: random.Random, last_day: int) -> Analysis:
    """A new analysed document made of two sample articles' paragraphs and records, dated
    in the `SPAN_DAYS` before day `last_day` (counted from `START`)."""
    first, second = rng.sample(base, 2)
    paragraphs = first.document.text.split("\n\n")[:4] + second.document.text.split("\n\n")[-3:]
    day = START + dt.timedelta(days=last_day - SPAN_DAYS + rng.randrange(SPAN_DAYS))
    doc_id = f"syn-{number}"
    document = dataclasses.replace(
        first.document,
        id=doc_id,
        text="\n\n".join(paragraphs),
        url=f"https://site{number % 50}.example/{number}",
        published=day.isoformat(),
        comments=[],
    )
    events = []
    for event in first.events + second.events:
        clone = copy.deepcopy(event)
        clone.id = stable_id("e", doc_id, event.id)
        clone.date = day.isoformat()
        events.append(clone)
    return dataclasses.replace(
        first,
        document=document,
        events=events,
        quotes=[],
        actors=first.actors,
        dates=[],
    )


# The tables placement reads and writes, with the columns that hold ids (renamed in a copy).
# The bodies' LSH bands are not copied: a copy stands for other news, whose text would not
# collide with the stored bodies', and only the recombined sample makes it read the same.
COPIED = {
    "documents": ("id", "url"),
    "events": ("id", "document_id"),
    "mentions": ("document_id",),
    "dates": ("document_id",),
    "story_profiles": ("document_id", "story_id", "original_id"),
    "stories": ("id",),
    "story_terms": ("story_id",),
    "happenings": ("id", "story_id"),
    "happening_events": ("event_id", "happening_id", "document_id"),
}
# The columns holding a day, moved on in a copy; records keep theirs under "date".
DAYS = {"published", "date", "day", "first", "last"}
RECORDS = {"events", "happenings"}


def grow(store: Store, factor: int, span: int) -> None:
    """Make the store `factor` times as large: every placed document copied `factor - 1`
    times under new ids, with its records, profile, story and happenings, copy k moved on by
    k times the `span` days the store covers.

    Copies are written with SQL; the search index and the serving summaries, which
    placement never reads, are not kept for them (their triggers are dropped). The copied
    tables' secondary indexes are dropped while copying and built again after, and the
    throw-away database keeps no journal meanwhile: inserting millions of rows into
    indexes one by one, with every page journalled, is what makes a large copy slow.
    """
    db = store.db
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        " AND tbl_name IN ('documents', 'events')"
    ).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    marks = ", ".join("?" * len(COPIED))
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks})",
        tuple(COPIED),
    ).fetchall()
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    last = {t: db.execute(f"SELECT MAX(rowid) FROM {t}").fetchone()[0] for t in COPIED}
    (positions,) = db.execute("SELECT MAX(position) FROM story_profiles").fetchone()
    copies = range(1, factor)
    with progress_bar(copies, f"copy to {factor}x", len(copies)) as bar:
        for copy in bar:
            with db:
                _copy_once(db, f"~{positions}.{copy}", copy * positions, copy * span, last)
    with db:
        for _, sql in indexes:
            db.execute(sql)
        db.execute("UPDATE term_counts SET documents = documents * ?", (factor,))
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA journal_mode=WAL")


def _copy_once(db, suffix: str, shift: int, days: int, last: dict[str, int | None]) -> None:
    """One copy of the first `last[table]` rows of every copied table: ids take `suffix`
    (unique over successive growths), profile positions move on by `shift`, days by `days`."""
    for table, renamed in COPIED.items():
        if last[table] is None:
            continue
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        values = [_copied(table, c, renamed, suffix, shift, days) for c in columns]
        db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)}"
            f" FROM {table} WHERE rowid <= ?",
            (last[table],),
        )


def _copied(
    table: str, column: str, renamed: tuple[str, ...], suffix: str, shift: int, days: int
) -> str:
    """The SQL expression a copied row takes for `column`."""
    if column in renamed:
        return f"{column} || '{suffix}'"
    if column == "position":
        return f"position + {shift}"
    if column in DAYS or (column == "value" and table == "dates"):
        return _moved(column, days)
    if column == "record" and table in RECORDS:
        date = "json_extract(record, '$.date')"
        moved = _moved(date, days)
        return f"CASE WHEN {date} IS NULL THEN record ELSE json_set(record, '$.date', {moved}) END"
    return column


def _moved(day: str, days: int) -> str:
    """A day `days` later (only the first ten characters of a longer time kept); a value
    that is not a day, such as a month, a week or the undated mark, is left as it is."""
    is_day = f"{day} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND {day} < '{UNDATED}'"
    return f"CASE WHEN {is_day} THEN date(substr({day}, 1, 10), '+{days} days') ELSE {day} END"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument(
        "--copies", action="store_true", help="reach sizes after the first by copying"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    nlp = shared_pipeline()
    sample = [d for d in documents([str(SAMPLE)], Options()) if not hasattr(d, "reason")]
    started = time.perf_counter()
    base = list(analyze(nlp, sample))
    nlp_cost = (time.perf_counter() - started) / len(base)
    print(f"full pipeline: {nlp_cost * 1000:.1f} ms per sample document (one process)")
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        stored, numbers = 0, itertools.count()
        for size in sizes:
            if args.copies and stored:
                grow(store, max(1, round(size / stored)), days_covered(stored))
            else:
                with progress_bar(range(stored, size), f"fill to {size}", size - stored) as bar:
                    for n in bar:
                        store.save(synthetic(base, next(numbers), rng, days_covered(n)))
                update(store, progress=False)
            stored = store.count("documents")
            for _ in range(args.batch):
                store.save(synthetic(base, next(numbers), rng, days_covered(stored)))
            started, cpu = time.perf_counter(), time.process_time()
            update(store, progress=False)
            cost = (time.perf_counter() - started) / args.batch
            cpu = (time.process_time() - cpu) / args.batch
            print(
                f"{stored:>7} stored: {cost * 1000:6.1f} ms per document placed"
                f" ({cpu * 1000:.1f} ms CPU;"
                f" {cost / nlp_cost:.0%} of the pipeline's cost per document)",
                flush=True,
            )
            stored += args.batch


if __name__ == "__main__":
    main()
