"""The dates and numbers a report states, and when a report's contradict a story's."""

from __future__ import annotations

from sitroom.stories import clusters, facts


def test_numbers_are_read_as_stated_and_times_days_and_years_are_not():
    text = (
        "A 5.9-magnitude quake hit at 09:10 GMT on Nov 28, 2005, 14 June 2013 too, killing 10"
        " people; 2,000 tents and $160 million in aid were sent to 1 island, said www.x.org/1234."
    )
    assert set(facts.number_terms(text)) == {"num:5.9", "num:10", "num:2000", "num:$160m"}


def test_dates_give_days_months_and_years_and_weekdays_are_read_against_the_report_day():
    dates = [("18 September 2013", "2013-09-18"), ("Tuesday", None), ("2008", "2008")]
    terms = facts.date_terms(dates, "2013-09-18")
    assert terms["day:2013-09-18"] == 1 and terms["day:2013-09-17"] == 1
    assert terms["month:2013-09"] == 2 and terms["year:2013"] == 2 and terms["year:2008"] == 1
    assert "day:2013-09-17" not in facts.date_terms(dates, None)  # no anchor, no weekday


def test_a_report_of_another_magnitude_contradicts_a_story_and_a_revised_one_does_not():
    story = facts.story_facts(
        [{"num:5.9": 2, "num:10": 1}, {"num:5.9": 1, "num:6.1": 1}, {"num:80": 1}]
    )
    assert story.measure == "num:5.9"
    assert facts.conflict({"num:5.6": 1, "num:10": 1}, story)
    # Naming the story's magnitude beside its own (a revision, an aftershock) agrees with it,
    # and so does a magnitude one of the story's reports gave; counts never conflict.
    assert not facts.conflict({"num:6.0": 2, "num:5.9": 1}, story)
    assert not facts.conflict({"num:6.1": 1}, story)
    assert not facts.conflict({"num:12": 3}, story)
    # A single report is no story's measure yet.
    assert facts.story_facts([{"num:5.9": 1}]).measure is None


def test_a_contradicting_report_founds_a_story_rather_than_join_the_next_look_alike():
    found = [
        clusters.Candidate("s-other-quake", mean=0.30, nearest=0.60, conflict=True),
        clusters.Candidate("s-third", mean=0.20, nearest=0.30),
    ]
    assert clusters.choose_story(found) is None


def test_facts_beside_the_words_split_two_look_alike_stories_the_words_do_not():
    words = {"quake": 0.6, "island": 0.6, "governor": 0.529}
    first = [{"day:2005-11-27": 1, "month:2005-11": 1, "num:5.9": 1}] * 3
    second = [{"day:2008-09-10": 1, "month:2008-09": 1, "num:5.6": 1}] * 3
    assert clusters.bisect([words] * 6) is None
    vectors = [clusters._with_facts(words, stated) for stated in first + second]
    assert sorted(sorted(g) for g in clusters.bisect(vectors)) == [[0, 1, 2], [3, 4, 5]]
