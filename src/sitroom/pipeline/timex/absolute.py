"""Rules for calendar dates, holidays, years, decades, centuries and quarters (dateparser reads
the formats they do not know)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from sitroom.pipeline.timex.calendar import HOLIDAYS, date_value, place_day, place_month
from sitroom.pipeline.timex.vocabulary import (
    CENTURY_ORDINALS,
    EDGE_MODIFIERS,
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    Result,
    strip_leading,
)

_MONTH_RE = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[0-9]|20|21)\d\d|'\d\d)"
_ABSOLUTE = [
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:t[\d:.z+-]*)?"),
    re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)"),
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"),
    re.compile(rf"(?:the\s+)?{_DAY_RE}(?:\s+of)?\s+{_MONTH_RE},?(?:\s+{_YEAR_RE})?"),
    re.compile(rf"{_MONTH_RE}\s+(?:the\s+)?{_DAY_RE}(?:,?\s+{_YEAR_RE})?"),
    re.compile(rf"{_MONTH_RE},?\s+(?:of\s+)?{_YEAR_RE}"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"),
    re.compile(_MONTH_RE),
]


def holiday(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Fixed and movable holidays, placed like a date without a year ("last Christmas")."""
    core, _ = strip_leading(s)
    match = re.fullmatch(
        r"(?:(?P<which>this|last|next)\s+)?(?P<name>.+?)(?:,?\s+(?P<year>\d{4}))?", core
    )
    if not match or match.group("name") not in HOLIDAYS:
        return None
    rule = HOLIDAYS[match.group("name")]
    if match.group("year"):
        return date_value(rule(int(match.group("year")))), "DATE"
    if reference is None:
        return None, "DATE"
    options = [rule(reference.year + k) for k in (-1, 0, 1)]
    which = match.group("which")
    if which == "last":
        day = max(o for o in options if o < reference)
    elif which == "next":
        day = min(o for o in options if o > reference)
    elif which == "this":
        day = options[1]
    else:
        day = min(options, key=lambda o: abs((o - reference).days))
    return date_value(day), "DATE"


