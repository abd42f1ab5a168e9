"""Verbal frames of political news, each in the sense that codes and in one that does not.

Much of what politicians do to each other is said: they vote for and back each other, suspect
and question each other, push back, draw criticism, extract concessions, want each other to
act. These tests pin who acts and who receives in each frame (sentences our own), and that the
same words report nothing when nobody is their target.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from sitroom.records import in_default_dataset

pytestmark = pytest.mark.model

NEWS_DAY = "2024-06-14"  # a Friday


@pytest.fixture
def events(analyze_text):
    def run(text: str, published: str = NEWS_DAY):
        return analyze_text(text, published).events

    return run


def _one(found, event: str):
    """The single event of a type, with its sides' names."""
    matching = [e for e in found if e.event == event]
    assert len(matching) == 1, found
    return matching[0]


def _name(entity) -> str:
    return entity.entity_text if entity is not None else ""


def _types(found) -> set[str]:
    return {e.event for e in found}


# --- support and intentions -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Senator Anna Keller voted for Governor Tom Reyes in the primary.",
        "Senator Anna Keller said she intends to vote for Governor Tom Reyes.",
        "Senator Anna Keller stated her intention to vote for Governor Tom Reyes.",
    ],
)
def test_a_vote_for_a_candidate_and_the_stated_intention_to_cast_it_endorse(events, text):
    support = _one(events(text), "SUPPORT")
    assert "Keller" in _name(support.actor) and "Reyes" in _name(support.recipient)
    assert not support.future  # the intention, stated, is the endorsement


def test_a_vote_for_a_bill_or_a_vote_to_come_is_no_endorsement_now(events):
    assert "SUPPORT" not in _types(events("The Senate voted for the budget on Tuesday."))
    later = events("Senator Anna Keller will vote for Governor Tom Reyes in November.")
    assert all(e.future for e in later)


# --- suspicion and doubt ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Democrats suspect that Governor Tom Reyes leaked the memo.", "Reyes"),
        ("Republicans quickly speculated that Senator Anna Keller had known about the deal.",
         "Keller"),
        ("Senator Anna Keller questioned whether Governor Tom Reyes is fit to lead.", "Reyes"),
        ("Governor Tom Reyes cast doubt on Senator Anna Keller's claims.", "Keller"),
    ],
)  # fmt: skip
def test_suspicion_and_doubt_of_someone_accuse_them(events, text, target):
    accuse = _one(events(text), "ACCUSE")
    assert target in _name(accuse.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Doctors suspect food poisoning.",
        "Analysts speculated that prices would rise in the spring.",
        "Reporters questioned whether the weather would hold.",
        "The fishermen cast their nets on the lake.",
    ],
)
def test_suspicion_and_doubt_of_no_one_are_no_event(events, text):
    assert "ACCUSE" not in _types(events(text))


# --- pushing back, criticism and concessions received --------------------------------------


def test_pushing_back_against_someone_is_an_objection_to_them(events):
    accuse = _one(
        events("The White House pushed back against Senator Anna Keller's criticism."), "ACCUSE"
    )
    assert "White House" in _name(accuse.actor) and "Keller" in _name(accuse.recipient)
    assert accuse.confidence >= 0.5


def test_pushing_back_a_thing_is_no_event(events):
    assert events("The crowd pushed back the barrier.") == []


@pytest.mark.parametrize(
    ("text", "event", "actor", "recipient"),
    [
        ("The governor's plan drew criticism from Senator Anna Keller.", "ACCUSE", "Keller",
         "governor"),
        ("Mayor Lena Ortiz faced opposition from the city council.", "ACCUSE", "council",
         "Ortiz"),
        ("The union extracted concessions from the government.", "CONCEDE", "government",
         "union"),
    ],
)  # fmt: skip
def test_what_one_side_draws_from_another_is_done_by_the_other(
    events, text, event, actor, recipient
):
    found = _one(events(text), event)
    assert actor in _name(found.actor) and recipient in _name(found.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The exhibition drew crowds from across the state.",
        "Engineers extracted oil from the rock.",
        "The opposition party won the vote in the capital.",
    ],
)
def test_what_is_drawn_from_nobody_political_is_no_event(events, text):
    assert not _types(events(text)) & {"ACCUSE", "CONCEDE"}


# --- wanting someone to act, busting a ring --------------------------------------------


def test_wanting_someone_to_act_asks_it_of_them(events):
    request = _one(
        events("Senator Anna Keller wants President Joe Biden to veto the bill."), "REQUEST"
    )
    assert "Keller" in _name(request.actor) and "Biden" in _name(request.recipient)


