"""What a report states about when and how much: the dates it gives and the numbers it states.

Two reports of one story agree on them (the day of the quake, its magnitude, the sum offered);
two look-alike stories of one kind share their names and words but not these. Facts are kept
as terms, in the order a report states them ("day:2013-09-18", "month:2013-09", "num:5.9",
"num:$160m"), with how often it does. They check a story's split (`clusters.split`) and bar a
join: `conflict` tells when a report's main measure contradicts a story's (a magnitude 5.6
against a 5.9).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitroom.pipeline.timex import normalize

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^\d{4}$")
# A number as stated: a currency sign, digits with thousands commas or a decimal point, and a
# scale word ("$160 million", "5.9", "2,000"); times, days of a month and addresses are not.
_NUMBER = re.compile(
    r"(?<![\w.,:/$€£-])([$€£]\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(million|billion|bn|m)\b)?(?![\w:/]|[.,]\d)",
    re.IGNORECASE,
)
_SCALE = {"million": "m", "m": "m", "billion": "bn", "bn": "bn"}
_AFTER_TIME = re.compile(r"^\s?(?:a\.?m\.?|p\.?m\.?|gmt|utc|hours|hrs)\b", re.IGNORECASE)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s(?:of\s)?{_MONTHS}", re.IGNORECASE)


def date_terms(dates: Iterable[tuple[str, str | None]], anchor: str | None) -> Counter[str]:
    """Fact terms for the dates a report gives, from (text, TIMEX3 value) pairs in the order
    stated; a date without a value ("Sunday", "last week") is read again against `anchor`,
    the report's day, when it has one."""
    reference = dt.date.fromisoformat(anchor) if anchor and _DAY.match(anchor) else None
    terms: Counter[str] = Counter()
    for text, value in dates:
        if not value and reference is not None:
            result = normalize(text, reference)
            value = result[0] if result else None
        for term in _date_facts(value or ""):
            terms[term] += 1
    return terms


def _date_facts(value: str) -> list[str]:
    if match := _DAY.match(value):
        year, month, _ = match.groups()
        return [f"day:{value}", f"month:{year}-{month}", f"year:{year}"]
    if match := _MONTH.match(value):
        return [f"month:{value}", f"year:{match.group(1)}"]
    if _YEAR.match(value):
        return [f"year:{value}"]
    return []


def number_terms(text: str) -> Counter[str]:
    """Fact terms for the numbers a text states ("num:5.9", "num:$160m", "num:2000")."""
    terms: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        currency, digits, scale = match.groups()
        after = text[match.end() : match.end() + 16]
        if (
            _AFTER_TIME.match(after)
            or _MONTH_AFTER.match(after)
            or _MONTH_BEFORE.search(text[max(0, match.start() - 10) : match.start()])
        ):
            continue  # a time of day or a day of a month: the dates say it
        plain = digits.replace(",", "")
        if not (currency or scale) and re.fullmatch(r"(?:19|20)\d\d", digits):
            continue  # a year
        if float(plain) < 2 and not scale:
            continue  # "1" counts nothing a look-alike story would not
        terms[f"num:{'$' if currency else ''}{plain}{_SCALE.get((scale or '').lower(), '')}"] += 1
    return terms


def comparable(term: str) -> bool:
    """Whether a fact term tells one story from another: days, months and measures (years
    merely mentioned are mostly background, counts mostly grow as a story goes on)."""
    return term.startswith(("day:", "month:")) or _is_measure(term)


def _is_measure(term: str) -> bool:
    """A number with a decimal point that is neither a sum nor a count in millions: a
    magnitude, a rate, a score."""
    return term.startswith("num:") and "." in term and term[-1].isdigit() and "$" not in term


def main_measure(stated: Mapping[str, float]) -> str | None:
    """The measure a report states most often (the first stated of equals)."""
    best: tuple[float, str] | None = None
    for term, count in stated.items():  # in the order stated
        if _is_measure(term) and (best is None or count > best[0]):
            best = (count, term)
    return best[1] if best else None


@dataclass(frozen=True)
class StoryFacts:
    """What a story's reports state: the main measure most of them (at least two) give, and
    every fact any of them states."""

    measure: str | None
    stated: frozenset[str]


def story_facts(members: Iterable[Mapping[str, float]]) -> StoryFacts:
    """The facts of a story, from its reports' facts."""
    votes: Counter[str] = Counter()
    stated: set[str] = set()
    for member in members:
        if measure := main_measure(member):
            votes[measure] += 1
        stated |= set(member)
    top = min(votes.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
    return StoryFacts(top[0] if top and top[1] >= 2 else None, frozenset(stated))


def conflict(stated: Mapping[str, float], story: StoryFacts) -> bool:
    """Whether a report contradicts a story: its main measure is not the story's, it does not
    state the story's, and no report of the story states its own."""
    mine = main_measure(stated)
    if mine is None or story.measure is None or mine == story.measure:
        return False
    return story.measure not in stated and mine not in story.stated
