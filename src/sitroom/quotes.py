"""Quotes: direct and reported speech with cue, content and speaker.

(Initial version: nothing found yet.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.records import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """Every quotation in `doc`, direct and indirect, with its speaker resolved to an actor."""
    return []


@Language.component("sitroom_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
