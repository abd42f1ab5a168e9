"""Entities: a role token resolved through the actor layer, with the phrase that names it."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.pipeline import actors
from sitroom.pipeline.actors import gazetteer
from sitroom.pipeline.events.lexicon import LEXICON
from sitroom.pipeline.events.syntax import (
    NOT_ROLES,
    is_date,
    lemma_of,
    modifiers_of,
    prep_object,
    splits_clause,
)
from sitroom.records import Actor, Entity, stable_id

LEFT_MODIFIERS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct", "predet"}
)
TIME_PREPS = frozenset({"during", "after", "before", "since", "until", "till", "amid", "following"})
FIRST_PERSON = words.FIRST_PERSON
AGENT_NOUNS = frozenset(
    """government army military police troop force soldier rebel militant insurgent fighter
    gunman gunmen protester demonstrator activist court judge prosecutor minister ministry
    president leader official authority administration parliament lawmaker legislator
    senator congress cabinet party opposition union worker student group organization
    organisation coalition alliance bloc council agency office embassy diplomat ambassador
    envoy spokesman spokeswoman spokesperson navy jet warplane aircraft drone bomb attacker
    bomber militia separatist terrorist regime junta state country nation people resident
    villager civilian member team commission committee company firm bank delegation mayor
    governor king queen prince premier chancellor pm chief commander general officer
    guard aide adviser advisor staffer strategist candidate nominee congressman congresswoman
    campaign""".split()
)
# People named by what they oppose: in "a Kremlin critic" the Kremlin is not the person.
OPPONENT_NOUNS = frozenset(
    "critic opponent dissident defector detractor foe adversary exile enemy".split()
)


def phrase_span(token: Token) -> Span:
    """The token with its left-hand noun modifiers ("the latest US", "NATO Secretary ...")."""
    start = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in LEFT_MODIFIERS:
            start = min(start, child.left_edge.i)
    doc = token.doc
    # a dateline or date parsed into the phrase ("17 July 2017 Russia's court") is no name
    while start < token.i and (doc[start].is_punct or doc[start].ent_type_ in ("DATE", "TIME")):
        start += 1
    return doc[start : token.i + 1]


def noun_phrase(token: Token) -> Span:
    """The whole noun phrase a role head names, as news annotators mark actors.

    Left modifiers plus the right-hand "of"-phrases, prepositional phrases, appositions and
    parentheses ("the government of Italy", "Victoire Ingabire, leader of the FDU",
    "Lesotho Defence Force (LDF)"); it stops at relative clauses, participles, conjuncts and
    phrases of time ("on Tuesday"). Pronouns are their own phrase.
    """
    left = phrase_span(token)
    if token.pos_ == "PRON":
        return left
    end = token.i
    for child in token.children:
        if child.i <= token.i:
            continue
        if not _phrase_part(child):
            break
        end = child.right_edge.i
    doc = token.doc
    while end > token.i and (doc[end].is_punct and doc[end].text != ")" or doc[end].dep_ == "cc"):
        end -= 1
    if doc[end].text == ")" and "(" not in doc[left.start : end].text:
        end -= 1
    return doc[left.start : end + 1]


def _phrase_part(child: Token) -> bool:
    """True when a right-hand child of a noun belongs to the phrase naming the actor."""
    if child.dep_ == "appos" or (child.dep_ == "punct" and child.text in ",("):
        return True
    if child.dep_ == "punct":
        return child.text == ")"
    if child.dep_ != "prep" or lemma_of(child) in TIME_PREPS:
        return False
    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ not in NOT_ROLES


def _quote_speaker(doc: Doc, token: Token) -> Entity | None:
    for quote in doc._.quotes or []:
        if quote.speaker is not None and quote.start <= token.idx < quote.end:
            return quote.speaker
    return None


def entity_of(doc: Doc, token: Token, depth: int = 0) -> Entity | None:
    """Resolve a role head to an entity through the actor layer."""
    if is_date(token):
        return None  # dates never fill a role
    actor = actors.actor_at(doc, token.i) or _named_by_compound(doc, token)
    actor = actor or actors.resolve_reference(doc, token.i)
    if actor is not None:
        return actor.entity(noun_phrase(token).text)
    if token.pos_ == "PRON":
        if lemma_of(token) in FIRST_PERSON:
            return _quote_speaker(doc, token)
        return None
    agentive = lemma_of(token) in AGENT_NOUNS
    # "a Kremlin critic" is a person of their own, not the Kremlin
    modifiers = [] if lemma_of(token) in OPPONENT_NOUNS else modifiers_of(token)
    for child in modifiers:
        found = actors.actor_at(doc, child.i)
        if found is not None:
            text = noun_phrase(token if token.pos_ in ("NOUN", "PROPN") else child).text
            return found.entity(text)
    owner = _owner(token)
    if owner is not None:
        return owner.entity(noun_phrase(token).text)  # "his website", "her campaign"
    if depth == 0:
        owner = prep_object(token, ("of",))
        if owner is not None:
            inner = entity_of(doc, owner, depth + 1)
            if inner is not None and agentive:  # "the government of Italy" names Italy
                return replace(inner, entity_text=noun_phrase(token).text)
            if inner is not None:
                return inner
    named = token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    if token.pos_ == "PROPN" or agentive or named or lemma_of(token) in OPPONENT_NOUNS:
        text = noun_phrase(token).text
        return Entity(id=None, name=text, entity_text=text)
    return None


def _named_by_compound(doc: Doc, token: Token) -> Actor | None:
    """The person a name ends in a suffix the mention leaves out ("Ronald Johnson III")."""
    if token.pos_ != "PROPN":
        return None
    names = (actors.actor_at(doc, c.i) for c in token.children if c.dep_ == "compound")
    return next((a for a in names if a is not None and a.kind == "person"), None)


def _owner(token: Token) -> Actor | None:
    """Whom a possessive pronoun stands for on a noun that acts for its owner ("his website",
    "her aides"); "his wife", "her weapon" are others."""
    if token.pos_ != "NOUN" or lemma_of(token) not in LEXICON.words["voices"]:
        return None
    poss = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or lemma_of(poss) in FIRST_PERSON:
        return None
    return actors.resolve_reference(token.doc, poss.i)


# Words that stand for two actors named before: "both praised the union".
PAIR_WORDS = frozenset({"both"})


def _pair_antecedent(token: Token) -> Token | None:
    """The first of the nearest two coordinated actors before "both" used alone, in its
    sentence or the one before ("Sanders and Clinton share views: both praised …")."""
    if lemma_of(token) not in PAIR_WORDS or token.pos_ not in ("PRON", "DET"):
        return None
    if any(True for _ in token.children) or token.dep_ not in ("nsubj", "nsubjpass"):
        return None  # "both sides", "both of them" name their own
    doc = token.doc
    start = token.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for candidate in reversed(doc[start : token.i]):
        if candidate.dep_ == "conj" or not candidate.conjuncts:
            continue
        named = [m for m in (candidate, *candidate.conjuncts) if actors.actor_at(doc, m.i)]
        if len(named) >= 2:
            return candidate
    return None


def group_of(doc: Doc, token: Token | None, targets: bool = False) -> list[Entity]:
    """The entity at `token` followed by those of its conjuncts ("X and Y").

    With `targets`, any noun phrase counts: what is attacked or seized ("an army camp",
    "a CATS ambulance") is the recipient even when no actor owns it.
    """
    if token is None:
        return []
    pair = _pair_antecedent(token)
    if pair is not None:
        return group_of(doc, pair, targets)  # "both praised him": the two named before
    found = []
    members = [token, *token.conjuncts]
    if splits_clause(token):  # "criticised Y and Z praised W": Z acts in a clause of its own
        members = [m for m in members if m.i >= token.i]
    for member in members:
        if member is not token and splits_clause(member):
            continue
        entity = entity_of(doc, member)
        if entity is None and targets and member.pos_ in ("NOUN", "PROPN"):
            text = noun_phrase(member).text
            entity = Entity(id=None, name=text, entity_text=text)
        if entity is not None and all(e.name != entity.name for e in found):
            found.append(entity)
    for member in actors.members(doc, token.i):  # "Czech and Slovak officials": both
        entity = member.entity(member.mentions[0].text if member.mentions else member.name)
        if all(e.name != entity.name for e in found):
            found.append(entity)
    return found


def country_entity(doc: Doc, place: Span) -> Entity | None:
    """The country a named place is in, as the actor layer would name it."""
    code = gazetteer.place_country(place.text)
    if code is None:
        return None
    for actor in doc._.actors or []:
        if actor.code == code and actor.kind == "country":
            return actor.entity(place.text)
    name = gazetteer.country_name(code)
    return Entity(id=stable_id("a", "country", code, name), name=name, entity_text=place.text,
                  code=code)  # fmt: skip
