"""Checking the user's knowledge files before any document is coded.

The loaders read user files lazily, inside the pipeline; a malformed file found there would
fail every document of a run. `check` reads each file once, up front, with the loaders' own
readers, and raises `UserFileError` naming the file and line of the first problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sitroom.extensions import UserKnowledge


class UserFileError(ValueError):
    """A user's knowledge file sitroom cannot read; the message is one line."""


# Columns a user's table must have (the rest of the shipped format may be left out).
REQUIRED = {
    "actors": ("kind", "name"),
    "agents": ("form", "code"),
    "places": ("name", "country"),
}


def check(knowledge: UserKnowledge) -> None:
    """Read every user file of `knowledge` once.

    Raises:
        UserFileError: a file cannot be read or holds a row the loaders would misread.
    """
    from sitroom.knowledge.actors import KINDS, parse_roles
    from sitroom.knowledge.agents import make_agent
    from sitroom.pipeline.events import lexicon

    words = lexicon.load().words
    for path in (*knowledge.triggers, *knowledge.event_nouns):
        try:
            lexicon.read_user_triggers([path], words)
        except lexicon.LexiconError as err:
            raise UserFileError(str(err)) from None

    def actor(row: dict[str, str]) -> object:
        if row["kind"] not in KINDS:
            raise ValueError(f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        return parse_roles(row.get("roles") or "")

    def agent(row: dict[str, str]) -> object:
        if make_agent(row["form"], row.get("lemma") or row["form"], row["code"]) is None:
            raise ValueError(f"code {row['code']!r} names no agent sector or kind")
        return None

    def place(row: dict[str, str]) -> object:
        return int(row.get("population") or 0), int(row.get("geonameid") or 0)

    for kind, read in (("actors", actor), ("agents", agent), ("places", place)):
        for path in knowledge.files(kind):
            _check_table(Path(path), kind, read)


def _check_table(path: Path, kind: str, read: Callable[[dict[str, str]], Any]) -> None:
    from sitroom.knowledge.tables import open_table

    rows: Iterator[dict[str, str]] = open_table("", path)
    try:
        for number, row in enumerate(rows, start=2):
            missing = [c for c in REQUIRED[kind] if c not in row]
            if missing:
                raise UserFileError(
                    f"{path}: not a file of {kind}: the header has no column "
                    f"{', '.join(missing)} (columns are separated by tabs)"
                )
            if not row.get(REQUIRED[kind][0]) and not row.get(REQUIRED[kind][1]):
                continue
            try:
                read(row)
            except (ValueError, KeyError, TypeError) as err:
                raise UserFileError(f"{path}:{number}: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserFileError(f"{path}: cannot read the {kind} file ({err})") from None
