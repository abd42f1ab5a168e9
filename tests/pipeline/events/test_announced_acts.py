"""An arrest, a raid or a charge told in the passive with no agent was done by the authority
that announces it ("two men were arrested, police said", "were charged, according to the
police"); a killing it announces was not.

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


def test_police_announcing_an_arrest_made_it(doc_of):
    doc = doc_of(LEAD + "Two men were arrested on Tuesday, police said.", "2023-11-08")
    arrest = _event(doc, "COERCE")
    assert (arrest.actor.code, arrest.actor.sector) == ("USA", "COP")


def test_the_feds_announcing_a_bust_made_it(doc_of):
    doc = doc_of(LEAD + "A gambling ring was busted in Boston, the feds announced.", "2023-11-08")
    assert _event(doc, "COERCE").actor.sector == "COP"


def test_police_announcing_a_killing_did_not_kill(doc_of):
    doc = doc_of(LEAD + "Two men were killed on Tuesday, police said.", "2023-11-08")
    assert _event(doc, "ASSAULT").actor is None


def test_a_neighbour_announcing_an_arrest_is_not_its_actor(doc_of):
    doc = doc_of(LEAD + "Two men were arrested on Tuesday, a neighbour said.", "2023-11-08")
    assert _event(doc, "COERCE").actor is None


def test_prosecutors_announcing_a_charge_brought_it(doc_of):
    doc = doc_of(LEAD + "Three men were charged with fraud, prosecutors said.", "2023-11-08")
    charge = _event(doc, "ACCUSE")
    assert (charge.actor.code, charge.actor.sector) == ("USA", "JUD")


def test_a_charge_according_to_the_authorities_was_brought_by_them(doc_of):
    doc = doc_of(
        LEAD + "Two men are charged with extortion, according to Hughes and the Boston police.",
        "2023-11-08",
    )
    charge = _event(doc, "ACCUSE")
    assert (charge.actor.code, charge.actor.sector) == ("USA", "COP")
