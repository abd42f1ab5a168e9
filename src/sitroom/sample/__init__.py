"""The bundled sample corpus: short reports in every input format sitroom reads.

The files sit beside this module (see README.md in this folder for what each one reports).
`make run` and the tests ingest them, so they double as a demonstration of extraction,
comment threads, actors, dates, quotes and PLOVER events.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent

# Formats an ingester is expected to read; the sources of the web archive and the docs are
# kept beside them but are not inputs themselves.
INPUT_SUFFIXES = (".txt", ".html", ".jsonl", ".xml", ".warc.gz")


def sample_dir() -> Path:
    """Folder holding the sample corpus."""
    return SAMPLE_DIR


def sample_files() -> list[Path]:
    """The sample inputs in a stable order (plain text, HTML, JSON Lines, feed, web archive).

    Returns:
        Paths of the input files directly in the sample folder; the pages under
        `warc_source/` are excluded because the archive already carries them.
    """
    files = [p for p in SAMPLE_DIR.iterdir() if p.is_file() and p.name.endswith(INPUT_SUFFIXES)]
    return sorted(files, key=lambda p: (_rank(p), p.name))


def _rank(path: Path) -> int:
    """Position of a file's format in INPUT_SUFFIXES."""
    for rank, suffix in enumerate(INPUT_SUFFIXES):
        if path.name.endswith(suffix):
            return rank
    return len(INPUT_SUFFIXES)
