"""How the cost of placing a document in stories and happenings grows with the store.

Analyses the bundled sample once, then fills a throw-away database with synthetic analysed
documents recombined from the sample's records (paragraphs of two sample articles, their
actors and events under new ids and dates) written through the store, with no NLP. At each
size it times `sitroom.stories.update` on the next batch of documents and prints the cost per
document; the cost of analysing one sample document with the full pipeline is printed beside
it for scale.

    python scripts/bench_stories.py --sizes 1000,5000,20000 --batch 200
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--batch", type=int, default=200)
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
        stored = 0
        for size in sizes:
            with progress_bar(range(stored, size), f"fill to {size}", size - stored) as bar:
                for number in bar:
                    store.save(synthetic(base, number, rng))
            update(store, progress=False)
            for number in range(size, size + args.batch):
                store.save(synthetic(base, number, rng))
            started = time.perf_counter()
            update(store, progress=False)
            cost = (time.perf_counter() - started) / args.batch
            stored = size + args.batch
            print(
                f"{size:>7} stored: {cost * 1000:6.1f} ms per document placed"
                f" ({cost / nlp_cost:.0%} of the pipeline's cost per document)",
                flush=True,
            )


if __name__ == "__main__":
    main()
