"""Dates as metadata gives them (ISO strings, RFC 2822, compact digits, free text) normalised to
ISO 8601. A leaf module: extraction and comment threads both use it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from sitroom.records import InputError

# Languages dateparser may read metadata and comment dates in. Without a list it tries all of
# its ~200 locales, and loading them costs about 4 s on the first call in every process.
DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru"]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def normalize_date(value: object, fuzzy: bool = False) -> str | None:
    """An ISO 8601 date ("2025-10-24"), or datetime when a time of day is known.

    Accepts ISO strings, RFC 2822 dates (feeds, HTTP), compact "20251024", `date`/`datetime`
    objects and, for other strings, what dateparser can read with day, month and year all
    given. `fuzzy` allows longer free text (a comment's "24. Oktober 2025 um 10:15 Uhr").
    Returns None when no full date can be read.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if not text or len(text) > (120 if fuzzy else 60):
        return None
    if _ISO_DAY.match(text):
        return _valid_day(text)
    if match := _COMPACT_DAY.match(text):
        return _valid_day("-".join(match.groups()))
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


def check_published(value: str | None) -> str | None:
    """Validate a publication date given by the user (`--published`) before any work starts.

    `extract` quietly ignores a default date it cannot read, so a caller that takes the date
    from a user checks it here first and reports the mistake.

    Returns:
        The date normalized as by `normalize_date`, or None when no date was given.

    Raises:
        InputError: "--published: '2024-13-45' is not a date (use YYYY-MM-DD)".
    """
    if value is None or not value.strip():
        return None
    normalized = normalize_date(value)
    if normalized is None:
        raise InputError(f"--published: {value!r} is not a date (use YYYY-MM-DD)")
    return normalized


def _valid_day(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _dateparser(text: str) -> str | None:
    if not re.search(r"\d{4}", text) and not re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2}", text):
        return None  # without a year the day is ambiguous; do not guess one
    import dateparser

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"]}
    if re.search(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b", text):
        settings["DATE_ORDER"] = "DMY"  # dotted numeric dates are day-first wherever used
    try:
        moment = dateparser.parse(
            text,
            languages=DATE_LANGUAGES,
            settings=settings,  # type: ignore[arg-type]
        )
    except (ValueError, OverflowError, TypeError):
        return None
    if moment is None:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return _iso(moment) if has_time else moment.date().isoformat()
