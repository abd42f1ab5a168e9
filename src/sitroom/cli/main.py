"""The `sitroom` command group. Every command module in this package registers on `main`.

Exit codes: 0 everything succeeded; 1 some inputs failed (the rest were processed and stored) or
an evaluation score fell below its floor; 2 usage error; 3 the database could not be used.
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitroom")
def main() -> None:
    """sitroom: news in; events, quotes, actors and dates with evidence out."""
