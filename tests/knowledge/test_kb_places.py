"""Places -> countries, offline, with population and context for shared names."""

import pytest


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Mosul", "IRQ"),
        ("Tikrit", "IRQ"),
        ("Basra", "IRQ"),
        ("Winnipeg", "CAN"),
        ("Novosibirsk", "RUS"),
        ("Genoa", "ITA"),
        ("Kiev", "UKR"),
        ("São Paulo", "BRA"),
        ("Sao Paulo", "BRA"),
        ("Texas", "USA"),
    ],
)
def test_cities_and_regions_lie_in_their_country(kb, place, country):
    assert kb.place_country(place) == country


def test_a_much_larger_namesake_wins(kb):
    assert kb.place_country("Paris") == "FRA"


def test_namesakes_of_a_size_need_context(kb):
    assert kb.place_country("Valencia") is None
    assert kb.place_country("Valencia", context=["ESP"]) == "ESP"
    assert kb.place_country("Valencia", context=["VEN"]) == "VEN"


def test_place_carries_population_and_region(kb):
    mosul = kb.place("Mosul")
    assert mosul.population > 500_000
    assert mosul.kind == "city" and mosul.admin1


def test_airport_codes_are_not_place_names(kb):
    assert kb.places.lookup("ALV") == ()


def test_country_names_and_demonyms(kb):
    assert kb.country_code("Italian") == "ITA"
    assert kb.country_code("Slovak") == "SVK"
    assert kb.country_code("Czech") == "CZE"
    assert kb.countries["TUR"].iso2 == "TR"
