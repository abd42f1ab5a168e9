"""Peak memory of `sitroom ingest` on hostile inputs, per process (not a test).

Builds each "bomb" in a temporary folder — a small .warc.gz whose one record expands to
gigabytes, a gzip page that does the same, a gigabyte on standard input, a gigabyte JSON line,
a text longer than the pipeline takes at once — runs `sitroom ingest` on it with two workers,
and reports the peak resident memory (VmHWM) of the main process and of its largest worker,
sampled from /proc while it runs (`--dask`: the same ingest on a local Dask cluster of two).
The issue's bar is under 1 GB per process.

    .venv/bin/python scripts/measure_bombs.py [--gigabytes 2] [--only NAME…] [--dask]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SITROOM = str(Path(sys.executable).with_name("sitroom"))
CHUNK = 1 << 20
STORY = (
    "The harbour board of Port Kestrel met on Tuesday and agreed to repair the north pier, the"
    " mayor said, after storms damaged it in the winter.\n\n"
)


@dataclass
class Bomb:
    name: str
    build: Callable[[Path, int], tuple[list[str], Callable[[], Iterator[bytes]] | None]]
    what: str


def _spaces(total: int) -> Iterator[bytes]:
    block = b" " * CHUNK
    for _ in range(total // CHUNK):
        yield block


def warc_record(folder: Path, size: int) -> tuple[list[str], None]:
    """One HTML response record whose body expands to `size` bytes, then a normal one."""
    path = folder / "bomb.warc.gz"
    size = size // CHUNK * CHUNK  # what _spaces writes
    with path.open("wb") as out:
        for url, body_size in (("https://bomb.example/big", size), ("https://ok.example/", 0)):
            page = b"<html><body><p>" + STORY.encode() + b"</p>"
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
            length = len(http) + len(page) + body_size
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {length}\r\n\r\n"
            ).encode()
            with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as member:
                member.write(head + http + page)
                for block in _spaces(body_size):
                    member.write(block)
                member.write(b"\r\n\r\n")
    return [str(path)], None


def gzip_page(folder: Path, size: int) -> tuple[list[str], None]:
    path = folder / "bomb.html.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b"<html><body><p>" + STORY.encode())
        for block in _spaces(size):
            out.write(block)
    return [str(path)], None


def big_stdin(folder: Path, size: int) -> tuple[list[str], Callable[[], Iterator[bytes]]]:
    def feed() -> Iterator[bytes]:
        block = STORY.encode() * (CHUNK // len(STORY))
        for _ in range(size // len(block)):
            yield block

    return ["-"], feed


def json_line(folder: Path, size: int) -> tuple[list[str], None]:
    path = folder / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b'{"id": "huge", "text": "')
        for block in _spaces(size):
            out.write(block)
        out.write(b'"}\n')
        out.write(json.dumps({"id": "ok", "text": STORY}).encode() + b"\n")
    return [str(path)], None


def long_text(folder: Path, size: int) -> tuple[list[str], None]:
    """A text over the NLP limit (in parts), within the document size cap."""
    path = folder / "long.txt"
    path.write_text(STORY * (1_000_000 // len(STORY)))
    return [str(path)], None


BOMBS = [
    Bomb("warc-record", warc_record, "a .warc.gz record expanding to {gb} GB"),
    Bomb("gzip-page", gzip_page, "a .html.gz page expanding to {gb} GB"),
    Bomb("stdin", big_stdin, "{gb} GB of text on standard input"),
    Bomb("json-line", json_line, "a {gb} GB JSON line (in a .jsonl.gz)"),
    Bomb("long-text", long_text, "a 1 MB text, 10 times the NLP limit"),
]


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def measure(bomb: Bomb, gigabytes: float, dask: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs, feed = bomb.build(folder, int(gigabytes * 1e9))
        on_disk = sum(Path(i).stat().st_size for i in inputs if i != "-")
        command = [SITROOM, "ingest", *inputs, "--db", str(folder / "bomb.db"), "--workers", "2"]
        if dask:  # a local cluster's worker processes are children of the ingest too
            command += ["--dask", "local"]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if feed:
            threading.Thread(target=_pump, args=(process, feed), daemon=True).start()
        main_peak, worker_peak = 0, 0
        while process.poll() is None:
            main_peak = max(main_peak, _peak_kb(process.pid))
            for child in _children(process.pid):
                worker_peak = max(worker_peak, _peak_kb(child))
            time.sleep(0.05)
        out, err = process.communicate()
    return {
        "bomb": bomb.name,
        "what": bomb.what.format(gb=gigabytes),
        "on disk": on_disk,
        "exit": process.returncode,
        "said": (err.decode().strip().splitlines() or [""])[0][:110],
        "summary": out.decode().strip()[:80],
        "main MB": main_peak / 1024,
        "worker MB": worker_peak / 1024,
    }


def _pump(process: subprocess.Popen, feed: Callable[[], Iterator[bytes]]) -> None:
    try:
        for block in feed():
            process.stdin.write(block)
        process.stdin.close()
    except (BrokenPipeError, ValueError):
        pass  # sitroom stopped reading at its cap: what is measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=2.0, help="expansion of each bomb")
    parser.add_argument("--only", nargs="*", help="bomb names to run")
    parser.add_argument("--dask", action="store_true", help="ingest on a local Dask cluster")
    args = parser.parse_args()
    chosen = [b for b in BOMBS if not args.only or b.name in args.only]
    print(f"{'bomb':<12} {'main MB':>8} {'worker MB':>10} {'exit':>4}  what / outcome")
    for bomb in chosen:
        row = measure(bomb, args.gigabytes, args.dask)
        print(
            f"{row['bomb']:<12} {row['main MB']:>8.0f} {row['worker MB']:>10.0f} {row['exit']:>4}"
            f"  {row['what']} ({row['on disk']:,} bytes on disk)"
        )
        print(f"{'':<38}{row['said'] or row['summary']}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest process of all runs (getrusage): {peak:.0f} MB")


if __name__ == "__main__":
    os.environ.setdefault("SITROOM_WORKERS", "2")
    main()
