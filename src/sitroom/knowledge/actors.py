"""Named actors of the knowledge base: persons with dated roles, countries, organisations, groups.

Resolution is dated. On a day inside one of a person's dated roles the person is coded as
that role says ("Boris Yeltsin" on 1995-06-01: RUS, GOV). Outside every dated role the person
keeps their country and the sector is left empty rather than guessed (Yeltsin in 1975: RUS,
no sector). A name that several entries share is resolved from the article's context (the
countries it mentions, its dateline); failing that, from which of them held a role on the day;
failing that it stays uncoded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.knowledge import codes
from sitroom.knowledge.tables import key, open_table, split

KINDS = ("person", "country", "organization", "group")


@dataclass(frozen=True, slots=True)
class Role:
    """One coded role of an entry; `start`/`end` are inclusive and None when open."""

    code: codes.Code
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        """Whether the role is limited in time."""
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        """Whether the role is held on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def distance(self, day: dt.date) -> int:
        """Days between `day` and the role (0 inside it)."""
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor of the knowledge base.

    Attributes:
        kind: "person", "country", "organization" or "group" (an armed non-state group).
        name: the name to show ("Kofi Annan", "Amnesty International").
        aliases: other names for it, as written in the dictionary.
        roles: coded roles, dated or not, in dictionary order.
        source: which dictionary it comes from.
    """

    kind: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name codes as on a day.

    Attributes:
        entry: the entry chosen, or None when the name is ambiguous and nothing decides.
        code: ISO3 country code, IGO, NGO, MNC or IMG; None when uncoded.
        sector: PLOVER sector of the role held on the day; None outside every dated role.
        secondary: further sectors of that role.
        affiliation: for IGO roles, the body's CAMEO prefix ("IGOUNO"); see `igo_name`.
        role: the role that gave the code (None when the code is the country kept outside
            every dated role).
        candidates: every entry the name may stand for (one when unambiguous).
    """

    entry: Entry | None
    code: str | None
    sector: str | None = None
    secondary: tuple[str, ...] = ()
    affiliation: str | None = None
    role: Role | None = None
    candidates: tuple[Entry, ...] = ()


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def parse_roles(cell: str) -> tuple[Role, ...]:
    """Roles from an actors.tsv cell: "RUSGOV:1991-07-10:1999-12-31;RUSELI"."""
    roles = []
    for part in split(cell, ";"):
        code, _, span = part.partition(":")
        start, _, end = span.partition(":")
        if code.strip("-"):
            roles.append(Role(codes.parse(code), _date(start), _date(end)))
    return tuple(roles)


def code_on(entry: Entry, day: dt.date | None) -> Resolution:
    """How `entry` is coded on `day` (no date: its country, with no sector, for a person)."""
    dated = [r for r in entry.roles if r.dated and (r.code.code or r.code.sector)]
    undated = [r for r in entry.roles if not r.dated and (r.code.code or r.code.sector)]
    if day is not None:
        held = [r for r in dated if r.covers(day) and r.code.code]
        if held:
            # Two roles at once: the later appointment is the one news leads with.
            role = max(held, key=lambda r: r.start or dt.date.min)
            return _resolution(entry, role)
    if not dated:
        role = next((r for r in undated if r.code.code), None)
        return _resolution(entry, role) if role else Resolution(entry, None, candidates=(entry,))
    # Outside every dated role: the country, no sector. The dictionary's own default comes
    # first when it names a country; else the country of the nearest role in time.
    default = next((r for r in undated if r.code.code), None)
    if default is None:
        placed = [r for r in dated if r.code.code]
        if not placed:
            return Resolution(entry, None, candidates=(entry,))
        if day is None:
            default = max(placed, key=lambda r: r.end or r.start or dt.date.min)
        else:
            default = min(placed, key=lambda r: r.distance(day))
    return Resolution(
        entry, default.code.code, affiliation=default.code.affiliation, candidates=(entry,)
    )


def _resolution(entry: Entry, role: Role) -> Resolution:
    return Resolution(
        entry,
        role.code.code,
        role.code.sector,
        role.code.secondary,
        role.code.affiliation,
        role,
        (entry,),
    )


