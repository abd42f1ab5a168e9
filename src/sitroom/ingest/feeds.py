"""RSS and Atom feeds: each entry's content as a `Source`, or with `fetch`, its linked page.

A page fetched for an entry is read as a page and never as a feed again: an entry that links
to another feed (or to itself) is refused instead of expanded, so a feed cannot make a run
fetch without end. Every fetch spends one unit of the run's budget (`max_fetches`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from sitroom.ingest.base import Source, guarded
from sitroom.records import Failure, InputError

# Reads one linked URL as a page (never as a feed); supplied by the dispatcher.
PageReader = Callable[[str], Iterator[Source | Failure]]


def read_feed(
    origin: str, data: bytes, fetch: bool, read_page: PageReader
) -> Iterator[Source | Failure]:
    """Each RSS/Atom entry's content (or summary) as HTML, or its linked page with `fetch`."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise InputError(f"not a readable feed ({reason})" if reason else "feed has no entries")
    feed_title = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        meta = _entry_meta(entry, feed_title)
        where = f"{origin}[{number}]"
        link = meta.get("url")
        if fetch and link:
            for item in guarded(link, lambda u=link: read_page(u)):
                if isinstance(item, Source):
                    item.meta = {**meta, **{k: v for k, v in item.meta.items() if v}}
                yield item
            continue
        html = _entry_html(entry)
        if html is None:
            problem = " (the feed is malformed)" if feed.get("bozo") else ""
            yield Failure(where, f"feed entry has no content or summary{problem}")
            continue
        yield Source(where, "html", html, meta)


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
