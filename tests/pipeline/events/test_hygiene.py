"""Record hygiene: headline actors resolved like the body's, each event and quote of a document
reported once with every evidence span kept, negation shared by coordinated verbs."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.model

TREATY = (
    "Chile and Peru sign a treaty to share border patrols\n"
    "LIMA, 3 March 2024 — Chile and Peru signed a treaty on Sunday to share patrols along their "
    "desert border, the two foreign ministries said.\n"
    "Smugglers have used the remote crossings for years, officials said.\n"
)


def test_headline_events_resolve_their_actors_like_body_events(analyze_text):
    text = TREATY.replace("sign a treaty to", "agree to")
    analysis = analyze_text(text, published="2024-03-03")
    headline = [e for e in analysis.events if e.start < text.index("\n")]
    assert headline
    for event in headline:
        assert event.actor is not None and event.actor.id is not None
        assert (event.actor.code, [m.code for m in event.co_actors]) == ("CHL", ["PER"])
    mentions = [m for a in analysis.actors for m in a.mentions if m.start < text.index("\n")]
    assert {m.text for m in mentions} >= {"Chile", "Peru"}
    # The dateline still names no actor.
    lima = text.index("LIMA")
    assert not any(m.start == lima for a in analysis.actors for m in a.mentions)


def test_a_wire_dateline_after_a_title_is_never_the_actor(analyze_text):
    text = (
        "Hale and Keller pledge to work together\n\n"
        "WASHINGTON (AP) — Governor Tom Hale and Senator Anna Keller pledged on Thursday to "
        "work together despite their differences.\n"
    )
    analysis = analyze_text(text, published="2024-03-08")
    pledged = [e for e in analysis.events if e.event_text == "pledged"]
    assert pledged and all("WASHINGTON" not in (e.actor.entity_text if e.actor else "")
                           for e in pledged)  # fmt: skip
    washington = text.index("WASHINGTON")
    assert not any(m.start == washington for a in analysis.actors for m in a.mentions)


def test_headline_and_lead_give_one_event_with_both_sentences_as_evidence(analyze_text):
    analysis = analyze_text(TREATY, published="2024-03-03")
    signed = [e for e in analysis.events if e.event_text.startswith(("sign", "signed"))]
    assert len(signed) == 1
    (event,) = signed
    assert event.start > TREATY.index("\n")  # the lead, with its stated date, is kept
    assert event.date == "2024-03-03"
    assert [(e.start, e.text.strip()) for e in event.evidence] == [
        (0, "Chile and Peru sign a treaty to share border patrols")
    ]
    record = analysis.to_dict()
    assert record["contract"] == "1.3"
    assert record["events"][0]["evidence"] or any(e["evidence"] for e in record["events"])


def test_events_that_differ_in_day_or_recipient_stay_apart(analyze_text):
    text = (
        "Russian forces shelled Kharkiv on Monday, regional officials said.\n"
        "Russian forces shelled Kharkiv again on Wednesday, the governor said.\n"
        "Russian forces shelled Odesa on Wednesday as well.\n"
    )
    events = [e for e in analyze_text(text, published="2024-05-15").events]
    assert len([e for e in events if e.event == "ASSAULT"]) == 3
    assert not any(e.evidence for e in events)


def test_nested_reported_speech_gives_one_quote_with_both_spans(analyze_text):
    text = (
        "Prime Minister Mark Carney said on Tuesday that the agreement was \u201ca turning point "
        "for our farmers\u201d and that it would be signed in June.\n"
    )
    quotes = analyze_text(text, published="2025-04-01").quotes
    carney = [q for q in quotes if q.speaker is not None and "Carney" in q.speaker.name]
    assert len(carney) == 1
    (quote,) = carney
    assert quote.direct and quote.content == "a turning point for our farmers"
    assert len(quote.evidence) == 1
    outer = quote.evidence[0]
    assert outer.start < quote.start and quote.end < outer.end
    assert text[outer.start : outer.end] == outer.text


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        (
            "The rebel commander said his men never robbed or killed anyone in the village.",
            "killed",
        ),
        ("Witnesses said the soldiers had not beaten and arrested the students.", "arrested"),
    ],
)
def test_negation_of_the_first_verb_covers_the_coordinated_ones(analyze_text, sentence, verb):
    events = analyze_text(sentence, published="2024-05-15").events
    coded = [e for e in events if e.event_text.startswith(verb)]
    assert coded, [e.event_text for e in events]
    assert all(e.negated for e in coded)


def test_a_contrasted_or_separately_subjected_conjunct_keeps_its_own_polarity(analyze_text):
    events = analyze_text(
        "The army did not retreat but attacked the rebels near Goma on Monday.",
        published="2024-05-15",
    ).events
    attack = [e for e in events if e.event_text.startswith("attacked")]
    assert attack and not any(e.negated for e in attack)


def test_evidence_survives_the_store_and_the_export(tmp_path, analyze_text):
    from sitroom.formats.export import analyses, export
    from sitroom.records import Analysis, Document
    from sitroom.store import open_store

    analysis = analyze_text(TREATY, published="2024-03-03")
    document = Document(id="treaty", text=TREATY, published="2024-03-03")
    analysis = Analysis(**{**analysis.__dict__, "document": document})
    store = open_store(str(tmp_path / "hygiene.db"))
    store.save(analysis)
    rows = list(store.rows("SELECT record FROM events WHERE document_id = 'treaty'"))
    evidence = [json.loads(r["record"])["evidence"] for r in rows]
    assert any(evidence)
    export(store, tmp_path / "export")
    (loaded,) = list(analyses(tmp_path / "export"))
    assert [e.evidence for e in loaded.events] == [e.evidence for e in analysis.events]


def test_two_targets_of_one_country_in_one_sentence_are_two_events(analyze_text):
    text = "Russia shelled Kharkiv and attacked Kyiv on Monday.\n"
    found = [e for e in analyze_text(text, published="2024-03-05").events if e.event == "ASSAULT"]
    assert sorted(e.recipient.entity_text for e in found) == ["Kharkiv", "Kyiv"]
    assert {e.recipient.code for e in found} == {"UKR"}
