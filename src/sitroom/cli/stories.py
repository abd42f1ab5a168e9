"""Commands about stories and happenings: `stories`, `story`, `happenings`, `delete`,
`recluster`."""

from __future__ import annotations

import sys
from typing import Any

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
from sitroom.formats import Column, entity, field, json_text
from sitroom.ontology.plover import EVENT_TYPES
from sitroom.stories import queries

STORY_COLUMNS: list[Column] = [
    ("id", field("id")),
    ("first", field("first")),
    ("last", field("last")),
    ("docs", lambda r: len(r["documents"])),
    ("happenings", field("happenings")),
    ("events", field("events")),
    ("actors", lambda r: ", ".join(a["name"] for a in r["actors"][:3])),
    ("title", field("title")),
]
HAPPENING_COLUMNS: list[Column] = [
    ("date", field("date")),
    ("event", field("event")),
    ("mode", field("mode")),
    ("actor", entity("actor")),
    ("recipient", entity("recipient")),
    ("docs", field("documents")),
    ("sources", field("sources")),
    ("first_reported", field("first_reported")),
    ("id", field("id")),
]
type_option = click.option(
    "--type",
    "event_type",
    type=click.Choice(EVENT_TYPES, case_sensitive=False),
    help="PLOVER event type.",
)


@main.command()
@click.option("--actor", help="Part of an actor's name, or a country code, in the story.")
@type_option
@since_option
@until_option
@db_option
@format_option
@limit_option
def stories(
    actor: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    db: str,
    fmt: str,
    limit: int | None,
) -> None:
    """List stories (documents grouped by what they report), latest first."""
    with open_store(db) as store:
        rows = queries.stories(store, actor, since, until, event_type, limit)
    emit(rows, fmt, STORY_COLUMNS)


@main.command()
@click.argument("story_id")
@db_option
def story(story_id: str, db: str) -> None:
    """Show one story: its documents, the timeline of its happenings and its quotes (JSON)."""
    with open_store(db) as store:
        record = queries.story(store, story_id)
    if record is None:
        raise click.UsageError(f"no story {story_id!r} in {db}")
    click.echo(json_text(record, indent=2))


@main.command()
@click.option("--actor", help="Part of the actor's name.")
@click.option("--recipient", help="Part of the recipient's name.")
@click.option("--code", help="Country code (or IGO) of either side.")
@type_option
@click.option("--mode", help="PLOVER mode, e.g. phone.")
@click.option("--story", "story_id", help="Only the happenings of this story.")
@since_option
@until_option
@click.option(
    "--all", "all_events", is_flag=True, help="Also happenings outside the default dataset."
)
@db_option
@format_option
@limit_option
def happenings(db: str, fmt: str, limit: int | None, **filters: Any) -> None:
    """List happenings: events merged across reports, with their documents and sources."""
    with open_store(db) as store:
        rows = queries.happenings(
            store,
            actor=filters["actor"],
            recipient=filters["recipient"],
            code=filters["code"],
            event=filters["event_type"],
            mode=filters["mode"],
            since=filters["since"],
            until=filters["until"],
            story=filters["story_id"],
            all_events=filters["all_events"],
            limit=limit,
        )
    emit(rows, fmt, HAPPENING_COLUMNS)


@main.command()
@click.argument("document_ids", nargs=-1, required=True)
@db_option
def delete(document_ids: tuple[str, ...], db: str) -> None:
    """Delete documents with their records; their stories and happenings are updated."""
    from sitroom.stories import delete as delete_documents

    with open_store(db) as store:
        deleted, _ = delete_documents(store, document_ids)
    missing = [d for d in document_ids if d not in deleted]
    for document_id in missing:
        click.echo(f"sitroom: no document {document_id!r} in {db}", err=True)
    click.echo(f"{len(deleted)} deleted")
    sys.exit(1 if missing else 0)


@main.command()
@db_option
def recluster(db: str) -> None:
    """Rebuild every story and happening from scratch (after a change of configuration);
    says how many old ids were renamed (table story_renames keeps which became which)."""
    from sitroom.stories import rebuild

    with open_store(db) as store:
        renames = rebuild(store)
        total = store.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        events = store.db.execute("SELECT COUNT(*) FROM happenings").fetchone()[0]
    renamed = {kind: sum(old != new for old, new in m.items()) for kind, m in renames.items()}
    click.echo(
        f"{total} stories, {events} happenings; "
        f"{renamed['story']} story and {renamed['happening']} happening ids changed"
    )
