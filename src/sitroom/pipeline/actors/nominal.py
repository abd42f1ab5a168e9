"""Nominal actors: agent nouns ("protesters", "dock workers", "police") made into coded groups.

An agent noun names a kind of actor; its country comes from the phrase around it, in this
order: a demonym or country before it ("Italian dock workers", "Iraq's police", "in Turkish
police custody", handled where the country word is read, in `resolve`), a place or country
after it ("protesters in Basra", "police of Mosul", "officials from Ottawa"), else the
story's dateline, else the one country its sentence names; for a body of the state or a party
("police", "lawmakers", "prosecutors") or of unions and schools ("teachers unions",
"professors"), else the country the whole story is about when one clearly leads its coded
mentions, as a coder reads "the feds" in a Boston story. Private
people ("women", "a hunter") are not given the story's country: what they do is not coded.
A compound ("Czech and Slovak officials") gives each country its own actor. An agent that
sets a kind by itself ("a human rights group": NGO) needs no country. Agents that end up with
neither a country nor a kind stay out of the actor list: an actor "officials" with no code
would say nothing a coder could use.
"""

from __future__ import annotations

import itertools
from collections import Counter

from spacy.tokens import Span

from sitroom.knowledge import knowledge
from sitroom.pipeline.actors import gazetteer as gz
from sitroom.pipeline.actors import knowledge as kb
from sitroom.pipeline.actors.common import ResolverState, _Draft, _group, _where

# Prepositions after an agent that introduce where it is from or acts.
_PLACE_AFTER = {"in", "of", "near", "from", "at", "across", "around", "outside"}
# Determiners and numbers an agent mention takes with it ("the", "hundreds of").
_LEAD_DEPS = {"det", "nummod", "quantmod", "poss"}
# Sectors that name no one in particular ("man", "group", "member").
_NO_ACTOR_SECTORS = {"UNK"}
_COORDINATORS = {"and", "or", ",", "&"}
# Codes that are not countries: they do not make a story about one country.
_NOT_COUNTRIES = {"IGO", "NGO", "MNC", "IMG"}
# The story's country is the one holding this share of its country-coded mentions, and at
# least this many of them; below, a story of several countries gives none.
STORY_SHARE = 0.6
STORY_MENTIONS = 3
# A text of fewer sentences (a headline, a lone sentence) is no story: what it is about is what
# its sentence names, read by `_only_country`.
STORY_SENTENCES = 3
# Sectors of the state and of parties, which take the story's country.
_PUBLIC_SECTORS = {"GOV", "LEG", "JUD", "COP", "MIL", "SPY", "PTY", "ELI"}
# Unions, schools and universities take it too. The media and the accused ("reporters",
# "suspects") do not: they are in every story of a kind, and would join stories of one kind
# that are not the same news.
_STORY_SECTORS = _PUBLIC_SECTORS | {"LAB", "EDU"}
# ... but "the media" and "the press" as a whole are a side of the country's politics ("The media
# makes everything up!" in a story about an American campaign), unlike "reporters" at an event.
_NATIONAL_COLLECTIVES = {"media", "press"}
# Agent nouns of the dictionaries that name places or things, not who acts: NGEC lists "city"
# and "province" as civilians, "prison" as police, "publication" as media.
_NOT_ACTORS = {
    "city", "town", "village", "province", "region", "district", "area", "capital", "kingdom",
    "palace", "prison", "jail", "airliner", "aircraft", "publication", "country", "nation",
    "state", "territory", "building", "office", "headquarters", "base", "camp",
}  # fmt: skip


def agent_sector(span: Span) -> tuple[str | None, str | None]:
    """(sector, kind code) of a group or agent noun phrase: sitroom's groups, then the base."""
    sector = gz.group_sector(span.text)
    if sector is not None:
        return sector, None
    agent = knowledge().agents.find(span.text)
    if agent is None or agent.sector in _NO_ACTOR_SECTORS or span[-1].lemma_ in _NOT_ACTORS:
        return None, None
    return agent.sector, agent.code


def group_spans(resolver: ResolverState) -> dict[int, Span]:
    """sitroom's group nouns and the knowledge base's agent nouns, by start token.

    Where both match, sitroom's span stands; a longer agent phrase ("dock workers") is
    added beside a shorter group noun only where they do not overlap, and never over an
    office title.
    """
    groups = dict(resolver.groups)
    taken = {i for span in groups.values() for i in range(span.start, span.end)}
    # Office titles ("president", "spokeswoman") are the office layer's: they name a person.
    taken |= {i for span in resolver.titles.values() for i in range(span.start, span.end)}
    for start, span in kb.agent_spans(resolver.doc).items():
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if agent_sector(span) == (None, None):
            continue
        groups[start] = span
    return groups


