"""Reading every kind of input, and failing cleanly (one Failure, batch goes on) on bad ones."""

from __future__ import annotations

import gzip
import http.server
import io
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import INPUTS
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitroom.extract import documents
from sitroom.ingest import Source, decode_bytes, read_inputs
from sitroom.options import Options
from sitroom.records import Document, Failure

BAD = INPUTS / "bad"

PAGE = (
    "<html><head><title>Quay lights replaced</title></head><body><article>"
    "<h1>Quay lights replaced</h1>"
    "<p>Workers replaced all the lamps along the main quay of Port Kestrel on Wednesday, "
    "the harbour authority said, finishing a month ahead of schedule.</p>"
    "<p>The new lamps use a third of the power of the old ones.</p>"
    "</article></body></html>"
)


def run(inputs: list[str], **options) -> list[Document | Failure]:
    options.setdefault("allow_private_urls", True)  # the test servers listen on loopback
    return list(documents(inputs, Options(**options)))


def failures(items) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


# --- each input type, round trip -------------------------------------------------------------


def test_text_file():
    (doc,) = run([str(INPUTS / "clean_story.txt")])
    assert doc.text == (INPUTS / "clean_story.txt").read_text(encoding="utf-8")
    assert doc.origin == str(INPUTS / "clean_story.txt")


def test_html_file_metadata():
    (doc,) = run([str(INPUTS / "wordpress_thread.html")])
    assert doc.title == "Coastal states agree joint fishing patrols"
    assert doc.author == "Dana Whitlock"
    assert doc.published == "2025-10-24T09:30:00+00:00"
    assert doc.source == "Coastal Affairs Review"
    assert doc.url == "https://review.example.org/2025/10/joint-patrols/"
    assert doc.text.startswith("Ministers from five coastal states")


def test_jsonl_records():
    items = run([str(INPUTS / "records.jsonl")])
    first, second, third = docs(items)
    assert (first.id, first.published, first.source) == ("story-1", "2025-11-05", "Kestrel Courier")
    assert first.origin.endswith("records.jsonl:1")
    assert second.url == "https://news.example.org/ports/ferry?id=7"
    assert second.published == "2025-11-06T14:20:00+00:00"
    assert second.author == "Sam Ortiz" and second.title == "Ferry strike ends"
    assert "returned to work" in second.text
    assert third.text.startswith("Storm warnings")


def test_json_array(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "First note about the port."}, {"text": "Second note."}]')
    texts = [d.text for d in docs(run([str(path)]))]
    assert texts == ["First note about the port.", "Second note."]


def test_rss_feed():
    first, second = docs(run([str(INPUTS / "feed.rss")]))
    assert first.title == "Harbour dredging begins"
    assert first.url == "https://courier.example.org/2025/11/dredging"
    assert first.published == "2025-11-10T07:45:00+00:00"
    assert first.author == "Lena Park" and first.source == "Kestrel Courier"
    assert "Larger vessels" in first.text
    assert second.title == "Lighthouse keeper retires"


def _write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-11-12T08:00:00Z"},
            )
            writer.write_record(record)


