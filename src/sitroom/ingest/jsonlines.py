"""JSON documents and JSON Lines: one record per line (or an array), each a `Source`.

A JSON Lines file is streamed: lines are read in bounded chunks (`max_line_bytes` per line),
so memory stays flat however long the file or any one line is. A JSON document (an array, a
pretty-printed record) is read whole, within `max_bytes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from sitroom.ingest.base import Reading, Source, TooLarge, plain_error
from sitroom.ingest.decoding import WIDE_BOMS, decode_bytes, reject_binary, without_surrogates
from sitroom.ingest.files import CappedStream, bounded_lines, open_input, read_limited
from sitroom.records import Failure, InputError

RECORD_FIELDS = ("id", "url", "title", "published", "source", "author")


def read_json(origin: str, data: bytes) -> Iterator[Source | Failure]:
    """Read a JSON array/object, or JSON Lines with one record per line, from bytes."""
    text = decode_bytes(data)
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            whole = json.loads(stripped)
        except (ValueError, RecursionError):
            whole = None  # not one readable JSON value: read it as JSON Lines below
        if isinstance(whole, list):
            for number, record in enumerate(whole, start=1):
                yield to_source(f"{origin}[{number}]", record)
            return
        if isinstance(whole, dict):
            yield to_source(origin, whole)
            return
    # JSON Lines ends lines at "\n" only: U+2028 and friends may stand unescaped in strings.
    yield from json_lines(origin, enumerate(text.split("\n"), start=1))


def read_json_file(
    path: Path, origin: str, gzipped: bool, suffix: str, reading: Reading
) -> Iterator[Source | Failure]:
    """A JSON Lines file streamed line by line; a JSON document read whole within
    `max_bytes` (a big ".json" file whose first line is a record is read as JSON Lines)."""
    options = reading.options
    first = _first_line_kind(path, gzipped, options.max_line_bytes)
    if first is None:
        raise InputError("empty file")
    if suffix != ".json" and first != "partial":
        yield from _stream_file(origin, path, gzipped, reading)
        return
    try:
        data = read_limited(path, gzipped, options.max_bytes)
    except TooLarge:
        if suffix == ".json" and first != "record":
            raise
        yield from _stream_file(origin, path, gzipped, reading)
        return
    yield from read_json(origin, data)


def _first_line_kind(path: Path, gzipped: bool, line_cap: int) -> str | None:
    """How the first non-blank line parses on its own: "record" (a JSON object), "value"
    (another complete or unreadable line), "partial" (the start of a longer JSON document,
    such as a pretty-printed array), or None for a file with no content."""
    with open_input(path, gzipped) as stream:
        head = stream.read(8192)
        if head.startswith(WIDE_BOMS):
            return "partial"  # UTF-16/32 cannot be split into lines as bytes; read it whole
        reject_binary(head)
    with open_input(path, gzipped) as stream:
        for raw in bounded_lines(stream, line_cap):
            if raw is None:
                return "value"
            if raw.strip():
                return _line_kind(raw)
    return None


def _line_kind(raw: bytes) -> str:
    line = raw.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        at_end = err.pos >= len(line)
        return "partial" if at_end and line[:1] in ("[", "{") else "value"
    except (ValueError, RecursionError):
        return "value"
    return "record" if isinstance(value, dict) else "value"


def _stream_file(
    origin: str, path: Path, gzipped: bool, reading: Reading
) -> Iterator[Source | Failure]:
    with open_input(path, gzipped) as stream:
        yield from stream_json_lines(origin, stream, reading, gzipped)


def stream_json_lines(
    origin: str, stream: IO[bytes], reading: Reading, gzipped: bool = False
) -> Iterator[Source | Failure]:
    """JSON Lines from a byte stream, each line capped; a gzip stream is capped in total."""
    options = reading.options
    source: IO[bytes] | CappedStream = stream
    if gzipped:
        source = CappedStream(stream, options.max_unzipped_bytes, "gzip file expands to")
    cap = options.max_line_bytes
    lines = decoded_lines(origin, bounded_lines(source, cap), cap)
    yield from json_lines(origin, lines)


def decoded_lines(
    origin: str, lines: Iterable[bytes | None], cap: int
) -> Iterator[tuple[int, str | Failure]]:
    """Numbered lines, each decoded on its own (a Failure if it is binary or longer than
    `cap` bytes, which `bounded_lines` marks as None)."""
    for number, raw in enumerate(lines, start=1):
        if raw is None:
            yield number, Failure(f"{origin}:{number}", f"line longer than {cap} bytes; skipped")
            continue
        try:
            yield number, decode_bytes(raw)
        except InputError as err:
            yield number, Failure(f"{origin}:{number}", str(err))


def json_lines(
    origin: str, lines: Iterable[tuple[int, str | Failure]]
) -> Iterator[Source | Failure]:
    """One record per non-blank line, named "origin:line"; a bad line is a Failure."""
    for number, line in lines:
        if isinstance(line, Failure):
            yield line
        elif line.strip():
            yield _json_line(f"{origin}:{number}", line)


def _json_line(where: str, line: str) -> Source | Failure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Failure(where, f"invalid JSON ({err.msg} at column {err.colno})")
    except RecursionError:
        return Failure(where, "JSON nested too deeply")
    except ValueError as err:  # e.g. an integer longer than Python converts
        return Failure(where, f"invalid JSON ({plain_error(err)})")
    return to_source(where, record)


def to_source(origin: str, record: object) -> Source | Failure:
    """Turn one JSON record into a Source, or explain why it cannot be one."""
    if not isinstance(record, dict):
        return Failure(origin, f"record is not a JSON object (found {_json_type(record)})")
    meta = {
        k: without_surrogates(v) if isinstance(v, str) else v
        for k in RECORD_FIELDS
        if (v := record.get(k)) not in (None, "")
    }
    for key in ("html", "text"):
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return Failure(origin, f'"{key}" is not a string')
        if not value.strip():
            continue
        return Source(origin, key, without_surrogates(value), meta)
    return Failure(origin, 'record has no "text" or "html"')


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
