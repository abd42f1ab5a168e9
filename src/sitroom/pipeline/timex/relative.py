"""Rules for expressions read against the reference date: now/recently, sets, durations,
yesterday/tonight, this/last/next week, seasons and weekdays."""

from __future__ import annotations

import datetime as dt
import re

from sitroom.pipeline.timex.calendar import add_months, date_value, week_value, weekday_date
from sitroom.pipeline.timex.vocabulary import (
    DAY_PARTS,
    EDGE_MODIFIERS,
    FUTURE_WORDS,
    MONTHS,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
    Result,
    duration_value,
    number,
    strip_leading,
    unit_name,
)

_UNIT_RE = (
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?"
    r"|months?|quarters?|years?|yrs?|decades?|century|centuries|millenni(?:um|a)|weekends?)"
)
_NUM_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand)"
)
# A count: digits (not a year), number words ("twenty-four"), or "a few", "a couple of" ...
_NUM_RE = (
    r"(?P<num>(?!(?:1[0-9]|20)\d\d\b)\d+(?:[.,]\d+)?(?:\s+and\s+a\s+half)?"
    rf"|{_NUM_WORD}(?:[\s-]+{_NUM_WORD})*(?:\s+and\s+a\s+half)?"
    r"|(?:a|an)(?:\s+(?:few|couple\s+of|dozen|hundred|thousand|half))?"
    r"|(?:a\s+)?(?:few|several|some|many|couple\s+of|dozen|single))"
)


