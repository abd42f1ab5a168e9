"""The evaluation gate: scores below pinned floors fail, and floors never go down."""

from __future__ import annotations

import json

from helpers import ROOT

from sitroom.evaluation import gate


def test_a_score_below_its_floor_is_reported():
    floors = {"quotes": {"direct_f1": 0.85, "speaker_accuracy": 0.9}, "time": {"value": 0.8}}
    results = {"quotes": {"direct_f1": 0.84, "speaker_accuracy": 0.95}}
    assert gate.check(results, floors) == ["quotes.direct_f1 = 0.84 < 0.85"]


def test_a_suite_asked_for_without_its_data_fails_the_check():
    floors = {"quotes": {"direct_f1": 0.85}, "time": {"value": 0.8, "recall": 0.9}}
    results = {"quotes": {"direct_f1": 0.9}, "time": None}
    assert gate.check(results, floors) == ["time: development data not found, 2 floors unchecked"]


def test_the_command_fails_when_asked_to_check_without_data(tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import main

    floors = ROOT / "eval-floors.json"
    args = ["eval", "quotes", "time", "--data", str(tmp_path / "missing"), "--check", str(floors)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "quotes: development data not found" in result.output
    assert "skipped" in result.output  # the report still says which suites had no data
    # Without --check there is nothing to fail: the report alone.
    assert CliRunner().invoke(main, args[:-2]).exit_code == 0


def test_a_missing_metric_counts_as_below():
    assert gate.check({"quotes": {}}, {"quotes": {"direct_f1": 0.5}}) == [
        "quotes.direct_f1 = None < 0.5"
    ]


def test_floors_only_go_up(tmp_path):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"time": {"value": 0.8, "recall": 0.9}}))
    gate.raise_floors(path, {"time": {"value": 0.8567, "recall": 0.7}})
    assert gate.load_floors(path) == {"time": {"value": 0.85, "recall": 0.9}}


def test_the_pinned_floors_name_known_suites():

    from sitroom.evaluation import SUITES

    pinned = gate.load_floors(ROOT / "eval-floors.json")
    assert pinned and set(pinned) <= set(SUITES)
