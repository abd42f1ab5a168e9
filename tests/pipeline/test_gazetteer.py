"""Gazetteer lookups: countries, places, organisations, offices and who held them when."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.pipeline.actors import gazetteer as gz


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("London", "GBR"),
        ("Washington", "USA"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Kyiv’s", "UKR"),
        ("Paris", "FRA"),
        ("Moscow", "RUS"),
        ("Gaza", "PSE"),
        ("Crimea", "UKR"),
        ("Brussels", "BEL"),
        ("The Hague", "NLD"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("Greenland", "GRL"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Vatican", "VAT"),
    ],
)
def test_place_country(name, code):
    assert gz.place_country(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("New Mexico", "USA"), ("East London", "ZAF"), ("Santiago de Cuba", "CUB"),
     ("Benin City", "NGA"), ("Mexico", "MEX"), ("London", "GBR")],
)  # fmt: skip
def test_a_place_named_after_another_keeps_its_own_country(name, code):
    assert gz.place_country(name) == code


def test_unknown_place_is_none():
    assert gz.place_country("Zorblaxia") is None
    assert gz.place_country("") is None


def test_every_un_member_state_is_coded():
    codes = set(gz.gazetteer().country_names)
    # 193 UN members plus observers and territories coded on their own.
    assert len(codes) >= 193 + 2
    assert {"USA", "GBR", "FRA", "DEU", "RUS", "UKR", "CHN", "DNK", "PSE", "VAT"} <= codes


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("British", "GBR"),
        ("Danish", "DNK"),
        ("Ukrainian", "UKR"),
        ("Ukrainians", "UKR"),
        ("Greenlandic", "GRL"),
        ("French", "FRA"),
        ("American", "USA"),
        ("Israelis", "ISR"),
    ],
)
def test_adjectives(word, code):
    assert gz.adjective_code(word) == code


def test_organizations_have_short_names():
    assert gz.organization("European Union") == "EU"
    assert gz.organization("the United Nations") == "UN"
    assert gz.organization("North Atlantic Treaty Organization") == "NATO"
    assert gz.organization("UN Security Council") == "UN Security Council"
    assert gz.organization("Coalition of the Willing") == "Coalition of the Willing"
    assert gz.organization("European Commission") != gz.organization("European Council")


def test_offices_carry_plover_sectors():
    assert gz.office("Prime Minister").sector == "GOV"
    assert gz.office("defense minister").title == "Defence Minister"
    assert gz.office("General").sector == "MIL"
    assert gz.office("Senator").sector == "LEG"
    assert gz.office("judge").sector == "JUD"
    assert gz.office("rebel leader").sector == "REB"
    assert gz.office("Secretary General").igo
    assert gz.group_sector("troops") == "MIL"
    assert gz.group_sector("officials") == "GOV"


@pytest.mark.parametrize(
    ("title", "code", "affiliation", "day", "name"),
    [
        ("Prime Minister", "GBR", None, "2026-01-08", "Keir Starmer"),
        ("Prime Minister", "GBR", None, "2021-06-01", "Boris Johnson"),
        ("Prime Minister", "GBR", None, "2024-07-04", "Rishi Sunak"),
        ("Prime Minister", "GBR", None, "2024-07-05", "Keir Starmer"),
        ("Secretary General", None, "NATO", "2024-09-30", "Jens Stoltenberg"),
        ("Secretary General", None, "NATO", "2024-10-01", "Mark Rutte"),
        ("President", "USA", None, "2025-01-19", "Joe Biden"),
        ("President", "USA", None, "2025-01-20", "Donald Trump"),
        ("President", "USA", None, "2018-03-01", "Donald Trump"),
        ("Prime Minister", "DNK", None, "2019-06-27", "Mette Frederiksen"),
        ("President", "FRA", None, "2017-05-14", "Emmanuel Macron"),
        ("Chancellor", "DEU", None, "2025-05-06", "Friedrich Merz"),
        ("Chancellor", "DEU", None, "2025-05-05", "Olaf Scholz"),
    ],
)
def test_office_holder_on_a_date(title, code, affiliation, day, name):
    holder = gz.office_holder(title, code, affiliation, dt.date.fromisoformat(day))
    assert holder is not None and holder.name == name


def test_person_aliases_and_terms():
    starmer = gz.person("Sir Keir Starmer")
    assert starmer is gz.person("Starmer")
    term = starmer.term_at(dt.date(2026, 1, 8))
    assert (term.office, term.code) == ("Prime Minister", "GBR")
    rutte = gz.person("Rutte")
    assert rutte.term_at(dt.date(2023, 1, 1)).code == "NLD"
    nato = rutte.term_at(dt.date(2025, 10, 24))
    assert (nato.code, nato.affiliation, nato.office) == ("IGO", "NATO", "Secretary General")
    assert rutte.term_at(dt.date(2024, 8, 1)) is None  # between the two offices


def test_resource_dates_are_ordered():
    for people in gz.gazetteer().people.values():
        for person in people:
            for term in person.terms:
                assert term.end is None or term.start < term.end, person.name
                assert gz.office(term.office) is not None, term.office


def test_state_bodies_and_armed_groups_are_not_igos():
    assert gz.organization("Pentagon") is None
    pentagon = gz.organization_info("the Pentagon")
    assert (pentagon.code, pentagon.sector) == ("USA", "MIL")
    assert gz.organization_info("ISIS").code == "IMG"
    assert gz.organization_info("Human Rights Watch").code == "NGO"


def test_things_are_not_actors():
    assert gz.is_thing("Patriot") and gz.is_thing("Simla Agreement")
    assert not gz.is_thing("NATO") and not gz.is_thing("Agreement")


def test_bare_surname_shared_by_two_holders_picks_the_one_in_office():
    assert gz.person("Johnson", dt.date(2024, 4, 1)).name == "Mike Johnson"
    assert gz.person("Johnson", dt.date(2020, 4, 1)).name == "Boris Johnson"