def test_warc(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(
        path,
        [
            ("https://quay.example.org/lights", "text/html; charset=utf-8", PAGE),
            ("https://quay.example.org/logo.png", "image/png", "not really a png"),
        ],
    )
    (doc,) = run([str(path)])
    assert doc.url == "https://quay.example.org/lights"
    assert doc.title == "Quay lights replaced"
    assert doc.published == "2025-11-12T08:00:00+00:00"  # capture date as the fallback
    assert "third of the power" in doc.text


def test_warc_binary_record_fails_alone(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(
        path,
        [
            ("https://quay.example.org/a", "text/html", PAGE),
            ("https://quay.example.org/blob", "text/html", "\x00\x01\x02binary\x00" * 50),
            ("https://quay.example.org/b", "text/html", PAGE.replace("Quay", "Pier")),
        ],
    )
    first, failure, second = run([str(path)])
    assert failure == Failure(f"{path}#https://quay.example.org/blob", failure.reason)
    assert "binary" in failure.reason
    assert (first.title, second.title) == ("Quay lights replaced", "Pier lights replaced")


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story text.")
    (tmp_path / "a.txt").write_text("First story text.")
    (tmp_path / ".hidden.txt").write_text("Never read.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Never read either.")
    assert [d.text for d in docs(run([str(tmp_path)]))] == [
        "First story text.",
        "Second story text.",
    ]


def test_stdin(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b"A story read from standard input."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    (doc,) = run(["-"], published="2025-11-01", source="Desk")
    assert doc.text == "A story read from standard input."
    assert (doc.origin, doc.published, doc.source) == ("-", "2025-11-01", "Desk")


def test_options_fill_missing_metadata():
    (doc,) = run(
        [str(INPUTS / "clean_story.txt")],
        published="2026-01-08",
        url="https://port.example.org/pier",
        source="Port Desk",
    )
    assert (doc.published, doc.url, doc.source) == (
        "2026-01-08",
        "https://port.example.org/pier",
        "Port Desk",
    )


def test_gzipped_html(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (doc,) = run([str(path)])
    assert doc.title == "Quay lights replaced"


# --- encodings ----------------------------------------------------------------------------


def test_cp1252_file_is_decoded():
    (doc,) = run([str(INPUTS / "cp1252_story.txt")])
    assert "“This was our best autumn,”" in doc.text and "Café owners" in doc.text


def test_mixed_encodings_keep_every_character():
    (doc,) = run([str(INPUTS / "mixed_encoding.txt")])
    assert "café and a dash —" in doc.text
    assert "naïve cp1252 “quote”" in doc.text


def test_wrong_declared_charset_is_overridden():
    (doc,) = run([str(BAD / "wrong_charset.html")])
    assert "The café on the quay" in doc.text and "“harbour regulars”" in doc.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Grüße aus Kiel".encode("utf-16"), "Grüße aus Kiel"),
        (b"\xef\xbb\xbfWith a BOM", "With a BOM"),
        ("Déjà vu".encode("cp1252"), "Déjà vu"),
    ],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


# --- bad input ------------------------------------------------------------------------------


def test_bad_corpus_gives_one_failure_each_and_goes_on():
    items = run([str(BAD)])
    reasons = {f.origin.replace(str(BAD) + "/", ""): f.reason for f in failures(items)}
    assert reasons == {
        "blank.txt": "empty file",
        "empty.txt": "empty file",
        "invalid.json:1": reasons["invalid.json:1"],
        "mixed_lines.jsonl:2": "record is not a JSON object (found an array)",
        "mixed_lines.jsonl:3": 'record has no "text" or "html"',
        "mixed_lines.jsonl:4": reasons["mixed_lines.jsonl:4"],
        "truncated_feed.rss[1]": reasons["truncated_feed.rss[1]"],
    }
    assert reasons["invalid.json:1"].startswith("invalid JSON")
    assert reasons["mixed_lines.jsonl:4"].startswith("invalid JSON")
    assert "no content" in reasons["truncated_feed.rss[1]"]
    good = {d.id for d in docs(items)}
    assert {"ok-1", "ok-2"} <= good
    malformed = [d for d in docs(items) if d.origin.endswith("malformed.html")]
    assert malformed and "eastern breakwater" in malformed[0].text


def test_missing_file_and_batch_continues():
    items = run(["no/such/file.txt", str(INPUTS / "clean_story.txt")])
    assert str(items[0]) == "no/such/file.txt: no such file or directory"
    assert isinstance(items[1], Document)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("blob.html", b"\x00\x01\x02binary\x00" * 50),
        ("archive.dat", b"PK\x03\x04" + bytes(200)),
    ],
)
def test_binary_files(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    (failure,) = run([str(path)])
    assert isinstance(failure, Failure)
    assert failure.origin == str(path) and "binary" in failure.reason


def test_truncated_gzip(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8"))[:40])
    (failure,) = run([str(path)])
    assert failure.reason == "truncated gzip file"


def test_truncated_warc_keeps_what_was_read(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _write_warc(
        whole,
        [
            ("https://quay.example.org/a", "text/html", PAGE),
            ("https://quay.example.org/b", "text/html", PAGE.replace("Quay", "Pier")),
        ],
    )
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 60])
    items = run([str(cut), str(INPUTS / "clean_story.txt")])
    assert [type(i) for i in items] == [Document, Failure, Document]
    assert items[1].origin == str(cut) and "WARC" in items[1].reason


def test_not_a_warc(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n" * 5)
    (failure,) = run([str(path)])
    assert isinstance(failure, Failure) and "WARC" in failure.reason


GOOD_LINE = '{"id": "%s", "text": "The harbour office reopened the north gate on Friday."}'
DEEP = "[" * 5000


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.json"])
def test_deeply_nested_json_line_fails_alone(tmp_path, name):
    path = tmp_path / name
    path.write_text("\n".join([GOOD_LINE % "a", DEEP, GOOD_LINE % "b"]) + "\n")
    items = run([str(path)])
    assert [d.id for d in docs(items)] == ["a", "b"]
    (failure,) = failures(items)
    assert (failure.origin, failure.reason) == (f"{path}:2", "JSON nested too deeply")


def test_deeply_nested_json_document_then_batch_goes_on(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP + "]" * 5000)
    failure, doc = run([str(path), str(INPUTS / "clean_story.txt")])
    assert isinstance(failure, Failure) and failure.reason == "JSON nested too deeply"
    assert isinstance(doc, Document)


def test_json_number_too_long_is_a_failure(tmp_path):
    path = tmp_path / "numbers.jsonl"
    path.write_text('{"text": "ok", "n": ' + "9" * 5000 + "}\n" + GOOD_LINE % "c" + "\n")
    items = run([str(path)])
    assert [d.id for d in docs(items)] == ["c"]
    assert failures(items)[0].reason.startswith("invalid JSON")


def test_jsonl_larger_than_max_bytes_is_streamed_with_line_numbers(tmp_path):
    path = tmp_path / "many.jsonl.gz"
    lines = [GOOD_LINE % f"r{n}" for n in range(1, 201)]
    lines[99] = '{"id": "broken", "text": "cut'
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    items = run([str(path)], max_bytes=1000)
    assert len(docs(items)) == 199
    (failure,) = failures(items)
    assert failure.origin == f"{path}:100" and failure.reason.startswith("invalid JSON")


def test_jsonl_lines_end_only_at_newline(tmp_path):
    path = tmp_path / "separators.jsonl"
    path.write_text(
        '{"id": "u", "text": "Line one\u2028still the same record."}\n' + GOOD_LINE % "v",
        encoding="utf-8",
    )
    first, second = run([str(path)])
    assert (first.id, second.id) == ("u", "v") and "\u2028" in first.text


def test_pretty_printed_array_in_jsonl_file(tmp_path):
    path = tmp_path / "pretty.jsonl"
    path.write_text('[\n  {"text": "First note about the port."},\n  {"text": "Second."}\n]\n')
    assert [d.text for d in docs(run([str(path)]))] == ["First note about the port.", "Second."]


def test_max_bytes_bounds_whole_documents(tmp_path):
    array = tmp_path / "batch.json"
    array.write_text("[" + ", ".join([GOOD_LINE % "x"] * 50) + "]")
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    lines = tmp_path / "lines.json"  # JSON Lines under a ".json" name is still streamed
    lines.write_text("\n".join(GOOD_LINE % n for n in range(50)))
    items = run([str(array), str(page), str(lines)], max_bytes=300)
    assert [(f.origin, f.reason) for f in failures(items)] == [
        (str(array), "larger than 300 bytes"),
        (str(page), "larger than 300 bytes"),
    ]
    assert len(docs(items)) == 50


def test_read_inputs_yields_sources():
    (source,) = list(read_inputs([str(INPUTS / "nested_divs.html")], Options()))
    assert isinstance(source, Source) and source.kind == "html" and source.meta == {}


# --- URLs (a local server, never the internet) ----------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - name fixed by http.server
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
            "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/plain": (200, "text/plain", b"A plain text bulletin from the harbour office."),
        }
        if self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            self._redirect("/page" if left == 0 else f"/hop/{left - 1}")
            return
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        status, ctype, body = routes[self.path]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_page(server):
    (doc,) = run([f"{server}/page"])
    assert doc.url == f"{server}/page" and doc.title == "Quay lights replaced"
    assert doc.origin == f"{server}/page"


def test_url_plain_text(server):
    (doc,) = run([f"{server}/plain"])
    assert doc.text == "A plain text bulletin from the harbour office."


def test_url_redirects_followed_within_limit(server):
    (doc,) = run([f"{server}/hop/2"], max_redirects=5)
    assert doc.url == f"{server}/page"


def test_url_too_many_redirects(server):
    (failure,) = run([f"{server}/hop/8"], max_redirects=3)
    assert failure.reason == "too many redirects (more than 3)"


def test_url_404(server):
    (failure,) = run([f"{server}/missing"])
    assert failure.origin == f"{server}/missing" and failure.reason == "HTTP 404 Not Found"


def test_url_size_cap(server):
    (failure,) = run([f"{server}/big"], max_bytes=1000)
    assert failure.reason == "larger than 1000 bytes"


def test_url_not_html(server):
    (failure,) = run([f"{server}/image"])
    assert failure.reason == "not HTML or text (image/png)"


def test_url_unreachable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (failure,) = run([f"http://127.0.0.1:{port}/page"], timeout=5)
    assert failure.reason.startswith("could not connect")


def test_feed_entries_fetched(server, tmp_path):
    feed = tmp_path / "local.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        f"<item><title>Lights</title><link>{server}/page</link>"
        "<description>short summary</description></item>"
        f"<item><title>Gone</title><link>{server}/gone</link>"
        "<description>another summary</description></item>"
        "</channel></rss>"
    )
    doc, failure = run([str(feed)], fetch=True)
    assert "third of the power" in doc.text and doc.source == "Local"
    assert failure.origin == f"{server}/gone" and failure.reason == "HTTP 404 Not Found"
