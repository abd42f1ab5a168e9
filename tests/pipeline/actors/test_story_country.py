"""Agent nouns with no country in their sentence take the country the story is about, when
one country clearly leads the story and the agent is a body of the state or a party, or an
organised sector: unions, schools and universities.

The sentences are written for these tests.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from sitroom.records import in_default_dataset

pytestmark = pytest.mark.model

AMERICAN_STORY = (
    "Senator Elizabeth Warren met Governor Maura Healey in Boston on Monday. "
    "The Massachusetts delegation then briefed the White House. "
)


def _coded(doc, word: str):
    """(code, sector) of the actor one of whose mentions holds `word`, or None."""
    for actor in doc._.actors:
        if any(word in m.text for m in actor.mentions):
            return actor.code, actor.sector
    return None


def test_police_in_a_story_about_one_country_are_of_that_country(doc_of):
    doc = doc_of(AMERICAN_STORY + "Later that week police arrested two men.", "2023-11-08")
    assert _coded(doc, "police") == ("USA", "COP")


def test_the_arrest_by_those_police_is_in_the_default_dataset(doc_of):
    doc = doc_of(AMERICAN_STORY + "Later that week police arrested two men.", "2023-11-08")
    arrests = [e for e in doc._.events if e.event == "COERCE"]
    assert arrests and arrests[0].actor.code == "USA"
    assert in_default_dataset(asdict(arrests[0]))


def test_private_people_do_not_take_the_story_country(doc_of):
    doc = doc_of(AMERICAN_STORY + "Later that week women bankrolled the campaigns.", "2023-11-08")
    assert _coded(doc, "women") is None


def test_a_story_of_several_countries_gives_none(doc_of):
    doc = doc_of(
        "President Emmanuel Macron met Chancellor Olaf Scholz and Prime Minister Giorgia "
        "Meloni in Brussels on Monday. Later that week police arrested two men.",
        "2023-11-08",
    )
    assert _coded(doc, "police") is None


def test_a_judge_only_the_title_codes_takes_the_story_country(doc_of):
    doc = doc_of(AMERICAN_STORY + "Judge Dana Whitfield criticized the mayor.", "2023-11-08")
    assert _coded(doc, "Whitfield") == ("USA", "JUD")


def test_a_judge_in_a_story_of_several_countries_gets_no_country(doc_of):
    doc = doc_of(
        "President Emmanuel Macron met Chancellor Olaf Scholz and Prime Minister Giorgia "
        "Meloni in Brussels on Monday. Judge Dana Whitfield criticized the plan.",
        "2023-11-08",
    )
    assert _coded(doc, "Whitfield") == (None, "JUD")


def test_aides_are_officials_of_the_story_country(doc_of):
    doc = doc_of(AMERICAN_STORY + "Senior aides held calls with the governor.", "2023-11-08")
    assert _coded(doc, "aides") == ("USA", "GOV")


@pytest.mark.parametrize(
    ("sentence", "word", "sector"),
    [
        ("Both senators are quick to offer praise for teachers unions.", "unions", "LAB"),
        ("Later that week professors signed a letter against the governor.", "professors", "EDU"),
    ],
)
def test_unions_and_schools_take_the_story_country(doc_of, sentence, word, sector):
    doc = doc_of(AMERICAN_STORY + sentence, "2023-11-08")
    assert _coded(doc, word) == ("USA", sector)


def test_the_media_as_a_whole_take_the_story_country(doc_of):
    doc = doc_of(AMERICAN_STORY + "The governor said the media twisted her words.", "2023-11-08")
    assert _coded(doc, "media") == ("USA", "JRN")


def test_reporters_at_an_event_do_not(doc_of):
    doc = doc_of(AMERICAN_STORY + "Reporters waited outside the hall.", "2023-11-08")
    assert _coded(doc, "Reporters") is None
