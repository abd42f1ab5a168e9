"""Ingest: reading inputs (files, directories, JSON Lines, WARC, feeds, URLs, stdin) as
`Source`s, within bounded resources.

Modules by concern: `readers` (routing each input), `files` (what may be opened, bounded
reads, directory walks), `decoding` (bytes to text), `jsonlines`, `warc`, `feeds`, and `fetch`
(the one HTTP client every fetching path uses: `fetch(url, limits) -> Response`).
"""

from sitroom.ingest.base import Source
from sitroom.ingest.decoding import decode_bytes
from sitroom.ingest.fetch import FetchBudget, FetchError, FetchLimits, Response, fetch
from sitroom.ingest.readers import read_inputs

__all__ = [
    "FetchBudget",
    "FetchError",
    "FetchLimits",
    "Response",
    "Source",
    "decode_bytes",
    "fetch",
    "read_inputs",
]
