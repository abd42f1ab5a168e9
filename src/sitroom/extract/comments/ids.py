"""Stable comment ids from the document id and the local keys the finders give."""

from __future__ import annotations

from sitroom.records import Comment, stable_id


def assign_ids(comments: list[Comment], doc_id: str) -> list[Comment]:
    """Give comments stable ids from the document id and their local keys (element ids or
    positions), rewriting parents to match.

    Local keys can repeat (two sections with the same element id on one page); a repeated key
    gets a "~n" suffix so ids stay unique within the document, and a parent key points to the
    latest comment before it with that key (parents precede their replies in page order).
    """
    keys = {c.id for c in comments}
    used: set[str] = set()
    latest: dict[str, str] = {}
    assigned = []
    for comment in comments:
        parent = None
        if comment.parent in latest:
            parent = latest[comment.parent]
        elif comment.parent in keys:
            parent = stable_id("c", doc_id, comment.parent)  # a parent listed after its reply
        key = comment.id
        number = 1
        while key in used:
            number += 1
            key = f"{comment.id}~{number}"
        used.add(key)
        new_id = stable_id("c", doc_id, key)
        latest[comment.id] = new_id
        assigned.append(
            Comment(
                id=new_id,
                parent=parent,
                depth=comment.depth,
                author=comment.author,
                published=comment.published,
                text=comment.text,
            )
        )
    return assigned
