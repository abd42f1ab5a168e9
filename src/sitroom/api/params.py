"""Query parameters shared by the endpoints, validated into the library's keyword arguments.

Names follow the CLI's options (`actor`, `recipient`, `code`, `type`, `mode`, `since`, `until`,
`no_negated`, `speaker`, `direct`, `name`, `kind`); anything invalid is a 422 with a message.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query

from sitroom.ontology.plover import EVENT_TYPES
from sitroom.records import DEFAULT_MIN_CONFIDENCE
from sitroom.store.queries import EventView

Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Cursor = Annotated[str | None, Query(description="The `next` of the previous page.")]
Format = Annotated[
    Literal["json", "jsonl", "csv"],
    Query(description="json: one page; jsonl or csv: the whole list, streamed."),
]


def check_date(name: str, value: str | None) -> str | None:
    """Accept YYYY-MM-DD (or a full ISO datetime), as the CLI does; else a 422."""
    if value is None or value == "":
        return None
    try:
        dt.date.fromisoformat(value[:10])
        if len(value) > 10:
            dt.datetime.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None
    return value


def check_type(value: str | None) -> str | None:
    """A PLOVER event type, in any case; else a 422 naming the choices."""
    if not value:
        return None
    if value.upper() not in EVENT_TYPES:
        raise HTTPException(
            422, f"type: {value!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})"
        )
    return value.upper()


def _blank(value: str | None) -> str | None:
    """Empty form fields mean "no filter"."""
    return value.strip() or None if value is not None else None


def event_filters(
    actor: Annotated[str | None, Query(description="Part of the actor's name.")] = None,
    recipient: Annotated[str | None, Query(description="Part of the recipient's name.")] = None,
    code: Annotated[str | None, Query(description="Country code (or IGO) of either side.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type.")] = None,  # noqa: A002
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. phone.")] = None,
    since: Annotated[str | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="On or before (YYYY-MM-DD).")] = None,
    no_negated: Annotated[bool, Query(description="Leave out negated events.")] = False,
    actor_code: Annotated[str | None, Query(description="Code on the actor side.")] = None,
    recipient_code: Annotated[str | None, Query(description="Code on the recipient side.")] = None,
    country: Annotated[
        str | None,
        Query(description="A country the event involves: a party on either side, or the place."),
    ] = None,
    source: Annotated[str | None, Query(description="Part of the source's name.")] = None,
    language: Annotated[str | None, Query(description="The document's language.")] = None,
    actor_id: Annotated[str | None, Query(description="An actor's id, on the actor side.")] = None,
    recipient_id: Annotated[str | None, Query(description="An actor's id, as recipient.")] = None,
    involving: Annotated[str | None, Query(description="An actor's id, on either side.")] = None,
    document_id: Annotated[str | None, Query(description="Events of one document.")] = None,
    all: Annotated[bool, Query(description="Every stored event, flagged ones included.")] = False,  # noqa: A002
    negated: Annotated[bool, Query(description="Also negated events.")] = False,
    hypothetical: Annotated[bool, Query(description="Also hypothetical events.")] = False,
    future: Annotated[bool, Query(description="Also future events.")] = False,
    historical: Annotated[bool, Query(description="Also recalled background events.")] = False,
    uncoded: Annotated[bool, Query(description="Also events with no political side.")] = False,
    min_confidence: Annotated[
        float, Query(ge=0, le=1, description="Leave out events coded with less confidence.")
    ] = DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    """The event filters as `queries.event_page` takes them (the default dataset unless widened)."""
    view = EventView(all, negated, hypothetical, future, historical, uncoded, min_confidence)
    return {
        "view": view,
        "actor": _blank(actor),
        "recipient": _blank(recipient),
        "code": _blank(code),
        "event": check_type(_blank(type)),
        "mode": _blank(mode),
        "since": check_date("since", _blank(since)),
        "until": check_date("until", _blank(until)),
        "include_negated": not no_negated,
        "country": _blank(country),
        "actor_code": _blank(actor_code),
        "recipient_code": _blank(recipient_code),
        "source": _blank(source),
        "language": _blank(language),
        "actor_id": _blank(actor_id),
        "recipient_id": _blank(recipient_id),
        "involving": _blank(involving),
        "document_id": _blank(document_id),
    }


def quote_filters(
    speaker: Annotated[str | None, Query(description="Part of the speaker's name.")] = None,
    speaker_id: Annotated[str | None, Query(description="The speaker's actor id.")] = None,
    since: Annotated[str | None, Query(description="Published on or after.")] = None,
    until: Annotated[str | None, Query(description="Published on or before.")] = None,
    direct: Annotated[bool | None, Query(description="Only direct (true) or reported.")] = None,
    document_id: Annotated[str | None, Query(description="Quotes of one document.")] = None,
) -> dict[str, Any]:
    """The quote filters as `queries.quote_page` takes them."""
    return {
        "speaker": _blank(speaker),
        "speaker_id": _blank(speaker_id),
        "since": check_date("since", _blank(since)),
        "until": check_date("until", _blank(until)),
        "direct": direct,
        "document_id": _blank(document_id),
    }


def actor_filters(
    name: Annotated[str | None, Query(description="Part of the actor's name.")] = None,
    code: Annotated[str | None, Query(description="Country code or IGO.")] = None,
    kind: Annotated[Literal["person", "organization", "country", "group"] | None, Query()] = None,
) -> dict[str, Any]:
    """The actor filters as `queries.actor_page` takes them."""
    return {"name": _blank(name), "code": _blank(code), "kind": kind}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]
QuoteFilters = Annotated[dict[str, Any], Depends(quote_filters)]
ActorFilters = Annotated[dict[str, Any], Depends(actor_filters)]