def compound_group(resolver: ResolverState, ent: Span) -> Span | None:
    """For the first of joined country words ("Czech" in "Czech and Slovak officials"), the
    group noun phrase the last of them leads."""
    doc = resolver.doc
    i = ent.end
    while i < len(doc) and doc[i].text in _COORDINATORS:
        i += 1
    if i == ent.end or i >= len(doc):
        return None
    following = resolver.ents_by_start.get(i)
    if following is None or _where(following) is None:
        return None
    return resolver.group_after(following) or compound_group(resolver, following)


# Devices that stand for an unnamed attacker ("a car bomb near Tikrit killed ..."): PLOVER
# codes the unknown actor UNK, with the country where it struck.
_DEVICES = {
    "bomb", "car bomb", "roadside bomb", "suicide bomb", "truck bomb", "explosive device",
    "improvised explosive device", "ied", "landmine", "land mine", "mine", "grenade",
    "mortar", "mortar shell", "shell", "rocket", "missile", "blast", "explosion",
}  # fmt: skip


def device_actors(resolver: ResolverState) -> None:
    """Unidentified attackers of a device named with its place ("a car bomb near Tikrit")."""
    doc = resolver.doc
    for token in doc:
        if token.pos_ != "NOUN" or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        words = [t for t in token.lefts if t.dep_ == "compound" and t.i == token.i - 1]
        start = words[0].i if words else token.i
        phrase = " ".join(t.lower_ for t in doc[start : token.i + 1])
        if phrase not in _DEVICES and token.lemma_.lower() not in _DEVICES:
            continue
        if not resolver.free(start, token.i + 1):
            continue
        code = _place_after(resolver, doc[start : token.i + 1])
        if code is not None:
            resolver.add(_group(code, "UNK"), _lead(doc[start : token.i + 1]), token.i + 1)


def nominal_actors(resolver: ResolverState) -> None:
    """Make coded group actors of agent nouns no other mention has taken."""
    for start in sorted(resolver.groups):
        span = resolver.groups[start]
        if not resolver.free(span.start, span.end):
            continue
        head = span[-1]
        if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ == "amod":
            continue
        if head.dep_ == "compound" and head.head.i >= span.end and _is_group(resolver, head.head):
            continue  # "police officers": the longer phrase decides
        sector, kind = agent_sector(span)
        if sector is None and kind is None:
            continue
        code = _country_of(resolver, span, sector)
        begin = _lead(span)
        if not resolver.free(begin, span.end):
            begin = span.start
        if kind is not None and code is None:
            name = " ".join(t.lower_ for t in span)
            resolver.add(_Draft("organization", name, code=kind, sector=sector), begin, span.end)
        elif code is not None and sector is not None:
            resolver.add(_group(code, sector), begin, span.end)


def titled_people(resolver: ResolverState) -> None:
    """Give the people only a title codes ("Judge David Bristow", "Mayor John Smith": a sector
    of the state and no country) the country of the dateline or of the story, as agents get."""
    untold = [
        draft
        for draft in resolver.drafts.values()
        if draft.kind == "person"
        and draft.code is None
        and (draft.sector or "")[:3] in _PUBLIC_SECTORS
    ]
    if untold:
        code = kb.dateline_country(resolver.doc) or _story_country(resolver)
        for draft in untold:
            draft.code = code


_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "agent", "dative"}


