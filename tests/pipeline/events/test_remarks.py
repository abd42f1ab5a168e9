"""Events from remarks: what a political figure says of another, in both senses (our own words)."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from sitroom.pipeline import make_doc
from sitroom.pipeline.events.remarks import remark_events
from sitroom.records import Document, in_default_dataset

pytestmark = pytest.mark.model


@pytest.fixture
def remarks(nlp):
    """(type, mode, actor, recipient) of the remark events of a text."""

    def run(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
        doc = make_doc(nlp, Document(id="remarks", text=text, published="2024-06-14"))
        return [
            (e.event, e.mode, e.actor and e.actor.name, e.recipient and e.recipient.name)
            for e in remark_events(doc, [])
        ]

    return run


def test_a_senators_verdict_on_a_governors_plan_is_a_disapproval(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Governor Tom Hale\'s plan is a disaster," the senator said.'
    )
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale") in remarks(text)


def test_a_negated_charge_accuses_no_one(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Governor Tom Hale is not a liar," the senator said.'
    )
    assert remarks(text) == []


def test_a_negated_praise_is_a_disapproval(remarks):
    text = "Senator Mark Ellison said the deal that President Joe Biden signed isn't good for Ohio."
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Joe Biden") in remarks(text)


def test_a_charge_of_fabrication_is_an_allegation(remarks):
    text = (
        "Governor Tom Hale met reporters on Monday. "
        '"Senator Mark Ellison makes everything up," the governor said.'
    )
    assert ("ACCUSE", "allege", "Tom Hale", "Mark Ellison") in remarks(text)


def test_a_virtue_said_of_a_candidate_is_support(remarks):
    text = '"She\'s got heart," Mayor Bill de Blasio said of Hillary Clinton.'
    assert ("SUPPORT", None, "Bill de Blasio", "Hillary Clinton") in remarks(text)


def test_what_a_target_has_to_do_is_a_request_to_its_antecedent(remarks):
    text = (
        "Donald Trump leads the polls in Ohio. "
        '"He will have to prove he can do the job," added Rep. Nancy Pelosi.'
    )
    assert ("REQUEST", None, "Nancy Pelosi", "Donald Trump") in remarks(text)


def test_should_with_the_target_as_subject_is_a_request(remarks):
    found = remarks("Senator Mark Ellison said Governor Tom Hale should resign.")
    assert ("REQUEST", None, "Mark Ellison", "Tom Hale") in found


def test_should_before_its_subject_is_a_condition_not_a_demand(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Democrats will unite, should Governor Tom Hale keep up his attacks," the senator said.'
    )
    assert [r for r in remarks(text) if r[0] == "REQUEST"] == []


def test_a_question_appraises_no_one(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Is Governor Tom Hale a liar?" the senator asked.'
    )
    assert remarks(text) == []


@pytest.mark.parametrize(
    "text",
    [
        '"Why does Governor Tom Hale keep cutting school budgets?" Senator Mark Ellison asked.',
        '"How can Governor Tom Hale say that to teachers?" Senator Mark Ellison asked.',
        '"Why are you still defending the cuts?" Senator Mark Ellison asked Governor Tom Hale.',
    ],
)
def test_a_question_of_reproach_disapproves_of_whom_it_asks_about(remarks, text):
    assert remarks(text) == [("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale")]


@pytest.mark.parametrize(
    "text",
    [
        '"Why do we need another tax?" Senator Mark Ellison asked Governor Tom Hale.',
        '"Why don\'t you join us?" Senator Mark Ellison asked Governor Tom Hale.',
        '"Why not?" Senator Mark Ellison asked.',
        '"Why did Governor Tom Hale sign it? Because he cares about workers," Senator Mark '
        "Ellison said.",
    ],
)
def test_a_question_on_oneself_a_suggestion_or_an_answered_one_reproaches_no_one(remarks, text):
    assert remarks(text) == []


def test_an_activists_remark_is_political_and_a_farmers_is_not(remarks):
    text = 'Senator Mark Ellison visited Myanmar. "He is a liar," said Ko Ko Gyi, a Burmese {}.'
    assert remarks(text.format("activist")) == [("ACCUSE", "allege", "Ko Ko Gyi", "Mark Ellison")]
    assert remarks(text.format("farmer")) == []


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("He went so far as to say he is above the law", True),
        ("He went too far this time", True),
        ("He will go far in this party", False),
    ],
)
def test_going_too_far_is_a_reproach(remarks, said, found):
    text = f'Governor Tom Hale spoke on Sunday. "{said}," Senator Mark Ellison said.'
    expected = [("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale")] if found else []
    assert remarks(text) == expected


def test_a_private_persons_opinion_is_not_coded(remarks):
    text = "A voter in Ohio, Jane Miller, said Governor Tom Hale is a disaster."
    assert remarks(text) == []


def test_an_opinion_on_a_thing_has_no_target(remarks):
    text = "Senator Mark Ellison said the weather in Ohio was terrible this spring."
    assert remarks(text) == []


def test_praise_granted_before_a_but_is_not_support(remarks):
    text = (
        "Governor Tom Hale spoke in Iowa on Monday. "
        '"Senator Mark Ellison is great at one-liners, but he is a chaos candidate," the '
        "governor said."
    )
    assert [r for r in remarks(text) if r[0] == "SUPPORT"] == []


def test_a_criticism_before_a_but_still_stands(remarks):
    text = (
        "Senator Mark Ellison said the deal that President Joe Biden signed isn't good for "
        "Ohio, but will make China rich."
    )
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Joe Biden") in remarks(text)


def test_words_of_another_speaker_inside_the_quote_are_theirs(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Governor Tom Hale says he is honest," the senator said.'
    )
    assert [r for r in remarks(text) if r[0] == "SUPPORT"] == []


def test_a_remark_is_coded_below_an_explicit_verb(analyze_text):
    analysis = analyze_text(
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Governor Tom Hale\'s plan is a disaster," the senator said. '
        "Senator Mark Ellison criticised Governor Tom Hale.",
        "2024-06-14",
    )
    remark = next(e for e in analysis.events if e.event_text == "disaster")
    explicit = next(e for e in analysis.events if e.event_text == "criticised")
    assert remark.confidence < explicit.confidence
    assert remark.text.startswith('"Governor Tom Hale')


def test_only_a_coded_speakers_remark_enters_the_default_dataset(analyze_text):
    coded = analyze_text(
        "Donald Trump leads the polls in Ohio. "
        '"He will have to prove he can do the job," added Rep. Nancy Pelosi.',
        "2024-06-14",
    )
    uncoded = analyze_text(
        "Senator Mark Ellison said Governor Tom Hale should resign.", "2024-06-14"
    )
    request = next(e for e in coded.events if e.event == "REQUEST")
    assert request.actor is not None and request.actor.code == "USA"
    assert in_default_dataset(asdict(request))
    held = next(e for e in uncoded.events if e.event == "REQUEST")
    assert held.actor is not None and held.actor.code is None
    assert not in_default_dataset(asdict(held))


def test_should_have_done_is_a_reproach_not_a_demand(remarks):
    text = (
        "Governor Tom Hale spoke in Iowa on Monday. "
        '"Senator Mark Ellison should have won that race easily," the governor said.'
    )
    found = remarks(text)
    assert ("ACCUSE", "disapprove", "Tom Hale", "Mark Ellison") in found
    assert [r for r in found if r[0] == "REQUEST"] == []


def test_a_demand_of_no_one_in_particular_is_not_coded(remarks):
    text = (
        "Senator Mark Ellison met Governor Tom Hale in Denver on Tuesday. "
        '"A governor should make clear that such deals set no precedent," the senator said.'
    )
    assert remarks(text) == []


def test_a_speaker_named_only_inside_the_quote_is_not_trusted(remarks):
    text = (
        "The court ended its term on Monday. "
        '"Justice Elena Kagan and Justice Stephen Breyer had a very good term," she said.'
    )
    assert remarks(text) == []


def test_a_feeling_toward_an_actor_is_support_or_disapproval(remarks):
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale") in remarks(
        "Senator Mark Ellison is furious with Governor Tom Hale."
    )
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale") in remarks(
        "Senator Mark Ellison Isn’t Too Impressed By Governor Tom Hale."
    )
    assert ("SUPPORT", None, "Mark Ellison", "Tom Hale") in remarks(
        "Senator Mark Ellison said he was proud of Governor Tom Hale."
    )


def test_a_feeling_written_as_a_participle_counts_and_its_active_verb_does_not(remarks):
    assert ("ACCUSE", "disapprove", "Mark Ellison", "Tom Hale") in remarks(
        "Senator Mark Ellison was disappointed by Governor Tom Hale."
    )
    assert remarks("Senator Mark Ellison impressed Governor Tom Hale with his speech.") == []


def test_a_feeling_denied_or_about_a_thing_is_not_coded(remarks):
    assert remarks("Senator Mark Ellison is not angry with Governor Tom Hale.") == []
    assert remarks("Senator Mark Ellison is furious with the weather in Ohio.") == []


def test_a_feeling_about_a_decision_judges_it_as_criticism_would(remarks):
    assert ("ACCUSE", "disapprove", "Mark Ellison", None) in remarks(
        "Senator Mark Ellison Isn’t Too Impressed By The Historic Climate Agreement."
    )
    assert ("SUPPORT", None, "Mark Ellison", None) in remarks(
        "Senator Mark Ellison said he was pleased with the budget."
    )


def test_a_call_on_ones_own_country_is_a_position_not_a_request(remarks):
    own = remarks("Senator Mark Ellison said the United States should send more troops to Iraq.")
    assert [r for r in own if r[0] == "REQUEST"] == []
    foreign = remarks("France said Russia should withdraw its troops from Ukraine.")
    assert ("REQUEST", None, "France", "Russia") in foreign


def test_a_quality_that_serves_someone_else_is_no_praise(remarks):
    text = (
        "Senator Mark Ellison spoke in Denver on Tuesday. "
        '"Governor Tom Hale is the cartel\'s best friend," the senator said.'
    )
    assert [r for r in remarks(text) if r[0] == "SUPPORT"] == []
    text = text.replace("the cartel's best friend", "the best governor")
    assert ("SUPPORT", None, "Mark Ellison", "Tom Hale") in remarks(text)


def test_a_remark_in_a_signed_post_is_dated_by_its_signature(analyze_text):
    analysis = analyze_text(
        "Governor Tom Hale answered the report.\n\n"
        "Nobody asked the coach to speak. Senator Mark Ellison makes everything up! "
        "— Tom Hale (@govtomhale) June 29, 2016\n\n"
        "His office declined to comment.",
        "2016-07-02",
    )
    charge = next(e for e in analysis.events if e.event == "ACCUSE")
    assert (charge.actor.name, charge.recipient.name) == ("Tom Hale", "Mark Ellison")
    assert (charge.date, charge.date_source) == ("2016-06-29", "sentence")


def test_a_post_opened_by_a_dated_tag_is_dated_by_it(analyze_text):
    analysis = analyze_text(
        "Senator Bernie Sanders spoke at length in Ohio.\n\n"
        '<post author="@berniesanders" date="March 12, 2016">A long day in Ohio. '
        "Senator Bernie Sanders criticized Donald Trump. </post>\n\n"
        "His office declined to comment.",
        "2016-03-14",
    )
    charge = next(e for e in analysis.events if e.event == "ACCUSE")
    assert charge.recipient.name == "Donald Trump"
    assert (charge.date, charge.date_source) == ("2016-03-12", "sentence")


def test_a_remark_outside_any_post_keeps_the_publication_day(analyze_text):
    analysis = analyze_text(
        "Nobody asked the coach. — Tom Hale (@govtomhale) June 29, 2016\n\n"
        '"Senator Mark Ellison makes everything up," Governor Tom Hale said.',
        "2016-07-02",
    )
    charge = next(e for e in analysis.events if e.event == "ACCUSE")
    assert (charge.date, charge.date_source) == ("2016-07-02", "published")
