"""The flat rows of the export layout, built from contract records (a store or an analysis).

One function per dataset turns a record of the contract into flat rows: codes and flags as
columns, nested lists (co-actors, mentions, dates, notes) as JSON text. The export from a
database and the Parquet files Dask workers write from fresh analyses both go through these
functions, so the two layouts are the same, column for column. `SCHEMAS` gives each dataset's
columns and types (``str``, ``int``, ``float``, ``bool``); events and quotes also keep the whole
contract record as JSON (``record``), so a load gives back exactly what was stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from sitroom import records
from sitroom.records import Analysis

# Event flags of the contract; an event in none of them (and with a coded side) is in the
# default dataset. Flags a store's records lack read as false.
FLAGS = ("negated", "hypothetical", "future", "historical")
UNKNOWN = "unknown"
_MONTH = re.compile(r"^\d{4}-\d{2}")

_ENTITY = ("id", "name", "code", "sector", "office", "affiliation", "entity_text")

SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "str"), ("url", "str"), ("title", "str"), ("author", "str"),
        ("published", "str"), ("source", "str"), ("language", "str"), ("text", "str"),
        ("origin", "str"), ("content_hash", "str"), ("reference_date", "str"),
        ("notes", "str"), ("dates", "str"), ("comments", "int"), ("month", "str"),
    ],
    "events": [
        ("id", "str"), ("document_id", "str"), ("event", "str"), ("mode", "str"),
        ("context", "str"), ("date", "str"), ("date_text", "str"), ("date_source", "str"),
        ("period", "str"),
        *[(f"actor_{k}", "str") for k in _ENTITY],
        *[(f"recipient_{k}", "str") for k in _ENTITY],
        ("location_name", "str"), ("location_country", "str"),
        ("location_start", "int"), ("location_end", "int"),
        ("event_text", "str"), ("text", "str"), ("start", "int"), ("end", "int"),
        *[(flag, "bool") for flag in FLAGS],
        ("confidence", "float"), ("default_dataset", "bool"),
        ("co_actors", "str"), ("co_recipients", "str"), ("record", "str"), ("month", "str"),
    ],
    "quotes": [
        ("id", "str"), ("document_id", "str"), *[(f"speaker_{k}", "str") for k in _ENTITY],
        ("speaker_text", "str"), ("cue", "str"), ("content", "str"), ("direct", "bool"),
        ("start", "int"), ("end", "int"), ("date", "str"), ("record", "str"), ("month", "str"),
    ],
    "actors": [
        ("id", "str"), ("document_id", "str"), ("name", "str"), ("kind", "str"),
        ("code", "str"), ("sector", "str"), ("office", "str"), ("affiliation", "str"),
        ("mention_count", "int"), ("mentions", "str"), ("date", "str"), ("month", "str"),
    ],
    "comments": [
        ("id", "str"), ("document_id", "str"), ("position", "int"), ("parent", "str"),
        ("depth", "int"), ("author", "str"), ("published", "str"), ("text", "str"),
        ("month", "str"),
    ],
}  # fmt: skip

DATASETS = ("documents", "events", "happenings", "quotes", "actors", "comments")


def month_of(date: str | None) -> str:
    """The partition of a date: its year-month, or "unknown" when undated."""
    return date[:7] if date and _MONTH.match(date) else UNKNOWN


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _entity(prefix: str, entity: dict[str, Any] | None) -> dict[str, Any]:
    entity = entity or {}
    return {f"{prefix}_{k}": entity.get(k) for k in _ENTITY}


def in_default_dataset(event: dict[str, Any]) -> bool:
    """Whether an event record belongs to the default dataset (`records.in_default_dataset`)."""
    return records.in_default_dataset(event)


def event_row(event: dict[str, Any], document_id: str) -> dict[str, Any]:
    """One event record as a flat row."""
    location = event.get("location") or {}
    return {
        "id": event["id"],
        "document_id": document_id,
        **{k: event.get(k) for k in ("event", "mode", "context", "date", "date_text")},
        "date_source": event.get("date_source"),
        "period": event.get("period"),
        **_entity("actor", event.get("actor")),
        **_entity("recipient", event.get("recipient")),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "location_start": location.get("start"),
        "location_end": location.get("end"),
        **{k: event.get(k) for k in ("event_text", "text", "start", "end")},
        **{flag: bool(event.get(flag)) for flag in FLAGS},
        "confidence": event.get("confidence"),
        "default_dataset": in_default_dataset(event),
        "co_actors": _json(event.get("co_actors") or []),
        "co_recipients": _json(event.get("co_recipients") or []),
        "record": _json(event),
        "month": month_of(event.get("date") or event.get("period")),
    }


def quote_row(quote: dict[str, Any], document_id: str, date: str | None) -> dict[str, Any]:
    """One quote record as a flat row, dated by its document."""
    return {
        "id": quote["id"],
        "document_id": document_id,
        **_entity("speaker", quote.get("speaker")),
        **{k: quote.get(k) for k in ("speaker_text", "cue", "content")},
        "direct": bool(quote.get("direct")),
        "start": quote.get("start"),
        "end": quote.get("end"),
        "date": date,
        "record": _json(quote),
        "month": month_of(date),
    }


def actor_row(actor: dict[str, Any], document_id: str, date: str | None) -> dict[str, Any]:
    """One actor of one document (with its mentions there) as a flat row."""
    mentions = actor.get("mentions") or []
    return {
        "id": actor["id"],
        "document_id": document_id,
        **{k: actor.get(k) for k in ("name", "kind", "code", "sector", "office", "affiliation")},
        "mention_count": len(mentions),
        "mentions": _json(mentions),
        "date": date,
        "month": month_of(date),
    }


def comment_row(comment: dict[str, Any], document_id: str, position: int,
                date: str | None) -> dict[str, Any]:  # fmt: skip
    """One reader comment as a flat row, dated by itself or else its document."""
    return {
        "id": comment["id"],
        "document_id": document_id,
        "position": position,
        **{k: comment.get(k) for k in ("parent", "depth", "author", "published", "text")},
        "month": month_of(comment.get("published") or date),
    }


def document_row(record: dict[str, Any]) -> dict[str, Any]:
    """A document (contract shape plus store fields) as a flat row."""
    date = record.get("published") or record.get("reference_date")
    return {
        **{k: record.get(k) for k, _ in SCHEMAS["documents"] if k not in _DOCUMENT_EXTRA},
        "notes": _json(record.get("notes") or []),
        "dates": _json(record.get("dates") or []),
        "comments": len(record.get("comments") or []),
        "month": month_of(date),
    }


_DOCUMENT_EXTRA = {"notes", "dates", "comments", "month"}


def analysis_rows(analysis: Analysis) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of one fresh analysis, as (dataset, row): what a worker writes."""
    doc = analysis.document
    record = asdict(doc) | {
        "content_hash": doc.content_hash,
        "reference_date": analysis.reference_date,
        "notes": analysis.notes,
        "dates": [asdict(d) for d in analysis.dates],
    }
    date = doc.published or analysis.reference_date
    yield "documents", document_row(record)
    for position, comment in enumerate(doc.comments):
        yield "comments", comment_row(asdict(comment), doc.id, position, date)
    for actor in analysis.actors:
        yield "actors", actor_row(asdict(actor), doc.id, date)
    for event in analysis.events:
        yield "events", event_row(asdict(event), doc.id)
    for quote in analysis.quotes:
        yield "quotes", quote_row(asdict(quote), doc.id, date)
