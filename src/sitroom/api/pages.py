"""The dashboard's HTML pages, rendered from the same library queries as the API.

Every page is plain server-rendered HTML (escaped by Jinja2), so the tables work and are safe
without any script; the charts are drawn by the vendored libraries from /api/ data.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitroom.api.highlight import segments, spans_of
from sitroom.api.params import ActorFilters, Cursor, EventFilters, QuoteFilters
from sitroom.api.routes import event_total
from sitroom.ontology.plover import EVENT_TYPES
from sitroom.store import listing, serving
from sitroom.store import queries as query

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

# The filter fields of the shared form, in the order the page shows them.
FILTER_FIELDS = ("since", "until", "type", "actor", "country")


def _render(request: Request, template: str, **context: Any) -> Response:
    params = {k: v for k, v in request.query_params.items() if v and k != "cursor"}
    filters = {k: params.get(k, "") for k in FILTER_FIELDS}
    shared = {
        "filters": filters,
        "event_types": EVENT_TYPES,
        "query": lambda **more: _query(params, more),
    }
    return request.app.state.templates.TemplateResponse(request, template, shared | context)


def _query(filters: dict[str, str], more: dict[str, Any]) -> str:
    """A query string: the page's filters, overridden by `more` (None drops a key)."""
    merged = {k: v for k, v in filters.items() if v} | more
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _store(request: Request) -> Any:
    return request.app.state.stores.reader()


@router.get("/")
def dashboard(request: Request, filters: EventFilters) -> Response:
    store = _store(request)
    return _render(
        request,
        "dashboard.html",
        events=serving.event_page(store, 15, None, event_total(request, filters), **filters),
        quotes=listing.latest_quotes(store, 8, filters["since"], filters["until"]),
        documents=listing.document_page(store, 8),
        stories=_stories(store, filters),
        interval=_interval(filters["since"], filters["until"]),
    )


def _interval(since: str | None, until: str | None) -> str:
    """Days for a range of up to three months, weeks up to two years, else months."""
    if not since or not until:
        return "month"
    days = (dt.date.fromisoformat(until[:10]) - dt.date.fromisoformat(since[:10])).days
    return "day" if days <= 92 else "week" if days <= 730 else "month"


def _stories(store: Any, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The latest stories under the dashboard's filters."""
    from sitroom.api.stories import latest

    return latest(store, 8, filters)


@router.get("/events")
def events(
    request: Request, filters: EventFilters, cursor: Cursor = None, limit: int = 50
) -> Response:
    size = max(1, min(limit, 500))
    total = event_total(request, filters)
    page = serving.event_page(_store(request), size, cursor, total, **filters)
    return _render(request, "events.html", page=page, described=_describe(request))


def _describe(request: Request) -> str:
    """The filters of a list page in words, e.g. "type CONSULT, country USA"."""
    skip = {"cursor", "limit"}
    params = request.query_params.items()
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in params if v and k not in skip]
    return ", ".join(parts) or "all"


@router.get("/quotes")
def quotes(request: Request, filters: QuoteFilters, cursor: Cursor = None) -> Response:
    page = listing.quote_page(_store(request), 50, cursor, **filters)
    return _render(request, "quotes.html", page=page, described=_describe(request))


@router.get("/actors")
def actors(request: Request, filters: ActorFilters, cursor: Cursor = None) -> Response:
    page = listing.actor_page(_store(request), 50, cursor, **filters)
    return _render(request, "actors.html", page=page, described=_describe(request))


@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: str) -> Response:
    store = _store(request)
    record = listing.actor(store, actor_id)
    if record is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return _render(
        request,
        "actor.html",
        actor=record,
        events=serving.event_page(store, 30, None, involving=actor_id),
        quotes=listing.quote_page(store, 20, None, speaker_id=actor_id),
    )


@router.get("/search")
def search(request: Request, q: Annotated[str, Query()] = "") -> Response:
    results = query.search(_store(request), q, 50) if q.strip() else []
    return _render(request, "search.html", q=q, results=results)


@router.get("/documents/{document_id}")
def document(request: Request, document_id: str) -> Response:
    record = query.show(_store(request), document_id)
    if record is None:
        raise HTTPException(404, f"no document {document_id!r}")
    text = record["document"]["text"] or ""
    return _render(
        request,
        "document.html",
        record=record,
        doc=record["document"],
        segments=segments(text, spans_of(record)),
    )
