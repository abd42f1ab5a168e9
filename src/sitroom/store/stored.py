"""Stored documents read back as `Document`s, for re-coding them from their stored text."""

from __future__ import annotations

from sitroom.records import Comment, Document
from sitroom.store.sqlite import Store

_COLUMNS = (
    "id",
    "url",
    "title",
    "author",
    "published",
    "source",
    "language",
    "kind",
    "text",
    "origin",
)


def stale_ids(store: Store, everything: bool = False) -> list[str]:
    """Ids of the documents coded by another analysis version than the store's (or all), in
    the order they were stored."""
    if everything:
        rows = store.rows("SELECT id FROM documents ORDER BY ingested_at, id")
    else:
        rows = store.rows(
            "SELECT id FROM documents WHERE analysis_version != ? ORDER BY ingested_at, id",
            (store.analysis_version,),
        )
    return [row["id"] for row in rows]


def load_document(store: Store, document_id: str) -> Document | None:
    """The document as it was stored (text, metadata and comments), or None if it is gone.

    Its `content_hash` equals the stored one, so saving a new analysis of it replaces the
    record instead of adding one.
    """
    found = list(
        store.rows(f"SELECT {', '.join(_COLUMNS)} FROM documents WHERE id = ?", (document_id,))
    )
    if not found:
        return None
    comments = [
        Comment(c["id"], c["parent"], c["depth"], c["author"], c["published"], c["text"])
        for c in store.rows(
            "SELECT id, parent, depth, author, published, text FROM comments"
            " WHERE document_id = ? ORDER BY position",
            (document_id,),
        )
    ]
    return Document(**found[0], comments=comments)
