"""Named actors: dated roles, the country kept outside them, ambiguity, users' own files."""

from __future__ import annotations

import datetime as dt

from sitroom.knowledge import KnowledgeBase

DAY = dt.date


def test_the_base_holds_what_the_dictionaries_hold(kb):
    counts = kb.counts()
    assert counts["person"] > 18000
    assert counts["organization"] > 7000
    assert 1000 <= counts["group"] < 1100
    assert counts["country"] > 180


def test_every_decade_since_1945_has_office_holders(kb):
    decades = kb.actors.decades()
    assert all(decades[d] > 500 for d in range(1950, 2020, 10))


def test_a_president_of_the_1990s_is_coded_for_his_years(kb):
    found = kb.resolve("Yeltsin", DAY(1995, 6, 1))
    assert found.entry.name == "Boris Yeltsin"
    assert (found.code, found.sector) == ("RUS", "GOV")


def test_chancellor_and_president_of_the_same_years(kb):
    kohl = kb.resolve("Helmut Kohl", DAY(1990, 10, 3))
    assert (kohl.code, kohl.sector) == ("DEU", "GOV")
    chirac = kb.resolve("Jacques Chirac", DAY(1996, 2, 1))
    assert (chirac.code, chirac.sector) == ("FRA", "GOV")


def test_outside_every_dated_role_the_country_stays_and_the_sector_goes(kb):
    later = kb.resolve("Helmut Kohl", DAY(2012, 1, 1))
    assert later.code == "DEU"
    assert later.sector is None
    assert later.role is None


def test_a_name_without_a_date_keeps_its_country(kb):
    found = kb.resolve("Vladimir Putin")
    assert (found.code, found.sector) == ("RUS", None)


def test_a_secretary_general_acts_for_the_united_nations(kb):
    annan = kb.resolve("Kofi Annan", DAY(2003, 3, 1))
    assert annan.code == "IGO"
    assert kb.actors.igo_name(annan.affiliation) in {"U.N.", "United Nations", "UN"}


def test_a_foreign_secretary_of_the_1990s_keeps_his_country(kb):
    cook = kb.resolve("Robin Cook", DAY(1998, 5, 1))
    assert cook.code == "GBR"


def test_organisations_and_armed_groups(kb):
    assert kb.resolve("Amnesty International").code == "NGO"
    assert kb.resolve("International Atomic Energy Agency").code == "IGO"
    hamas = kb.resolve("Hamas")
    assert hamas.entry.kind in {"group", "organization"}
    assert hamas.sector == "REB"


def test_lookup_ignores_case_accents_dots_and_the(kb):
    assert kb.resolve("the AMNESTY INTERNATIONAL").code == "NGO"
    assert kb.resolve("Kofi  Annan's").entry.name == "Kofi Annan"


def test_unknown_name_is_none(kb):
    assert kb.resolve("Zorblax Quantavius") is None


def test_an_alias_of_two_countries_needs_context(kb):
    # Two armed groups of different countries go by this name.
    name = "People's Revolutionary Army"
    undecided = kb.resolve(name)
    assert undecided.entry is None and undecided.code is None
    assert len({c.roles[0].code.code for c in undecided.candidates}) > 1
    decided = kb.resolve(name, context=["COL"])
    assert decided.code == "COL"


def test_users_file_adds_and_overrides(tmp_path):
    own = tmp_path / "actors.tsv"
    own.write_text(
        "kind\tname\taliases\troles\tsource\n"
        "person\tMarta Quillon\tQuillon\tESPGOV:2019-01-01:2023-06-30\tmine\n"
        "organization\tAmnesty International\t\tGBR\tmine\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase(extra_actors=(own,))
    found = kb.resolve("Quillon", DAY(2020, 1, 1))
    assert (found.code, found.sector) == ("ESP", "GOV")
    assert kb.resolve("Quillon", DAY(2024, 1, 1)).sector is None
    assert kb.resolve("Amnesty International").code == "GBR"


def test_sitroom_own_persons_cover_the_years_after_the_dictionaries(kb):
    found = kb.resolve("Abiy Ahmed", DAY(2019, 3, 1))
    assert (found.code, found.sector) == ("ETH", "GOV")
    assert found.entry.source == "sitroom"
    assert kb.resolve("Alexei Navalny").code == "RUS"


def test_a_bare_surname_codes_when_its_persons_agree(kb):
    assert kb.actors.resolve_surname("Berlusconi").code == "ITA"
    assert kb.actors.resolve_surname("Navalny").code == "RUS"
    # George Papandreou also held the EU's presidency: the story's country decides.
    assert kb.actors.resolve_surname("Papandreou") is None
    assert kb.actors.resolve_surname("Papandreou", context={"GRC"}).code == "GRC"


def test_a_bare_surname_of_several_countries_needs_context(kb):
    assert kb.actors.resolve_surname("Meyer") is None
    assert kb.actors.resolve_surname("Meyer", context={"ARG"}).code == "ARG"


def test_a_word_that_begins_names_is_no_surname(kb):
    # "Kim" ends one Kazakh minister's name but begins thousands of Korean ones.
    assert kb.actors.resolve_surname("Kim") is None
    assert kb.actors.resolve_surname("Scott") is None
