"""The knowledge base in the actor layer: names, agent nouns and places found in one pass.

`sitroom.knowledge` holds ~18,500 persons with dated roles, ~7,400 organisations, ~1,000
armed groups, ~5,400 agent nouns and 34,000 cities. This module finds their names in a `Doc`
with one walk over its tokens through the knowledge base's name trie (`sitroom.knowledge.names`,
read once per process), and answers the questions the resolver asks: how a name codes on the
story's date, which countries the story is about, and which country a place lies in.

Names in capitals in the dictionaries ("LET", "ELN") must match in capitals, so "let" is not
Lashkar-e-Taiba; every other name matches in any case but must be written as a name (its
words capitalised), so a lower-case "constantine" or "moron" is not a place or a person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.knowledge import Resolution, knowledge
from sitroom.knowledge.names import Pattern

_MATCHES_KEY = "sitroom_kb_matches"  # doc.user_data: the matches, found once per Doc
_CONTEXT_KEY = "sitroom_kb_context"


@dataclass(frozen=True, slots=True)
class Match:
    """A knowledge-base name or agent noun found in a document (token offsets)."""

    start: int
    end: int
    label: str  # "PERSON", "ORG" or "AGENT"
    key: str
    exact: bool = False  # matched as written in capitals (an acronym)


def matches(doc: Doc) -> list[Match]:
    """Knowledge-base names and agent nouns in `doc`, longest first at each token, no overlap."""
    cached = doc.user_data.get(_MATCHES_KEY)
    if cached is not None:
        return cached
    trie = knowledge().names
    lowers = tuple(t.lower_ for t in doc)  # compared as slices: no Token built per pattern
    found: list[Match] = []
    i, n = 0, len(doc)
    while i < n:
        best: Pattern | None = None
        for pattern in trie.get(lowers[i], ()):
            end = i + len(pattern.words)
            if lowers[i:end] == pattern.words and _fits(doc, i, pattern):
                best = pattern
                break
        if best is None:
            i += 1
            continue
        found.append(Match(i, i + len(best.words), best.label, best.key, best.exact is not None))
        i += len(best.words)
    doc.user_data[_MATCHES_KEY] = found
    return found


def _fits(doc: Doc, start: int, pattern: Pattern) -> bool:
    """Whether the tokens at `start`, whose lower case is the pattern's, are written as it
    must be."""
    tokens = doc[start : start + len(pattern.words)]
    if pattern.label == "AGENT":
        return True
    if pattern.exact is not None:
        return all(t.text == w for t, w in zip(tokens, pattern.exact, strict=True))
    words = [t for t in tokens if t.is_alpha and t.lower_ not in _SMALL]
    return bool(words) and all(t.text[:1].isupper() for t in words)


_SMALL = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al", "el", "bin"}


def name_spans(doc: Doc) -> list[Span]:
    """Named actors of the knowledge base as entity-like spans labelled PERSON or ORG.

    A one-word name counts only as an acronym written in capitals ("ELN"): a single
    capitalised word ("Tigers", "Reading") is left to the model, whose entity, if any, is
    still looked up by its text.
    """
    return [
        Span(doc, m.start, m.end, label=m.label)
        for m in matches(doc)
        if m.label != "AGENT" and (m.end - m.start > 1 or m.exact)
    ]


def agent_spans(doc: Doc) -> dict[int, Span]:
    """Agent noun phrases ("dock workers", "police") by start token."""
    return {m.start: Span(doc, m.start, m.end, label="AGENT") for m in matches(doc)
            if m.label == "AGENT"}  # fmt: skip


# --------------------------------------------------------------------------- questions


def resolve(
    name: str, day: dt.date | None, context: Iterable[str], kinds: Iterable[str] | None = None
) -> Resolution | None:
    """How `name` codes on `day` given the story's country codes; `kinds` limits the entries.

    None when the knowledge base does not know the name (as one of `kinds`), or when the
    entries it names disagree and nothing in the story decides.
    """
    wanted = set(kinds) if kinds is not None else None
    found = knowledge().resolve(name, day, context)
    if found is None:
        return None
    if wanted is not None and not any(c.kind in wanted for c in found.candidates):
        return None
    if found.entry is None or (wanted is not None and found.entry.kind not in wanted):
        if wanted is None:
            return None
        narrowed = [c for c in found.candidates if c.kind in wanted]
        if len(narrowed) == len(found.candidates):
            return None
        return _narrow(narrowed, day, context)
    return found if found.code else None


def _narrow(entries: list, day: dt.date | None, context: Iterable[str]) -> Resolution | None:
    """Resolve among a subset of the entries a name stands for."""
    from sitroom.knowledge.actors import ActorTable

    table = ActorTable(entries)
    found = table.resolve(entries[0].name, day, context)
    return found if found is not None and found.code else None


def surname(
    word: str, context: Iterable[str] = (), day: dt.date | None = None
) -> Resolution | None:
    """How a bare surname codes (see `ActorTable.resolve_surname`), or None."""
    return knowledge().actors.resolve_surname(word, day, context)


def given_name(word: str) -> bool:
    """Whether `word` begins the name of some person the knowledge base lists."""
    return knowledge().actors.begins_a_name(word)


def knows(name: str, kinds: Iterable[str]) -> bool:
    """Whether the knowledge base has an entry of one of `kinds` called `name`."""
    wanted = set(kinds)
    return any(e.kind in wanted for e in knowledge().actors.lookup(name))


def igo_short_name(affiliation: str | None) -> str | None:
    """The body an IGO code stands for, in sitroom's short form where it has one ("UN")."""
    if not affiliation:
        return None
    from sitroom.pipeline.actors import gazetteer as gz

    name = knowledge().actors.igo_name(affiliation)
    if name is None:
        return None
    return gz.organization(name) or name


