"""The Dask runner: the local runner's unit of work, mapped over a `distributed` cluster.

Documents are read here (files, JSON Lines records, WARC records, feeds: whatever
`extract.documents` yields), split into parts where longer than `options.max_chars`, and
streamed to the workers as the local runner's chunks (at most `options.batch_size` documents and
`options.max_chars` characters each), with a bounded number in flight, so memory stays bounded
however large the input. Each worker loads the pipeline once (`PipelinePlugin`, at worker start)
and runs `local.analyze_chunk`, the very function of the local runner, so the records are the
same. Results come back in input order to this process, the store's one writer, which holds the
database's writer lock as the local runner does; with a Parquet folder the workers write the
analyses themselves (`formats.parquet`) and send back only failures.

A worker that dies mid-partition has its partition run again by the scheduler; a partition that
keeps killing workers is split into single documents, and a document that still kills its worker
is reported as a failure, never silently dropped.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from sitroom.options import Options
from sitroom.pipeline import shared_pipeline
from sitroom.records import Analysis, Document, Failure, stable_id
from sitroom.runners.local import (
    Intake,
    Result,
    Signals,
    Stopped,
    Summary,
    analyze_chunk,
    chunks,
    place_in_stories,
    say_waiting,
)
from sitroom.runners.progress import progress_bar
from sitroom.store import Store

LOCAL = "local"
# Partitions in flight per worker: while this process waits for the oldest (results are saved
# in input order), the others keep every worker busy with one running and more queued.
IN_FLIGHT = 4
# The workers of a local cluster, without what costs CPU and serves no analysis: the dashboard's
# statistical profiler sampling every worker's stack each 10 ms, and glibc told to hand freed
# memory back to the system at 64 kB (spaCy allocates and frees far more per document).
LEAN_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class ClusterError(Exception):
    """The cluster cannot be started or reached; the message says why in one line."""


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once when a worker starts, before its first partition arrives."""

    name = "sitroom-pipeline"

    def __init__(self, model: str | None = None, options: Options | None = None) -> None:
        self.model = model
        self.options = options

    def setup(self, worker: Any) -> None:
        """Build the pipeline in the worker process (kept for every later partition), with
        the user's knowledge files, so the first partition does not build another."""
        shared_pipeline(self.model, self.options)


@dataclass
class Cluster:
    """A connected client, and the local cluster it started (None for a scheduler address)."""

    client: Client
    local: LocalCluster | None
    workers: int

    @property
    def dashboard(self) -> str | None:
        """The dashboard's address when bokeh is installed to serve it."""
        if find_spec("bokeh") is None:
            return None
        return self.client.dashboard_link

    def close(self) -> None:
        """Close the client, and the local cluster when this process started it."""
        self.client.close()
        if self.local is not None:
            self.local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(
    address: str = LOCAL,
    workers: int | None = None,
    model: str | None = None,
    options: Options | None = None,
) -> Cluster:
    """Start a local cluster of single-threaded worker processes, or join a scheduler.

    Args:
        address: "local", or a scheduler address such as ``tcp://HOST:8786`` (its workers are
            used as they are; `workers` is then ignored).
        workers: worker processes of a local cluster (default: the cores).
        model: the spaCy pipeline the workers load.
        options: the settings naming the user's knowledge files the pipeline loads, if any.
    """
    local = None
    try:
        if address == LOCAL:
            with dask.config.set(LEAN_WORKERS):
                local = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    # Any free port: a fixed one may belong to another cluster on this machine.
                    dashboard_address=":0",
                    # Workers closing after the scheduler log lost heartbeats: not the user's news.
                    silence_logs=logging.CRITICAL,
                )
            client = Client(local)
        else:
            client = Client(address, timeout="20s")
        client.register_plugin(PipelinePlugin(model, options))
    except (OSError, TimeoutError) as err:
        if local is not None:
            local.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({err})") from None
    count = len(client.scheduler_info().get("workers", {})) or 1
    return Cluster(client, local, count)


def _origin(document: Document) -> str:
    return document.origin or document.url or document.id


