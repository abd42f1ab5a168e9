"""Runners: how documents travel through the pipeline into the store (a local process pool)."""

from sitroom.runners.local import Summary, analyze_chunk, analyze_stream, ingest
from sitroom.runners.progress import progress_bar
from sitroom.runners.reanalyze import reanalyze

__all__ = ["Summary", "analyze_chunk", "analyze_stream", "ingest", "progress_bar", "reanalyze"]
