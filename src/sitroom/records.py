"""Typed records of the sitroom contract.

Every stage returns these small dataclasses; `to_dict` gives the JSON shape documented in the
README ("Record contract"). Offsets (`start`, `end`) are character offsets into `Document.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# What kind of page a document is (`extract.kind`): only news is event-coded.
PAGE_KINDS = ("news", "recipe", "manual", "product", "listing")
CONTRACT_VERSION = "1.3"
# The confidence below which an event is kept in the store but left out of the default dataset
# (chosen on the judged development sentences; see `in_default_dataset`).
DEFAULT_MIN_CONFIDENCE = 0.5
# Flags that keep an event out of the default dataset: what did not, may not or will happen, and
# what the article recalls rather than reports.
EVENT_FLAGS = ("negated", "hypothetical", "future", "historical")


def stable_id(prefix: str, *parts: object) -> str:
    """Return a short id that depends only on `parts` (same input, same id, on every machine)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


@dataclass
class Comment:
    """One reader comment, placed in its thread by `parent` and `depth` (0 = top level)."""

    id: str
    parent: str | None
    depth: int
    author: str | None
    published: str | None
    text: str


@dataclass
class Document:
    """An article body with its metadata; reader comments are kept apart in `comments`."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    source: str | None = None
    language: str | None = "en"  # ISO 639-1, detected from the text; None: unknown
    kind: str | None = "news"  # news | recipe | manual | product | listing (extract.kind)
    comments: list[Comment] = field(default_factory=list)
    origin: str | None = None  # the input this document was read from (file, URL, "-")

    @property
    def content_hash(self) -> str:
        """Hash of everything stored for the document: a changed page changes it."""
        return stable_id(
            "h",
            self.text,
            self.url,
            self.title,
            self.author,
            self.published,
            self.source,
            [(c.id, c.parent, c.author, c.published, c.text) for c in self.comments],
        )


@dataclass
class Mention:
    """One place in the text where an actor is named or referred to."""

    text: str
    start: int
    end: int


@dataclass
class Actor:
    """A resolved actor of one document, with every mention of it.

    `code` is an ISO 3166-1 alpha-3 code, or "IGO" for international organisations (whose
    acronym then goes in `affiliation` for people who act for them, or in `name` for the
    organisation itself). `sector` is a PLOVER sector code (GOV, MIL, ...). The `id` is stable
    across documents for the same resolved entity.
    """

    id: str
    name: str
    kind: str  # person | organization | country | group
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    affiliation: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def entity(self, entity_text: str) -> Entity:
        """The compact reference to this actor used by events and quotes."""
        return Entity(
            id=self.id,
            name=self.name,
            entity_text=entity_text,
            code=self.code,
            sector=self.sector,
            office=self.office,
            affiliation=self.affiliation,
        )


@dataclass
class Entity:
    """An actor as it appears in an event or quote: who, and the words that named them."""

    id: str | None
    name: str
    entity_text: str
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    affiliation: str | None = None


@dataclass
class TimeExpr:
    """A temporal expression with its TIMEX3 value (None when it cannot be anchored)."""

    text: str
    start: int
    end: int
    value: str | None
    type: str  # DATE | TIME | DURATION | SET


@dataclass
class Evidence:
    """A further passage of the document reporting the same event or quote: its sentence (an
    event's) or quoted content (a quote's), as a span of `Document.text`."""

    text: str
    start: int
    end: int


@dataclass
class Quote:
    """Something somebody said: direct (in quotation marks) or reported."""

    id: str
    speaker: Entity | None
    speaker_text: str | None
    cue: str | None
    content: str
    direct: bool
    start: int  # span of the content
    end: int
    # The same words found again in the document (nested reported speech): kept, not repeated.
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Location:
    """Where an event happened: a place name and the country it is in."""

    name: str
    country: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class Event:
    """One PLOVER event coded from one sentence, with the evidence that justifies it."""

    id: str
    event: str  # PLOVER event type, e.g. CONSULT
    mode: str | None
    context: str | None
    date: str | None  # YYYY-MM-DD or None
    date_text: str | None
    date_source: str | None  # "sentence" | "published" | None
    actor: Entity | None
    recipient: Entity | None
    event_text: str  # the trigger span
    text: str  # the sentence
    start: int  # sentence span in Document.text
    end: int
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False  # recalled as background ("since the 2014 annexation"), not news
    # the calendar period it falls in, at the precision the text gives: 2023-07-14, 2023-W28,
    # 2023-07, 2023-Q3, 2023 ("in July", "in recent days", "over the past three months")
    period: str | None = None
    confidence: float = 0.5
    # PLOVER compound actors: further members of the acting / receiving side
    # ("Starmer and Macron met Rutte" -> actor Starmer, co_actors [Macron]).
    co_actors: list[Entity] = field(default_factory=list)
    co_recipients: list[Entity] = field(default_factory=list)
    # Further sentences reporting the same event (headline and lead, nested speech).
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything sitroom knows about one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "reference date inferred from dateline"
    reference_date: str | None = None  # what relative dates were anchored to (ISO date)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record printed by `sitroom extract`."""
        doc = asdict(self.document)
        comments = doc.pop("comments")
        doc.pop("origin")
        return {
            "contract": CONTRACT_VERSION,
            "document": doc,
            "comments": comments,
            "actors": [asdict(a) for a in self.actors],
            "events": [asdict(e) for e in self.events],
            "quotes": [asdict(q) for q in self.quotes],
            "dates": [asdict(d) for d in self.dates],
            "notes": list(self.notes),
            "reference_date": self.reference_date,
        }