def vague(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    core, _ = strip_leading(s)
    for candidate in (s, core, re.sub(r"^the\s+", "", core)):
        if candidate in PRESENT_WORDS:
            return "PRESENT_REF", "DATE"
        if candidate in PAST_WORDS:
            return "PAST_REF", "DATE"
        if candidate in FUTURE_WORDS:
            return "FUTURE_REF", "DATE"
    match = re.fullmatch(
        r"(?:the\s+)?(?:most\s+)?(?P<kind>recent|past|last|previous|coming|upcoming|next|"
        r"following|future|subsequent)(?:\s+(?:few|several|many|couple of))?\s+"
        r"(?P<unit>days|weeks|months|years|decades|centuries|times|generations|hours|"
        r"minutes|nights|weekends|seasons|quarters|periods)",
        core,
    )
    if match:
        kind = match.group("kind")
        if kind == "recent":
            return "PAST_REF", "DATE"
        unit = unit_name(match.group("unit"))
        if unit not in UNITS:
            return ("PAST_REF" if kind in ("past", "last", "previous") else "FUTURE_REF"), "DATE"
        return duration_value("X", unit), "DURATION"
    return None


def recurring(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """every week, each year, weekly, every other day, twice a month, on Fridays."""
    if s in SET_ADVERBS:
        return SET_ADVERBS[s], "SET"
    match = re.fullmatch(
        r"(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>[\w.]+)\s+)?(?P<what>[a-z]+)", s
    ) or re.fullmatch(
        r"(?:once|twice|[\w-]+ times)\s+(?:a|an|per|every|each)\s+(?P<what>[a-z]+)", s
    )
    if match:
        return _set_of(match.group("what"), match.groupdict().get("num"),
                       bool(match.groupdict().get("other")))  # fmt: skip
    match = re.fullmatch(
        r"(?:on\s+)?(?P<what>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s"
        r"(?:\s+(?P<part>morning|afternoon|evening|night)s)?",
        s,
    )
    if match:
        value = f"XXXX-WXX-{WEEKDAYS[match.group('what')] + 1}"
        if match.group("part"):
            value += "T" + DAY_PARTS[match.group("part")]
        return value, "SET"
    return None


def _set_of(what: str, num: str | None, other: bool) -> Result | None:
    count = number(num) if num else 1
    if count is None:
        return None
    if other and count == 1:
        count = 2
    if what in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[what] + 1}", "SET"
    if what in DAY_PARTS:
        return f"XXXX-XX-XXT{DAY_PARTS[what]}", "SET"
    if what in MONTHS:
        return f"XXXX-{MONTHS[what]:02d}", "SET"
    unit = unit_name(what)
    if unit in UNITS:
        return duration_value(count, unit), "SET"
    return None


def duration(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    original, dropped = strip_leading(s)
    core = re.sub(r"^(?:the|another|an additional|an extra)\s+", "", original)
    match = re.fullmatch(
        r"(?:(?:the\s+)?(?P<which>past|last|previous|next|coming|following|first|final|"
        r"initial|remaining|recent|latest|further|additional|more|another|other)\s+)?"
        + _NUM_RE
        + r"(?:\s+(?:more|full|straight|consecutive|long|whole|additional|further|calendar|"
        r"fiscal|business|working|odd))*[\s-]+"
        + _UNIT_RE
        + r"(?:[\s-]+(?:long|old|plus|or so|running|straight|later|earlier|ago|before|after|"
        r"from now|hence|in a row))?",
        core,
    )
    if match:
        tail = core[match.end("unit") :].strip(" -")
        count = number(match.group("num"))
        unit = unit_name(match.group("unit"))
        if count is None or unit not in UNITS:
            return None
        if unit == "quarter" and (count == 1 or "-" in core) and not match.group("which"):
            return None  # "a quarter of", "three-quarters": fractions
        if tail in ("ago", "earlier", "before", "later", "after", "from now", "hence"):
            return _shifted(count, unit, tail, reference)
        return duration_value(count, unit), "DURATION"
    match = re.fullmatch(
        r"(?:the\s+)?(?P<which>past|last|previous|next|coming|following|first|final|"
        r"whole|entire|full|better part of the|rest of the)\s+" + _UNIT_RE,
        core,
    )
    if match and (
        original.startswith("the ")
        or dropped
        or match.group("which") not in ("last", "next", "past", "previous", "coming", "following")
    ):
        unit = unit_name(match.group("unit"))
        if unit == "quarter" and match.group("which") in ("first", "final"):
            return None  # "the first quarter" is a calendar quarter
        if unit in UNITS and unit != "weekend":
            return duration_value(1, unit), "DURATION"
    match = re.fullmatch(
        r"(?:(?:for|over)\s+)?(?:(?:many|several|some|a few|few|a couple of|the|long|recent)\s+)?"
        + r"(?P<unit>seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries)"
        + r"(?:\s+(?:on end|long|of \w+))?",
        s,
    )
    if match:
        return duration_value("X", unit_name(match.group("unit"))), "DURATION"
    return None


def _shifted(count: int | float | str, unit: str, direction: str, ref: dt.date | None) -> Result:
    """Value of "N units ago/earlier/later/from now", at the granularity of the unit."""
    if count == "X" and direction in ("ago", "earlier", "before"):
        return "PAST_REF", "DATE"  # "a few years ago"
    if ref is None or not isinstance(count, int | float):
        return None, "DATE"
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    n = int(count) * sign
    if unit in ("day", "night"):
        return date_value(ref + dt.timedelta(days=n)), "DATE"
    if unit in ("week", "fortnight"):
        return week_value(ref + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))), "DATE"
    if unit == "month":
        year, month = add_months(ref.year, ref.month, n)
        return f"{year}-{month:02d}", "DATE"
    if unit == "quarter":
        year, month = add_months(ref.year, ref.month, 3 * n)
        return f"{year}-Q{(month - 1) // 3 + 1}", "DATE"
    if unit == "year":
        return str(ref.year + n), "DATE"
    if unit == "decade":
        return str(ref.year // 10 + n), "DATE"
    if unit in ("hour", "minute", "second"):
        return date_value(ref), "TIME"
    return None, "DATE"


def year_ago(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """The year-ago quarter, "year-earlier": the previous year (sharpened by `find_dates`)."""
    core, _ = strip_leading(s)
    if re.fullmatch(
        r"(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?:quarter|period|level|results?))?", core
    ):
        return (str(reference.year - 1) if reference else None), "DATE"
    return None


def last_quarter(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """The latest quarter is the last completed one; "the quarter" is the one in focus (set by
    `find_dates`), else unknown."""
    core, _ = strip_leading(s)
    if re.fullmatch(r"(?:the|that)\s+(?:same\s+)?(?:fiscal\s+)?quarter", core):
        return None, "DATE"
    latest = r"the\s+(?:latest|most\s+recent|recent|just[\s-]ended)\s+(?:fiscal\s+)?"
    if not re.fullmatch(latest + r"(?:quarter|period)", core):
        return None
    if reference is None:
        return None, "DATE"
    year, month = add_months(reference.year, reference.month, -3)
    return f"{year}-Q{(month - 1) // 3 + 1}", "DATE"


def deictic_day(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """today, tonight, yesterday, tomorrow, this morning, last night, the morning (+ parts)."""
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    core, _ = strip_leading(s)
    core = re.sub(r"^(?:earlier|later|early|late)\s+", "", core)
    if core in offsets:
        if reference is None:
            return None, "TIME" if core == "tonight" else "DATE"
        day = reference + dt.timedelta(days=offsets[core])
        return (date_value(day) + "TNI", "TIME") if core == "tonight" else (date_value(day), "DATE")
    match = re.fullmatch(
        r"(?:(?P<anchor>today|yesterday|tomorrow|this|that|the|last|early|late|mid|mid-)\s*)?"
        r"(?:(?:early|late|mid)[\s-]?)?(?P<part>morning|afternoon|evening|night|overnight)"
        r"(?:\s+(?P<after>today|yesterday|tomorrow))?",
        core,
    )
    if match:
        anchor = match.group("after") or match.group("anchor") or "this"
        part = DAY_PARTS[match.group("part")]
        if anchor == "that":
            return None, "TIME"
        if reference is None:
            return None, "TIME"
        shift = {"yesterday": -1, "tomorrow": 1}.get(anchor, 0)
        if anchor == "last" and part in ("NI", "EV") or match.group("part") == "overnight":
            shift = -1
        elif anchor == "last":
            return None, "TIME"
        return f"{date_value(reference + dt.timedelta(days=shift))}T{part}", "TIME"
    return None


def this_last_next(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """this/last/next/earlier this + week, month, year, weekend, quarter, decade, season."""
    core, dropped = strip_leading(s)
    edged = EDGE_MODIFIERS.sub("", core)
    if edged != core and re.fullmatch(r"the (?:week|month|year|quarter|decade|century)", edged):
        edged = "this " + edged[4:]  # "the end of the year": the current one
    elif (
        edged == core
        and not dropped
        and re.match(r"the (?:past|last|previous|coming|next|following) ", core)
    ):
        return None  # "the past year" is a duration
    core = edged
    if re.fullmatch(r"the\s+(?:past\s+)?weekend", core):
        return _the_weekend(reference, tense)
    match = re.fullmatch(
        r"(?:(?:earlier|later|early|late|the end of|the start of)\s+)?"
        r"(?:the\s+)?(?P<which>this|last|next|current|past|previous|coming|following|present|"
        r"same)\s+(?:fiscal\s+|calendar\s+)?(?P<what>week|weekend|month|year|quarter|decade|"
        r"century|season|"
        r"winter|spring|summer|autumn|fall)(?:\s+months)?",
        core,
    )
    if not match:
        return None
    which, what = match.group("which"), match.group("what")
    if which == "same":
        return None, "DATE"
    if reference is None:
        return None, "DATE"
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}
    n = shift.get(which, 0)
    if what == "week":
        return week_value(reference + dt.timedelta(weeks=n)), "DATE"
    if what == "weekend":
        return week_value(reference + dt.timedelta(weeks=n)) + "-WE", "DATE"
    if what == "month":
        year, month = add_months(reference.year, reference.month, n)
        return f"{year}-{month:02d}", "DATE"
    if what == "year":
        return str(reference.year + n), "DATE"
    if what == "quarter":
        year, month = add_months(reference.year, reference.month, 3 * n)
        return f"{year}-Q{(month - 1) // 3 + 1}", "DATE"
    if what == "decade":
        return str(reference.year // 10 + n), "DATE"
    if what == "century":
        return str(reference.year // 100 + n), "DATE"
    if what == "season":
        return None, "DATE"
    return _season(SEASONS[what], reference, n), "DATE"


def _the_weekend(reference: dt.date | None, tense: str | None) -> Result:
    """ "The weekend": the one just past in a past-tense clause, else the coming one."""
    if reference is None:
        return None, "DATE"
    if tense == "PAST" and reference.weekday() < 5:
        return week_value(reference - dt.timedelta(weeks=1)) + "-WE", "DATE"
    return week_value(reference) + "-WE", "DATE"


def _season(code: str, reference: dt.date, shift: int) -> str:
    """TIMEX3 season of the reference year, moved by `shift` occurrences."""
    return f"{reference.year + shift}-{code}"


def seasons(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    core, _ = strip_leading(s)
    core = EDGE_MODIFIERS.sub("", core)
    match = re.fullmatch(
        r"(?:the\s+)?(?:(?P<year>\d{4})\s+)?(?P<season>winter|spring|summer|autumn|fall)"
        r"(?:\s+months|\s+season)?(?:\s+(?:of\s+)?(?P<year2>\d{4}))?",
        core,
    )
    if not match:
        return None
    year_given = match.group("year") or match.group("year2")
    if match.group("season") == "fall" and not core.startswith("the") and not year_given:
        return None  # "fall" alone is mostly the verb
    year = year_given
    code = SEASONS[match.group("season")]
    if year:
        return f"{year}-{code}", "DATE"
    if reference is None:
        return None, "DATE"
    return _season(code, reference, 0), "DATE"


def weekday(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Friday, last Friday, next Friday, this Friday, Friday night, 9 a.m. Tuesday."""
    core, dropped = strip_leading(s)
    match = re.fullmatch(
        r"(?:(?:the\s+)?(?P<which>this|last|next|past|coming|this past|this coming|previous|early"
        r"|late)\s+)?"
        r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
        r"thu(?:rs)?|fri|sat|sun)\.?"
        r"(?:\s+(?:(?P<which2>last|next)\s+)?(?:(?:early|late|mid)[\s-]?)?(?P<part>morning|"
        r"afternoon|evening|night))?(?:\s+(?P<which3>last|next|week))?",
        core,
    )
    if not match:
        return None
    kind = "TIME" if match.group("part") else "DATE"
    if reference is None:
        return None, kind
    which = match.group("which") or match.group("which2") or match.group("which3") or ""
    direction = {
        "last": "last", "past": "last", "this past": "last", "next": "next", "previous": "last",
        "coming": "next", "this coming": "next", "this": "this", "week": "next",
    }.get(which, "future" if tense == "FUTURE" else "past")  # fmt: skip
    day = weekday_date(WEEKDAYS[match.group("day")], reference, direction)
    value = date_value(day)
    if match.group("part"):
        value += "T" + DAY_PARTS[match.group("part")]
    return value, kind
