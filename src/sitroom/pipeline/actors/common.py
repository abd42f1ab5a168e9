"""Shared pieces of the actor layer: word lists, the drafts actors are built from, and tests
on entity spans (is it a person, a place, a thing?)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.pipeline.actors import gazetteer as gz
from sitroom.pipeline.actors import knowledge as kb
from sitroom.records import Actor, Mention, stable_id

RULER = "sitroom_gazetteer"
_SPANS_KEY = "sitroom_actor_spans"  # doc.user_data: [(start token, end token, actor id)]
_MEMBERS_KEY = "sitroom_actor_members"  # doc.user_data: {token: [ids of further members]}
_GENDER_KEY = "sitroom_actor_gender"  # doc.user_data: {actor id: "m" | "f"}

# Honorifics before a name, with the gender they imply.
_HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f",
    "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "dr": None, "dr.": None, "prof": None,
    "prof.": None, "president-elect": None,
}  # fmt: skip
# British usage: "Sir Keir" names a man by his first name.
_FIRST_NAME_HONORIFICS = {"sir", "dame"}
# Ranks that make a title someone else's office ("Vice Foreign Minister", "Deputy Mayor").
_SECOND_IN_COMMAND = {"vice", "deputy", "assistant"}
_FORMER = {"former", "ex", "ex-", "then", "then-", "late", "outgoing"}
_PRONOUN_GENDER = words.PRONOUN_GENDER
_IT = words.NEUTER
_THEY = words.THIRD_PLURAL
_SUBJECT_DEPS = words.NOMINAL_SUBJECTS
_POSSESSIVE = {"'s", "’s", "'", "’"}
# Organisation role nouns: "the alliance" is NATO when NATO is in the story.
_ORG_ROLE_NOUNS = {"alliance": "NATO", "bloc": "EU"}
# Group actor names: "<country> <label>".
_SECTOR_LABELS = {
    "MIL": "military", "GOV": "government", "LEG": "legislature", "JUD": "judiciary",
    "COP": "police", "SPY": "intelligence", "REB": "rebels", "OPP": "opposition",
    "CVL": "civilians", "BUS": "business", "MED": "health sector", "JRN": "media",
    "REF": "refugees", "LAB": "labour", "EDU": "education", "REL": "clergy",
    "UAF": "unidentified armed forces", "UNK": "unidentified attackers", "CRM": "criminals",
    "AGR": "farmers", "SOC": "civil society", "ELI": "former officials", "PTY": "parties",
}  # fmt: skip
# Gazetteer forms that are also common first names or words; the model decides for them.
_NOT_IN_RULER = {
    "Jordan", "Georgia", "Chad", "Niger", "Guinea", "Kiwi", "Turk", "Turks", "Pole", "Poles",
    "Finn", "Finns", "Dane", "Brit", "CAR", "Emirates", "Security Council", "General Assembly",
    "Congo", "Korea", "Korean", "Holland", "Sinai", "Nice", "Mons", "Cambridge", "Oxford",
    "Tyre", "Reading", "Lima", "Santiago", "San Jose", "Victoria", "Xi", "Lula", "Vance",
    "Delhi", "Bonn", "Aden", "Cardinal",
}  # fmt: skip
# Regions and adjectives the model takes for organisations or misses (not actors).
_REGIONS = [
    "High North", "Euro-Atlantic", "Indo-Pacific", "Arctic", "North Atlantic", "Baltic",
    "Black Sea", "Middle East", "Sahel", "Balkans", "Western Balkans", "Caucasus", "transatlantic",
    "Transatlantic", "Red Sea", "South China Sea", "Gulf",
]  # fmt: skip


# --------------------------------------------------------------------------- drafts


@dataclass
class _Cue:
    """What the words around a name say: its office, country or IGO, and whether former."""

    office: gz.Office | None = None
    code: str | None = None
    affiliation: str | None = None
    former: bool = False
    sector: str | None = None  # of the body named before the title ("Hamas spokesman")
    gender: str | None = None
    first_name: bool = False  # "Sir Keir": the name is a first name


@dataclass
class _Draft:
    """An actor being assembled from its mentions."""

    kind: str
    name: str
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)

    def actor(self, doc: Doc) -> Actor:
        actor = Actor(
            id=stable_id("a", self.kind, self.code, self.name),
            name=self.name,
            kind=self.kind,
            code=self.code,
            sector=self.sector,
            office=self.office,
            affiliation=self.affiliation,
        )
        for start, end in sorted(set(self.spans)):
            span = doc[start:end]
            actor.mentions.append(Mention(span.text, span.start_char, span.end_char))
        return actor


@dataclass
class _PersonMention:
    name: Span  # the name tokens alone
    start: int  # mention start, with title and qualifier
    cue: _Cue


class ResolverState(Protocol):
    """What the nominal-actor steps read and write of the document's resolver (`resolve`),
    named here so that those steps need not import it."""

    doc: Doc
    context: frozenset[str]
    drafts: dict[tuple[str, str | None, str], _Draft]
    ents_by_start: dict[int, Span]
    groups: dict[int, Span]
    titles: dict[int, Span]
    used: list[bool]

    def free(self, start: int, end: int) -> bool:
        """Whether no token of [start, end) belongs to an actor yet."""

    def add(self, draft: _Draft, start: int, end: int) -> _Draft:
        """Record a mention of a draft actor."""

    def group_after(self, ent: Span) -> Span | None:
        """The collective noun phrase a country word leads."""


# --------------------------------------------------------------------------- helpers


def _story_date(doc: Doc) -> dt.date | None:
    """The date office terms are read at: the reference date, else the dateline's date.

    The dateline component sets `doc._.reference_date` (from the dateline when the document
    has no date) before this layer runs: "Secretary General Stoltenberg" in 2023 is at NATO.
    """
    return doc._.reference_date


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the", trailing possessive, spaces or punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_space or doc[start].lower_ == "the"):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
    ):
        end -= 1
    if start == end:
        return None
    span = Span(doc, start, end, label=ent.label_)
    return span


def _is_person(ent: Span) -> bool:
    """A PERSON entity that is really a person, not a mis-tagged place, adjective or body.

    The knowledge base decides for names it holds: "Petrobras" tagged PERSON is a company.
    """
    text = ent.text
    if gz.people_named(text) or kb.knows(text, {"person"}):
        return True
    if kb.knows(text, {"organization", "group"}):
        return False
    listed = gz.listed_place_country(text)
    return not (listed or gz.adjective_code(text) or gz.organization_info(text))


_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "toward", "towards", "via"}
_PLACE_NOUNS = {
    "town", "city", "village", "port", "region", "province", "district", "island", "area",
    "border", "crossing", "checkpoint", "oblast", "county", "settlement", "harbour", "harbor",
}  # fmt: skip
# A one-word name in these roles only describes ("Riot police", "Joint Sword" drills).
_MODIFIER_DEPS = {"compound", "amod"}


def _known(text: str) -> bool:
    """Whether the gazetteer knows `text` as a person, body, country or place."""
    return bool(
        gz.people_named(text)
        or gz.organization_info(text)
        or gz.listed_place_country(text)
        or gz.adjective_code(text)
        or kb.knows(text, _NAMED_KINDS)
    )


_NAMED_KINDS = frozenset({"person", "organization", "group"})


def _not_an_actor(ent: Span) -> bool:
    """A PERSON or ORG span that names a thing or a place: "Simla Agreement", "in Yevlakh"."""
    if ent.label_ not in {"PERSON", "ORG"} or _known(ent.text):
        return False
    if gz.is_thing(ent.text) or ent.text.islower():
        return True  # a treaty, a weapon, or a common word ("café") the model capitalised
    return _in_place_context(ent)


def _in_place_context(ent: Span) -> bool:
    """Whether the words around an unknown name make it a place.

    "in/at/near Attari" (one word, no person cue), "the town of Yevlakh", "the Attari border
    crossing", or listed with known places ("Odesa, Chornomorsk and Pivdennyi").
    """
    if ent.text.isupper():
        return False  # acronyms name bodies ("at MIT")
    doc, root = ent.doc, ent.root
    before = doc[ent.start - 1] if ent.start > 0 else None
    if len(ent) == 1 and before is not None and before.lower_ in _PLACE_PREPS:
        # "in Tarcin" is a place; "to Brexit negotiators" names the negotiators.
        return before.pos_ == "ADP" and root.dep_ == "pobj"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_NOUNS:
        return True
    if root.dep_ in {"compound", "amod"} and head.lemma_.lower() in _PLACE_NOUNS:
        return True
    return any(
        t.i != root.i and (t.ent_type_ in {"GPE", "LOC", "FAC"} or gz.listed_place_country(t.text))
        for t in _conjuncts(root)
    )


def _conjuncts(token: Token) -> list[Token]:
    """Every member of the coordination `token` is part of ("Kinmen, Matsu and Wuqiu")."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    return [top, *top.conjuncts] if top.conjuncts or top.i != token.i else []


