"""Normalization of one temporal expression to a TIMEX3 value, by rules.

`normalize(text, reference, tense)` reads the words of an expression ("last Friday", "the third
quarter", "three years", "every week", "10:30 a.m.") and returns its TIMEX3 value and type
relative to `reference` (the document's reference date). Relative expressions get no value
(None) when there is no reference date; absolute ones ("8 January 2026") always do.

Conventions (TimeML / TIMEX3):
    dates        2026-01-08, 2026-01, 2026, 202 (decade), 20 (century)
    weeks        2025-W43, weekends 2025-W43-WE, quarters 2026-Q1, halves 2026-H1
    seasons      2026-WI | SP | SU | FA   ("this winter" is the winter of the reference year)
    day parts    2026-01-08TMO | TAF | TEV | TNI, type TIME ("this morning", "the morning's")
    clock times  2026-01-08T15:00, type TIME
    vague        PRESENT_REF ("now"), PAST_REF ("recently", "recent days"), FUTURE_REF
    durations    P3Y, P10D, PT5H, PXY ("years"), type DURATION
    sets         P1W ("weekly", "every week"), XXXX-WXX-5 ("every Friday"), type SET

Weekdays and dates without a year are placed by `tense` ("PAST", "FUTURE" or None): in the
past by default (a bare weekday is the most recent such day on or before the reference date),
in the future for future tense or "next".

The rules are small functions `(words, reference, tense) -> Result | None` tried in the order of
`_RULES`: `relative` holds those read against the reference date, `absolute` those for calendar
dates, years and quarters, `vocabulary` the words they share and `calendar` the date arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from sitroom.pipeline.timex import absolute, relative
from sitroom.pipeline.timex.calendar import date_value
from sitroom.pipeline.timex.vocabulary import Result, clean

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::\d{2})?(?:\s*h(?:rs|ours)?)?"
    r"|\b(?P<word>noon|midday|midnight)\b"
)
_ZONES = re.compile(
    r"\b(?:gmt|utc|bst|cet|cest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|msk|local time|"
    r"(?:eastern|central|pacific|mountain|british|moscow)(?:\s+(?:standard|daylight))?\s+time)\b"
)


def normalize(text: str, reference: dt.date | None, tense: str | None = None) -> Result | None:
    """TIMEX3 (value, type) of a temporal expression, or None when `text` is not one.

    Args:
        text: the expression as written ("last Friday", "8 January 2026", "three years").
        reference: the date relative expressions are anchored to; None leaves them unvalued.
        tense: "PAST", "FUTURE" or None, the tense of the clause (places weekdays and months).

    Returns:
        (value, type) where value may be None for an expression that needs an anchor it has
        not got, or None when the words are not a temporal expression at all.
    """
    return _normalize(clean(text), reference, tense)


@lru_cache(maxsize=4096)
def _normalize(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    if not s or re.search(r"\w+[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old\b", s):
        return None  # ages are not temporal expressions
    for rule in _RULES:
        try:
            result = rule(s, reference, tense)
        except (ValueError, OverflowError):  # e.g. "a million days ago": off the calendar
            return None
        if result is not None:
            return result
    return None


def _clock(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Clock times, alone or with a date part ("10:30", "3pm", "9 a.m. EST Tuesday")."""
    match = _CLOCK.search(s)
    if not match:
        return None
    if match.group("word"):
        hour, minute = (24, 0) if match.group("word") == "midnight" else (12, 0)
    else:
        hour = int(match.group("h") or match.group("h24"))
        minute = int(match.group("m") or match.group("m24") or 0)
        marker = (match.group("ap") or "").replace(".", "").replace(" ", "")
        if marker == "pm" and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    rest = _ZONES.sub(" ", s[: match.start()] + " " + s[match.end() :])
    rest = re.sub(
        r"\b(?:at|on|of|around|about|by|until|before|after|from|in the morning|"
        r"in the afternoon|in the evening|at night|local|o'clock)\b",
        " ",
        rest,
    )
    rest = re.sub(r"\s+", " ", rest).strip(" ,-")
    hour = _by_day_part(hour, s)
    day_value: str | None
    if not rest:
        day_value = date_value(reference) if reference else None
    else:
        inner = _normalize(rest, reference, tense)
        if inner is None or inner[1] not in ("DATE", "TIME"):
            return None
        day_value = inner[0]
        if day_value and not re.fullmatch(r"\d{4}-\d\d-\d\d", day_value[:10]):
            day_value = None
        day_value = day_value[:10] if day_value else None
    if day_value is None:
        return None, "TIME"
    return f"{day_value}T{hour:02d}:{minute:02d}", "TIME"


def _by_day_part(hour: int, s: str) -> int:
    """The 24-hour clock hour of a 12-hour `hour` given with a part of the day.

    "in the afternoon" and "in the evening" are always after noon ("2:00 in the afternoon" is
    14:00); "at night" is after noon only from 5 on ("10 at night" is 22:00, "2 at night" is
    02:00); "in the morning" is before noon.
    """
    if hour >= 12:
        return hour
    if re.search(r"in the (?:afternoon|evening)", s):
        return hour + 12
    if re.search(r"at night", s) and hour >= 5:
        return hour + 12
    return hour


# The rules in order of preference: the first that reads the words gives the value.
_RULES = (
    relative.recurring,
    relative.year_ago,
    relative.last_quarter,
    relative.vague,
    _clock,
    relative.deictic_day,
    relative.weekday,
    relative.this_last_next,
    relative.seasons,
    relative.duration,
    absolute.calendar_date,
    absolute.holiday,
    absolute.year_like,
    absolute.fallback,
)
