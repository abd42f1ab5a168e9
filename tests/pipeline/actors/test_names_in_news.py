"""How news names the actors of the knowledge base: titles and middle initials, a surname
after the full name, candidates before their first office, outlets, papers named for a city.

The sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from helpers import actor_named

pytestmark = pytest.mark.model


def test_a_title_before_a_senator_and_a_governor(doc_of):
    doc = doc_of("Sen. Tammy Baldwin met Gov. Tony Evers in Madison.", "2021-04-12")
    baldwin = actor_named(doc, "Sen. Tammy Baldwin")
    assert (baldwin.name, baldwin.code, baldwin.sector, baldwin.office) == (
        "Tammy Baldwin",
        "USA",
        "LEG",
        "Senator",
    )
    evers = actor_named(doc, "Gov. Tony Evers")
    assert (evers.name, evers.code, evers.sector, evers.office) == (
        "Tony Evers",
        "USA",
        "GOV",
        "Governor",
    )


def test_without_a_title_the_office_comes_from_the_table_alone(doc_of):
    doc = doc_of("Tony Evers met Tammy Baldwin in Madison.", "2021-04-12")
    evers = actor_named(doc, "Tony Evers")
    assert (evers.code, evers.sector, evers.office) == ("USA", "GOV", None)


def test_a_surname_alone_is_the_full_name_mentioned_before(doc_of):
    doc = doc_of(
        "Senator Ron Johnson toured a dairy farm near Oshkosh. Johnson later spoke to "
        "farmers about milk prices.",
        "2018-08-02",
    )
    johnson = actor_named(doc, "Johnson")
    assert (johnson.name, johnson.code, johnson.sector) == ("Ron Johnson", "USA", "LEG")


def test_a_shared_surname_with_no_full_name_before_is_no_one_in_particular(doc_of):
    # Several listed people are called Johnson: alone, the surname names none of them.
    doc = doc_of("Johnson later spoke to farmers about milk prices.", "2018-08-02")
    assert actor_named(doc, "Johnson").name == "Johnson"


def test_middle_initials_do_not_hide_a_listed_name(doc_of):
    doc = doc_of("Sherrod C. Brown questioned the nominee on Tuesday.", "2019-03-05")
    brown = actor_named(doc, "Sherrod C. Brown")
    assert (brown.name, brown.code, brown.sector) == ("Sherrod Brown", "USA", "LEG")


def test_an_unlisted_name_with_an_initial_stays_as_written(doc_of):
    doc = doc_of("Marlon T. Quenby questioned the nominee on Tuesday.", "2019-03-05")
    assert actor_named(doc, "Marlon T. Quenby").name == "Marlon T. Quenby"


def test_an_alias_with_a_title_is_named_as_listed(doc_of):
    doc = doc_of("Secretary of State John Kerry flew to Vienna for the talks.", "2015-07-01")
    kerry = actor_named(doc, "Secretary of State John Kerry")
    assert (kerry.name, kerry.code) == ("John Kerry", "USA")


def test_a_future_office_holder_is_already_american(doc_of):
    # Years before his first term, a listed president-to-be is a US candidate, not uncoded.
    doc = doc_of("Donald Trump mocked his rivals at a rally in Iowa.", "2015-12-10")
    trump = actor_named(doc, "Donald Trump")
    assert trump.code == "USA" and trump.sector not in {"GOV", "ELI"}


def test_an_office_holder_in_office_keeps_the_office(doc_of):
    doc = doc_of("Donald Trump mocked his rivals at a rally in Iowa.", "2018-10-10")
    assert (actor_named(doc, "Donald Trump").code, actor_named(doc, "Donald Trump").sector) == (
        "USA",
        "GOV",
    )


def test_news_outlets_are_media_actors(doc_of):
    doc = doc_of("Breitbart accused CNN of bias on Friday.", "2016-09-02")
    for name in ("Breitbart", "CNN"):
        outlet = actor_named(doc, name)
        assert (outlet.code, outlet.sector) == ("USA", "JRN")


def test_a_paper_named_for_its_city_is_the_paper(doc_of):
    doc = doc_of("The Boston Globe endorsed the mayor on Sunday.", "2017-10-01")
    globe = actor_named(doc, "Boston Globe")
    assert (globe.kind, globe.sector) == ("organization", "JRN")


def test_a_city_before_a_common_noun_stays_the_city(doc_of):
    doc = doc_of("Boston voters rejected the plan on Sunday.", "2017-10-01")
    assert all(a.sector != "JRN" for a in doc._.actors)


def test_plural_parties_of_a_us_story(doc_of):
    doc = doc_of("Republicans blamed Democrats for the shutdown on Friday.", "2019-01-11")
    assert (actor_named(doc, "Republicans").code, actor_named(doc, "Republicans").sector) == (
        "USA",
        "PTY",
    )
    assert actor_named(doc, "Democrats").code == "USA"


def test_the_chief_of_a_service_is_an_office_of_its_sector(doc_of):
    doc = doc_of(
        "Army chief Nadeem Qureshi met Prime Minister Shehbaz Sharif in Islamabad. "
        "They spoke of Pakistan's roads. The transport chief, Sana Malik, praised the plan.",
        "2023-11-08",
    )
    army = actor_named(doc, "Army chief Nadeem Qureshi")
    assert (army.code, army.sector, army.office) == ("PAK", "MIL", "Military Chief")
    transport = actor_named(doc, "The transport chief")
    assert (transport.code, transport.sector) == ("PAK", "GOV")


def test_a_chief_executive_stays_in_business(doc_of):
    doc = doc_of("Chief executive Sana Malik of Lucky Cement met bankers in Karachi.", "2023-11-08")
    assert actor_named(doc, "Chief executive Sana Malik").sector == "BUS"


def test_an_unlisted_given_name_before_a_listed_surname_is_someone_else(doc_of):
    doc = doc_of(
        "Ronald Johnson was shot by an officer in October. Johnson's family wants the video.",
        "2015-12-04",
    )
    johnson = actor_named(doc, "Ronald Johnson")
    assert (johnson.name, johnson.code) == ("Ronald Johnson", None)
    assert actor_named(doc, "Johnson") is johnson


def test_a_listed_full_name_is_still_the_listed_person(doc_of):
    doc = doc_of("Boris Johnson met voters in Uxbridge. Johnson said little.", "2015-12-04")
    assert actor_named(doc, "Johnson").code == "GBR"


def test_a_person_no_table_codes_takes_the_role_in_apposition(doc_of):
    doc = doc_of(
        "Police in Myanmar arrested Ko Ko Gyi, a Burmese activist, in Yangon on Monday.",
        "2015-11-10",
    )
    person = actor_named(doc, "Ko Ko Gyi")
    assert (person.code, person.sector) == ("MMR", "CVL")


def test_a_coded_person_keeps_its_coding_and_an_owner_is_no_role(doc_of):
    doc = doc_of(
        "Tony Evers, a Burmese activist, met Dale Wirth, the governor's lawyer, in Madison.",
        "2021-04-12",
    )
    assert actor_named(doc, "Tony Evers").code == "USA"
    lawyer = actor_named(doc, "Dale Wirth")
    assert (lawyer.code, lawyer.sector) == (None, None)
