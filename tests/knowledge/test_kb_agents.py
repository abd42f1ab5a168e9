"""Agent nouns and the sectors they name."""

import pytest


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("police", "COP"),
        ("protesters", "CVL"),
        ("rebels", "REB"),
        ("soldiers", "MIL"),
        ("journalists", "JRN"),
        ("doctors", "MED"),  # PLOVER's MED is health, not media
        ("farmers", "AGR"),
        ("judges", "JUD"),
    ],
)
def test_agent_nouns_name_sectors(kb, noun, sector):
    assert kb.agent(noun).sector == sector


def test_a_generic_organisation_is_an_ngo(kb):
    agent = kb.agent("a human rights group".removeprefix("a "))
    assert agent.code == "NGO"


def test_a_phrase_takes_the_agent_of_its_last_words(kb):
    assert kb.agents.find("dock workers").sector == "LAB"
    assert kb.agents.find("Italian dock workers").sector == "LAB"
    assert kb.agents.find("riot police").sector == "COP"


def test_protesters_are_also_opposition(kb):
    assert "OPP" in kb.agent("protesters").secondary


def test_a_word_that_names_no_actor(kb):
    assert kb.agent("teapot") is None
    assert kb.agents.find("green teapot") is None
