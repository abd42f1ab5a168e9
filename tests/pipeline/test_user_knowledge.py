"""User knowledge files: added to the shipped data by the loaders, checked before use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitroom import extensions
from sitroom.extensions import UserKnowledge
from sitroom.knowledge import knowledge
from sitroom.pipeline.events import lexicon
from sitroom.pipeline.userfiles import UserFileError, check

VERBS = "# triggers of our desk\nlemma\tevent\toptions\nheckle\tPROTEST:demo\nrebuke\tSUPPORT\n"
NOUNS = "lemma\tevent\toptions\nsit-down\tPROTEST:demo\n"
ACTORS = (
    "kind\tname\taliases\troles\tsource\n"
    "person\tMarisol Quenby-Arce\tQuenby-Arce\tCHLGOV:2022-03-11:\tour desk\n"
)


@pytest.fixture
def installed():
    """Install user knowledge for one test and put the shipped knowledge back after it."""
    yield extensions.use
    extensions.use(None)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_triggers_add_lemmas_and_replace_shipped_readings(tmp_path: Path, installed):
    verbs, nouns = write(tmp_path, "verbs.tsv", VERBS), write(tmp_path, "nouns.tsv", NOUNS)
    shipped = lexicon.current()
    assert "heckle" not in shipped.verbs and shipped.verbs["rebuke"][0].event == "ACCUSE"
    installed(UserKnowledge(triggers=(verbs,), event_nouns=(nouns,)))
    mine = lexicon.LEXICON
    assert [(r.event, r.mode) for r in mine.verbs["heckle"]] == [("PROTEST", "demo")]
    assert [r.event for r in mine.verbs["rebuke"]] == ["SUPPORT"]  # yours win
    assert mine.nouns["sit-down"][0].event == "PROTEST"
    assert "heckle" in mine.trigger_lemmas
    assert mine.verbs["praise"] == shipped.verbs["praise"]  # the rest is kept
    installed(None)
    assert "heckle" not in lexicon.LEXICON.verbs


def test_user_actors_join_the_knowledge_base_while_installed(tmp_path: Path, installed):
    actors = write(tmp_path, "actors.tsv", ACTORS)
    assert knowledge().resolve("Quenby-Arce", dt.date(2023, 5, 1)) is None
    installed(UserKnowledge(actors=(actors,)))
    found = knowledge().resolve("Quenby-Arce", dt.date(2023, 5, 1))
    assert (found.code, found.sector) == ("CHL", "GOV")
    assert knowledge().resolve("Quenby-Arce", dt.date(2020, 5, 1)).sector is None
    assert knowledge().resolve("Boris Yeltsin", dt.date(1995, 6, 1)).code == "RUS"
    installed(None)
    assert knowledge().resolve("Quenby-Arce", dt.date(2023, 5, 1)) is None


def test_the_fingerprint_follows_the_files_contents(tmp_path: Path):
    verbs = write(tmp_path, "verbs.tsv", VERBS)
    assert UserKnowledge().analysis_version("2") == "2"
    first = UserKnowledge(triggers=(verbs,)).analysis_version("2")
    assert first.startswith("2+")
    assert UserKnowledge(triggers=(verbs,)).analysis_version("2") == first
    verbs.write_text(VERBS + "jeer\tPROTEST:demo\n", encoding="utf-8")
    assert UserKnowledge(triggers=(verbs,)).analysis_version("2") != first
    assert UserKnowledge(event_nouns=(verbs,)).analysis_version("2") not in (first, "2")


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("triggers", "lemma\tevent\toptions\nheckle\tPROTST\n", ":2: unknown event type 'PROTST'"),
        ("triggers", "lemma\tevent\nheckle\tPROTEST\n", ":1: expected the header"),
        ("triggers", "lemma\tevent\toptions\nheckle\tPROTEST:sulk\n", "PROTEST has no mode 'sulk'"),
        ("actors", "kind\tname\nhuman\tJo Bloggs\n", ":2: kind 'human' is not one of"),
        ("actors", "name,kind\nJo,person\n", "not a file of actors: the header has no column"),
        ("agents", "form\tlemma\tcode\nharbour pilots\t\tJNK\n", ":2: code 'JNK' names no"),
        ("places", "name\tcountry\tpopulation\nPuerto Quenby\tCHL\tmany\n", ":2: invalid literal"),
    ],
)
def test_a_bad_user_file_is_named_with_its_line(tmp_path: Path, kind, text, message):
    path = write(tmp_path, "mine.tsv", text)
    with pytest.raises(UserFileError) as caught:
        check(UserKnowledge(**{kind: (path,)}))
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


@pytest.mark.model
def test_a_pipeline_codes_with_its_own_files_beside_the_shipped_one(tmp_path: Path, nlp):
    from sitroom.options import Options
    from sitroom.pipeline import make_doc, shared_pipeline, to_analysis
    from sitroom.records import Document

    verbs = write(tmp_path, "verbs.tsv", VERBS)
    mine = shared_pipeline(options=Options(trigger_files=(str(verbs),)))
    assert mine is not nlp
    document = Document(
        id="t",
        text="Angry farmers heckled the agriculture minister in Lyon on Tuesday.",
        published="2024-02-06",
    )

    def coded(pipeline) -> list[tuple[str, str | None]]:
        events = to_analysis(make_doc(pipeline, document), document).events
        return [(e.event, e.mode) for e in events]

    assert coded(mine) == [("PROTEST", "demo")]
    assert coded(nlp) == []  # the shipped pipeline of the same process is unchanged
    assert coded(mine) == [("PROTEST", "demo")]
