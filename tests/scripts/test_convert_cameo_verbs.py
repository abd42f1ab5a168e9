"""The CAMEO verb conversion: pattern reading, code mapping, and the shipped table it builds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SHARED

SCRIPT = ROOT / "scripts" / "convert_cameo_verbs.py"
EVENTDATA = SHARED / "reference" / "eventdata"
PLOVER_TABLE = SHARED / "reference" / "CAMEO2PLOVER-2021.txt"


@pytest.fixture(scope="module")
def convert():
    spec = importlib.util.spec_from_file_location("convert_cameo_verbs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_codes_fall_back_to_their_cue_category(convert):
    table = {"18": ("ASSAULT", None, None), "181": ("ASSAULT", "abduct", None)}
    assert convert.plover_of("1811", table) == ("ASSAULT", "abduct", None)
    assert convert.plover_of("183", table) == ("ASSAULT", None, None)


def test_statements_appeals_and_null_codes_are_no_events(convert):
    table = {"01": ("X", None, None), "02": ("Y", None, None)}
    assert convert.plover_of("010", table) is None
    assert convert.plover_of("0256", table) is None
    assert convert.plover_of("---", table) is None


def test_short_patterns_become_gates_long_ones_are_left_out(convert):
    synsets = {"CEASEFIRE": ["ceasefire", "truce", "cease fire"]}
    lemma = str.lower
    assert convert.gate_of(["*", "HEADQUARTERS"], synsets, lemma) == (None, ["headquarters"])
    assert convert.gate_of(["*", "ON", "+"], synsets, lemma) == ("on", [])
    assert convert.gate_of(["*", "&CEASEFIRE"], synsets, lemma) == (None, ["ceasefire", "truce"])
    assert convert.gate_of("* FOR ^ TO OPEN TALKS WITH +".split(), synsets, lemma) is None
    assert convert.gate_of(["PROTESTER", "*", "REMOVAL"], synsets, lemma) is None


def test_verb_lines_with_particles_and_forms(convert):
    verb = convert._verb_line("+CORDON_OFF {+CORDONED_OFF}", "170", "B")
    assert (verb.lemma, verb.particle, verb.code) == ("cordon", "off", "170")
    assert convert._verb_line("EXPRESS [0110]", "010", "B").code == "0110"
    assert convert._verb_line("WIRE_+TAP", "170", "B") is None


@pytest.mark.shared
@pytest.mark.model
def test_shipped_table_is_what_the_script_builds(convert, tmp_path):
    if not (EVENTDATA / "CAMEO.verbpatterns.150430.txt").is_file():
        pytest.skip("CAMEO verb dictionary not available")
    out = tmp_path / "cameo_verbs.tsv"
    verbs, rows, unexplained = convert.convert(EVENTDATA, PLOVER_TABLE, out)
    assert unexplained == []  # every disagreement with verbs.tsv says why in cameo_decisions.tsv
    assert verbs > 1500 and rows > 400
    shipped = Path(convert.TRIGGERS / "cameo_verbs.tsv")
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
