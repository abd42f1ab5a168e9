"""The `sitroom` command line: thin click adapters over the library, one module per command
group (`inputs`, `documents`, `records`, `evaluate`, …), all registering on `main.main`.

To add a command, add a module to this package that registers on the group; it is found and
imported here, so no other file needs to change::

    # sitroom/cli/stories.py
    import click

    from sitroom.cli.common import db_option
    from sitroom.cli.main import main

    @main.command()
    @db_option
    def stories(db: str) -> None:
        \"\"\"One line of help.\"\"\"

Shared options, store opening and output helpers are in `common`. Modules whose name starts
with an underscore are not imported.
"""

from __future__ import annotations

import importlib
import pkgutil

from sitroom.cli.main import main

_NOT_COMMANDS = {"main", "common"}


def _register_commands() -> None:
    """Import every command module of this package (sorted, so `--help` lists are stable)."""
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name not in _NOT_COMMANDS and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_register_commands()

__all__ = ["main"]