def test_wanting_to_act_oneself_asks_nothing(events):
    assert "REQUEST" not in _types(events("Senator Anna Keller wants to win the primary."))


def test_busting_a_ring_is_an_arrest_and_busting_a_myth_is_not(events):
    assert "COERCE" in _types(events("Federal agents busted a drug ring in Boston on Tuesday."))
    assert "COERCE" not in _types(events("The senator busted a myth about taxes."))


# --- compound actors and coordinated clauses -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Both Senator Anna Keller and Governor Tom Reyes praised the teachers union.",
        "Senator Anna Keller and Governor Tom Reyes agree on schools: both praised the teachers "
        "union.",
    ],
)
def test_both_members_of_a_compound_actor_are_kept(events, text):
    support = _one(events(text), "SUPPORT")
    names = [_name(support.actor), *(_name(e) for e in support.co_actors)]
    assert any("Keller" in n for n in names) and any("Reyes" in n for n in names)


def test_both_sides_named_by_the_phrase_itself_take_no_antecedent(events):
    found = events("Senator Anna Keller met Governor Tom Reyes. Both sides praised the deal.")
    support = [e for e in found if e.event == "SUPPORT"]
    assert all("Keller" not in _name(e.actor) for e in support)


def test_each_clause_of_a_coordinated_sentence_has_its_own_actor(events):
    found = events(
        "Senator Anna Keller criticized Governor Tom Reyes and Mayor Lena Ortiz praised him."
    )
    accuse, support = _one(found, "ACCUSE"), _one(found, "SUPPORT")
    assert "Keller" in _name(accuse.actor) and not accuse.co_recipients
    assert "Ortiz" in _name(support.actor) and not support.co_actors


def test_a_coordinated_object_stays_whole_when_no_clause_follows(events):
    accuse = _one(
        events(
            "Senator Anna Keller criticized Governor Tom Reyes and Mayor Lena Ortiz on Tuesday."
        ),
        "ACCUSE",
    )
    assert "Ortiz" in " ".join(_name(e) for e in accuse.co_recipients)


def test_default_dataset_takes_a_stated_endorsement(events):
    found = events("Senator Anna Keller stated her intention to vote for Governor Tom Reyes.")
    assert any(in_default_dataset(asdict(e)) for e in found if e.event == "SUPPORT")


def test_endorsers_named_after_the_endorsements_each_endorse(events):
    text = (
        "Senator Anna Keller has won endorsements from local mayors, most recently actor "
        "Daniel Okafor."
    )
    support = _one(events(text), "SUPPORT")
    givers = [_name(support.actor), *(_name(e) for e in support.co_actors)]
    assert any("Okafor" in giver for giver in givers), givers
    assert "Keller" in _name(support.recipient)


# --- misgivings, scorn --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Germany raised objections to the French plan.", "Germany", "French"),
        ("The Japanese foreign minister voiced concern over China's naval drills.", "minister",
         "China"),
        ("Senator Anna Keller expressed doubts about Governor Tom Hale's budget.", "Keller",
         "Hale"),
        ("Senator Anna Keller poured scorn on Governor Tom Hale.", "Keller", "Hale"),
        ("Germany expressed contempt for the Russian government.", "Germany", "Russian"),
        ("Senator Anna Keller expressed amusement that Governor Tom Hale had finally spoken "
         "about taxes.", "Keller", "Hale"),
        ("France voiced concern that Iran was enriching uranium.", "France", "Iran"),
    ],
)  # fmt: skip
def test_misgivings_voiced_about_someone_are_a_disapproval(events, text, actor, recipient):
    found = _one(events(text), "ACCUSE")
    assert found.mode == "disapprove"
    assert actor in _name(found.actor) and recipient in _name(found.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Residents raised concerns about rising rents.",
        "Economists expressed doubts about the recovery.",
        "Senator Anna Keller expressed amusement that it rained during the parade.",
        "Senator Anna Keller voiced concern that the economy would slow.",
        "Senator Anna Keller voiced concern that Governor Tom Hale may win the primary.",
        "European leaders voiced concern that they were too dependent on Washington.",
    ],
)
def test_misgivings_about_a_thing_of_no_one_are_no_event(events, text):
    assert "ACCUSE" not in _types(events(text))


# --- conditions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("The Iranian foreign minister said Tehran would resume talks only if Washington "
         "lifted the sanctions.", "Tehran", "Washington"),
        ("Hamas said it will not release the hostages unless Israel halts its offensive.",
         "it", "Israel"),
        ("Senator Anna Keller said she would only join the debate if Governor Tom Hale "
         "released his tax returns.", "she", "Hale"),
    ],
)  # fmt: skip
def test_an_act_made_to_hang_on_another_side_demands_it_of_them(events, text, actor, recipient):
    found = _one(events(text), "REQUEST")
    assert actor in _name(found.actor) and recipient in _name(found.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "If Russia attacks, NATO will respond.",
        "Tehran will resume talks if Washington lifts the sanctions.",
        "Senator Anna Keller said she would join the debate unless it rained.",
    ],
)
def test_a_plain_condition_demands_nothing(events, text):
    assert "REQUEST" not in _types(events(text))


