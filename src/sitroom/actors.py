"""Actors: who is named in a document, resolved and coded (country, IGO, sector, office).

(Initial version: spaCy NER only; gazetteers and alias resolution come next.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.records import Actor, Mention, stable_id

_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def install(nlp: Language) -> None:
    """Add the actor layer (rulers and the `sitroom_actors` component) to `nlp`."""
    nlp.add_pipe("sitroom_actors")


def find_actors(doc: Doc) -> tuple[list[Actor], dict[int, str]]:
    """Group the named entities of `doc` into actors; map each mention token to its actor id."""
    by_name: dict[str, Actor] = {}
    token_actor: dict[int, str] = {}
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        actor = by_name.get(ent.text)
        if actor is None:
            actor = Actor(id=stable_id("a", kind, ent.text), name=ent.text, kind=kind)
            by_name[ent.text] = actor
        actor.mentions.append(Mention(ent.text, ent.start_char, ent.end_char))
        for token in ent:
            token_actor[token.i] = actor.id
    return list(by_name.values()), token_actor


def actor_at(doc: Doc, token_index: int) -> Actor | None:
    """The actor a token belongs to (as part of a mention), or None."""
    actor_id = (doc._.token_actor or {}).get(token_index)
    return next((a for a in doc._.actors or [] if a.id == actor_id), None)


@Language.component("sitroom_actors", assigns=["doc._.actors", "doc._.token_actor"])
def actors_component(doc: Doc) -> Doc:
    doc._.actors, doc._.token_actor = find_actors(doc)
    return doc


def resolve_reference(doc: Doc, token_index: int) -> Actor | None:
    """The actor a pronoun or role noun ("he", "the Secretary General") refers to, or None."""
    return actor_at(doc, token_index)
