"""Ingest: reading inputs (files, directories, JSON Lines, WARC, feeds, URLs, stdin) as
`Source`s."""

from sitroom.ingest.readers import Source, decode_bytes, fetch_url, read_inputs

__all__ = ["Source", "decode_bytes", "fetch_url", "read_inputs"]
