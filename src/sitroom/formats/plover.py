"""PLOVER JSON: an event record in the codebook's data fields, for `--format plover` and any
front end that exports PLOVER."""

from __future__ import annotations

from typing import Any

from sitroom.ontology import plover
from sitroom.records import Document, Entity, Event


def _plover_entity(entity: Entity | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    record = {
        "code": entity.code,
        "sector": entity.sector,
        "entity_text": entity.entity_text,
        "identifier_id": entity.id,
        "identifier_text": entity.name,
        "office": entity.office,
    }
    return {k: v for k, v in record.items() if v is not None}


def to_plover(event: Event, document: Document) -> dict[str, Any]:
    """The event as a PLOVER JSON record (the codebook's data fields).

    Lists are used where the codebook allows several values (actor, recipient, event, mode,
    context); auxiliary modes go in `context` as the codebook suggests, and also as booleans.
    """
    actors_ = [e for e in (event.actor, *event.co_actors) if e is not None]
    recipients = [e for e in (event.recipient, *event.co_recipients) if e is not None]
    aux = [name for name, on in (("negation", event.negated), ("hypothetical",
           event.hypothetical), ("future", event.future)) if on]  # fmt: skip
    location = None
    if event.location is not None:
        location = {
            "extracted_place": event.location.name,
            "country_code": event.location.country,
        }
    return {
        "id": event.id,
        "has_event": True,
        "date": event.date,
        "actor": [_plover_entity(e) for e in actors_],
        "recipient": [_plover_entity(e) for e in recipients],
        "event": [event.event],
        "event_loc": location,
        "event_text": [event.event_text],
        "quad_code": plover.QUAD.get(event.event),
        "event_scale": plover.SCALE.get(event.event),
        "mode": [event.mode] if event.mode else [],
        "context": ([event.context] if event.context else []) + aux,
        "text": event.text,
        "text_info": {"start": event.start, "end": event.end},
        "cite_info": {
            "url": document.url,
            "title": document.title,
            "language": document.language,
            "publication": document.source,
            "coder": "sitroom",
            "codebook": "plover",
        },
        "coder": "sitroom",
        "comment": f"confidence {event.confidence}",
    }
