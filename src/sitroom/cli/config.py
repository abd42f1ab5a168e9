"""`sitroom config`: the effective settings and where each one came from."""

from __future__ import annotations

import sys

import click

from sitroom.cli.common import base_options, setting_option
from sitroom.cli.main import main
from sitroom.formats import field, write
from sitroom.options import to_toml


def _shown(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


@main.command(name="config")
@setting_option("format", "fmt")
@click.option(
    "--toml",
    "as_toml",
    is_flag=True,
    help="Print the effective settings as a sitroom.toml to start a config file from.",
)
def config_command(fmt: str, as_toml: bool) -> None:
    """Print the effective settings (defaults < config file < environment) and their origin."""
    options = base_options()
    if as_toml:
        click.echo(to_toml(options), nl=False)
        return
    rows = options.effective()
    if fmt != "jsonl":
        rows = [{**row, "value": _shown(row["value"])} for row in rows]
    write(
        rows,
        fmt,
        [(c, field(c)) for c in ("setting", "value", "from")],
        sys.stdout,
    )
