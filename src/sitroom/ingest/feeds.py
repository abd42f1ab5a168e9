"""RSS and Atom feeds: each entry's content as a `Source`, or with `fetch`, its linked page.

A page fetched for an entry is read as a page and never as a feed again: an entry that links
to another feed (or to itself) is refused instead of expanded, so a feed cannot make a run
fetch without end. Every fetch spends one unit of the run's budget (`max_fetches`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sitroom.ingest.base import Source, guarded
from sitroom.records import Failure, InputError

# Reads one linked URL as a page (never as a feed); supplied by the dispatcher.
PageReader = Callable[[str], Iterator[Source | Failure]]


class EmptyFeed(InputError):
    """A readable feed without entries (nothing to read now; a watched feed may fill later)."""


@dataclass
class Entry:
    """One feed entry, before anything is fetched for it.

    Attributes:
        key: the entry's identity: its guid (RSS) or id (Atom), else its link, else a hash of
            its title and content.
        link: the page it links to, if any.
        meta: metadata the feed gives (url, title, author, published, source).
        html: its own content (or summary) as a small page, None when it has none.
        origin: where it is, as shown to the user ("FEED[3]").
        malformed: whether the feed it came from is malformed (said when it has no content).
    """

    key: str
    link: str | None
    meta: dict[str, Any]
    html: str | None
    origin: str
    malformed: bool = False


def feed_entries(origin: str, data: bytes) -> list[Entry]:
    """Every entry of an RSS/Atom feed, in feed order.

    Raises:
        InputError: the bytes are not a feed; `EmptyFeed` when it has no entries.
    """
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        if reason:
            raise InputError(f"not a readable feed ({reason})")
        if not feed.get("version"):
            raise InputError("not a feed (no RSS or Atom found)")
        raise EmptyFeed("feed has no entries")
    feed_title = feed.feed.get("title")
    malformed = bool(feed.get("bozo"))
    entries = []
    for number, raw in enumerate(feed.entries, start=1):
        meta = _entry_meta(raw, feed_title)
        html = _entry_html(raw)
        link = meta.get("url")
        key = raw.get("id") or link or _content_key(meta.get("title"), html)
        entries.append(Entry(str(key), link, meta, html, f"{origin}[{number}]", malformed))
    return entries


def entry_sources(entry: Entry, fetch: bool, read_page: PageReader) -> Iterator[Source | Failure]:
    """An entry as Sources: its linked page read with `read_page` when `fetch` (the feed's
    metadata filling what the page lacks), else its own content."""
    if fetch and entry.link:
        for item in guarded(entry.link, lambda u=entry.link: read_page(u)):
            if isinstance(item, Source):
                item.meta = {**entry.meta, **{k: v for k, v in item.meta.items() if v}}
            yield item
        return
    if entry.html is None:
        problem = " (the feed is malformed)" if entry.malformed else ""
        yield Failure(entry.origin, f"feed entry has no content or summary{problem}")
        return
    yield Source(entry.origin, "html", entry.html, dict(entry.meta))


def read_feed(
    origin: str, data: bytes, fetch: bool, read_page: PageReader
) -> Iterator[Source | Failure]:
    """Each RSS/Atom entry's content (or summary) as HTML, or its linked page with `fetch`."""
    for entry in feed_entries(origin, data):
        yield from entry_sources(entry, fetch, read_page)


def _content_key(title: str | None, html: str | None) -> str:
    """The identity of an entry with neither id nor link: what it says."""
    text = f"{title or ''}\n{html or ''}"
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def _entry_meta(entry: Any, feed_title: str | None) -> dict[str, Any]:
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = {
        "id": None,
        "url": entry.get("link"),
        "title": entry.get("title"),
        "author": (entry.get("author_detail") or {}).get("name") or entry.get("author"),
        "published": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", published) if published else None,
        "source": feed_title,
    }
    return {k: v for k, v in meta.items() if v}


def _entry_html(entry: Any) -> str | None:
    """The entry's longest content (or its summary) as a small page, None when it has none."""
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    body = max(values, key=len) if values else entry.get("summary", "")
    if not body or not body.strip():
        return None
    title = entry.get("title")
    # A title element lets the HTML extractor see the headline the feed gave.
    head = f"<head><title>{_escape(title)}</title></head>" if title else ""
    return f"<html>{head}<body><article>{body}</article></body></html>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
