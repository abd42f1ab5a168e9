"""The `quotes` command: who said what."""

from __future__ import annotations

import click

from sitroom.cli.common import (
    db_option,
    emit,
    format_option,
    limit_option,
    open_store,
    since_option,
    until_option,
)
from sitroom.cli.main import main
from sitroom.formats import Column, entity, field
from sitroom.formats.csvcolumns import quote_columns
from sitroom.store import queries as query

QUOTE_COLUMNS: list[Column] = [
    ("date", field("date")),
    ("speaker", lambda r: entity("speaker")(r) or r.get("speaker_text")),
    ("direct", field("direct")),
    ("cue", field("cue")),
    ("content", field("content")),
    ("document", field("document_id")),
]


@main.command()
@click.option("--speaker", help="Part of the speaker's name.")
@since_option
@until_option
@click.option("--direct/--indirect", default=None, help="Only direct or only reported speech.")
@db_option
@format_option
@limit_option
def quotes(
    speaker: str | None,
    since: str | None,
    until: str | None,
    direct: bool | None,
    db: str,
    fmt: str,
    limit: int | None,
) -> None:
    """List quotes with their speakers."""
    with open_store(db) as store:
        rows = query.quotes(
            store, speaker=speaker, since=since, until=until, direct=direct, limit=limit
        )
    emit(rows, fmt, QUOTE_COLUMNS, csv_columns=quote_columns)