def _named_like_people(ents: list[Span], people: list[Span]) -> list[Span]:
    """Non-PERSON entities that are people: a listed name, or sharing a surname with a person.

    "Kamikawa" tagged ORG after "Yoko Kamikawa", "Vadim Krasikov" tagged ORG beside
    "Krasikov": the surname of a person named in the document joins that person, even when it
    is also a demonym ("Mark Cuban … Cuban said"), if it stands alone as a noun.
    """
    surnames = {p[-1].text.lower() for p in people if len(p) > 1}
    candidates = [
        e
        for e in ents
        if e.label_ != "PERSON"
        and not any(e is p for p in people)
        and (
            gz.people_named(e.text)
            or not (_known(e.text) or gz.country_code(e.text))
            or _standalone_surname(e, surnames)
        )
    ]
    surnames |= {p[-1].text.lower() for p in people}
    # "Vadim Krasikov ... Krasikov", both tagged ORG: a given name and a repeated surname.
    singles = {e.text.lower() for e in candidates if len(e) == 1}
    surnames |= {e[-1].text.lower() for e in candidates if _name_like(e) and len(e) > 1
                 and e[-1].text.lower() in singles}  # fmt: skip
    return [
        e
        for e in candidates
        if gz.people_named(e.text) or (_name_like(e) and e[-1].text.lower() in surnames)
    ]


