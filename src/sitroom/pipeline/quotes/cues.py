"""Cues of direct quotes: the speech verb after, before or around a quotation, a colon, a
signature after a dash, and whether words in marks are a quote at all."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sitroom.pipeline.quotes.marks import Marked
from sitroom.pipeline.quotes.speakers import (
    FRAMING_AFTER_ONLY,
    SUBJECT_DEPS,
    Speaker,
    is_speech,
    lemma_of,
    nearest_nominal,
    speaker_for,
    subject_of,
)

# A quote needs this many words to count without a speech verb nearby: shorter spans in marks
# are mostly scare quotes and titles (checked on the PolNeAR dev split).
MIN_STANDALONE_WORDS = 4
# How far (in tokens) after a closing mark the attribution may reach: far enough for
# "…,” Leonard Burman, director of a tax policy centre at a university, said" (PolNeAR dev).
AFTER_WINDOW = 40


def after_quote(doc: Doc, marked: Marked) -> int | None:
    """Index of the first token after the closing mark."""
    if marked.close_at is None:
        return None
    end = marked.close_at + marked.close_width
    span = doc.char_span(marked.close_at, end, alignment_mode="expand")
    return span.end if span is not None else None


def cue_after(doc: Doc, marked: Marked, quoted: set[int]) -> Token | None:
    """A speech verb after the closing mark in the same sentence ("…,” Rutte said",
    "…,” said Rutte", "…,” Leonard Burman, director of …, said")."""
    first = after_quote(doc, marked)
    if first is None:
        return None
    limit = min(len(doc), first + AFTER_WINDOW)
    for i in range(first, limit):
        token = doc[i]
        if i in quoted or token.text in ".!?;" or "\n" in token.text:
            return None
        if is_speech(token):
            return token
    return None


def sentence_start(doc: Doc, token: Token, quoted: set[int]) -> int:
    """Index of the first token of `token`'s sentence, not reaching back past another quote."""
    i = token.i - 1
    while i >= 0:
        prev = doc[i]
        if prev.text in (".", "!", "?") or "\n" in prev.text or i in quoted:
            break
        i -= 1
    return i + 1


def _opening_token(doc: Doc, marked: Marked) -> Token | None:
    span = doc.char_span(marked.open_at, marked.open_at + 1, alignment_mode="expand")
    return doc[span.start] if span is not None and span.start > 0 else None


def cue_before(doc: Doc, marked: Marked, quoted: set[int]) -> Token | None:
    """The nearest speech verb before the opening mark in the same sentence."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    first = sentence_start(doc, mark, quoted)
    for i in range(mark.i - 1, first - 1, -1):
        if is_speech(doc[i]) and lemma_of(doc[i]) not in FRAMING_AFTER_ONLY:
            return doc[i]
    return None


def cue_colon(doc: Doc, marked: Marked, quoted: set[int]) -> Token | None:
    """A quote introduced by a colon ("Caddell continued:", "She scolded him: “…”"): the
    speech verb of the introducing sentence, else its main verb."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    i = mark.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    colon = doc[i]
    first = sentence_start(doc, colon, quoted)
    verbs = [t for t in doc[first : colon.i] if t.pos_ in ("VERB", "AUX") and t.i not in quoted]
    speech = [t for t in verbs if is_speech(t)]
    if speech:
        return speech[-1]
    with_subject = [t for t in verbs if any(c.dep_ in SUBJECT_DEPS for c in t.children)]
    return with_subject[0] if with_subject else None


def cue_previous(doc: Doc, marked: Marked, quoted: set[int]) -> Token | None:
    """For a quote opening a sentence: a speech verb of the sentence just before it, when that
    sentence is an attribution ("…, Rep. Mica said. “If you continue …”")."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    i = mark.i - 1
    while i >= 0 and (doc[i].is_space or i in quoted or doc[i].is_quote):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return None  # a new paragraph: the continuation rule decides
        i -= 1
    if i < 0 or doc[i].text not in (".", ":"):
        return None
    first = sentence_start(doc, doc[i], quoted)
    verbs = [t for t in doc[first:i] if t.i not in quoted and is_speech(t, framing=False)]
    subject = subject_of(verbs[-1]) if verbs else None
    return verbs[-1] if subject is not None and subject.i not in quoted else None


_DASHES = "―—–"


def signature(doc: Doc, marked: Marked) -> Speaker | None:
    """A name signing the quote after a dash (“…” ― Jane Doe), as in lists of reactions."""
    first = after_quote(doc, marked)
    if first is None:
        return None
    i = first
    while i < len(doc) and (doc[i].is_space or doc[i].text in _DASHES) and "\n" not in doc[i].text:
        i += 1
    dashed = any(t.text in _DASHES or t.text.strip() in _DASHES for t in doc[first:i])
    if not dashed or i >= len(doc) or doc[i].pos_ != "PROPN":
        return None
    end = i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and "\n" not in doc[end].whitespace_:
        end += 1
    return speaker_for(doc, doc[end])


def speaker_of(
    doc: Doc, cue: Token, lo: int, hi: int, outside: tuple[int, int] | None = None
) -> Speaker | None:
    """The speaker of `cue`: its subject, else the nearest noun in tokens [lo, hi).

    A subject inside the quote itself (`outside`, a token span) is a parsing accident and is
    not taken.
    """
    head = subject_of(cue)
    if head is not None and head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
        # "MIT, which said …": the speaker is what "which" stands for; its span runs from
        # there to the pronoun, so both readings of the attribution are covered.
        who = speaker_for(doc, head.head.head)
        if who is not None and who.start < head.idx:
            who.end = head.idx + len(head)
        return who
    inside = head is not None and outside is not None and outside[0] <= head.i < outside[1]
    if head is None or head.pos_ in ("PUNCT", "SCONJ") or inside:
        head = nearest_nominal(doc, cue, lo, hi)
    return speaker_for(doc, head)


def title_like(span: Span) -> bool:
    """A name in marks: every content word capitalised and no verb."""
    words = [t for t in span if t.is_alpha]
    if not words:
        return True
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return all(t.is_title or t.is_stop for t in words) and words[0].is_title


def sentence_like(span: Span, words: int) -> bool:
    """A quote standing alone must read like speech: long enough and with a verb."""
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return words >= MIN_STANDALONE_WORDS and has_verb and not title_like(span)
