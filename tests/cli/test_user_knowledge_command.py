"""User knowledge end to end: a config file names the user's files, ingest codes with them,
editing them makes `reanalyze` re-code, leaving them out makes `ingest` re-code."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.options import SETTINGS
from sitroom.store import ANALYSIS_VERSION

pytestmark = pytest.mark.model

STORY = (
    "Angry farmers heckled the agriculture minister in Lyon on Tuesday. Later that day, "
    "fishermen booed the regional governor outside the port authority.\n"
)
TRIGGERS = "# triggers of our desk\nlemma\tevent\toptions\nheckle\tPROTEST:demo\n"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch, nlp) -> Path:
    """A working directory with a config file naming a trigger file of its own."""
    monkeypatch.chdir(tmp_path)
    for setting in SETTINGS:
        if setting.env:
            monkeypatch.delenv(setting.env, raising=False)
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "verbs.tsv").write_text(TRIGGERS, encoding="utf-8")
    (tmp_path / "sitroom.toml").write_text(
        '[sitroom]\ndb = "desk.db"\nworkers = 1\ntrigger_files = ["knowledge/verbs.tsv"]\n',
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def protests() -> list[str]:
    rows = run("events", "--all", "--type", "PROTEST", "--format", "jsonl").splitlines()
    return sorted(json.loads(row)["event_text"] for row in rows)


def stored_version(db: Path) -> str:
    record = json.loads(run("documents", "--format", "jsonl", "--db", str(db)).splitlines()[0])
    shown = json.loads(run("show", record["id"], "--db", str(db)))
    assert shown["document"]["text"] == STORY
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT analysis_version FROM documents").fetchone()[0]
    finally:
        con.close()


def test_a_users_trigger_file_codes_ingested_news(desk: Path):
    listed = run("config", "--format", "jsonl").splitlines()
    settings = {row["setting"]: row for row in map(json.loads, listed)}
    assert settings["trigger_files"]["from"] == "sitroom.toml"

    assert run("ingest", "story.txt", "--published", "2024-02-06").startswith("1 new")
    assert protests() == ["heckled"]
    version = stored_version(desk / "desk.db")
    assert version.startswith(f"{ANALYSIS_VERSION}+")

    # The desk adds a verb: the stored document was coded by another version of the files.
    with (desk / "knowledge" / "verbs.tsv").open("a", encoding="utf-8") as file:
        file.write("boo\tPROTEST:demo\n")
    assert run("reanalyze").startswith("1 re-coded, 0 failed")
    assert protests() == ["booed", "heckled"]
    assert stored_version(desk / "desk.db") not in (version, ANALYSIS_VERSION)
    assert run("reanalyze").startswith("0 re-coded")

    # Without the files (another config), a re-ingest of the same input re-codes it.
    (desk / "plain.toml").write_text('[sitroom]\ndb = "desk.db"\nworkers = 1\n', "utf-8")
    again = run("--config", "plain.toml", "ingest", "story.txt", "--published", "2024-02-06")
    assert again.startswith("0 new, 1 updated, 0 unchanged")
    assert protests() == []
    assert stored_version(desk / "desk.db") == ANALYSIS_VERSION


def test_a_bad_trigger_file_stops_ingest_before_it_reads_anything(desk: Path):
    (desk / "knowledge" / "verbs.tsv").write_text(TRIGGERS + "boo\tPROTST\n", "utf-8")
    result = CliRunner().invoke(main, ["ingest", "story.txt"])
    assert result.exit_code == 2
    where = Path("knowledge") / "verbs.tsv"
    assert result.stderr == f"sitroom: {where}:4: unknown event type 'PROTST'\n"
    assert not (desk / "desk.db").exists()


ACTORS = (
    "kind\tname\taliases\troles\tsource\n"
    "person\tMarisol Quenby-Arce\tQuenby-Arce\tCHLGOV:2022-03-11:\tour desk\n"
    "organization\tHarbour Watch Collective\tHarbour Watch\tNGOCHLHRI\tour desk\n"
)
AGENTS = "form\tlemma\tcode\tsource\nharbour pilots\tharbour pilot\t~LAB\tour desk\n"
PORT = (
    "Marisol Quenby-Arce accused Harbour Watch of spreading false reports about the port of "
    "Valparaiso on Monday. Chilean harbour pilots blocked the port on Tuesday.\n"
)


@pytest.mark.skipif(
    importlib.util.find_spec("sitroom.pipeline.actors.knowledge") is None,
    reason="the actor layer does not read the knowledge base (sitroom.knowledge) yet",
)
def test_a_users_actor_and_agent_files_code_who_did_what(desk: Path):
    (desk / "knowledge" / "actors.tsv").write_text(ACTORS, encoding="utf-8")
    (desk / "knowledge" / "agents.tsv").write_text(AGENTS, encoding="utf-8")
    (desk / "port.txt").write_text(PORT, encoding="utf-8")
    # First the article without the files (the shipped knowledge is loaded and used first):
    # the desk's actors are not known.
    (desk / "plain.toml").write_text('[sitroom]\ndb = "plain.db"\nworkers = 1\n', "utf-8")
    run("--config", "plain.toml", "ingest", "port.txt", "--published", "2024-04-01")
    plain = run("--config", "plain.toml", "events", "--all", "--format", "jsonl").splitlines()
    assert plain
    assert not any(
        (json.loads(row)["actor"] or {}).get("sector") in ("GOV", "LAB") for row in plain
    )

    (desk / "sitroom.toml").write_text(
        '[sitroom]\ndb = "desk.db"\nworkers = 1\nactor_files = ["knowledge/actors.tsv"]\n'
        'agent_files = ["knowledge/agents.tsv"]\n',
        encoding="utf-8",
    )
    assert run("ingest", "port.txt", "--published", "2024-04-01").startswith("1 new")
    events = [json.loads(row) for row in run("events", "--all", "--format", "jsonl").splitlines()]
    coded = {
        (e["event"], (e["actor"] or {}).get("code"), (e["actor"] or {}).get("sector"),
         (e["recipient"] or {}).get("code"))
        for e in events
    }  # fmt: skip
    assert ("ACCUSE", "CHL", "GOV", "NGO") in coded  # the minister and the group of the desk
    assert ("PROTEST", "CHL", "LAB", None) in coded  # Chilean harbour pilots blocking: labour
    listed = run("actors", "--format", "jsonl").splitlines()
    actors = {row["name"]: row for row in map(json.loads, listed)}
    assert actors["Marisol Quenby-Arce"]["code"] == "CHL"
