"""Who acts and who receives, found where the clause hides them: a relative pronoun, a
contracted "has" the parser reads as a passive, two groups of one body.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

LEAD = (
    "Senator Elizabeth Warren met Governor Maura Healey in Boston on Monday. "
    "The Massachusetts delegation then briefed the White House. "
)


def _event(doc, kind: str):
    found = [e for e in doc._.events if e.event == kind]
    assert found, [(e.event, e.event_text) for e in doc._.events]
    return found[0]


def test_who_a_relative_clause_says_was_suspended_is_the_noun_it_describes(doc_of):
    doc = doc_of(
        "Police Chief Dana Miller, who was suspended by the mayor on Monday, criticised the "
        "council.",
        "2023-11-08",
    )
    suspension = _event(doc, "SANCTION")
    assert "Miller" in suspension.recipient.name
    assert "mayor" in suspension.actor.entity_text.lower()


def test_who_a_relative_clause_says_acted_is_the_actor_not_the_receiver(doc_of):
    doc = doc_of("Police Chief Dana Miller, who criticised the council, resigned.", "2023-11-08")
    criticism = _event(doc, "ACCUSE")
    assert "Miller" in criticism.actor.name and "council" in criticism.recipient.name


def test_she_s_gotten_endorsements_makes_her_their_receiver(doc_of):
    doc = doc_of(
        "Governor Maura Healey toured Boston on Monday. The governor spoke to reporters. "
        "She's gotten endorsements from several unions, most recently the teachers.",
        "2023-11-08",
    )
    support = _event(doc, "SUPPORT")
    assert support.recipient is not None and "Healey" in support.recipient.name


def test_he_s_gotten_tired_is_no_support(doc_of):
    doc = doc_of(
        "Governor Maura Healey toured Boston on Monday. She's gotten tired of endorsements.",
        "2023-11-08",
    )
    assert all(e.recipient is None for e in doc._.events if e.event == "SUPPORT")


def test_aides_calling_their_counterparts_is_a_consultation_within_one_country(doc_of):
    doc = doc_of(
        LEAD + "Senior aides held calls with their counterparts at the governor's office.",
        "2023-11-08",
    )
    calls = _event(doc, "CONSULT")
    assert (calls.actor.code, calls.recipient.code) == ("USA", "USA")


def test_who_after_a_place_stands_for_the_people_before_it(doc_of):
    doc = doc_of(
        "Senator Elizabeth Warren's sudden retirement has angered some Democrats in the state "
        "who suspect she timed it to help an ally.",
        "2023-11-08",
    )
    suspicion = _event(doc, "ACCUSE")
    assert "Democrat" in suspicion.actor.name
    assert "Warren" in suspicion.recipient.name


def test_who_after_a_named_person_in_an_of_phrase_is_that_person(analyze_text):
    text = "The family of Ronald Johnson, who was shot by an officer on Monday, sued the city."
    found = [e for e in analyze_text(text, "2024-06-14").events if e.event == "ASSAULT"]
    assert found and found[0].recipient is not None
    assert found[0].recipient.entity_text.startswith("Ronald Johnson")
