"""Re-ingest identity through the CLI: nothing replaced by less, the richer body wins, unrelated
pages sharing one canonical URL stay apart, and re-runs settle at nothing updated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main

pytestmark = pytest.mark.model

HOME = "https://news.example.org/"
ARTICLE = "https://news.example.org/world/harbour-talks"

LEAD = (
    "The mayors of Rotterdam and Antwerp met in Brussels on Tuesday to settle a long dispute "
    "over dredging rights in the Scheldt estuary."
)
REST = (
    "Officials from both port authorities said the agreement would let larger container ships "
    "reach Antwerp without waiting for the tide.",
    "Environmental groups criticised the deal, saying the dredging would damage salt marshes "
    "along the Dutch bank of the river.",
    "The Belgian transport minister welcomed the accord and promised to present it to "
    "parliament before the summer recess.",
)
OTHER = (
    "Farmers in the north of the province harvested a record crop of winter wheat this year, "
    "the regional agriculture office reported on Friday.",
    "Prices at the grain exchange fell slightly as the first lorries reached the silos, "
    "traders said, while storage space grew scarce.",
)


def page(title: str, paragraphs: tuple[str, ...], canonical: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def feed(title: str, link: str, summary: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Harbour News</title><link>https://news.example.org/</link>"
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>{summary}</description>"
        "<pubDate>Tue, 14 May 2024 09:00:00 GMT</pubDate></item></channel></rss>"
    )


@pytest.fixture
def run(tmp_path: Path, monkeypatch, nlp):
    """Invoke the CLI in-process on a database of the test's own."""
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "identity.db"))
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert "Traceback" not in result.output
        return result

    return invoke


def documents(run) -> list[dict]:
    listed = run("documents", "--format", "jsonl")
    return [json.loads(line) for line in listed.stdout.splitlines()]


def stored_texts(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "identity.db") as db:
        return [row[0] for row in db.execute("SELECT text FROM documents ORDER BY id")]


def changes(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "identity.db") as db:
        return [row[0] for row in db.execute("SELECT change FROM document_changes")]


def test_unrelated_pages_pointing_at_one_canonical_url_stay_two_documents(run, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "harbour.html").write_text(page("Harbour talks", (LEAD, *REST), HOME))
    (folder / "wheat.html").write_text(page("Record wheat harvest", OTHER, HOME))

    first = run("ingest", str(folder))
    assert "2 new, 0 updated, 0 unchanged, 0 failed" in first.stdout
    again = run("ingest", str(folder))
    assert "0 new, 0 updated, 2 unchanged, 0 failed" in again.stdout

    texts = stored_texts(tmp_path)
    assert len(texts) == 2
    assert any("Scheldt" in t for t in texts) and any("wheat" in t for t in texts)


def test_a_feed_summary_never_replaces_the_page_and_the_page_replaces_the_summary(run, tmp_path):
    (tmp_path / "feed.xml").write_text(feed("Harbour talks", ARTICLE, LEAD))
    (tmp_path / "page.html").write_text(page("Harbour talks", (LEAD, *REST), ARTICLE))

    assert "1 new" in run("ingest", str(tmp_path / "feed.xml")).stdout
    assert "Scheldt" in stored_texts(tmp_path)[0] and "parliament" not in stored_texts(tmp_path)[0]
    assert "0 new, 1 updated" in run("ingest", str(tmp_path / "page.html")).stdout
    (text,) = stored_texts(tmp_path)
    assert "parliament" in text
    assert any(change.startswith("body: richer capture") for change in changes(tmp_path))
    # The page kept the feed's publication date, which the page itself does not give.
    (record,) = documents(run)
    assert record["published"].startswith("2024-05-14")

    again = run("ingest", str(tmp_path / "feed.xml"))
    assert "0 new, 0 updated, 1 unchanged" in again.stdout
    assert "parliament" in stored_texts(tmp_path)[0]


