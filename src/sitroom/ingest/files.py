"""Files and directories: what may be opened, and reading it within its limits.

Only regular files are read: FIFOs, sockets and devices are refused from `stat` alone, before
anything opens them (opening a FIFO waits for a writer; a device may never end). A directory is
walked without following symbolic links that lead out of it unless asked. Reads are bounded:
a whole file (after gunzip) by `max_bytes`, a streamed gzip file by `max_unzipped_bytes`, a line
by `max_line_bytes`, read in chunks so no line is ever held whole past its cap.
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sitroom.ingest.base import TooLarge, plain_error
from sitroom.ingest.decoding import shown_name
from sitroom.records import Failure, InputError

CHUNK = 1 << 16

_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def refuse_special(mode: int) -> None:
    """Raise InputError for anything but a regular file or a directory (never opened)."""
    for test, what in _SPECIAL:
        if test(mode):
            raise InputError(f"not read: {what}, not a regular file")


def check_path(path: Path) -> os.stat_result:
    """`stat` a named input, refusing special files. Raises InputError or OSError."""
    info = path.stat()
    refuse_special(info.st_mode)
    return info


def open_regular(path: Path) -> IO[bytes]:
    """Open a regular file for reading; never blocks on a FIFO swapped in after the check."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        refuse_special(os.fstat(fd).st_mode)
    except InputError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def open_input(path: Path, gzipped: bool) -> IO[bytes]:
    """A regular file's byte stream, gunzipped when `gzipped`."""
    stream = open_regular(path)
    return gzip.GzipFile(fileobj=stream, mode="rb") if gzipped else stream


def read_limited(path: Path, gzipped: bool, limit: int) -> bytes:
    """The file's bytes (gunzipped), refusing more than `limit`: a gzip bomb stops at the cap.

    Raises:
        InputError: for a damaged gzip file, or TooLarge for an oversized one.
    """
    try:
        with open_input(path, gzipped) as stream:
            data = stream.read(limit + 1)
    except EOFError as err:
        raise InputError("truncated gzip file") from err
    except (gzip.BadGzipFile, zlib.error) as err:
        raise InputError(f"not a valid gzip file ({err})") from err
    if len(data) > limit:
        what = "expands to more than" if gzipped else "larger than"
        raise TooLarge(f"{what} {limit} bytes")
    return data


class CappedStream:
    """A read-only stream that fails once more than `limit` bytes came through it."""

    def __init__(self, stream: IO[bytes], limit: int, what: str) -> None:
        self._stream = stream
        self._limit = limit
        self._what = what
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        """Read like the wrapped stream, counting."""
        data = self._stream.read(CHUNK if size is None or size < 0 else size)
        self.count += len(data)
        if self.count > self._limit:
            raise TooLarge(f"{self._what} more than {self._limit} bytes; stopped there")
        return data


def bounded_lines(stream: IO[bytes] | CappedStream, limit: int) -> Iterator[bytes | None]:
    """The stream's lines (without the newline), read in chunks; a line longer than `limit`
    is yielded as None and skipped to its end without being held in memory."""
    parts: list[bytes] = []  # the line being read, in pieces (joined once it ends)
    size = 0
    skipping = False
    while chunk := stream.read(CHUNK):
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            if skipping:  # the tail of a line already reported as too long
                skipping = False
                continue
            line = b"".join([*parts, piece])
            parts, size = [], 0
            yield None if len(line) > limit else line
        if skipping:
            continue
        parts.append(pieces[-1])
        size += len(pieces[-1])
        if size > limit:
            yield None
            parts, size, skipping = [], 0, True
    if parts and not skipping:
        line = b"".join(parts)
        if line:
            yield None if len(line) > limit else line


def walk(root: Path, follow_links: bool) -> Iterator[Path | Failure]:
    """Files under `root`, recursively, sorted, skipping hidden files and folders.

    Special files are Failures. A symbolic link whose target lies outside `root` is a
    Failure unless `follow_links`; a directory is entered once even if linked twice.
    """
    base = root.resolve()
    seen: set[Path] = set()
    yield from _walk_dir(root, base, follow_links, seen)


def _walk_dir(folder: Path, base: Path, follow: bool, seen: set[Path]) -> Iterator[Path | Failure]:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as err:
        yield Failure(shown_name(str(folder)), plain_error(err))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        yield from _walk_entry(path, entry, base, follow, seen)


def _walk_entry(
    path: Path, entry: os.DirEntry[str], base: Path, follow: bool, seen: set[Path]
) -> Iterator[Path | Failure]:
    shown = shown_name(str(path))
    if entry.is_symlink():
        target = path.resolve()
        if not follow and not target.is_relative_to(base):
            yield Failure(shown, "not read: a symbolic link out of the directory"
                          " (--follow-symlinks reads it)")  # fmt: skip
            return
        if not target.exists():
            yield Failure(shown, "not read: a broken symbolic link")
            return
    try:
        info = path.stat()
    except OSError as err:
        yield Failure(shown, plain_error(err))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk_dir(path, base, follow, seen)
    elif stat.S_ISREG(info.st_mode):
        yield path
    else:
        try:
            refuse_special(info.st_mode)
        except InputError as err:
            yield Failure(shown, str(err))