# --- questions, backing off, reporters' calls, offers of praise, claims -------------------


@pytest.mark.parametrize(
    "text",
    [
        "The host asked Senator Anna Keller which states she could win.",
        "Reporters asked Governor Tom Hale about his finances.",
        "The senator asks as the governor walks in.",
    ],
)
def test_asking_a_question_is_no_request(events, text):
    assert "REQUEST" not in _types(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Merkel asked Putin to withdraw his troops.",
        "Merkel asked that Russia withdraw its troops.",
        "Merkel asked France for help.",
    ],
)
def test_asking_for_an_act_is_a_request(events, text):
    assert "REQUEST" in _types(events(text))


def test_backing_off_a_proposal_backs_no_one(events):
    assert "SUPPORT" not in _types(events("Governor Tom Hale backed off his tax proposal."))
    assert "SUPPORT" in _types(events("Governor Tom Hale backed Senator Anna Keller."))


def test_a_reporters_call_is_no_meeting_and_officials_contact_is(events):
    text = "When contacted, a spokesman for the French Foreign Ministry declined to comment."
    assert "CONSULT" not in _types(events(text))
    text = "When contacted by Russian officials, the French ambassador declined to comment."
    found = _one(events(text), "CONSULT")
    assert "Russian" in _name(found.actor) and "ambassador" in _name(found.recipient)


def test_kind_words_offered_are_support_not_a_promise(events):
    found = _one(events("Governor Tom Hale offered kind words about Senator Anna Keller."),
                 "SUPPORT")  # fmt: skip
    assert "Keller" in _name(found.recipient)
    assert "AGREE" not in _types(events("Governor Tom Hale offered kind words about Keller."))


def test_what_an_allegation_claims_is_not_reported_as_done(events):
    text = "The senator repeated an allegation that Governor Tom Hale had bribed the judge."
    assert not [e for e in events(text) if e.event != "ACCUSE" and in_default_dataset(asdict(e))]


def test_calls_that_nobody_made_are_no_event(events):
    found = events("There have been no serious calls to close France's borders.")
    assert not [e for e in found if in_default_dataset(asdict(e))]


# --- intentions, shared modals, encouragement ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Iran announced a plan to attack Israel.",
        "The activist expressed a desire to shoot the senator.",
        "Officials said the agency may have detained the families and deported them to Honduras.",
    ],
)
def test_an_intended_or_possible_act_is_not_reported_as_done(events, text):
    assert not [e for e in events(text) if e.event in ("ASSAULT", "COERCE")
                and in_default_dataset(asdict(e))]  # fmt: skip


def test_an_act_reported_with_its_purpose_still_happened(events):
    assert "ASSAULT" in _types(events("Russia shelled Kharkiv on Monday to punish Ukraine."))


def test_encouraging_someone_to_act_asks_it_of_them(events):
    text = "Hillary Clinton has encouraged European nations to bolster defense spending."
    found = _one(events(text), "REQUEST")
    assert "European" in _name(found.recipient)
    assert "SUPPORT" in _types(events("Germany encouraged the reforms in Ukraine."))


def test_fighting_a_named_enemy_with_no_subject_keeps_the_enemy_as_target(events):
    found = _one(events("We have had five years of fighting ISIS."), "ASSAULT")
    assert found.actor is None and "ISIS" in _name(found.recipient)


def test_a_condition_set_with_on_condition_that_is_a_demand(events):
    text = "Iran agreed to the talks on condition that Washington lift the sanctions."
    found = _one(events(text), "REQUEST")
    assert "Iran" in _name(found.actor) and "Washington" in _name(found.recipient)
    lifted = [e for e in events(text) if e.event == "RETREAT"]
    assert lifted and not any(in_default_dataset(asdict(e)) for e in lifted)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Anti-Trump delegates seized on glimmers of hope.", "COERCE"),
        ("Clinton restricted comments about breaking up big banks.", "COERCE"),
        ("Only fear is capable of rallying the Republican Party.", "PROTEST"),
        ("His campaign offered a halting response on Tuesday.", "AGREE"),
        ("Senator Ted Cruz received all the delegates at stake.", "CONSULT"),
        ("Hillary Clinton and Bernie Sanders clashed on the debate stage.", "ASSAULT"),
    ],
)
def test_idioms_of_political_news_are_not_the_act_they_sound_like(events, text, event):
    assert event not in _types(events(text))


