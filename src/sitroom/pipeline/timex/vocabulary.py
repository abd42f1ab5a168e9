"""The words of temporal expressions: names, units, numbers and the hedges around them."""

from __future__ import annotations

import re

from sitroom.lang.en import words

# A rule's answer: (TIMEX3 value or None when it needs an anchor it has not got, type).
Result = tuple[str | None, str]

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

LEADING = re.compile(
    r"^(?:(?:about|around|approximately|roughly|nearly|almost|some|only|just|over|under|"
    r"more than|less than|fewer than|at least|at most|up to|no more than|as many as|as much as|"
    r"as of|as early as|as late as|since|until|till|by|on|in|at|during|from|through|throughout|"
    r"of|for|within|after|before|into|between|circa|ca\.?|approx\.?|since at least)\s+)+"
)
EDGE_MODIFIERS = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid|middle|end|beginning|start|"
    r"rest|remainder|balance|course|turn|close|dawn)(?:\s+of|-|\s+)\s*)+"
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


def strip_leading(s: str) -> tuple[str, str]:
    """Drop leading prepositions and quantity hedges; return (rest, the dropped words)."""
    match = LEADING.match(s)
    if not match:
        return s, ""
    return s[match.end() :], match.group(0).strip()
