"""Gazetteers written for sitroom: countries, organisations, offices, office holders, places.

The data lives in `resources/*.json` (written for this project from public facts) and is read
once per process. Codes are ISO 3166-1 alpha-3, with three decisions: Greenland keeps GRL
(news treats it as a party of its own although it belongs to the Kingdom of Denmark), Kosovo
uses the user-assigned XKX (PLOVER writes KOS), and international organisations are "IGO"
(state bodies, armed groups and NGOs carry a country code, or PLOVER's IMG / NGO).

Lookups are case-insensitive and ignore a leading "the", a possessive "'s" and full stops
("U.S." is "US").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from sitroom.knowledge import knowledge

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HYPHEN = re.compile(r"\s*-\s*")


@lru_cache(maxsize=65536)  # news repeats the same few hundred names
def normalize(name: str) -> str:
    """The lookup key of a name: lower case, no leading "the", possessive or full stops."""
    text = _SPACE.sub(" ", name.replace("’", "'").strip()).casefold()
    text = _POSSESSIVE.sub("", text).strip()
    text = _HYPHEN.sub("-", text)  # "al - Shabaab" as a tokenizer spaces it is "al-Shabaab"
    if text.startswith("the "):
        text = text[4:]
    return text.replace(".", "").strip()


@dataclass(frozen=True)
class Office:
    """An office title with its PLOVER sector; `igo` when it usually belongs to an IGO."""

    title: str
    sector: str
    igo: bool = False


@dataclass(frozen=True)
class Organization:
    """An organisation coded as an actor: "IGO", or a country / PLOVER code and a sector."""

    name: str
    code: str
    sector: str | None = None


@dataclass(frozen=True)
class Term:
    """One person's time in one office. `code` is ISO3 or "IGO" (then `affiliation` is set)."""

    office: str
    code: str
    affiliation: str | None
    start: dt.date
    end: dt.date | None  # the first day out of office; None while in office

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls inside the term."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    """A prominent office holder with the names news uses for them."""

    name: str
    aliases: tuple[str, ...]
    gender: str | None
    terms: tuple[Term, ...] = field(default_factory=tuple)

    def term_at(self, day: dt.date | None) -> Term | None:
        """The office held on `day` (the current one when `day` is None), or None."""
        if day is None:
            return next((t for t in reversed(self.terms) if t.end is None), None)
        held = [t for t in self.terms if t.covers(day)]
        # Two offices at once (rare): the later appointment is the one news leads with.
        return held[-1] if held else None

    def last_term(self, day: dt.date | None) -> Term | None:
        """The latest term that started before `day` (any term when `day` is None)."""
        before = [t for t in self.terms if day is None or t.start <= day]
        return max(before, key=lambda t: t.start) if before else None


@dataclass
class Gazetteer:
    """All lookup tables, keyed by `normalize`d names."""

    country_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    countries: dict[str, str] = field(default_factory=dict)  # name -> code
    adjectives: dict[str, str] = field(default_factory=dict)  # demonym -> code
    places: dict[str, str] = field(default_factory=dict)  # city / region -> code
    capitals: set[str] = field(default_factory=set)
    organizations: dict[str, Organization] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)  # form -> office
    office_titles: dict[str, Office] = field(default_factory=dict)  # title -> office
    groups: dict[str, str] = field(default_factory=dict)  # group noun -> sector
    people: dict[str, list[Person]] = field(default_factory=dict)  # name or alias -> people
    surface: dict[str, list[str]] = field(default_factory=dict)  # label -> forms for the ruler
    thing_heads: set[str] = field(default_factory=set)  # "agreement": a name that is a thing
    things: set[str] = field(default_factory=set)  # "patriot": named objects, not actors


def _read(name: str) -> Any:
    return json.loads(resources.files("sitroom").joinpath("resources", name).read_text("utf-8"))


def _plurals(adjective: str) -> list[str]:
    """People nouns made from a demonym: "Ukrainian" -> "Ukrainians", "Israeli" -> "Israelis"."""
    if adjective.endswith(("an", "i", "er", "ot", "ar")):
        return [adjective + "s"]
    return []


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _load_countries(gaz: Gazetteer) -> None:
    for entry in _read("countries.json")["countries"]:
        code = entry["code"]
        gaz.country_names[code] = entry["names"][0]
        for name in entry["names"]:
            gaz.countries.setdefault(normalize(name), code)
            gaz.surface.setdefault("GPE", []).append(name)
        for adjective in entry["adjectives"]:
            for form in [adjective, *_plurals(adjective)]:
                gaz.adjectives.setdefault(normalize(form), code)
                gaz.surface.setdefault("NORP", []).append(form)
    # The knowledge base's country table lists plurals and variants the file above leaves
    # out ("Czechs", "Spaniards", "Filipinos", "Bosniaks"); they join the demonyms of the
    # countries sitroom codes. "English" stays out: it names the language more often.
    for country in knowledge().countries.values():
        if country.iso3 not in gaz.country_names:
            continue
        for form in country.demonyms:
            if form in _NOT_DEMONYMS or normalize(form) in gaz.adjectives:
                continue
            if normalize(form) in gaz.countries:
                continue
            gaz.adjectives[normalize(form)] = country.iso3
            gaz.surface.setdefault("NORP", []).append(form)


# Demonyms of the knowledge base's country table that more often mean something else.
_NOT_DEMONYMS = {"English", "Manx", "Kiwi", "Kiwis"}


def _load_places(gaz: Gazetteer) -> None:
    data = _read("places.json")
    for key, is_capital in (("capitals", True), ("places", False)):
        for code, names in data[key].items():
            for name in names:
                gaz.places.setdefault(normalize(name), code)
                if is_capital:
                    gaz.capitals.add(normalize(name))
                gaz.surface.setdefault("GPE", []).append(name)


# Regions of any size and cities of at least this many people whose name holds another
# country's or place's name are matched whole.
NAMESAKE_POPULATION = 100_000


def _load_namesakes(gaz: Gazetteer) -> None:
    """Places of the knowledge base whose name holds the name of a place or country elsewhere
    ("New Mexico", "East London", "Santiago de Cuba", "Benin City"): matched whole, so that the
    shorter name inside them does not give the other country."""
    named = {**gaz.places, **gaz.countries}
    for place in knowledge().places.places:
        name = normalize(place.name)
        if " " not in name or name in named:
            continue
        if place.kind != "region" and place.population < NAMESAKE_POPULATION:
            continue
        words = name.split()
        inner = (" ".join(words[i:j]) for i in range(len(words))
                 for j in range(i + 1, len(words) + 1) if j - i < len(words))  # fmt: skip
        if any(named.get(part, place.country) != place.country for part in inner):
            gaz.places[name] = place.country
            gaz.surface.setdefault("GPE", []).append(place.name)


def _load_organizations(gaz: Gazetteer) -> None:
    data = _read("organizations.json")
    for entry in data["organizations"]:
        org = Organization(entry["name"], entry.get("code", "IGO"), entry.get("sector"))
        for name in entry["names"]:
            gaz.organizations.setdefault(normalize(name), org)
            gaz.surface.setdefault("ORG", []).append(name)
    not_actors = data.get("not_actors", {})
    gaz.thing_heads = {normalize(h) for h in not_actors.get("heads", [])}
    gaz.things = {normalize(t) for t in not_actors.get("things", [])}


def _load_offices(gaz: Gazetteer) -> None:
    data = _read("offices.json")
    for entry in data["offices"]:
        office = Office(entry["title"], entry["sector"], bool(entry.get("igo")))
        gaz.office_titles[normalize(office.title)] = office
        for form in [office.title, *entry["forms"]]:
            gaz.offices.setdefault(normalize(form), office)
    for sector, nouns in data["groups"].items():
        if sector.startswith("_"):
            continue
        for noun in nouns:
            gaz.groups.setdefault(normalize(noun), sector)


def _term(raw: list[Any]) -> Term:
    office, where, start, end = raw
    if where.startswith("IGO:"):
        return Term(office, "IGO", where[4:], _date(start), _date(end))  # type: ignore[arg-type]
    return Term(office, where, None, _date(start), _date(end))  # type: ignore[arg-type]


def _load_people(gaz: Gazetteer) -> None:
    for entry in _read("officeholders.json")["people"]:
        person = Person(
            name=entry["name"],
            aliases=tuple(entry["aliases"]),
            gender=entry.get("gender"),
            terms=tuple(sorted((_term(t) for t in entry["terms"]), key=lambda t: t.start)),
        )
        for name in [person.name, *person.aliases]:
            gaz.people.setdefault(normalize(name), []).append(person)
            gaz.surface.setdefault("PERSON", []).append(name)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read from the package resources once per process."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_places(gaz)
    _load_namesakes(gaz)
    _load_organizations(gaz)
    _load_offices(gaz)
    _load_people(gaz)
    return gaz


def country_code(name: str) -> str | None:
    """ISO3 code of a country name or short name ("UK", "the United States"), or None."""
    return gazetteer().countries.get(normalize(name))


def adjective_code(word: str) -> str | None:
    """ISO3 code of a demonym or country adjective ("Danish", "Britons"), or None."""
    return gazetteer().adjectives.get(normalize(word))


def country_name(code: str) -> str:
    """Canonical short name of a country code (the code itself when unknown)."""
    return gazetteer().country_names.get(code, code)


def listed_place_country(name: str) -> str | None:
    """ISO3 code of a country, capital or city in sitroom's own tables, or None."""
    key = normalize(name)
    gaz = gazetteer()
    return gaz.countries.get(key) or gaz.places.get(key)


