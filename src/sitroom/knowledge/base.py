"""The knowledge base as one object, read from the package data once per process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from sitroom import extensions
from sitroom.knowledge import prebuilt
from sitroom.knowledge.actors import ActorTable, Resolution, read_actors
from sitroom.knowledge.agents import Agent, AgentTable, read_agents
from sitroom.knowledge.names import Trie, build_trie
from sitroom.knowledge.places import Place, PlaceTable, read_places
from sitroom.knowledge.tables import key, open_table, split

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Country:
    """A country with its ISO codes, name and demonyms ("Italian", "Italians")."""

    iso2: str
    iso3: str
    name: str
    demonyms: tuple[str, ...]


@dataclass
class KnowledgeBase:
    """Actors, agents, places and countries. Each table is read on first use.

    Use `knowledge()` for the shared instance; build one with `extra` files (the same
    formats as the shipped ones, see `sitroom.knowledge.tables`) to add a user's own.
    """

    extra_actors: tuple[Path, ...] = ()
    extra_agents: tuple[Path, ...] = ()
    extra_places: tuple[Path, ...] = ()
    _countries: dict[str, Country] = field(default_factory=dict, repr=False)

    @cached_property
    def _shipped(self) -> dict[str, Any]:
        """The shipped tables as pre-built, if the pre-built file is current (this instance's
        own copy: the user's files extend it)."""
        return prebuilt.load() or {}

    def _built(self, name: str, build: Callable[[], T]) -> T:
        found = self._shipped.get(name)
        return build() if found is None else found

    @cached_property
    def actors(self) -> ActorTable:
        """Persons, countries, organisations and armed groups."""
        table = self._built("actors", lambda: ActorTable(read_actors()))
        for path in self.extra_actors:
            table.extend(read_actors(path), override=True)
        return table

    @cached_property
    def agents(self) -> AgentTable:
        """Agent nouns."""
        table = self._built("agents", lambda: AgentTable(read_agents()))
        for path in self.extra_agents:
            table.extend(read_agents(path))
        return table

    @cached_property
    def places(self) -> PlaceTable:
        """Cities and regions."""
        table = self._built("places", lambda: PlaceTable(read_places()))
        for path in self.extra_places:
            table.extend(read_places(path))
        return table

    @cached_property
    def names(self) -> Trie:
        """The names of persons, organisations, groups and agent nouns as tokens, for the
        actor layer's one pass over a document (see `sitroom.knowledge.names`)."""
        shipped = self._shipped.get("names")
        if shipped is not None and not (self.extra_actors or self.extra_agents):
            return shipped
        return build_trie(self.actors, self.agents, known=shipped)

    def load(self) -> KnowledgeBase:
        """Read every table now rather than on first use (before worker processes fork, so
        they share them)."""
        for table in ("actors", "agents", "places", "names", "countries", "_country_names"):
            getattr(self, table)
        return self

    @cached_property
    def countries(self) -> dict[str, Country]:
        """Countries by ISO3 code."""
        table = {}
        for row in open_table("countries.tsv.gz"):
            country = Country(row["iso2"], row["iso3"], row["name"], tuple(split(row["demonyms"])))
            table[country.iso3] = country
        return table

    @cached_property
    def _country_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for country in self.countries.values():
            for name in (country.name, country.iso3, *country.demonyms):
                names.setdefault(key(name), country.iso3)
        return names

    # -- questions

    def resolve(
        self, name: str, day: dt.date | None = None, context: Iterable[str] = ()
    ) -> Resolution | None:
        """How a named actor codes on `day` (see `ActorTable.resolve`)."""
        return self.actors.resolve(name, day, context)

    def agent(self, noun: str) -> Agent | None:
        """The agent a noun names ("police" -> COP), or None."""
        return self.agents.lookup(noun)

    def place(self, name: str, context: Iterable[str] = ()) -> Place | None:
        """The place a name most likely means, given the article's country codes."""
        return self.places.resolve(name, context)

    def place_country(self, name: str, context: Iterable[str] = ()) -> str | None:
        """ISO3 code of the country a city or region lies in, or None."""
        found = self.place(name, context)
        return found.country if found else None

    def country_code(self, name: str) -> str | None:
        """ISO3 code of a country's name or demonym ("Italy", "Italians"), or None."""
        return self._country_names.get(key(name))

    def counts(self) -> dict[str, int]:
        """How many entries of each kind the knowledge base holds."""
        counts = dict(self.actors.counts())
        counts["agent"] = len(self.agents)
        counts.update(self.places.counts())
        return counts


def knowledge() -> KnowledgeBase:
    """The knowledge base in use: the shipped one, plus the user's actor, agent and place files
    installed in `sitroom.extensions` (one instance per set of files, shared by the process)."""
    user = extensions.active()
    return _knowledge(user.actors, user.agents, user.places, user.stamp)


@cache
def _knowledge(
    actors: tuple[Path, ...], agents: tuple[Path, ...], places: tuple[Path, ...], stamp: str
) -> KnowledgeBase:
    # `stamp` (the files' fingerprint) is part of the key: edited files are read again.
    return KnowledgeBase(extra_actors=actors, extra_agents=agents, extra_places=places)
