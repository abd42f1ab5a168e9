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
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from sitroom.lang.en import words

MONTHS = words.MONTH_NUMBERS
WEEKDAYS = words.WEEKDAY_NUMBERS
SEASONS = {"winter": "WI", "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA"}
DAY_PARTS = {
    "morning": "MO", "dawn": "MO", "daybreak": "MO", "afternoon": "AF", "evening": "EV",
    "night": "NI", "tonight": "NI", "overnight": "NI", "nightfall": "EV", "dusk": "EV",
}  # fmt: skip
# Duration units: TIMEX3 letter and whether it belongs after the "T" of a duration.
UNITS = {
    "second": ("S", True), "sec": ("S", True), "minute": ("M", True), "min": ("M", True),
    "hour": ("H", True), "hr": ("H", True), "day": ("D", False), "night": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "yr": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
    "millennium": ("ML", False), "millennia": ("ML", False), "weekend": ("WE", False),
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "couple": 2, "single": 1,
}  # fmt: skip
VAGUE_COUNTS = {"few", "several", "some", "many", "numerous", "multiple", "various", "more"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": -1, "final": -1,
}  # fmt: skip
CENTURY_ORDINALS = {
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}

PRESENT_WORDS = {
    "now",
    "currently",
    "presently",
    "nowadays",
    "at present",
    "right now",
    "just now",
    "these days",
    "at the moment",
    "the present",
    "present",
    "at this time",
    "this time",
    "today's world",
    "for now",
    "by now",
    "until now",
    "so far",
    "to date",
    "as yet",
}
PAST_WORDS = {
    "recently",
    "lately",
    "previously",
    "formerly",
    "earlier",
    "once",
    "the past",
    "past",
    "in the past",
    "the recent past",
    "not long ago",
    "some time ago",
    "long ago",
    "ago",
    "in recent times",
    "recent times",
    "the old days",
    "historically",
    "before",
}
FUTURE_WORDS = {
    "the future",
    "future",
    "in the future",
    "the near future",
    "the foreseeable future",
    "soon",
    "shortly",
    "later",
    "eventually",
    "in due course",
    "one day",
    "someday",
    "some day",
    "from time to time",
}
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
    "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
    "hourly": "PT1H", "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M",
}  # fmt: skip

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

_LEADING = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|only|just|over|under|"
    r"more than|less than|fewer than|at least|at most|up to|no more than|as many as|as much as|"
    r"as of|as early as|as late as|since|until|till|by|on|in|at|during|from|through|throughout|"
    r"of|for|within|after|before|into|between|circa|ca\.?|approx\.?|since at least)\s+)+"
)
_EDGE_MODIFIERS = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid|middle|end|beginning|start|"
    r"rest|remainder|balance|course|turn|close|dawn)(?:\s+of|-|\s+)\s*)+"
)

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::\d{2})?(?:\s*h(?:rs|ours)?)?"
    r"|\b(?P<word>noon|midday|midnight)\b"
)
_ZONES = re.compile(
    r"\b(?:gmt|utc|bst|cet|cest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|msk|local time|"
    r"(?:eastern|central|pacific|mountain|british|moscow)(?:\s+(?:standard|daylight))?\s+time)\b"
)
_DAY_PART = re.compile(
    r"\b(?:in\s+the\s+|this\s+|that\s+|the\s+|last\s+|early\s+|late\s+|mid-?\s*)?"
    r"(?P<part>morning|afternoon|evening|night|overnight|dawn|daybreak|nightfall|dusk)\b"
)