def place_country(name: str, context: Iterable[str] = ()) -> str | None:
    """ISO 3166-1 alpha-3 code of the country a place name (country, capital, city) lies in.

    sitroom's own tables first, then the GeoNames cities and regions of the knowledge base,
    where a name several places share is decided by the story's country codes `context` and
    by population (see `sitroom.knowledge.places`).
    """
    kb = knowledge()
    found = listed_place_country(name) or kb.place_country(name, context)
    if found is None:
        # The dictionaries list cities and provinces under their country ("Helmand",
        # "Leningrad"): a name that only a country-level entry carries is in that country.
        countries = {e.roles[0].code.code for e in kb.actors.lookup(name)
                     if e.kind == "country" and e.roles}  # fmt: skip
        if len(countries) == 1:
            found = countries.pop()
    return found


def is_capital(name: str) -> bool:
    """Whether `name` is a seat of government ("Moscow", "the White House")."""
    return normalize(name) in gazetteer().capitals


def organization(name: str) -> str | None:
    """Short name of an international organisation ("European Union" -> "EU"), or None."""
    org = gazetteer().organizations.get(normalize(name))
    return org.name if org is not None and org.code == "IGO" else None


def organization_info(name: str) -> Organization | None:
    """Any organisation in the gazetteer: IGOs, state bodies, armed groups, NGOs."""
    return gazetteer().organizations.get(normalize(name))


