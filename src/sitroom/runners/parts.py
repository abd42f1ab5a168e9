"""Texts longer than the pipeline takes at once, split into parts at paragraph breaks.

spaCy refuses texts over `nlp.max_length` and its parser's memory grows with the text, so a
document longer than `max_chars` is analysed as parts of at most `max_chars` characters each,
cut at a blank line where there is one, else at a line break, a sentence end or a space. Each
part is a document of its own ("ID-part2"), so every offset indexes its own stored text; the
split depends only on the text, so re-running stores the same parts again (and adds nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from sitroom.records import Document

# Where a cut may fall, best first: a paragraph break, a line break, a sentence end, a space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def split_long(document: Document, max_chars: int) -> list[Document]:
    """The document itself when it is short enough, else its parts, in order."""
    if len(document.text) <= max_chars:
        return [document]
    pieces = list(_pieces(document.text, max_chars))
    total = len(pieces)
    parts = []
    for number, text in enumerate(pieces, start=1):
        parts.append(
            replace(
                document,
                id=f"{document.id}-part{number}",
                text=text,
                title=f"{document.title} (part {number} of {total})" if document.title else None,
                comments=document.comments if number == 1 else [],
                origin=f"{document.origin or document.id} (part {number} of {total})",
            )
        )
    return parts


def _pieces(text: str, limit: int) -> Iterator[str]:
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        yield text[start:cut]
        start = cut
    if start < len(text):
        yield text[start:]


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a part that starts at `start` and must end by `end`."""
    window = text[start:end]
    for pattern in _BREAKS:
        found = [m.end() for m in pattern.finditer(window, len(window) // 2)]
        if found:
            return start + found[-1]
    return end  # one unbroken run of characters: cut it where the limit falls
