"""Rebuild the sample web archive from the pages kept beside it.

Writes `src/sitroom/sample/archive.warc.gz`: one warcinfo record, then one HTTP response record
per page in `scripts/warc_source/`. Dates, record ids and HTTP headers are fixed, and
each gzip member is written with a zero timestamp, so running the script twice produces the same
bytes and the archive can be checked into version control.

Usage:
    python scripts/make_sample_warc.py [--output PATH]
"""

from __future__ import annotations

import argparse
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "sitroom" / "sample"
SOURCE = Path(__file__).resolve().parent / "warc_source"
OUTPUT = SAMPLE / "archive.warc.gz"

# Record ids are UUIDs derived from this namespace and the target URI, so they never change.
ID_NAMESPACE = uuid.UUID("6f1c1f5e-3d7a-4c1e-9a53-5a1e5c0a2b7d")
ARCHIVE_DATE = "2025-06-02T09:00:00Z"


@dataclass(frozen=True)
class Capture:
    """One page to archive: the source file, the URL it was fetched from and when."""

    filename: str
    url: str
    fetched: str  # WARC-Date, ISO 8601 in UTC
    http_date: str  # the server's Date header for the same moment


CAPTURES = (
    Capture(
        "poland_closes_russian_consulate_2024-10-22.html",
        "https://vistulamonitor.example/politics/2024/10/22/poland-closes-russian-consulate-poznan",
        "2024-10-22T14:02:11Z",
        "Tue, 22 Oct 2024 14:02:11 GMT",
    ),
    Capture(
        "japan_philippines_access_pact_2024-07-08.html",
        "https://archipelagotimes.example/nation/2024/07/08/japan-philippines-reciprocal-access-agreement",
        "2024-07-08T10:31:45Z",
        "Mon, 08 Jul 2024 10:31:45 GMT",
    ),
    Capture(
        "india_pakistan_ceasefire_2025-05-10.html",
        "https://induscourier.example/south-asia/2025/05/10/india-pakistan-ceasefire",
        "2025-05-10T17:05:38Z",
        "Sat, 10 May 2025 17:05:38 GMT",
    ),
)


def record_id(name: str) -> str:
    """A WARC-Record-ID that depends only on `name`."""
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}>"


def write_warcinfo(writer: WARCWriter, filename: str) -> None:
    """Write the archive's leading warcinfo record."""
    fields = (
        b"software: sitroom scripts/make_sample_warc.py\r\n"
        b"format: WARC File Format 1.1\r\n"
        b"description: sample news pages for sitroom\r\n"
    )
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": record_id("warcinfo:" + filename),
            "WARC-Date": ARCHIVE_DATE,
            "WARC-Filename": filename,
        },
    )
    writer.write_record(record)


def write_response(writer: WARCWriter, capture: Capture, source: Path) -> None:
    """Write one page as an HTTP 200 response record."""
    body = (source / capture.filename).read_bytes()
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Date", capture.http_date),
        ],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        capture.url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id(capture.url),
            "WARC-Date": capture.fetched,
        },
    )
    writer.write_record(record)


def build(output: Path = OUTPUT, source: Path = SOURCE) -> Path:
    """Write the sample archive.

    Args:
        output: Path of the `.warc.gz` file to (over)write.
        source: Folder holding the HTML pages named in CAPTURES.

    Returns:
        The path written.
    """
    with output.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        write_warcinfo(writer, output.name)
        for capture in CAPTURES:
            write_response(writer, capture, source)
    return output


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="archive to write")
    args = parser.parse_args()
    print(build(args.output))


if __name__ == "__main__":
    main()
