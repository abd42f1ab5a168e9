"""`sitroom watch`: poll RSS/Atom feeds and store each new entry's page once."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import IO, Any

import click

from sitroom.cli.common import (
    db_option,
    exit_code,
    fail_store,
    fail_usage,
    make_options,
    open_store,
    report_failure,
    setting_options,
    settings_of,
)
from sitroom.cli.main import main
from sitroom.store import ANALYSIS_VERSION, StoreError


def _every(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from sitroom.runners.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


every_option = click.option(
    "--every",
    default="15m",
    show_default=True,
    callback=_every,
    metavar="INTERVAL",
    help="Time between two polls of a feed: 30s, 15m, 1h (doubled after each failure in a"
    " row, up to 6h).",
)


def check_feeds(feeds: tuple[str, ...]) -> None:
    """Feeds are watched over http(s); anything else is a usage error."""
    for feed in feeds:
        if not feed.lower().startswith(("http://", "https://")):
            fail_usage(f"watch takes http(s) feed URLs, not {feed!r}")


@main.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL…")
@every_option
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron).")
@click.option(
    "--log",
    "log_file",
    type=click.File("a", encoding="utf-8", lazy=False),
    metavar="FILE",
    help="Append the poll lines to FILE instead of standard error.",
)
@db_option
@setting_options(*settings_of("watch", leave_out=("db",)))
def watch(
    feeds: tuple[str, ...], every: float, once: bool, log_file: IO[str] | None, db: str,
    **settings: Any,
) -> None:  # fmt: skip
    """Poll FEED_URLs, storing each new entry's page once; one log line per poll per feed."""
    from sitroom.runners.watch import watch as run_watch

    check_feeds(feeds)
    options = make_options(**settings, db=db)
    version = options.knowledge().analysis_version(ANALYSIS_VERSION)
    with open_store(db, create=True, version=version) as store:
        try:
            summary = run_watch(
                feeds, store, options, every, once, _writer(log_file), report_failure
            )
        except (sqlite3.Error, StoreError) as err:
            fail_store(f"watch stopped: {err}; documents stored before it are kept")
        total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {db}")
    sys.exit(exit_code(summary))


def _writer(log_file: IO[str] | None) -> Callable[[str], None]:
    out = log_file or sys.stderr

    def write(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    return write
