"""Commands about stored documents: `documents`, `comments`, `search`, `show`."""

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
from sitroom.formats import field, json_text
from sitroom.records import PAGE_KINDS
from sitroom.store import queries as query

DOCUMENT_COLUMNS = ("id", "date", "source", "language", "kind", "title", "comments", "events",
                    "quotes")  # fmt: skip


@main.command()
@since_option
@until_option
@click.option("--source", help="Part of the source's name.")
@click.option("--language", help="Detected language, e.g. en or de.")
@click.option("--kind", type=click.Choice(PAGE_KINDS), help="Page kind (only news is event-coded).")
@db_option
@format_option
@limit_option
def documents(
    since: str | None,
    until: str | None,
    source: str | None,
    language: str | None,
    kind: str | None,
    db: str,
    fmt: str,
    limit: int | None,
) -> None:
    """List stored documents, newest first."""
    with open_store(db) as store:
        rows = query.documents(
            store, limit, since=since, until=until, source=source, language=language, kind=kind
        )
    emit(rows, fmt, [(c, field(c)) for c in DOCUMENT_COLUMNS])


@main.command()
@click.argument("document_id", required=False)
@db_option
@format_option
@limit_option
def comments(document_id: str | None, db: str, fmt: str, limit: int | None) -> None:
    """List reader comments as threads (all, or of DOCUMENT_ID)."""
    with open_store(db) as store:
        if document_id and not store.has_document(document_id):
            raise click.UsageError(f"no document {document_id!r} in {db}")
        rows = query.comments(store, document_id, limit)
    indent = [("comment", lambda r: "  " * r["depth"] + (r["text"] or ""))]
    emit(
        rows,
        fmt,
        [(c, field(c)) for c in ("document_id", "id", "parent", "depth", "author")] + indent,
    )


@main.command()
@click.argument("words")
@db_option
@format_option
@limit_option
def search(words: str, db: str, fmt: str, limit: int | None) -> None:
    """Full-text search over stored documents."""
    notes: list[str] = []  # e.g. words that are not valid search syntax, searched literally
    with open_store(db) as store:
        rows = query.search(store, words, limit or 20, notes=notes)
    for note in notes:
        click.echo(f"sitroom: {note}", err=True)
    emit(rows, fmt, [(c, field(c)) for c in ("id", "published", "title", "snippet")])


@main.command()
@click.argument("document_id")
@db_option
def show(document_id: str, db: str) -> None:
    """Print everything stored for one document as JSON."""
    with open_store(db) as store:
        record = query.show(store, document_id)
    if record is None:
        raise click.UsageError(f"no document {document_id!r} in {db}")
    click.echo(json_text(record, indent=2))
