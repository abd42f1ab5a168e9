"""`sitroom serve`: the API and the dashboard over one database, with uvicorn."""

from __future__ import annotations

import ipaddress
import os
import sys

import click

from sitroom.cli.common import EXIT_STORE, db_option
from sitroom.cli.main import main


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
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let URL ingest fetch loopback and private-network addresses.",
)
def serve(
    db: str, host: str, port: int, allow_ingest: bool, token: str | None, allow_private_urls: bool
) -> None:
    """Serve the dashboard and the JSON API (read-only unless --allow-ingest)."""
    import uvicorn

    from sitroom.api import ServeSettings, create_app
    from sitroom.store import Store, StoreError, is_server_url

    if is_server_url(db):
        # The serving indexes and counts (migration 0006) exist for SQLite only so far.
        raise click.UsageError("sitroom serve reads a SQLite database file, not a server URL")
    if not os.path.exists(db):
        message = f"no database at {db} (run `sitroom ingest` first, or pass --db)"
        click.echo(f"sitroom: {message}", err=True)
        sys.exit(EXIT_STORE)
    try:
        Store(db).close()  # upgrade the schema once, before any request
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
    settings = ServeSettings(db, allow_ingest, token, allow_private_urls)
    click.echo(f"sitroom: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
