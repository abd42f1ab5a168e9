"""The calendar period of an event: the day, month or year its time expression covers.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.pipeline.timex.periods import period_of

REFERENCE = dt.date(2024, 6, 20)


@pytest.mark.parametrize(
    ("value", "text", "period"),
    [
        ("2024-06-18", "Tuesday", "2024-06-18"),
        ("2024-06-18T20:00", "Tuesday night", "2024-06-18"),
        ("2024-03", "March", "2024-03"),
        ("2023", "last year", "2023"),
        ("2024-W25", "this week", "2024-W25"),
        ("PAST_REF", "recently", "2024-06"),
        ("PAST_REF", "recent days", "2024-06"),
        ("PAST_REF", "recent months", "2024"),
        ("P3M", "the past three months", "2024"),
        ("P2W", "the last two weeks", "2024-06"),
        ("P3Y", "the past three years", None),  # crosses years: no period
        ("P3M", "three months", None),  # a length, not a time
        ("PRESENT_REF", "now", None),
        ("FUTURE_REF", "soon", None),
    ],
)  # fmt: skip
def test_a_time_expression_gives_the_smallest_period_holding_what_it_covers(value, text, period):
    assert period_of(value, text, REFERENCE) == period


def test_recent_days_early_in_a_month_reach_into_the_month_before():
    assert period_of("PAST_REF", "recent days", dt.date(2024, 6, 3)) == "2024"
    assert period_of("PAST_REF", "recent days", dt.date(2024, 1, 3)) is None


def _event(doc, kind):
    found = [e for e in doc._.events if e.event == kind]
    assert found, [(e.event, e.event_text) for e in doc._.events]
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "kind", "period"),
    [
        ("President Joe Biden met Chancellor Olaf Scholz in March.", "CONSULT", "2024-03"),
        ("President Joe Biden has met Chancellor Olaf Scholz several times in recent weeks.",
         "CONSULT", "2024"),  # three weeks back reach into May
        ("President Joe Biden has spoken to Chancellor Olaf Scholz often over the past three "
         "months.", "CONSULT", "2024"),
        ("President Joe Biden met Chancellor Olaf Scholz on Tuesday.", "CONSULT", "2024-06-18"),
    ],
)  # fmt: skip
def test_an_event_carries_the_period_its_sentence_dates_it_to(doc_of, text, kind, period):
    event = _event(doc_of(text, "2024-06-20"), kind)
    assert event.period == period and event.date_source == "sentence"


@pytest.mark.model
def test_news_of_the_day_has_the_publication_day_as_period_flagged_as_such(doc_of):
    event = _event(doc_of("President Joe Biden met Chancellor Olaf Scholz.", "2024-06-20"),
                   "CONSULT")  # fmt: skip
    assert (event.period, event.date_source) == ("2024-06-20", "published")
