"""Frames of political news, each in its political and its other sense (sentences our own).

Campaign reporting is mostly verbal: politicians criticise, mock, praise and call on each
other. These tests pin what a careful coder codes there, and what the same words mean when
they report no event (a poll result, an advert, an event only named).
"""

from __future__ import annotations

import pytest

from sitroom.records import in_default_dataset

pytestmark = pytest.mark.model

NEWS_DAY = "2024-06-14"  # a Friday


@pytest.fixture
def events(analyze_text):
    def run(text: str, published: str = NEWS_DAY):
        return analyze_text(text, published).events

    return run


def _types(found) -> set[str]:
    return {e.event for e in found}


def _default(found) -> set[str]:
    from dataclasses import asdict

    return {e.event for e in found if in_default_dataset(asdict(e))}


@pytest.mark.parametrize(
    ("verbal", "material"),
    [
        ("Senator Anna Keller blasted Governor Tom Reyes over his record on guns.",
         "Gunmen blasted the police station with rifles."),
        ("Senator Anna Keller attacked Governor Tom Reyes at a rally in Ohio.",
         "Senator Anna Keller's bodyguard attacked a photographer with a knife."),
        ("Senator Anna Keller attacked the Federal Reserve on Monday.",
         "Rebels attacked an army base near Goma on Monday."),
    ],
)  # fmt: skip
def test_a_person_attacking_a_person_or_an_unarmed_body_is_criticism(events, verbal, material):
    coded = events(verbal)
    assert ("ACCUSE", "disapprove") in {(e.event, e.mode) for e in coded}
    assert "ASSAULT" not in _types(coded)
    assert "ACCUSE" not in _types(events(material))


def test_calling_someone_a_liar_accuses_them(events):
    coded = [e for e in events("Senator Anna Keller called Governor Tom Reyes a liar.")
             if e.event == "ACCUSE"]  # fmt: skip
    assert coded and coded[0].recipient and "Reyes" in coded[0].recipient.name
    assert "ACCUSE" in _types(events("The mayor called the governor's plan a disaster."))
    assert "ACCUSE" not in _types(events("The president called the senator a good friend."))


def test_calling_a_leader_on_the_phone_is_a_consultation(events):
    coded = events("The Indian prime minister called his Japanese counterpart on Tuesday to "
                   "discuss the crisis.")  # fmt: skip
    assert ("CONSULT", "phone") in {(e.event, e.mode) for e in coded}
    assert "REQUEST" not in _types(coded)  # "on Tuesday" is a date, not "called on"


def test_calling_out_a_rival_accuses_but_calling_out_troops_does_not(events):
    assert "ACCUSE" in _types(events("Senator Anna Keller called out her rivals on Thursday."))
    assert "ACCUSE" not in _types(events("The governor called out the National Guard."))


def test_critical_of_and_supportive_of_take_their_target(events):
    coded = events("Senator Anna Keller has been critical of the Federal Reserve.")
    accuse = [e for e in coded if e.event == "ACCUSE"]
    assert accuse and accuse[0].recipient and accuse[0].recipient.code == "USA"
    assert "SUPPORT" in _types(events("The governor is supportive of Senator Anna Keller."))
    assert events("The senator was critical.") == []


def test_a_website_acts_for_whom_it_belongs_to(events):
    coded = events("Governor Tom Reyes hired a new spokesman. His website has often been "
                   "critical of Senator Anna Keller.")  # fmt: skip
    accuse = [e for e in coded if e.event == "ACCUSE"]
    assert accuse and accuse[0].actor and "Reyes" in accuse[0].actor.name


def test_a_win_in_a_poll_is_no_assault(events):
    assert events("The survey shows Senator Anna Keller beating Governor Tom Reyes 45 to 40 "
                  "percent.") == []  # fmt: skip
    assert "ASSAULT" in _types(events("Police beat protesters outside parliament in Nairobi."))


def test_an_advert_targeting_voters_is_no_assault(events):
    assert events("The campaign is targeting voters in swing states with television ads.") == []
    assert "ASSAULT" in _types(events("Syrian troops targeted rebel positions near Aleppo."))


def test_demonstrating_a_quality_is_no_protest(events):
    assert events("The governor demonstrated that he has the temperament for the job.") == []
    assert "PROTEST" in _types(events("Thousands demonstrated outside parliament in Tbilisi."))


def test_a_comparison_of_willingness_is_no_commitment(events):
    assert "AGREE" not in _types(events("Commentators say Armenia is more willing to "
                                        "compromise than before."))  # fmt: skip
    assert "AGREE" in _types(events("Armenia said it was willing to end the conflict."))