def calendar_date(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Calendar dates with or without year, month names, month-year."""
    core, _ = strip_leading(s)
    core = EDGE_MODIFIERS.sub("", core)
    # A weekday beside a full date adds nothing ("Friday, Oct. 24").
    weekday = None
    match_weekday = re.match(
        r"(?P<w>(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
        r"(?=\S)",
        core,
    )
    if match_weekday:
        weekday, core = WEEKDAYS[match_weekday.group("w")], core[match_weekday.end() :]
    match_year = re.search(r",?\s+(?:of\s+)?(this|last|next) year$", core)
    if match_year and reference is not None:
        shift = {"this": 0, "last": -1, "next": 1}[match_year.group(1)]
        core = f"{core[: match_year.start()]} {reference.year + shift}"
    which = None
    match_which = re.match(r"(?P<which>last|next|this|this past|this coming|past|coming)\s+", core)
    if match_which:
        which, core = match_which.group("which"), core[match_which.end() :]
    for pattern in _ABSOLUTE:
        match = pattern.fullmatch(core)
        if match:
            return _calendar(match.groupdict(), which, reference, tense, weekday)
    return None


def _calendar(
    parts: dict[str, str | None],
    which: str | None,
    reference: dt.date | None,
    tense: str | None,
    weekday: int | None = None,
) -> Result | None:
    raw_month, raw_day, raw_year = parts.get("month"), parts.get("day"), parts.get("year")
    month = int(raw_month) if raw_month and raw_month.isdigit() else MONTHS.get(raw_month or "")
    if not month or not 1 <= month <= 12:
        return None
    day = int(raw_day) if raw_day else None
    if day is not None and not 1 <= day <= 31:
        return None
    year: int | None = None
    if raw_year:
        year = int(raw_year.lstrip("'"))
        if year < 100:
            year += 1900 if year > 30 else 2000
    elif reference is None:
        return None, "DATE"
    elif which in ("last", "past", "this past"):
        year = reference.year if month < reference.month else reference.year - 1
    elif which in ("next", "coming", "this coming"):
        year = reference.year if month > reference.month else reference.year + 1
    elif which == "this":
        year = reference.year
    elif day is not None:
        year = place_day(month, day, reference, tense, weekday)
    else:
        year = place_month(month, reference, tense)
    if day is None:
        return f"{year:04d}-{month:02d}", "DATE"
    try:
        return date_value(dt.date(year, month, day)), "DATE"
    except ValueError:
        return None


def year_like(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Years, fiscal years, decades, centuries, quarters and halves."""
    core, _ = strip_leading(s)
    core = EDGE_MODIFIERS.sub("", core)
    core = re.sub(r"^(?:the\s+)?(?:year|fiscal|fiscal year|fy|calendar year|calendar)\s*", "", core)
    if re.fullmatch(r"(?:1[0-9]|20|21)\d\d", core):
        return core, "DATE"
    match = re.fullmatch(r"'(\d\d)", core)
    if match:
        year = int(match.group(1))
        return str(year + (1900 if year > 30 else 2000)), "DATE"
    match = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid)[\s-]?)?((?:1[0-9]|20)\d)0'?s", core)
    if match:
        return match.group(1), "DATE"
    match = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid)[\s-]?)?'?([1-9]0)'?s", core)
    if match:
        decade = int(match.group(1)) // 10
        century = 19 if decade > 3 or reference is None else reference.year // 100
        return f"{century}{decade}", "DATE"
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
    match = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid)[\s-]?)?(\w+ies)", core)
    if match and match.group(1) in tens:
        return f"19{tens[match.group(1)]}", "DATE"
    match = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century", core)
    match = match or re.fullmatch(r"(?:the\s+)?([a-z-]+(?: first)?)[\s-]+century", core)
    if match:
        raw = match.group(1)
        ordinal = int(raw) if raw.isdigit() else CENTURY_ORDINALS.get(raw)
        if ordinal:
            return f"{ordinal - 1:02d}", "DATE"
    return _quarter(core, reference)


def _quarter(core: str, reference: dt.date | None) -> Result | None:
    match = re.fullmatch(
        r"(?:the\s+)?(?:(?P<year1>\d{4})\s+)?(?P<ord>first|second|third|fourth|last|final|"
        r"1st|2nd|3rd|4th)[\s-]+(?P<what>quarter|half)"
        r"(?:\s+(?:of\s+)?(?:the\s+)?(?:year\s+|fiscal\s+|fiscal year\s+)?(?P<year2>\d{4}|this year"
        r"|last year|next year|the year))?",
        core,
    ) or re.fullmatch(r"(?P<what>q|h)(?P<ord>[1-4])(?:\s+|-)?(?P<year2>\d{4})?", core)
    if not match:
        return None
    raw = match.group("ord")
    index = int(raw) if raw.isdigit() else ORDINALS[raw]
    letter = "Q" if match.group("what") in ("quarter", "q") else "H"
    if index == -1:
        index = 4 if letter == "Q" else 2
    year_text = match.groupdict().get("year1") or match.group("year2")
    if year_text and year_text[0].isdigit():
        year = int(year_text)
    elif reference is None:
        return None, "DATE"
    else:
        year = reference.year + {"last year": -1, "next year": 1}.get(year_text or "", 0)
    return f"{year}-{letter}{index}", "DATE"


def fallback(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Absolute dates in formats the rules above do not know, read by dateparser."""
    core, _ = strip_leading(s)
    if not re.search(r"\b(?:1[0-9]|20)\d\d\b", core) or not re.search(r"[a-z]{3}", core):
        return None
    if not any(m in core.split() or m + "." in core.split() for m in MONTHS):
        return None
    parsed = _dateparser(core)
    if parsed is None:
        return None
    return date_value(parsed), "DATE"


@lru_cache(maxsize=1024)
def _dateparser(text: str) -> dt.date | None:
    import dateparser  # slow to import; only needed for odd formats

    result = dateparser.parse(
        text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return result.date() if result else None
