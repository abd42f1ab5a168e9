"""Bytes to text: byte order marks, declared charsets, UTF-8 with a Windows-1252 fallback,
binary detection, and the cleaning that makes decoded text safe to parse and to show."""

from __future__ import annotations

import codecs
import os
import re

from sitroom.records import InputError

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


def reject_binary(data: bytes) -> None:
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


def declared_charset(data: bytes, content_type: str | None) -> str | None:
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
    reject_binary(data)
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


# C0 controls other than tab, newline and carriage return, and references to them: lxml
# refuses strings holding them ("All strings must be XML compatible") deep inside extraction.
_HTML_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_REFERENCES = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F]|7[fF]));"
)


def clean_html_controls(page: str) -> str:
    """A page with control characters (and character references to them) made spaces."""
    page = _CONTROL_REFERENCES.sub(" ", page)
    return _HTML_CONTROLS.sub(" ", page)


def without_surrogates(text: str) -> str:
    """Text with lone surrogates (from JSON escapes like "\\ud800") replaced: they cannot be
    encoded as UTF-8, so they could not be stored or printed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown_name(name: str) -> str:
    """A file name (any bytes) or URL as one printable line: undecodable bytes and control
    characters are shown as escapes (\\xe9, \\n, \\x1b), never raw."""
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a lone surrogate that no file name decoding made
        raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
