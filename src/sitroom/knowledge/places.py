"""Places -> countries, offline: GeoNames cities of 15,000+ people and US states.

A place name shared by several places ("Paris": France, and a town in Texas) is decided by the
article's context first (a country it mentions or its dateline), then by population: the most
populous place wins when it is at least `DOMINANCE` times the next one; otherwise the name
stays unresolved rather than guessed. A small town of a country the story does not name is
not taken when the story names other countries (see `SMALL_ABROAD`).
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


# A town smaller than this, in a country the story never names, is taken for a namesake the
# gazetteer lacks rather than for itself (GeoNames lists towns of 15,000+; a story about
# Nigeria that names "Borno" means the state, not a German town).
SMALL_ABROAD = 100_000


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
        """Every place called `name`: regions first (GeoNames gives US states no population;
        a state outranks a town of its name), then the most populous."""
        found = [self.places[i] for i in self._index.get(key(name), ())]
        return tuple(sorted(found, key=lambda p: (p.kind != "region", -p.population)))

    def keys(self) -> Iterator[str]:
        """Every indexed name key, to build a phrase matcher."""
        yield from self._index

    def resolve(self, name: str, context: Iterable[str] = ()) -> Place | None:
        """The place `name` most likely means, given the article's country codes `context`.

        A name not listed as written is tried without a compass word or a generic noun around
        it ("North Florida", "Hama Province", "Washington State") and, when hyphenated, by its
        first part ("Saxony-Anhalt").
        """
        found = ()
        for variant in variants(name):
            found = self.lookup(variant)
            if found:
                break
        if not found:
            return None
        countries = {p.country for p in found}
        wanted = set(context)
        if len(countries) == 1:
            if wanted and found[0].country not in wanted and _small_town(found[0]):
                return None  # "Borno" in a Nigerian story is not the German town of that name
            return found[0]
        in_context = [p for p in found if p.country in wanted]
        if in_context and len({p.country for p in in_context}) == 1:
            return in_context[0]
        if wanted and not in_context and _small_town(found[0]):
            return None
        first = found[0]
        runner_up = next(p for p in found if p.country != first.country)
        if first.kind == "region" or first.population >= DOMINANCE * max(runner_up.population, 1):
            return first
        return None

    def counts(self) -> dict[str, int]:
        """Places by kind."""
        counts: dict[str, int] = {}
        for place in self.places:
            counts[place.kind] = counts.get(place.kind, 0) + 1
        return counts


_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
            "central", "upstate", "downstate", "northeast", "northwest", "southeast",
            "southwest", "greater", "rural", "downtown", "suburban"}  # fmt: skip
_GENERIC = {"state", "county", "province", "region", "district", "governorate", "oblast",
            "city", "parish", "prefecture", "municipality", "department", "territory"}  # fmt: skip


def variants(name: str) -> list[str]:
    """The name, then without compass words before or a generic noun after, then its first
    hyphenated part."""
    words = key(name).split()
    out = [" ".join(words)]
    while len(words) > 1 and words[0] in _COMPASS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _GENERIC:
        words = words[:-1]
    out.append(" ".join(words))
    if len(words) == 1 and "-" in words[0]:
        out.append(words[0].split("-")[0])
    return list(dict.fromkeys(v for v in out if v))


def _small_town(place: Place) -> bool:
    return place.kind == "city" and place.population < SMALL_ABROAD


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
