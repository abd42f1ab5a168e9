"""The calendar period an event falls in, from the time expression that dates it.

Analysts count events by month and year, also those the text gives no day for: "in July" is
2023-07 and "last year" 2022, and "in recent days" or "over the past three months" cover the
days or months before the reference date. A period is the smallest calendar unit holding all
that the expression covers (a day, an ISO week, a month, a quarter, a year); none when that
crosses a year.
"""

from __future__ import annotations

import datetime as dt
import re

from sitroom.pipeline.timex.calendar import add_months
from sitroom.records import TimeExpr

# A TIMEX3 value that is a calendar period: a day (with or without a time), week, month,
# quarter, half, season or year.
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?")
# A TIMEX3 value that is one day, and nothing finer or coarser.
EXACT_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A duration counted back from the reference date: "the past three months" (P3M).
BACKWARD = re.compile(r"\b(?:past|last|previous|recent)\b")
DURATION = re.compile(r"P(?P<count>\d+|X)(?P<unit>[DWMY])")
# How far back "recently", "in recent weeks", "the past few months" reach, by their unit:
# the near past a news report means, not a count of days to rely on.
RECENT_REACH = {"D": 7, "W": 21, "M": 92}
UNIT_WORDS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}


def period_of(value: str | None, text: str, reference: dt.date | None) -> str | None:
    """The period (TIMEX3 value: 2023-07-14, 2023-W28, 2023-07, 2023-Q3, 2023) an event dated
    by a time expression of `value` and words `text` falls in, or None."""
    value = value or ""
    calendar = CALENDAR.match(value)
    if calendar:
        return calendar.group(0)
    if reference is None:
        return None
    start = _reach_back(value, text.lower(), reference)
    return _smallest_unit(start, reference) if start is not None else None


def counted_back(date: TimeExpr) -> bool:
    """True for a duration that ends at the reference date ("over the past three months")."""
    return date.type == "DURATION" and bool(
        DURATION.fullmatch(date.value or "") and BACKWARD.search(date.text.lower())
    )


def _reach_back(value: str, text: str, reference: dt.date) -> dt.date | None:
    """The first day of the near past "recently" or "the past three months" covers."""
    duration = DURATION.fullmatch(value)
    if value == "PAST_REF":
        unit = next((u for word, u in UNIT_WORDS.items() if word in text), "D")
        count = "X"
    elif duration and BACKWARD.search(text):
        unit, count = duration.group("unit"), duration.group("count")
    else:
        return None
    if count == "X":
        days = RECENT_REACH.get(unit)
        return reference - dt.timedelta(days=days) if days else None
    if unit == "D":
        return reference - dt.timedelta(days=int(count))
    if unit == "W":
        return reference - dt.timedelta(weeks=int(count))
    months = int(count) * (12 if unit == "Y" else 1)
    year, month = add_months(reference.year, reference.month, -months)
    return dt.date(year, month, min(reference.day, 28))


def _smallest_unit(start: dt.date, end: dt.date) -> str | None:
    if (start.year, start.month) == (end.year, end.month):
        return f"{end.year:04d}-{end.month:02d}"
    return f"{end.year:04d}" if start.year == end.year else None
