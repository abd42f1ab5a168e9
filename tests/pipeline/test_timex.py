"""The time layer: TIMEX3 values relative to the reference date, on rules and on documents."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import example, shared_data

from sitroom.pipeline.timex.component import infer_reference_date
from sitroom.pipeline.timex.rules import normalize

FRIDAY = dt.date(2025, 10, 24)  # a Friday, ISO week 43
THURSDAY = dt.date(2026, 1, 8)


def value(text: str, reference: dt.date | None = FRIDAY, tense: str | None = None) -> str | None:
    result = normalize(text, reference, tense)
    assert result is not None, f"{text!r} not read as a temporal expression"
    return result[0]


def find(analysis, text: str):
    """The expression whose text is `text` (or contains it)."""
    matches = [d for d in analysis.dates if d.text == text] or [
        d for d in analysis.dates if text in d.text
    ]
    assert matches, f"{text!r} not found in {[d.text for d in analysis.dates]}"
    return matches[0]


# ---------------------------------------------------------------- done criteria on the examples


@pytest.mark.model
@pytest.mark.shared
def test_scraped_example_weekday_yesterday_week(analyze_text):
    analysis = analyze_text(example("002").read_text(encoding="utf-8"), "2025-10-24")
    assert find(analysis, "Friday").value == "2025-10-24"
    assert find(analysis, "yesterday").value == "2025-10-23"
    assert find(analysis, "this week").value == "2025-W43"


@pytest.mark.model
@pytest.mark.shared
def test_clean_example_dates(analyze_text):
    analysis = analyze_text(example("000").read_text(encoding="utf-8"), "2026-01-08")
    assert find(analysis, "8 January 2026").value == "2026-01-08"
    assert find(analysis, "today").value == "2026-01-08"
    assert find(analysis, "the winter months").value == "2026-WI"
    morning = find(analysis, "morning")
    assert (morning.value, morning.type) == ("2026-01-08TMO", "TIME")
    assert find(analysis, "recent days").value == "PAST_REF"
    for date in analysis.dates:
        assert analysis.document.text[date.start : date.end] == date.text


# ---------------------------------------------------------------- rule families


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8 January 2026", "2026-01-08"),
        ("January 8, 2026", "2026-01-08"),
        ("the 8th of January 2026", "2026-01-08"),
        ("2025-10-24", "2025-10-24"),
        ("Jan. 8, 2026", "2026-01-08"),
        ("January 2026", "2026-01"),
        ("in 2024", "2024"),
        ("fiscal 1989", "1989"),
        ("the 1990s", "199"),
        ("the '80s", "198"),
        ("the 19th century", "18"),
        ("the third quarter of 2025", "2025-Q3"),
        ("Monday, Oct. 26, 1998", "1998-10-26"),
    ],
)
def test_absolute_dates(text, expected):
    assert value(text) == expected
    assert value(text, reference=None) == expected  # no anchor needed


def test_dates_without_year_take_the_nearest_year():
    assert value("Jan. 8", THURSDAY) == "2026-01-08"
    assert value("Dec. 30", THURSDAY) == "2025-12-30"
    assert value("mid-January", THURSDAY) == "2026-01"
    # Far from the reference date, the tense decides.
    assert value("June", THURSDAY, "PAST") == "2025-06"
    assert value("June", THURSDAY, "FUTURE") == "2026-06"
    # A weekday beside the date picks the year it belongs to.
    assert value("Monday, Oct. 26", dt.date(1999, 1, 2), "PAST") == "1998-10-26"


def test_weekdays():
    assert value("Friday") == "2025-10-24"  # the reference day itself
    assert value("Tuesday") == "2025-10-21"  # most recent, on or before
    # A future clause naming the reference weekday means that very day; "next" moves on.
    assert value("Friday", tense="FUTURE") == "2025-10-24"
    assert value("Tuesday", tense="FUTURE") == "2025-10-28"
    assert value("next Friday") == "2025-10-31"
    assert value("last Friday") == "2025-10-17"
    assert value("Friday night") == "2025-10-24TNI"
    assert value("9 a.m. EST Tuesday") == "2025-10-21T09:00"


def test_deictic_days_and_parts_of_day():
    assert value("today", THURSDAY) == "2026-01-08"
    assert value("yesterday", THURSDAY) == "2026-01-07"
    assert value("tomorrow", THURSDAY) == "2026-01-09"
    assert normalize("this morning", THURSDAY) == ("2026-01-08TMO", "TIME")
    assert normalize("the morning\u2019s", THURSDAY) == ("2026-01-08TMO", "TIME")
    assert value("tonight", THURSDAY) == "2026-01-08TNI"
    assert value("last night", THURSDAY) == "2026-01-07TNI"
    assert value("yesterday afternoon", THURSDAY) == "2026-01-07TAF"


def test_weeks_months_years_relative():
    assert value("this week") == "2025-W43"
    assert value("last week") == "2025-W42"
    assert value("next week") == "2025-W44"
    assert value("this weekend") == "2025-W43-WE"
    assert value("last month") == "2025-09"
    assert value("next month") == "2025-11"
    assert value("earlier this month") == "2025-10"
    assert value("this year") == "2025"
    assert value("last year") == "2024"
    assert value("early next year") == "2026"
    assert value("the end of the year") == "2025"
    assert value("two days ago") == "2025-10-22"
    assert value("three weeks ago") == "2025-W40"
    assert value("six months ago") == "2025-04"
    assert value("last October", THURSDAY) == "2025-10"
    assert value("June last year", THURSDAY) == "2025-06"
    assert value("this quarter") == "2025-Q4"
    assert value("the first half") == "2025-H1"


def test_seasons():
    assert value("this winter", THURSDAY) == "2026-WI"
    assert value("the winter months", THURSDAY) == "2026-WI"
    assert value("last summer", THURSDAY) == "2025-SU"
    assert value("the summer of 2024") == "2024-SU"


def test_vague_references():
    assert value("now") == "PRESENT_REF"
    assert value("currently") == "PRESENT_REF"
    assert value("recently") == "PAST_REF"
    assert value("the recent days") == "PAST_REF"
    assert value("recent years") == "PAST_REF"
    assert value("the past") == "PAST_REF"
    assert value("the future") == "FUTURE_REF"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("three years", "P3Y"),
        ("for 10 days", "P10D"),
        ("100-year", "P100Y"),
        ("five-hour", "PT5H"),
        ("the past two months", "P2M"),
        ("the last week", "P1W"),
        ("a couple of days", "P2D"),
        ("twenty-four hours", "PT24H"),
        ("several years", "PXY"),
        ("decades", "PXDE"),
    ],
)
def test_durations(text, expected):
    assert normalize(text, FRIDAY) == (expected, "DURATION")
    assert normalize(text, None) == (expected, "DURATION")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("every week", "P1W"),
        ("weekly", "P1W"),
        ("each year", "P1Y"),
        ("daily", "P1D"),
        ("every two months", "P2M"),
        ("every other week", "P2W"),
        ("every Friday", "XXXX-WXX-5"),
        ("on Sundays", "XXXX-WXX-7"),
    ],
)
def test_sets(text, expected):
    assert normalize(text, FRIDAY) == (expected, "SET")


def test_clock_times():
    assert normalize("at 3pm", FRIDAY) == ("2025-10-24T15:00", "TIME")
    assert normalize("10:30", FRIDAY) == ("2025-10-24T10:30", "TIME")
    assert normalize("10:35 a.m.", FRIDAY) == ("2025-10-24T10:35", "TIME")
    assert normalize("noon", FRIDAY) == ("2025-10-24T12:00", "TIME")
    assert normalize("3pm", None) == (None, "TIME")


def test_clock_times_with_a_part_of_the_day():
    assert normalize("2:00 in the afternoon", FRIDAY) == ("2025-10-24T14:00", "TIME")
    assert normalize("4:30 in the afternoon", FRIDAY) == ("2025-10-24T16:30", "TIME")
    assert normalize("8:15 in the evening", FRIDAY) == ("2025-10-24T20:15", "TIME")
    assert normalize("10:00 at night", FRIDAY) == ("2025-10-24T22:00", "TIME")
    assert normalize("2:00 at night", FRIDAY) == ("2025-10-24T02:00", "TIME")  # small hours
    assert normalize("9:00 in the morning", FRIDAY) == ("2025-10-24T09:00", "TIME")


def test_not_temporal():
    assert normalize("52-year-old", FRIDAY) is None
    assert normalize("the minister", FRIDAY) is None


# ---------------------------------------------------------------- documents


@pytest.mark.model
def test_tense_moves_weekdays(analyze_text):
    analysis = analyze_text(
        "The ministers met on Tuesday. They will meet again on Thursday, and talks are "
        "scheduled for next Monday.",
        "2025-10-22",  # a Wednesday
    )
    assert find(analysis, "Tuesday").value == "2025-10-21"
    assert find(analysis, "Thursday").value == "2025-10-23"
    assert find(analysis, "next Monday").value == "2025-10-27"


@pytest.mark.model
def test_reference_weekday_stays_on_the_reference_day(analyze_text):
    # The story is dated on a Thursday and every bare "Thursday" in it is that day.
    cases = {
        "Oslo and Bern signed the accord on Thursday.": "2025-10-23",
        "The council said on Thursday it would lift the curfew.": "2025-10-23",
        "Both delegations agreed on Thursday to keep talking.": "2025-10-23",
        "Fighting resumed later on Thursday.": "2025-10-23",
        "The envoys will meet on Thursday.": "2025-10-23",
        "The envoys will meet next Thursday.": "2025-10-30",
        "The envoys will meet on Saturday.": "2025-10-25",
    }
    for sentence, expected in cases.items():
        analysis = analyze_text(sentence, "2025-10-23")
        values = [d.value for d in analysis.dates if d.text.endswith("day")]
        assert values == [expected], sentence


@pytest.mark.model
def test_document_expressions_and_offsets(analyze_text):
    text = (
        "Officials said at 3pm that inspections, held every week since 2019, had been "
        "suspended for 10 days. The agency is currently reviewing the rules it adopted "
        "two years ago."
    )
    analysis = analyze_text(text, "2025-10-24")
    assert find(analysis, "3pm").value == "2025-10-24T15:00"
    assert (find(analysis, "every week").value, find(analysis, "every week").type) == (
        "P1W",
        "SET",
    )
    assert find(analysis, "2019").value == "2019"
    assert find(analysis, "10 days").value == "P10D"
    assert find(analysis, "currently").value == "PRESENT_REF"
    assert find(analysis, "two years ago").value == "2023"
    for date in analysis.dates:
        assert text[date.start : date.end] == date.text


@pytest.mark.model
def test_year_ago_takes_the_quarter_in_focus(analyze_text):
    analysis = analyze_text(
        "Third-quarter profit rose 12%, the company said. Sales were flat from a year ago.",
        "1989-10-26",
    )
    assert find(analysis, "Third-quarter").value == "1989-Q3"
    assert find(analysis, "a year ago").value == "1988-Q3"


# ---------------------------------------------------------------- without a publication date


def test_infer_reference_date_from_datelines():
    assert infer_reference_date("LONDON, 16 January 2025 \u2014 The talks began.") == (
        dt.date(2025, 1, 16),
        "the dateline",
    )
    inferred = infer_reference_date(
        "Jan 16 (Reuters) - The ministers, who first met on Jan. 9, 2025, agreed a plan."
    )
    assert inferred == (dt.date(2025, 1, 16), "the dateline")
    # A year merely mentioned says nothing about when the story was filed.
    assert infer_reference_date("Jan 16 (Reuters) - The plan dates from 2012.") is None
    # A sentence that starts with a date after lower-case words is not a dateline.
    assert infer_reference_date("Then in an email dated Feb. 12 - he wrote back.") is None
    assert infer_reference_date("On March 3, 2024, the council voted.")[0] == dt.date(2024, 3, 3)
    assert infer_reference_date("The council voted on Friday.") is None


@pytest.mark.model
def test_reference_date_is_inferred_once_per_undated_document(analyze_text, monkeypatch):
    # Actors (office terms of the day) and dates both need it; it is read from the text once.
    from sitroom.pipeline.actors import common
    from sitroom.pipeline.timex import component

    calls = []

    def counted(text):
        calls.append(text)
        return infer_reference_date(text)

    monkeypatch.setattr(component, "infer_reference_date", counted)
    monkeypatch.setattr(common, "infer_reference_date", counted, raising=False)
    analysis = analyze_text(
        "BRUSSELS, 14 February 2023 - Secretary General Stoltenberg met the ministers on Monday."
    )
    assert len(calls) == 1
    assert analysis.reference_date == "2023-02-14"
    assert any(d.text == "Monday" and d.value == "2023-02-13" for d in analysis.dates)


@pytest.mark.model
def test_dateline_sets_reference_date_and_note(analyze_text):
    analysis = analyze_text(
        "WASHINGTON, Jan. 16, 2025 (Reuters) - The senator said on Friday that the vote "
        "would come next week."
    )
    assert "reference date 2025-01-16 inferred from the dateline" in analysis.notes
    assert find(analysis, "Friday").value == "2025-01-10"
    assert find(analysis, "next week").value == "2025-W04"


@pytest.mark.model
def test_relative_dates_stay_unresolved_without_anchor(analyze_text):
    analysis = analyze_text(
        "Vote delayed\n\nThe senator said on Friday that the vote would come next week.\n\n"
        "It was first planned for 8 March 2024."
    )
    assert analysis.notes == []
    assert find(analysis, "Friday").value is None
    assert find(analysis, "next week").value is None
    assert find(analysis, "8 March 2024").value == "2024-03-08"


# ---------------------------------------------------------------- evaluation suite


def test_evaluation_without_data_raises(tmp_path):
    from sitroom.evaluation import MissingData
    from sitroom.evaluation.timex import evaluate

    with pytest.raises(MissingData):
        evaluate(tmp_path)


@pytest.mark.model
@pytest.mark.shared
def test_evaluation_on_a_few_documents(nlp):
    from sitroom.evaluation.timex import evaluate

    data = shared_data("timeml/TBAQ-cleaned").parent.parent
    metrics = evaluate(data, limit=20)
    assert metrics["documents"] == 20
    assert metrics["matched_date_time"] <= metrics["gold_date_time"] <= metrics["gold"]
    # Near the published scores on these 20 documents (0.76 and 0.99 today).
    assert metrics["value_accuracy"] >= 0.7
    assert metrics["span_recall"] >= 0.9


@pytest.mark.model
def test_names_and_fractions_are_not_periods(analyze_text):
    analysis = analyze_text(
        "The Arab Spring reshaped the region. Exports fell 4% in the first quarter from a year "
        "earlier, and three-quarters of firms cut jobs. Rescuers spring into action.",
        "2025-11-20",
    )
    assert not [d for d in analysis.dates if "pring" in d.text or "three" in d.text]
    assert find(analysis, "the first quarter").value == "2025-Q1"
    assert find(analysis, "a year earlier").value == "2024-Q1"


@pytest.mark.model
def test_yearless_dateline_is_reported_not_guessed(analyze_text):
    analysis = analyze_text("Aug 27 (Reuters) - The senator said on Friday that talks had failed.")
    assert analysis.notes == ["dateline 'Aug 27' gives no year: relative dates left unresolved"]
    assert find(analysis, "Friday").value is None
