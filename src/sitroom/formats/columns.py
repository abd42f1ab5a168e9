"""The columns each kind of record shows in a table or a CSV file, shared by every front end."""

from __future__ import annotations

from sitroom.formats.writers import Column, entity, field


def _fields(*names: str) -> list[Column]:
    return [(name, field(name)) for name in names]


EVENT_COLUMNS: list[Column] = [
    ("date", lambda r: r.get("date") or r.get("period")),  # "2023-07" for "in July"
    ("event", field("event")),
    ("mode", field("mode")),
    ("actor", entity("actor", "co_actors")),
    ("recipient", entity("recipient", "co_recipients")),
    ("location", lambda r: (r.get("location") or {}).get("name")),
    ("flags", lambda r: ",".join(k for k in ("negated", "hypothetical", "future") if r.get(k))),
    ("event_text", field("event_text")),
    ("text", field("text")),
    ("id", field("id")),
    ("document", field("document_id")),
]

QUOTE_COLUMNS: list[Column] = [
    ("date", field("date")),
    ("speaker", lambda r: entity("speaker")(r) or r.get("speaker_text")),
    ("direct", field("direct")),
    ("cue", field("cue")),
    ("content", field("content")),
    ("id", field("id")),
    ("document", field("document_id")),
]

ACTOR_COLUMNS = _fields(
    "name", "kind", "code", "sector", "office", "affiliation", "mentions", "documents", "id"
)
DOCUMENT_COLUMNS = _fields("id", "date", "source", "title", "url", "comments", "events", "quotes")
SEARCH_COLUMNS = _fields("id", "published", "title", "snippet")
TIMELINE_COLUMNS = _fields("period", "event", "count")
COUNTRY_COLUMNS = _fields("code", "count")
NETWORK_COLUMNS = _fields(
    "actor", "actor_code", "recipient", "recipient_code", "count", "types", "actor_id",
    "recipient_id",
)  # fmt: skip
