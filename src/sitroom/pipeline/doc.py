"""Doc extensions (the contract between sitroom's components) and helpers every component
shares. A leaf module: it imports nothing else of the pipeline.

Doc extensions:
    doc._.doc_id          str
    doc._.published       datetime.date | None   publication date given with the document
    doc._.reference_date  datetime.date | None   date relative expressions are anchored to
    doc._.dateline        tuple[int, int] | None char span of the article's dateline, if any
    doc._.notes           list[str]              remarks for the user (e.g. an inferred date)
    doc._.actors          list[Actor]
    doc._.token_actor     dict[int, str]         token index -> actor id, for every mention
    doc._.dates           list[TimeExpr]
    doc._.quotes          list[Quote]
    doc._.events          list[Event]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc

_EXTENSIONS: dict[str, Any] = {
    "doc_id": None,
    "published": None,
    "reference_date": None,
    "dateline": None,
    "notes": None,
    "actors": None,
    "token_actor": None,
    "dates": None,
    "quotes": None,
    "events": None,
}
for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """Read the date part of an ISO 8601 date or datetime; None when absent or unreadable."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token anew on each access)."""
    text = doc.user_data.get("sitroom.text")
    if text is None:
        text = doc.user_data["sitroom.text"] = doc.text
    return text
