"""The evaluation gate: scores compared with floors pinned in the repository.

Floors live in a JSON file, `{"suite": {"metric": floor}}`. They only go up: `raise_floors`
moves each floor to today's score (rounded down) when that is higher, and never lowers one.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

Results = dict[str, dict[str, float | int] | None]


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """Read the pinned floors."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def check(results: Results, floors: dict[str, dict[str, float]]) -> list[str]:
    """One line per score below its floor, and per suite run without its data.

    A suite that was not asked for is not checked; one that was asked for but found no data
    (None) fails: a gate that passes with every suite skipped checks nothing.
    """
    shortfalls = []
    for suite, metrics in floors.items():
        if suite not in results:
            continue
        scores = results[suite]
        if scores is None:
            shortfalls.append(
                f"{suite}: development data not found, {len(metrics)} floors unchecked"
            )
            continue
        for metric, floor in metrics.items():
            score = scores.get(metric)
            if score is None or score < floor:
                shortfalls.append(f"{suite}.{metric} = {score} < {floor}")
    return shortfalls


def raise_floors(path: Path, results: Results) -> None:
    """Move floors up to today's scores (two decimals, rounded down); never lower one."""
    floors = load_floors(path)
    for suite, metrics in floors.items():
        scores = results.get(suite) or {}
        for metric, floor in metrics.items():
            score = scores.get(metric)
            if score is not None:
                metrics[metric] = max(floor, math.floor(float(score) * 100) / 100)
    Path(path).write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def format_results(results: Results) -> str:
    """Scores as an indented plain-text report."""
    lines = []
    for suite, scores in results.items():
        if scores is None:
            lines.append(f"{suite}: skipped (development data not found)")
            continue
        lines.append(f"{suite}:")
        for metric, value in scores.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            lines.append(f"  {metric:<34} {shown}")
    return "\n".join(lines)
