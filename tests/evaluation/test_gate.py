"""The evaluation gate: scores below pinned floors fail, and floors never go down."""

from __future__ import annotations

import json

from helpers import ROOT

from sitroom.evaluation import gate


def test_a_score_below_its_floor_is_reported():
    floors = {"quotes": {"direct_f1": 0.85, "speaker_accuracy": 0.9}, "time": {"value": 0.8}}
    results = {"quotes": {"direct_f1": 0.84, "speaker_accuracy": 0.95}, "time": None}
    assert gate.check(results, floors) == ["quotes.direct_f1 = 0.84 < 0.85"]


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
