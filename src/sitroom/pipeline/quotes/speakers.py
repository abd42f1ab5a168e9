"""Speakers: the subject of a speech verb, resolved through the actor layer, and the quote
record made with one."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.lang.en import words
from sitroom.pipeline import actors
from sitroom.pipeline.doc import doc_text
from sitroom.records import Actor, Quote, stable_id

# Verbs that report speech, verbs that only frame quotations, and the framing verbs that attribute
# only the quote they follow: one list for every layer, in lang/en/speech_verbs.tsv.
SPEECH_VERBS = words.SPEECH_VERBS
FRAMING_VERBS = words.FRAMING_VERBS
FRAMING_AFTER_ONLY = words.FRAMING_AFTER_ONLY
SUBJECT_DEPS = words.NOMINAL_SUBJECTS
# Dependencies through which a verb without a subject of its own borrows its head's subject
# ("stating that …" -> the subject of the clause it modifies).
CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep", "ccomp", "relcl")
# Words that make up a speaker's noun phrase besides its head.
NP_DEPS = ("compound", "amod", "det", "poss", "nummod", "nmod", "flat", "case", "punct", "npadvmod")
PRONOUNS = words.SUBJECT_PRONOUNS


@dataclass
class Attribution:
    """A quote with the token span of its speaker (for evaluation and debugging)."""

    quote: Quote
    speaker_start: int | None = None  # char span of the speaker words
    speaker_end: int | None = None


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def is_speech(token: Token, framing: bool = True) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    lemma = lemma_of(token)
    return lemma in SPEECH_VERBS or (framing and lemma in FRAMING_VERBS)


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, borrowed from the verb it depends on when it has none."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ not in ("SCONJ",):
                return child
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "footage of Clinton asking, “…”"
        for child in token.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            break
        token = token.head
    return None


def _noun_phrase(head: Token) -> tuple[int, int]:
    """Token span (start, end) of the compact noun phrase around `head` (no clauses)."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in NP_DEPS and child.dep_ != "punct":
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "appos" and child.pos_ == "PROPN"):
            end = max(end, child.right_edge.i)
    return start, end + 1


def nearest_nominal(doc: Doc, verb: Token, lo: int, hi: int) -> Token | None:
    """Fallback speaker when the parse gives none: the closest noun or pronoun to the verb."""
    best: Token | None = None
    for token in doc[lo:hi]:
        if token.pos_ in ("PROPN", "PRON", "NOUN") and token.i != verb.i:
            if best is None or abs(token.i - verb.i) < abs(best.i - verb.i):
                best = token
    if best is not None and best.pos_ == "PROPN":
        # Prefer the last word of a multi-word name (its head).
        while best.i + 1 < hi and doc[best.i + 1].pos_ == "PROPN":
            best = doc[best.i + 1]
    return best


def _actor_for(doc: Doc, start: int, end: int, head: Token) -> Actor | None:
    """The actor behind a speaker phrase: a named mention, else what the reference points to."""
    actor = actors.actor_at(doc, head.i)
    for i in range(start, end):
        if actor is None:
            actor = actors.actor_at(doc, i)
    if actor is None:
        actor = actors.resolve_reference(doc, head.i)
    if actor is None and head.pos_ == "PROPN":
        actor = _named_before(doc, head)
    return actor


def _named_before(doc: Doc, head: Token) -> Actor | None:
    """A person named in full earlier whose name ends with `head` ("Misri" after "Vikram
    Misri"), for a surname the actor layer left unlinked."""
    best: tuple[int, Actor] | None = None
    for actor in doc._.actors or []:
        if actor.kind != "person" or actor.name.split()[-1:] != [head.text]:
            continue
        for mention in actor.mentions:
            if mention.end <= head.idx and (best is None or mention.end > best[0]):
                best = (mention.end, actor)
    return best[1] if best else None


@dataclass
class Speaker:
    text: str
    start: int  # char offsets
    end: int
    actor: Actor | None
    pronoun: bool


def speaker_for(doc: Doc, head: Token | None) -> Speaker | None:
    if head is None:
        return None
    start, end = _noun_phrase(head)
    span = doc[start:end]
    return Speaker(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        actor=_actor_for(doc, start, end, head),
        pronoun=head.pos_ == "PRON" or head.lower_ in PRONOUNS,
    )


def make_quote(
    doc: Doc, start: int, end: int, direct: bool, cue: str | None, who: Speaker | None
) -> Attribution:
    quote = Quote(
        id=stable_id("q", doc._.doc_id, start, end),
        speaker=who.actor.entity(who.text) if who and who.actor else None,
        speaker_text=who.text if who else None,
        cue=cue,
        content=doc_text(doc)[start:end],
        direct=direct,
        start=start,
        end=end,
    )
    return Attribution(quote, who.start if who else None, who.end if who else None)
