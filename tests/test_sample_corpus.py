"""The bundled sample corpus is well formed in every format it ships (no NLP pipeline needed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import feedparser
import lxml.html
from helpers import ROOT, SAMPLE
from warcio.archiveiterator import ArchiveIterator

BUILDER = ROOT / "scripts" / "make_sample_warc.py"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "SAN DIEGO, 13 March 2023 —" or "WOODSIDE, California, 15 November 2023 —"
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'-]+)(?:, [A-Z][a-z]+)*, (?P<date>\d{{1,2}} (?:{MONTHS}) \d{{4}}) —"
)
QUOTED = re.compile(r"“[^”]{3,}”|\"[^\"]{3,}\"")


def dateline_date(text: str) -> dt.date:
    """The date of a report's dateline; fails the test when the report has none."""
    match = DATELINE.match(text.strip())
    assert match, f"no dateline at the start of: {text.strip()[:80]!r}"
    return dt.datetime.strptime(match["date"], "%d %B %Y").date()


def page_text(html: str) -> str:
    """The report inside a page's <article>: its paragraphs from the dateline on."""
    articles = lxml.html.fromstring(html).xpath("//article")
    assert articles, "page has no <article>"
    paragraphs = [" ".join(p.text_content().split()) for p in articles[0].iter("p")]
    starts = [i for i, text in enumerate(paragraphs) if DATELINE.match(text)]
    assert starts, "no paragraph of the article opens with a dateline"
    return "\n\n".join(paragraphs[starts[0] :])


