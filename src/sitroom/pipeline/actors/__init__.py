"""Actors: who the named and nominal participants are (countries, organisations, office holders,
groups), matched with the gazetteer and resolved to event-data codes."""

from sitroom.pipeline.actors.resolve import (
    actor_at,
    find_actors,
    install,
    resolve_reference,
    ruler_patterns,
)

__all__ = ["actor_at", "find_actors", "install", "resolve_reference", "ruler_patterns"]