def place(name: str, context: Iterable[str] = ()) -> str | None:
    """ISO3 code of the country a city or region lies in (GeoNames), or None."""
    return knowledge().place_country(name, context)


def context_codes(doc: Doc, skip: tuple[int, int] | None = None) -> frozenset[str]:
    """Country codes the story is about: the countries, demonyms, capitals and places it
    names, and its dateline's.

    Used to decide names that several countries share ("Valencia", a surname of two
    ministers); computed once per Doc. `skip` (character offsets) leaves one mention out, to
    ask what the rest of the story says about it.
    """
    cached = doc.user_data.get(_CONTEXT_KEY) if skip is None else None
    if cached is not None:
        return cached
    from sitroom.pipeline.actors import gazetteer as gz

    codes: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "NORP"}:
            continue
        if skip is not None and ent.start_char < skip[1] and ent.end_char > skip[0]:
            continue
        code = gz.country_code(ent.text) or gz.adjective_code(ent.text)
        if code is None and ent.label_ == "GPE":
            code = gz.listed_place_country(ent.text) or _large_place_country(ent.text)
        if code:
            codes.add(code)
    dateline = dateline_country(doc)
    if dateline:
        codes.add(dateline)
    result = frozenset(codes)
    if skip is None:
        doc.user_data[_CONTEXT_KEY] = result
    return result


def _large_place_country(name: str) -> str | None:
    """The country of a region or a city of 100,000+ (a town of its name elsewhere is too
    likely to be a namesake to say what the story is about)."""
    found = knowledge().place(name)
    if found is None or (found.kind == "city" and found.population < 100_000):
        return None
    return found.country


# "MANILA, Philippines (AP) — ", "BASRA, Iraq, May 3 (Reuters) - ", "KYIV — ": a place in
# capitals, more places or a date after commas, an agency in brackets, a dash.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40}){0,3}"
    r"\s*(?:\([A-Za-z.&\- ]{1,20}\))?\s*[—–-]{1,2}\s",
    re.MULTILINE,
)
# How far into the text a dateline is looked for: the first line, or the lead after a title.
_DATELINE_CHARS = 400


def dateline_span(doc: Doc) -> tuple[int, int] | None:
    """Character span of the story's dateline: the time layer's, else a wire-style dateline
    opening the text or its lead after a title line ("MANILA, Philippines (AP) — ")."""
    if doc._.dateline:
        return doc._.dateline
    match = _DATELINE.search(doc.text[:_DATELINE_CHARS])
    return match.span() if match else None


def dateline_country(doc: Doc) -> str | None:
    """The country of the story's dateline ("MOSUL, Iraq (AP) -" -> IRQ), or None."""
    span = dateline_span(doc)
    if not span:
        return None
    from sitroom.pipeline.actors import gazetteer as gz

    start, end = span
    text = doc.text[start:end]
    parts = [p.strip(" -—–(") for p in text.replace("(", ",").split(",")]
    for part in parts:
        words = part.split()
        if not words:
            continue
        name = " ".join(w.capitalize() if w.isupper() else w for w in words)
        code = gz.country_code(name) or gz.listed_place_country(name)
        if code:
            return code
    first = parts[0] if parts else ""
    return knowledge().place_country(first.title()) if first else None
