"""The trigger tables of `sitroom.lang.en/triggers`: they load, and a typo is an error."""

from __future__ import annotations

import pytest

from sitroom.ontology.plover import CONTEXTS, EVENT_TYPES, MODES
from sitroom.pipeline.events import lexicon
from sitroom.pipeline.events.lexicon import LexiconError, parse_triggers, parse_word_sets

SETS = parse_word_sets("name\twords\nties\ttie relation\nstaff\tdiplomat @ties\n")
HEADER = "lemma\tevent\toptions\n"


def test_shipped_tables_load_with_plover_values_only():
    loaded = lexicon.load()
    assert loaded.verbs and loaded.nouns and loaded.words
    for readings in (*loaded.verbs.values(), *loaded.nouns.values()):
        for reading in readings:
            assert reading.event in EVENT_TYPES
            assert reading.mode is None or reading.mode in MODES[reading.event]
            assert reading.context is None or reading.context in CONTEXTS


def test_word_set_includes_another_set():
    assert SETS["staff"] == {"diplomat", "tie", "relation"}


def test_named_set_and_literal_words_gate_objects():
    table = parse_triggers(
        HEADER
        + "cut\tSANCTION:discontinue\tobj=@ties\nlay\tRETREAT:disarm\tprt=down obj=weapon,arm\n",
        SETS,
        "t",
    )
    assert table["cut"][0].objects == {"tie", "relation"}
    assert table["lay"][0].objects == {"weapon", "arm"}
    assert table["lay"][0].particles == {"down"}


def test_misspelled_set_name_is_an_error_not_a_literal():
    with pytest.raises(LexiconError, match=r"t:2: unknown word set @tiess"):
        parse_triggers(HEADER + "cut\tSANCTION:discontinue\tobj=@tiess\n", SETS, "t")


def test_set_name_without_at_sign_is_an_error():
    with pytest.raises(LexiconError, match="write @ties"):
        parse_triggers(HEADER + "cut\tSANCTION:discontinue\tobj=ties\n", SETS, "t")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("attack\tASSAULTS", "unknown event type"),
        ("attack\tASSAULT:bombing", "has no mode"),
        ("attack\tASSAULT\tctx=war", "unknown context"),
        ("attack\tASSAULT\tweek", "unknown option"),
        ("attack", "expected lemma"),
    ],
)
def test_malformed_rows_name_file_and_line(row, message):
    with pytest.raises(LexiconError, match=message):
        parse_triggers(HEADER + row + "\n", SETS, "t")


def test_missing_header_is_an_error():
    with pytest.raises(LexiconError, match="expected the header"):
        parse_triggers("attack\tASSAULT\n", SETS, "t")


def test_own_reading_wins_over_derived_one():
    own = parse_triggers(HEADER + "strike\tASSAULT\n", SETS, "own")
    derived = parse_triggers(HEADER + "strike\tPROTEST:strike\nlobby\tREQUEST\n", SETS, "cameo")
    merged = lexicon.merge(own, derived)
    assert [r.event for r in merged["strike"]] == ["ASSAULT"]
    assert merged["lobby"][0].source == "cameo"
