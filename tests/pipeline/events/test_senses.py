"""Trigger sense frames: each frame in its political and its other sense (sentences our own)."""

from __future__ import annotations

import pytest

from sitroom.pipeline.events.lexicon import LexiconError
from sitroom.pipeline.events.senses import load, parse_senses

pytestmark = pytest.mark.model


@pytest.fixture
def coded(analyze_text):
    def run(text: str) -> list[tuple[str, str | None]]:
        return [(e.event, e.mode) for e in analyze_text(text, "2024-06-14").events]

    return run


@pytest.mark.parametrize(
    ("verbal", "material"),
    [
        ("Republicans attacked the senator's husband on television.",
         "Rebels attacked an army base near Goma."),
        ("The governor attacked the mayor's record on crime.",
         "Gunmen attacked a police station in Kano."),
        ("Labour slammed the government's budget plan.",
         "Russian missiles struck a power plant in Kharkiv."),
    ],
)  # fmt: skip
def test_attack_on_a_record_or_a_spouse_is_verbal(coded, verbal, material):
    assert ("ACCUSE", "disapprove") in coded(verbal)
    assert "ASSAULT" in {event for event, _ in coded(material)}
    assert "ASSAULT" not in {event for event, _ in coded(verbal)}


def test_an_attack_on_qualifications_is_criticism(coded):
    events = coded("The campaign answered the senator's attack on her qualifications.")
    assert ("ACCUSE", "disapprove") in events


@pytest.mark.parametrize(
    ("other", "political"),
    [
        ("The striker fired a shot at the goalkeeper in the second half.",
         "Soldiers fired shots at protesters in Nairobi."),
        ("A virus that tends to strike poultry farmers has spread to Asia.",
         "Israeli jets struck a weapons depot near Damascus."),
        ("The Sensex rallied as investors cheered the results.",
         "Thousands of protesters rallied in Belgrade against the government."),
        ("The striker praised his coach after the match.",
         "The minister praised the police after the match."),
        ("The company promised customers a cheaper smartphone.",
         "Japan promised Ukraine new funding."),
    ],
)  # fmt: skip
def test_domain_vocabulary_takes_a_trigger_out_of_politics(coded, other, political):
    assert coded(other) == []
    assert coded(political)


@pytest.mark.parametrize(
    ("verbal", "material"),
    [
        ("Senator Anna Keller praised Governor Tom Hale, whom she attacked viciously last year.",
         "Rebels attacked the army base, which they held for a week."),
        ("Hillary Clinton has been pounding Bernie Sanders on the gun issue.",
         "Russian artillery pounded Kharkiv on Monday."),
        ("Donald Trump shot back in a statement, saying he had made money in bad markets.",
         "Police shot back at the gunmen with rifles on Monday."),
        ("Senator Anna Keller launched a fierce attack on Governor Tom Hale.",
         "Gunmen launched an attack on the ambassador in Benghazi."),
        ("Donald Trump attacked some Republican lawmakers on Capitol Hill.",
         "A gunman attacked protesters with a knife in Cairo."),
        ("Donald Trump blasted the yoga instructor during a rally.",
         "The army blasted rebel positions near Goma."),
        ("Senator Anna Keller attacked the governor's position on abortion.",
         "Rebels attacked government positions near Goma."),
    ],
)  # fmt: skip
def test_a_verbal_attack_on_a_person_or_a_retort_is_criticism(coded, verbal, material):
    assert ("ACCUSE", "disapprove") in coded(verbal)
    assert "ASSAULT" not in {event for event, _ in coded(verbal)}
    assert "ASSAULT" in {event for event, _ in coded(material)}


@pytest.mark.parametrize(
    ("contest", "fight"),
    [
        ("Turning to the general election, Senator Anna Keller said she would beat Governor "
         "Tom Hale.", "Egyptian police beat protesters during the election in Cairo."),
        ("Keller and Hale are fighting it out for first place in Iowa.",
         "Rebels fought government troops near Goma on Sunday."),
    ],
)  # fmt: skip
def test_beating_a_rival_in_a_contest_is_no_attack(coded, contest, fight):
    assert "ASSAULT" not in {event for event, _ in coded(contest)}
    assert "ASSAULT" in {event for event, _ in coded(fight)}


def test_beating_ones_chest_or_the_odds_is_no_beating(coded):
    assert coded("Some generals are beating their chest.") == []
    assert coded("The senator beat the odds in Ohio.") == []


def test_shipped_frames_cover_each_domain():
    senses = load()
    assert set(senses.domains) == {"sports", "markets", "health", "weather", "entertainment",
                                   "commerce"}  # fmt: skip
    assert "attack" in senses.verbal_triggers and "record" in senses.verbal_objects


def test_a_domain_without_its_types_is_an_error():
    with pytest.raises(LexiconError, match="differ"):
        parse_senses("frame\tkind\twords\ndomain\tsports\tgoalkeeper\n")
