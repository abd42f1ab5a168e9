"""The judged sentences: labels well formed and events matched to the coder's once each."""

from sitroom.evaluation import judged


def test_the_labels_cover_two_hundred_sentences_fifty_of_them_twice():
    items = judged.read_items()
    assert [i.item for i in items] == list(range(1, 201))
    assert all(len(i.sha1) == 40 and i.start < i.end for i in items)
    assert set(judged.read_labels("judged_events.jsonl")) == set(range(1, 201))
    assert set(judged.read_labels("judged_events_second.jsonl")) == set(range(1, 51))


def test_the_two_codings_agree_well_beyond_chance():
    scores = judged.agreement()
    assert scores["iaa_items"] == 50
    assert scores["iaa_sentence_kappa"] > 0.6


def _event(kind, actor=None, recipient=None):
    return {"event": kind, "actor": {"code": actor} if actor else None,
            "recipient": {"code": recipient} if recipient else None,
            "date_source": "published", "start": 0}  # fmt: skip


def test_each_gold_event_is_matched_once_and_a_full_match_is_preferred():
    golds = [
        {"type": "ACCUSE", "actor": "USA", "recipient": "-", "date": "-"},
        {"type": "ACCUSE", "actor": "RUS", "recipient": "UKR", "date": "-"},
    ]
    preds = [_event("ACCUSE", "RUS", "UKR"), _event("ACCUSE"), _event("ACCUSE")]
    typed, full = judged._match(preds, golds)
    assert (typed, full) == (2, 1)


def test_a_publication_date_fallback_is_not_the_date_the_text_gives():
    gold = {"type": "CONSULT", "actor": "USA", "recipient": "CHN", "date": "2024-03-01"}
    pred = dict(_event("CONSULT", "USA", "CHN"), date="2024-03-01", period="2024-03-01")
    assert judged._match([pred], [gold]) == (1, 0)


def test_a_month_the_text_gives_is_the_month_of_the_event():
    gold = {"type": "CONSULT", "actor": "USA", "recipient": "CHN", "date": "2024-03"}
    pred = dict(_event("CONSULT", "USA", "CHN"), date=None, period="2024-03")
    assert judged._match([dict(pred, date_source="sentence")], [gold]) == (1, 1)
    assert judged._match([dict(pred, period="2024")], [gold]) == (1, 0)


def test_an_event_counts_once_per_distinct_coded_pair_of_sides():
    senator = {"code": "USA", "sector": "LEG", "name": "a senator"}
    candidate = {"code": "USA", "sector": "PTY", "name": "a candidate"}
    union = {"code": "USA", "sector": "LAB", "name": "the union"}
    other_senator = dict(senator, name="another senator")
    nobody = {"code": None, "sector": None, "name": "a neighbour"}
    praise = dict(_event("SUPPORT"), actor=senator, recipient=union)
    both = dict(praise, co_actors=[candidate, other_senator, nobody])
    names = [p["actor"]["name"] for p in judged.dyads(both)]
    assert names == ["a senator", "a candidate", "a neighbour"]  # the union is coded
    assert len(judged.dyads(praise)) == 1
