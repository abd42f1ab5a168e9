"""Agent nouns -> PLOVER sectors ("police" -> COP, "dock workers" -> LAB) and countries.

Agents are the common nouns that name a kind of actor rather than one actor; with a country
from elsewhere in the phrase ("Italian dock workers") they make a coded actor. petrarch2's
agents use CAMEO's sector codes and NGEC's use PLOVER's; the build script rewrites the former
so both mean the same, and NGEC's entry wins where the two files disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitroom.knowledge import codes
from sitroom.knowledge.tables import key, open_table

# NGEC's marks for nouns that are not actors ("JNK") or name no sector ("NON").
_SKIP = {"JNK", "NON"}


@dataclass(frozen=True, slots=True)
class Agent:
    """What an agent noun says about the actor it names.

    Attributes:
        form: the noun as matched ("dock workers").
        lemma: its singular ("dock worker").
        sector: PLOVER sector, or None for a kind-only agent ("human rights body": NGO).
        secondary: further sectors ("CVL" then "OPP" for "dissidents").
        code: an actor code the noun sets by itself (NGO, IGO, MNC, IMG), else None.
        cameo: the code as written in the dictionary.
    """

    form: str
    lemma: str
    sector: str | None
    secondary: tuple[str, ...]
    code: str | None
    cameo: str


def make_agent(form: str, lemma: str, cameo: str) -> Agent | None:
    """An `Agent` from a dictionary code ("~COP", "NGO~", "~GOVMIL"); None if no actor."""
    body = cameo.strip().strip("~").upper()
    if not body or body[:3] in _SKIP:
        return None
    kind = body[:3] if body[:3] in codes.INTERNATIONAL else None
    rest = body[3:] if kind else body
    parsed = codes.parse("~" + rest, plover=True) if rest else codes.Code(cameo, None, None)
    if kind is None and parsed.sector is None:
        return None
    return Agent(form, lemma, parsed.sector, parsed.secondary, kind, cameo)


class AgentTable:
    """Agent nouns indexed by `key`ed form; built once per process by `knowledge()`."""

    def __init__(self, agents: Iterable[Agent]) -> None:
        self._index: dict[str, Agent] = {}
        self.extend(agents)

    def extend(self, agents: Iterable[Agent]) -> None:
        """Add agents; a form already known is replaced (later files override)."""
        for agent in agents:
            self._index[key(agent.form)] = agent

    def lookup(self, noun: str) -> Agent | None:
        """The agent a noun or noun phrase names ("Police", "dock workers"), or None."""
        return self._index.get(key(noun))

    def find(self, phrase: str) -> Agent | None:
        """The agent of a noun phrase: the whole phrase, written as one word ("dock workers" as
        "dockworkers"), else its longest final words that are an agent ("Italian dock
        workers" -> "workers")."""
        words = key(phrase).split()
        for start in range(len(words)):
            tail = words[start:]
            found = self._index.get(" ".join(tail))
            if found is None and len(tail) > 1:
                found = self._index.get("".join(tail))
            if found is not None:
                return found
        return None

    def forms(self) -> Iterator[str]:
        """Every indexed form, to build a phrase matcher."""
        yield from self._index

    def __len__(self) -> int:
        return len(self._index)


def read_agents(path: Path | None = None) -> Iterator[Agent]:
    """Agents of the shipped table, or of a user's file in the same format."""
    for row in open_table("agents.tsv.gz", path):
        form = row.get("form") or ""
        agent = make_agent(form, row.get("lemma") or form, row.get("code") or "")
        if form and agent is not None:
            yield agent
