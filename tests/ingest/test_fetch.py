"""Fetching as an attacker would try it, against real HTTP servers on loopback."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from sitroom.extract import documents
from sitroom.ingest import FetchBudget, FetchError, FetchLimits, fetch
from sitroom.ingest.fetch import is_public_address
from sitroom.options import Options
from sitroom.records import Document, Failure

PAGE = (
    b"<html><head><title>Ferry timetable changes</title></head><body><article>"
    b"<p>The harbour office in Port Kestrel published a new ferry timetable on Monday, adding"
    b" two evening crossings to the island from next week.</p></article></body></html>"
)


def rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><description>short</description></item>"
        for n, link in enumerate(links)
    )
    channel = f"<channel><title>T</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes for every hostile behaviour; counts the requests it served."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - name fixed by http.server
        Handler.requests.append(self.path)
        path = self.path
        if path == "/page":
            return self._send(200, "text/html", PAGE)
        if path == "/feed-of-feeds":  # every entry links back to a feed, itself included
            base = f"http://{self.headers['Host']}"
            return self._send(
                200, "application/rss+xml", rss(f"{base}/feed-of-feeds", f"{base}/feed-as-html")
            )
        if path == "/feed-as-html":  # a feed that says it is a page
            return self._send(200, "text/html", rss(f"http://{self.headers['Host']}/page"))
        if path.startswith("/to?"):
            return self._redirect(302, path[len("/to?") :])
        if path == "/no-location":
            self.send_response(302)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/loop-a":
            return self._redirect(301, "/loop-b")
        if path == "/loop-b":
            return self._redirect(301, "/loop-a")
        if path == "/drip":  # headers at once, then a byte every 0.3 s, never ending
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            return self._drip()
        if path == "/drip-headers":  # the status line and headers a byte at a time
            return self._drip(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 100
            )
        if path == "/gzip-bomb":  # small on the wire, large decoded
            body = gzip.compress(b"<p>" + b" " * 2_000_000 + b"</p>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if path == "/conditional":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return None
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return None
        return self._send(404, "text/plain", b"no")

    def _send(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _drip(self, data: bytes = b"<p>" + b"x" * 1000) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass  # the client hung up: what a deadline does
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh_counts():
    Handler.requests.clear()


LOOPBACK = FetchLimits(allow_private=True, timeout=10)


def run(inputs, **options) -> list[Document | Failure]:
    return list(documents(inputs, Options(**options)))


def reasons(items) -> list[str]:
    return [i.reason for i in items if isinstance(i, Failure)]


# --- schemes ---------------------------------------------------------------------------------


def test_feed_entry_linking_to_a_local_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret line")
    feed = tmp_path / "feed.rss"
    feed.write_bytes(rss(f"file://localhost{secret}", f"file://{secret}"))
    items = run([str(feed)], fetch=True, allow_private_urls=True)
    assert reasons(items) == ["only http and https URLs are fetched (not file)"] * 2
    assert not any(isinstance(i, Document) for i in items)


def test_other_schemes_on_the_command_line_are_refused(tmp_path):
    (failure,) = run(["ftp://example.org/news.html"])
    assert failure.reason == "only http and https URLs are fetched (not ftp)"


def test_redirect_to_another_scheme_is_refused(server):
    with pytest.raises(FetchError, match=r"only http and https URLs are fetched \(not file\)"):
        fetch(f"{server}/to?file:///etc/passwd", LOOPBACK)


# --- addresses -------------------------------------------------------------------------------


def test_loopback_is_refused_without_the_flag(server):
    (failure,) = run([f"{server}/page"])
    assert failure.reason.startswith("refused: 127.0.0.1 is a private, loopback or link-local")
    assert "--allow-private-urls" in failure.reason
    assert Handler.requests == []  # refused before connecting


def test_a_name_is_checked_on_the_address_it_resolves_to(server):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(
        FetchError, match=r"refused: localhost resolves to (127\.0\.0\.1|::1), which is a private"
    ):
        fetch(f"http://localhost:{port}/page", FetchLimits())
    assert Handler.requests == []


def test_every_redirect_hop_is_checked(server):
    # The first hop is allowed (loopback allowed for it alone); the hop to the cloud metadata
    # address is refused before any connection to it.
    limits = FetchLimits(allowed_networks=("127.0.0.1/32",))
    with pytest.raises(FetchError, match=r"refused: 169\.254\.169\.254 is a private"):
        fetch(f"{server}/to?http://169.254.169.254/latest/meta-data/", limits)
    assert Handler.requests == ["/to?http://169.254.169.254/latest/meta-data/"]
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.2 is a private"):
        fetch(f"{server}/to?http://127.0.0.2:{server.rsplit(':', 1)[1]}/page", limits)


@pytest.mark.parametrize(
    "address, public",
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.100.100.200", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fd00:ec2::254", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_private_loopback_link_local_and_metadata_addresses(address, public):
    assert is_public_address(address) is public


# --- deadlines and sizes ---------------------------------------------------------------------


def test_a_dripping_body_hits_the_total_deadline(server):
    (failure,) = run([f"{server}/drip"], allow_private_urls=True, timeout=1.0)
    assert failure.reason == "timed out after 1 seconds"


def test_dripping_headers_hit_the_total_deadline(server):
    with pytest.raises(FetchError, match=r"^timed out after 1 seconds$"):
        fetch(f"{server}/drip-headers", FetchLimits(allow_private=True, timeout=1.0))


def test_the_size_cap_counts_decoded_bytes(server):
    with pytest.raises(FetchError, match=r"^larger than 100000 bytes$"):
        fetch(f"{server}/gzip-bomb", FetchLimits(allow_private=True, max_bytes=100_000))


def test_a_gzip_body_within_the_cap_is_decoded(server):
    response = fetch(f"{server}/gzip-bomb", FetchLimits(allow_private=True))
    assert len(response.body) == 2_000_007 and response.body.startswith(b"<p>")


# --- redirects -------------------------------------------------------------------------------


def test_redirect_without_location_is_not_too_many_redirects(server):
    with pytest.raises(FetchError, match=r"^redirect without a Location header \(HTTP 302\)$"):
        fetch(f"{server}/no-location", LOOPBACK)


def test_redirect_loop(server):
    with pytest.raises(FetchError, match=r"^redirect loop"):
        fetch(f"{server}/loop-a", LOOPBACK)


def test_redirects_are_followed_to_the_page(server):
    response = fetch(f"{server}/to?/page", LOOPBACK)
    assert response.url == f"{server}/page" and response.status == 200
    assert b"ferry timetable" in response.body


# --- feeds and the run's budget --------------------------------------------------------------


def test_fetched_feeds_are_never_expanded_again(server):
    items = run([f"{server}/feed-of-feeds"], fetch=True, allow_private_urls=True)
    assert reasons(items) == ["a feed linked from a feed entry; not expanded"] * 2
    # One fetch of the feed, one per entry; nothing fetched from the feeds they link to.
    assert Handler.requests == ["/feed-of-feeds", "/feed-of-feeds", "/feed-as-html"]


def test_a_run_fetches_at_most_max_fetches(server, tmp_path):
    feed = tmp_path / "many.rss"
    feed.write_bytes(rss(*[f"{server}/page"] * 5))
    items = run([str(feed)], fetch=True, allow_private_urls=True, max_fetches=2)
    assert len([i for i in items if isinstance(i, Document)]) == 2
    assert reasons(items) == ["not fetched: this run reached its limit of 2 fetches"] * 3
    assert len(Handler.requests) == 2


def test_the_budget_is_shared_by_every_fetch_given_it(server):
    budget = FetchBudget(1)
    fetch(f"{server}/page", LOOPBACK, budget=budget)
    with pytest.raises(FetchError, match="limit of 1 fetches"):
        fetch(f"{server}/page", LOOPBACK, budget=budget)


# --- the library call the watcher and the API reuse --------------------------------------------


def test_conditional_get_returns_304_not_an_error(server):
    first = fetch(f"{server}/conditional", LOOPBACK)
    assert first.status == 200 and first.headers["etag"] == '"v1"'
    again = fetch(f"{server}/conditional", LOOPBACK, headers={"If-None-Match": '"v1"'})
    assert again.status == 304 and again.body == b""


def test_http_errors_keep_their_status(server):
    with pytest.raises(FetchError) as caught:
        fetch(f"{server}/missing", LOOPBACK)
    assert caught.value.status == 404 and str(caught.value) == "HTTP 404 Not Found"
