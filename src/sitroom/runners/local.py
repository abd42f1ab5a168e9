"""The batch runner: documents in, analyses out, on every core, in bounded memory.

`analyze_chunk` is the unit of work: a list of documents through one `nlp.pipe` call in one
process. The local runner maps it over a process pool with a bounded number of chunks in flight,
so memory stays flat however many documents stream through; a cluster scheduler can map the same
function over partitions. Documents longer than `options.max_chars` go through as parts
(`runners.parts`).

The pool dies with its parent: each worker watches a pipe whose only writer is the parent, and
exits when it closes, which happens however the parent ends (SIGTERM, Ctrl-C, SIGKILL).
Workers ignore SIGINT; the parent turns Ctrl-C and SIGTERM into a clean stop of `ingest`, which
reports what it committed.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from sitroom.options import Options
from sitroom.pipeline import analyze, shared_pipeline, warm_up
from sitroom.records import Analysis, Document, Failure
from sitroom.runners.identity import Identities
from sitroom.runners.parts import split_long
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

    The pipeline codes one story first (`warm_up`), so that the tables its layers read on
    first use are read once, here, and shared by every worker. Where fork is not available,
    each worker loads the pipeline in its initializer.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        warm_up(shared_pipeline(options.model, options))
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_start(
    options: Options, lifeline: int | None, parent_end: int | None, parent: int
) -> None:
    """Worker initializer: exit when the parent is gone, leave Ctrl-C to the parent, load
    the pipeline (inherited already when forked).

    A forked worker inherits both ends of the lifeline pipe and closes the write end first
    thing, so the parent holds the only writer and its exit closes the pipe.
    """
    if parent_end is not None:
        os.close(parent_end)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(lifeline, parent), daemon=True).start()
    shared_pipeline(options.model, options)


def _watch_parent(lifeline: int | None, parent: int) -> None:
    """Block on the lifeline pipe; end of file means the parent has exited."""
    if lifeline is not None:
        try:
            os.read(lifeline, 1)  # returns b"" once every write end is closed
        except OSError:
            pass
        os._exit(1)
    while os.getppid() == parent:  # spawned workers do not share the pipe: poll instead
        time.sleep(0.5)
    os._exit(1)


@contextlib.contextmanager
def _pool(options: Options) -> Iterator[ProcessPoolExecutor]:
    """A process pool that cannot outlive this process."""
    context = _fork_after_loading(options)
    forked = context.get_start_method() == "fork"
    read_end, write_end = os.pipe() if forked else (None, None)
    if forked:
        # What is loaded so far is left out of garbage collection while the pool runs: a
        # collection in a worker would otherwise write to (and so copy) every shared page.
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(options, read_end, write_end, os.getpid()),
    )
    try:
        yield pool
    except BaseException:
        _terminate(pool)  # an interrupt or error: stop the running chunks now
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        for end in (read_end, write_end):
            if end is not None:
                os.close(end)


def _terminate(pool: ProcessPoolExecutor) -> None:
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()


def analyze_stream(documents: Iterable[Document], options: Options) -> Iterator[Result]:
    """Analyse a stream of documents in input order, on `options.workers` processes.

    A document longer than `options.max_chars` is analysed as its parts (`split_long`).
    """
    parts = (part for document in documents for part in split_long(document, options.max_chars))
    batches = chunks(parts, options.batch_size, options.max_chars)
    if options.workers <= 1:
        for chunk in batches:
            yield from analyze_chunk(chunk, options.model, options)
        return
    with _pool(options) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for chunk in batches:
            pending.append(pool.submit(analyze_chunk, chunk, options.model, options))
            # Two chunks per worker keep every core busy without reading the whole input.
            if len(pending) >= 2 * options.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def chunks(
    items: Iterable[Document], size: int, max_chars: int | None = None
) -> Iterator[list[Document]]:
    """Chunks of at most `size` documents and, with `max_chars`, at most that many characters
    in all (one long document alone): a worker's memory follows the text it holds at once."""
    if max_chars is None:
        iterator = iter(items)
        while chunk := list(islice(iterator, max(1, size))):
            yield chunk
        return
    chunk: list[Document] = []
    chars = 0
    for item in items:
        if chunk and (len(chunk) >= size or chars + len(item.text) > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += len(item.text)
    if chunk:
        yield chunk


@dataclass
class Summary:
    """What an ingest run did. `interrupted` names the signal that stopped it early, if any
    (everything counted was committed before it stopped)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    interrupted: str | None = None
    stories_seconds: float = 0.0  # wall-clock time spent placing the run's documents in stories

    @property
    def failed(self) -> int:
        """Number of inputs or documents that could not be stored."""
        return len(self.failures)

    def __str__(self) -> str:
        counts = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )
        if self.interrupted:
            return f"stopped by {self.interrupted}; committed before it: {counts}"
        return counts


class Stopped(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during an ingest or a watch; its argument names which."""


class Signals:
    """Ctrl-C and SIGTERM as `Stopped`, held back while a save and its count are made, so
    what the summary counts is exactly what was committed."""

    NAMES = {signal.SIGINT: "interrupt (Ctrl-C)", signal.SIGTERM: "SIGTERM"}

    def __init__(self) -> None:
        self.holding = False
        self.pending: str | None = None

    def _handle(self, signum: int, frame: object) -> None:
        name = self.NAMES.get(signum, "a signal")
        if self.holding:
            self.pending = name
            return
        raise Stopped(name)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Handle the signals for the duration (main thread only; elsewhere a no-op)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {s: signal.signal(s, self._handle) for s in self.NAMES}
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    @contextlib.contextmanager
    def held(self, defer: bool = False) -> Iterator[None]:
        """A stretch no signal interrupts; one that came meanwhile is raised at its end (with
        `defer`, at the next `check`)."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if not defer:
            self.check()

    def check(self) -> None:
        """Stop now if a signal came while held."""
        if self.pending:
            raise Stopped(self.pending)


def say_waiting(message: str) -> None:
    """Tell the user on stderr that this run waits for another writer."""
    print(f"sitroom: {message}", file=sys.stderr, flush=True)


def ingest(
    items: Iterable[Document | Failure],
    store: Store,
    options: Options,
    on_failure: Callable[[Failure], None] | None = None,
    progress: bool | None = None,
    on_wait: Callable[[str], None] | None = say_waiting,
) -> Summary:
    """Analyse and store documents that are new or changed; count the rest.

    Which stored document an input is follows `runners.identity`: a new capture of a stored
    article is merged with it (nothing replaced by less, the change logged), unrelated pages
    sharing one URL stay apart.

    The run holds the database's writer lock throughout (a second ingest waits for it, up to
    `options.lock_timeout` seconds). Ctrl-C or SIGTERM stops it cleanly: the pool is ended,
    the document being written is rolled back, and the returned summary counts what was
    committed, with `interrupted` set.

    Args:
        items: documents (or reading failures) as `extract.documents` yields them.
        store: the database to write to.
        options: runner settings (workers, batch size, model, max_chars, lock_timeout).
        on_failure: called with each failure as it happens, e.g. to print it.
        progress: force the progress bar on or off (default: on when stderr is a terminal).
        on_wait: told once when another ingest holds the lock (default: a line on stderr).

    Raises:
        StoreError: the lock was not free in time, or the database cannot be written.
    """
    summary = Summary()
    intake = Intake(store, options, summary, on_failure)
    signals = Signals()
    with signals.installed(), store.writer_lock(options.lock_timeout, on_wait):
        try:
            with progress_bar(description="ingest", enabled=progress) as bar:
                for result in analyze_stream(intake.to_analyse(items, bar.update), options):
                    if isinstance(result, Failure):
                        intake.fail(result)
                    else:
                        intake.save(result, signals)
                    bar.update()
            # inside the handled stretch: a signal while stories are placed stops the run
            # the same way (what was stored stays stored; placement resumes on the next run)
            started = time.perf_counter()
            place_in_stories(store, progress)
            summary.stories_seconds = time.perf_counter() - started
        except Stopped as stop:
            summary.interrupted = str(stop)
        except KeyboardInterrupt:
            summary.interrupted = "interrupt (Ctrl-C)"
    return summary


class Intake:
    """What an ingest run does around the analysis, whichever runner analyses: failures
    counted and reported, each input matched to the stored document it is (`runners.identity`),
    unchanged documents skipped, analyses saved with the changes their merge made. Without a
    store (analyses written elsewhere) every document read is analysed."""

    def __init__(
        self,
        store: Store | None,
        options: Options,
        summary: Summary,
        on_failure: Callable[[Failure], None] | None = None,
    ) -> None:
        self.store, self.options, self.summary = store, options, summary
        self.on_failure = on_failure
        self.identities = Identities(store) if store is not None else None
        self.changes: dict[str, list[str]] = {}

    def fail(self, failure: Failure) -> None:
        """Count a failure and report it."""
        self.summary.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)

    def to_analyse(
        self, items: Iterable[Document | Failure], skipped: Callable[[], object]
    ) -> Iterator[Document]:
        """The documents (as parts when long) that are new or changed; `skipped` is called
        for each unchanged one."""
        for item in items:
            if isinstance(item, Failure):
                self.fail(item)
                continue
            long = len(item.text) > self.options.max_chars  # stored as parts, by id
            if self.identities is not None and not long:
                resolution = self.identities.resolve(item)
                item = resolution.document
                if resolution.changes:
                    self.changes[item.id] = resolution.changes
            for part in split_long(item, self.options.max_chars):
                if self.store is not None and self.store.status(part) == "unchanged":
                    self.summary.unchanged += 1
                    skipped()
                    continue
                yield part

    def save(self, result: Analysis, signals: Signals) -> None:
        """Store one analysis: committed and counted, or neither."""
        assert self.store is not None and self.identities is not None
        with signals.held():
            doc_id = result.document.id
            saved = self.store.save(result, changes=self.changes.pop(doc_id, ()))
            self.identities.saved(doc_id)
            setattr(self.summary, saved, getattr(self.summary, saved) + 1)


def place_in_stories(store: Store, progress: bool | None = None) -> None:
    """Bring stories and happenings up to date with what the run stored (incremental; a run
    that stored nothing new only checks that nothing is pending)."""
    from sitroom.stories import update

    update(store, progress)
