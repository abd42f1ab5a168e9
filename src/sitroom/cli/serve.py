"""`sitroom serve`: the API and the dashboard over one database, with uvicorn."""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Any

import click

from sitroom.cli.common import EXIT_STORE, db_option, make_options, setting_option
from sitroom.cli.main import main
from sitroom.cli.watch import check_feeds, every_option


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Turn on POST /api/ingest (needs a token: --token or SITROOM_INGEST_TOKEN).",
)
@click.option("--token", help="Bearer token for ingest [default: SITROOM_INGEST_TOKEN].")
@setting_option("allow_private_urls")
@click.option(
    "--watch",
    "feeds",
    multiple=True,
    metavar="FEED_URL",
    help="Watch this feed beside the API, as `sitroom watch` does (repeat for several).",
)
@every_option
def serve(
    db: str,
    host: str,
    port: int,
    allow_ingest: bool,
    token: str | None,
    allow_private_urls: bool,
    feeds: tuple[str, ...],
    every: float,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless --allow-ingest), and with
    --watch, watch feeds into the database beside it."""
    import uvicorn

    from sitroom.api import ServeSettings, create_app
    from sitroom.store import StoreError, is_server_url, open_store

    if allow_ingest and is_server_url(db):
        # The ingest endpoint writes through a SQLite store; a server takes `sitroom ingest`.
        raise click.UsageError(
            "--allow-ingest serves a SQLite file only; ingest into a server with"
            " `sitroom ingest --db URL`"
        )
    if not is_server_url(db) and not os.path.exists(db):
        message = f"no database at {db} (run `sitroom ingest` first, or pass --db)"
        click.echo(f"sitroom: {message}", err=True)
        sys.exit(EXIT_STORE)
    try:
        with open_store(db) as store:  # upgrade the schema once, before any request
            shown = store.path  # a server URL without its password
    except StoreError as err:
        click.echo(f"sitroom: {err}", err=True)
        sys.exit(EXIT_STORE)
    token = token or os.environ.get("SITROOM_INGEST_TOKEN") or None
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs a token (--token or SITROOM_INGEST_TOKEN)")
    if not _loopback(host):
        click.echo(
            f"sitroom: warning: listening on {host}, reachable from other machines", err=True
        )
    check_feeds(feeds)
    settings = ServeSettings(db, allow_ingest, token, allow_private_urls)
    watcher = _watch_beside(feeds, db, allow_private_urls, every) if feeds else None
    click.echo(f"sitroom: serving {shown} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
    finally:
        if watcher is not None:
            from sitroom.runners.watch import stop_beside

            stop_beside(watcher)


def _watch_beside(feeds: tuple[str, ...], db: str, allow_private: bool, every: float) -> Any:
    """Start the watcher's own process; the other settings come from the config file and
    the environment, as for `sitroom watch`."""
    from sitroom.runners.watch import start_beside

    options = make_options(db=db, allow_private_urls=allow_private)
    click.echo(f"sitroom: watching {len(feeds)} feeds every {every:g} seconds", err=True)
    return start_beside(feeds, db, options, every)