def analyze_to_layout(
    documents: list[Document], model: str | None, out_dir: str, options: Options | None = None
) -> list[Result]:
    """Worker task: analyse a partition and write it under `out_dir` (Parquet layout).

    The part files are named by the partition's content, so running the same input again
    rewrites them instead of adding copies. Returns failures only (analyses stay on disk).
    """
    from sitroom.formats.parquet import LayoutWriter
    from sitroom.formats.tables import analysis_rows

    results = analyze_chunk(documents, model, options)
    tag = stable_id("p", *[(d.id, d.content_hash) for d in documents])[2:]
    with LayoutWriter(out_dir, "parquet", tag=tag) as writer:
        for result in results:
            if isinstance(result, Analysis):
                writer.write_all(analysis_rows(result))
    return [r if isinstance(r, Failure) else None for r in results]  # type: ignore[misc]


def _submit(cluster: Cluster, chunk: list[Document], options: Options, out: str | None) -> Future:
    if out is None:
        return cluster.client.submit(analyze_chunk, chunk, options.model, options, pure=False)
    return cluster.client.submit(analyze_to_layout, chunk, options.model, out, options, pure=False)


def _gather(cluster: Cluster, future: Future, chunk: list[Document], options: Options,
            out: str | None) -> list[Result | None]:  # fmt: skip
    """A partition's results; when it killed its workers, retried document by document."""
    try:
        return future.result()
    except (KilledWorker, FutureCancelledError):
        if len(chunk) == 1:
            reason = "its worker process died while analysing it; not stored"
            return [Failure(_origin(chunk[0]), reason)]
    results: list[Result | None] = []
    for document in chunk:
        single = _submit(cluster, [document], options, out)
        results.extend(_gather(cluster, single, [document], options, out))
    return results


def cluster_stream(
    documents: Iterable[Document], options: Options, cluster: Cluster, out: str | None = None
) -> Iterator[tuple[Document, Result | None]]:
    """(document, result) in input order; the result is None for an analysis a worker wrote."""
    pending: deque[tuple[list[Document], Future]] = deque()
    window = IN_FLIGHT * cluster.workers
    for chunk in chunks(documents, options.batch_size, options.max_chars):
        pending.append((chunk, _submit(cluster, chunk, options, out)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield from zip(done, _gather(cluster, future, done, options, out), strict=True)
    while pending:
        done, future = pending.popleft()
        yield from zip(done, _gather(cluster, future, done, options, out), strict=True)


def ingest(
    items: Iterable[Document | Failure],
    store: Store | None,
    options: Options,
    cluster: Cluster,
    parquet: str | Path | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    progress: bool | None = None,
    on_wait: Callable[[str], None] | None = say_waiting,
) -> Summary:
    """Analyse new or changed documents on the cluster; store them, or write them as Parquet.

    With a store, the run holds its writer lock throughout, as the local runner does: a second
    ingest into the same database waits for it (up to `options.lock_timeout` seconds).

    Args:
        items: documents (or reading failures) as `extract.documents` yields them.
        store: the database this process writes (and checks for unchanged documents); may be
            None with `parquet`, then every document read is analysed.
        options: batch size, max_chars, model and lock_timeout.
        cluster: from `connect`.
        parquet: a folder the workers write the analyses to, instead of the store.
        on_failure: called with each failure as it happens.
        progress: force the progress bar on or off (default: on when stderr is a terminal).
        on_wait: told once when another ingest holds the lock (default: a line on stderr).

    Raises:
        StoreError: the lock was not free in time, or the database cannot be written.
    """
    summary = Summary()
    out = str(parquet) if parquet is not None else None
    intake = Intake(store, options, summary, on_failure)
    signals = Signals()
    writing = (
        contextlib.nullcontext()
        if store is None
        else store.writer_lock(options.lock_timeout, on_wait)  # one writer at a time
    )
    with signals.installed(), writing:
        try:
            with progress_bar(description="ingest (dask)", enabled=progress) as bar:
                read = intake.to_analyse(items, bar.update)
                for _document, result in cluster_stream(read, options, cluster, out):
                    if isinstance(result, Failure):
                        intake.fail(result)
                    elif result is None or store is None:
                        summary.new += 1  # written as Parquet by its worker
                    else:
                        intake.save(result, signals)
                    bar.update()
            if store is not None:
                place_in_stories(store, progress)
        except Stopped as stop:
            summary.interrupted = str(stop)
        except KeyboardInterrupt:
            summary.interrupted = "interrupt (Ctrl-C)"
    return summary
