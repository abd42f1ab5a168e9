"""Fetching web pages safely: the one HTTP client every fetching path uses.

URLs on the command line, feed entries fetched with `--fetch`, and later the feed watcher and
the API all call `fetch`. It holds against what an untrusted page or feed can do:

* only ``http`` and ``https``, checked again on every redirect hop (no ``file:``, ``ftp:``…);
* the host is resolved here and every resolved address checked before connecting: private,
  loopback, link-local (cloud metadata), shared, reserved and multicast addresses are refused
  unless `FetchLimits.allow_private` is set; the connection goes to the address that was
  checked, so a name cannot resolve to another address between the check and the connect;
* one total deadline per request covering name lookup, connect, headers and body (a server
  dripping a byte at a time cannot keep a fetch alive);
* a cap on the body after decoding (``Content-Encoding: gzip`` cannot expand past it);
* bounded redirects, with a distinct reason for each failure (no Location, a loop, too many);
* a per-run budget of fetches (`FetchBudget`), shared by every fetch of one run.

Failures raise `FetchError`, an `InputError` whose message is one plain line.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from sitroom.records import InputError

USER_AGENT = "sitroom/0.1 (+news reader)"
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 1 << 16

# Content types worth downloading as news: pages, plain text and feeds.
# Client errors a later request may not meet: request timeout, too early, too many requests.
TRANSIENT_CLIENT_ERRORS = frozenset({408, 425, 429})
NEWS_TYPES = ("text/html", "application/xhtml", "text/plain", "xml", "rss", "atom")


class FetchError(InputError):
    """A URL could not be fetched; the message says why in one line.

    Attributes:
        status: the HTTP status when the server answered with an error, else None.
        permanent: fetching it again cannot succeed: the URL is refused, or the server said
            the page is not there for us (a 4xx other than "timeout" or "too many requests").
    """

    def __init__(self, message: str, status: int | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.permanent = permanent or (
            status is not None and 400 <= status < 500 and status not in TRANSIENT_CLIENT_ERRORS
        )


@dataclass(frozen=True)
class FetchLimits:
    """What one fetch may do.

    Attributes:
        timeout: seconds for the whole request (lookup, connect, headers, body, every hop).
        max_bytes: largest body accepted, counted after decoding.
        max_redirects: redirects followed before giving up.
        allow_private: fetch from private, loopback and link-local addresses too.
        allowed_networks: private networks allowed even without `allow_private`
            (CIDR strings, e.g. an intranet "10.20.0.0/16").
        content_types: accepted Content-Type fragments (None accepts any type).
        user_agent: the User-Agent header sent.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    content_types: tuple[str, ...] | None = NEWS_TYPES
    user_agent: str = USER_AGENT


@dataclass
class FetchBudget:
    """How many fetches one run may still make (a feed cannot make a run fetch without end)."""

    limit: int
    used: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def spend(self, url: str) -> None:
        """Count one fetch, or raise FetchError when the run has used all of them."""
        with self._lock:
            if self.used >= self.limit:
                raise FetchError(f"not fetched: this run reached its limit of {self.limit} fetches")
            self.used += 1


@dataclass
class Response:
    """A fetched resource.

    Attributes:
        url: the final URL, after redirects.
        status: the HTTP status (200, or 304 for a conditional request that found no change).
        headers: response headers, names in lower case.
        body: the decoded body (empty for 304).
    """

    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The Content-Type header ("" when the server sent none)."""
        return self.headers.get("content-type", "")


def fetch(
    url: str,
    limits: FetchLimits | None = None,
    headers: Mapping[str, str] | None = None,
    budget: FetchBudget | None = None,
) -> Response:
    """Fetch `url` with GET within `limits`, following redirects safely.

    Args:
        url: an http or https URL.
        limits: time, size, redirect and address limits (defaults: `FetchLimits()`).
        headers: extra request headers, e.g. ``If-None-Match`` / ``If-Modified-Since`` for a
            conditional GET (a 304 answer is returned, not raised).
        budget: the run's fetch budget; one unit is spent per call (its redirects are bounded
            by `limits.max_redirects`).

    Returns:
        The `Response` of the last hop.

    Raises:
        FetchError: a one-line reason: "only http and https URLs are fetched (not file)",
            "refused: … is a private address …", "timed out after N seconds", "HTTP 404 Not
            Found", "redirect without a Location header (HTTP 302)", "redirect loop", "too
            many redirects (more than N)", "larger than N bytes", "not HTML or text (…)",
            "could not connect (…)".
    """
    limits = limits or FetchLimits()
    if budget is not None:
        budget.spend(url)
    deadline = time.monotonic() + limits.timeout
    seen = {url}
    current = url
    for _hop in range(limits.max_redirects + 1):
        response = _request(current, limits, headers or {}, deadline)
        if isinstance(response, Response):
            return response
        status, location = response
        if not location:
            raise FetchError(f"redirect without a Location header (HTTP {status})", status)
        current = urljoin(current, location.strip())
        if current in seen:
            raise FetchError("redirect loop (a URL redirects back to itself)", status)
        seen.add(current)
    raise FetchError(f"too many redirects (more than {limits.max_redirects})")


# --- one hop ---------------------------------------------------------------------------------


def _request(
    url: str, limits: FetchLimits, headers: Mapping[str, str], deadline: float
) -> Response | tuple[int, str | None]:
    """One GET: a Response, or (status, Location) for a redirect."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = scheme or "a relative URL"
        raise FetchError(f"only http and https URLs are fetched (not {shown})", permanent=True)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host", permanent=True)
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as err:
        raise FetchError(f"bad port in URL ({err})", permanent=True) from err
    address = _vetted_address(host, port, limits, deadline)
    connection = _connection(scheme, host, address, port, deadline)
    watchdog = _Watchdog(connection, deadline)
    try:
        return _exchange(connection, url, limits, headers, deadline)
    except FetchError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as err:
        if watchdog.fired or time.monotonic() >= deadline:
            raise FetchError(f"timed out after {limits.timeout:g} seconds") from err
        raise FetchError(_network_reason(err)) from err
    finally:
        watchdog.cancel()
        connection.close()


