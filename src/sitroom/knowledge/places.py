"""Places -> countries, offline: GeoNames cities of 15,000+ people and US states.

A place name shared by several places ("Paris": France, and a town in Texas) is decided by the
article's context first (a country it mentions or its dateline), then by population: the most
populous place wins when it is at least `DOMINANCE` times the next one; otherwise the name
stays unresolved rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.knowledge.tables import key, open_table, split

# How many times the largest place must outnumber the next to win without context. Set so
# that "Paris" (2.1M against 25k), "Tripoli" (Libya's 1.2M against Lebanon's 230k) and
# "Hyderabad" (India's 3.6M against Pakistan's 1.4M) resolve, while names of two towns of a
# size ("Valencia": Spain 800k, Venezuela 1.4M) do not.
DOMINANCE = 2.5


@dataclass(frozen=True, slots=True)
class Place:
    """A city or region with the country it lies in."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    population: int
    admin1: str  # GeoNames admin1 code ("TX", "08"), "" when unknown
    kind: str  # "city" or "region"
    geonameid: int


class PlaceTable:
    """Places indexed by `key`ed name and alternate names; built once by `knowledge()`."""

    def __init__(self, rows: Iterable[tuple[Place, list[str]]]) -> None:
        self.places: list[Place] = []
        self._index: dict[str, list[int]] = {}
        self.extend(rows)

    def extend(self, rows: Iterable[tuple[Place, list[str]]]) -> None:
        """Add places with their alternate names."""
        for place, alternates in rows:
            number = len(self.places)
            self.places.append(place)
            for name in dict.fromkeys(key(n) for n in [place.name, *alternates]):
                if name:
                    self._index.setdefault(name, []).append(number)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called `name`, the most populous first."""
        found = [self.places[i] for i in self._index.get(key(name), ())]
        return tuple(sorted(found, key=lambda p: -p.population))

    def keys(self) -> Iterator[str]:
        """Every indexed name key, to build a phrase matcher."""
        yield from self._index

    def resolve(self, name: str, context: Iterable[str] = ()) -> Place | None:
        """The place `name` most likely means, given the article's country codes `context`."""
        found = self.lookup(name)
        if not found:
            return None
        countries = {p.country for p in found}
        if len(countries) == 1:
            return found[0]
        wanted = set(context)
        in_context = [p for p in found if p.country in wanted]
        if in_context and len({p.country for p in in_context}) == 1:
            return in_context[0]
        first = found[0]
        runner_up = next(p for p in found if p.country != first.country)
        if first.population >= DOMINANCE * max(runner_up.population, 1):
            return first
        return None

    def counts(self) -> dict[str, int]:
        """Places by kind."""
        counts: dict[str, int] = {}
        for place in self.places:
            counts[place.kind] = counts.get(place.kind, 0) + 1
        return counts


def read_places(path: Path | None = None) -> Iterator[tuple[Place, list[str]]]:
    """(place, alternate names) from the shipped table, or a user's file in the same format."""
    for row in open_table("places.tsv.gz", path):
        if not row.get("name") or not row.get("country"):
            continue
        place = Place(
            name=row["name"],
            country=row["country"],
            population=int(row.get("population") or 0),
            admin1=row.get("admin1") or "",
            kind=row.get("kind") or "city",
            geonameid=int(row.get("geonameid") or 0),
        )
        yield place, split(row.get("alternates"))
