"""Phrase matchers for office titles, group nouns and organisation role nouns (built once per
vocabulary)."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from sitroom.pipeline.actors import gazetteer as gz
from sitroom.pipeline.actors.common import (
    _ORG_ROLE_NOUNS,
)

# --------------------------------------------------------------------------- matchers

_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Office-title and group-noun matchers (case-insensitive; acronyms exact), built once."""
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        make = English(vocab=vocab).make_doc
        lower, exact = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
        gaz = gz.gazetteer()
        titles = [f for f in gaz.offices if f]
        raw_acronyms = [f for f in _office_forms() if f.isupper()]
        forms = [f for f in titles if f.upper() not in raw_acronyms]
        # "sen." in lower case is two tokens, "Sen." one (the tokenizer's abbreviations are
        # written capitalised): an abbreviated title is matched as news writes it.
        forms += [f.capitalize() for f in _office_forms() if f.endswith(".")]
        lower.add("OFFICE", [make(f) for f in forms])
        exact.add("OFFICE", [make(f) for f in raw_acronyms])
        lower.add("GROUP", [make(g) for g in gaz.groups])
        lower.add("ORGNOUN", [make(f"the {noun}") for noun in _ORG_ROLE_NOUNS])
        _MATCHERS[key] = (lower, exact)
    return _MATCHERS[key]


def _office_forms() -> list[str]:
    """Office forms as written in the resource (to tell acronyms like "PM" apart)."""
    data = gz._read("offices.json")  # noqa: SLF001  (same package, read once per vocab)
    return [f for entry in data["offices"] for f in [entry["title"], *entry["forms"]]]


def _match(doc: Doc) -> tuple[dict[int, Span], dict[int, Span], list[Span]]:
    """Office title spans by end token, group noun spans by start token, "the alliance"s."""
    lower, exact = _matchers(doc.vocab)
    found: dict[str, list[Span]] = {"OFFICE": [], "GROUP": [], "ORGNOUN": []}
    strings = doc.vocab.strings
    for match_id, start, end in [*lower(doc), *exact(doc)]:
        found[strings[match_id]].append(doc[start:end])
    titles = [s for s in filter_spans(found["OFFICE"]) if _title_ok(s)]
    groups = filter_spans(found["GROUP"])
    return {s.end: s for s in titles}, {s.start: s for s in groups}, found["ORGNOUN"]


def _title_ok(span: Span) -> bool:
    """Reject title words used otherwise: "general" as an adjective, "leaders" plural."""
    last = span[-1]
    if last.tag_ in {"NNS", "NNPS"} or last.pos_ not in {"NOUN", "PROPN"}:
        return False
    return not (span.text.islower() and len(span) == 1 and last.dep_ == "amod")
