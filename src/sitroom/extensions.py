"""User knowledge: the user's own actor, agent, place and trigger files, read by the loaders.

The one hook between the options and the knowledge layers. `Options` carries the file paths
(`actor_files`, `agent_files`, `place_files`, `trigger_files`, `event_noun_files`);
`build_pipeline(model, options)` turns them into a `UserKnowledge` and installs it with `use`
before any component is built. Each loader of shipped data asks `active()` (or `files(kind)`)
when it loads and adds the user's files, in the same formats as the shipped data, on top of
its own: `sitroom.knowledge.knowledge()` (actors, agents, places) and
`sitroom.pipeline.events.lexicon.current()` (trigger verbs and event nouns). Loaders cache what
they build per set of files, so pipelines with different user files can share a process: the
pipeline's first component installs its own files again for every document it codes.

This module is a leaf: it imports nothing from sitroom, so every layer may read it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

KINDS = ("actors", "agents", "places", "triggers", "event_nouns")


@dataclass(frozen=True)
class UserKnowledge:
    """The user's own knowledge files, by kind, in the order they are applied (later wins).

    Attributes:
        actors: named actors (persons with dated roles, organisations, groups, countries).
        agents: agent nouns ("dock workers" -> LAB) that make nominal actors.
        places: cities and regions with their country.
        triggers: verbs that report events, with their PLOVER type and mode.
        event_nouns: nouns that report events ("a blockade of", "talks").
    """

    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    places: tuple[Path, ...] = ()
    triggers: tuple[Path, ...] = ()
    event_nouns: tuple[Path, ...] = ()
    # The files' fingerprint when they were named: loaders cache per value, so an edited
    # file is read again by a process that is told about it (see `stamped`).
    stamp: str = ""

    @classmethod
    def from_options(cls, options: Any) -> UserKnowledge:
        """The files named by an `Options` object (its `*_files` settings)."""
        if options is None:
            return cls()
        return cls(
            **{
                kind: tuple(Path(p) for p in getattr(options, f"{kind[:-1]}_files", ()) or ())
                for kind in KINDS
            }
        ).stamped()

    def stamped(self) -> UserKnowledge:
        """The same files, stamped with their contents' fingerprint as they are now."""
        return replace(self, stamp=self.fingerprint())

    def files(self, kind: str) -> tuple[Path, ...]:
        """The user's files of one kind (one of `KINDS`)."""
        if kind not in KINDS:
            raise ValueError(f"no kind of user knowledge {kind!r}; choose from {', '.join(KINDS)}")
        return getattr(self, kind)

    def __bool__(self) -> bool:
        return any(getattr(self, kind) for kind in KINDS)

    def fingerprint(self) -> str:
        """A short hash of the files' kinds and contents ("" when there are none).

        Editing a file changes it, so documents coded with the old contents count as coded by
        another analysis version and are re-coded (see `analysis_version`).
        """
        if not self:
            return ""
        digest = hashlib.sha256()
        for kind in KINDS:
            for path in getattr(self, kind):
                digest.update(kind.encode() + b"\0")
                try:
                    digest.update(Path(path).read_bytes())
                except OSError:
                    digest.update(b"missing:" + str(path).encode())
                digest.update(b"\0")
        return digest.hexdigest()[:12]

    def analysis_version(self, base: str) -> str:
        """The analysis version of documents coded with these files: `base` alone without any,
        else `base+fingerprint` ("2+3f9a0c2b71de")."""
        stamp = self.fingerprint()
        return f"{base}+{stamp}" if stamp else base


NONE = UserKnowledge()
_active: UserKnowledge = NONE


def use(knowledge: UserKnowledge | None) -> None:
    """Make `knowledge` the user knowledge that loaders read from now on in this process."""
    global _active
    _active = knowledge or NONE


def active() -> UserKnowledge:
    """The user knowledge installed in this process (empty unless a pipeline was built with
    user files)."""
    return _active


def files(kind: str) -> tuple[Path, ...]:
    """The installed user files of one kind; what a loader calls at load time."""
    return _active.files(kind)
