"""The pipeline's own components: document context and sentence boundaries from layout."""

from __future__ import annotations

from sitroom.pipeline import make_doc
from sitroom.records import Document


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in make_doc(nlp, Document(id="t", text=text)).sents]


def test_a_title_line_is_not_run_into_the_first_sentence(nlp):
    text = "Ministers meet in Rome\nThe foreign ministers of Italy and France met on Monday."
    assert sentences(nlp, text)[0] == "Ministers meet in Rome"


def test_paragraphs_start_sentences_but_wrapped_lines_do_not(nlp):
    text = (
        "Talks ended late\n\nDelegates from both sides said the meeting in Geneva had\n"
        "gone better than expected."
    )
    assert sentences(nlp, text) == [
        "Talks ended late",
        "Delegates from both sides said the meeting in Geneva had\ngone better than expected.",
    ]


def test_the_publication_date_travels_with_the_document(nlp):
    doc = make_doc(nlp, Document(id="d-9", text="Leaders met.", published="2024-02-03T10:00"))
    assert (doc._.doc_id, doc._.published.isoformat()) == ("d-9", "2024-02-03")


def test_the_fast_attribute_ruler_matches_the_model_token_for_token():
    import spacy

    from sitroom.pipeline import model_name, tagmap

    text = (
        "There's nothin' they can do, y'all said. Let's go: the ministers met in Vienna, "
        "and it was agreed that talks would resume.\n\n  Officials ain't sure.  "
    ) * 3
    stock, fast = spacy.load(model_name()), spacy.load(model_name())
    tagmap.install(fast)
    assert type(fast.get_pipe("attribute_ruler")) is tagmap.TagMapRuler

    def attributes(nlp):
        return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in nlp(text)]

    assert attributes(fast) == attributes(stock)
