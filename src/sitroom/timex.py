"""Time: temporal expressions normalized to TIMEX3 values against the publication date.

(Initial version: spaCy DATE/TIME entities, values left unresolved.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.records import TimeExpr


def find_dates(doc: Doc) -> list[TimeExpr]:
    """Every temporal expression of `doc` with its TIMEX3 value relative to the reference date."""
    return [
        TimeExpr(e.text, e.start_char, e.end_char, None, e.label_)
        for e in doc.ents
        if e.label_ in ("DATE", "TIME")
    ]


@Language.component("sitroom_timex", assigns=["doc._.dates"])
def timex_component(doc: Doc) -> Doc:
    doc._.dates = find_dates(doc)
    return doc
