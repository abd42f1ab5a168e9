"""`sitroom config`, `--config FILE` and settings from a config file through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.options import SETTINGS


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    """A working directory of its own, with no SITROOM_* variables from outside."""
    monkeypatch.chdir(tmp_path)
    for setting in SETTINGS:
        if setting.env:
            monkeypatch.delenv(setting.env, raising=False)
    monkeypatch.delenv("SITROOM_CONFIG", raising=False)
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def settings_of(result) -> dict[str, dict]:
    return {row["setting"]: row for row in map(json.loads, result.stdout.splitlines())}


def test_config_lists_every_setting_with_its_origin(here: Path):
    (here / "sitroom.toml").write_text('[sitroom]\nworkers = 3\ndb = "news.db"\n', "utf-8")
    result = invoke("config", "--format", "jsonl", env={"SITROOM_BATCH_SIZE": "8"})
    assert result.exit_code == 0
    rows = settings_of(result)
    assert set(rows) == {s.name for s in SETTINGS}
    assert rows["workers"] == {"setting": "workers", "value": 3, "from": "sitroom.toml"}
    assert rows["db"]["value"] == "news.db"
    assert rows["batch_size"] == {"setting": "batch_size", "value": 8, "from": "SITROOM_BATCH_SIZE"}
    assert rows["timeout"]["from"] == "default"

    table = invoke("config").stdout
    assert "workers" in table and "sitroom.toml" in table


def test_a_config_file_named_with_config_replaces_the_working_directorys(here: Path):
    (here / "sitroom.toml").write_text("[sitroom]\nworkers = 3\n", "utf-8")
    other = here / "elsewhere"
    other.mkdir()
    (other / "mine.toml").write_text('[sitroom]\ndb = "mine.db"\n', "utf-8")
    rows = settings_of(invoke("--config", str(other / "mine.toml"), "config", "--format", "jsonl"))
    assert rows["workers"]["from"] == "default"
    assert Path(rows["db"]["value"]) == other / "mine.db"


def test_config_toml_starts_a_file_that_reads_back(here: Path):
    printed = invoke("config", "--toml", env={"SITROOM_WORKERS": "4"}).stdout
    (here / "sitroom.toml").write_text(printed, "utf-8")
    rows = settings_of(invoke("config", "--format", "jsonl"))
    assert rows["workers"] == {"setting": "workers", "value": 4, "from": "sitroom.toml"}


@pytest.mark.parametrize("command", [["config"], ["documents"], ["ingest", "x.txt"]])
def test_a_bad_config_file_stops_any_command_with_one_line(here: Path, command):
    (here / "sitroom.toml").write_text("[sitroom]\nworkers = 'two'\n", "utf-8")
    result = invoke(*command)
    assert result.exit_code == 2
    assert result.stderr == "sitroom: sitroom.toml: workers must be an integer, not 'two'\n"
    assert result.stdout == ""


def test_a_missing_config_file_is_a_usage_error(here: Path):
    result = invoke("--config", "absent.toml", "documents")
    assert result.exit_code == 2
    assert result.stderr.strip() == "sitroom: absent.toml: no such config file"


def test_query_commands_take_the_database_from_the_config_file(here: Path):
    (here / "sitroom.toml").write_text('[sitroom]\ndb = "archive/news.db"\n', "utf-8")
    result = invoke("events")
    assert result.exit_code == 3
    assert "no database at archive/news.db" in result.stderr


def test_every_setting_is_a_flag_of_each_command_it_names():
    for setting in SETTINGS:
        for name in setting.commands:
            command = main.commands[name]
            flags = {opt for param in command.params for opt in param.opts}
            assert setting.flag in flags, f"sitroom {name} lacks {setting.flag}"
