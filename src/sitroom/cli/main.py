"""The `sitroom` command group. Every command module in this package registers on `main`.

Exit codes: 0 everything succeeded; 1 some inputs failed (the rest were processed and stored) or
an evaluation score fell below its floor; 2 usage error; 3 the database could not be used.
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
