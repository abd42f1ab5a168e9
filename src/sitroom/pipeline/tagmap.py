"""A faster attribute ruler: the model's own patterns, looked up instead of matched.

The English model's `attribute_ruler` maps every fine tag to a coarse POS and morphology, then
applies word-specific exceptions, all through a Matcher that tests each of its ~180 patterns at
every token and builds a Span per match. This component reads the same patterns: the leading
single-tag patterns (the tag map) become one dict lookup per token, and the exceptions are indexed
by the word they start with, so most tokens cost a dict lookup or two. Exceptions keep their
precedence (a later pattern wins). The output is the same token for token (see the tests).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token


def _is_tag_map_entry(pattern: dict[str, Any]) -> bool:
    tokens = pattern["patterns"]
    return (
        len(tokens) == 1
        and len(tokens[0]) == 1
        and set(tokens[0][0]) == {"TAG"}
        and isinstance(tokens[0][0]["TAG"], str)
        and set(pattern["attrs"]) <= {"POS", "MORPH"}
        and pattern.get("index", 0) == 0
    )


Conditions = list[dict[str, Any]]  # one dict of token conditions per pattern token


def _holds(value: Any, spec: Any) -> bool:
    """Whether a token attribute satisfies one pattern condition (value, IN, NOT_IN, REGEX)."""
    if not isinstance(spec, dict):
        return bool(value == spec)
    if "IN" in spec:
        return value in spec["IN"]
    if "NOT_IN" in spec:
        return value not in spec["NOT_IN"]
    return spec["REGEX"].search(value) is not None


def _compiled(conditions: Conditions) -> Conditions:
    return [
        {
            k: {"REGEX": re.compile(v["REGEX"])} if isinstance(v, dict) and "REGEX" in v else v
            for k, v in token.items()
        }  # fmt: skip
        for token in conditions
    ]


class TagMapRuler:
    """Sets POS and morphology from the tag, then applies the ruler's exceptions."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.tag_map: dict[str, dict[str, str]] = {}
        # Exceptions: (precedence, token conditions, attributes, index of the token to set).
        self.by_word: dict[str, list[tuple[int, Conditions, dict[str, Any], int]]] = {}
        self.general: list[tuple[int, Conditions, dict[str, Any], int]] = []

    def load(self, patterns: list[dict[str, Any]]) -> None:
        """Split an attribute ruler's patterns into the tag map and the exceptions after it."""
        for order, pattern in enumerate(patterns):
            if order == len(self.tag_map) and _is_tag_map_entry(pattern):
                self.tag_map[pattern["patterns"][0][0]["TAG"]] = pattern["attrs"]
                continue
            for conditions in pattern["patterns"]:
                entry = (order, _compiled(conditions), pattern["attrs"], pattern.get("index", 0))
                first = conditions[0].get("LOWER")
                words = [first] if isinstance(first, str) else (first or {}).get("IN")
                if words:
                    for word in words:
                        self.by_word.setdefault(word, []).append(entry)
                else:
                    self.general.append(entry)

    def __call__(self, doc: Doc) -> Doc:
        # The attributes patterns test, read once per token (reading them is the slow part).
        seen = [{"LOWER": t.lower_, "TAG": t.tag_, "DEP": t.dep_, "IS_SPACE": t.is_space}
                for t in doc]  # fmt: skip
        matches = []
        for token, values in zip(doc, seen, strict=True):
            attrs = self.tag_map.get(values["TAG"])
            if attrs is not None:
                if "POS" in attrs:
                    token.pos_ = attrs["POS"]
                if "MORPH" in attrs:
                    token.set_morph(attrs["MORPH"])
            for entries in (self.by_word.get(values["LOWER"], ()), self.general):
                for order, conditions, assigned, index in entries:
                    if _matches(seen, token.i, conditions):
                        matches.append((order, token.i + index, assigned))
        # Like the Matcher-based ruler: test everything first, then apply in pattern order.
        for _order, target, assigned in sorted(matches, key=lambda m: m[0]):
            _assign(doc[target], assigned)
        return doc


def _matches(seen: list[dict[str, Any]], start: int, conditions: Conditions) -> bool:
    if start + len(conditions) > len(seen):
        return False
    # Plain loops: tested some ten times per token, mostly failing on the first condition.
    for offset, token_conditions in enumerate(conditions):
        values = seen[start + offset]
        for key, spec in token_conditions.items():
            if not _holds(values[key], spec):
                return False
    return True


def _assign(token: Token, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if key == "MORPH":
            token.set_morph(value)
        else:
            setattr(token, f"{key.lower()}_", value)


@Language.factory("sitroom_tagmap")
def make_tag_map_ruler(nlp: Language, name: str) -> TagMapRuler:
    """Factory for `TagMapRuler` (patterns are loaded from the model's ruler by `install`)."""
    return TagMapRuler(nlp, name)


def install(nlp: Language) -> None:
    """Swap the model's attribute ruler for the faster equivalent, when it has one."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
    ruler = nlp.replace_pipe("attribute_ruler", "sitroom_tagmap")
    ruler.load(patterns)  # type: ignore[attr-defined]
