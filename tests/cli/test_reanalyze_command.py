"""`sitroom reanalyze` through the real command: counts, and a run killed half-way."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.store import ANALYSIS_VERSION

pytestmark = pytest.mark.model

SITROOM = Path(sys.executable).with_name("sitroom")
COUNTRIES = [
    ("French", "Germany", "Berlin"), ("Turkish", "Greece", "Athens"),
    ("Indian", "Nepal", "Kathmandu"), ("Kenyan", "Uganda", "Kampala"),
    ("Chilean", "Peru", "Lima"), ("Swedish", "Norway", "Oslo"),
]  # fmt: skip


def wire(count: int) -> str:
    """JSON Lines of short reports, each with an id of its own."""
    lines = []
    for i in range(count):
        adjective, country, capital = COUNTRIES[i % len(COUNTRIES)]
        text = (
            f"{adjective} diplomats met officials from {country} in {capital} on Monday. "
            f"Report {i}: the two sides agreed to hold further talks next month, an official "
            f"said.\n"
        )
        lines.append(json.dumps({"id": f"w{i}", "text": text, "published": "2024-06-03"}))
    return "\n".join(lines) + "\n"


def per_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """For each stored document: its number of events, mentions and dates."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT d.id,"
            " (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id),"
            " (SELECT COUNT(*) FROM mentions m WHERE m.document_id = d.id),"
            " (SELECT COUNT(*) FROM dates t WHERE t.document_id = d.id)"
            " FROM documents d"
        )
        return {row[0]: row[1:] for row in rows}
    finally:
        con.close()


def set_version(db: Path, version: str) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE documents SET analysis_version = ?", (version,))
    con.close()


def current(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        query = "SELECT COUNT(*) FROM documents WHERE analysis_version = ?"
        return int(con.execute(query, (ANALYSIS_VERSION,)).fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def ingested(tmp_path: Path, monkeypatch, nlp) -> Path:
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    db = tmp_path / "wire.db"
    source = tmp_path / "wire.jsonl"
    source.write_text(wire(6), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_reanalyze_reports_what_it_recoded(ingested: Path):
    before = per_document(ingested)
    set_version(ingested, "1")
    runner = CliRunner()
    first = runner.invoke(main, ["reanalyze", "--db", str(ingested)])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("6 re-coded, 0 failed — 6 documents in")
    assert f"(analysis version {ANALYSIS_VERSION})" in first.stdout
    again = runner.invoke(main, ["reanalyze", "--db", str(ingested)])
    assert again.stdout.startswith("0 re-coded")
    everything = runner.invoke(main, ["reanalyze", "--db", str(ingested), "--all"])
    assert everything.stdout.startswith("6 re-coded")
    assert per_document(ingested) == before


def test_reanalyze_without_a_database_is_one_line(tmp_path: Path):
    result = CliRunner().invoke(main, ["reanalyze", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert result.stderr.startswith("sitroom: no database at")
    assert not (tmp_path / "none.db").exists()


def test_a_killed_reanalyze_leaves_a_consistent_database_and_a_rerun_finishes(tmp_path: Path):
    db = tmp_path / "many.db"
    source = tmp_path / "many.jsonl"
    total = 80
    source.write_text(wire(total), encoding="utf-8")
    command = [str(SITROOM), "--config", str(tmp_path / "none.toml")]
    (tmp_path / "none.toml").write_text("[sitroom]\nworkers = 1\nbatch_size = 1\n", "utf-8")
    done = subprocess.run([*command, "ingest", str(source), "--db", str(db)], capture_output=True)
    assert done.returncode == 0, done.stderr
    before = per_document(db)
    assert len(before) == total
    set_version(db, "1")

    running = subprocess.Popen(
        [*command, "reanalyze", "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Wait for the first re-coded documents, then kill without warning.
        while current(db) < 3 and running.poll() is None:
            time.sleep(0.02)
        running.send_signal(signal.SIGKILL)
    finally:
        running.wait()
    recoded = current(db)
    assert 0 < recoded < total, "the run ended before it could be killed half-way"

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert per_document(db) == before  # every document whole: old or re-coded, none doubled

    rerun = subprocess.run([*command, "reanalyze", "--db", str(db)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{total - recoded} re-coded, 0 failed")
    assert current(db) == total
    assert per_document(db) == before
