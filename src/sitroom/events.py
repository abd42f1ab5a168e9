"""Events: sentence-level PLOVER coding with actor, recipient, date, place and evidence.

(Initial version: nothing coded yet.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.records import Event


def find_events(doc: Doc) -> list[Event]:
    """Every PLOVER event reported in `doc`, one or more per sentence."""
    return []


@Language.component("sitroom_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = find_events(doc)
    return doc
