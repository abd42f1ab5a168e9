"""The `sitroom` command end to end: ingest, re-ingest, bad input, queries, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT

from sitroom.cli import main

pytestmark = pytest.mark.model

STORY = (
    "Prime Minister Sir Keir Starmer held talks with French President Emmanuel Macron in "
    "London on Tuesday. “We stand together,” Starmer said.\n"
    "The two leaders agreed to expand defence cooperation, officials said.\n"
)
SECOND = (
    "Russian forces shelled the Ukrainian city of Kharkiv on Monday, regional officials said. "
    "The European Union imposed new sanctions on Russia last week.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(STORY, encoding="utf-8")
    record = {
        "id": "wire-1",
        "text": SECOND,
        "published": "2024-05-13",
        "title": "Kharkiv",
        "source": "Wire",
    }
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n[1, 2]\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def run(tmp_path: Path, monkeypatch, nlp):
    """Invoke the CLI in-process (one worker, so the loaded pipeline is reused)."""
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_ingest_reports_bad_input_stores_the_rest_and_reruns_add_nothing(run, corpus):
    first = run("ingest", str(corpus), "--published", "2024-05-14")
    assert first.exit_code == 1
    assert "2 new, 0 updated, 0 unchanged, 2 failed" in first.stdout
    skipped = [line for line in first.stderr.splitlines() if line.startswith("sitroom: skipped")]
    assert len(skipped) == 2
    assert any("empty.txt" in line for line in skipped)
    assert any("wire.jsonl" in line for line in skipped)
    assert "Traceback" not in first.output

    again = run("ingest", str(corpus), "--published", "2024-05-14")
    assert "0 new, 0 updated, 2 unchanged" in again.stdout

    listed = run("documents", "--format", "jsonl")
    assert len(listed.stdout.splitlines()) == 2


def test_queries_in_every_format(run, corpus):
    run("ingest", str(corpus), "--published", "2024-05-14")
    events = [json.loads(line) for line in run("events", "--format", "jsonl").stdout.splitlines()]
    assert events, "the stories report events"
    assert all(e["document_id"] and e["text"] for e in events)

    table = run("events").stdout
    assert table.splitlines()[0].split()[:3] == ["date", "event", "mode"]

    rows = list(csv.DictReader(io.StringIO(run("actors", "--format", "csv").stdout)))
    assert {"name", "code", "mentions"} <= set(rows[0])

    found = run("search", "Kharkiv", "--format", "jsonl").stdout
    assert json.loads(found.splitlines()[0])["id"] == "wire-1"

    shown = json.loads(run("show", "wire-1").stdout)
    assert shown["document"]["title"] == "Kharkiv"
    assert run("show", "nope").exit_code == 2


def test_extract_prints_one_contract_record_per_document(run, corpus):
    result = run("extract", str(corpus / "talks.txt"), "--published", "2024-05-14")
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(record) >= {"document", "comments", "actors", "events", "quotes", "dates"}
    assert record["document"]["text"] == STORY
    assert record["document"]["published"].startswith("2024-05-14")


def test_a_broken_database_file_gives_exit_code_3(run, tmp_path):
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"\x00garbage" * 512)
    result = run("documents", "--db", str(bad))
    assert result.exit_code == 3
    assert "cannot use this file" in result.stderr


def test_the_installed_command_runs_with_two_workers(tmp_path, corpus):
    """The real entry point, as a user starts it, with the process pool."""
    sitroom = Path(sys.executable).with_name("sitroom")
    result = subprocess.run(
        [
            str(sitroom),
            "ingest",
            str(corpus / "talks.txt"),
            "--db",
            str(tmp_path / "x.db"),
            "--workers",
            "2",
            "--published",
            "2024-05-14",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout
    assert "Traceback" not in result.stderr


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`sitroom {name}" in readme, f"README does not document `sitroom {name}`"


def test_plover_format_gives_the_codebook_fields(run, corpus):
    run("ingest", str(corpus), "--published", "2024-05-14")
    result = run("events", "--format", "plover")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(isinstance(r["event"], list) and r["text"] for r in records)
    assert {"actor", "recipient", "mode", "context", "cite_info"} <= set(records[0])


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--since", "2025-13-45"),
        ("quotes", "--until", "notadate"),
        ("events", "--type", "FOO"),
        ("documents", "--limit", "0"),
        ("extract", "x.txt", "--published", "yesterday"),
        ("extract", "a.txt", "b.txt", "--url", "https://example.org/a"),
        ("comments", "no-such-document"),
    ],
)
def test_bad_arguments_are_usage_errors(run, corpus, args):
    run("ingest", str(corpus / "talks.txt"))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_queries_do_not_create_a_database(run, tmp_path):
    missing = tmp_path / "typo.db"
    result = run("events", "--db", str(missing))
    assert result.exit_code == 3
    assert "no database" in result.stderr
    assert not missing.exists()


def test_search_stems_words_and_reads_punctuation_literally(run, corpus):
    run("ingest", str(corpus), "--published", "2024-05-14")
    found = run("search", "sanction", "--format", "jsonl").stdout
    assert [json.loads(line)["id"] for line in found.splitlines()] == ["wire-1"]
    odd = run("search", 'Kharkiv"s NEAR(')
    assert odd.exit_code == 0


def test_dateline_dates_stand_in_for_a_missing_publication_date(run, tmp_path):
    story = tmp_path / "wire.txt"
    story.write_text(
        "OSLO, 3 June 2024 — Norway's foreign minister said on Monday that talks would go on.\n",
        encoding="utf-8",
    )
    run("ingest", str(story))
    listed = json.loads(run("documents", "--format", "jsonl").stdout.splitlines()[0])
    assert listed["published"] is None and listed["date"] == "2024-06-03"
    assert run("quotes", "--since", "2024-06-01", "--format", "jsonl").stdout.strip()
    assert not run("quotes", "--until", "2024-05-31", "--format", "jsonl").stdout.strip()


def test_language_kind_and_document_filters(run, tmp_path):
    pages = ROOT / "tests" / "data" / "pages"
    assert run("ingest", str(pages)).exit_code == 0
    listed = json_lines(run("documents", "--format", "jsonl").output)
    assert {d["language"] for d in listed} == {"en", "de", "fr"}
    german = json_lines(run("documents", "--language", "de", "--format", "jsonl").output)
    assert len(german) == 1 and german[0]["events"] == 0
    recipes = json_lines(run("documents", "--kind", "recipe", "--format", "jsonl").output)
    assert len(recipes) == 1 and recipes[0]["events"] == 0
    shown = json.loads(run("show", german[0]["id"]).output)
    assert shown["notes"] == ["not analysed: language de"]
    assert shown["document"]["language"] == "de"
    news = json_lines(
        run("documents", "--kind", "news", "--language", "en", "--format", "jsonl").output
    )
    assert len(news) == 1 and news[0]["events"] > 0
    in_window = run(
        "documents", "--since", "2025-03-01", "--until", "2025-03-31", "--format", "jsonl"
    )
    assert {d["id"] for d in json_lines(in_window.output)} >= {news[0]["id"]}
    events = json_lines(run("events", "--document", news[0]["id"], "--format", "jsonl").output)
    assert events and {e["document_id"] for e in events} == {news[0]["id"]}
    assert json_lines(run("events", "--language", "de", "--format", "jsonl").output) == []


def test_one_side_codes_and_country(run, corpus):
    assert run("ingest", str(corpus)).exit_code == 1  # the empty file and the bad record
    either = json_lines(run("events", "--code", "RUS", "--format", "jsonl").output)
    acting = json_lines(run("events", "--actor-code", "RUS", "--format", "jsonl").output)
    targeted = json_lines(run("events", "--recipient-code", "RUS", "--format", "jsonl").output)
    assert acting and targeted
    assert all(e["actor"]["code"] == "RUS" for e in acting)
    assert all(e["recipient"]["code"] == "RUS" for e in targeted)
    assert {e["id"] for e in acting} | {e["id"] for e in targeted} <= {e["id"] for e in either}
    country = json_lines(run("events", "--country", "RUS", "--format", "jsonl").output)
    assert {e["id"] for e in either} <= {e["id"] for e in country}
    by_source = json_lines(run("events", "--source", "Wir", "--format", "jsonl").output)
    assert by_source and {e["source"] for e in by_source} == {"Wire"}


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_csv_has_one_column_per_field_and_direct_is_true_or_false(run, corpus):
    run("ingest", str(corpus))
    events = list(csv.DictReader(io.StringIO(run("events", "--format", "csv").output)))
    assert events
    row = events[0]
    for column in ("id", "document_id", "actor_name", "actor_code", "actor_sector",
                   "recipient_name", "recipient_code", "sentence", "start", "end",
                   "confidence", "date_source", "url"):  # fmt: skip
        assert column in row, column
    assert {r["negated"] for r in events} <= {"true", "false"}
    stored = {e["id"]: e for e in json_lines(run("events", "--format", "jsonl").output)}
    for r in events:
        assert r["actor_code"] == ((stored[r["id"]].get("actor") or {}).get("code") or "")
        assert int(r["start"]) == stored[r["id"]]["start"]
    quotes = list(csv.DictReader(io.StringIO(run("quotes", "--format", "csv").output)))
    assert quotes and {q["direct"] for q in quotes} <= {"true", "false"}
    assert "speaker_name" in quotes[0] and "speaker_code" in quotes[0]


def test_compound_members_get_columns_of_their_own(run, tmp_path):
    story = tmp_path / "talks.txt"
    story.write_text(
        "Prime Minister Keir Starmer and President Emmanuel Macron met NATO Secretary "
        "General Mark Rutte in London on Friday, officials said.\n",
        encoding="utf-8",
    )
    run("ingest", str(story), "--published", "2025-10-24")
    rows = list(csv.DictReader(io.StringIO(run("events", "--format", "csv").output)))
    compound = [r for r in rows if r.get("co_actor_1_name")]
    assert compound, rows
    assert compound[0]["co_actor_1_code"] in {"FRA", "GBR"}


def test_tables_are_clipped_only_on_a_terminal(run, corpus):
    run("ingest", str(corpus))
    # CliRunner's output is not a terminal: every sentence is printed whole.
    table = run("events").output
    for event in json_lines(run("events", "--format", "jsonl").output):
        assert event["event_text"] in table
    assert "…" not in table


def test_json_lines_escape_unicode_line_separators(run, tmp_path):
    record = {
        "id": "sep-1",
        "text": "Officials said the talks\u2028would resume\u2029on Monday "
        "after the ministers met in Geneva.\u0085Both sides agreed.",
        "published": "2025-01-06",
    }
    source = tmp_path / "sep.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    extracted = run("extract", str(source)).output
    assert len(extracted.splitlines()) == 1  # str.splitlines breaks on all three
    assert json.loads(extracted)["document"]["text"] == record["text"]
    run("ingest", str(source))
    listed = run("documents", "--format", "jsonl").output
    assert len(listed.splitlines()) == 1


def test_timeline_of_an_organisation_and_of_a_country(run, tmp_path):
    story = tmp_path / "visit.txt"
    story.write_text(
        "NATO Secretary General Mark Rutte met US President Donald Trump in Washington on "
        "Tuesday. Rutte said the alliance would stand with Ukraine.\n",
        encoding="utf-8",
    )
    run("ingest", str(story), "--published", "2025-10-22")
    nato = json_lines(run("timeline", "NATO", "--format", "jsonl").output)
    assert any(item["kind"] == "event" for item in nato), nato
    assert any(item["kind"] == "quote" for item in nato), nato
    usa = json_lines(run("timeline", "United States", "--format", "jsonl").output)
    assert any("Trump" in item["what"] for item in usa), usa
    listed = json_lines(run("actors", "--name", "Rutte", "--documents", "--format", "jsonl").output)
    assert len(listed) == 1 and listed[0]["mentions"] >= 2
