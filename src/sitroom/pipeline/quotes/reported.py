"""Reported speech: the clausal complement of a speech verb, "according to", and a headline's
speaker before a colon ("Merkel: Europe must act now")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.pipeline.quotes.cues import speaker_of
from sitroom.pipeline.quotes.marks import CLOSE_DOUBLE, CLOSE_GUILLEMET, OPEN_DOUBLE, OPEN_GUILLEMET
from sitroom.pipeline.quotes.speakers import (
    SUBJECT_DEPS,
    Attribution,
    Speaker,
    is_speech,
    make_quote,
    speaker_for,
)
from sitroom.records import Actor


def _complement(verb: Token) -> Token | None:
    """The clause `verb` reports: its clausal complement, preferring one after the verb.

    A clause before the verb counts only when joined to it ("X will come, he said"); one cut
    off by a semicolon or colon is a sentence of its own the parser attached
    ("Manila condemned it; Beijing said …").
    """
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > verb.i]
    if after:
        return after[0]
    for clause in reversed(clauses):
        between = verb.doc[clause.right_edge.i + 1 : verb.i]
        if not any(t.text in (";", ":") for t in between):
            return clause
    return None


def _straddles(clause: Token, verb: Token) -> bool:
    """Whether the clause reaches back over its reporting verb: a relative clause extracted
    from the complement ("sites that it said were used …", "a law that critics say copies …")
    leaves a fragment without its subject, which is not a quote."""
    return clause.left_edge.i < verb.i < clause.right_edge.i


def _clause_span(doc: Doc, clause: Token) -> tuple[int, int]:
    """Char span of a clause's subtree without surrounding punctuation."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    # Keep the closing mark of a quotation the clause ends with ("would come “within hours”").
    last = clause.right_edge.i + 1
    if end < last and doc[end].text in (CLOSE_DOUBLE, CLOSE_GUILLEMET, '"'):
        inner = doc[start:end].text
        curly = inner.count(OPEN_DOUBLE) + inner.count(OPEN_GUILLEMET)
        closed = inner.count(CLOSE_DOUBLE) + inner.count(CLOSE_GUILLEMET)
        if curly > closed or inner.count('"') % 2:
            end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def reported_speech(doc: Doc, taken: list[tuple[int, int]]) -> list[Attribution]:
    """Reported speech: clausal complements of speech verbs, "according to" clauses and
    headline speakers."""
    found = _colon_speakers(doc, taken)
    for token in doc:
        if is_speech(token, framing=False):
            clause = _complement(token)
            if clause is not None and _straddles(clause, token):
                continue
            sent = token.sent
            spans = [_clause_span(doc, clause)] if clause is not None else _around(doc, token)
            for span in spans:
                if any(_overlap(span, t) * 2 >= span[1] - span[0] for t in taken):
                    continue
                who = speaker_of(doc, token, sent.start, sent.end)
                found.append(make_quote(doc, *span, False, token.text, who))
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            found.extend(_according(doc, token, taken))
    return found


# How many words a headline's speaker may take before the colon ("Senator Jane Doe:").
COLON_SPEAKER_WORDS = 5


def _colon_speakers(doc: Doc, taken: list[tuple[int, int]]) -> list[Attribution]:
    """A sentence that opens with a speaker's name and a colon gives their words, as headlines
    and social posts do ("Cuban: Trump has gone crazy"); quotation marks after the colon make
    a direct quote, found elsewhere."""
    found = []
    for sent in doc.sents:
        colon = next((t for t in sent[: COLON_SPEAKER_WORDS + 1] if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        speaker = speaker_for(doc, doc[colon.i - 1])
        if speaker is None or not _speaks_for_itself(speaker.actor):
            continue
        named = doc[sent.start : colon.i]
        if not any((m.start, m.end) == (named.start_char, named.end_char)
                   for m in speaker.actor.mentions):  # fmt: skip
            continue  # the words before the colon are the speaker's name and nothing else
        speaker = Speaker(named.text, named.start_char, named.end_char, speaker.actor, False)
        if colon.i + 1 >= len(doc) or "\n" in colon.whitespace_:
            continue
        # the parser often ends a sentence at the colon: the words are the next one
        span = _words_span(doc, colon.i + 1, doc[colon.i + 1].sent.end)
        if span is None or any(_overlap(span, t) for t in taken):
            continue
        found.append(make_quote(doc, *span, False, ":", speaker))
    return found


def _speaks_for_itself(actor: Actor | None) -> bool:
    """A person, or an organisation the knowledge base codes: a country or place before a
    colon is a dateline, and a title-case heading the tagger took for a name is no one."""
    if actor is None:
        return False
    return actor.kind == "person" or (actor.kind == "organization" and actor.code is not None)


def _words_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Char span of tokens [start, end) without punctuation at either end; None if < 3 words."""
    words = [t for t in doc[start:end] if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return None
    while doc[start].is_punct or doc[start].is_space:
        start += 1
    while doc[end - 1].is_punct or doc[end - 1].is_space:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _around(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """Reported speech around a parenthetical attribution: "The museum, Mr. Obama said, would
    …" and "Lenox was a juggernaut, Mr. Clarke said." give the words on either side."""
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or verb.dep_ not in ("ROOT", "parataxis") or verb.lemma_ == "ask":
        return []
    start = subject.left_edge.i
    end = verb.i + 1
    while end < len(doc) and doc[end].dep_ in ("npadvmod", "advmod", "prep", "pobj", "det"):
        end = max(end + 1, doc[end].right_edge.i + 1)
    sent = verb.sent
    before_ok = start > sent.start and doc[start - 1].text in (",", "—", "--")
    after_ok = end >= sent.end or doc[end].text in (",", ".", "—", "--", "!", "?")
    if not (before_ok and after_ok):
        return []
    parts = [_words_span(doc, sent.start, start - 1)]
    if end < sent.end and doc[end].text == ",":
        parts.append(_words_span(doc, end + 1, sent.end))
    return [p for p in parts if p is not None]


def _according(doc: Doc, token: Token, taken: list[tuple[int, int]]) -> list[Attribution]:
    """ "According to X, …": the rest of the sentence is what X said."""
    source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
    sent = token.sent
    phrase_end = (source.right_edge.i + 1) if source is not None else token.i + 2
    before = [t for t in doc[sent.start : token.i] if not t.is_punct and not t.is_space]
    after = [t for t in doc[phrase_end : sent.end] if not t.is_punct and not t.is_space]
    # "According to X, …" reports what follows; "…, according to X." what precedes.
    words = after if len(after) >= len(before) else before
    if len(words) < 3:
        return []
    # A speech verb heading the rest ("According to X, Rutte said …") carries its own quote.
    if any(is_speech(t, framing=False) and t.dep_ == "ROOT" for t in words):
        return []
    span = (words[0].idx, words[-1].idx + len(words[-1]))
    if any(_overlap(span, t) * 2 >= span[1] - span[0] for t in taken):
        return []
    who = speaker_for(doc, source)
    return [make_quote(doc, *span, False, doc[token.i : token.i + 2].text, who)]
