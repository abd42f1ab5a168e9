"""Trigger sense frames (data in `lang/en/triggers/senses.tsv`): is this trigger political here?

Three frames, all read from the data file:

* verbal vs material: a trigger with a verbal sense ("attack", "slam", "blast") whose object, or
  the noun its "on" phrase names, is a thing said or done in politics ("attacked the senator's
  record", "an attack on her qualifications", "attacked his wife on television") is ACCUSE
  (disapprove), not ASSAULT; so is a named person's attack on a named person or on a body that
  bears no arms, and a named person "blasting" or "lashing" anyone ("the senator blasted the
  governor", "she attacked the Federal Reserve"), unless the sentence names a weapon; and so
  is hitting back in words ("shot back in a statement, saying …");
* contest: a trigger that also means winning a vote ("beat", "defeat", "fight it out") with
  the words of a contest in its own phrase ("beating her rival 45 to 40 percent", "defeated
  him in the primary"), or aimed at a person in a sentence about a contest, reports a
  result, not an event, unless one side bears arms;
* poll: a word of support with a poll's words in its phrase ("1 percent support Stein",
  "backed Trump, 57 percent to 22 percent") reports a finding, not an endorsement;
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
from sitroom.pipeline.events.syntax import (
    OBJECTS,
    RELATIVE,
    lemma_of,
    relative_antecedent,
    subject_of,
)

FRAMES = ("verbal", "retort", "contest", "poll", "domain", "types", "politics")
# Sectors of bodies that bear arms: attacking them is taken in its material sense.
ARMED = frozenset({"MIL", "REB", "PRM", "UAF", "COP", "SPY", "CRM"})
# Sectors of groups a named person attacks with words ("attacked Republican lawmakers").
VOICED = frozenset({"LEG", "GOV", "PTY", "JUD", "ELI", "OPP", "JRN", "MED", "EDU", "LAB", "NGO"})


@dataclass(frozen=True)
class Senses:
    """The sense frames, loaded once."""

    verbal_triggers: frozenset[str]
    verbal_objects: frozenset[str]
    verbal_speakers: frozenset[str]
    verbal_owned: frozenset[str]
    retort_triggers: frozenset[str]
    retort_words: frozenset[str]
    contest_triggers: frozenset[str]
    contest_words: frozenset[str]
    poll_triggers: frozenset[str]
    poll_words: frozenset[str]
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
        verbal_speakers=groups.get(("verbal", "speaker"), frozenset()),
        verbal_owned=groups.get(("verbal", "owned"), frozenset()),
        retort_triggers=groups.get(("retort", "trigger"), frozenset()),
        retort_words=groups.get(("retort", "words"), frozenset()),
        contest_triggers=groups.get(("contest", "trigger"), frozenset()),
        contest_words=groups.get(("contest", "words"), frozenset()),
        poll_triggers=groups.get(("poll", "trigger"), frozenset()),
        poll_words=groups.get(("poll", "words"), frozenset()),
        domains=domains,
        domain_types=types,
        politics=groups.get(("politics", "words"), frozenset()),
    )


@cache
def load() -> Senses:
    return parse_senses(read_text("senses.tsv"))


def _aimed_at(c: Candidate, senses: Senses) -> list[str]:
    """Lemmas of what the trigger is aimed at: its objects, or the nouns after "on"/"against";
    a word that is verbal only when it is someone's ("the governor's position", "her
    position on abortion") counts only then."""
    node = c.phrase
    heads = [ch for ch in node.children if ch.dep_ in OBJECTS]
    for prep in node.children:
        if prep.dep_ == "prep" and lemma_of(prep) in ("on", "against"):
            heads.extend(g for g in prep.children if g.dep_ == "pobj")
    found = []
    for head in heads:
        for h in (head, *head.conjuncts):
            owned = any(ch.dep_ == "poss" or lemma_of(ch) == "on" for ch in h.children)
            if lemma_of(h) not in senses.verbal_owned or owned:
                found.append(lemma_of(h))
    return found


def _kind(token: Token) -> tuple[str | None, str | None]:
    """(kind, sector) of the actor a token names (a pronoun: its antecedent's): the actor
    layer's, else its entity label."""
    actor = actors.actor_at(token.doc, token.i)
    if actor is None and token.pos_ == "PRON":
        actor = actors.resolve_reference(token.doc, token.i)
    if actor is not None:
        return actor.kind, actor.sector
    return {"PERSON": "person", "ORG": "organization"}.get(token.ent_type_), None


def _instruments(verb: Token) -> list[Token]:
    """The words of what an act is done with ("attacked him with a knife")."""
    preps = [ch for ch in verb.children if ch.dep_ == "prep" and lemma_of(ch) in ("with", "using")]
    return [t for prep in preps for t in prep.subtree]


