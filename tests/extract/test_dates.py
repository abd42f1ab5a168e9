"""Metadata dates: formats read, and what reading them costs."""

from __future__ import annotations

import subprocess
import sys

from sitroom.extract.dates import DATE_LANGUAGES, normalize_date


def test_free_text_dates_in_the_languages_of_news_pages():
    assert normalize_date("24. Oktober 2025 um 10:15 Uhr", fuzzy=True) == "2025-10-24T10:15:00"
    assert normalize_date("24 octobre 2025") == "2025-10-24"
    assert normalize_date("24 de octubre de 2025") == "2025-10-24"
    assert normalize_date("October 24, 2025") == "2025-10-24"
    assert normalize_date("Posted by the editor in 2024") is None  # no day: no guess


def test_a_first_free_text_date_loads_only_the_listed_languages():
    # dateparser left to itself loads every locale it has (seconds in each new process).
    code = (
        "from sitroom.extract.dates import normalize_date\n"
        "from dateparser.languages.loader import LocaleDataLoader\n"
        "normalize_date('Posted by the editor in 2024')\n"
        "print(len(LocaleDataLoader._loaded_languages))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert int(out) <= len(DATE_LANGUAGES)
