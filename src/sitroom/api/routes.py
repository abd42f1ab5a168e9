"""The JSON API under /api/: lists as {"items", "total", "next"}, whole lists as CSV or JSONL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from sitroom.api.params import ActorFilters, Cursor, EventFilters, Format, Limit, QuoteFilters
from sitroom.formats import Column, stream
from sitroom.formats import columns as cols
from sitroom.store import Store, listing, serving
from sitroom.store import queries as query

router = APIRouter(prefix="/api", tags=["api"])

Page = Callable[[str | None], dict[str, Any]]
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def _store(request: Request) -> Store:
    return request.app.state.stores.reader()


def _cached(
    request: Request, name: str, filters: dict[str, Any], arg: Any, compute: Callable[..., Any]
) -> Any:
    """An aggregate from the cache of this database state, computed on a miss."""
    stores = request.app.state.stores
    key = (name, arg, tuple(sorted(filters.items())))
    return stores.cached(key, lambda: compute(stores.reader(), arg, **filters))


def event_total(request: Request, filters: dict[str, Any]) -> int:
    """How many events match, counted once per database state (counting a million events
    under the default dataset's conditions takes seconds; the page itself does not)."""
    return _cached(
        request, "total", filters, None, lambda store, _, **f: serving.event_count(store, **f)
    )


def _all_pages(page: Page) -> Iterator[dict[str, Any]]:
    """Every item of a paged list, page by page (so a download never holds the whole list)."""
    cursor = None
    while True:
        result = page(cursor)
        yield from result["items"]
        cursor = result["next"]
        if not cursor:
            return


def _listing(
    fmt: str, name: str, columns: list[Column], page: Page, cursor: str | None
) -> dict[str, Any] | StreamingResponse:
    """One page as JSON, or with format=csv|jsonl the whole list from the first row, streamed."""
    if fmt == "json":
        return page(cursor)
    page(None)  # fail here, with a JSON error, on anything invalid: not halfway into the stream
    return StreamingResponse(
        stream(_all_pages(page), fmt, columns),
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _whole(fmt: str, name: str, columns: list[Column], items: list[dict[str, Any]]) -> Any:
    """A list computed whole (aggregates): as a single page, or as a CSV / JSONL download."""
    return _listing(
        fmt, name, columns, lambda c: {"items": items, "total": len(items), "next": None}, None
    )


@router.get("/documents", summary="Stored documents, newest first")
def documents(request: Request, limit: Limit = 50, cursor: Cursor = None, format: Format = "json"):
    store = _store(request)
    return _listing(
        format,
        "documents",
        cols.DOCUMENT_COLUMNS,
        lambda c: listing.document_page(store, limit, c),
        cursor,
    )


@router.get("/documents/{document_id}", summary="One document with its comments and records")
def document(request: Request, document_id: str) -> dict[str, Any]:
    record = query.show(_store(request), document_id)
    if record is None:
        raise HTTPException(404, f"no document {document_id!r}")
    return record


@router.get("/search", summary="Full-text search over titles and bodies")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, description="Words (SQLite FTS5 syntax).")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    format: Format = "json",
):
    store = _store(request)
    items = query.search(store, q, limit)
    if format != "json":
        return _whole(format, "search", cols.SEARCH_COLUMNS, items)
    return {"items": items, "total": listing.search_count(store, q), "next": None}


@router.get("/events", summary="Coded events, newest first, with every CLI filter")
def events(
    request: Request,
    filters: EventFilters,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = "json",
):
    store = _store(request)
    size = limit if format == "json" else 1000
    return _listing(
        format,
        "events",
        cols.EVENT_COLUMNS,
        lambda c: serving.event_page(store, size, c, event_total(request, filters), **filters),
        cursor,
    )


@router.get("/quotes", summary="Quotes with their speakers")
def quotes(
    request: Request,
    filters: QuoteFilters,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = "json",
):
    store = _store(request)
    return _listing(
        format,
        "quotes",
        cols.QUOTE_COLUMNS,
        lambda c: listing.quote_page(store, limit, c, **filters),
        cursor,
    )


@router.get("/actors", summary="Actors across all documents, most mentioned first")
def actors(
    request: Request,
    filters: ActorFilters,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = "json",
):
    store = _store(request)
    return _listing(
        format,
        "actors",
        cols.ACTOR_COLUMNS,
        lambda c: listing.actor_page(store, limit, c, **filters),
        cursor,
    )


@router.get("/actors/{actor_id}", summary="One actor, with its counts")
def actor(request: Request, actor_id: str) -> dict[str, Any]:
    record = listing.actor(_store(request), actor_id)
    if record is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return record


@router.get("/network", summary="Dyads of actors with counts per PLOVER type")
def network(
    request: Request,
    filters: EventFilters,
    limit: Annotated[int, Query(ge=1, le=1000, description="Busiest dyads kept.")] = 100,
    format: Format = "json",
):
    items = _cached(request, "network", filters, limit, serving.network)
    return _whole(format, "network", cols.NETWORK_COLUMNS, items)


@router.get("/timeline", summary="Events per day, week or month and PLOVER type")
def timeline(
    request: Request,
    filters: EventFilters,
    interval: Literal["day", "week", "month"] = "month",
    format: Format = "json",
):
    items = _cached(request, "timeline", filters, interval, serving.event_counts)
    return _whole(format, "timeline", cols.TIMELINE_COLUMNS, items)


@router.get("/countries", summary="Events per country involved (for the map)")
def countries(request: Request, filters: EventFilters, format: Format = "json"):
    items = _cached(
        request,
        "countries",
        filters,
        None,
        lambda store, _, **f: serving.country_counts(store, **f),
    )
    return _whole(format, "countries", cols.COUNTRY_COLUMNS, items)