def _person_against_civilian(c: Candidate) -> bool:
    """A named person attacking a named person or an unarmed body, and not with a weapon;
    for an attack noun, the one its light verb's subject aims "on" someone ("lobbing attacks
    on her")."""
    verb = c.token if c.token.pos_ in ("VERB", "AUX") else c.light
    if verb is None or any(lemma_of(t) in ASSAULT_MODES for t in _instruments(verb)):
        return False
    subject = subject_of(verb)
    target = _target(c.token) if verb is c.token else _aimed_on(c.phrase)
    if subject is None or target is None or _kind(subject)[0] != "person":
        return False
    kind, sector = _kind(target)
    if kind == "group":
        return sector in VOICED  # "attacked some Republican lawmakers"
    return kind in ("person", "organization") and sector not in ARMED


def _aimed_on(noun: Token) -> Token | None:
    return next((g for p in noun.children if p.dep_ == "prep" and lemma_of(p) in ("on", "against")
                 for g in p.children if g.dep_ == "pobj"), None)  # fmt: skip


def _target(verb: Token) -> Token | None:
    """The direct object, or what a relative "whom" stands for ("Bush, whom he attacked")."""
    target = next((ch for ch in verb.children if ch.dep_ in ("dobj", "obj")), None)
    if target is not None and lemma_of(target) in RELATIVE and verb.dep_ == "relcl":
        return relative_antecedent(verb, target)
    return target


def _retort(c: Candidate, senses: Senses) -> bool:
    """ "shot back in a statement, saying …": hitting back in words, not with a weapon."""
    if lemma_of(c.token) not in senses.retort_triggers:
        return False
    if not any(ch.dep_ in ("prt", "advmod") and ch.lower_ == "back" for ch in c.token.children):
        return False
    clause = {lemma_of(t) for t in c.token.subtree if t is not c.token}
    return bool(clause & senses.retort_words) and not clause & ASSAULT_MODES.keys()


def _person_speaks(c: Candidate, lemma: str, senses: Senses) -> bool:
    """A named person "blasted" or "lashed out at" anyone: in the news, words, unless the
    sentence names a weapon."""
    if lemma not in senses.verbal_speakers or c.token.pos_ not in ("VERB", "AUX"):
        return False
    subject = subject_of(c.token)
    armed = any(lemma_of(t) in ASSAULT_MODES for t in c.token.subtree if t is not c.token)
    return subject is not None and _kind(subject)[0] == "person" and not armed


def verbal_reading(c: Candidate, senses: Senses) -> Trigger | None:
    """ACCUSE:disapprove for a verbal use of an attack word, else None."""
    if c.reading.event != "ASSAULT":
        return None
    if _retort(c, senses):
        return Trigger("ACCUSE", "disapprove", weak=True)
    lemma = lemma_of(c.token)
    if lemma not in senses.verbal_triggers:
        return None
    verbal = set(_aimed_at(c, senses)) & (senses.verbal_objects | senses.verbal_owned)
    if not verbal and not _person_against_civilian(c) and not _person_speaks(c, lemma, senses):
        return None
    return Trigger("ACCUSE", "disapprove", weak=c.reading.weak)


def is_contest(c: Candidate, sentence_lemmas: set[str], senses: Senses) -> bool:
    """ "beating her rival by ten points": a result at the polls, not an attack; so is beating
    a person in a sentence about a contest ("turning to the general election, he said he
    would beat Clinton"). An armed side ("police beat protesters during the election") fights."""
    if lemma_of(c.token) not in senses.contest_triggers:
        return False
    subject, target = subject_of(c.token), _target(c.token)
    if any(t is not None and _kind(t)[1] in ARMED for t in (subject, target)):
        return False
    if any(lemma_of(t) in senses.contest_words for t in c.token.subtree):
        return True
    person = target is not None and _kind(target)[0] == "person"
    return person and bool(sentence_lemmas & senses.contest_words)


def is_poll(c: Candidate, senses: Senses) -> bool:
    """ "male troops backed Trump, 57 percent to 22 percent": a poll's finding, not an
    endorsement anyone made."""
    if lemma_of(c.token) not in senses.poll_triggers:
        return False
    return any(lemma_of(t) in senses.poll_words for t in c.token.subtree)


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
        if is_contest(c, sentence_lemmas, senses) or is_poll(c, senses):
            continue
        verbal = verbal_reading(c, senses)
        if verbal is not None:
            c.reading = verbal
        if off_domain(c, sentence_lemmas, senses) is None:
            kept.append(c)
    return kept