def _standalone_surname(ent: Span, surnames: set[str]) -> bool:
    """A one-word demonym that is the surname of a person the document names in full and
    modifies nothing ("Cuban said", not "Cuban officials"); a country's name ("Jordan") is
    left to the country."""
    if len(ent) != 1 or ent.label_ != "NORP" or ent.text.lower() not in surnames:
        return False
    token = ent[0]
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    modifies = token.dep_ in ("amod", "compound", "nmod") or (
        after is not None and after.pos_ in ("NOUN", "PROPN")
    )
    return not modifies


def _name_like(ent: Span) -> bool:
    """One to three capitalised proper nouns, as a personal name is written."""
    return len(ent) <= 3 and all(t.is_title and t.pos_ == "PROPN" for t in ent)


def _doubtful_person(ent: Span, people: list[Span], titles: dict[int, Span]) -> bool:
    """A one-word PERSON span with nothing that says it is a person.

    No listing in the gazetteer, no title or honorific before it, no other mention sharing
    the word, and no role as one who acts, speaks or is acted on: it only modifies or lists
    ("Riot police", "Matsu and Wuqiu") or follows a place preposition ("islands of Wuqiu").
    """
    if len(ent) > 1 or gz.people_named(ent.text):
        return False
    word = ent.text.lower()
    if any(p is not ent and word in p.text.lower().split() for p in people):
        return False
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if ent.start in titles or before in _HONORIFICS:
        return False
    root = ent.root
    if root.dep_ == "pobj":
        return root.head.lower_ in _PLACE_PREPS or root.head.lower_ == "of"
    head = root.head.text
    named_for = gz.group_sector(head) or gz.office(head)
    if root.dep_ in _MODIFIER_DEPS and named_for and not root.is_sent_start:
        # "the Bush administration", "Brexit negotiators": a body named for it. At the start
        # of a sentence the capital may be the position's ("Riot police").
        return False
    return root.dep_ in _MODIFIER_DEPS or _in_place_context(ent)


