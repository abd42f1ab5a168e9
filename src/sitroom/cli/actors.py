"""Commands about actors: `actors` and an actor's `timeline`."""

from __future__ import annotations

from typing import Any

import click

from sitroom.cli.common import (
    db_option,
    emit,
    format_option,
    limit_option,
    open_store,
)
from sitroom.cli.events import event_view_options, view_from
from sitroom.cli.main import main
from sitroom.formats import field
from sitroom.store import queries as query


@main.command()
@click.option("--name", help="Part of the actor's name.")
@click.option("--code", help="Country code (ISO 3166-1 alpha-3) or IGO.")
@click.option("--kind", type=click.Choice(["person", "organization", "country", "group"]))
@click.option(
    "--documents", "by_document", is_flag=True, help="List the documents each actor is named in."
)
@db_option
@format_option
@limit_option
def actors(
    name: str | None,
    code: str | None,
    kind: str | None,
    by_document: bool,
    db: str,
    fmt: str,
    limit: int | None,
) -> None:
    """List actors across all documents, most mentioned first."""
    with open_store(db) as store:
        if by_document:
            rows = query.actor_documents(store, name=name, code=code, kind=kind, limit=limit)
            columns = ("name", "code", "date", "document_id", "mentions", "source", "title")
            emit(rows, fmt, [(c, field(c)) for c in columns])
            return
        rows = query.actors(store, name=name, code=code, kind=kind, limit=limit)
    emit(
        rows,
        fmt,
        [
            (c, field(c))
            for c in (
                "name",
                "kind",
                "code",
                "sector",
                "office",
                "affiliation",
                "mentions",
                "documents",
                "id",
            )
        ],
    )


@main.command()
@click.argument("actor")
@event_view_options
@db_option
@format_option
@limit_option
def timeline(actor: str, db: str, fmt: str, limit: int | None, **switches: Any) -> None:
    """A dated list of ACTOR's events and quotes (ACTOR: part of a name).

    Events are those of the default dataset; the switches widen it as for `events`.
    """
    with open_store(db) as store:
        rows = query.timeline(store, actor, limit, view=view_from(switches))
    emit(rows, fmt, [(c, field(c)) for c in ("date", "kind", "what", "document_id")])
