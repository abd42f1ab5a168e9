"""The `sitroom` command: a thin layer over the library.

Exit codes: 0 everything succeeded; 1 some inputs failed (the rest were processed and stored) or
an evaluation score fell below its floor; 2 usage error; 3 the database could not be used.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, NoReturn

import click

from sitroom.formats import FORMATS, Column, entity, field, write
from sitroom.ontology.plover import EVENT_TYPES
from sitroom.options import Options
from sitroom.records import Document, Failure, InputError, event_from_dict
from sitroom.store import Store, StoreError, is_server_url, open_store
from sitroom.store import queries as query

EXIT_PARTIAL = 1
EXIT_STORE = 3

DEFAULT_DATA = Path("..") / "shared" / "data"


def _report(failure: Failure) -> None:
    click.echo(f"sitroom: skipped {failure}", err=True)


def _fail_store(message: object) -> NoReturn:
    click.echo(f"sitroom: {message}", err=True)
    sys.exit(EXIT_STORE)


def _open_store(db: str, create: bool = False) -> Store:
    """Open the database; queries (create=False) refuse to make a new, empty one."""
    if not create and not is_server_url(db) and not Path(db).exists():
        _fail_store(f"no database at {db} (run `sitroom ingest` first, or pass --db)")
    try:
        return open_store(db)
    except StoreError as err:
        _fail_store(err)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept YYYY-MM-DD (or a full ISO datetime) and nothing else."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value[:10])
        if len(value) > 10:
            dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None
    return value


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The library's own check of a default publication date, as a usage error."""
    from sitroom.extract import check_published

    try:
        return check_published(value)
    except InputError as err:
        raise click.BadParameter(str(err)) from None


def _options(**settings: Any) -> Options:
    try:
        return Options.from_env(**settings)
    except ValueError as err:
        raise click.UsageError(str(err)) from None


def _input_options(inputs: tuple[str, ...], settings: dict[str, Any], **more: Any) -> Options:
    """Options for reading inputs; --url names one document, so it takes one input."""
    if settings.get("url") and len(inputs) != 1:
        raise click.UsageError("--url applies to a single input")
    return _options(**settings, **more)


def _emit(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[Column]) -> None:
    write(records, fmt, columns, sys.stdout)


