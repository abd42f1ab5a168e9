"""Conditions: an act made to hang on what another side does is a demand on that side.

"Iran would resume talks only if Washington lifted the sanctions" and "Hamas will not release
the hostages unless Israel halts its offensive" report no request verb, yet a coder codes a
REQUEST by Iran (Hamas) of Washington (Israel): the condition names what is asked and of whom.
The construction is a clause of condition with a subject of its own, governed by the main
verb, and either

* "if" with "only" on the condition or on the main verb ("would only do the debate if CNN
  donated …", "only if Washington lifted …"), or
* "unless" under a negated main verb ("will not release … unless Israel halts …"), or
* "on (the) condition that" ("offered to appear on the condition that Fox News contribute …").

Both sides must be political actors (`remarks.political`) and different. The event's trigger
is the condition's conjunction through its verb, its dating comes from the verb of saying that
reports it (or the main verb), and its confidence is a remark's: indirect evidence, under the
default threshold unless the asking side carries a code.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.lang.en import words
from sitroom.pipeline.events.entities import group_of
from sitroom.pipeline.events.remarks import NEGATORS, build_event, political
from sitroom.pipeline.events.syntax import SUBJECTS, lemma_of, subject_of
from sitroom.records import Event

CONDITION_NOUNS = frozenset({"condition", "precondition"})


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def _asker(main: Token) -> Token | None:
    """The main verb's subject, its own or the one it shares ("offered to appear")."""
    return _own_subject(main) or subject_of(main)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in verb.children)


def _only(mark: Token, condition: Token, main: Token) -> bool:
    """ "only if" (on the condition or the conjunction) or "would only do … if"."""
    return any(c.lower_ == "only" and c.dep_ == "advmod" for n in (mark, condition, main)
               for c in n.children)  # fmt: skip


def _main_verb(mark: Token) -> Token | None:
    """The verb whose act the conjunction's clause is the price of, or None when it is none."""
    condition = mark.head
    if mark.dep_ != "mark" or condition.head is condition:
        return None
    main = condition.head
    if condition.dep_ == "advcl" and mark.lower_ == "if":
        return main if _only(mark, condition, main) and not _negated(main) else None
    if condition.dep_ == "advcl" and mark.lower_ == "unless":
        return main if _negated(main) else None
    if condition.dep_ == "acl" and mark.lower_ == "that" and lemma_of(main) in CONDITION_NOUNS:
        on = main.head  # "on the condition that": the verb the "on" phrase belongs to
        if main.dep_ == "pobj" and lemma_of(on) in ("on", "upon"):
            return next((a for a in on.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return None


def _reporting_verb(main: Token) -> Token:
    """The verb of saying whose clause the main verb is, else the main verb."""
    head = main.head
    if main.dep_ == "ccomp" and lemma_of(head) in words.ALL_SPEECH_VERBS:
        return head
    return main


def conditional_demands(doc: Doc, coded: list[Event]) -> list[Event]:
    """The REQUESTs of `doc`'s conditions, except where `coded` holds a REQUEST by the same
    actor in the same sentence."""
    taken = {(e.start, e.actor.id) for e in coded if e.event == "REQUEST" and e.actor}
    found = []
    for mark in doc:
        main = _main_verb(mark) if mark.lower_ in ("if", "unless", "that") else None
        if main is None:
            continue
        condition = mark.head
        asker = next((e for e in group_of(doc, _asker(main)) if political(e)), None)
        asked = [e for e in group_of(doc, _own_subject(condition)) if political(e)]
        asked = [e for e in asked if asker is not None and e.id != asker.id]
        if asker is None or not asked or (mark.sent.start_char, asker.id) in taken:
            continue
        taken.add((mark.sent.start_char, asker.id))
        parts = [mark, condition]
        found.append(
            build_event(doc, asker, _reporting_verb(main), mark.sent, parts, asked, "REQUEST", None)
        )
    return found
