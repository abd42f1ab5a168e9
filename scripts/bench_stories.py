"""How the cost of placing a document in stories and happenings grows with the store.

Analyses the bundled sample once, then fills a throw-away database with synthetic analysed
documents recombined from the sample's records (paragraphs of two sample articles, their
actors and events under new ids and dates) written through the store, with no NLP. At each
size it times `sitroom.stories.update` on the next batch of documents and prints the cost per
document (wall clock and CPU); the cost of analysing one sample document with the full
pipeline is printed beside it for scale.

With `--copies`, only the first size is placed document by document; each later size is
reached by copying every placed document with SQL under new ids, with its profile, story and
happenings (the same news reported again in as many stories of its days), so that a store
of 100,000 documents takes minutes to make:

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

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitroom" / "sample"


def synthetic(base: list[Analysis], number: int, rng: random.Random) -> Analysis:
    """A new analysed document made of two sample articles' paragraphs and records."""
    first, second = rng.sample(base, 2)
    paragraphs = first.document.text.split("\n\n")[:4] + second.document.text.split("\n\n")[-3:]
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
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
COPIED = {
    "documents": ("id", "url"),
    "events": ("id", "document_id"),
    "mentions": ("document_id",),
    "dates": ("document_id",),
    "story_profiles": ("document_id", "story_id", "original_id"),
    "document_bands": ("document_id",),
    "stories": ("id",),
    "story_terms": ("story_id",),
    "happenings": ("id", "story_id"),
    "happening_events": ("event_id", "happening_id", "document_id"),
}


def grow(store: Store, factor: int) -> None:
    """Make the store `factor` times as large: every placed document copied `factor - 1`
    times under new ids, with its records, profile, story and happenings.

    Copies are written with SQL; the search index and the serving summaries, which
    placement never reads, are not kept for them (their triggers are dropped).
    """
    with store.db:
        for (name,) in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            " AND tbl_name IN ('documents', 'events')"
        ).fetchall():
            store.db.execute(f"DROP TRIGGER {name}")
        last = {t: store.db.execute(f"SELECT MAX(rowid) FROM {t}").fetchone()[0] for t in COPIED}
        (positions,) = store.db.execute("SELECT MAX(position) FROM story_profiles").fetchone()
        for copy in range(1, factor):
            suffix = f"~{positions}.{copy}"  # unique over successive growths
            for table, renamed in COPIED.items():
                if last[table] is None:
                    continue
                columns = [r[1] for r in store.db.execute(f"PRAGMA table_info({table})")]
                values = [
                    f"{c} || '{suffix}'"
                    if c in renamed
                    else f"position + {copy * positions}"
                    if c == "position"
                    else c
                    for c in columns
                ]
                store.db.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)}"
                    f" FROM {table} WHERE rowid <= ?",
                    (last[table],),
                )
        store.db.execute("UPDATE term_counts SET documents = documents * ?", (factor,))


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
                grow(store, max(1, round(size / stored)))
            else:
                with progress_bar(range(stored, size), f"fill to {size}", size - stored) as bar:
                    for _ in bar:
                        store.save(synthetic(base, next(numbers), rng))
                update(store, progress=False)
            stored = store.count("documents")
            for _ in range(args.batch):
                store.save(synthetic(base, next(numbers), rng))
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
