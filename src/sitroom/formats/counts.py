"""Aggregate event counts, the table analysts model with (`sitroom counts`).

Counts events of the default dataset (or every stored event with ``all_events``) grouped by
month, day, year, actor code, recipient code, type or mode. When the stories layer has merged
reports into happenings, a happening is counted once however many reports describe it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from sitroom.formats.export import has_table
from sitroom.formats.tables import FLAGS, in_default_dataset, month_of
from sitroom.store.base import Backend

KEYS = ("month", "day", "year", "actor_code", "recipient_code", "type", "mode")


def _key(name: str, row: dict[str, Any]) -> Any:
    date = row.get("date")
    # an event the text dates by its month or year only ("in March") counts in that period
    dated = date or row.get("period")
    if name == "month":
        return month_of(dated)
    if name == "day":
        return date[:10] if date else "unknown"
    if name == "year":
        return dated[:4] if dated and dated[:4].isdigit() else "unknown"
    if name == "type":
        return row.get("event")
    return row.get(name)


def _happenings(store: Backend) -> bool:
    """Whether the store has happenings to count instead of reports."""
    if not has_table(store, "happenings"):
        return False
    return store.db.execute("SELECT 1 FROM happenings LIMIT 1").fetchone() is not None


def _units(store: Backend) -> Iterator[dict[str, Any]]:
    """What is counted: happenings when there are any, else events (with their records)."""
    table = "happenings" if _happenings(store) else "events"
    sql = f"SELECT event, mode, date, actor_code, recipient_code, record FROM {table}"
    for row in store.rows(sql):
        record = json.loads(row.pop("record") or "{}")
        flags = {flag: record.get(flag) for flag in FLAGS}
        sides = {
            "actor": record.get("actor") or ({"code": row["actor_code"]} if row["actor_code"]
                                             else None),
            "recipient": record.get("recipient") or (
                {"code": row["recipient_code"]} if row["recipient_code"] else None),
        }  # fmt: skip
        default = in_default_dataset(record | flags | sides)
        yield row | {"default": default, "period": record.get("period")}


def counts(
    store: Backend, by: Sequence[str], all_events: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """Counts grouped by `by`; returns what was counted ("happenings" or "events") and rows.

    Raises:
        ValueError: a key of `by` is not one of `KEYS`.
    """
    unknown = [k for k in by if k not in KEYS]
    if unknown or not by:
        raise ValueError(
            f"cannot count by {', '.join(unknown) or 'nothing'}; use {', '.join(KEYS)}"
        )
    unit = "happenings" if _happenings(store) else "events"
    tally: Counter[tuple[Any, ...]] = Counter()
    for row in _units(store):
        if all_events or row["default"]:
            tally[tuple(_key(k, row) for k in by)] += 1
    ordered = sorted(tally.items(), key=lambda item: tuple("" if v is None else str(v)
                                                           for v in item[0]))  # fmt: skip
    return unit, [dict(zip(by, key, strict=True)) | {"count": n} for key, n in ordered]