db_option = click.option(
    "--db",
    envvar="SITROOM_DB",
    default="sitroom.db",
    show_default=True,
    help="SQLite database file or postgresql://USER@HOST:PORT/DB (or set SITROOM_DB).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Show at most N rows."
)
since_option = click.option("--since", callback=_date, help="On or after this date (YYYY-MM-DD).")
until_option = click.option("--until", callback=_date, help="On or before this date (YYYY-MM-DD).")


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read news inputs."""
    for decorator in reversed(
        [
            click.argument("inputs", nargs=-1, required=True),
            click.option(
                "--published",
                callback=_published,
                help="Publication date for inputs without one (YYYY-MM-DD).",
            ),
            click.option("--url", help="URL of the input, when it is a single file or stdin."),
            click.option("--source", help="Source (publisher) name for inputs without one."),
            click.option(
                "--fetch", is_flag=True, help="For feeds, fetch each entry's linked page."
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=None,
                help="Processes for the NLP pipeline [default: 2].",
            ),
        ]
    ):
        command = decorator(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitroom")
def main() -> None:
    """sitroom: news in; events, quotes, actors and dates with evidence out."""


@main.command()
@input_options
def extract(inputs: tuple[str, ...], **settings: Any) -> None:
    """Print one JSON record per document read from INPUTS (files, directories, URLs, -)."""
    from sitroom.extract import documents
    from sitroom.runners import analyze_stream

    options = _input_options(inputs, settings)
    failures: list[Failure] = []

    def readable() -> Iterable[Any]:
        for item in documents(inputs, options):
            if isinstance(item, Failure):
                failures.append(item)
                _report(item)
            else:
                yield item

    for result in analyze_stream(readable(), options):
        if isinstance(result, Failure):
            failures.append(result)
            _report(result)
        else:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    sys.exit(EXIT_PARTIAL if failures else 0)


@main.command()
@input_options
@db_option
def ingest(inputs: tuple[str, ...], db: str, **settings: Any) -> None:
    """Read, analyse and store INPUTS; re-running adds nothing, changed pages are updated."""
    from sitroom.extract import documents
    from sitroom.runners import ingest as run_ingest

    options = _input_options(inputs, settings, db=db)
    with _open_store(db, create=True) as store:
        try:
            summary = run_ingest(documents(inputs, options), store, options, on_failure=_report)
        except (sqlite3.Error, BrokenProcessPool, StoreError) as err:
            _fail_store(f"ingest stopped: {err}; documents stored before it are kept")
        total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {db}")
    sys.exit(EXIT_PARTIAL if summary.failed else 0)


@main.command()
@db_option
@format_option
@limit_option
def documents(db: str, fmt: str, limit: int | None) -> None:
    """List stored documents, newest first."""
    with _open_store(db) as store:
        rows = query.documents(store, limit)
    _emit(
        rows,
        fmt,
        [(c, field(c)) for c in ("id", "date", "source", "title", "comments", "events", "quotes")],
    )


@main.command()
@click.argument("document_id", required=False)
@db_option
@format_option
@limit_option
def comments(document_id: str | None, db: str, fmt: str, limit: int | None) -> None:
    """List reader comments as threads (all, or of DOCUMENT_ID)."""
    with _open_store(db) as store:
        if document_id and not store.has_document(document_id):
            raise click.UsageError(f"no document {document_id!r} in {db}")
        rows = query.comments(store, document_id, limit)
    indent = [("comment", lambda r: "  " * r["depth"] + (r["text"] or ""))]
    _emit(
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
    with _open_store(db) as store:
        try:
            rows = query.search(store, words, limit or 20)
        except StoreError as err:
            raise click.UsageError(str(err)) from err
    _emit(rows, fmt, [(c, field(c)) for c in ("id", "published", "title", "snippet")])


@main.command()
@click.argument("document_id")
@db_option
def show(document_id: str, db: str) -> None:
    """Print everything stored for one document as JSON."""
    with _open_store(db) as store:
        record = query.show(store, document_id)
    if record is None:
        raise click.UsageError(f"no document {document_id!r} in {db}")
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command()
@click.option("--name", help="Part of the actor's name.")
@click.option("--code", help="Country code (ISO 3166-1 alpha-3) or IGO.")
@click.option("--kind", type=click.Choice(["person", "organization", "country", "group"]))
@db_option
@format_option
@limit_option
def actors(
    name: str | None, code: str | None, kind: str | None, db: str, fmt: str, limit: int | None
) -> None:
    """List actors across all documents, most mentioned first."""
    with _open_store(db) as store:
        rows = query.actors(store, name=name, code=code, kind=kind, limit=limit)
    _emit(
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
    with _open_store(db) as store:
        rows = query.quotes(
            store, speaker=speaker, since=since, until=until, direct=direct, limit=limit
        )
    _emit(rows, fmt, QUOTE_COLUMNS)


EVENT_COLUMNS: list[Column] = [
    ("date", field("date")),
    ("event", field("event")),
    ("mode", field("mode")),
    ("actor", entity("actor", "co_actors")),
    ("recipient", entity("recipient", "co_recipients")),
    ("location", lambda r: (r.get("location") or {}).get("name")),
    ("flags", lambda r: ",".join(k for k in ("negated", "hypothetical", "future") if r.get(k))),
    ("event_text", field("event_text")),
    ("document", field("document_id")),
]


@main.command()
@click.option("--actor", help="Part of the actor's name.")
@click.option("--recipient", help="Part of the recipient's name.")
@click.option("--code", help="Country code (or IGO) of either side.")
@click.option(
    "--type",
    "event_type",
    type=click.Choice(EVENT_TYPES, case_sensitive=False),
    help="PLOVER event type.",
)
@click.option("--mode", help="PLOVER mode, e.g. phone.")
@since_option
@until_option
@click.option("--no-negated", is_flag=True, help="Leave out negated events.")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "plover"]),
    default="table",
    show_default=True,
    help="Output format; plover = PLOVER JSON data fields.",
)
@limit_option
def events(
    actor: str | None,
    recipient: str | None,
    code: str | None,
    event_type: str | None,
    mode: str | None,
    since: str | None,
    until: str | None,
    no_negated: bool,
    db: str,
    fmt: str,
    limit: int | None,
) -> None:
    """List coded events with filters."""
    with _open_store(db) as store:
        rows = query.events(
            store,
            actor=actor,
            recipient=recipient,
            code=code,
            event=event_type,
            mode=mode,
            since=since,
            until=until,
            include_negated=not no_negated,
            limit=limit,
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
            click.echo(json.dumps(to_plover(event_from_dict(row), source), ensure_ascii=False))
        return
    _emit(rows, fmt, EVENT_COLUMNS)


@main.command()
@click.argument("actor")
@db_option
@format_option
@limit_option
def timeline(actor: str, db: str, fmt: str, limit: int | None) -> None:
    """A dated list of ACTOR's events and quotes (ACTOR: part of a name)."""
    with _open_store(db) as store:
        rows = query.timeline(store, actor, limit)
    _emit(rows, fmt, [(c, field(c)) for c in ("date", "kind", "what", "document_id")])


