"""Documents: ids, URLs, dates and metadata precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import INPUTS

from sitroom.extract import (
    canonical_url,
    check_published,
    documents,
    extract,
    normalize_date,
)
from sitroom.ingest import Source
from sitroom.options import Options
from sitroom.records import Document, InputError, stable_id


def _all(paths: list[Path], **options) -> list[Document]:
    items = list(documents([str(p) for p in paths], Options(**options)))
    assert all(isinstance(i, Document) for i in items), items
    return items


def test_same_input_twice_same_id_and_hash():
    paths = [
        INPUTS / "clean_story.txt",
        INPUTS / "scraped_page.txt",
        INPUTS / "wordpress_thread.html",
        INPUTS / "records.jsonl",
        INPUTS / "feed.rss",
    ]
    first, second = _all(paths), _all(paths)
    assert [(d.id, d.content_hash) for d in first] == [(d.id, d.content_hash) for d in second]
    assert len({d.id for d in first}) == len(first)


def test_id_from_record_then_url_then_text():
    record = extract(Source("x:1", "text", "Some text.", {"id": "my-own-id"}), Options())
    assert record.id == "my-own-id"
    by_url = extract(
        Source("x:2", "text", "Some text.", {"url": "HTTPS://Example.org/a?utm_medium=x#c"}),
        Options(),
    )
    assert by_url.id == stable_id("d", "https://example.org/a")
    by_text = extract(Source("x:3", "text", "Some   text.\n", {}), Options())
    assert by_text.id == stable_id("d", "Some text.")


def test_whitespace_variants_of_a_text_share_an_id():
    a = extract(Source("a", "text", "Port  reopens\non Monday.", {}), Options())
    b = extract(Source("b", "text", "Port reopens on Monday.", {}), Options())
    assert a.id == b.id and a.content_hash != b.content_hash


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://WWW.Example.ORG:443/News?utm_source=x&id=3#part",
            "https://www.example.org/News?id=3",
        ),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/a?fbclid=1&gclid=2", "http://example.org:8080/a"),
        ("https://example.org/a?b=1&a=2", "https://example.org/a?b=1&a=2"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_article_id_parameters_keep_documents_apart(tmp_path):
    path = tmp_path / "links.jsonl"
    text = "The ferry to the outer islands resumed its winter timetable."
    urls = [
        "https://news.example.org/story?cid=101",
        "https://news.example.org/story?cid=102",
        "https://news.example.org/story?cid=101&utm_source=feed&fbclid=abc",
        "https://news.example.org/story?share=7&rss=1&ito=9",
    ]
    path.write_text("\n".join(f'{{"url": "{u}", "text": "{text}"}}' for u in urls) + "\n")
    first, second, tracked, other = _all([path])
    assert len({first.id, second.id, other.id}) == 3
    assert tracked.id == first.id and tracked.url == "https://news.example.org/story?cid=101"
    assert other.url == "https://news.example.org/story?share=7&rss=1&ito=9"


def test_bad_port_is_not_a_valid_url(tmp_path):
    path = tmp_path / "records.jsonl"
    good = "https://[2001:db8::1]:8443/a"
    lines = [
        '{"url": "http://example.com:99999/x", "text": "A note on the harbour gate."}',
        f'{{"url": "{good}", "text": "A note on the harbour gate."}}',
    ]
    path.write_text("\n".join(lines))
    failure, doc = documents([str(path)], Options())
    assert failure.reason == (
        "not a valid URL: 'http://example.com:99999/x' (port out of range 0-65535)"
    )
    assert doc.url == good


def test_broken_canonical_link_in_a_page_is_ignored(tmp_path):
    path = tmp_path / "page.html"
    page = (INPUTS / "nested_divs.html").read_text(encoding="utf-8")
    link = '<link rel="canonical" href="https://example.org:99999/story">'
    path.write_text(page.replace("<head>", "<head>" + link, 1), encoding="utf-8")
    (doc,) = _all([path], url="https://example.org/story")
    assert doc.url == "https://example.org/story"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-24", "2025-10-24"),
        ("2025-10-24T09:30:00Z", "2025-10-24T09:30:00+00:00"),
        ("2025-10-24T00:00:00", "2025-10-24"),
        ("Fri, 24 Oct 2025 09:30:00 +0100", "2025-10-24T09:30:00+01:00"),
        ("20251024", "2025-10-24"),
        ("24 October 2025", "2025-10-24"),
        ("24.10.2025 17:02", "2025-10-24T17:02:00"),
        ("October 2025", None),
        ("next Tuesday", None),
        ("2025-13-40", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_record_fields_win_over_the_page():
    html = (INPUTS / "wordpress_thread.html").read_text(encoding="utf-8")
    meta = {"title": "Given title", "published": "2025-10-25", "author": "Desk"}
    doc = extract(Source("r:1", "html", html, meta), Options(published="2020-01-01"))
    assert (doc.title, doc.published, doc.author) == ("Given title", "2025-10-25", "Desk")
    assert doc.source == "Coastal Affairs Review"  # not given by the record: from the page


def test_option_published_only_fills_gaps():
    html_doc, text_doc = _all(
        [INPUTS / "wordpress_thread.html", INPUTS / "clean_story.txt"], published="2020-01-01"
    )
    assert html_doc.published == "2025-10-24T09:30:00+00:00"
    assert text_doc.published == "2020-01-01"


@pytest.mark.parametrize("value", ["2024-13-45", "yesterday", "20241345"])
def test_check_published_rejects_what_is_not_a_date(value):
    with pytest.raises(InputError) as err:
        check_published(value)
    assert str(err.value) == f"--published: '{value}' is not a date (use YYYY-MM-DD)"


def test_check_published_normalizes_and_the_date_is_used(tmp_path):
    assert check_published(None) is None and check_published("  ") is None
    published = check_published("2024-03-05T00:00:00")
    assert published == "2024-03-05"
    path = tmp_path / "note.txt"
    path.write_text("The harbour office reopened the north gate on Friday.")
    (doc,) = _all([path], published=published)
    assert doc.published == "2024-03-05"


def test_empty_text_is_an_input_error():
    with pytest.raises(InputError, match="no text"):
        extract(Source("x", "text", "  \n ", {}), Options())


def test_page_without_text_is_a_failure(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav></nav></body></html>")
    (failure,) = list(documents([str(path)], Options()))
    assert failure.reason == "no article text found in the page"


def test_origin_is_kept():
    (doc,) = _all([INPUTS / "clean_story.txt"])
    assert doc.origin == str(INPUTS / "clean_story.txt")
    assert "origin" not in _analysis_keys(doc)


def _analysis_keys(doc: Document) -> set[str]:
    from sitroom.records import Analysis

    return set(Analysis(document=doc).to_dict()["document"])
