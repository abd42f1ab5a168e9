"""Reading news inputs: files, directories, JSON Lines, WARC archives, feeds, URLs and stdin.

`read_inputs` turns each input named on the command line (or by library code) into `Source`
objects: decoded text or HTML with whatever metadata the container carried (a JSON record's
fields, a WARC record's target URI and date, a feed entry's link and title). Anything that
cannot be read becomes a `Failure` naming the input, and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import gzip
import http.client
import json
import re
import socket
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sitroom.options import Options
from sitroom.records import Failure, InputError

USER_AGENT = "sitroom/0.1 (+news reader)"

# Suffixes decide the reader; anything else is sniffed from its first bytes.
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}

# File signatures of common binary formats (checked before any decoding).
BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"MZ",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"OggS",
    b"ID3",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"SQLite format 3",
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Byte order marks of UTF-16/32, whose text cannot be split into lines at b"\n".
WIDE_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|title|meta|br|span|h[1-6])\b[^>]*>", re.I)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S
)


@dataclass
class Source:
    """One input document before extraction.

    Attributes:
        origin: where it came from, as shown to the user ("file.jsonl:3", a URL, "-").
        kind: "text" for plain text, "html" for a web page.
        content: the decoded text or HTML.
        meta: metadata carried by the container: id, url, title, author, published, source,
            and "crawled" (a WARC record's capture date, a fallback for `published`).
    """

    origin: str
    kind: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)


def read_inputs(inputs: Sequence[str], options: Options) -> Iterator[Source | Failure]:
    """Read every input and yield its documents as Sources, or a Failure per unreadable input.

    Args:
        inputs: file paths, directories, http(s) URLs, or "-" for standard input.
        options: `published`, `url` and `source` fill in metadata the inputs lack; `timeout`,
            `max_bytes`, `max_redirects` bound URL fetches; `fetch` makes feeds fetch each
            entry's linked page.

    Yields:
        Sources in input order (directories recursively, sorted), and Failures in their place
        for inputs or records that could not be read. Never raises for bad input.
    """
    for name in inputs:
        yield from _guarded(name, lambda n=name: _read_one(n, options))


def _guarded(
    origin: str, make: Callable[[], Iterator[Source | Failure]]
) -> Iterator[Source | Failure]:
    """Run a reader; an error while reading ends that input with a Failure, not the batch."""
    try:
        yield from make()
    except InputError as err:
        yield Failure(origin, str(err))
    except (OSError, ValueError, UnicodeError, LookupError, EOFError, zlib.error) as err:
        yield Failure(origin, _plain_error(err))
    except RecursionError:
        # Parsers recurse on nesting; a hostile input must end only itself, not the batch.
        yield Failure(origin, "input nested too deeply")


def _read_one(name: str, options: Options) -> Iterator[Source | Failure]:
    """Dispatch one named input to its reader."""
    if name == "-":
        yield from _read_stdin(options)
    elif re.match(r"(?i)^https?://", name):
        yield from _read_url(name, options)
    else:
        path = Path(name)
        if path.is_dir():
            for child in _walk(path):
                yield from _guarded(str(child), lambda c=child: _read_file(c, options))
        elif not path.exists():
            raise InputError("no such file or directory")
        else:
            yield from _read_file(path, options)


def _walk(root: Path) -> list[Path]:
    """Files under `root`, recursively, sorted, skipping hidden files and folders."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        found.append(path)
    return found


def _read_stdin(options: Options) -> Iterator[Source | Failure]:
    data = sys.stdin.buffer.read()
    yield from _from_bytes("-", data, None, options)


def _read_file(path: Path, options: Options) -> Iterator[Source | Failure]:
    """Read one file by its suffix (gzip is undone first), else by sniffing its content."""
    origin = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"] or suffixes[-1:] in ([".warc"], [".arc"]):
        yield from _read_warc(path, options)
        return
    gzipped = suffixes[-1:] == [".gz"]
    suffix = (suffixes[:-1] if gzipped else suffixes)[-1:] or [""]
    if suffix[0] in JSON_SUFFIXES:
        yield from _read_json_file(path, gzipped, suffix[0], options)
        return
    yield from _from_bytes(origin, _read_limited(path, gzipped, options), suffix[0], options)


class _TooLarge(InputError):
    """A file holds more than `options.max_bytes` bytes (after gunzip)."""


def _open(path: Path, gzipped: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gzipped else path.open("rb")


def _read_limited(path: Path, gzipped: bool, options: Options) -> bytes:
    """The file's bytes (gunzipped), refusing more than `options.max_bytes`.

    Raises:
        InputError: for a damaged gzip file, or `_TooLarge` for an oversized one.
    """
    try:
        with _open(path, gzipped) as stream:
            data = stream.read(options.max_bytes + 1)
    except EOFError as err:
        raise InputError("truncated gzip file") from err
    except (gzip.BadGzipFile, zlib.error) as err:
        raise InputError(f"not a valid gzip file ({err})") from err
    if len(data) > options.max_bytes:
        raise _TooLarge(f"larger than {options.max_bytes} bytes")
    return data


def _from_bytes(
    origin: str, data: bytes, suffix: str | None, options: Options, content_type: str | None = None
) -> Iterator[Source | Failure]:
    """Route raw bytes to the JSON, feed, HTML or text reader."""
    if not data.strip():
        raise InputError("empty file" if origin != "-" else "empty input")
    if suffix in JSON_SUFFIXES or (suffix is None and data.lstrip()[:1] in (b"{", b"[")):
        yield from _read_json(origin, data, options)
        return
    kind = _sniff_kind(data, suffix, content_type)
    if kind == "feed":
        yield from _read_feed(origin, data, options)
        return
    charset = _declared_charset(data, content_type)
    text = decode_bytes(data, charset)
    yield Source(origin, kind, text, {})


def _sniff_kind(data: bytes, suffix: str | None, content_type: str | None) -> str:
    """Decide between "feed", "html" and "text" from the suffix, the MIME type or the bytes."""
    ctype = (content_type or "").lower()
    head = data[:4096]
    if "rss" in ctype or "atom" in ctype or (suffix in FEED_SUFFIXES and _FEED_START.match(head)):
        return "feed"
    if "xml" in ctype and _FEED_START.match(head):
        return "feed"
    if suffix in HTML_SUFFIXES or "html" in ctype:
        return "html"
    if suffix in TEXT_SUFFIXES or "text/plain" in ctype:
        _reject_binary(data)
        return "text"
    _reject_binary(data)
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def _reject_binary(data: bytes) -> None:
    """Raise InputError when the bytes are clearly not text (signature or control bytes)."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return
    if data.startswith(BINARY_MAGIC):
        raise InputError("binary file, not text or HTML")
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError("binary file, not text or HTML")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    # Text has almost no C0 control bytes; 1% was enough to flag every binary sample we tried.
    if controls > max(2, len(sample) // 100):
        raise InputError("binary file, not text or HTML")


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The charset an HTTP header, an XML declaration or an HTML meta tag declares."""
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        if match:
            return match.group(1)
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the undecodable bytes of a mostly-UTF-8 text one by one as Windows-1252."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("sitroom-cp1252", _cp1252_fallback)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text robustly: BOM, then a declared charset, then UTF-8, then Windows-1252.

    Bytes that are not valid UTF-8 inside an otherwise UTF-8 text (mixed encodings, a common
    result of pasting) are read as Windows-1252 one by one, so nothing is lost or replaced
    by question marks.

    Args:
        data: the raw bytes.
        declared: a charset declared by the container (HTTP header, meta tag), if any.

    Raises:
        InputError: when the bytes look binary.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    _reject_binary(data)
    codec = _codec_name(declared)
    if codec and codec not in ("utf-8", "ascii"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="sitroom-cp1252")


def _codec_name(declared: str | None) -> str | None:
    """Python codec for a declared charset; Latin-1 means Windows-1252, as browsers treat it."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1") else name


# --- JSON and JSON Lines -------------------------------------------------------------------

RECORD_FIELDS = ("id", "url", "title", "published", "source", "author")


def _read_json(origin: str, data: bytes, options: Options) -> Iterator[Source | Failure]:
    """Read a JSON array/object, or JSON Lines with one record per line."""
    text = decode_bytes(data)
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            whole = json.loads(stripped)
        except (ValueError, RecursionError):
            whole = None  # not one readable JSON value: read it as JSON Lines below
        if isinstance(whole, list):
            for number, record in enumerate(whole, start=1):
                yield _record(f"{origin}[{number}]", record)
            return
        if isinstance(whole, dict):
            yield _record(origin, whole)
            return
    # JSON Lines ends lines at "\n" only: U+2028 and friends may stand unescaped in strings.
    yield from _json_lines(origin, enumerate(text.split("\n"), start=1))


def _read_json_file(
    path: Path, gzipped: bool, suffix: str, options: Options
) -> Iterator[Source | Failure]:
    """A JSON Lines file streamed line by line (memory stays flat however long it is); a
    JSON document read whole, within `options.max_bytes`."""
    origin = str(path)
    first = _first_line_kind(path, gzipped)
    if first is None:
        raise InputError("empty file")
    if suffix != ".json" and first != "partial":
        yield from _stream_json_lines(origin, path, gzipped)
        return
    try:
        data = _read_limited(path, gzipped, options)
    except _TooLarge:
        # A big ".json" file whose first line is a whole record is JSON Lines under another name.
        if suffix == ".json" and first != "record":
            raise
        yield from _stream_json_lines(origin, path, gzipped)
        return
    yield from _read_json(origin, data, options)


def _first_line_kind(path: Path, gzipped: bool) -> str | None:
    """How the first non-blank line parses on its own: "record" (a JSON object), "value"
    (another complete or unreadable line), "partial" (the start of a longer JSON document,
    such as a pretty-printed array), or None for a file with no content."""
    with _open(path, gzipped) as stream:
        if stream.read(4).startswith(WIDE_BOMS):
            return "partial"  # UTF-16/32 cannot be split into lines as bytes; read it whole
        stream.seek(0)
        _reject_binary(stream.read(8192))
        stream.seek(0)
        for raw in stream:
            if not raw.strip():
                continue
            line = raw.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
            try:
                value = json.loads(line)
            except json.JSONDecodeError as err:
                at_end = err.pos >= len(line)
                return "partial" if at_end and line[:1] in ("[", "{") else "value"
            except (ValueError, RecursionError):
                return "value"
            return "record" if isinstance(value, dict) else "value"
    return None


def _stream_json_lines(origin: str, path: Path, gzipped: bool) -> Iterator[Source | Failure]:
    with _open(path, gzipped) as stream:
        yield from _json_lines(origin, _decoded_lines(origin, stream))


def _decoded_lines(origin: str, stream: IO[bytes]) -> Iterator[tuple[int, str | Failure]]:
    """Numbered lines of a byte stream, each decoded on its own (a Failure if it is binary)."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield number, decode_bytes(raw)
        except InputError as err:
            yield number, Failure(f"{origin}:{number}", str(err))


def _json_lines(
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
        return Failure(where, f"invalid JSON ({_plain_error(err)})")
    return _record(where, record)


def _record(origin: str, record: object) -> Source | Failure:
    """Turn one JSON record into a Source, or explain why it cannot be one."""
    if not isinstance(record, dict):
        return Failure(origin, f"record is not a JSON object (found {_json_type(record)})")
    meta = {k: record[k] for k in RECORD_FIELDS if record.get(k) not in (None, "")}
    for key in ("html", "text"):
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return Failure(origin, f'"{key}" is not a string')
        if not value.strip():
            continue
        return Source(origin, key, value, meta)
    return Failure(origin, 'record has no "text" or "html"')


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


# --- WARC ------------------------------------------------------------------------------------


def _read_warc(path: Path, options: Options) -> Iterator[Source | Failure]:
    """Yield the HTML (and plain text) responses of a WARC file, gzipped or not."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    found = failed = 0
    with path.open("rb") as stream:
        if not stream.read(1):
            raise InputError("empty file")
        stream.seek(0)
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type is None:
                    raise EOFError("record header cut short")
                try:
                    source: Source | Failure | None = _warc_source(origin, record)
                except InputError as err:  # one unreadable body (binary) ends only its record
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    source = Failure(f"{origin}#{url}" if url else origin, str(err))
                _drain(record)
                if isinstance(source, Failure):
                    failed += 1
                    yield source
                elif source is not None:
                    found += 1
                    yield source
        except (EOFError, zlib.error, OSError) as err:
            reason = f"truncated or corrupt WARC file (read {found} pages before the damage)"
            raise InputError(reason) from err
        except Exception as err:  # warcio signals format errors with its own exception types
            raise InputError(f"not a valid WARC file ({_plain_error(err)})") from err
    if not found and not failed:
        yield Failure(origin, "no HTML or text responses in the WARC file")


def _drain(record: Any) -> None:
    """Read the rest of a record; fewer bytes than its Content-Length means a cut-off file."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError("record cut short")


def _warc_source(origin: str, record: Any) -> Source | None:
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
    data = record.content_stream().read()
    if not data.strip():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    kind = "text" if "text/plain" in ctype.lower() else "html"
    text = decode_bytes(data, _declared_charset(data, ctype))
    meta = {"url": url, "crawled": record.rec_headers.get_header("WARC-Date")}
    where = f"{origin}#{url}" if url else origin
    return Source(where, kind, text, {k: v for k, v in meta.items() if v})


# --- Feeds -----------------------------------------------------------------------------------


def _read_feed(origin: str, data: bytes, options: Options) -> Iterator[Source | Failure]:
    """Each RSS/Atom entry's content (or summary) as HTML, or its linked page with `fetch`."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise InputError(f"not a readable feed ({reason})" if reason else "feed has no entries")
    feed_title = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        meta = _entry_meta(entry, feed_title)
        where = f"{origin}[{number}]"
        link = meta.get("url")
        if options.fetch and link:
            for item in _guarded(link, lambda u=link: _read_url(u, options)):
                if isinstance(item, Source):
                    item.meta = {**meta, **{k: v for k, v in item.meta.items() if v}}
                yield item
            continue
        html = _entry_html(entry)
        if html is None:
            problem = " (the feed is malformed)" if feed.get("bozo") else ""
            yield Failure(where, f"feed entry has no content or summary{problem}")
            continue
        yield Source(where, "html", html, meta)


def _entry_meta(entry: Any, feed_title: str | None) -> dict[str, Any]:
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = {
        "id": None,
        "url": entry.get("link"),
        "title": entry.get("title"),
        "author": (entry.get("author_detail") or {}).get("name") or entry.get("author"),
        "published": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", published) if published else None,
        "source": feed_title,
    }
    return {k: v for k, v in meta.items() if v}


def _entry_html(entry: Any) -> str | None:
    """The entry's longest content (or its summary) as a small page, None when it has none."""
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    body = max(values, key=len) if values else entry.get("summary", "")
    if not body or not body.strip():
        return None
    title = entry.get("title")
    # A title element lets the HTML extractor see the headline the feed gave.
    head = f"<head><title>{_escape(title)}</title></head>" if title else ""
    return f"<html>{head}<body><article>{body}</article></body></html>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- URLs ------------------------------------------------------------------------------------

ACCEPTED_TYPES = ("text/html", "application/xhtml", "text/plain", "xml", "rss", "atom")


class _RedirectLimit(urllib.request.HTTPRedirectHandler):
    """Follow at most `limit` redirects for one URL."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = limit


def fetch_url(url: str, options: Options) -> tuple[bytes, str, str]:
    """Download a page within the limits of `options`.

    Returns:
        The body bytes, the final URL (after redirects) and the Content-Type header.

    Raises:
        InputError: with a plain reason: "could not connect", "HTTP 404 Not Found",
            "timed out", "too many redirects", "larger than N bytes", "not HTML or text".
    """
    opener = urllib.request.build_opener(_RedirectLimit(options.max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=options.timeout) as response:
            ctype = response.headers.get("Content-Type", "") or ""
            if ctype and not any(t in ctype.lower() for t in ACCEPTED_TYPES):
                raise InputError(f"not HTML or text ({ctype.split(';')[0].strip()})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise InputError(f"larger than {options.max_bytes} bytes")
            data = response.read(options.max_bytes + 1)
            if len(data) > options.max_bytes:
                raise InputError(f"larger than {options.max_bytes} bytes")
            return data, response.geturl(), ctype
    except urllib.error.HTTPError as err:
        if 300 <= err.code < 400:
            raise InputError(f"too many redirects (more than {options.max_redirects})") from err
        raise InputError(f"HTTP {err.code} {err.reason}".strip()) from err
    except urllib.error.URLError as err:
        raise InputError(_network_reason(err.reason, options)) from err
    except TimeoutError as err:
        raise InputError(f"timed out after {options.timeout:g} seconds") from err
    except (ConnectionError, http.client.HTTPException) as err:
        raise InputError(f"could not read the response ({_plain_error(err)})") from err


def _network_reason(reason: object, options: Options) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {options.timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return "could not connect (unknown host)"
    if isinstance(reason, ConnectionRefusedError):
        return "could not connect (connection refused)"
    return f"could not connect ({reason})"


def _read_url(url: str, options: Options) -> Iterator[Source | Failure]:
    data, final_url, ctype = fetch_url(url, options)
    for item in _from_bytes(url, data, None, options, content_type=ctype or "text/html"):
        if isinstance(item, Source) and "url" not in item.meta:
            item.meta["url"] = final_url
        yield item


def _plain_error(err: BaseException) -> str:
    """An exception as a short plain sentence (no traceback, no class paths)."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    if isinstance(err, EOFError):
        return "file ends unexpectedly (truncated)"
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


__all__ = ["Source", "decode_bytes", "fetch_url", "read_inputs"]
