"""Stories and happenings over HTTP: /api/stories, /api/stories/{id}, /api/happenings and the
story page, as thin adapters over `sitroom.stories.queries`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sitroom.api.params import Cursor, Format, Limit, check_date, check_type
from sitroom.api.routes import _listing as listing
from sitroom.formats.writers import Column, field
from sitroom.store.serving import QueryError, decode_cursor, encode_cursor
from sitroom.stories import queries as story_query

router = APIRouter()

STORY_COLUMNS: list[Column] = [
    (n, field(n)) for n in ("id", "title", "first", "last", "documents", "happenings", "events")
]
HAPPENING_COLUMNS: list[Column] = [
    (n, field(n))
    for n in ("id", "date", "event", "mode", "documents", "sources", "first_reported", "story")
] + [
    ("actor", lambda r: (r.get("actor") or {}).get("name")),
    ("recipient", lambda r: (r.get("recipient") or {}).get("name")),
]


def _store(request: Request) -> Any:
    return request.app.state.stores.reader()


def offset_page(
    everything: Callable[[], list[dict[str, Any]]], limit: int, cursor: str | None
) -> dict[str, Any]:
    """A page by offset of a list the stories layer returns whole (stories are few)."""
    offset = decode_cursor(cursor).get("o", 0)
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"not a cursor: {cursor!r}")
    items = everything()
    more = offset + limit < len(items)
    next_cursor = encode_cursor({"o": offset + limit}) if more else None
    return {"items": items[offset : offset + limit], "total": len(items), "next": next_cursor}


def story_filters(
    actor: Annotated[str | None, Query(description="Part of an actor's name, or a code.")] = None,
    since: Annotated[str | None, Query(description="Stories still running on or after.")] = None,
    until: Annotated[str | None, Query(description="Stories begun on or before.")] = None,
    type: Annotated[str | None, Query(description="Holding a happening of this type.")] = None,  # noqa: A002
) -> dict[str, Any]:
    """The story filters as `stories.queries.stories` takes them."""
    return {
        "actor": actor or None,
        "since": check_date("since", since or None),
        "until": check_date("until", until or None),
        "event": check_type(type or None),
    }


@router.get("/api/stories", tags=["stories"], summary="Stories, latest first")
def stories(
    request: Request,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = "json",
):
    store = _store(request)
    filters = story_filters(actor, since, until, type)
    return listing(
        format,
        "stories",
        STORY_COLUMNS,
        lambda c: offset_page(lambda: story_query.stories(store, **filters), limit, c),
        cursor,
    )


@router.get(
    "/api/stories/{story_id}",
    tags=["stories"],
    summary="One story: its documents, the timeline of its happenings, its quotes",
)
def story(request: Request, story_id: str) -> dict[str, Any]:
    record = story_query.story(_store(request), story_id)
    if record is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return record


@router.get(
    "/api/happenings",
    tags=["stories"],
    summary="Happenings: events merged across reports, with every source",
)
def happenings(
    request: Request,
    actor: str | None = None,
    recipient: str | None = None,
    code: str | None = None,
    type: str | None = None,  # noqa: A002
    mode: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    all_events: Annotated[
        bool, Query(description="Also those outside the default dataset.")
    ] = False,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = "json",
):
    store = _store(request)
    filters = {
        "actor": actor or None,
        "recipient": recipient or None,
        "code": code or None,
        "event": check_type(type or None),
        "mode": mode or None,
        "since": check_date("since", since or None),
        "until": check_date("until", until or None),
        "story": story or None,
        "all_events": all_events,
    }
    return listing(
        format,
        "happenings",
        HAPPENING_COLUMNS,
        lambda c: offset_page(lambda: story_query.happenings(store, **filters), limit, c),
        cursor,
    )


@router.get("/stories/{story_id}", include_in_schema=False, response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    store = _store(request)
    record = story_query.story(store, story_id)
    if record is None:
        raise HTTPException(404, f"no story {story_id!r}")
    members = [m for h in record["timeline"] for m in h.get("members") or []]
    where = {}
    for start in range(0, len(members), 500):
        chunk = members[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id, document_id FROM events WHERE id IN ({marks})"
        where.update({r["id"]: r["document_id"] for r in store.rows(sql, chunk)})
    return request.app.state.templates.TemplateResponse(
        request, "story.html", {"story": record, "evidence": where}
    )


def latest(store: Any, limit: int, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The dashboard's latest stories under its filters."""
    return story_query.stories(
        store,
        actor=filters.get("actor"),
        since=filters.get("since"),
        until=filters.get("until"),
        event=filters.get("event"),
        limit=limit,
    )
