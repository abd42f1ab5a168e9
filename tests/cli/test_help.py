"""The command line's help and registration: one description of each setting, every module
in `sitroom.cli` adds its commands to the one group."""

from __future__ import annotations

import importlib
import pkgutil
import re

import click
from click.testing import CliRunner

import sitroom.cli
from sitroom.cli import main
from sitroom.options import SETTINGS


def _help(*command: str) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return re.sub(r"\s+", " ", result.output).lower()


def test_option_help_is_the_description_in_options():
    described = {s.name: s.help.lower() for s in SETTINGS}
    for command in ("extract", "ingest"):
        text = _help(command)
        for name in ("published", "url", "source", "fetch", "workers"):
            assert described[name] in text, (command, name)
    assert described["db"] in _help("events")
    assert "sitroom_db" in _help("events")
    bench = _help("bench")
    assert described["workers"] in bench and described["batch_size"] in bench


def test_every_command_module_registers_on_the_group():
    group_commands = set(main.commands)
    for module in pkgutil.iter_modules(sitroom.cli.__path__):
        if module.name in {"main", "common"}:
            continue
        loaded = importlib.import_module(f"sitroom.cli.{module.name}")
        own = [
            value
            for value in vars(loaded).values()
            if isinstance(value, click.Command) and value.callback.__module__ == loaded.__name__
        ]
        assert own, f"sitroom.cli.{module.name} defines no command"
        assert {c.name for c in own} <= group_commands
