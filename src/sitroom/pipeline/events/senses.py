"""Trigger sense frames (data in `lang/en/triggers/senses.tsv`): is this trigger political here?

Two frames, both read from the data file:

* verbal vs material: a trigger with a verbal sense ("attack", "slam", "hit") whose object, or
  the noun its "on" phrase names, is a thing said or done in politics ("attacked the senator's
  record", "an attack on her qualifications", "attacked his wife on television") is ACCUSE
  (disapprove), not ASSAULT;
* domain: a sentence that uses the vocabulary of sports, markets, health, weather,
  entertainment or commerce, and no word of politics, reports none of that domain's types
  ("fired a shot at the goalkeeper", "the Sensex rallied", "a virus that strikes poultry").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sitroom.pipeline.events.candidate import Candidate
from sitroom.pipeline.events.lexicon import LexiconError, Trigger, read_text
from sitroom.pipeline.events.lexicon import _rows as rows_of  # the shared table reader
from sitroom.pipeline.events.syntax import OBJECTS, lemma_of


@dataclass(frozen=True)
class Senses:
    """The sense frames, loaded once."""

    verbal_triggers: frozenset[str]
    verbal_objects: frozenset[str]
    domains: dict[str, frozenset[str]]
    domain_types: dict[str, frozenset[str]]
    politics: frozenset[str]


def parse_senses(text: str, source: str = "senses.tsv") -> Senses:
    """Read the frames; a domain without its `types` row (or the reverse) is an error."""
    groups: dict[tuple[str, str], frozenset[str]] = {}
    for number, columns in rows_of(text, "frame\tkind\twords", source):
        if len(columns) != 3 or columns[0] not in ("verbal", "domain", "types", "politics"):
            raise LexiconError(f"{source}:{number}: expected verbal|domain|types|politics rows")
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


def verbal_reading(c: Candidate, senses: Senses) -> Trigger | None:
    """ACCUSE:disapprove for a verbal use of an attack word, else None."""
    if c.reading.event != "ASSAULT" or lemma_of(c.token) not in senses.verbal_triggers:
        return None
    if not set(_aimed_at(c)) & senses.verbal_objects:
        return None
    return Trigger("ACCUSE", "disapprove", weak=c.reading.weak)


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
        verbal = verbal_reading(c, senses)
        if verbal is not None:
            c.reading = verbal
        if off_domain(c, sentence_lemmas, senses) is None:
            kept.append(c)
    return kept