@main.command(name="eval")
@click.argument("suites", nargs=-1)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder holding the development data sets.",
)
@click.option("--limit", type=int, default=None, help="Use at most N items per data set.")
@click.option(
    "--check",
    "floors",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Fail (exit 1) when a score is below the floor pinned in this JSON file.",
)
@click.option(
    "--raise-floors",
    is_flag=True,
    help="With --check: raise floors to today's scores (never lowers them).",
)
@click.option("--json", "as_json", is_flag=True, help="Print scores as JSON.")
def evaluate(
    suites: tuple[str, ...],
    data_dir: Path,
    limit: int | None,
    floors: Path | None,
    raise_floors: bool,
    as_json: bool,
) -> None:
    """Score sitroom on the development data (suites: extraction quotes time events actors)."""
    from sitroom import evaluation
    from sitroom.evaluation import gate

    names = suites or tuple(evaluation.SUITES)
    unknown = [n for n in names if n not in evaluation.SUITES]
    if unknown:
        raise click.UsageError(
            f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(evaluation.SUITES)}"
        )
    results = evaluation.run(names, data_dir, limit)
    click.echo(json.dumps(results, indent=2) if as_json else gate.format_results(results))
    if floors is None:
        return
    try:
        pinned = gate.load_floors(floors)
    except ValueError as err:
        raise click.UsageError(f"{floors}: not a JSON file of floors ({err})") from None
    shortfalls = gate.check(results, pinned)
    for line in shortfalls:
        click.echo(f"below floor: {line}", err=True)
    if raise_floors and not shortfalls:
        gate.raise_floors(floors, results)
        click.echo(f"floors in {floors} raised to today's scores")
    sys.exit(EXIT_PARTIAL if shortfalls else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--docs",
    "count",
    type=int,
    default=200,
    show_default=True,
    help="Number of documents to process (the inputs are cycled).",
)
@click.option("--workers", type=int, default=2, show_default=True, help="Processes.")
@click.option("--batch-size", type=int, default=16, show_default=True)
def bench(inputs: tuple[str, ...], count: int, workers: int, batch_size: int) -> None:
    """Throughput of the whole pipeline against the bare spaCy pipeline on the same texts."""
    from sitroom.evaluation.bench import run_bench

    options = _options(workers=workers, batch_size=batch_size)
    try:
        report = run_bench(inputs, count, options)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    click.echo(report.render())


if __name__ == "__main__":
    main()
