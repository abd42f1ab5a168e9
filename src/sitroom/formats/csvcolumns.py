"""CSV columns: one per field, so a spreadsheet or a data frame gets typed, flat columns.

Tables show an actor as "Name (CODE)" with compound members after "&"; CSV gives each of
name, code, sector and id its own column, and each compound member its own numbered columns
(`co_actor_1_name`, `co_actor_1_code`, ...), as many as the rows at hand need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sitroom.formats.writers import Column, field

_ENTITY_FIELDS = ("id", "name", "code", "sector", "office", "affiliation")


def _part(key: str, name: str, index: int | None = None) -> Callable[[dict[str, Any]], Any]:
    def get(record: dict[str, Any]) -> Any:
        value = record.get(key)
        if index is not None:
            value = value[index] if isinstance(value, list) and len(value) > index else None
        return value.get(name) if isinstance(value, dict) else None

    return get


def _entity(role: str, key: str | None = None) -> list[Column]:
    return [(f"{role}_{name}", _part(key or role, name)) for name in _ENTITY_FIELDS]


def _members(records: list[dict[str, Any]], key: str, role: str) -> list[Column]:
    count = max((len(r.get(key) or []) for r in records), default=0)
    return [
        (f"{role}_{i + 1}_{name}", _part(key, name, i))
        for i in range(count)
        for name in ("id", "name", "code", "sector")
    ]


def event_columns(records: list[dict[str, Any]]) -> Sequence[Column]:
    """One column per field of an event row, compound members numbered."""
    return [
        ("id", field("id")),
        ("document_id", field("document_id")),
        ("date", field("date")),
        ("date_text", field("date_text")),
        ("date_source", field("date_source")),
        ("period", field("period")),
        ("event", field("event")),
        ("mode", field("mode")),
        ("context", field("context")),
        *_entity("actor"),
        *_members(records, "co_actors", "co_actor"),
        *_entity("recipient"),
        *_members(records, "co_recipients", "co_recipient"),
        ("location_name", _part("location", "name")),
        ("location_country", _part("location", "country")),
        ("negated", field("negated")),
        ("hypothetical", field("hypothetical")),
        ("future", field("future")),
        ("confidence", field("confidence")),
        ("event_text", field("event_text")),
        ("sentence", field("text")),
        ("start", field("start")),
        ("end", field("end")),
        ("url", field("url")),
        ("title", field("title")),
        ("source", field("source")),
    ]


def quote_columns(records: list[dict[str, Any]]) -> Sequence[Column]:
    """One column per field of a quote row."""
    return [
        ("id", field("id")),
        ("document_id", field("document_id")),
        ("date", field("date")),
        *_entity("speaker"),
        ("speaker_text", field("speaker_text")),
        ("cue", field("cue")),
        ("direct", field("direct")),
        ("content", field("content")),
        ("start", field("start")),
        ("end", field("end")),
        ("title", field("title")),
    ]
