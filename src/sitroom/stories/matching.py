"""Whether two reported events can be one happening, and how much they have in common.

Each event record is read into a `Sketch`: its PLOVER type and act (what the trigger word says
was done, so "opened fire", "killed" and "wounded" in one shooting stay three acts of one
ASSAULT), its participants, its time (the day, else the year or weekday the sentence names) and
its place. Two sketches conflict when they differ where both are known; otherwise their
`affinity` counts what they share beyond type and act.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from sitroom.lang.en import words
from sitroom.lang.en.tables import read_table

DAY_WINDOW = 1  # two exact days this far apart can be one happening (time zones, late reports)
PUBLISHED_WINDOW = 3  # a date taken from the publication day is only roughly the event's
# Words after a verb that belong to it ("gunned down", "pulled out"): the verb is the head.
PARTICLES = frozenset("down up out off in on over away back aside".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Sketch:
    """What one report says about an event, in the terms reports are compared in."""

    event: str
    act: str
    # Each side (actor, recipient) with its co-actors or co-recipients: their codes, actor
    # ids and the content words of their names. `firm` holds the codes of those that are not
    # civilians: a private person is coded by nationality in one report ("an Indian immigrant")
    # and by residence in another ("a Queens woman"), so only an organised side's code can tell
    # two happenings apart.
    codes: tuple[frozenset[str], frozenset[str]]
    firm: tuple[frozenset[str], frozenset[str]]
    ids: tuple[frozenset[str], frozenset[str]]
    names: tuple[frozenset[str], frozenset[str]]
    day: dt.date | None
    loose: bool  # the day is the publication day, not one the sentence states
    coarse: str | None  # a month ("2013-03") or a year ("2013") when no day is known
    year: str | None
    weekday: int | None
    place: str | None
    country: str | None


def sketch(record: dict[str, Any]) -> Sketch:
    """The sketch of one stored event record."""
    sides = [
        [record.get("actor"), *record.get("co_actors", [])],
        [record.get("recipient"), *record.get("co_recipients", [])],
    ]
    sides = [[p for p in side if p] for side in sides]
    date = record.get("date") or ""
    day = day_of(date)
    stated = record.get("date_text") or ""
    year = date[:4] if date else None
    if not year and (found := _YEAR.search(stated)):
        year = found.group()
    location = record.get("location") or {}
    return Sketch(
        event=record.get("event") or "",
        act=act(record.get("event_text") or ""),
        codes=_both(sides, lambda p: {p["code"]} if p.get("code") else set()),
        firm=_both(sides, lambda p: {p["code"]} if p.get("code") and not _civilian(p) else set()),
        ids=_both(sides, lambda p: {p["id"]} if p.get("id") else set()),
        names=_both(sides, lambda p: _content(p.get("name"))),
        day=day,
        loose=record.get("date_source") == "published",
        coarse=date if date and day is None else None,
        year=year,
        weekday=None if day else _weekday(stated),
        place=" ".join(str(location.get("name") or "").lower().split()) or None,
        country=location.get("country"),
    )


@cache
def act(trigger: str) -> str:
    """The act a trigger names, as listed in acts.tsv: the phrase's lemmas ("opened fire" ->
    "open fire"), else its head's lemma. The head of a phrase is its last word ("made an
    offer", "carried out the killings"), unless that is a particle ("gunned down")."""
    found = [w.strip(".,;:'\"“”‘’") for w in trigger.lower().split()]
    if not found:
        return ""
    acts = _acts()
    phrase = " ".join(_lemma(w) for w in found)
    if phrase in acts:
        return acts[phrase]
    lemma = _lemma(found[0] if found[-1] in PARTICLES else found[-1])
    return acts.get(lemma, lemma)


def conflict(a: Sketch, b: Sketch) -> bool:
    """Whether two events cannot be one happening: another type or act, other actor or
    recipient codes (civilians aside), dates, years or weekdays too far apart, places in other
    countries."""
    if a.event != b.event or a.act != b.act:
        return True
    for x, y in zip(a.firm, b.firm, strict=True):
        if x and y and not x & y:
            return True
    if a.country and b.country and a.country != b.country:
        return True
    return not _times_meet(a, b)


def affinity(a: Sketch, b: Sketch) -> int:
    """How much two events share beyond type and act: actor and recipient (by code, identity
    or name), the day or weekday, the place."""
    score = 0
    for side in (0, 1):
        if a.codes[side] & b.codes[side]:
            score += 2
        if a.ids[side] & b.ids[side]:
            score += 1
        elif a.names[side] & b.names[side]:
            score += 1
    if (a.day and a.day == b.day) or (a.weekday is not None and a.weekday == b.weekday):
        score += 1
    if a.place and a.place == b.place:
        score += 1
    return score


def _times_meet(a: Sketch, b: Sketch) -> bool:
    if a.day and b.day:
        window = PUBLISHED_WINDOW if a.loose or b.loose else DAY_WINDOW
        return abs((a.day - b.day).days) <= window
    coarse = [s for s in (a.coarse, b.coarse, a.day and str(a.day), b.day and str(b.day)) if s]
    if len(coarse) == 2:  # a month or a year against a finer date: the coarser one contains it
        n = min(len(coarse[0]), len(coarse[1]))
        if coarse[0][:n] != coarse[1][:n]:
            return False
    return not (a.year and b.year and a.year != b.year and not (a.loose or b.loose))


def _civilian(participant: dict[str, Any]) -> bool:
    return participant.get("sector") == "CVL"


def _both(sides: list[list[dict]], values: Any) -> tuple[frozenset[str], frozenset[str]]:
    actor, recipient = (frozenset().union(*(values(p) for p in side)) for side in sides)
    return actor, recipient


def day_of(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date[:10]) if date and len(date) >= 10 else None
    except ValueError:
        return None


def _weekday(stated: str) -> int | None:
    """The weekday a time expression names ("Friday night" -> 4), if any."""
    for word in stated.lower().split():
        if word in words.WEEKDAYS:
            return words.WEEKDAY_NUMBERS[word]
    return None


def _content(name: str | None) -> frozenset[str]:
    """The words of a name that can tell one participant from another."""
    found = re.findall(r"[^\W_]+", str(name or "").lower())
    return frozenset(w for w in found if w not in STOP_WORDS and not w.isdigit())


@cache
def _acts() -> dict[str, str]:
    return {row["word"]: row["act"] for row in read_table("acts")}


def _lemma(word: str) -> str:
    """The verb lemma of a word as spaCy's English rule lemmatizer gives it ("shot" ->
    "shoot", "hosting" -> "host"); nouns come back as their singular ("talks" -> "talk")."""
    return _lemma_cached(word)


@cache
def _lemma_cached(word: str) -> str:
    from spacy.tokens import Doc

    lemmatizer = _lemmatizer()
    for pos in ("VERB", "NOUN"):
        doc = Doc(lemmatizer.vocab, words=[word], pos=[pos])
        forms = lemmatizer.rule_lemmatize(doc[0])
        if forms and forms[0] != word:
            return forms[0]
    return word


@cache
def _lemmatizer() -> Any:
    """spaCy's English rule lemmatizer with the tables of the installed English model (read
    alone: placing a document never loads the whole pipeline)."""
    from spacy.lang.en import English
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from sitroom.pipeline.build import model_name

    tables = next(get_package_path(model_name()).glob("*/lemmatizer/lookups"))
    nlp = English()
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.initialize(lookups=Lookups().from_disk(str(tables)))
    return lemmatizer
