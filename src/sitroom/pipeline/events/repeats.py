"""One event per happening reported twice in a document: headline and lead, nested speech.

Two events of one document are the same report when they agree on type, actor, recipient,
the negated and hypothetical flags and the day (when both state one), and their sentences
overlap (two triggers of one clause, a reported clause coded inside the sentence reporting
it; not two targets named apart, as "shelled Kharkiv and attacked Kyiv") or one of them is the
headline, which the lead then tells again. The best-supported one
is kept (confidence, then a stated date, then the body over the headline) and the other
sentences go in its `evidence`.
"""

from __future__ import annotations

from sitroom.records import Entity, Event, Evidence

# A headline is a short first line of its own that does not end a sentence.
HEADLINE_CHARS = 200


def headline_end(text: str) -> int:
    """Where the document's headline ends, or 0 when its first line is no headline."""
    end = text.find("\n")
    line = text[:end].strip() if end > 0 else ""
    if not line or len(line) > HEADLINE_CHARS or line[-1] in '.!?"”’':
        return 0
    return end


def merge_repeats(events: list[Event], headline_end: int) -> list[Event]:
    """`events` with each repeated report folded into its best-supported copy, in order."""
    kept: list[Event] = []
    for event in events:
        same = next((k for k in kept if _same_report(k, event, headline_end)), None)
        if same is None:
            kept.append(event)
            continue
        best, other = (
            (event, same) if _support(event, headline_end) > _support(same, headline_end)
            else (same, event)
        )  # fmt: skip
        best.evidence = [*best.evidence, _evidence(other), *other.evidence]
        kept[kept.index(same)] = best
    return kept


def _same_report(a: Event, b: Event, headline_end: int) -> bool:
    if (a.event, a.negated, a.hypothetical) != (b.event, b.negated, b.hypothetical):
        return False
    if _side(a.actor) != _side(b.actor) or _side(a.recipient) != _side(b.recipient):
        return False
    if a.date_source == b.date_source == "sentence" and a.date != b.date:
        return False
    overlap = a.start < b.end and b.start < a.end
    headline = (a.start < headline_end) != (b.start < headline_end)
    if overlap and not headline and _named_apart(a.recipient, b.recipient):
        return False  # "shelled Kharkiv and attacked Kyiv": two targets of one country
    return overlap or headline


def _named_apart(a: Entity | None, b: Entity | None) -> bool:
    """Two recipients of one actor written as different names, neither part of the other."""
    if a is None or b is None or not a.entity_text or not b.entity_text:
        return False
    x, y = a.entity_text.lower(), b.entity_text.lower()
    return x not in y and y not in x


def _side(entity: Entity | None) -> str | None:
    if entity is None:
        return None
    return entity.id or " ".join(entity.name.lower().split())


def _support(event: Event, headline_end: int) -> tuple[float, bool, bool]:
    return (event.confidence, event.date_source == "sentence", event.start >= headline_end)


def _evidence(event: Event) -> Evidence:
    return Evidence(event.text, event.start, event.end)
