"""URLs for identity: canonical forms without tracking parameters, and URLs a page states about
itself checked before they are trusted.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sitroom.records import InputError

# Query parameters that only track the reader; they never change the page. Ambiguous names
# (cid, share, rss, ito, ...) are kept: some sites use them for the article id itself, and
# dropping them would give different articles one document id.
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid|ocid|"
    r"cmpid|ncid|sr_share|ref_src|ref_url|smid|soc_src|soc_trk|__twitter_impression|"
    r"at_medium|at_campaign|wt_mc|wt\.mc_id)$",
    re.I,
)


def canonical_url(url: str) -> str:
    """Normalize a URL for identity: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, ...), an empty path as "/".

    Raises:
        InputError: "not a valid URL: ..." for a bad port or a broken host.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as err:  # a port out of range or not a number, a broken IPv6 host
        reason = str(err)
        raise InputError(f"not a valid URL: {url!r} ({reason[:1].lower()}{reason[1:]})") from err
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    default_port = (scheme, port) in (("http", 80), ("https", 443))
    netloc = f"{host}:{port}" if port and not default_port else host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not TRACKING_PARAMS.match(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def clean_url(url: object) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    if re.match(r"(?i)^https?://", url):
        return canonical_url(url)
    return url


def usable_url(url: str | None) -> str | None:
    """A URL the page states about itself, or None when it is broken: a bad canonical link
    must not cost the article."""
    try:
        clean_url(url)
    except InputError:
        return None
    return url
