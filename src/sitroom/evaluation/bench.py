"""`sitroom bench`: end-to-end throughput against the bare spaCy pipeline, in one run.

Both sides process the same documents on the same number of processes: sitroom runs
extract → NLP → store into a temporary database; the bare side runs the English model's
`nlp.pipe` over the extracted texts. Start-up (loading models in the workers) counts on both sides.
"""

from __future__ import annotations

import dataclasses
import resource
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

import spacy

from sitroom.extract import extract
from sitroom.ingest import Source, read_inputs
from sitroom.options import Options
from sitroom.pipeline import model_name
from sitroom.records import Document, InputError
from sitroom.runners import ingest
from sitroom.store import Store

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample"  # the bundled sample corpus


@dataclass
class BenchReport:
    """Numbers of one benchmark run."""

    documents: int
    words: int
    workers: int
    sitroom_seconds: float
    spacy_seconds: float
    peak_rss_mb: float
    peak_worker_rss_mb: float
    stored: int
    sitroom_cpu: float = 0.0  # CPU seconds of this process and its workers, each side
    spacy_cpu: float = 0.0
    stories_seconds: float = 0.0  # of sitroom_seconds: placing the documents in stories

    @property
    def ratio(self) -> float:
        """sitroom's throughput as a multiple of the bare spaCy pipeline's (>1 is faster)."""
        return self.spacy_seconds / self.sitroom_seconds

    def render(self) -> str:
        """The report printed by the CLI."""
        n = self.documents
        return "\n".join(
            [
                f"documents: {n} ({self.words / n:.0f} words each on average), "
                f"{self.workers} processes",
                f"sitroom (extract → NLP → store): {n / self.sitroom_seconds:6.2f} articles/s "
                f"({self.sitroom_seconds:.1f} s, {self.stored} stored)",
                f"bare spaCy pipeline (nlp.pipe):   {n / self.spacy_seconds:6.2f} articles/s "
                f"({self.spacy_seconds:.1f} s)",
                f"ratio sitroom / spaCy: {self.ratio:.2f}x",
                f"of sitroom's time, placing in stories and happenings: "
                f"{self.stories_seconds:.1f} s ({self.stories_seconds / self.sitroom_seconds:.0%})",
                f"CPU time (all processes): sitroom {self.sitroom_cpu:.1f} s, "
                f"spaCy {self.spacy_cpu:.1f} s",
                f"peak memory: {self.peak_rss_mb:.0f} MB main process, "
                f"{self.peak_worker_rss_mb:.0f} MB largest child process (either side)",
            ]
        )


def _sources(inputs: Sequence[str], options: Options) -> list[Source]:
    sources = [
        s for s in read_inputs(list(inputs) or [str(SAMPLE_DIR)], options) if isinstance(s, Source)
    ]
    if not sources:
        raise ValueError("no readable documents in the benchmark inputs")
    return sources


def _documents(sources: list[Source], count: int, options: Options) -> Iterator[Document]:
    """`count` documents extracted from the sources in turn; copies get ids of their own."""
    for n, source in enumerate(islice(cycle(sources), count)):
        try:
            document = extract(source, options)
        except InputError:  # an unreadable input is simply not benchmarked
            continue
        yield dataclasses.replace(document, id=f"{document.id}#{n}")


def run_bench(inputs: Sequence[str], count: int, options: Options) -> BenchReport:
    """Process `count` documents with sitroom and with bare spaCy; return both timings."""
    sources = _sources(inputs, options)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        start, cpu = time.perf_counter(), _cpu_seconds()
        summary = ingest(_documents(sources, count, options), store, options)
        sitroom_seconds = time.perf_counter() - start
        sitroom_cpu = _cpu_seconds() - cpu
        stored = store.count("documents")
    texts = [d.text for d in _documents(sources, count, options)]
    if not texts:
        raise ValueError("none of the benchmark inputs yields a document")

    start, cpu = time.perf_counter(), _cpu_seconds()
    nlp = spacy.load(options.model or model_name())
    for _ in nlp.pipe(texts, batch_size=options.batch_size, n_process=options.workers):
        pass
    spacy_seconds = time.perf_counter() - start
    spacy_cpu = _cpu_seconds() - cpu

    return BenchReport(
        documents=len(texts),
        words=sum(len(t.split()) for t in texts),
        workers=options.workers,
        sitroom_seconds=sitroom_seconds,
        spacy_seconds=spacy_seconds,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_worker_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        stored=stored,
        sitroom_cpu=sitroom_cpu,
        spacy_cpu=spacy_cpu,
        stories_seconds=summary.stories_seconds,
    )


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes so far.

    On a shared machine the wall-clock rates follow the load; CPU time does far less.
    """
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)
