"""The pre-built tables: current with the shipped files, the same as building them, and never
used once the files, the code or the tokenizer they were built with changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitroom.knowledge import KnowledgeBase, prebuilt
from sitroom.knowledge.names import build_trie

REBUILD = "stale: run `python scripts/build_knowledge.py --prebuilt-only`"


@pytest.fixture(scope="module")
def shipped() -> dict:
    tables = prebuilt.load()
    assert tables is not None, REBUILD
    return tables


def test_the_shipped_tables_are_what_the_shipped_files_build(shipped):
    built = prebuilt.build()
    assert shipped["actors"].entries == built["actors"].entries
    assert shipped["actors"]._index == built["actors"]._index
    assert shipped["agents"]._index == built["agents"]._index
    assert shipped["places"].places == built["places"].places
    assert shipped["places"]._index == built["places"]._index
    assert shipped["names"] == built["names"]


def test_the_shipped_knowledge_base_reads_them(shipped):
    kb = KnowledgeBase()
    assert kb.names == shipped["names"]
    assert kb.resolve("Boris Yeltsin").code == "RUS"
    assert kb.place_country("Tikrit") == "IRQ"


def _copy_of_the_files(folder: Path) -> Path:
    for name in (*prebuilt.SOURCES, prebuilt.FILE):
        shutil.copy(prebuilt.data_dir() / name, folder / name)
    return folder


def test_an_edited_file_makes_them_stale(tmp_path):
    folder = _copy_of_the_files(tmp_path)
    assert prebuilt.load(folder) is not None
    (folder / "agents.tsv.gz").write_text(
        "form\tlemma\tcode\tsource\nsnorkeler\tsnorkeler\t~CVL\tx\n"
    )
    assert prebuilt.load(folder) is None


def test_another_tokenizer_makes_them_stale(tmp_path, monkeypatch):
    folder = _copy_of_the_files(tmp_path)
    monkeypatch.setattr(prebuilt.metadata, "version", lambda name: "0.0.0")
    assert prebuilt.load(folder) is None


def test_a_broken_file_is_not_used(tmp_path):
    folder = _copy_of_the_files(tmp_path)
    (folder / prebuilt.FILE).write_bytes(b"not a pickle")
    assert prebuilt.load(folder) is None


def test_a_users_names_are_tokenised_and_the_shipped_ones_kept(tmp_path):
    actors = tmp_path / "actors.tsv"
    actors.write_text(
        "kind\tname\taliases\troles\tsource\n"
        "person\tMarisol Quenby-Arce\t\tCHLGOV:2022-03-11:\tour desk\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase(extra_actors=(actors,))
    mine = [p for p in kb.names["marisol"] if p.key == "marisol quenby-arce"]
    assert [p.words for p in mine] == [("marisol", "quenby", "-", "arce")]
    assert kb.names["boris"] == KnowledgeBase().names["boris"]
    assert kb.names == build_trie(kb.actors, kb.agents)  # as if every name were tokenised
