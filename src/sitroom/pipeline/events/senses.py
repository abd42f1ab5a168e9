"""Trigger sense frames (data in `lang/en/triggers/senses.tsv`): is this trigger political here?

Three frames, all read from the data file:

* verbal vs material: a trigger with a verbal sense ("attack", "slam", "blast") whose object, or
  the noun its "on" phrase names, is a thing said or done in politics ("attacked the senator's
  record", "an attack on her qualifications", "attacked his wife on television") is ACCUSE
  (disapprove), not ASSAULT; so is a named person's attack on a named person or on a body that
  bears no arms ("the senator blasted the governor", "she attacked the Federal Reserve"), unless
  the sentence names a weapon;
* contest: a trigger that also means winning a vote ("beat", "defeat") with the words of a
  contest in its own phrase ("beating her rival 45 to 40 percent", "defeated him in the
  primary") reports a result, not an event;
* domain: a sentence that uses the vocabulary of sports, markets, health, weather,
  entertainment or commerce, and no word of politics, reports none of that domain's types
  ("fired a shot at the goalkeeper", "the Sensex rallied", "a virus that strikes poultry").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from sitroom.pipeline import actors
from sitroom.pipeline.events.candidate import Candidate
from sitroom.pipeline.events.lexicon import LexiconError, Trigger, read_text
from sitroom.pipeline.events.lexicon import _rows as rows_of  # the shared table reader
from sitroom.pipeline.events.modifiers import ASSAULT_MODES
from sitroom.pipeline.events.syntax import OBJECTS, lemma_of, subject_of

FRAMES = ("verbal", "contest", "domain", "types", "politics")
# Sectors of bodies that bear arms: attacking them is taken in its material sense.
ARMED = frozenset({"MIL", "REB", "PRM", "UAF", "COP", "SPY", "CRM"})


@dataclass(frozen=True)
class Senses:
    """The sense frames, loaded once."""

    verbal_triggers: frozenset[str]
    verbal_objects: frozenset[str]
    contest_triggers: frozenset[str]
    contest_words: frozenset[str]
    domains: dict[str, frozenset[str]]
    domain_types: dict[str, frozenset[str]]
    politics: frozenset[str]


def parse_senses(text: str, source: str = "senses.tsv") -> Senses:
    """Read the frames; a domain without its `types` row (or the reverse) is an error."""
    groups: dict[tuple[str, str], frozenset[str]] = {}
    for number, columns in rows_of(text, "frame\tkind\twords", source):
        if len(columns) != 3 or columns[0] not in FRAMES:
            raise LexiconError(f"{source}:{number}: expected {'|'.join(FRAMES)} rows")
        groups[(columns[0], columns[1])] = frozenset(columns[2].split())
    domains = {k: v for (f, k), v in groups.items() if f == "domain"}
    types = {k: v for (f, k), v in groups.items() if f == "types"}
    if set(domains) != set(types):
        raise LexiconError(
            f"{source}: domains and types rows differ: {sorted(set(domains) ^ set(types))}"
        )
    return Senses(
        verbal_triggers=groups.get(("verbal", "trigger"), frozenset()),
        verbal_objects=groups.get(("verbal", "object"), frozenset()),
        contest_triggers=groups.get(("contest", "trigger"), frozenset()),
        contest_words=groups.get(("contest", "words"), frozenset()),
        domains=domains,
        domain_types=types,
        politics=groups.get(("politics", "words"), frozenset()),
    )


@cache
def load() -> Senses:
    return parse_senses(read_text("senses.tsv"))


def _aimed_at(c: Candidate) -> list[str]:
    """Lemmas of what the trigger is aimed at: its objects, or the nouns after "on"/"against"."""
    node = c.phrase
    heads = [ch for ch in node.children if ch.dep_ in OBJECTS]
    for prep in node.children:
        if prep.dep_ == "prep" and lemma_of(prep) in ("on", "against"):
            heads.extend(g for g in prep.children if g.dep_ == "pobj")
    return [lemma_of(h) for head in heads for h in (head, *head.conjuncts)]


def _kind(token: Token) -> tuple[str | None, str | None]:
    """(kind, sector) of the actor a token names: the actor layer's, else its entity label."""
    actor = actors.actor_at(token.doc, token.i)
    if actor is not None:
        return actor.kind, actor.sector
    return {"PERSON": "person", "ORG": "organization"}.get(token.ent_type_), None


def _instruments(verb: Token) -> list[Token]:
    """The words of what an act is done with ("attacked him with a knife")."""
    preps = [ch for ch in verb.children if ch.dep_ == "prep" and lemma_of(ch) in ("with", "using")]
    return [t for prep in preps for t in prep.subtree]


def _person_against_civilian(c: Candidate) -> bool:
    """A named person attacking a named person or an unarmed body, and not with a weapon."""
    if c.token.pos_ not in ("VERB", "AUX"):
        return False
    if any(lemma_of(t) in ASSAULT_MODES for t in _instruments(c.token)):
        return False
    subject = subject_of(c.token)
    targets = [ch for ch in c.token.children if ch.dep_ in ("dobj", "obj")]
    if subject is None or not targets or _kind(subject)[0] != "person":
        return False
    kind, sector = _kind(targets[0])
    return kind in ("person", "organization") and sector not in ARMED


def verbal_reading(c: Candidate, senses: Senses) -> Trigger | None:
    """ACCUSE:disapprove for a verbal use of an attack word, else None."""
    if c.reading.event != "ASSAULT" or lemma_of(c.token) not in senses.verbal_triggers:
        return None
    verbal = set(_aimed_at(c)) & senses.verbal_objects
    if not verbal and not _person_against_civilian(c):
        return None
    return Trigger("ACCUSE", "disapprove", weak=c.reading.weak)


def is_contest(c: Candidate, senses: Senses) -> bool:
    """ "beating her rival by ten points": a result at the polls, not an attack."""
    if lemma_of(c.token) not in senses.contest_triggers:
        return False
    return any(lemma_of(t) in senses.contest_words for t in c.token.subtree)


def off_domain(c: Candidate, sentence_lemmas: set[str], senses: Senses) -> str | None:
    """The domain that takes this trigger out of politics in this sentence, if any."""
    if sentence_lemmas & senses.politics:
        return None
    for name, words in senses.domains.items():
        if sentence_lemmas & words and c.reading.event in senses.domain_types[name]:
            return name
    return None


def apply(found: list[Candidate], sentence_lemmas: set[str]) -> list[Candidate]:
    """The candidates that keep a political sense, re-typed where their sense is verbal."""
    senses = load()
    kept = []
    for c in found:
        if is_contest(c, senses):
            continue
        verbal = verbal_reading(c, senses)
        if verbal is not None:
            c.reading = verbal
        if off_domain(c, sentence_lemmas, senses) is None:
            kept.append(c)
    return kept
