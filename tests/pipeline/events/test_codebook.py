"""The codebook suite: sentences of our own for every PLOVER type and mode, written from the
codebook's definitions (tests/data/events/codebook.tsv), each coded as an event analyst would."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest
from helpers import TEST_DATA

from sitroom.ontology.plover import EVENT_TYPES, MODES

pytestmark = pytest.mark.model

CODEBOOK = TEST_DATA / "events" / "codebook.tsv"


@dataclass(frozen=True)
class Case:
    event: str
    mode: str
    actor: str
    recipient: str
    sentence: str


def _cases() -> list[Case]:
    lines = [line for line in CODEBOOK.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]  # fmt: skip
    return [Case(*line.split("\t")) for line in lines[1:]]


CASES = _cases()


def test_every_type_has_eight_sentences_and_every_mode_one():
    per_type = Counter(case.event for case in CASES)
    assert {event: per_type[event] for event in EVENT_TYPES if per_type[event] < 8} == {}
    covered = {(case.event, case.mode) for case in CASES}
    missing = [(event, mode) for event, modes in MODES.items() for mode in modes
               if (event, mode) not in covered]  # fmt: skip
    assert missing == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.event}-{case.sentence[:40]}")
def test_sentence_is_coded_as_the_codebook_says(analyze_text, case):
    events = analyze_text(case.sentence, "2024-06-14").events
    coded = [event for event in events if event.event == case.event]
    assert coded, f"no {case.event} in {[(e.event, e.event_text) for e in events]}"
    if case.mode:
        assert case.mode in {event.mode for event in coded}
    if case.actor:
        sides = {m.code for e in coded for m in (e.actor, *e.co_actors) if m is not None}
        assert case.actor in sides
    if case.recipient:
        sides = {m.code for e in coded for m in (e.recipient, *e.co_recipients) if m is not None}
        assert case.recipient in sides