def test_the_page_first_then_its_feed_leaves_the_page(run, tmp_path):
    (tmp_path / "page.html").write_text(page("Harbour talks", (LEAD, *REST), ARTICLE))
    (tmp_path / "feed.xml").write_text(feed("Harbour talks", ARTICLE, LEAD))

    assert "1 new" in run("ingest", str(tmp_path / "page.html")).stdout
    later = run("ingest", str(tmp_path / "feed.xml"))
    # The feed adds the date the page lacked, and nothing else.
    assert "0 new, 1 updated, 0 unchanged" in later.stdout
    (text,) = stored_texts(tmp_path)
    assert "parliament" in text
    assert any(change.startswith("published:") for change in changes(tmp_path))
    assert not any(change.startswith("body: richer") for change in changes(tmp_path))
    assert "0 new, 0 updated, 1 unchanged" in run("ingest", str(tmp_path / "feed.xml")).stdout


def test_an_edited_capture_of_the_same_url_updates_the_record(run, tmp_path):
    (tmp_path / "page.html").write_text(page("Harbour talks", (LEAD, *REST[:2]), ARTICLE))
    run("ingest", str(tmp_path / "page.html"))
    (tmp_path / "page.html").write_text(page("Harbour talks", (LEAD, *REST), ARTICLE))
    assert "0 new, 1 updated" in run("ingest", str(tmp_path / "page.html")).stdout
    assert len(stored_texts(tmp_path)) == 1


def test_re_ingest_without_metadata_keeps_what_was_stored(run, tmp_path):
    story = tmp_path / "talks.txt"
    story.write_text(f"{LEAD}\n{REST[0]}\n", encoding="utf-8")
    run("ingest", str(story), "--published", "2024-05-14", "--source", "Harbour News")
    again = run("ingest", str(story))
    assert "0 new, 0 updated, 1 unchanged" in again.stdout
    (record,) = documents(run)
    assert record["published"] == "2024-05-14"
    assert record["source"] == "Harbour News"

    full = {
        "id": "wire-7",
        "text": LEAD,
        "title": "Harbour talks",
        "author": "A. Reporter",
        "url": ARTICLE,
        "published": "2024-05-14",
    }
    bare = {"id": "wire-7", "text": LEAD}
    (tmp_path / "full.jsonl").write_text(json.dumps(full) + "\n", encoding="utf-8")
    (tmp_path / "bare.jsonl").write_text(json.dumps(bare) + "\n", encoding="utf-8")
    run("ingest", str(tmp_path / "full.jsonl"))
    assert "0 new, 0 updated, 1 unchanged" in run("ingest", str(tmp_path / "bare.jsonl")).stdout
    wire = next(r for r in documents(run) if r["id"] == "wire-7")
    assert (wire["title"], wire["author"], wire["url"]) == ("Harbour talks", "A. Reporter", ARTICLE)
    assert wire["published"] == "2024-05-14"


def test_a_watched_page_merged_into_a_stored_capture_counts_as_stored(tmp_path):
    import subprocess
    import sys

    from feedserver import ARTICLES, running_site

    sitroom = str(Path(sys.executable).with_name("sitroom"))
    db = str(tmp_path / "watch.db")
    with running_site() as site:
        site.add(0)
        url = f"{site.base}/news/0"
        # The article is stored already, with an author its page does not give.
        record = {"url": url, "text": ARTICLES[0][1], "author": "K. Reporter"}
        (tmp_path / "earlier.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
        env = {"SITROOM_WORKERS": "1", "PATH": str(Path(sitroom).parent)}
        subprocess.run([sitroom, "ingest", str(tmp_path / "earlier.jsonl"), "--db", db], env=env,
                       check=True, capture_output=True)  # fmt: skip
        command = [sitroom, "watch", f"{site.base}/feed.xml", "--once", "--db", db,
                   "--allow-private-urls"]  # fmt: skip
        first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert first.returncode == 0, first.stderr
        assert "1 stored, 0 failed" in first.stderr
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert site.served("/news/0") == 1  # stored: never fetched again
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT author FROM documents").fetchall() == [("K. Reporter",)]
