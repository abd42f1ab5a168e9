"""Reading news inputs: files, directories, JSON Lines, WARC archives, feeds, URLs and stdin.

`read_inputs` turns each input named on the command line (or by library code) into `Source`
objects: decoded text or HTML with whatever metadata the container carried (a JSON record's
fields, a WARC record's target URI and date, a feed entry's link and title). Anything that
cannot be read becomes a `Failure` naming the input (file names shown escaped), and reading
goes on with the next one. This module routes each input to its reader (`files`, `jsonlines`,
`warc`, `feeds`, `fetch`); every reader is bounded by the limits in `Options`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from sitroom.ingest.base import Reading, Source, TooLarge, guarded, plain_error
from sitroom.ingest.decoding import declared_charset, decode_bytes, reject_binary, shown_name
from sitroom.ingest.feeds import read_feed
from sitroom.ingest.fetch import fetch
from sitroom.ingest.files import check_path, read_limited, walk
from sitroom.ingest.jsonlines import read_json, read_json_file, stream_json_lines
from sitroom.ingest.warc import read_warc
from sitroom.options import Options
from sitroom.records import Failure, InputError

# Suffixes decide the reader; anything else is sniffed from its first bytes.
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|title|meta|br|span|h[1-6])\b[^>]*>", re.I)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S
)
_URL = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://")


def read_inputs(inputs: Sequence[str], options: Options) -> Iterator[Source | Failure]:
    """Read every input and yield its documents as Sources, or a Failure per unreadable input.

    Args:
        inputs: file paths, directories, http(s) URLs, or "-" for standard input.
        options: `published`, `url` and `source` fill in metadata the inputs lack; `timeout`,
            `max_bytes`, `max_redirects`, `allow_private_urls` bound URL fetches and
            `max_fetches` their number in this run; `fetch` makes feeds fetch each entry's
            linked page; `max_line_bytes`, `max_unzipped_bytes`, `follow_symlinks` bound files.

    Yields:
        Sources in input order (directories recursively, sorted), and Failures in their place
        for inputs or records that could not be read. Never raises for bad input.
    """
    reading = Reading(options)
    for name in inputs:
        yield from guarded(name, lambda n=name: _read_one(n, reading))


def _read_one(name: str, reading: Reading) -> Iterator[Source | Failure]:
    """Dispatch one named input to its reader."""
    if name == "-":
        yield from _read_stdin(reading)
    elif _URL.match(name):
        yield from read_url(name, reading)
    else:
        path = Path(name)
        info = check_path(path)
        if path.is_dir():
            for child in walk(path, reading.options.follow_symlinks):
                if isinstance(child, Failure):
                    yield child
                else:
                    yield from guarded(str(child), lambda c=child: _read_file(c, reading))
        elif info.st_size == 0:
            raise InputError("empty file")
        else:
            yield from _read_file(path, reading)


def _read_stdin(reading: Reading) -> Iterator[Source | Failure]:
    """Standard input within `max_bytes`; JSON Lines beyond that is streamed line by line."""
    stream = sys.stdin.buffer
    limit = reading.options.max_bytes
    data = stream.read(limit + 1)
    if len(data) <= limit:
        yield from from_bytes("-", data, None, reading)
        return
    if data.lstrip()[:1] != b"{":
        raise TooLarge(f"standard input larger than {limit} bytes (only JSON Lines streams)")
    yield from stream_json_lines("-", _Prefixed(data, stream), reading)


class _Prefixed:
    """A stream that gives `head` first, then the rest of `stream`."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        """The head once, then what one read of the stream gives (a pipe is read as its
        lines arrive, not when a whole chunk has filled)."""
        if self._head:
            head, self._head = self._head, b""
            return head
        read1 = getattr(self._stream, "read1", None)
        return read1(size) if read1 else self._stream.read(size)


def _read_file(path: Path, reading: Reading) -> Iterator[Source | Failure]:
    """Read one file by its suffix (gzip is undone first), else by sniffing its content."""
    origin = shown_name(str(path))
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"] or suffixes[-1:] in ([".warc"], [".arc"]):
        yield from read_warc(path, origin, reading)
        return
    gzipped = suffixes[-1:] == [".gz"]
    suffix = (suffixes[:-1] if gzipped else suffixes)[-1:] or [""]
    if suffix[0] in JSON_SUFFIXES:
        yield from read_json_file(path, origin, gzipped, suffix[0], reading)
        return
    data = read_limited(path, gzipped, reading.options.max_bytes)
    yield from from_bytes(origin, data, suffix[0], reading)


def from_bytes(
    origin: str,
    data: bytes,
    suffix: str | None,
    reading: Reading,
    content_type: str | None = None,
    feeds: bool = True,
) -> Iterator[Source | Failure]:
    """Route raw bytes to the JSON, feed, HTML or text reader (`feeds=False`: a feed here is
    refused, not expanded)."""
    if not data.strip():
        raise InputError("empty file" if origin != "-" else "empty input")
    if suffix in JSON_SUFFIXES or (suffix is None and data.lstrip()[:1] in (b"{", b"[")):
        yield from read_json(origin, data)
        return
    kind = sniff_kind(data, suffix, content_type)
    if kind == "feed":
        if not feeds:
            raise InputError("a feed linked from a feed entry; not expanded")
        fetching = reading.options.fetch
        yield from read_feed(origin, data, fetching, lambda url: read_url(url, reading, False))
        return
    text = decode_bytes(data, declared_charset(data, content_type))
    yield Source(origin, kind, text, {})


def sniff_kind(data: bytes, suffix: str | None, content_type: str | None) -> str:
    """Decide between "feed", "html" and "text" from the suffix, the MIME type or the bytes."""
    ctype = (content_type or "").lower()
    head = data[:4096]
    if "rss" in ctype or "atom" in ctype or (suffix in FEED_SUFFIXES and _FEED_START.match(head)):
        return "feed"
    if "xml" in ctype and _FEED_START.match(head):
        return "feed"
    if suffix in HTML_SUFFIXES or "html" in ctype:
        # A page served as HTML that is a feed all the same is still a feed (never expanded
        # twice); the start of a page decides, not the label.
        return "feed" if _FEED_START.match(head) else "html"
    if suffix in TEXT_SUFFIXES or "text/plain" in ctype:
        reject_binary(data)
        return "feed" if content_type and _FEED_START.match(head) else "text"
    reject_binary(data)
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def read_url(url: str, reading: Reading, feeds: bool = True) -> Iterator[Source | Failure]:
    """Fetch one URL within the run's limits and read what came back.

    Args:
        url: the URL (only http and https are fetched).
        reading: the run (options, fetch budget).
        feeds: False for a page linked from a feed entry: a feed there is refused.
    """
    response = fetch(url, reading.limits, budget=reading.budget)
    ctype = response.content_type or "text/html"
    for item in from_bytes(url, response.body, None, reading, ctype, feeds):
        if isinstance(item, Source) and "url" not in item.meta:
            item.meta["url"] = response.url
        yield item


# Kept under their former names for code that imported them from here.
_declared_charset = declared_charset
_plain_error = plain_error

__all__ = ["Source", "decode_bytes", "from_bytes", "read_inputs", "read_url", "sniff_kind"]
