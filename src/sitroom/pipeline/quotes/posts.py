"""Posts: the words of a social-media post embedded in a page, signed by its author.

An embedded post keeps its signature when a page is turned into text: "The media makes
everything up! — Donald J. Trump (@realDonaldTrump) June 29, 2016". Those words are the
author's own, a direct quote with no verb of saying: its span runs from the start of the
post's paragraph (or the end of a markup tag left in the text) to the dash, and its speaker is
the name before the handle, resolved through the actor layer like any other speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sitroom.pipeline.doc import doc_text
from sitroom.pipeline.quotes.speakers import Attribution, make_quote, speaker_for

# "— Name (@handle) Month D, YYYY": the signature an embedded post carries.
SIGNATURE = re.compile(
    r"[—―–-]{1,2}[ \u00a0]*(?P<name>[A-Z][\w.'’ -]{1,60}?)[ \u00a0]*\(@\w{1,30}\)"
    r"[ \u00a0]*(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})"
)
# What may open the post's words before the signature: a paragraph break or a markup tag.
OPENING = re.compile(r"\n|>")


def _opening(text: str, signed_at: int) -> int:
    """Where the post's words begin: after the last break or tag before its signature."""
    last = max((m.end() for m in OPENING.finditer(text, 0, signed_at)), default=0)
    while last < signed_at and text[last].isspace():
        last += 1
    return last


def signed_posts(doc: Doc, taken: list[tuple[int, int]]) -> list[Attribution]:
    """The posts of `doc` with their authors, except where a quote in `taken` overlaps."""
    text = doc_text(doc)
    found = []
    for signed in SIGNATURE.finditer(text):
        start, end = _opening(text, signed.start()), signed.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        if sum(ch.isalpha() for ch in text[start:end]) < 2:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        name = doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
        who = speaker_for(doc, name[-1]) if name is not None and len(name) else None
        if who is not None and name is not None:  # the name alone, not the handle after it
            who.text, who.start, who.end = name.text, name.start_char, name.end_char
        found.append(make_quote(doc, start, end, True, None, who))
    return found
