"""A trigger found in a sentence, before its roles and modifiers are filled in."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from sitroom.pipeline.events.lexicon import Trigger
from sitroom.pipeline.events.syntax import SUBJECTS

CONFLICT = frozenset({"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "PROTEST"})
# Types whose direct object is a target even when it names no actor.
TARGETED = frozenset({"ASSAULT", "COERCE"})


@dataclass
class Candidate:
    """A trigger found in a sentence before roles are filled in."""

    token: Token
    reading: Trigger
    light: Token | None = None  # the verb lending its subject to an event noun
    head: Token | None = None  # the noun phrase head when the trigger is a modifier
    inner: list[Candidate] = field(default_factory=list)
    absorbed: bool = False

    @property
    def clause(self) -> Token:
        """The verb whose subject and modifiers belong to the event."""
        return self.light if self.light is not None else self.token

    @property
    def phrase(self) -> Token:
        return self.head if self.head is not None else self.token


def clause_chain(c: Candidate) -> list[Token]:
    """The trigger, its light verb and their ancestors: where clause modifiers attach."""
    seen: list[Token] = []
    for start in (c.token, c.phrase, c.clause):
        for node in (start, *start.ancestors):
            if node not in seen:
                seen.append(node)
    return seen


def own_clause(c: Candidate) -> list[Token]:
    """An event noun, its phrase and the verbs up to the nearest one with a subject."""
    nodes = [c.token, c.phrase]
    node = c.clause
    for _ in range(6):
        nodes.append(node)
        if node.pos_ in ("VERB", "AUX") and any(ch.dep_ in SUBJECTS for ch in node.children):
            break
        if node.head == node:
            break
        node = node.head
    return nodes
