"""sitroom's own table of actors since 2015: US senators, governors, cabinet members and
candidates, leaders and foreign ministers abroad, news outlets; each coded for its years."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date


@pytest.mark.parametrize(
    ("name", "day", "code", "sector"),
    [
        ("Tammy Duckworth", DAY(2019, 5, 1), "USA", "LEG"),  # a senator in her term
        ("Gretchen Whitmer", DAY(2020, 10, 1), "USA", "GOV"),  # a governor
        ("Betsy DeVos", DAY(2018, 3, 1), "USA", "GOV"),  # a cabinet member
        ("Jacinda Ardern", DAY(2019, 3, 20), "NZL", "GOV"),  # a head of government abroad
        ("Melanie Joly", DAY(2023, 6, 1), "CAN", "GOV"),  # a foreign minister abroad
    ],
)
def test_office_holders_since_2015_are_coded_for_their_years(kb, name, day, code, sector):
    found = kb.resolve(name, day)
    assert (found.code, found.sector) == (code, sector)
    assert found.entry.source == "sitroom"


def test_an_office_holder_after_the_term_keeps_the_country_only(kb):
    found = kb.resolve("Jeff Flake", DAY(2021, 6, 1))  # left the Senate in 2019
    assert (found.code, found.sector) == ("USA", None)


def test_a_candidate_who_held_no_office_is_still_american(kb):
    found = kb.resolve("Vivek Ramaswamy", DAY(2023, 8, 23))
    assert found.code == "USA" and found.sector != "GOV"


def test_a_governor_who_became_a_senator_is_coded_for_each_office(kb):
    assert kb.resolve("Pete Ricketts", DAY(2016, 6, 1)).sector == "GOV"
    assert kb.resolve("Pete Ricketts", DAY(2024, 6, 1)).sector == "LEG"


def test_news_outlets_are_the_media_of_their_country(kb):
    assert (kb.resolve("Breitbart").code, kb.resolve("Breitbart").sector) == ("USA", "JRN")
    assert kb.resolve("Fox News").code == "USA"
    assert kb.resolve("Xinhua").code == "CHN"
    assert kb.resolve("Al Jazeera").code == "QAT"


def test_outlet_names_that_are_common_words_are_not_listed(kb):
    # "the nation", "the sun", "the Hill" and "Atlantic" name other things far more often.
    for word in ("The Nation", "The Sun", "Hill", "Atlantic", "Dawn", "Independent"):
        found = kb.resolve(word)
        assert found is None or found.sector != "JRN", word


def test_the_table_rows_are_well_formed(build):
    rows = build.own_actor_rows()
    assert len(rows) > 900
    names = [r[1] for r in rows]
    assert len(names) == len(set(names)), "one row per name"
    for kind, _name, _aliases, roles, _source in rows:
        assert kind in {"person", "organization", "group", "country"}
        for role in roles.split(";"):
            code, *span = role.split(":")
            assert code.isalpha() and code.isupper()
            for day in span:
                assert not day or dt.date.fromisoformat(day)
