"""The shipped tables pre-built: read in a fraction of a second instead of built in seconds.

Reading the knowledge files into indexed tables takes a few seconds (every name and alternate
is `key`ed) and tokenising every name for the actor layer's trie as many again: seconds each
process would spend before its first document. `scripts/build_knowledge.py` therefore also
writes the built tables (actors, agents, places and the name trie) as one pickle beside the
files they are built from, `prebuilt.pickle.gz`.

The pickle is only used when it was built from exactly the shipped files, by the same code and
with the same tokenizer: its first line holds a fingerprint of the files' bytes, of the source
of the modules whose objects it holds and of the spaCy version. Anything else, and the tables
are built from the files as before, only slower. It is written and read by sitroom only, from
its own package folder.
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import hashlib
import io
import pickle
import pickletools
import zlib
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from sitroom.knowledge import actors, agents, codes, names, places, tables

FILE = "prebuilt.pickle.gz"
SOURCES = ("actors.tsv.gz", "agents.tsv.gz", "places.tsv.gz")  # the files it is built from
_MAGIC = "sitroom-knowledge-prebuilt 1"
# The modules whose classes and functions make what the pickle holds: a change to any of them
# may change the tables, so it makes the pickle stale.
_MODULES = (actors, agents, codes, names, places, tables)


def data_dir() -> Path:
    """The folder of the shipped knowledge files."""
    return Path(str(resources.files("sitroom.knowledge").joinpath("data")))


def fingerprint(folder: Path | None = None) -> str:
    """What the tables built from the files in `folder` (default: the shipped ones) depend on."""
    folder = folder or data_dir()
    digest = hashlib.sha256(_MAGIC.encode())
    digest.update(metadata.version("spacy").encode())  # the tokenizer that split the names
    for name in SOURCES:
        digest.update(hashlib.sha256((folder / name).read_bytes()).digest())
    for source in [Path(m.__file__ or "") for m in _MODULES] + [Path(__file__)]:
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def build(folder: Path | None = None) -> dict[str, Any]:
    """The tables built from the knowledge files in `folder` (default: the shipped ones)."""
    folder = folder or data_dir()
    actor_table = actors.ActorTable(actors.read_actors(folder / "actors.tsv.gz"))
    agent_table = agents.AgentTable(agents.read_agents(folder / "agents.tsv.gz"))
    return {
        "actors": actor_table,
        "agents": agent_table,
        "places": places.PlaceTable(places.read_places(folder / "places.tsv.gz")),
        "names": names.build_trie(actor_table, agent_table),
    }


class _Pickler(pickle.Pickler):
    """Writes a dataclass as a call of its class with its fields, which reads back in half
    the time of the default (a state dict matched field by field)."""

    def reducer_override(self, obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
        return NotImplemented


def write(folder: Path | None = None) -> Path:
    """Build the tables from the files in `folder` and write them there as `FILE`."""
    folder = folder or data_dir()
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump(build(folder))
    body = pickletools.optimize(buffer.getvalue())  # drops unused memo entries: smaller, faster
    path = folder / FILE
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as out,
    ):
        out.write(f"{_MAGIC} {fingerprint(folder)}\n".encode())
        out.write(body)
    return path


def load(folder: Path | None = None) -> dict[str, Any] | None:
    """The tables as pre-built in `folder` (default: the shipped ones; a fresh copy each
    call), or None when there is no pre-built file there or it is stale."""
    folder = folder or data_dir()
    try:
        raw = gzip.decompress((folder / FILE).read_bytes())
    except (OSError, EOFError, zlib.error):
        return None
    head, _, body = raw.partition(b"\n")
    try:
        current = head.decode() == f"{_MAGIC} {fingerprint(folder)}"
    except (OSError, UnicodeDecodeError, metadata.PackageNotFoundError):
        return None
    if not current:
        return None
    enabled = gc.isenabled()
    gc.disable()  # a million new objects would start a collection every few thousand
    try:
        return pickle.load(io.BytesIO(body))
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()
