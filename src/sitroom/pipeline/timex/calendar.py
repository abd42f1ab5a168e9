"""Calendar arithmetic for TIMEX3 values: months, ISO weeks, weekdays, years of yearless dates,
holidays."""

from __future__ import annotations

import datetime as dt

# Dates this close to the reference date are placed by distance alone (tuned on TimeBank +
# AQUAINT: tense read from the parse misplaced near dates more often than it placed them).
NEAR_DAYS = 60
NEAR_MONTHS = 2


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_value(day: dt.date) -> str:
    """ISO week of `day` as TIMEX3 ("2025-W43")."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def date_value(day: dt.date) -> str:
    return day.isoformat()


def weekday_date(weekday: int, reference: dt.date, direction: str) -> dt.date:
    """The `weekday` nearest `reference` in `direction`.

    "past": on or before the reference day; "future": on or after it (a story dated Wednesday
    saying "they will meet on Wednesday" means that day); "next": strictly after it;
    "last": strictly before; "this": within the reference's ISO week.
    """
    diff = weekday - reference.weekday()
    if direction == "this":
        return reference + dt.timedelta(days=diff)
    if direction == "future":
        return reference + dt.timedelta(days=diff % 7)
    if direction == "next":
        return reference + dt.timedelta(days=diff % 7 or 7)
    if direction == "last":
        return reference - dt.timedelta(days=(-diff) % 7 or 7)
    return reference - dt.timedelta(days=(-diff) % 7)


def place_month(month: int, reference: dt.date, tense: str | None) -> int:
    """Year of a month named without a year: by tense, else the nearest occurrence.

    A month next to the reference month is taken as the nearest whatever the tense: news
    rarely names a month a year away without its year, and the parse often gives the tense
    of the reporting verb rather than of the event.
    """
    if abs(month - reference.month) <= NEAR_MONTHS:
        return reference.year
    if tense == "PAST":
        return reference.year if month <= reference.month else reference.year - 1
    if tense == "FUTURE":
        return reference.year if month >= reference.month else reference.year + 1
    delta = month - reference.month
    if delta > 6:
        return reference.year - 1
    if delta < -6:
        return reference.year + 1
    return reference.year


def place_day(
    month: int, day: int, reference: dt.date, tense: str | None, weekday: int | None = None
) -> int:
    """Year of a month and day named without a year (same rule as `place_month`, by day).

    A weekday given with the date ("Monday, Oct. 26") picks the year in which it matches.
    """
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return reference.year
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if len(matching) == 1:
            return matching[0].year
    nearest = min(candidates, key=lambda c: abs((c - reference).days))
    if abs((nearest - reference).days) <= NEAR_DAYS:
        return nearest.year
    if tense == "PAST":
        past = [c for c in candidates if c <= reference]
        if past:
            return max(past).year
    if tense == "FUTURE":
        future = [c for c in candidates if c >= reference]
        if future:
            return min(future).year
    return min(candidates, key=lambda c: (abs((c - reference).days), c.year != reference.year)).year


def easter(year: int) -> dt.date:
    """Western Easter Sunday of `year` (the Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_c, leap_r = divmod(century, 4)
    moon = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_c - moon + 15) % 30
    weekday = (32 + 2 * leap_r + 2 * (rest // 4) - epact - rest % 4) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # fourth Thursday


HOLIDAYS = {
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "new year day": lambda y: dt.date(y, 1, 1),
    "new year eve": lambda y: dt.date(y, 12, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine day": lambda y: dt.date(y, 2, 14),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
    "easter monday": lambda y: easter(y) + dt.timedelta(days=1),
}  # fmt: skip  (keys as `clean` leaves them: possessives dropped)
