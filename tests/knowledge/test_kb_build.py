"""The build script: reading the dictionary formats, repairing their known defects."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest


def test_six_and_eight_digit_dates(build):
    assert build.parse_date("090120") == dt.date(2009, 1, 20)
    assert build.parse_date("450703") == dt.date(1945, 7, 3)
    assert build.parse_date("18970101") == dt.date(1897, 1, 1)


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("1920030320", dt.date(2003, 3, 20)),  # a stray "19" before a full date
        ("201005011", dt.date(2010, 5, 1)),  # a digit too many
        ("9008223", dt.date(1990, 8, 22)),
        ("990231", dt.date(1999, 2, 28)),  # a day past the end of the month
    ],
)
def test_malformed_dates_are_repaired(build, raw, day):
    assert build.parse_date(raw) == day


def test_unreadable_date_is_none(build):
    assert build.parse_date("12ab56") is None
    assert build.parse_date("991399") is None


def test_role_restrictions(build):
    day = dt.date
    assert build.parse_role("USAGOV >090120") == ("USAGOV", day(2009, 1, 20), None)
    assert build.parse_role("USAGOV <090120") == ("USAGOV", None, day(2009, 1, 20))
    assert build.parse_role("EGYGOV > 140608") == ("EGYGOV", day(2014, 6, 8), None)
    assert build.parse_role("RUSGOV 000507-080507") == (
        "RUSGOV",
        day(2000, 5, 7),
        day(2008, 5, 7),
    )
    assert build.parse_role("FRAELI") == ("FRAELI", None, None)


def test_replacement_character_is_dropped_or_read_as_an_elision(build):
    assert build.repair("COTE_D\ufffdIVOIRE_") == ["COTE_DIVOIRE_", "COTE_D'IVOIRE_"]
    assert build.repair("TOKELAU_ATO\ufffdLL") == ["TOKELAU_ATOLL"]


def test_parenthesised_acronym_is_an_alias_and_country_is_not(build):
    countries = {"PERU": "PER"}
    names = build.aliases_of("NORTHERN_FRONT_FOR_LIBERTY_(NFL)_", countries)
    assert names == ["NORTHERN FRONT FOR LIBERTY", "NFL"]
    assert build.aliases_of("ANDEAN_VANGUARD_(PERU)_", countries) == ["ANDEAN VANGUARD"]
    assert build.paren_country("ANDEAN_VANGUARD_(PERU)_", countries) == "PER"


RECORDS = """\
# Leaders
ANNA_VERLAINE_  # CountryInfo.txt
+PRESIDENT_VERLAINE_
\t[FRAGOV 950517-020516]
\t[FRAELI]
OSKAR_BRANDT_  # CountryInfo.txt
OSKAR_H._BRANDT
BRANDT
\t[DEUGOV 821001-981027]
NORTHERN_VANGUARD_ [PERREB] # someone 2013
+VANGUARD_OF_THE_NORTH_
"""


def test_actor_records_and_synonyms_written_without_plus(build):
    blocks = list(build.read_actor_blocks(RECORDS.splitlines()))
    assert [b.names[0] for b in blocks] == ["ANNA VERLAINE", "OSKAR BRANDT", "NORTHERN VANGUARD"]
    assert blocks[0].names[1] == "PRESIDENT VERLAINE"
    assert blocks[1].names == ["OSKAR BRANDT", "OSKAR H. BRANDT", "BRANDT"]
    assert blocks[1].roles == [("DEUGOV", dt.date(1982, 10, 1), dt.date(1998, 10, 27))]
    assert blocks[2].roles == [("PERREB", None, None)]
    assert build.kind_of(blocks[0], "countries") == "person"
    assert build.kind_of(blocks[2], "milnonstate") == "group"


def test_names_are_shown_as_news_writes_them(build):
    assert build.display("KOFI ATTA ANNAN", "person") == "Kofi Atta Annan"
    assert build.display("IAEA") == "IAEA"
    assert build.display("ORAN", "country") == "Oran"
    assert build.display("INTERNATIONAL COURT OF JUSTICE") == "International Court of Justice"
    assert build.display("U.N.") == "U.N."


AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
DOCKHAND [~LAB]
FERRY!PERSON! [~LAB]
MILITIA {} [~PRM]
BISHOP_OF_ROME {BISHOPS_OF_ROME} [~REL]
HARBOUR_AUTHORITY [~GOV] # own note
"""


def test_agents_expand_plurals_and_substitutions(build):
    forms = {form: code for form, _lemma, code in build.read_agents(AGENTS.splitlines())}
    assert forms["dockhand"] == forms["dockhands"] == "~LAB"
    assert forms["ferryman"] == forms["ferrywomen"] == "~LAB"
    assert "militias" not in forms and forms["militia"] == "~PRM"
    assert forms["bishops of rome"] == "~REL"
    assert "harbour authorities" in forms


def test_cameo_agent_sectors_are_rewritten_to_plover(build):
    assert build._plover_agent_code("~MED", "phoenix") == "~JRN"
    assert build._plover_agent_code("~HLH", "phoenix") == "~MED"
    assert build._plover_agent_code("~MED", "plover") == "~MED"


def test_alternate_names_without_codes_and_noise(build):
    assert build.good_alternate("Basra", "Basrah")
    assert build.good_alternate("Kiev", "Kyiv")
    assert not build.good_alternate("ALV", "Andorra la Vella")  # an airport code
    assert not build.good_alternate("an dao er cheng", "Andorra la Vella")
    assert not build.good_alternate("Lutetia", "Paris")


def test_tables_are_written_reproducibly(build, tmp_path):
    rows = [("b", "2"), ("a", "1\twith tab")]
    first, second = tmp_path / "one.tsv.gz", tmp_path / "two.tsv.gz"
    build.write_tsv(first, ("name", "value"), rows)
    build.write_tsv(second, ("name", "value"), rows)
    assert first.read_bytes() == second.read_bytes()
    lines = gzip.decompress(first.read_bytes()).decode().splitlines()
    assert lines == ["name\tvalue", "b\t2", "a\t1 with tab"]


@pytest.mark.shared
def test_shipped_files_are_what_the_script_builds(build, eventdata, tmp_path):
    from importlib import resources

    assert build.main(["--source", str(eventdata), "--out", str(tmp_path)]) == 0
    shipped = resources.files("sitroom.knowledge").joinpath("data")
    for name in ("actors", "agents", "countries", "places"):
        built = (tmp_path / f"{name}.tsv.gz").read_bytes()
        assert built == shipped.joinpath(f"{name}.tsv.gz").read_bytes(), name
    prebuilt = (tmp_path / "prebuilt.pickle.gz").read_bytes()
    assert prebuilt == shipped.joinpath("prebuilt.pickle.gz").read_bytes()


def test_missing_source_is_one_clear_line(build, tmp_path, capsys):
    assert build.main(["--source", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.strip().startswith("error: no dictionaries in")


def test_sitroom_own_actor_table_joins_the_dictionaries(build):
    rows = build.own_actor_rows()
    assert rows and all(row[4] == "sitroom" and row[3] for row in rows)
    names = {row[1] for row in rows}
    assert {"Alexei Navalny", "Abiy Ahmed", "Aung San Suu Kyi"} <= names