def _unknown_body(ent: Span) -> bool:
    """An ORG span the gazetteer does not know ("Foreign Ministry"), as a body inside a role."""
    return ent.label_ == "ORG" and not _known(ent.text) and gz.organization(ent.text) is None


def _strip_inner(ent: Span) -> tuple[Span, _Cue]:
    """Split honorifics off the front of a PERSON entity ("Sir Keir Starmer")."""
    cue = _Cue()
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in _HONORIFICS:
        _honorific(cue, ent.doc[start])
        start += 1
    return ent.doc[start : ent.end], cue


def _honorific(cue: _Cue, token: Token) -> None:
    gender = _HONORIFICS.get(token.lower_)
    cue.gender = cue.gender or gender
    cue.first_name = cue.first_name or token.lower_ in _FIRST_NAME_HONORIFICS


def _merge(into: _Cue, cue: _Cue) -> None:
    """Fold one mention's cue into the person's: the first office and country found win."""
    if into.office is None and cue.office is not None:
        into.office, into.former = cue.office, cue.former
    if into.code is None and cue.code is not None:
        into.code, into.affiliation, into.sector = cue.code, cue.affiliation, cue.sector
    into.gender = into.gender or cue.gender


def _where(ent: Span) -> tuple[str, str | None] | None:
    """(country code, None) or ("IGO", short name) for a country/IGO word, else None."""
    text = ent.text
    igo = gz.organization(text)
    if igo is not None:
        return "IGO", igo
    code = gz.country_code(text) or gz.adjective_code(text)
    if code is None and gz.is_capital(text):
        code = gz.listed_place_country(text)
    if code is None and ent.label_ in {"GPE", "LOC", "FAC"}:
        # A city or region of the knowledge base stands for its country ("Basra", "Texas").
        code = gz.place_country(text, kb.context_codes(ent.doc))
    if code is None and ent.label_ == "ORG":
        # "NATO Allies", "EU leaders": an IGO name followed by members or leaders.
        first = ent.doc[ent.start : ent.start + 1].text
        igo = gz.organization(first)
        if igo is not None:
            return "IGO", igo
    return (code, None) if code else None


def _clean_name(text: str) -> str:
    """A name as stored: single spaces, no possessive."""
    name = " ".join(text.split())
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.removeprefix("the ").strip()


def _country(code: str) -> _Draft:
    return _Draft("country", gz.country_name(code), code=code)


def _group(code: str, sector: str) -> _Draft:
    label = _SECTOR_LABELS.get(sector, sector.lower())
    return _Draft("group", f"{gz.country_name(code)} {label}", code=code, sector=sector)


def _role_noun(title: Span) -> bool:
    """A title used as a definite noun phrase: "the Prime Minister", "the UK's minister".

    A bare title ("Biden was Vice president") describes rather than refers, so it is left out.
    """
    doc = title.doc
    if title.start == 0 or title[-1].dep_ == "compound":
        return False
    before = doc[title.start - 1]
    qualified = before.ent_type_ in {"GPE", "NORP", "ORG"}
    return before.lower_ == "the" or before.text in _POSSESSIVE or qualified


# Where something happens. A city one goes or sends to ("a visit to Paris", "aid to Gaza",
# "visited Kabul") is not here: event coders take its country as the one visited or helped.
_LOCATIVE = {
    "in", "at", "from", "near", "into", "across", "around", "outside", "inside", "via",
    "through",
}  # fmt: skip


def _is_place_of(ent: Span) -> bool:
    """A city named as where something happens ("a meeting in London"), not as an actor
    ("London said", "a visit to London")."""
    head = ent.root.head
    return ent.root.dep_ in {"pobj", "dobj"} and head.lower_ in _LOCATIVE


def _distance(draft: _Draft, token: int) -> tuple[int, int]:
    """Closest mention, preferring ones before `token` (a role noun looks back)."""
    before = [token - s for s, _ in draft.spans if s < token]
    if before:
        return 0, min(before)
    return 1, min(s - token for s, _ in draft.spans)
