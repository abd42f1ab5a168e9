"""The options object: defaults < config file < environment < flags, and clear errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT

from sitroom.options import SETTINGS, Options, OptionsError, reference, to_toml


def write(folder: Path, text: str, name: str = "sitroom.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_layer_overrides_the_one_before(tmp_path: Path):
    config = write(tmp_path, '[sitroom]\nworkers = 3\nbatch_size = 4\ndb = "news.db"\n')
    env = {"SITROOM_BATCH_SIZE": "5", "SITROOM_FETCH": "yes"}
    options = Options.load(config, env=env, flags={"db": "other.db", "source": None})
    assert (options.workers, options.batch_size, options.db) == (3, 5, "other.db")
    assert options.fetch is True
    assert options.timeout == 20.0  # nothing set it
    assert options.origins["workers"] == str(config)
    assert options.origins["batch_size"] == "SITROOM_BATCH_SIZE"
    assert options.origins["db"] == "--db"
    assert options.origins["timeout"] == "default"
    assert options.origins["source"] == "default"  # a flag left out (None) sets nothing


def test_the_working_directorys_sitroom_toml_is_read(tmp_path: Path, monkeypatch):
    write(tmp_path, "[sitroom]\nmax_redirects = 0\n")
    monkeypatch.chdir(tmp_path)
    assert Options.load(env={}).max_redirects == 0
    assert Options.load(env={}, read_default_file=False).max_redirects == 5


def test_paths_in_a_config_file_are_relative_to_its_folder(tmp_path: Path):
    folder = tmp_path / "project"
    (folder / "knowledge").mkdir(parents=True)
    (folder / "knowledge" / "actors.tsv").write_text("kind\tname\n", encoding="utf-8")
    config = write(folder, '[sitroom]\ndb = "news.db"\nactor_files = ["knowledge/actors.tsv"]\n')
    options = Options.load(config, env={})
    assert Path(options.db) == folder / "news.db"
    assert options.actor_files == (str(folder / "knowledge" / "actors.tsv"),)
    assert options.knowledge().actors == (folder / "knowledge" / "actors.tsv",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sitroom]\nwrokers = 3\n", "unknown setting 'wrokers' in [sitroom] (did you mean"),
        ("[sitroom]\nworkers = '3'\n", "workers must be an integer, not '3'"),
        ("[sitroom]\nworkers = 0\n", "workers must be at least 1, not 0"),
        ("[sitroom]\nfetch = 1\n", "fetch must be true/false, not 1"),
        ("[sitroom]\nformat = 'xml'\n", "format must be one of table, jsonl, csv, not 'xml'"),
        ("[sitroom]\npublished = 'last week'\n", "published 'last week' is not a date"),
        ("[sitroom]\nurl = 'https://example.org'\n", "unknown setting 'url'"),
        ("[sitroom]\nactor_files = ['missing.tsv']\n", "no file"),
        ("[ingest]\nworkers = 3\n", "unknown table 'ingest' (settings go in the [sitroom] table)"),
        ("workers = 3\n", "unknown key 'workers'"),
        ("[sitroom\n", "not valid TOML"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_file_and_key(tmp_path: Path, text, message):
    config = write(tmp_path, text)
    with pytest.raises(OptionsError) as caught:
        Options.load(config, env={})
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(config))
    assert "\n" not in str(caught.value)


def test_a_missing_config_file_named_explicitly_is_an_error(tmp_path: Path):
    with pytest.raises(OptionsError, match="no such config file"):
        Options.load(tmp_path / "absent.toml", env={})


def test_environment_values_are_read_in_the_settings_type(tmp_path: Path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text("x\n", encoding="utf-8")
    second.write_text("x\n", encoding="utf-8")
    env = {"SITROOM_TIMEOUT": "2.5", "SITROOM_TRIGGER_FILES": f"{first}:{second}"}
    options = Options.load(env=env, read_default_file=False)
    assert options.timeout == 2.5
    assert options.trigger_files == (str(first), str(second))
    with pytest.raises(OptionsError, match=r"SITROOM_WORKERS='many': workers must be an integer"):
        Options.load(env={"SITROOM_WORKERS": "many"}, read_default_file=False)


def test_the_printed_toml_reads_back_as_the_same_settings(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"SITROOM_WORKERS": "3", "SITROOM_SOURCE": 'Wire "A" \\ B', "SITROOM_FETCH": "1"}
    options = Options.load(env=env)
    text = to_toml(options)
    assert tomllib.loads(text)["sitroom"]["workers"] == 3
    write(tmp_path, text)
    again = Options.load(Path("sitroom.toml"), env={})
    assert again == options
    assert again.origins["source"] == "sitroom.toml"


def test_the_readme_carries_the_option_reference_of_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- options:start -->\n(.*?)\n<!-- options:end -->", readme, re.S)
    assert block is not None, "README.md has no option reference"
    assert block.group(1) == reference(), "README option reference is out of date"
    for setting in SETTINGS:
        assert f"`{setting.flag}`" in block.group(1)