def clean(text: str) -> str:
    """Lower-case, straighten quotes, drop possessives and edge punctuation, squeeze spaces."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    s = s.replace("\u2014", " ").replace("\u00a0", " ")
    s = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:!?()[]\"'")
    return s.rstrip(".")


def number(text: str) -> int | float | str | None:
    """Value of a count written in digits or words ("10", "twenty-four", "a few" -> "X")."""
    words = [w for w in re.split(r"[\s-]+", text.replace(",", "")) if w and w != "of"]
    if not words:
        return None
    if any(w in VAGUE_COUNTS for w in words):
        return "X"
    if words[0] in ("a", "an") and len(words) > 1 and words[1] != "half":
        words = words[1:]  # "a dozen", "a couple", "a hundred"
    if words == ["half"] or words == ["a", "half"]:
        return 0.5
    if words[-3:] == ["and", "a", "half"]:
        whole = number(" ".join(words[:-3]))
        return whole + 0.5 if isinstance(whole, int | float) else whole
    total, current = 0, 0
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word) if "." in word else int(word)
        elif word in ("hundred", "thousand"):
            current = max(current, 1) * NUMBERS[word]
            if word == "thousand":
                total, current = total + current, 0
        elif word in NUMBERS:
            current += NUMBERS[word]
        else:
            return None
    return total + current


def duration_value(count: int | float | str, unit: str) -> str:
    """TIMEX3 duration for `count` units ("P3Y", "PT5H", "PXW")."""
    letter, is_time = UNITS[unit]
    if letter == "WE":
        letter, count = "D", (count * 2 if isinstance(count, int | float) else count)
    if unit == "fortnight" and isinstance(count, int | float):
        count *= 2
    if isinstance(count, float):
        count = int(count) if count.is_integer() else count
        if isinstance(count, float) and count == 0.5:
            return {"Y": "P6M", "D": "PT12H", "H": "PT30M", "M": "PT30S" if is_time else "P15D",
                    "W": "P3D"}.get(letter, f"P0.5{letter}")  # fmt: skip
    return f"PT{count}{letter}" if is_time else f"P{count}{letter}"


def unit_name(word: str) -> str:
    """Singular key of UNITS for a unit word ("centuries" -> "century")."""
    word = word.lower()
    if word in ("centuries",):
        return "century"
    if word in UNITS:
        return word
    if word.endswith("s") and word[:-1] in UNITS:
        return word[:-1]
    return {"millennia": "millennium"}.get(word, word)


# ---------------------------------------------------------------- calendar arithmetic


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


# ---------------------------------------------------------------- the rules

Result = tuple[str | None, str]

# Dates this close to the reference date are placed by distance alone (tuned on TimeBank +
# AQUAINT: tense read from the parse misplaced near dates more often than it placed them).
NEAR_DAYS = 60
NEAR_MONTHS = 2


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


def _strip(s: str) -> tuple[str, str]:
    """Drop leading prepositions and quantity hedges; return (rest, the dropped words)."""
    match = _LEADING.match(s)
    if not match:
        return s, ""
    return s[match.end() :], match.group(0).strip()


def _vague(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    core, _ = _strip(s)
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


def _set(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
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


def _duration(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    original, dropped = _strip(s)
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


def _year_ago(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """The year-ago quarter, "year-earlier": the previous year (sharpened by `find_dates`)."""
    core, _ = _strip(s)
    if re.fullmatch(
        r"(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?:quarter|period|level|results?))?", core
    ):
        return (str(reference.year - 1) if reference else None), "DATE"
    return None


def _last_quarter(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """The latest quarter is the last completed one; "the quarter" is the one in focus (set by
    `find_dates`), else unknown."""
    core, _ = _strip(s)
    if re.fullmatch(r"(?:the|that)\s+(?:same\s+)?(?:fiscal\s+)?quarter", core):
        return None, "DATE"
    latest = r"the\s+(?:latest|most\s+recent|recent|just[\s-]ended)\s+(?:fiscal\s+)?"
    if not re.fullmatch(latest + r"(?:quarter|period)", core):
        return None
    if reference is None:
        return None, "DATE"
    year, month = add_months(reference.year, reference.month, -3)
    return f"{year}-Q{(month - 1) // 3 + 1}", "DATE"


def _deictic_day(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """today, tonight, yesterday, tomorrow, this morning, last night, the morning (+ parts)."""
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    core, _ = _strip(s)
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


def _relative(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """this/last/next/earlier this + week, month, year, weekend, quarter, decade, season."""
    core, dropped = _strip(s)
    edged = _EDGE_MODIFIERS.sub("", core)
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


def _seasons(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    core, _ = _strip(s)
    core = _EDGE_MODIFIERS.sub("", core)
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


def _weekday(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Friday, last Friday, next Friday, this Friday, Friday night, 9 a.m. Tuesday."""
    core, dropped = _strip(s)
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


def _holiday(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Fixed and movable holidays, placed like a date without a year ("last Christmas")."""
    core, _ = _strip(s)
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


def _absolute(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Calendar dates with or without year, month names, month-year."""
    core, _ = _strip(s)
    core = _EDGE_MODIFIERS.sub("", core)
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


def _year_like(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Years, fiscal years, decades, centuries, quarters and halves."""
    core, _ = _strip(s)
    core = _EDGE_MODIFIERS.sub("", core)
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
    if re.search(r"in the morning|at night|in the evening|in the afternoon", s) and hour < 12:
        hour += 12 if re.search(r"evening|afternoon|night", s) and hour >= 5 else 0
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


def _fallback(s: str, reference: dt.date | None, tense: str | None) -> Result | None:
    """Absolute dates in formats the rules above do not know, read by dateparser."""
    core, _ = _strip(s)
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


_RULES = (
    _set,
    _year_ago,
    _last_quarter,
    _vague,
    _clock,
    _deictic_day,
    _weekday,
    _relative,
    _seasons,
    _duration,
    _absolute,
    _holiday,
    _year_like,
    _fallback,
)
