"""The article body: trafilatura's extraction checked against other extractors and the page."""

from __future__ import annotations

import json

from sitroom.extract import extract, parse_html
from sitroom.extract.body import (
    _supported_lines,
    _with_agreed_paragraphs,
    article_body,
    stated_body,
)
from sitroom.ingest import Source
from sitroom.options import Options

PARAGRAPHS = [
    "The harbour of Port Elm reopened on Monday after a week of repairs to the sea wall, the "
    "port authority said, and the harbour master expects traffic to be back to normal soon.",
    "Fishing boats left at dawn, and the first ferry from the islands is due on Tuesday "
    "morning with supplies for the shops that have been waiting for deliveries since the storm.",
    "Engineers replaced two hundred metres of the wall that the storm broke on the night of "
    "the fourteenth, working in shifts through the weekend to finish before the spring tides.",
    "The mayor thanked the crews and said the town would review its flood plans before the "
    "winter season begins, with a public meeting planned in the town hall next month.",
]
NEWSLETTER = "Get our morning briefing in your inbox"


def _page(stated: str | None) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if stated is not None:
        data["articleBody"] = stated
    body = [f"<p>{p}</p>" for p in PARAGRAPHS]
    body.insert(2, f"<p>{NEWSLETTER}</p>")
    return (
        "<html lang='en'><head><title>Harbour reopens</title>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour reopens after storm</h1>{''.join(body)}</article>"
        "<footer><p>All rights reserved.</p></footer></body></html>"
    )


def test_the_pages_own_article_body_drops_furniture_inside_the_article():
    doc = extract(Source("page", "html", _page(" ".join(PARAGRAPHS)), {}), Options())
    assert doc.text.splitlines() == PARAGRAPHS
    assert doc.title == "Harbour reopens after storm"  # the heading is kept as the title


def test_a_short_stated_body_is_a_summary_and_changes_nothing():
    page = _page("Port Elm's harbour has reopened.")
    lines = article_body(page, parse_html(page), None).splitlines()
    assert NEWSLETTER in lines and all(p in lines for p in PARAGRAPHS)


def test_stated_body_is_found_in_nested_json_ld():
    graph = {"@graph": [{"@type": "WebPage"}, {"@type": "Article", "articleBody": " Body. "}]}
    page = f"<html><head><script type='application/ld+json'>{json.dumps(graph)}</script>"
    page += "</head><body><p>x</p></body></html>"
    assert stated_body(parse_html(page)) == "Body."
    broken = "<html><head><script type='application/ld+json'>{not json</script></head></html>"
    assert stated_body(parse_html(broken)) == ""


def test_short_lines_stay_only_when_another_extractor_keeps_them():
    base = "\n".join([PARAGRAPHS[0], "Related stories", "Photo: Port authority", PARAGRAPHS[1]])
    voters = [" ".join(PARAGRAPHS[0:2]), f"{PARAGRAPHS[0]} Photo: Port authority"]
    assert _supported_lines(base, voters) == [PARAGRAPHS[0], "Photo: Port authority", PARAGRAPHS[1]]


def test_long_paragraphs_both_fallbacks_find_are_added_in_their_place():
    lines = [PARAGRAPHS[0], PARAGRAPHS[2]]
    justext = "\n".join(PARAGRAPHS[:3] + ["Subscribe to our newsletter and get the news first"])
    readability = " ".join(PARAGRAPHS)
    merged = _with_agreed_paragraphs(lines, "\n".join(lines), justext, readability)
    assert merged == PARAGRAPHS[:3]
    # What only one fallback finds is not added.
    assert _with_agreed_paragraphs(lines, "\n".join(lines), justext, PARAGRAPHS[0]) == lines