def text_body(text: str) -> str:
    """A plain-text report without what a scraper appends (author bio, comments, reply form)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    # The article's paragraphs all end a sentence; the bio opens with a bare name line.
    body = []
    for paragraph in paragraphs:
        if not re.search(r"[.!?”\"]$", paragraph.splitlines()[0]):
            break
        body.append(paragraph)
    return "\n\n".join(body)


def html_pages() -> list[Path]:
    return sorted(SAMPLE.glob("*.html"))


def text_files() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


def jsonl_records() -> list[dict]:
    lines = (SAMPLE / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def feed_entries() -> list:
    parsed = feedparser.parse(str(SAMPLE / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def warc_responses() -> list[tuple[str, str, bytes]]:
    """(target URI, content type, payload) of every response record in the archive."""
    found = []
    with (SAMPLE / "archive.warc.gz").open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                ctype = record.http_headers.get_header("Content-Type") or ""
                found.append((uri, ctype, record.content_stream().read()))
    return found


def all_reports() -> list[tuple[str, str, str | None]]:
    """(name, article text, published date as given) for every report in the corpus."""
    reports: list[tuple[str, str, str | None]] = []
    reports += [(p.name, text_body(p.read_text(encoding="utf-8")), None) for p in text_files()]
    for path in html_pages():
        html = path.read_text(encoding="utf-8")
        reports.append((path.name, page_text(html), _meta(html, "article:published_time")))
    for record in jsonl_records():
        body = record.get("text") or page_text(record["html"])
        reports.append((record["id"], body, record["published"]))
    for entry in feed_entries():
        body = " ".join(lxml.html.fromstring(entry.content[0].value).text_content().split())
        published = dt.date(*entry.published_parsed[:3]).isoformat()
        reports.append((entry.link, body, published))
    for uri, _, payload in warc_responses():
        html = payload.decode("utf-8")
        reports.append((uri, page_text(html), _meta(html, "article:published_time")))
    return reports


def _meta(html: str | lxml.html.HtmlElement, prop: str) -> str | None:
    """Content of the <meta> whose property or name is `prop`."""
    tree = lxml.html.fromstring(html) if isinstance(html, str) else html
    values = tree.xpath(f"//meta[@property='{prop}' or @name='{prop}']/@content")
    return values[0] if values else None


def test_report_count_and_formats():
    counts = {
        "txt": len(text_files()),
        "html": len(html_pages()),
        "jsonl": len(jsonl_records()),
        "feed": len(feed_entries()),
        "warc": len(warc_responses()),
    }
    assert counts["txt"] >= 5 and counts["html"] >= 5
    assert 4 <= counts["jsonl"] <= 6 and 2 <= counts["feed"] <= 4 and 2 <= counts["warc"] <= 3
    assert 18 <= sum(counts.values()) <= 22


def test_every_report_has_dateline_quote_and_plausible_length():
    for name, text, published in all_reports():
        date = dateline_date(text)
        assert dt.date(2022, 1, 1) <= date <= dt.date(2025, 12, 31), name
        if published:
            assert published[:10] == date.isoformat(), f"{name}: dateline disagrees with metadata"
        assert QUOTED.search(text), f"{name} has no direct quote"
        words = len(text.split())
        assert 150 <= words <= 350, f"{name}: {words} words"


def test_plain_text_files_start_with_dateline_and_carry_no_metadata():
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        assert text.startswith(text.lstrip()), path.name
        dateline_date(text)
        assert "<" not in text and "published:" not in text.lower()


def test_scraped_text_has_author_bio_comment_thread_and_reply_form():
    scraped = [p for p in text_files() if re.search(r"^\d+ COMMENTS$", p.read_text(), re.M)]
    assert len(scraped) == 1
    lines = scraped[0].read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if re.fullmatch(r"\d+ COMMENTS", line))
    form = next(i for i, line in enumerate(lines) if line == "LEAVE A REPLY")
    thread = [line for line in lines[header + 1 : form] if line.strip()]
    depths = [(len(line) - len(line.lstrip())) // 2 - 1 for line in thread]
    markers = [line.strip()[:2] for line in thread]
    assert depths == [0, 1, 2, 0]
    assert all(m in ("1.", "2.", "• ") for m in markers)
    assert int(lines[header].split()[0]) == len(thread)
    assert "is the diplomatic correspondent" in "\n".join(lines[:header])


def test_html_pages_carry_title_and_metadata():
    for path in html_pages() + sorted((ROOT / "scripts" / "warc_source").glob("*.html")):
        tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        assert tree.findtext(".//title").strip(), path.name
        for prop in ("author", "article:published_time", "og:site_name"):
            assert _meta(tree, prop), (path.name, prop)
        dt.datetime.fromisoformat(_meta(tree, "article:published_time"))
        assert tree.xpath("//article") and tree.xpath("//footer") and tree.xpath("//nav")


def test_wordpress_comment_thread_is_three_deep():
    pages = [p for p in html_pages() if 'class="comment-list"' in p.read_text()]
    assert len(pages) == 1
    tree = lxml.html.fromstring(pages[0].read_text(encoding="utf-8"))
    comments = tree.xpath("//li[starts-with(@id, 'comment-')]")
    depths = [len(c.xpath("ancestor::ol[contains(@class, 'children')]")) for c in comments]
    assert max(depths) >= 2 and depths.count(0) >= 2
    for comment in comments:
        body = comment.xpath("./article[contains(@class, 'comment-body')]")[0]
        assert body.xpath(".//b[@class='fn']/text()")
        assert body.xpath(".//time/@datetime")
        assert body.xpath(".//div[@class='comment-content']//p/text()")


def test_second_comment_markup_links_replies_to_parents():
    pages = [p for p in html_pages() if "data-parent" in p.read_text()]
    assert len(pages) == 1
    tree = lxml.html.fromstring(pages[0].read_text(encoding="utf-8"))
    comments = tree.xpath(
        "//div[@id='comments']//div[contains(@class, 'comment') and @data-parent]"
    )
    ids = {c.get("data-comment-id") for c in comments}
    assert len(comments) >= 4
    for comment in comments:
        parent = comment.get("data-parent")
        assert parent == "0" or parent in ids
        enclosing = comment.xpath("ancestor::div[@data-comment-id][1]/@data-comment-id")
        assert (enclosing[0] if enclosing else "0") == parent


def test_jsonl_records_are_objects_with_text_or_html():
    records = jsonl_records()
    assert len({r["id"] for r in records}) == len(records)
    assert sum("html" in r for r in records) == 1
    for record in records:
        assert isinstance(record, dict)
        assert bool(record.get("text")) != bool(record.get("html"))
        for key in ("title", "url", "published", "source", "author"):
            assert isinstance(record.get(key), str) and record[key], (record["id"], key)
        dt.datetime.fromisoformat(record["published"])


def test_feed_items_carry_full_reports_and_dates():
    entries = feed_entries()
    for entry in entries:
        assert entry.title and entry.link and entry.published_parsed
        assert len(entry.content[0].value) > 1000
        assert entry.summary and entry.author


def test_warc_holds_the_source_pages_unchanged():
    responses = warc_responses()
    sources = {p.read_bytes() for p in (ROOT / "scripts" / "warc_source").glob("*.html")}
    assert len(responses) >= 2
    for uri, ctype, payload in responses:
        assert uri.startswith("https://") and ctype.startswith("text/html")
        assert payload in sources
    assert {payload for _, _, payload in responses} == sources


def test_warc_builder_reproduces_the_committed_archive(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_warc", BUILDER)
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(builder)
    finally:
        del sys.modules[spec.name]
    rebuilt = builder.build(tmp_path / "archive.warc.gz")
    with rebuilt.open("rb") as new, (SAMPLE / "archive.warc.gz").open("rb") as old:
        fresh = [(r.rec_headers.to_str(), r.content_stream().read()) for r in ArchiveIterator(new)]
        kept = [(r.rec_headers.to_str(), r.content_stream().read()) for r in ArchiveIterator(old)]
    assert fresh == kept


def test_readme_lists_every_input_file():
    readme = (ROOT / "docs" / "sample.md").read_text(encoding="utf-8")
    inputs = text_files() + html_pages()
    inputs += [SAMPLE / n for n in ("reports.jsonl", "feed.xml", "archive.warc.gz")]
    for path in inputs:
        assert path.exists() and f"`{path.name}`" in readme, path.name
