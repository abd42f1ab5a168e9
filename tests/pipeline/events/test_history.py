"""Historical mode and event dates, each rule in both senses (sentences our own).

An article recalls as much as it reports. What it recalls (a vote last year, a remark "in
March" in a June story, a record of criticism) is PLOVER's historical mode, dated as the text
dates it; what it reports is news, dated to the day the text fixes, else to the month or year
it names, and only then to the publication day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.pipeline.events.background import is_before

pytestmark = pytest.mark.model

NEWS_DAY = "2024-06-14"  # a Friday
TUESDAY = "2024-06-11"


@pytest.fixture
def analysis(analyze_text):
    return analyze_text


def _event(analysis, text: str, kind: str, published: str = NEWS_DAY):
    found = [e for e in analysis(text, published).events if e.event == kind]
    assert found, f"no {kind} in {text!r}"
    return found[0]


def _value(analysis, text: str, published: str = NEWS_DAY) -> str | None:
    """The TIMEX value of the event's date text (its month or year when it has no day)."""
    result = analysis(text, published)
    event = result.events[0]
    return next((d.value for d in result.dates if d.text.strip() == event.date_text), None)


@pytest.mark.parametrize(
    ("recalled", "reported"),
    [
        ("Last year, Senator Anna Keller criticized Governor Tom Reyes.",
         "On Monday, Senator Anna Keller criticized Governor Tom Reyes."),
        ("Senator Anna Keller criticized Governor Tom Reyes in March.",
         "Senator Anna Keller criticized Governor Tom Reyes in June."),
        ("Years ago, Senator Anna Keller criticized Governor Tom Reyes.",
         "Two days ago, Senator Anna Keller criticized Governor Tom Reyes."),
        ("Senator Anna Keller once criticized Governor Tom Reyes.",
         "Senator Anna Keller criticized Governor Tom Reyes."),
    ],
)  # fmt: skip
def test_recalled_criticism_is_historical_and_news_is_not(analysis, recalled, reported):
    assert _event(analysis, recalled, "ACCUSE").historical
    assert not _event(analysis, reported, "ACCUSE").historical


def test_an_undated_act_told_with_an_earlier_clause_is_historical(analysis):
    recalled = (
        "Senator Anna Keller finally backed the bill, but when Governor Tom Reyes "
        "visited Ohio in March 2019, she was caught off guard."
    )
    assert _event(analysis, recalled, "SUPPORT").historical
    reported = (
        "Senator Anna Keller backed the bill on Monday, and Governor Tom Reyes had "
        "vetoed it in 2019."
    )
    assert not _event(analysis, reported, "SUPPORT").historical


def test_a_decade_before_the_news_is_historical(analysis):
    old = _event(analysis, "In the 1980s, the United States armed the rebels in Nicaragua.",
                 "COOPERATE")  # fmt: skip
    assert old.historical and old.date is None and old.date_text == "the 1980s"
    assert is_before("198", dt.date(2024, 6, 14)) and is_before("19", dt.date(2024, 6, 14))
    assert not is_before("202", dt.date(2024, 6, 14))  # the 2020s are now


def test_a_past_perfect_recollection_is_historical_but_a_backshifted_report_is_news(analysis):
    recalled = _event(analysis, "Senator Anna Keller had praised Governor Tom Reyes before the "
                      "scandal.", "SUPPORT")  # fmt: skip
    assert recalled.historical
    reported = _event(analysis, "Police said that rebels had attacked the army convoy.", "ASSAULT")
    assert not reported.historical


def test_the_earlier_date_of_a_when_clause_dates_its_statement(analysis):
    text = ("When Governor Tom Reyes ran for office in late October, Senator Anna Keller "
            "criticized him.")  # fmt: skip
    recalled = _event(analysis, text, "ACCUSE", "2024-01-20")
    assert recalled.historical and recalled.date_text == "late October"
    assert _value(analysis, text, "2024-01-20") == "2023-10"
    news = _event(analysis, "When Governor Tom Reyes spoke on Monday, Senator Anna Keller "
                  "criticized him.", "ACCUSE")  # fmt: skip
    assert not news.historical


def test_a_month_noun_before_the_news_dates_a_recalled_pledge(analysis):
    recalled = _event(analysis, "Mayor Lena Ortiz cited Governor Tom Reyes's July pledge to the "
                      "teachers union.", "AGREE", "2024-11-05")  # fmt: skip
    assert recalled.historical


