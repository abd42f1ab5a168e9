"""Terminal escape sequences in stored text never reach the terminal raw.

Hostile text comes in the ways it would in use: a JSON Lines record's title, source and body
(a recipient's name, a quote), a page's reader comments, and an export folder from someone
else whose actor names carry escape sequences, loaded with `sitroom load`. Every table command
prints them escaped (`\\x1b]0;…`); `show` and `--format jsonl` print JSON escapes that read
back to the stored text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import INPUTS

from sitroom.cli import main

pytestmark = pytest.mark.model

OSC = "\x1b]0;pwned\x07"  # retitles the terminal
CLEAR = "\x1b[2J"  # clears the screen (CSI)
C1_CSI = "\x9b31m"  # sequences opened by one C1 character
C1_OSC = "\x9d0;pwned\x9c"
# What must never be printed raw: C0 controls but the newline, DEL, C1 controls.
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")

STORY = (
    f"Foreign minister Marta Lindqvist criticised Iceland{CLEAR} on Tuesday over quotas.\n\n"
    f'"We will not accept these quotas{C1_OSC}," Marta Lindqvist said{OSC} in Oslo.\n\n'
    "Police in Oslo arrested two protesters outside the ministry on Wednesday, officials said."
)


def hostile_page() -> str:
    """A page with reader comments, a commenter's name carrying a C1 sequence (a page's C0
    controls are cleaned before parsing; C1 ones are ordinary characters to the parser)."""
    page = (INPUTS / "wordpress_thread.html").read_text(encoding="utf-8")
    return page.replace("Harbourwatcher", f"Harbour{C1_CSI}watcher")


def sitroom(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env={"SITROOM_WORKERS": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def dbs(tmp_path_factory, nlp) -> dict[str, Path]:
    """An ingested database, and one loaded from its export with hostile actor names."""
    folder = tmp_path_factory.mktemp("escapes")
    records = [
        {"id": "hostile", "title": f"Quotas{OSC} rejected{CLEAR}", "source": f"Courier{C1_CSI}",
         "text": STORY, "published": "2025-10-24"},
        {"url": "https://review.example.org/patrols", "html": hostile_page(),
         "published": "2025-10-24"},
    ]  # fmt: skip
    inputs = folder / "hostile.jsonl"
    inputs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingested, loaded = folder / "ingested.db", folder / "loaded.db"
    sitroom("ingest", str(inputs), "--db", str(ingested))
    sitroom("export", str(folder / "export"), "--format", "jsonl", "--db", str(ingested))
    for part in (folder / "export" / "actors").rglob("*.jsonl"):
        rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
        lines = [json.dumps({**row, "name": row["name"] + OSC + C1_CSI}) for row in rows]
        part.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    sitroom("load", str(folder / "export"), "--db", str(loaded))
    return {"ingested": ingested, "loaded": loaded}


@pytest.mark.parametrize(
    "command, db, shown",
    [
        (["documents"], "ingested", ["\\x1b]0;pwned\\x07", "\\x1b[2J", "\\x9b31m"]),
        (["events", "--all"], "ingested", ["\\x1b[2J"]),  # the recipient's name
        (["quotes"], "ingested", ["\\x9d0;pwned\\x9c"]),
        (["actors"], "loaded", ["\\x1b]0;pwned\\x07\\x9b31m"]),
        (["comments"], "ingested", ["\\x9b31m"]),  # the commenter's name
        (["stories"], "ingested", ["\\x1b]0;pwned\\x07"]),  # the title of its document
    ],
    ids=["documents", "events", "quotes", "actors", "comments", "stories"],
)
def test_table_output_shows_escape_sequences_escaped(dbs, command, db, shown):
    for name, path in dbs.items():  # nothing raw in either database's table
        out = sitroom(*command, "--db", str(path))
        assert not RAW.findall(out), name
        if name == db:
            for expected in shown:
                assert expected in out, out


def test_json_output_escapes_them_and_reads_back_to_the_stored_text(dbs):
    db = str(dbs["ingested"])
    shown = sitroom("show", "hostile", "--db", db)
    lines = sitroom("documents", "--db", db, "--format", "jsonl")
    assert not RAW.findall(shown) and not RAW.findall(lines.replace("\n", ""))
    record = json.loads(shown)["document"]
    assert record["title"] == f"Quotas{OSC} rejected{CLEAR}"
    assert record["source"] == f"Courier{C1_CSI}"
    assert {json.loads(line)["title"] for line in lines.splitlines()} >= {record["title"]}
