"""sitroom's actor and place knowledge, built from public event-data dictionaries and GeoNames.

    >>> from sitroom.knowledge import knowledge
    >>> kb = knowledge()
    >>> kb.resolve("Boris Yeltsin", dt.date(1995, 6, 1)).code        # RUS, sector GOV
    >>> kb.agent("dock workers").sector                              # LAB
    >>> kb.place_country("Tikrit")                                   # IRQ

The data files in `data/` are written by `scripts/build_knowledge.py`; their sources and
licences are in `LICENSES.md` beside them. Nothing is fetched at run time; each table is read
once per process, on first use.
"""

from sitroom.knowledge.actors import Entry, Resolution, Role
from sitroom.knowledge.agents import Agent
from sitroom.knowledge.base import Country, KnowledgeBase, knowledge
from sitroom.knowledge.codes import Code
from sitroom.knowledge.places import Place
from sitroom.knowledge.tables import key

__all__ = [
    "Agent",
    "Code",
    "Country",
    "Entry",
    "KnowledgeBase",
    "Place",
    "Resolution",
    "Role",
    "key",
    "knowledge",
]
