"""Posts: the words of a social-media post embedded in a page, signed by its author.

An embedded post keeps its signature when a page is turned into text: "The media makes
everything up! — Donald J. Trump (@realDonaldTrump) June 29, 2016". Those words are the
author's own, a direct quote with no verb of saying: its span runs from the start of the
post's paragraph (or the end of a markup tag left in the text) to the dash, and its speaker is
the name before the handle, resolved through the actor layer like any other speaker. The day
in the signature is when the post was written: what its words tell is dated by it
(`post_day`), not by the page's publication.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from sitroom.pipeline.doc import doc_text
from sitroom.pipeline.quotes.speakers import Attribution, make_quote, speaker_for
from sitroom.pipeline.timex.periods import EXACT_DAY

# "— Name (@handle) Month D, YYYY": the signature an embedded post carries.
SIGNATURE = re.compile(
    r"[—―–-]{1,2}[ \u00a0]*(?P<name>[A-Z][\w.'’ -]{1,60}?)[ \u00a0]*\(@\w{1,30}\)"
    r"[ \u00a0]*(?P<day>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})"
)
# A markup tag left in a page's text, as embedded posts keep them.
TAG = re.compile(r"<[A-Za-z][^<>\n]{0,300}>")
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


def post_day(doc: Doc, offset: int) -> Any | None:
    """The day the post holding `offset` was written, as a time expression: the day of the
    signature that closes it, else the dated markup tag that opens it ("<tweet
    date="March 12, 2016">"), within the paragraph."""
    text = doc_text(doc)
    start, end = text.rfind("\n", 0, offset) + 1, text.find("\n", offset)
    signed = SIGNATURE.search(text, offset, end if end >= 0 else len(text))
    if signed is not None:
        return _day_within(doc, signed.start("day"), signed.end("day"))
    tags = list(TAG.finditer(text, start, offset))
    return _day_within(doc, tags[-1].start(), tags[-1].end()) if tags else None


def _day_within(doc: Doc, start: int, end: int) -> Any | None:
    """The first time expression of one day that starts within [start, end)."""
    within = (d for d in doc._.dates or [] if start <= d.start < end)
    return next((d for d in within if EXACT_DAY.match(d.value or "")), None)
