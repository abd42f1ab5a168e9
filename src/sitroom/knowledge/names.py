"""The knowledge base's names as spaCy tokens: a trie from a first word to the names it starts.

The actor layer finds every person, organisation, group and agent noun of the knowledge base
in a `Doc` with one walk over its tokens through this trie (a few MB, where a spaCy
PhraseMatcher of the same names takes some 200 MB). A name's words are the English
tokenizer's, so that they line up with a document's tokens ("al-Assad" is three).

Tokenising ~35,000 names takes seconds, so the shipped names come pre-built
(`sitroom.knowledge.prebuilt`); a user's own files only tokenise the names that are new.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from sitroom.knowledge.actors import ActorTable
from sitroom.knowledge.agents import AgentTable
from sitroom.knowledge.tables import key

# Kinds of the knowledge base matched as names; countries come from sitroom's own gazetteer.
NAME_KINDS = {"person": "PERSON", "organization": "ORG", "group": "ORG"}
# Words that start too many names to be a name alone ("The", "New").
WEAK = {"the", "a", "an", "new", "north", "south", "east", "west", "great", "united"}


class Pattern(NamedTuple):
    """A name as tokens, with what it is."""

    words: tuple[str, ...]  # lower case
    label: str  # "PERSON", "ORG" or "AGENT"
    key: str  # the name's `key` in the knowledge base
    exact: tuple[str, ...] | None  # words as they must be written (capitals), else None


Trie = dict[str, list[Pattern]]


def build_trie(actors: ActorTable, agents: AgentTable, known: Trie | None = None) -> Trie:
    """First word (lower case) -> patterns starting with it, longest first.

    `known` is a trie already built (the shipped one): names it holds keep their tokens, and
    only the others go through the tokenizer.
    """
    entries: list[tuple[str, str, str | None]] = []  # (key, label, capitalised form)
    acronyms = acronym_forms(actors)
    for name, kind in actors.keys():
        label = NAME_KINDS.get(kind)
        if label is None or len(name) < 3 or name in WEAK:
            continue
        entries.append((name, label, acronyms.get(name)))
    entries.extend((form, "AGENT", None) for form in agents.forms())
    tokens = _tokens([text for text, _, _ in entries] + [e for _, _, e in entries if e], known)
    trie: Trie = {}
    for name, label, exact in entries:
        words = tuple(t.lower() for t in tokens[name])
        written = tokens[exact] if exact else None
        trie.setdefault(words[0], []).append(Pattern(words, label, name, written))
    for patterns in trie.values():
        patterns.sort(key=lambda p: -len(p.words))
    return trie


def _tokens(texts: list[str], known: Trie | None) -> Mapping[str, tuple[str, ...]]:
    """Each text as the English tokenizer splits it, reusing the tokens of `known`."""
    found: dict[str, tuple[str, ...]] = {}
    for patterns in (known or {}).values():
        for pattern in patterns:
            found[pattern.key] = pattern.words  # keys are lower case: words are the tokens
            if pattern.exact:
                found["".join(pattern.exact)] = pattern.exact  # an acronym has no spaces
    new = [t for t in dict.fromkeys(texts) if t not in found]
    if new:
        from spacy.lang.en import English

        tokenizer = English().tokenizer
        for text, doc in zip(new, tokenizer.pipe(new), strict=True):
            found[text] = tuple(t.text for t in doc)
    return found


def acronym_forms(actors: ActorTable) -> dict[str, str]:
    """Keys of names the dictionaries write as acronyms ("LET") -> that spelling."""
    forms: dict[str, str] = {}
    for entry in actors.entries:
        for name in entry.names:
            if name.isupper() and " " not in name and len(name) <= 6:
                forms.setdefault(key(name), name)
    return forms