def is_political(entity: dict[str, Any] | None) -> bool:
    """Whether an entity record is a resolved political actor: a country or organisation code,
    a sector, or an office (a bare noun phrase, "a virus", "the goalkeeper", is none)."""
    return bool(entity and (entity.get("code") or entity.get("sector") or entity.get("office")))


def has_political_side(event: dict[str, Any]) -> bool:
    """Whether an event record has a resolved political actor or recipient (members included)."""
    sides = [event.get("actor"), event.get("recipient")]
    sides += [*(event.get("co_actors") or []), *(event.get("co_recipients") or [])]
    return any(is_political(side) for side in sides)


def in_default_dataset(
    event: dict[str, Any], min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> bool:
    """Whether an event record belongs to the default dataset a careful coder would sign.

    It needs a resolved political actor or recipient, no flag of `EVENT_FLAGS`, and at least
    `min_confidence`. Everything else stays stored, flagged, and is shown on request.
    """
    if any(event.get(flag) for flag in EVENT_FLAGS):
        return False
    confidence = event.get("confidence")  # records merged across reports carry none
    if confidence is not None and confidence < min_confidence:
        return False
    return has_political_side(event)


def event_from_dict(record: dict[str, Any]) -> Event:
    """Rebuild an Event from its JSON record (extra keys, such as document columns, are ignored)."""
    names = {f.name for f in fields(Event)}
    values = {k: v for k, v in record.items() if k in names}
    for key in ("actor", "recipient"):
        values[key] = Entity(**values[key]) if values.get(key) else None
    for key in ("co_actors", "co_recipients"):
        values[key] = [Entity(**e) for e in values.get(key) or []]
    if values.get("location"):
        values["location"] = Location(**values["location"])
    values["evidence"] = [Evidence(**e) for e in values.get("evidence") or []]
    return Event(**values)


def quote_from_dict(record: dict[str, Any]) -> Quote:
    """Rebuild a Quote from its JSON record (extra keys are ignored)."""
    names = {f.name for f in fields(Quote)}
    values = {k: v for k, v in record.items() if k in names}
    values["speaker"] = Entity(**values["speaker"]) if values.get("speaker") else None
    values["evidence"] = [Evidence(**e) for e in values.get("evidence") or []]
    return Quote(**values)


@dataclass
class Failure:
    """An input (or one document inside it) that could not be read, and why, in one line."""

    origin: str
    reason: str
    permanent: bool = False  # trying again cannot help (the page is gone, the URL refused)

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class InputError(Exception):
    """Raised by readers and extractors for bad input; the message is shown to the user as is."""
