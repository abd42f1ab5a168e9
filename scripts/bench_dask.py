"""Throughput of `ingest --dask local` against the local runner, and the same records.

Reads N PolNeAR articles from the development data beside the project (at run time; nothing
is copied), ingests them into fresh SQLite files with the local runner (2 processes) and with a
local Dask cluster of 1 and of 2 workers, checks that all three stores hold the same records
(document ids, event ids and types, actor and recipient ids, quotes, actors), and prints
documents per second and the ratios (with `--rounds R`, each runner R times, interleaved,
and the median of the rounds' ratios).

Each run is timed twice: "analysis" from the first document read to the last stored, with the
pipeline already loaded in every process that analyses (the local runner's parent, the Dask
workers' plugin), and "end to end", from nothing running to the summary, startup included.
On a machine other work also runs on, wall-clock times say more about the neighbours than
about sitroom, so the CPU seconds every process of the run used while analysing are reported
too (this process, the local runner's pool, the Dask workers; loading the pipeline left out):
CPU per document is the runner's cost.

    .venv/bin/python scripts/bench_dask.py --docs 200 [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "polnear"


def articles(count: int, data: Path) -> Path:
    """A JSON Lines file of `count` PolNeAR articles with their metadata (a temporary file)."""
    meta = {}
    with (data / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    files = sorted((data / "train" / "text").glob("*.txt"))[:count]
    if len(files) < count:
        sys.exit(f"only {len(files)} articles in {data}")
    out = Path(tempfile.mkdtemp(prefix="sitroom-bench-")) / "polnear.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for path in files:
            row = meta.get(path.stem, {})
            record = {
                "id": f"polnear-{path.stem}",
                "text": path.read_text(encoding="utf-8"),
                "published": row.get("publication_date") or None,
                "title": row.get("title") or None,
                "source": row.get("publisher") or None,
            }
            handle.write(json.dumps(record) + "\n")
    return out


def records(db: Path) -> dict[str, list[tuple]]:
    """What must be identical: ids, types, actors, quotes."""
    con = sqlite3.connect(db)
    queries = {
        "documents": "SELECT id, content_hash FROM documents ORDER BY id",
        "events": "SELECT id, document_id, event, mode, actor_id, recipient_id, record"
        " FROM events ORDER BY id",
        "quotes": "SELECT id, document_id, speaker_id, record FROM quotes ORDER BY id",
        "actors": "SELECT * FROM actors ORDER BY id",
        "mentions": 'SELECT document_id, actor_id, start, "end" FROM mentions'
        ' ORDER BY document_id, start, "end", actor_id',
    }
    found = {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    con.close()
    return found


def run_local(source: Path, db: Path, workers: int) -> tuple[float, float, str, float]:
    from sitroom.extract import documents
    from sitroom.options import Options
    from sitroom.pipeline import shared_pipeline
    from sitroom.runners import ingest
    from sitroom.store import Store

    began = time.perf_counter()
    options = Options(workers=workers)
    shared_pipeline(options.model)  # the local runner forks after loading it here
    spent = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    with Store(db) as store:
        start = time.perf_counter()
        summary = ingest(documents([str(source)], options), store, options, progress=False)
        done = time.perf_counter()
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - spent
    return done - start, done - began, str(summary), cpu


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_dask(source: Path, db: Path, workers: int) -> tuple[float, float, str, float]:
    from sitroom.extract import documents
    from sitroom.options import Options
    from sitroom.runners.dask import connect, ingest
    from sitroom.store import Store

    began = time.perf_counter()
    options = Options()
    with connect("local", workers=workers) as cluster, Store(db) as store:
        loaded = sum(cluster.client.run(_cpu, resource.RUSAGE_SELF).values())
        mine = _cpu(resource.RUSAGE_SELF)
        start = time.perf_counter()
        summary = ingest(documents([str(source)], options), store, options, cluster)
        done = time.perf_counter()
        spent = sum(cluster.client.run(_cpu, resource.RUSAGE_SELF).values()) - loaded
    cpu = spent + _cpu(resource.RUSAGE_SELF) - mine
    return done - start, done - began, str(summary), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, interleaved")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "metadata.tsv").exists():
        sys.exit(f"no PolNeAR data at {args.data}")
    source = articles(args.docs, args.data)
    folder = source.parent
    runs = [
        ("local runner, 2 processes", run_local, 2),
        ("dask local, 1 worker", run_dask, 1),
        ("dask local, 2 workers", run_dask, 2),
    ]
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _, _ in runs}
    stores = []
    for round_ in range(args.rounds):
        # Each round starts with another runner, so a busy spell of the neighbours does not
        # always fall on the same one.
        for label, runner, workers in runs[round_ % 3 :] + runs[: round_ % 3]:
            db = folder / f"{label.split(',')[0].replace(' ', '-')}-{workers}-{round_}.db"
            analysis, total, summary, cpu = runner(source, db, workers)
            results[label].append((analysis, total, cpu))
            stores.append(db)
            print(f"{label:28} {summary}", flush=True)
            print(
                f"{'':28} analysis {args.docs / analysis:6.2f} docs/s ({analysis:6.1f} s),"
                f" end to end {args.docs / total:6.2f} docs/s ({total:6.1f} s),"
                f" CPU {cpu / args.docs:5.2f} s/doc",
                flush=True,
            )
    reference = records(stores[0])
    for db in stores[1:]:
        same = records(db) == reference
        print(f"records of {db.name} identical to {stores[0].name}'s: {same}")
        if not same:
            sys.exit(1)
    local = results["local runner, 2 processes"]
    one, two = results["dask local, 1 worker"], results["dask local, 2 workers"]

    def ratio(a: list[tuple[float, ...]], b: list[tuple[float, ...]], i: int) -> str:
        """The median over rounds of a/b, and each round's."""
        each = [x[i] / y[i] for x, y in zip(a, b, strict=True)]
        shown = f"{statistics.median(each):.2f}x"
        if len(each) > 1:
            shown += f" (rounds: {', '.join(f'{r:.2f}' for r in each)})"
        return shown

    print(f"dask 2 workers / local runner 2 processes: analysis {ratio(local, two, 0)},"
          f" end to end {ratio(local, two, 1)}")  # fmt: skip
    print(f"dask scaling 1 -> 2 workers: analysis {ratio(one, two, 0)},"
          f" end to end {ratio(one, two, 1)}")  # fmt: skip
    print(f"CPU per document, local runner / dask: 2 workers {ratio(local, two, 2)},"
          f" 1 worker {ratio(local, one, 2)}")  # fmt: skip
    print(f"load average after the runs: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    counts = {name: len(rows) for name, rows in reference.items()}
    print(f"records compared: {counts}")


if __name__ == "__main__":
    main()
