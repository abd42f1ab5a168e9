"""What the command modules share: exit codes, options, opening the store, writing rows."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, NoReturn

import click

from sitroom.formats import FORMATS, Column, write
from sitroom.options import Options
from sitroom.records import Failure, InputError
from sitroom.store import Store, StoreError, is_server_url
from sitroom.store import open_store as open_backend

EXIT_PARTIAL = 1
EXIT_STORE = 3

_OPTION_FIELDS = {f.name: f for f in fields(Options)}


def option_help(name: str, show_default: bool = False) -> str:
    """The help text of the `Options` field `name`, as a sentence (with its variable, if any).

    The CLI takes its option help from here so that the library's one description of a
    setting is what `--help` shows.
    """
    spec = _OPTION_FIELDS[name]
    text = spec.metadata["help"]
    text = text[0].upper() + text[1:]
    if spec.metadata.get("env"):
        text += f" (or set {spec.metadata['env']})"
    if show_default and spec.default is not MISSING and spec.default is not None:
        text += f" [default: {spec.default}]"
    return text + "."


def option_default(name: str) -> Any:
    """The default of the `Options` field `name`."""
    return _OPTION_FIELDS[name].default


def report_failure(failure: Failure) -> None:
    """Name a failed input on stderr (the run goes on)."""
    click.echo(f"sitroom: skipped {failure}", err=True)


def fail_store(message: object) -> NoReturn:
    """Stop with exit code 3: the database cannot be used."""
    click.echo(f"sitroom: {message}", err=True)
    sys.exit(EXIT_STORE)


def open_store(db: str, create: bool = False) -> Store:
    """Open the database; queries (create=False) refuse to make a new, empty one."""
    if not create and not is_server_url(db) and not Path(db).exists():
        fail_store(f"no database at {db} (run `sitroom ingest` first, or pass --db)")
    try:
        return open_backend(db)
    except StoreError as err:
        fail_store(err)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
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


def check_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The library's own check of a default publication date, as a usage error."""
    from sitroom.extract import check_published as check

    try:
        return check(value)
    except InputError as err:
        raise click.BadParameter(str(err)) from None


def make_options(**settings: Any) -> Options:
    """The options object for a command (environment and defaults below the command line)."""
    try:
        return Options.from_env(**settings)
    except ValueError as err:
        raise click.UsageError(str(err)) from None


def input_settings(inputs: tuple[str, ...], settings: dict[str, Any], **more: Any) -> Options:
    """Options for reading inputs; --url names one document, so it takes one input."""
    if settings.get("url") and len(inputs) != 1:
        raise click.UsageError("--url applies to a single input")
    return make_options(**settings, **more)


def emit(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[Column]) -> None:
    """Write query rows to standard output in the chosen format."""
    write(records, fmt, columns, sys.stdout)


db_option = click.option(
    "--db",
    envvar=_OPTION_FIELDS["db"].metadata["env"],
    default=option_default("db"),
    show_default=True,
    help=option_help("db"),
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
since_option = click.option(
    "--since", callback=check_date, help="On or after this date (YYYY-MM-DD)."
)
until_option = click.option(
    "--until", callback=check_date, help="On or before this date (YYYY-MM-DD)."
)


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read news inputs (help from `Options`)."""
    for decorator in reversed(
        [
            click.argument("inputs", nargs=-1, required=True),
            click.option("--published", callback=check_published, help=option_help("published")),
            click.option("--url", help=option_help("url")),
            click.option("--source", help=option_help("source")),
            click.option("--fetch", is_flag=True, help=option_help("fetch")),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=None,  # None: the environment or the default decides
                help=option_help("workers", show_default=True),
            ),
        ]
    ):
        command = decorator(command)
    return command
