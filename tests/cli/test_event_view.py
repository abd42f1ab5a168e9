"""`events` and `timeline` show the default dataset; the switches show what it leaves out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main

pytestmark = pytest.mark.model

# One sentence of each kind: a reported event between governments, a denied one, a planned one,
# a conditional one, a recalled one, and one whose sides resolve to no political actor.
STORY = (
    "Poland expelled two Russian diplomats on Tuesday.\n"
    "Hungary did not condemn Russia.\n"
    "France will host Germany next month.\n"
    "Romania could impose sanctions on Belarus.\n"
    "Russia has occupied Crimea since the 2014 annexation.\n"
    "Gunmen attacked a bus near the market.\n"
)


@pytest.fixture
def run(tmp_path: Path, monkeypatch, nlp):
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "view.db"))
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    runner = CliRunner()

    def invoke(*args: str) -> list[dict]:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]

    runner.invoke(main, ["ingest", str(story), "--published", "2024-05-14"])
    return invoke


def _sentences(rows: list[dict]) -> set[str]:
    return {row["text"].split()[0] for row in rows}


def test_default_dataset_holds_only_reported_political_events(run):
    assert _sentences(run("events", "--format", "jsonl")) == {"Poland"}


def test_each_switch_adds_its_kind(run):
    assert "Hungary" in _sentences(run("events", "--negated", "--format", "jsonl"))
    assert "France" in _sentences(run("events", "--future", "--format", "jsonl"))
    assert "Romania" in _sentences(run("events", "--hypothetical", "--format", "jsonl"))
    assert "Russia" in _sentences(run("events", "--historical", "--format", "jsonl"))
    assert "Gunmen" in _sentences(run("events", "--uncoded", "--format", "jsonl"))
    assert "Hungary" not in _sentences(run("events", "--future", "--format", "jsonl"))


def test_all_shows_every_stored_event_with_its_flags(run):
    rows = run("events", "--all", "--format", "jsonl")
    assert _sentences(rows) >= {"Poland", "Hungary", "France", "Romania", "Russia", "Gunmen"}
    flags = {row["text"].split()[0]: row for row in rows}
    assert flags["Hungary"]["negated"] and flags["France"]["future"]
    assert flags["Russia"]["historical"] and not flags["Poland"]["historical"]


def test_min_confidence_can_hide_everything(run):
    assert run("events", "--min-confidence", "1", "--format", "jsonl") == []


def test_timeline_follows_the_same_view(run):
    default = run("timeline", "Hungary", "--format", "jsonl")
    widened = run("timeline", "Hungary", "--negated", "--format", "jsonl")
    assert not [r for r in default if r["kind"] == "event"]
    assert [r for r in widened if r["kind"] == "event"]