def is_thing(name: str) -> bool:
    """Whether a name tagged as a person or organisation names a thing, not an actor.

    Agreements, events and buildings ("Simla Agreement", "Peace Museum") end in a thing noun;
    weapon systems ("Patriot") are listed.
    """
    key = normalize(name)
    gaz = gazetteer()
    return key in gaz.things or (" " in key and key.rsplit(" ", 1)[1] in gaz.thing_heads)


def office(title: str) -> Office | None:
    """The office a title form names ("defense minister" -> Defence Minister), or None."""
    return gazetteer().offices.get(normalize(title))


def group_sector(noun: str) -> str | None:
    """PLOVER sector of a collective noun ("troops" -> MIL, "officials" -> GOV), or None."""
    return gazetteer().groups.get(normalize(noun))


def people_named(name: str) -> list[Person]:
    """Office holders known by `name` (full name or listed alias)."""
    return gazetteer().people.get(normalize(name), [])


def person(name: str, day: dt.date | None = None) -> Person | None:
    """The office holder called `name`; with several, the one in office on `day`."""
    candidates = people_named(name)
    if len(candidates) > 1 and day is not None:
        in_office = [p for p in candidates if p.term_at(day)]
        candidates = in_office or candidates
    return candidates[0] if candidates else None


def office_holder(
    title: str, code: str | None, affiliation: str | None, day: dt.date | None
) -> Person | None:
    """Who held office `title` for country `code` (or IGO `affiliation`) on `day`."""
    holders = _holders().get(title, [])
    for person_, term in holders:
        if code is not None and term.code != code:
            continue
        if affiliation is not None and term.affiliation != affiliation:
            continue
        if (day is None and term.end is None) or (day is not None and term.covers(day)):
            return person_
    return None


@cache
def _holders() -> dict[str, list[tuple[Person, Term]]]:
    """Office title -> every (person, term) of it, built once."""
    table: dict[str, list[tuple[Person, Term]]] = {}
    seen: set[str] = set()
    for people in gazetteer().people.values():
        for person_ in people:
            if person_.name in seen:
                continue
            seen.add(person_.name)
            for term in person_.terms:
                table.setdefault(term.office, []).append((person_, term))
    return table
