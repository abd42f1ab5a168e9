"""The batch runner: documents in, analyses out, on every core, in bounded memory.

`analyze_chunk` is the unit of work: a list of documents through one `nlp.pipe` call in one
process. The local runner maps it over a process pool with a bounded number of chunks in flight,
so memory stays flat however many documents stream through; a cluster scheduler can map the same
function over partitions.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from sitroom.options import Options
from sitroom.pipeline import analyze, shared_pipeline
from sitroom.records import Analysis, Document, Failure
from sitroom.runners.progress import progress_bar
from sitroom.store import Store

Result = Analysis | Failure
T = TypeVar("T")


def analyze_chunk(
    documents: list[Document], model: str | None = None, options: Options | None = None
) -> list[Result]:
    """Analyse documents in one process; a document that breaks the pipeline becomes a Failure.

    `options` name the user's knowledge files, if any (see `build_pipeline`).
    """
    nlp = shared_pipeline(model, options)
    force = bool(options and options.force)
    try:
        return list(analyze(nlp, documents, batch_size=len(documents) or 1, force=force))
    except Exception:  # noqa: BLE001 - isolate the culprit below, one document at a time
        results: list[Result] = []
        for document in documents:
            try:
                results.extend(analyze(nlp, [document], force=force))
            except Exception as err:  # noqa: BLE001 - reported, never raised to the user
                results.append(Failure(_origin(document), f"analysis failed: {err}"))
        return results


def _origin(document: Document) -> str:
    return document.origin or document.url or document.id


def _fork_after_loading(options: Options) -> multiprocessing.context.BaseContext:
    """Load the pipeline here, then fork: workers inherit it instead of loading their own.

    Where fork is not available, each worker loads the pipeline in its initializer.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        shared_pipeline(options.model, options)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def analyze_stream(documents: Iterable[Document], options: Options) -> Iterator[Result]:
    """Analyse a stream of documents in input order, on `options.workers` processes."""
    chunks = _chunks(documents, options.batch_size)
    if options.workers <= 1:
        for chunk in chunks:
            yield from analyze_chunk(chunk, options.model, options)
        return
    pool = ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=_fork_after_loading(options),
        initializer=shared_pipeline,
        initargs=(options.model, options),
    )
    pending: deque[Future[list[Result]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(analyze_chunk, chunk, options.model, options))
            # Two chunks per worker keep every core busy without reading the whole input.
            if len(pending) >= 2 * options.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # On an error or an interrupt, drop queued chunks instead of waiting for them.
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk


@dataclass
class Summary:
    """What an ingest run did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Number of inputs or documents that could not be stored."""
        return len(self.failures)

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )


def ingest(
    items: Iterable[Document | Failure],
    store: Store,
    options: Options,
    on_failure: Callable[[Failure], None] | None = None,
    progress: bool | None = None,
) -> Summary:
    """Analyse and store documents that are new or changed; count the rest.

    Args:
        items: documents (or reading failures) as `extract.documents` yields them.
        store: the database to write to (this process is its only writer).
        options: runner settings (workers, batch size, model).
        on_failure: called with each failure as it happens, e.g. to print it.
        progress: force the progress bar on or off (default: on when stderr is a terminal).
    """
    summary = Summary()

    def fail(failure: Failure) -> None:
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def to_analyse() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                fail(item)
                continue
            if store.status(item) == "unchanged":
                summary.unchanged += 1
                bar.update()
                continue
            yield item

    with progress_bar(description="ingest", enabled=progress) as bar:
        for result in analyze_stream(to_analyse(), options):
            if isinstance(result, Failure):
                fail(result)
            else:
                saved = store.save(result)
                setattr(summary, saved, getattr(summary, saved) + 1)
            bar.update()
    place_in_stories(store, progress)
    return summary


def place_in_stories(store: Store, progress: bool | None = None) -> None:
    """Bring stories and happenings up to date with what the run stored (incremental; a run
    that stored nothing new only checks that nothing is pending)."""
    from sitroom.stories import update

    update(store, progress)
