"""Random and mutated pages through `sitroom extract` and `sitroom ingest`: never a traceback,
and every offset indexes `document.text` consistently, in what is printed and what is stored."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import INPUTS, SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.cli import main
from sitroom.store import Store
from sitroom.store import queries as query

SEEDS = [p.read_bytes() for p in sorted(INPUTS.glob("*.html")) + sorted(SAMPLE.glob("*.html"))]
SEEDS += [p.read_bytes() for p in sorted(INPUTS.glob("*.txt"))[:3]]

# What hostile or broken pages hold: markup cut in half, controls, escapes, odd encodings.
HOSTILE = [
    b"<", b">", b"</p>", b"<p>", b"<div class='comment'>", b"<!--", b"-->", b"<script>",
    b"]]>", b"<![CDATA[", b"&#12;", b"&#x0b;", b"&amp", b"\x00", b"\x0b", b"\x0c", b"\x1b[2J",
    b"\x1b]0;owned\x07", b"\xe2\x80\xa8", b"\xff\xfe", b"\xc3", b"\xef\xbb\xbf", b"\r\n\r\n",
    b"\n\n", "\u201c".encode(), "“Yes,” he said. ".encode(), b"<html>", b"</body>",
    b"<meta charset=x>", b"<title>", b"said on Monday", b"  ", b"\t",
]  # fmt: skip


@st.composite
def pages(draw) -> tuple[bytes, str]:
    """A seed page with random edits, or random bytes; and the suffix it is read as."""
    if draw(st.integers(0, 9)) == 0:
        data = draw(st.binary(min_size=1, max_size=3000))
    else:
        data = draw(st.sampled_from(SEEDS))
        for _ in range(draw(st.integers(1, 12))):
            at = draw(st.integers(0, len(data)))
            kind = draw(st.sampled_from(["insert", "delete", "replace"]))
            piece = draw(st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=8))
            if kind == "insert":
                data = data[:at] + piece + data[at:]
            elif kind == "delete":
                data = data[:at] + data[at + draw(st.integers(1, 200)) :]
            else:
                data = data[:at] + piece + data[at + len(piece) :]
    return data, draw(st.sampled_from([".html", ".txt", ""]))


def check_offsets(record: dict) -> int:
    """Assert every span of one contract record indexes its document's text; count them."""
    text = record["document"]["text"]
    checked = 0

    def span(start: int, end: int, expected: str | None = None) -> None:
        nonlocal checked
        assert 0 <= start <= end <= len(text)
        if expected is not None:
            assert text[start:end] == expected
        checked += 1

    for actor in record["actors"]:
        for mention in actor["mentions"]:
            span(mention["start"], mention["end"], mention["text"])
    for date in record["dates"]:
        span(date["start"], date["end"], date["text"])
    for quote in record["quotes"]:
        span(quote["start"], quote["end"], quote["content"])
    for event in record["events"]:
        span(event["start"], event["end"], event["text"])
        location = event.get("location") or {}
        if location.get("start") is not None:
            span(location["start"], location["end"], location["name"])
    return checked


@pytest.fixture
def cli(nlp, monkeypatch):
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(page=pages())
def test_random_and_mutated_pages_never_break_extract_or_ingest(cli, page):
    data, suffix = page
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"page{suffix}"
        path.write_bytes(data)
        db = Path(tmp) / "fuzz.db"
        printed = cli("extract", str(path), "--published", "2025-03-04")
        assert printed.exit_code in (0, 1)  # 1: the page was refused, with one line
        assert "Traceback" not in printed.output
        records = [json.loads(line) for line in printed.stdout.splitlines()]
        for record in records:
            check_offsets(record)
        stored = cli("ingest", str(path), "--db", str(db), "--published", "2025-03-04")
        assert stored.exit_code in (0, 1) and "Traceback" not in stored.output
        if not records:
            return
        with Store(db) as store:
            ids = [r["id"] for r in query.documents(store)]
            assert sorted(ids) == sorted(r["document"]["id"] for r in records)
            for document_id in ids:
                check_offsets(query.show(store, document_id))