class ActorTable:
    """Every named actor, indexed by `key`ed name; built once per process by `knowledge()`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = []
        self._index: dict[str, list[int]] = {}
        self._igo_names: dict[str, str] | None = None
        self._surnames: dict[str, list[int]] | None = None
        self._given: frozenset[str] | None = None
        self.extend(entries)

    def extend(self, entries: Iterable[Entry], override: bool = False) -> None:
        """Add entries; with `override`, a name they use no longer finds the older entries."""
        for entry in entries:
            number = len(self.entries)
            self.entries.append(entry)
            for name in dict.fromkeys(key(n) for n in entry.names):
                if not name:
                    continue
                slot = self._index.setdefault(name, [])
                if override and slot and self.entries[slot[0]] is not entry:
                    slot.clear()
                slot.append(number)
        self._igo_names = None
        self._surnames = None
        self._given = None

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every entry known by `name` (any case, with or without "the", accents, dots)."""
        return tuple(self.entries[i] for i in self._index.get(key(name), ()))

    def keys(self) -> Iterator[tuple[str, str]]:
        """(key, kind of its first entry) for every indexed name, to build a phrase matcher."""
        for name, numbers in self._index.items():
            yield name, self.entries[numbers[0]].kind

    def resolve(
        self, name: str, day: dt.date | None = None, context: Iterable[str] = ()
    ) -> Resolution | None:
        """How `name` codes on `day`, given the country codes `context` of the article.

        Returns None for an unknown name, and a Resolution with no entry and no code when the
        name stands for entries of several codes and neither the context nor the day decides.
        """
        entries = self.lookup(name)
        if not entries:
            return None
        options = [code_on(e, day) for e in entries]
        chosen = _decide(options, set(context), day)
        if chosen is None:
            return Resolution(None, None, candidates=entries)
        return Resolution(
            chosen.entry,
            chosen.code,
            chosen.sector,
            chosen.secondary,
            chosen.affiliation,
            chosen.role,
            entries,
        )

    def resolve_surname(
        self, word: str, day: dt.date | None = None, context: Iterable[str] = ()
    ) -> Resolution | None:
        """How a bare surname codes ("Uribe", "Papandreou"): as the persons whose names end
        in it, when they agree on a country or the context decides among them.

        A word that begins some person's name is never read as a surname: it is a given name
        ("Scott") or an East Asian family name written first ("Kim"), and says too little.
        """
        if self._surnames is None:
            self._surnames = _surname_index(self.entries)
        numbers = self._surnames.get(key(word))
        if not numbers:
            return None
        entries = tuple(self.entries[i] for i in numbers)
        chosen = _decide([code_on(e, day) for e in entries], set(context), day)
        if chosen is None or not chosen.code:
            return None
        return dataclasses.replace(chosen, candidates=entries)

    def begins_a_name(self, word: str) -> bool:
        """Whether some listed person's name begins with `word` (a given name: "Ronald")."""
        if self._given is None:
            self._given = frozenset(
                words[0]
                for entry in self.entries
                if entry.kind == "person"
                for words in (key(name).split() for name in entry.names)
                if len(words) > 1
            )
        return key(word) in self._given

    def igo_name(self, affiliation: str) -> str | None:
        """The name of the body an IGO code stands for ("IGOUNO" -> "United Nations").

        The body is the organisation coded exactly so (the one with most aliases when several
        are); a code no body carries falls back to its shorter prefixes ("IGOUNODEV" -> the UN).
        """
        if self._igo_names is None:
            best: dict[str, Entry] = {}
            for entry in self.entries:
                if entry.kind != "organization" or len(entry.roles) != 1:
                    continue
                cameo = entry.roles[0].code.cameo
                if cameo.startswith("IGO") and len(entry.aliases) > len(
                    best[cameo].aliases if cameo in best else ()
                ) - (cameo not in best):
                    best[cameo] = entry
            self._igo_names = {code: entry.name for code, entry in best.items()}
        code = affiliation
        while len(code) > 3:
            if code in self._igo_names:
                return self._igo_names[code]
            code = code[:-3]
        return None

    def counts(self) -> dict[str, int]:
        """Entries by kind."""
        return dict(Counter(e.kind for e in self.entries))

    def decades(self) -> dict[int, int]:
        """Persons holding a dated role in each decade (1940 -> 1940-1949)."""
        found: Counter[int] = Counter()
        for entry in self.entries:
            if entry.kind != "person":
                continue
            spans: set[int] = set()
            for role in entry.roles:
                if not role.dated:
                    continue
                first = (role.start or role.end or dt.date.min).year
                last = (role.end or dt.date(2015, 2, 28)).year
                spans.update(range(first - first % 10, last + 1, 10))
            found.update(d for d in spans if d >= 1900)
        return dict(sorted(found.items()))


def _surname_index(entries: list[Entry]) -> dict[str, list[int]]:
    """Last words of persons' names -> the persons, leaving out words that begin a name."""
    last: dict[str, list[int]] = {}
    first: set[str] = set()
    for number, entry in enumerate(entries):
        if entry.kind != "person":
            continue
        for name in entry.names:
            words = key(name).split()  # "Lopez-Gatell" stays one surname
            if len(words) < 2:
                continue
            first.add(words[0])
            slot = last.setdefault(words[-1], [])
            if not slot or slot[-1] != number:
                slot.append(number)
    return {word: numbers for word, numbers in last.items() if word not in first and len(word) > 3}


def _decide(options: list[Resolution], context: set[str], day: dt.date | None) -> Resolution | None:
    """One resolution among the entries sharing a name, or None when they disagree."""
    coded = [o for o in options if o.code]
    if not coded:
        return options[0]
    if len({o.code for o in coded}) == 1:
        return _best(coded)
    in_context = [o for o in coded if o.code in context]
    if in_context and len({o.code for o in in_context}) == 1:
        return _best(in_context)
    if day is not None:
        in_role = [o for o in coded if o.role is not None and o.role.dated]
        if in_role and len({o.code for o in in_role}) == 1:
            return _best(in_role)
    return None


def _best(options: list[Resolution]) -> Resolution:
    """Among resolutions of one code: the one holding a sector, then the first listed."""
    return next((o for o in options if o.sector), options[0])


def read_actors(path: Path | None = None) -> Iterator[Entry]:
    """Entries of the shipped actors table, or of a user's file in the same format."""
    for row in open_table("actors.tsv.gz", path):
        kind = row.get("kind") or "organization"
        if kind not in KINDS or not row.get("name"):
            continue
        yield Entry(
            kind=kind,
            name=row["name"],
            aliases=tuple(split(row.get("aliases"))),
            roles=parse_roles(row.get("roles") or ""),
            source=row.get("source") or (str(path) if path else ""),
        )
