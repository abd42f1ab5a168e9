"""The README's terminal session is what a fresh clone prints.

The ```console block of "In a terminal" is run command by command in an empty folder, on a
terminal 160 columns wide: `make run` as the Makefile's recipe, `sitroom` as the installed
command, `export` lines as environment, ../shared as the shared folder beside the project.
The first line each command prints (the counts of an ingest, a table's header) must be the
README's. Without the shared examples the session stops before the first command that
reads them.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shlex
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT, SHARED

pytestmark = pytest.mark.model

COLUMNS = 160
SITROOM = str(Path(sys.executable).with_name("sitroom"))


def session() -> list[tuple[str, list[str]]]:
    """(command, printed lines) of the README's terminal session, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a terminal", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, re.S).group(1)
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return [(command, _trimmed(lines)) for command, lines in steps]


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def make_recipe(target: str) -> list[list[str]]:
    """The Makefile's commands for `target`, with its variables filled in (echoes left out)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    values = {"BIN": str(Path(SITROOM).parent), "SAMPLE": str(ROOT / "src/sitroom/sample")}
    values["DB"] = re.search(r"^DB \?= (\S+)", makefile, re.M).group(1)
    commands = []
    for line in recipe.splitlines():
        line = line.strip()
        if line.startswith("@"):
            continue
        commands.append(shlex.split(re.sub(r"\$\((\w+)\)", lambda m: values[m.group(1)], line)))
    return commands


def on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> list[str]:
    """Run a command with its output on a terminal of `COLUMNS` columns; its printed lines."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, COLUMNS, 0, 0))
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors.decode()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()


def run_session(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """(command, README lines, printed lines) for each step that can run here."""
    env = {**os.environ, "COLUMNS": str(COLUMNS)}
    env.pop("SITROOM_DB", None)
    ran = []
    for command, expected in session():
        if "../shared" in command and not EXAMPLES.is_dir():
            break
        words = shlex.split(command.replace("../shared", str(SHARED)))
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            env[name] = value
            continue
        if words[:2] == ["make", "run"]:
            recipe = make_recipe("run")
            printed = [line for args in recipe for line in on_terminal(args, folder, env)]
        else:
            assert words[0] == "sitroom", command
            printed = on_terminal([SITROOM, *words[1:]], folder, env)
        ran.append((command, expected, printed))
    return ran


def _first(lines: list[str]) -> str:
    return " ".join(lines[0].split()) if lines else ""


def test_the_readme_session_prints_what_the_readme_shows(tmp_path):
    ran = run_session(tmp_path)
    assert ran and ran[0][0] == "make run"
    for command, expected, printed in ran:
        assert _first(printed) == _first(expected), command
