"""Language and page kind: only English news is event-coded; the rest is stored and flagged."""

from __future__ import annotations

import pytest
from helpers import TEST_DATA

from sitroom.extract import documents
from sitroom.extract.kind import page_kind
from sitroom.extract.language import declared_language, detect_language
from sitroom.options import Options

PAGES = TEST_DATA / "pages"


def test_languages_are_detected_from_the_text():
    assert detect_language((PAGES / "german_news.txt").read_text())[0] == "de"
    assert detect_language((PAGES / "french_news.txt").read_text())[0] == "fr"
    assert detect_language((PAGES / "english_news.txt").read_text())[0] == "en"
    # Too few words to tell: unknown, and the page's own declaration decides.
    assert detect_language("Sin embargo")[0] is None
    assert declared_language("en-GB") == "en" and declared_language("not a tag") is None


def test_page_kinds_from_the_text_and_from_what_the_page_declares():
    assert page_kind((PAGES / "recipe.txt").read_text()) == "recipe"
    assert page_kind((PAGES / "software_manual.txt").read_text()) == "manual"
    assert page_kind((PAGES / "english_news.txt").read_text()) == "news"
    assert page_kind("Add it to the list.", ["Product"]) == "product"
    assert page_kind("Stir well.", ["NewsArticle", "Product"]) == "news"
    assert page_kind("Links:\n" + "\n".join(f"Item {i}" for i in range(40)), []) == "listing"
    assert page_kind("What is the difference between these?", ["QAPage", "Question"]) == "manual"


def test_instructions_and_code_make_a_page_a_manual_but_not_news_or_french():
    assert page_kind((PAGES / "howto.txt").read_text()) == "manual"
    news = (PAGES / "english_news.txt").read_text()
    # News quoting a command now and then stays news; a body that is mostly code does not.
    assert page_kind(news, code=0.01) == "news"
    assert page_kind("Run the script twice.\nIt copies the files.", code=0.5) == "manual"
    # "Pour", "Place" and "Use" open French sentences that are no orders.
    french = "Pour le gouvernement, la réforme est nécessaire. " * 5
    assert page_kind(french, language="fr") == "news"
    assert page_kind(french.replace("Pour le", "Pour the"), language="en") == "manual"


def test_extracted_documents_carry_language_and_kind():
    found = {
        d.origin.rsplit("/", 1)[-1]: (d.language, d.kind)
        for d in documents([str(PAGES)], Options())
    }
    assert found == {
        "english_news.txt": ("en", "news"),
        "german_news.txt": ("de", "news"),
        "french_news.txt": ("fr", "news"),
        "recipe.txt": ("en", "recipe"),
        "software_manual.txt": ("en", "manual"),
        "product.html": ("en", "product"),
        "software_page.html": ("en", "manual"),
        "howto.txt": ("en", "manual"),
    }


@pytest.mark.model
def test_only_the_english_news_gets_events(nlp):
    from sitroom.pipeline import analyze

    analyses = {
        a.document.origin.rsplit("/", 1)[-1]: a
        for a in analyze(nlp, documents([str(PAGES)], Options()))
    }
    with_events = sorted(name for name, a in analyses.items() if a.events)
    assert with_events == ["english_news.txt"]
    german = analyses["german_news.txt"]
    assert german.notes == ["not analysed: language de"]
    assert not german.actors and not german.quotes and not german.dates
    recipe = analyses["recipe.txt"]
    assert "not event-coded: page kind recipe (--force codes it)" in recipe.notes


@pytest.mark.model
def test_force_codes_pages_that_are_not_news(nlp):
    from sitroom.pipeline import analyze

    manual = [d for d in documents([str(PAGES / "software_manual.txt")], Options())]
    assert not next(analyze(nlp, manual)).events
    forced = next(analyze(nlp, manual, force=True))
    assert forced.events  # the rules do find "events" in it: that is why it is not coded
    assert not any("not event-coded" in n for n in forced.notes)
