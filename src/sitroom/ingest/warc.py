"""Web archives (WARC, gzipped or not): each HTML or plain-text response record as a `Source`.

Record bodies are streamed and capped: a record larger than `max_bytes` (after its HTTP
content encoding is undone) is skipped with a message and reading goes on with the next one.
The archive as a whole may not expand past `max_unzipped_bytes` (its records' declared
lengths are counted before they are read), so a small file that expands to gigabytes stops.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitroom.ingest.base import Reading, Source, TooLarge, plain_error
from sitroom.ingest.decoding import declared_charset, decode_bytes
from sitroom.ingest.files import CHUNK, open_regular
from sitroom.records import Failure, InputError


def read_warc(path: Path, origin: str, reading: Reading) -> Iterator[Source | Failure]:
    """Yield the HTML (and plain text) responses of a WARC file, gzipped or not."""
    from warcio.archiveiterator import ArchiveIterator

    options = reading.options
    found = failed = 0
    expanded = 0
    with open_regular(path) as stream:
        if not stream.read(1):
            raise InputError("empty file")
        stream.seek(0)
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type is None:
                    raise EOFError("record header cut short")
                expanded += int(record.length or 0)
                if expanded > options.max_unzipped_bytes:
                    raise TooLarge(
                        f"archive expands to more than {options.max_unzipped_bytes} bytes;"
                        f" stopped after {found} pages"
                    )
                source = _record_source(origin, record, options.max_bytes)
                _drain(record)
                if isinstance(source, Failure):
                    failed += 1
                    yield source
                elif source is not None:
                    found += 1
                    yield source
        except TooLarge:
            raise
        except (EOFError, zlib.error, OSError) as err:
            reason = f"truncated or corrupt WARC file (read {found} pages before the damage)"
            raise InputError(reason) from err
        except Exception as err:  # warcio signals format errors with its own exception types
            raise InputError(f"not a valid WARC file ({plain_error(err)})") from err
    if not found and not failed:
        yield Failure(origin, "no HTML or text responses in the WARC file")


def _record_source(origin: str, record: Any, cap: int) -> Source | Failure | None:
    """One record as a Source; an unreadable or oversized body ends only its record."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}#{url}" if url else origin
    try:
        return _warc_source(where, url, record, cap)
    except InputError as err:
        return Failure(where, str(err))


def _drain(record: Any) -> None:
    """Read the rest of a record; fewer bytes than its Content-Length means a cut-off file."""
    while record.raw_stream.read(CHUNK):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError("record cut short")


def _warc_source(where: str, url: str | None, record: Any, cap: int) -> Source | None:
    """An HTML/text response record as a Source with its target URI and capture date."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    if headers is not None and not headers.get_statuscode().startswith("2"):
        return None
    if "html" not in ctype.lower() and "text/plain" not in ctype.lower():
        return None
    data = _read_capped(record, cap)
    if not data.strip():
        return None
    kind = "text" if "text/plain" in ctype.lower() else "html"
    text = decode_bytes(data, declared_charset(data, ctype))
    meta = {"url": url, "crawled": record.rec_headers.get_header("WARC-Date")}
    return Source(where, kind, text, {k: v for k, v in meta.items() if v})


def _read_capped(record: Any, cap: int) -> bytes:
    """The record's decoded body in chunks, refusing more than `cap` bytes."""
    if int(record.length or 0) > cap and record.http_headers is None:
        raise InputError(f"record larger than {cap} bytes; skipped")
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        parts.append(chunk)
        size += len(chunk)
        if size > cap:
            raise InputError(f"record larger than {cap} bytes; skipped")
    return b"".join(parts)
