"""Which reported events can be one happening: acts, participants and time."""

from __future__ import annotations

import pytest

from sitroom.stories import matching


def _event(trigger: str, **fields) -> dict:
    record = {"event": "ASSAULT", "event_text": trigger, "actor": None, "recipient": None}
    return record | fields


@pytest.mark.parametrize(
    ("words", "act"),
    [
        (["shot", "shooting", "shootings", "gunned down", "opened"], "shoot"),
        (["killed", "killing", "murdered", "carried out the killings", "executed"], "kill"),
        (["wounded", "injuring"], "wound"),
        (["arrested", "nabbed", "captured", "made an arrest", "apprehending"], "arrest"),
        (["negotiations", "negotiating"], "negotiate"),
        (["hosted", "hosting", "Host"], "host"),
    ],
)
def test_the_words_for_one_act_name_one_act(words, act):
    assert {matching.act(w) for w in words} == {act}


def test_a_shooting_its_killing_and_its_wounding_are_three_acts():
    shot, killed, wounded = (matching.sketch(_event(w)) for w in ("shot", "killed", "wounded"))
    assert matching.conflict(shot, killed) and matching.conflict(killed, wounded)
    assert not matching.conflict(shot, matching.sketch(_event("opened fire")))


def test_stated_years_and_days_keep_look_alike_events_apart():
    first = matching.sketch(_event("hosted", date="2007", date_text="in 2007"))
    second = matching.sketch(_event("host", date_text="2014 Oscars"))
    undated = matching.sketch(_event("hosting"))
    assert matching.conflict(first, second)
    assert not matching.conflict(first, undated) and not matching.conflict(second, undated)
    monday = matching.sketch(_event("shot", date="2024-03-04", date_source="sentence"))
    friday = matching.sketch(_event("shot", date="2024-03-08", date_source="sentence"))
    assert matching.conflict(monday, friday)


def test_participants_conflict_by_code_and_count_by_what_they_share():
    police = {"id": "a-1", "name": "police", "code": "USACOP"}
    gang = {"id": "a-2", "name": "a gang", "code": "USACRM"}
    by_police = matching.sketch(_event("shot", actor=police))
    by_gang = matching.sketch(_event("shot", actor=gang))
    unknown = matching.sketch(_event("shot"))
    assert matching.conflict(by_police, by_gang)
    assert matching.affinity(by_police, by_police) > matching.affinity(by_police, unknown)
    # A co-actor's code is one of the side's codes: naming both is no conflict.
    both = matching.sketch(_event("shot", actor=gang, co_actors=[police]))
    assert not matching.conflict(by_police, both)


def test_a_civilian_coded_by_nationality_or_by_residence_can_be_one_victim():
    immigrant = {"name": "Chandra Patel", "code": "IND", "sector": "CVL"}
    resident = {"name": "a woman in Queens", "code": "USA", "sector": "CVL"}
    killed = [matching.sketch(_event("killed", recipient=r)) for r in (immigrant, resident)]
    assert not matching.conflict(*killed)
    # Organised sides keep their codes apart: two armies' soldiers are two happenings.
    soldiers = [{"name": "soldiers", "code": c, "sector": "MIL"} for c in ("IND", "PAK")]
    assert matching.conflict(*(matching.sketch(_event("killed", recipient=r)) for r in soldiers))
