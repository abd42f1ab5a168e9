"""A news site on loopback for the watcher's tests: an RSS feed that can grow, its articles,
conditional GET on the feed, pages that fail on demand, and a count of every request."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

ARTICLES = [
    (
        "Ferry timetable changes",
        "The harbour office in Port Kestrel published a new ferry timetable on Monday, adding"
        " two evening crossings to the island from next week.",
    ),
    (
        "Fishing crews block the harbour",
        "Fishing crews in Port Kestrel blocked the harbour on Tuesday to protest new quotas,"
        " the port authority said.",
    ),
    (
        "Mayor meets union leaders",
        "The mayor of Port Kestrel met union leaders on Wednesday and promised talks on the"
        " quotas before the summer.",
    ),
    (
        "Coastal states sign fisheries deal",
        "Ministers from three coastal states signed a fisheries agreement in Oslo on Friday,"
        " ending a dispute over the northern grounds.",
    ),
    (
        "Two protesters arrested",
        "Police arrested two protesters outside the town hall in Port Kestrel on Thursday,"
        " officials said.",
    ),
    (
        "New lighthouse keeper named",
        "The island council named a new keeper for the Port Kestrel lighthouse on Saturday,"
        " the first in twenty years.",
    ),
]


def page(number: int) -> bytes:
    title, text = ARTICLES[number]
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p></article></body></html>"
    ).encode()


@dataclass
class Site:
    """What the site serves; tests change it while it runs."""

    base: str = ""
    # Entries shown in the feed, as (guid, link path); newest last.
    entries: list[tuple[str, str]] = field(default_factory=list)
    # Paths answering 500 for their next N requests.
    failing: Counter[str] = field(default_factory=Counter)
    # Extra links written into the feed as they are (file://, other hosts).
    raw_links: list[str] = field(default_factory=list)
    # Seconds each article page takes to answer (a slow site).
    delay: float = 0.0
    requests: Counter[str] = field(default_factory=Counter)
    answers: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, number: int) -> None:
        """Publish article `number` in the feed."""
        self.entries.append((f"urn:kestrel:{number}", f"/news/{number}"))

    def feed(self, guids: str = "") -> bytes:
        """The feed; `guids` prefixes every guid (another feed of the same articles)."""
        items = "".join(
            f"<item><title>{ARTICLES[int(path.rsplit('/', 1)[1])][0]}</title>"
            f'<link>{self.base}{path}</link><guid isPermaLink="false">{guids}{guid}</guid>'
            "<pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate></item>"
            for guid, path in self.entries
        )
        items += "".join(
            f"<item><title>Odd {n}</title><link>{link}</link></item>"
            for n, link in enumerate(self.raw_links)
        )
        channel = f"<channel><title>Kestrel Gazette</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()

    def served(self, path: str) -> int:
        """How many requests for `path` were answered."""
        with self.lock:
            return self.requests[path]

    def statuses(self, path: str) -> list[int]:
        """The status of every answer to `path`, in order."""
        with self.lock:
            return [status for p, status in self.answers if p == path]


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
            path = self.path
            with site.lock:
                site.requests[path] += 1
                fail = site.failing[path] > 0
                if fail:
                    site.failing[path] -= 1
            if fail:
                return self._send(500, "text/plain", b"broken")
            if path in ("/feed.xml", "/other.xml"):
                body = site.feed("" if path == "/feed.xml" else "other:")
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, None, b"", {"ETag": etag})
                return self._send(200, "application/rss+xml", body, {"ETag": etag})
            if path.startswith("/news/"):
                time.sleep(site.delay)
                number = int(path.rsplit("/", 1)[1])
                return self._send(200, "text/html; charset=utf-8", page(number))
            return self._send(404, "text/plain", b"no such page")

        def _send(self, status: int, ctype: str | None, body: bytes, headers=None) -> None:
            with site.lock:
                site.answers.append((self.path, status))
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def running_site() -> Iterator[Site]:
    """Serve a new site on a free loopback port for the duration."""
    site = Site()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