def _exchange(
    connection: http.client.HTTPConnection,
    url: str,
    limits: FetchLimits,
    headers: Mapping[str, str],
    deadline: float,
) -> Response | tuple[int, str | None]:
    split = urlsplit(url)
    target = (split.path or "/") + (f"?{split.query}" if split.query else "")
    sent = {"User-Agent": limits.user_agent, "Accept": "*/*", "Accept-Encoding": "gzip"}
    sent.update(headers)
    connection.request("GET", target, headers=sent)
    raw = connection.getresponse()
    status = raw.status
    got = {k.lower(): v for k, v in raw.getheaders()}
    if status in REDIRECTS:
        return status, got.get("location")
    if status == 304:
        return Response(url, status, got, b"")
    if status >= 400 or status < 200:
        reason = raw.reason or http.client.responses.get(status, "")
        raise FetchError(f"HTTP {status} {reason}".strip(), status)
    ctype = got.get("content-type", "")
    if ctype and limits.content_types is not None:
        if not any(t in ctype.lower() for t in limits.content_types):
            raise FetchError(f"not HTML or text ({ctype.split(';')[0].strip()})", permanent=True)
    length = got.get("content-length", "")
    encoding = got.get("content-encoding", "identity").strip().lower()
    if length.isdigit() and int(length) > limits.max_bytes and encoding == "identity":
        raise FetchError(f"larger than {limits.max_bytes} bytes")
    body = _read_body(raw, encoding, limits.max_bytes, deadline, limits.timeout)
    return Response(url, status, got, body)


def _read_body(
    raw: http.client.HTTPResponse, encoding: str, cap: int, deadline: float, timeout: float
) -> bytes:
    """The body, decoded, never more than `cap` bytes after decoding."""
    if encoding in ("gzip", "x-gzip", "deflate"):
        # wbits 47 reads gzip and zlib streams alike (some servers mislabel deflate).
        decoder: zlib._Decompress | None = zlib.decompressobj(47)
    elif encoding in ("identity", ""):
        decoder = None
    else:
        raise FetchError(f"unsupported Content-Encoding {encoding}")
    out = bytearray()
    while True:
        if time.monotonic() >= deadline:
            raise FetchError(f"timed out after {timeout:g} seconds")
        # read1 returns what one read of the socket gives, so the deadline is checked often.
        chunk = raw.read1(CHUNK)
        if not chunk:
            break
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, cap + 1 - len(out))
            except zlib.error as err:
                raise FetchError(f"body is not valid {encoding} ({err})") from err
        out += chunk
        if len(out) > cap:
            raise FetchError(f"larger than {cap} bytes")
    return bytes(out)


class _Watchdog:
    """Close the connection at the deadline, so no blocked read outlives it."""

    def __init__(self, connection: http.client.HTTPConnection, deadline: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed

    def cancel(self) -> None:
        self._timer.cancel()


# --- addresses -------------------------------------------------------------------------------


def _vetted_address(host: str, port: int, limits: FetchLimits, deadline: float) -> str:
    """Resolve `host` and return an address it is allowed to connect to."""
    addresses = _resolve(host, port, deadline, limits.timeout)
    if limits.allow_private:
        return addresses[0]
    networks = [ipaddress.ip_network(n, strict=False) for n in limits.allowed_networks]

    def allowed_address(address: str) -> bool:
        if is_public_address(address):
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        return any(ip in network for network in networks)

    refused = [a for a in addresses if not allowed_address(a)]
    allowed = [a for a in addresses if allowed_address(a)]
    if not allowed:
        where = host if host == refused[0] else f"{host} resolves to {refused[0]}, which"
        raise FetchError(
            f"refused: {where} is a private, loopback or link-local address;"
            " pass --allow-private-urls to fetch it",
            permanent=True,
        )
    return allowed[0]


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (not private, loopback, link-local,
    shared, reserved, multicast or unspecified; IPv4-mapped IPv6 is judged as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int, deadline: float, timeout: float) -> list[str]:
    """The host's addresses; the lookup runs in a thread so the deadline bounds it too."""
    found: list[str] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except (OSError, UnicodeError) as err:
            failure.append(err)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        raise FetchError(f"timed out after {timeout:g} seconds (looking up {host})")
    if failure or not found:
        raise FetchError("could not connect (unknown host)")
    return found


# --- connections to a checked address --------------------------------------------------------


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to one checked address, with the URL's host in the Host header."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to one checked address; the certificate is checked for the host."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _connection(
    scheme: str, host: str, address: str, port: int, deadline: float
) -> http.client.HTTPConnection:
    remaining = max(0.01, deadline - time.monotonic())
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    return kind(host, address, port, remaining)


def _network_reason(err: BaseException) -> str:
    if isinstance(err, ConnectionRefusedError):
        return "could not connect (connection refused)"
    if isinstance(err, ssl.SSLError):
        return f"could not connect (TLS: {err.reason or err})"
    if isinstance(err, http.client.HTTPException):
        return f"could not read the response ({type(err).__name__})"
    if isinstance(err, ConnectionError):
        return "could not read the response (connection closed)"
    text = str(err).strip() or type(err).__name__
    return f"could not connect ({text.splitlines()[0]})"


__all__ = [
    "FetchBudget",
    "FetchError",
    "FetchLimits",
    "Response",
    "fetch",
    "is_public_address",
]
