"""Every reader bounded, and inputs that are not files refused: each hostile input is built
small here, with a cap lower than what it would expand to."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitroom.extract import documents
from sitroom.ingest import Source, read_inputs
from sitroom.ingest.files import bounded_lines
from sitroom.options import Options
from sitroom.records import Document, Failure

STORY = (
    "The council of Port Kestrel voted on Tuesday to rebuild the north pier, the mayor said,"
    " after a winter storm damaged it beyond repair."
)
PAGE = (
    "<html><head><title>Pier vote</title></head>"
    f"<body><article><p>{STORY}</p></article></body></html>"
)


def run(inputs, **options) -> list[Document | Failure]:
    return list(documents([str(i) for i in inputs], Options(**options)))


def failures(items) -> list[tuple[str, str]]:
    return [(i.origin, i.reason) for i in items if isinstance(i, Failure)]


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def write_warc(path: Path, records: list[tuple[str, bytes]], gzipped: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, body in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


# --- WARC ------------------------------------------------------------------------------------


def test_an_oversized_warc_record_is_skipped_and_the_next_is_read(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    bomb = b"<html><body><p>" + b"a " * 200_000 + b"</p></body></html>"  # ~400 KB, gzips to ~1 KB
    write_warc(
        archive, [("https://x.example/bomb", bomb), ("https://x.example/pier", PAGE.encode())], True
    )
    assert archive.stat().st_size < 10_000
    items = run([archive], max_bytes=50_000)
    assert failures(items) == [
        (f"{archive}#https://x.example/bomb", "record larger than 50000 bytes; skipped")
    ]
    (doc,) = docs(items)
    assert doc.url == "https://x.example/pier" and "north pier" in doc.text


def test_a_warc_file_expanding_past_its_cap_stops(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    pages = [(f"https://x.example/{n}", PAGE.encode() + b" " * 20_000) for n in range(10)]
    write_warc(archive, pages, True)
    items = run([archive], max_unzipped_bytes=100_000)
    found = docs(items)
    assert 0 < len(found) < 10
    ((origin, reason),) = failures(items)
    assert origin == str(archive)
    assert reason == f"archive expands to more than 100000 bytes; stopped after {len(found)} pages"


# --- gzip, stdin, JSON lines -----------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_cap(tmp_path):
    bomb = tmp_path / "page.html.gz"
    bomb.write_bytes(gzip.compress(PAGE.encode() + b" " * 5_000_000))
    assert bomb.stat().st_size < 20_000
    (failure,) = run([bomb], max_bytes=1_000_000)
    assert failure.reason == "expands to more than 1000000 bytes"


def test_a_streamed_jsonl_gz_stops_at_its_expansion_cap(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    line = json.dumps({"text": STORY}) + "\n"
    path.write_bytes(gzip.compress((line * 2000).encode()))
    items = run([path], max_unzipped_bytes=200_000)
    assert 0 < len(docs(items)) < 2000
    assert failures(items)[-1] == (
        str(path),
        "gzip file expands to more than 200000 bytes; stopped there",
    )


def test_a_json_line_longer_than_its_cap_is_skipped_alone(tmp_path):
    path = tmp_path / "records.jsonl"
    long_line = json.dumps({"text": "word " * 50_000})
    path.write_text(
        "\n".join([json.dumps({"text": STORY}), long_line, json.dumps({"text": STORY})])
    )
    items = run([path], max_line_bytes=10_000)
    assert failures(items) == [(f"{path}:2", "line longer than 10000 bytes; skipped")]
    assert [d.origin for d in docs(items)] == [f"{path}:1", f"{path}:3"]


def test_bounded_lines_never_hold_more_than_the_cap():
    data = b"short\n" + b"x" * 300_000 + b"\nlast"
    assert list(bounded_lines(io.BytesIO(data), 1000)) == [b"short", None, b"last"]
    unterminated = b"y" * 300_000
    assert list(bounded_lines(io.BytesIO(unterminated), 1000)) == [None]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BufferedReader(io.BytesIO(data))


def test_stdin_larger_than_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(("word " * 10_000).encode()))
    (failure,) = run(["-"], max_bytes=1000)
    assert failure.origin == "-"
    assert failure.reason == "standard input larger than 1000 bytes (only JSON Lines streams)"


def test_json_lines_on_stdin_beyond_the_cap_are_streamed(monkeypatch):
    lines = "".join(json.dumps({"id": f"r{n}", "text": STORY}) + "\n" for n in range(50))
    monkeypatch.setattr(sys, "stdin", _Stdin(lines.encode()))
    items = run(["-"], max_bytes=1000)
    assert [d.id for d in docs(items)] == [f"r{n}" for n in range(50)] and not failures(items)


# --- long texts ------------------------------------------------------------------------------


def test_text_longer_than_the_nlp_limit_is_split_at_paragraphs():
    from sitroom.runners.parts import split_long

    paragraphs = [f"{STORY} Paragraph {n} ends here." for n in range(30)]
    text = "\n\n".join(paragraphs)
    document = Document(id="d-long", text=text, title="Pier")
    parts = split_long(document, 1000)
    assert "".join(p.text for p in parts) == text  # nothing lost, nothing added
    assert all(len(p.text) <= 1000 for p in parts)
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # cut at paragraph breaks
    assert [p.id for p in parts] == [f"d-long-part{n}" for n in range(1, len(parts) + 1)]
    assert parts[0].title == f"Pier (part 1 of {len(parts)})"
    assert split_long(document, 1000) == parts  # the same parts on every run


# --- what is not a regular file --------------------------------------------------------------


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Opening it to read would block until a writer comes: the test would hang, not fail.
    (failure,) = run([fifo])
    assert failure.reason == "not read: a FIFO (named pipe), not a regular file"


def test_a_socket_and_a_device_are_refused(tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        sock_failure, device_failure = run([path, "/dev/zero"])
    assert sock_failure.reason == "not read: a socket, not a regular file"
    assert device_failure.reason == "not read: a character device, not a regular file"


def test_special_files_inside_a_directory_are_reported_and_the_rest_read(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    os.mkfifo(tmp_path / "b.txt")
    items = run([tmp_path])
    assert failures(items) == [
        (str(tmp_path / "b.txt"), "not read: a FIFO (named pipe), not a regular file")
    ]
    assert len(docs(items)) == 1


def test_symlinks_out_of_a_directory_are_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text(STORY)
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY.replace("north", "south"))
    (folder / "link.txt").symlink_to(outside / "private.txt")
    (folder / "linked-dir").symlink_to(outside)
    (folder / "inner.txt").symlink_to(folder / "story.txt")  # inside: followed
    items = run([folder])
    refused = "not read: a symbolic link out of the directory (--follow-symlinks reads it)"
    assert failures(items) == [
        (str(folder / "link.txt"), refused),
        (str(folder / "linked-dir"), refused),
    ]
    assert len(docs(items)) == 2
    followed = run([folder], follow_symlinks=True)
    assert not failures(followed) and len(docs(followed)) == 4


def test_a_directory_linked_into_itself_is_walked_once(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "again").symlink_to(tmp_path)
    items = run([tmp_path], follow_symlinks=True)
    assert len(docs(items)) == 1 and not failures(items)


# --- names and characters --------------------------------------------------------------------


def test_file_names_of_any_bytes_are_read_and_shown_escaped(tmp_path):
    raw_dir = os.fsencode(tmp_path)
    for name in (b"caf\xe9.txt", b"line\nbreak.txt", b"\x1b[31mred.txt"):
        with open(raw_dir + b"/" + name, "wb") as out:
            out.write(STORY.encode())
    with open(raw_dir + b"/bad\xff.json", "wb") as out:
        out.write(b"{broken")
    items = run([tmp_path])
    shown = sorted(d.origin.rsplit("/", 1)[1] for d in docs(items))
    assert shown == ["\\x1b[31mred.txt", "caf\\xe9.txt", "line\\nbreak.txt"]
    ((origin, _),) = failures(items)
    assert origin.endswith("/bad\\xff.json:1")
    for item in items:  # every name prints and encodes as UTF-8
        origin = item.origin
        origin.encode("utf-8")
        assert "\n" not in origin and "\x1b" not in origin


def test_a_missing_file_with_an_undecodable_name_is_one_line(tmp_path):
    name = os.fsdecode(os.fsencode(tmp_path) + b"/gone\xe9.txt")
    (failure,) = run([name])
    assert (
        failure.origin.endswith("gone\\xe9.txt") and failure.reason == "no such file or directory"
    )


def test_control_characters_that_break_the_html_parser_are_cleaned(tmp_path):
    # lxml refuses strings holding \x0b or \x0c ("All strings must be XML compatible") deep
    # inside extraction: in titles, attributes, comments and the text alike.
    page = (
        "<html><head><title>Pier\x0b vote</title><meta name='author' content='Jo\x0cLee'></head>"
        "<body><article class='a\x0cb'><p>" + STORY.replace(" ", " \x0c", 5) + "</p>"
        "<p>More\x0b text &#12; and &#x0b; here about the pier and the harbour.</p></article>"
        "<div class='comments'><p>A \x0c reader\x0b comment</p></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page)
    (doc,) = run([path])
    assert "north pier" in doc.text and "\x0c" not in doc.text and "\x0b" not in doc.text
    (source,) = list(read_inputs([str(path)], Options()))
    assert isinstance(source, Source) and "\x0c" not in source.content


def test_json_strings_with_lone_surrogates_are_stored_safely(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "s\ud800", "title": "T\udfff", "text": STORY + " \ud83d"}))
    (doc,) = run([path])
    for value in (doc.id, doc.title, doc.text):
        value.encode("utf-8")
