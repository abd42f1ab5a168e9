"""Evaluation on the development data beside the project (read at run time, never copied).

Each suite is a module of this package with a function
`evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]` returning flat
metric names (e.g. "direct_f1") for the data set it knows under `data_dir`. A suite whose data
is absent raises `MissingData` and is reported as skipped.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

SUITES = {
    "extraction": "sitroom.evaluation.extraction",
    "quotes": "sitroom.evaluation.quotes",
    "time": "sitroom.evaluation.timex",
    "events": "sitroom.evaluation.events",
    "actors": "sitroom.evaluation.actors",
    "stories": "sitroom.evaluation.stories",
    "judged": "sitroom.evaluation.judged",
}


class MissingData(Exception):
    """The development data a suite needs is not under the data directory."""


def run(
    suites: Iterable[str], data_dir: Path, limit: int | None = None
) -> dict[str, dict[str, float | int] | None]:
    """Run the named suites; a suite without its data maps to None (skipped)."""
    results: dict[str, dict[str, float | int] | None] = {}
    for name in suites:
        module = importlib.import_module(SUITES[name])
        try:
            results[name] = module.evaluate(Path(data_dir), limit=limit)
        except MissingData:
            results[name] = None
    return results