@pytest.mark.parametrize(
    ("named", "reported"),
    [
        ("He said the US agreement with Iran is not good for the United States.",
         "The United States and Iran reached an agreement in Vienna."),
        ("The Clinton campaign commented on Senator Anna Keller's attack on Iran.",
         "Five soldiers died in an Israeli airstrike on Gaza."),
    ],
)  # fmt: skip
def test_an_event_only_named_stays_out_of_the_default_dataset(events, named, reported):
    coded = events(named)
    assert coded and not _default(coded)  # kept, below the confidence threshold
    assert _default(events(reported))


def test_what_someone_did_not_want_to_happen_is_no_event(events):
    coded = events(
        "The senator said she did not want American troops to fight the Islamic State."
    )  # a wish denied: the fight, or the wish, is kept flagged
    assert coded and all(e.negated for e in coded) and not _default(coded)


def test_poised_to_and_next_month_are_future(events):
    coded = events("Leaders of the G20 are poised to meet in Dubai next month.")
    assert coded and all(e.future for e in coded)
    assert not any(e.future for e in events("Leaders of the G20 met in Dubai last week."))


def test_a_later_date_in_another_clause_does_not_make_the_event_future(events):
    coded = events("The French president has spoken to the German chancellor several times "
                   "about a summit that opens on July 20.", "2024-06-14")  # fmt: skip
    consult = [e for e in coded if e.event == "CONSULT"]
    assert consult and not consult[0].future


def test_the_date_in_the_events_own_phrase_comes_first(events):
    coded = events("Early Thursday, the State Department disclosed in court that it asked for "
                   "the emails in a letter Monday to the FBI.")  # fmt: skip
    request = [e for e in coded if e.event == "REQUEST"]
    assert request and request[0].date == "2024-06-10"
    assert request[0].recipient and request[0].recipient.name == "FBI"  # asked of, by letter


def test_help_asked_from_someone_is_asked_of_them(events):
    coded = [e for e in events("Armenia asked for help from the European Union.")
             if e.event == "REQUEST"]  # fmt: skip
    assert coded and coded[0].recipient and coded[0].recipient.code == "IGO"


def test_a_request_with_a_date_between_its_parts_codes_once(events):
    coded = events("Iran called on Iraq on Monday to release the prisoners.")
    assert [e.event for e in coded] == ["REQUEST"]
    assert coded[0].mode == "yield" and coded[0].recipient.code == "IRQ"


def test_a_debate_hosted_by_a_network_is_no_visit(events):
    assert "CONSULT" not in _types(events("Candidates sparred at a debate hosted by CNN."))
    assert "CONSULT" in _types(events("The Brazilian president hosted the Argentine president "
                                      "in Brasilia."))  # fmt: skip


def test_what_a_body_exists_to_do_is_not_reported_as_done(events):
    coded = events("The US mission exists to help encourage peace between Israel and Jordan.")
    assert coded and all(e.hypothetical for e in coded)
    assert not any(e.hypothetical for e in events("Egypt encouraged peace between Israel and "
                                                  "Jordan."))  # fmt: skip


def test_an_official_suspended_by_the_mayor_is_sanctioned(events):
    coded = events(
        "Transport chief John Miller, who is now suspended by the mayor, pledged to "
        "the council in January that buses would run on time.",
        "2024-06-14",
    )
    suspension = [e for e in coded if e.event == "SANCTION"]
    assert suspension and suspension[0].mode == "expel"
    assert not suspension[0].historical  # January dates the pledge, not the suspension
    assert "SANCTION" not in _types(events("The senator suspended his campaign in Iowa."))


def test_praise_offered_is_praise_and_aid_offered_a_promise(events):
    praise = events("Senator Anna Keller offered praise for Governor Tom Reyes on Tuesday.")
    assert _types(praise) == {"SUPPORT"}
    assert "AGREE" in _types(events("Japan offered aid to Sudan."))


def test_an_endorsement_won_is_given_by_the_endorser(events):
    coded = [e for e in events("Senator Anna Keller won the endorsement of Governor Tom Reyes.")
             if e.event == "SUPPORT"]  # fmt: skip
    assert coded and "Reyes" in coded[0].actor.name and "Keller" in coded[0].recipient.name
    given = [e for e in events("Governor Tom Reyes endorsed Senator Anna Keller.")
             if e.event == "SUPPORT"]  # fmt: skip
    assert given and "Reyes" in given[0].actor.name


def test_lashing_out_and_taunting_are_criticism(events):
    for text in ("Senator Anna Keller lashed out at Governor Tom Reyes.",
                 "Senator Anna Keller taunted Governor Tom Reyes."):  # fmt: skip
        assert ("ACCUSE", "disapprove") in {(e.event, e.mode) for e in events(text)}
    assert "ACCUSE" not in _types(events("The storm lashed the coast of Florida."))