@pytest.mark.parametrize(
    ("published", "text", "day"),
    [
        (TUESDAY, "Senator Anna Keller criticized Governor Tom Reyes on Wednesday.", "2024-06-05"),
        (TUESDAY, "Senator Anna Keller criticized Governor Tom Reyes on Tuesday.", "2024-06-11"),
        (TUESDAY, "Senator Anna Keller will meet Governor Tom Reyes on Wednesday.", "2024-06-12"),
    ],
)  # fmt: skip
def test_a_weekday_is_the_latest_such_day_unless_the_tense_is_future(analysis, published, text,
                                                                      day):  # fmt: skip
    event = analysis(text, published).events[0]
    assert event.date == day and event.date_source == "sentence"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Senator Anna Keller criticized Governor Tom Reyes in June.", "2024-06"),
        ("Senator Anna Keller criticized Governor Tom Reyes this year.", "2024"),
        ("Last year, Senator Anna Keller criticized Governor Tom Reyes.", "2023"),
    ],
)
def test_a_month_or_a_year_is_the_date_at_its_precision(analysis, text, value):
    event = analysis(text, NEWS_DAY).events[0]
    assert event.date is None and event.date_source == "sentence"
    assert _value(analysis, text) == value


def test_a_sentence_goes_on_with_the_day_the_previous_one_set_in_its_paragraph(analysis):
    lead = "On Monday, Senator Anna Keller criticized Governor Tom Reyes over the budget."
    same = analysis(f"{lead} She also accused him of lying.", NEWS_DAY).events
    assert [e.date for e in same] == ["2024-06-10", "2024-06-10"]
    apart = analysis(f"{lead}\n\nShe also accused him of lying.", NEWS_DAY).events
    assert apart[1].date_source == "published"  # a new paragraph: no day of its own


def test_an_undated_report_of_the_day_falls_back_to_the_publication_flagged(analysis):
    event = analysis("Senator Anna Keller criticized Governor Tom Reyes.", NEWS_DAY).events[0]
    assert (event.date, event.date_source) == (NEWS_DAY, "published")
    recalled = _event(analysis, "Years ago, Senator Anna Keller criticized Governor Tom Reyes.",
                      "ACCUSE")  # fmt: skip
    assert recalled.date is None and recalled.date_source is None  # never the publication day


def test_an_act_in_a_present_before_or_until_clause_is_not_yet_done(analysis):
    pending = analysis("Senator Anna Keller is meeting donors before she throws her support to "
                       "Governor Tom Reyes or formally bows out.", NEWS_DAY).events  # fmt: skip
    late = [e for e in pending if e.recipient and "Reyes" in e.recipient.name]
    assert late and all(e.future for e in late)
    assert any(e.event == "CONCEDE" and e.future for e in pending)
    done = _event(analysis, "Before he left office, President Tom Reyes praised the Mexican "
                  "government.", "SUPPORT")  # fmt: skip
    assert not done.future and not done.hypothetical
    fought = analysis("The rebels will keep fighting until the army withdraws from Goma.",
                      NEWS_DAY).events  # fmt: skip
    assert fought and all(e.future for e in fought)


def test_a_date_on_a_verb_inside_the_event_dates_that_verb_not_the_event(analysis):
    april = "2024-04-13"
    nested = _event(analysis, "Senator Anna Keller spoke to Governor Tom Reyes about a debate "
                    "airing on May 23.", "CONSULT", april)  # fmt: skip
    assert nested.date_source == "published" and nested.date_text is None
    own = _event(analysis, "Senator Anna Keller spoke to Governor Tom Reyes on April 3 about a "
                 "debate.", "CONSULT", april)  # fmt: skip
    assert (own.date, own.date_source) == ("2024-04-03", "sentence")


def test_now_fixes_no_day_of_its_own_but_today_does(analysis):
    now = _event(analysis, "Russia is now attacking Kharkiv with drones.", "ASSAULT")
    assert (now.date, now.date_text, now.date_source) == (NEWS_DAY, "now", "published")
    today = _event(analysis, "Russia attacked Kharkiv with drones today.", "ASSAULT")
    assert (today.date, today.date_source) == (NEWS_DAY, "sentence")


@pytest.mark.parametrize(
    ("since", "news"),
    [
        ("Russia has occupied Crimea since the 2014 annexation.",
         "Russia occupied the port of Odesa on Monday."),
        ("Russia has occupied Crimea since 2014.", "Russia occupied the port of Odesa in June."),
    ],
)  # fmt: skip
def test_a_state_held_since_an_earlier_year_is_historical(analysis, since, news):
    recalled = analysis(since, NEWS_DAY).events
    assert recalled and all(e.historical for e in recalled)
    found = analysis(news, NEWS_DAY).events
    assert found and not any(e.historical for e in found)


def test_an_act_still_to_come_or_only_supposed_takes_no_publication_day(analysis):
    planned = _event(analysis, "Senator Anna Keller will meet Governor Tom Reyes.", "CONSULT")
    assert planned.future and planned.date is None and planned.date_source is None
    supposed = _event(analysis, "Senator Anna Keller could criticize Governor Tom Reyes.",
                      "ACCUSE")  # fmt: skip
    assert supposed.hypothetical and supposed.date is None
    dated = _event(analysis, "Senator Anna Keller will meet Governor Tom Reyes on Monday.",
                   "CONSULT")  # fmt: skip
    assert dated.future and dated.date == "2024-06-17"