def test_having_the_backing_of_someone_is_their_support(events):
    text = "Senator Ted Cruz, who had the backing of Mitt Romney, won Utah."
    found = _one(events(text), "SUPPORT")
    assert "Romney" in _name(found.actor) and "Cruz" in _name(found.recipient)


# --- reporters' questions, polls, questions, possible acts --------------------------------


def test_a_reporters_question_and_a_declined_answer_are_no_events(events):
    text = "When asked to confirm the report, a Pentagon spokesman declined."
    assert not _types(events(text)) & {"REQUEST", "REJECT"}
    assert "REJECT" in _types(events("Iran declined the invitation to the summit."))


@pytest.mark.parametrize(
    "text",
    [
        "Female troops preferred Clinton 51 percent to 24 percent, while male troops backed "
        "Trump, 57 percent to 22 percent.",
        "Five percent prefer Gary Johnson and 1 percent support the Green Party's Jill Stein.",
    ],
)
def test_a_polls_finding_is_no_endorsement(events, text):
    assert "SUPPORT" not in _types(events(text))


def test_a_yes_no_question_asserts_nothing_and_a_why_question_does(events):
    asked = [e for e in events("Has Russia attacked Kyiv again?") if e.event == "ASSAULT"]
    assert asked and not any(in_default_dataset(asdict(e)) for e in asked)
    given = _one(events("Why did Russia attack Kyiv on Monday?"), "ASSAULT")
    assert in_default_dataset(asdict(given))


@pytest.mark.parametrize(
    "text",
    [
        "Officials said Israel could use the territory of Azerbaijan to bomb Iran.",
        "Governor Tom Hale has indicated he would try to jail his critics.",
    ],
)
def test_an_act_under_a_modal_of_the_verb_it_completes_is_not_done(events, text):
    assert not [e for e in events(text) if e.event in ("ASSAULT", "COERCE")
                and in_default_dataset(asdict(e))]  # fmt: skip


def test_a_news_conference_is_no_meeting_and_a_video_conference_is(events):
    text = "At a news conference on Monday, officials in Broward County announced new cameras."
    assert "CONSULT" not in _types(events(text))
    assert "CONSULT" in _types(events("Macron and Merkel held a video conference on Monday."))


def test_a_meal_with_someone_is_a_meeting_and_a_fundraising_dinner_is_not(events):
    assert "CONSULT" in _types(events("Macron had lunch with Merkel in Berlin on Monday."))
    assert "CONSULT" in _types(events("Biden hosted a dinner with Xi on Monday."))
    assert "CONSULT" not in _types(events("Governor Tom Hale held a fundraising dinner on Monday."))


def test_who_attends_a_meeting_meets_whom_the_meeting_is_of(events):
    summit = _one(events("Obama attended the NATO summit in Warsaw on Friday."), "CONSULT")
    assert (summit.actor.name, summit.recipient.name) == ("Barack Obama", "NATO")
    text = "Senator Ted Cruz returned on Wednesday for the last minutes of a caucus lunch."
    lunch = _one(events(text, "2016-05-31"), "CONSULT")
    assert (lunch.actor.name, lunch.date) == ("Ted Cruz", "2016-05-25")
    strikes = _one(events("Russian strikes hit Kyiv on Friday."), "ASSAULT")
    assert strikes.actor.code == "RUS"


def test_amassing_delegates_moves_no_forces(events):
    assert "MOBILIZE" not in _types(events("Senator Ted Cruz amassed 500 delegates in March."))
    assert "MOBILIZE" in _types(events("Russia amassed troops near the border."))


def test_a_call_to_act_is_a_demand_and_a_call_with_someone_a_consultation(events):
    assert _types(events("Trump renewed his call to ban Muslim immigrants.")) == {"REQUEST"}
    assert "CONSULT" in _types(events("Biden held a call with Xi on Monday."))


# --- rallies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump held a rally in Des Moines on Thursday.",
        "Thousands of supporters packed a Bernie Sanders rally in Reno on Thursday.",
        "Senator Elizabeth Warren rallied in Boston on Thursday.",
    ],
)
def test_a_politicians_rally_is_a_campaign_stop_not_a_protest(events, text):
    assert "PROTEST" not in _types(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hamas held a rally in Gaza City on Thursday.",
        "Thousands of teachers held a rally against Donald Trump in Reno on Thursday.",
    ],
)
def test_a_groups_rally_or_one_against_a_politician_is_a_protest(events, text):
    assert "PROTEST" in _types(events(text))
