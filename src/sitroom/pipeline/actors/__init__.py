"""Actors: who the named and nominal participants are (countries, organisations, office holders,
groups), matched with the gazetteer and the knowledge base and resolved to event-data codes.

Modules: `component` (spaCy wiring), `matching` (phrase matchers), `resolve` (entities into
actors), `common` (drafts and span tests), `references` (pronouns and role nouns),
`gazetteer` (sitroom's own tables).
"""

from sitroom.pipeline.actors.component import install, ruler_patterns
from sitroom.pipeline.actors.references import (
    actor_at,
    members,
    place_of,
    resolve_reference,
)
from sitroom.pipeline.actors.resolve import find_actors

__all__ = [
    "actor_at",
    "find_actors",
    "install",
    "members",
    "place_of",
    "resolve_reference",
    "ruler_patterns",
]