def _argument(span: Span) -> bool:
    """Whether the agent is the subject or object of its sentence's main verb: the position
    in which a news sentence names who acts and on whom. Elsewhere ("killing 26 people",
    "officials said") a country is not taken from the rest of the sentence."""
    head = span[-1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    root = head.sent.root.i
    return head.dep_ in _ARGUMENT_DEPS and head.head.i == root


def _only_country(resolver: ResolverState, span: Span) -> str | None:
    """The one country the agent's sentence is about, when it names exactly one.

    "France's government ended talks with the truckers": the truckers are French. With two
    countries in the sentence ("Guatemala deported migrants to Honduras") nothing is taken.
    """
    sentence = span.sent
    codes = set()
    for draft in resolver.drafts.values():
        if not draft.code or draft.code in _NOT_COUNTRIES:
            continue
        if any(sentence.start <= s < sentence.end for s, _ in draft.spans):
            codes.add(draft.code)
    for ent in sentence.ents:
        if any(resolver.used[ent.start : ent.end]):
            continue
        code = None
        if ent.label_ in {"GPE", "LOC", "FAC"}:
            code = gz.place_country(ent.text, resolver.context)
        elif ent.label_ == "NORP":
            code = gz.adjective_code(ent.text)  # not yet read: it may follow the agent
        if code:
            codes.add(code)
    return codes.pop() if len(codes) == 1 else None


def _is_group(resolver: ResolverState, token) -> bool:
    return any(s.start <= token.i < s.end for s in resolver.groups.values())


def _lead(span: Span) -> int:
    """Where the agent's noun phrase starts: with its determiner or number."""
    start = span.start
    for child in span[-1].lefts:
        if child.dep_ in _LEAD_DEPS and child.i < start:
            start = child.i
    return start


def _place_after(resolver: ResolverState, span: Span) -> str | None:
    """The country of a place or country named right after an agent ("in Basra")."""
    doc = resolver.doc
    i = span.end
    if i >= len(doc) or doc[i].lower_ not in _PLACE_AFTER:
        return None
    prep = doc[i]
    if prep.head.i not in range(span.start, span.end) and prep.head.i != span[-1].i:
        # "protesters blocked roads in Basra": the phrase belongs to the verb; still a place
        # right after the noun is where the agents are, unless a verb sits between.
        if prep.head.pos_ == "VERB":
            return None
    ent = resolver.ents_by_start.get(i + 1)
    if ent is None and i + 2 < len(doc) and doc[i + 1].lower_ == "the":
        ent = resolver.ents_by_start.get(i + 2)
    if ent is None or ent.label_ not in {"GPE", "LOC", "FAC", "NORP"}:
        return None
    where = _where(ent)
    if where is not None and where[0] != "IGO":
        return where[0]
    return gz.place_country(ent.text, resolver.context)


def named_agent(resolver: ResolverState, ent: Span) -> bool:
    """Make a coded body of an organisation name no table holds that is an agent noun phrase,
    alone or after a place: "Delhi Police", "Kaduna State Government", "the Federal Police",
    "the Supreme Court". The place before it gives the country; without one the country comes
    as for any agent noun (a place after it, the dateline, the one country of its sentence).
    True when it made the actor.
    """
    for split in [*range(1, len(ent)), 0]:  # a place before the agent first
        rest = ent[split:]
        sector, kind = agent_sector(rest)
        if sector is None or kind is not None or rest[-1].pos_ not in {"NOUN", "PROPN"}:
            continue
        code = _place_before(resolver, ent[:split]) if split else None
        if split and code is None:
            continue
        code = code or _country_of(resolver, ent, sector)
        if code is None:
            return False
        resolver.add(_group(code, sector), ent.start, ent.end)
        return True
    return False


def _place_before(resolver: ResolverState, words: Span) -> str | None:
    """The country of a place, country or demonym leading a body's name ("Delhi", "Kaduna
    State", "Welsh"); a trailing "State", "Province" or "County" is part of the place."""
    text = words.text
    for suffix in (" State", " Province", " County", " Region", " Metro", " City"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    where = _where_text(text)
    return where or gz.place_country(text, resolver.context)


def _where_text(text: str) -> str | None:
    return gz.country_code(text) or gz.adjective_code(text)


def _country_of(resolver: ResolverState, span: Span, sector: str | None) -> str | None:
    """The country of an agent phrase of `sector` from what is around it (see the module)."""
    return (
        _place_after(resolver, span)
        or kb.dateline_country(resolver.doc)
        or (_only_country(resolver, span) if _argument(span) else None)
        or (_story_country(resolver) if _takes_story_country(span, sector) else None)
    )


def _takes_story_country(span: Span, sector: str | None) -> bool:
    """Whether an agent with no country nearer takes the story's (`_STORY_SECTORS`)."""
    if (sector or "")[:3] in _STORY_SECTORS:
        return True
    head = span[-1]
    the = any(t.lower_ == "the" for t in head.lefts)
    return the and head.lower_ in _NATIONAL_COLLECTIVES


def _story_country(resolver: ResolverState) -> str | None:
    """The country the story is about: the one that holds most of the mentions of coded
    actors and places in the whole document, when it clearly leads (`STORY_SHARE`)."""
    if len(list(itertools.islice(resolver.doc.sents, STORY_SENTENCES))) < STORY_SENTENCES:
        return None
    counts: Counter[str] = Counter()
    for draft in resolver.drafts.values():
        if draft.code and draft.code not in _NOT_COUNTRIES:
            counts[draft.code] += len(draft.spans)
    for ent in resolver.doc.ents:
        if ent.label_ in {"GPE", "NORP"} and not any(resolver.used[ent.start : ent.end]):
            code = gz.place_country(ent.text, resolver.context) or gz.adjective_code(ent.text)
            if code and code not in _NOT_COUNTRIES:
                counts[code] += 1
    if not counts:
        return None
    code, top = counts.most_common(1)[0]
    enough = top >= STORY_MENTIONS and top >= STORY_SHARE * sum(counts.values())
    return code if enough else None
