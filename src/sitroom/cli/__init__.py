"""The `sitroom` command line: thin click adapters over the library."""

from sitroom.cli.commands import main

__all__ = ["main"]
