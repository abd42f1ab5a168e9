"""PLOVER event coding: the example articles, fixture articles and the PLOVER JSON record."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SAMPLE, TEST_DATA, example

from sitroom.formats import to_plover
from sitroom.ontology.plover import EVENT_TYPES, MODES
from sitroom.pipeline.events.lexicon import load as load_lexicon
from sitroom.records import Failure

pytestmark = pytest.mark.model

FIXTURES = TEST_DATA / "events"


def _body(path: Path) -> str:
    """The article text without the author box and reader comments that follow it."""
    text = path.read_text(encoding="utf-8")
    return text.split("\nGeorge Allison\n", 1)[0]


@pytest.fixture(scope="module")
def story000(nlp):
    from sitroom.pipeline import make_doc
    from sitroom.records import Document

    document = Document(id="000", text=_body(example("000")), published="2026-01-08")
    return document, make_doc(nlp, document)._.events


@pytest.fixture(scope="module")
def story002(nlp):
    from sitroom.pipeline import make_doc
    from sitroom.records import Document

    document = Document(id="002", text=_body(example("002")), published="2025-10-24")
    return document, make_doc(nlp, document)._.events


@pytest.fixture(scope="module")
def fixtures(nlp):
    from sitroom.pipeline import make_doc
    from sitroom.records import Document

    events = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        document = Document(id=path.stem, text=path.read_text(), published="2025-03-05")
        events[path.stem] = make_doc(nlp, document)._.events
    return events


def _find(events, kind, sentence_part, trigger=None):
    found = [e for e in events if e.event == kind and sentence_part in e.text]
    found = [e for e in found if trigger is None or trigger in e.event_text]
    assert found, f"no {kind} in {sentence_part!r}: {[(e.event, e.event_text) for e in events]}"
    return found[0]


def test_lexicon_uses_only_plover_types_and_modes():
    lexicon = load_lexicon()
    for readings in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        for reading in readings:
            assert reading.event in EVENT_TYPES
            assert reading.mode is None or reading.mode in MODES[reading.event]


def test_phone_call_starmer_rutte(story000):
    document, events = story000
    call = _find(events, "CONSULT", "held a significant call")
    assert call.mode == "phone"
    assert "Starmer" in call.actor.name
    assert "Rutte" in call.recipient.name
    assert call.date == "2026-01-08" and call.date_source == "sentence"
    assert document.text[call.start : call.end] == call.text
    assert call.event_text in call.text


def test_second_call_with_frederiksen(story000):
    _, events = story000
    call = _find(events, "CONSULT", "Mette Frederiksen", trigger="spoke")
    assert "Keir" in call.actor.name
    assert "Frederiksen" in call.recipient.name
    assert call.date == "2026-01-08"


def test_uk_support_for_denmark(story000):
    _, events = story000
    support = _find(events, "SUPPORT", "firm support for Danish sovereignty")
    assert support.actor.code == "GBR"
    assert support.recipient.code == "DNK"


def test_london_meeting(story002):
    _, events = story002
    meeting = _find(events, "CONSULT", "travelled to London")
    assert meeting.location.name == "London" and meeting.location.country == "GBR"
    assert meeting.date == "2025-10-24"
    names = [meeting.actor.name, *(e.name for e in meeting.co_actors)]
    assert any("Rutte" in n for n in names)
    assert any("Starmer" in n for n in names) and any("Macron" in n for n in names)


def test_visit_to_washington(story002):
    _, events = story002
    visit = _find(events, "CONSULT", "a visit to Washington", trigger="met")
    assert visit.mode == "visit"
    assert "Rutte" in visit.actor.name
    assert "Trump" in visit.recipient.name
    assert visit.location.name == "Washington"


def test_us_and_eu_sanctions_on_russia(story002):
    _, events = story002
    us = _find(events, "SANCTION", "US sanctions against Russia")
    assert (us.actor.code, us.recipient.code) == ("USA", "RUS")
    eu = _find(events, "SANCTION", "19th sanction package")
    assert eu.actor.code == "IGO" and "EU" in eu.actor.name
    assert eu.recipient.code == "RUS"


def test_said_is_not_an_event(story002):
    _, events = story002
    assert all(e.event_text not in ("said", "noted", "added") for e in events)


def test_assault_with_actor_victims_and_day(fixtures):
    attack = _find(fixtures["conflict"], "ASSAULT", "attacked an army checkpoint", "attacked")
    assert "Rebel" in attack.actor.entity_text
    assert attack.date == "2025-03-04"  # "on Tuesday" in a story of Wednesday 5 March


def test_accuse_request_threaten_coerce(fixtures):
    events = fixtures["conflict"]
    accuse = _find(events, "ACCUSE", "accused Rwanda")
    assert accuse.mode == "allege" and accuse.recipient.code == "RWA"
    request = _find(events, "REQUEST", "urged both sides")
    assert request.mode == "yield"  # the request is a release: its content sets the mode
    assert not any(e.event == "RETREAT" for e in events)  # the release itself is not coded
    threat = _find(events, "THREATEN", "expel Rwandan diplomats")
    assert threat.mode == "expel"
    arrest = _find(events, "COERCE", "arrested twelve protesters")
    assert arrest.mode == "arrest" and "protesters" in arrest.recipient.entity_text


def test_agree_aid_retreat(fixtures):
    events = fixtures["cooperation"]
    agree = _find(events, "AGREE", "agreed to resume")
    assert {agree.actor.code, *(e.code for e in agree.co_actors)} >= {"JPN", "KOR"}
    aid = _find(events, "AID", "humanitarian aid to Sudan")
    assert (aid.actor.code, aid.recipient.code) == ("DEU", "SDN")
    withdraw = _find(events, "RETREAT", "withdrew from the town")
    assert withdraw.mode == "withdraw" and withdraw.actor.code == "RUS"
    resign = _find(events, "RETREAT", "resigned")
    assert resign.mode == "resign"


def test_scheduled_future_meeting_is_consult(fixtures):
    meeting = _find(fixtures["cooperation"], "CONSULT", "will meet in Geneva")
    assert meeting.future and not meeting.negated
    assert meeting.location.name == "Geneva"


def test_negated_hypothetical_refusal_and_host(fixtures):
    events = fixtures["modes"]
    sign = _find(events, "SUPPORT", "did not sign")
    assert sign.negated and sign.actor.code == "CHL"
    refusal = _find(events, "REJECT", "refused to meet")
    assert refusal.mode == "meet"
    tariffs = _find(events, "SANCTION", "could impose tariffs")
    assert tariffs.hypothetical and tariffs.actor.code == "BRA"
    host = _find(events, "AGREE", "plans to host")  # a planned visit is an intention
    assert host.future and host.recipient.code == "FRA"  # the host receives the visitor


def test_to_plover_record(story002):
    document, events = story002
    record = to_plover(_find(events, "SANCTION", "US sanctions against Russia"), document)
    assert record["event"] == ["SANCTION"] and record["mode"] == ["discontinue"]
    assert record["actor"][0]["code"] == "USA"
    assert record["recipient"][0]["code"] == "RUS"
    assert record["date"] == "2025-10-24" and record["quad_code"] == 4
    assert record["text"] in document.text
    assert {"id", "event_text", "context", "event_loc", "cite_info"} <= set(record)


def _events_without_comments(nlp, kind: str, path: Path, published: str):
    from sitroom.extract import extract
    from sitroom.ingest import Source
    from sitroom.options import Options
    from sitroom.pipeline import make_doc

    source = Source(origin=str(path), kind=kind, content=path.read_text(encoding="utf-8"))
    document = extract(source, Options(published=published))
    return document, make_doc(nlp, document)._.events


@pytest.mark.parametrize(
    ("kind", "where", "published", "phrases"),
    [
        ("text", "002", "2025-10-24", ["Christmas list", "coalition of the willing"]),
        ("html", "sweden_joins_nato_2024-03-07.html", "2024-03-07",
         ["F-16", "Gripens", "Finnish border", "air defence systems"]),
    ],
)  # fmt: skip
def test_no_event_comes_from_reader_comments(nlp, kind, where, published, phrases):
    path = example(where) if kind == "text" else SAMPLE / where
    document, events = _events_without_comments(nlp, kind, path, published)
    assert document.comments, "the extraction stage should have set the comments apart"
    assert events, "the article body still reports events"
    for event in events:
        assert document.text[event.start : event.end] == event.text
        assert not any(phrase in event.text for phrase in phrases), event.text
        assert not any(event.text in comment.text for comment in document.comments)


def _one(analyze_text, text: str, kind: str):
    events = [e for e in analyze_text(text, "2025-03-05").events if e.event == kind]
    assert events, f"no {kind} in {text!r}"
    return events[0]


def test_roles_name_the_whole_noun_phrase(analyze_text):
    event = _one(analyze_text, "France returned the stolen statues to the government of Benin.",
                 "RETREAT")  # fmt: skip
    assert event.recipient.entity_text == "the government of Benin"
    event = _one(analyze_text, "The Kenyan police arrested Amina Odhiambo, head of the Green "
                 "Forum party, on Tuesday.", "COERCE")  # fmt: skip
    assert event.actor.entity_text == "The Kenyan police"
    assert event.recipient.entity_text == "Amina Odhiambo, head of the Green Forum party"


def test_recipients_of_things_and_of_governed_events(analyze_text):
    eased = _one(analyze_text, "The European Union eased several sanctions against Belarus.",
                 "RETREAT")  # fmt: skip
    assert eased.recipient.entity_text == "Belarus"
    threat = _one(analyze_text, "Iran threatened to attack the American base in Erbil.",
                  "THREATEN")  # fmt: skip
    assert threat.mode == "violence" and "base" in threat.recipient.entity_text
    resigned = _one(analyze_text, "The interior minister resigned on Sunday.", "RETREAT")
    assert resigned.recipient is None  # a day is not a recipient


def test_pronoun_subject_of_a_claim_is_the_claimant(analyze_text):
    attack = _one(analyze_text, "Rebel commanders claimed that they had attacked two army camps.",
                  "ASSAULT")  # fmt: skip
    assert attack.actor.entity_text == "Rebel commanders"
    assert attack.recipient.entity_text == "two army camps"


def test_intent_and_release_of_a_named_person(analyze_text):
    offer = _one(analyze_text, "The Kremlin is ready to offer economic assistance to Mali.",
                 "AGREE")  # fmt: skip
    assert offer.actor is not None and "Kremlin" in offer.actor.entity_text
    freed = _one(analyze_text, "Egypt freed Sarah Haddad after two years in prison.", "RETREAT")
    assert freed.mode == "release" and freed.recipient.entity_text == "Sarah Haddad"


def test_actor_and_target_of_an_attack_on_a_critic(analyze_text):
    launched = _one(analyze_text, "Syria fired dozens of rockets at Jordan late on Friday, in its "
                    "heaviest attack on Jordanian soil.", "ASSAULT")  # fmt: skip
    assert launched.actor.code == "SYR" and launched.recipient.code == "JOR"
    attack = _one(analyze_text, "The attack on an exiled Belarusian dissident in Vilnius "
                  "shocked the city.", "ASSAULT")  # fmt: skip
    # The dissident is a Belarusian (agent noun with a demonym), not the Belarusian state.
    assert attack.recipient.code == "BLR" and attack.recipient.sector != "GOV"
    assert "dissident" in attack.recipient.entity_text


def test_ended_denied_and_forgone_events_are_not_events(analyze_text):
    events = analyze_text("Ghana will keep the border shut until Togo ends its support for "
                          "the rebels.", "2025-03-05").events  # fmt: skip
    assert not [e for e in events if e.event == "SUPPORT"]
    denied = _one(analyze_text, "Serbia denied shelling the border village.", "ASSAULT")
    assert denied.negated
    veto = _one(analyze_text, "The council passed the motion after France abstained rather "
                "than using its veto.", "REJECT")  # fmt: skip
    assert veto.negated


def test_scheduled_meeting_is_consult_and_days_fill_no_role(analyze_text):
    meeting = _one(analyze_text, "The Arab League will hold an emergency meeting on Thursday.",
                   "CONSULT")  # fmt: skip
    assert meeting.future and meeting.date == "2025-03-06"
    events = analyze_text("Lopez spoke to reporters after Tuesday's meeting.", "2025-03-05").events
    assert all(e.actor is None or "Tuesday" not in e.actor.name for e in events)


def test_event_noun_takes_only_its_own_date(analyze_text):
    events = analyze_text("Canada announced new tariffs on Monday, ten years after the "
                          "annexation of Crimea in March 2014.", "2025-03-05").events  # fmt: skip
    annexation = [e for e in events if "annexation" in e.event_text]
    assert all(e.date != "2025-03-03" for e in annexation)
    assert all(e.date_text in (None, "March 2014") for e in annexation)


def test_time_of_day_keeps_the_day(analyze_text):
    strike = _one(analyze_text, "Rebels shelled the airport on Sunday night.", "ASSAULT")
    assert strike.date == "2025-03-02" and strike.date_text == strike.date_text.strip()


def test_stated_reprisals_are_threats(analyze_text):
    for text in ("Lavrov warned that Moscow would respond militarily.",
                 "The spokeswoman said Belarus would take countermeasures.",
                 "The president vowed to punish the attackers."):  # fmt: skip
        threat = _one(analyze_text, text, "THREATEN")
        assert threat.actor is not None, text
    assert not [e for e in analyze_text("Kenya said it would respond to the letter.",
                                        "2025-03-05").events if e.event == "THREATEN"]  # fmt: skip


def test_visit_to_a_city_is_consult_with_its_country(analyze_text):
    visit = _one(analyze_text, "The Latvian president will visit Warsaw next week.", "CONSULT")
    assert visit.mode == "visit" and visit.future
    assert visit.recipient.code == "POL" and visit.location.name == "Warsaw"


def test_a_violated_ceasefire_is_no_ceasefire(analyze_text):
    events = analyze_text("Militants violated Kenya's holiday ceasefire in Lamu.", "2025-03-05")
    assert not [e for e in events.events if e.event == "RETREAT"]


def test_a_condition_is_no_threat(analyze_text):
    events = analyze_text("Tehran said its answer would be harsher if Israel retaliated.",
                          "2025-03-05").events  # fmt: skip
    assert not [e for e in events if e.event == "THREATEN" and e.actor and e.actor.code == "ISR"]


def test_an_event_noun_without_its_own_date_takes_the_publication_date(analyze_text):
    support = _one(
        analyze_text,
        "Italy, whose envoy met French officials on Monday, repeated its firm support for Greece.",
        "SUPPORT",
    )
    assert (support.date, support.date_source) == ("2025-03-05", "published")


# (type, actor code, recipient code or None) a reader of docs/sample.md expects to find
SAMPLE_EVENTS = [
    ("SUPPORT", "FIN", "USA"),  # Haavisto hands Finland's instrument of accession to Blinken
    ("SUPPORT", "SWE", "USA"),  # Kristersson hands Sweden's to Blinken
    ("REQUEST", "IGO", "TUR"),  # Stoltenberg urges Turkey and Hungary to approve Sweden
    ("THREATEN", "RUS", None),  # Moscow's counter-measures, Zakharova's "Russia would respond"
    ("RETREAT", "RUS", "USA"),  # Russia releases Gershkovich, and Marc Fogel
    ("SANCTION", "IND", None),  # India holds the Indus Waters Treaty in abeyance
    ("REJECT", "ISR", "USA"),  # Netanyahu cancels the delegation's visit to Washington
    ("CONSULT", "USA", "RUS"),  # Trump's phone call with Putin
    ("AID", "USA", "UKR"),  # the US sends equipment to Ukraine
    ("ACCUSE", "CHN", "USA"),  # China accuses the AUKUS partners
]


def test_sample_corpus_reports_the_documented_events(nlp):
    from sitroom.extract import documents
    from sitroom.options import Options
    from sitroom.pipeline import analyze

    docs = [d for d in documents([str(SAMPLE)], Options()) if not isinstance(d, Failure)]
    found = {
        (e.event, e.actor.code, e.recipient.code if e.recipient else None)
        for analysis in analyze(nlp, docs)
        for e in analysis.events
        if e.actor is not None
    }
    missing = [expected for expected in SAMPLE_EVENTS if expected not in found]
    assert not missing
