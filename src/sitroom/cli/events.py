"""The `events` command: coded events, as rows or PLOVER JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from sitroom.cli.common import (
    db_option,
    emit,
    limit_option,
    open_store,
    setting_option,
    since_option,
    until_option,
)
from sitroom.cli.main import main
from sitroom.formats import FORMATS, Column, entity, field
from sitroom.formats.csvcolumns import event_columns
from sitroom.formats.writers import json_line
from sitroom.ontology.plover import EVENT_TYPES
from sitroom.records import DEFAULT_MIN_CONFIDENCE, Document, event_from_dict
from sitroom.store import queries as query
from sitroom.store.queries import EventView

VIEW_SWITCHES = (
    ("all", "Show every stored event, flagged, uncoded and unsure ones included."),
    ("negated", 'Also show negated events ("did not attack").'),
    ("hypothetical", 'Also show hypothetical events ("could impose", "if … attacked").'),
    ("future", 'Also show future and planned events ("will meet").'),
    (
        "historical",
        'Also show events the articles recall as background ("since the 2014 annexation").',
    ),
    ("uncoded", "Also show events without a resolved political actor or recipient."),
)


def event_view_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The switches that widen a listing from the default dataset (events, timeline)."""
    for name, text in reversed(VIEW_SWITCHES):
        command = click.option(f"--{name}", f"show_{name}", is_flag=True, help=text)(command)
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        help="Leave out events coded with less confidence than this (0-1).",
    )(command)


def view_from(settings: dict[str, Any]) -> EventView:
    """The `EventView` the switches of `event_view_options` ask for (consumed from settings)."""
    flags = {name: bool(settings.pop(f"show_{name}")) for name, _ in VIEW_SWITCHES}
    return EventView(**flags, min_confidence=settings.pop("min_confidence"))


FLAG_NAMES = ("negated", "hypothetical", "future", "historical")
EVENT_COLUMNS: list[Column] = [
    ("date", field("date")),
    ("event", field("event")),
    ("mode", field("mode")),
    ("actor", entity("actor", "co_actors")),
    ("recipient", entity("recipient", "co_recipients")),
    ("location", lambda r: (r.get("location") or {}).get("name")),
    ("flags", lambda r: ",".join(k for k in FLAG_NAMES if r.get(k))),
    ("event_text", field("event_text")),
    ("document", field("document_id")),
]


@main.command()
@click.option("--actor", help="Part of the actor's name.")
@click.option("--recipient", help="Part of the recipient's name.")
@click.option("--code", help="Country code (or IGO) of either side.")
@click.option("--actor-code", help="Country code (or IGO) of the actor side only.")
@click.option("--recipient-code", help="Country code (or IGO) of the recipient side only.")
@click.option("--country", help="Every actor of this country (ISO3) on either side.")
@click.option("--document", "document_id", help="Events of this document only.")
@click.option("--source", help="Part of the source's name.")
@click.option("--language", help="Detected language of the document, e.g. en.")
@click.option(
    "--type",
    "event_type",
    type=click.Choice(EVENT_TYPES, case_sensitive=False),
    help="PLOVER event type.",
)
@click.option("--mode", help="PLOVER mode, e.g. phone.")
@since_option
@until_option
@click.option("--no-negated", is_flag=True, help="Leave out negated events (also with --all).")
@event_view_options
@db_option
@setting_option(
    "format",
    "fmt",
    type=click.Choice([*FORMATS, "plover"]),
    help="Output format; plover = PLOVER JSON data fields. [default: table; config `format`, "
    "env SITROOM_FORMAT]",
    validate=False,
)
@limit_option
def events(
    actor: str | None,
    recipient: str | None,
    code: str | None,
    actor_code: str | None,
    recipient_code: str | None,
    country: str | None,
    document_id: str | None,
    source: str | None,
    language: str | None,
    event_type: str | None,
    mode: str | None,
    since: str | None,
    until: str | None,
    no_negated: bool,
    db: str,
    fmt: str,
    limit: int | None,
    **switches: Any,
) -> None:
    """List coded events with filters: by default the events a careful coder would sign.

    Events that are negated, hypothetical, future or historical, that lack a resolved political
    actor or recipient, or that are coded with less than --min-confidence are kept in the store
    and shown with --all or their own switch.
    """
    view = view_from(switches)
    with open_store(db) as store:
        rows = query.events(
            store,
            actor=actor,
            recipient=recipient,
            code=code,
            actor_code=actor_code,
            recipient_code=recipient_code,
            country=country,
            document_id=document_id,
            source=source,
            language=language,
            event=event_type,
            mode=mode,
            since=since,
            until=until,
            include_negated=not no_negated,
            limit=limit,
            view=view,
        )
    if fmt == "plover":
        from sitroom.formats import to_plover

        for row in rows:
            source = Document(
                id=row["document_id"],
                text="",
                url=row["url"],
                title=row["title"],
                source=row["source"],
            )
            click.echo(json_line(to_plover(event_from_dict(row), source)))
        return
    emit(rows, fmt, EVENT_COLUMNS, csv_columns=event_columns)
