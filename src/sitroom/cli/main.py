"""The `sitroom` command group. Every command module in this package registers on `main`.

Exit codes: 0 everything succeeded; 1 some inputs failed (the rest were processed and stored) or
an evaluation score fell below its floor; 2 usage error; 3 the database could not be used.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click

from sitroom.store import QueryTimeout, StoreError


class _Sitroom(click.Group):
    """The command group: a database found unusable in the middle of any command is exit 3
    with one line (never a traceback); a query that cannot be answered as asked is exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QueryTimeout as err:
            click.echo(f"sitroom: {err}", err=True)
            sys.exit(2)
        except (StoreError, sqlite3.DatabaseError) as err:
            click.echo(f"sitroom: {err}", err=True)
            sys.exit(3)


@click.group(cls=_Sitroom, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitroom")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="SITROOM_CONFIG",
    help="Config file with the defaults of every setting [default: ./sitroom.toml if present; "
    "env SITROOM_CONFIG].",
)
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """sitroom: news in; events, quotes, actors and dates with evidence out."""
    from sitroom.cli.common import base_options

    ctx.obj = {"config": config}
    base_options(ctx)  # a bad config file stops every command here, with one line
