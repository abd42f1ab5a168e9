"""Happenings over a real store: events of one document placed together, merged records kept
in step with the events they are made from."""

from __future__ import annotations

import pytest

from sitroom.options import Options
from sitroom.records import Document
from sitroom.runners import ingest
from sitroom.store import Store

pytestmark = pytest.mark.model
OPTIONS = Options(workers=1)


def test_two_sentences_of_one_report_on_the_same_act_make_one_happening(tmp_path):
    text = (
        "Ellen DeGeneres hosted the Academy Awards in 2007, the academy recalled online.\n\n"
        "Ellen DeGeneres hosted the Academy Awards in 2007, her agent told reporters."
    )
    with Store(tmp_path / "s.db") as store:
        ingest([Document(id="one", text=text)], store, OPTIONS)
        rows = store.db.execute(
            "SELECT happening_id, COUNT(*) FROM happening_events GROUP BY happening_id"
        ).fetchall()
        (documents,) = store.db.execute("SELECT documents FROM happenings").fetchone()
    assert [count for _, count in rows] == [2]  # the second joined the first, not yet written
    assert documents == 1


def test_two_sentences_of_one_report_that_contradict_each_other_stay_apart(tmp_path):
    text = (
        "Ellen DeGeneres hosted the Academy Awards in 2007, the academy recalled online.\n\n"
        "Ellen DeGeneres will host the Academy Awards in 2014, the academy said online."
    )
    with Store(tmp_path / "s.db") as store:
        ingest([Document(id="one", text=text)], store, OPTIONS)
        counts = [r[0] for r in store.db.execute("SELECT documents FROM happenings")]
        (members,) = store.db.execute("SELECT COUNT(*) FROM happening_events").fetchone()
    assert members == 2 and counts == [1, 1]


def test_a_changed_report_changes_the_merged_record_of_its_happening(tmp_path):
    first = "Ellen DeGeneres hosted the Academy Awards in 2007, the academy recalled online."
    with Store(tmp_path / "s.db") as store:
        ingest([Document(id="one", text=first)], store, OPTIONS)
        before = [r[0] for r in store.db.execute("SELECT record FROM happenings")]
        changed = first.replace("Ellen DeGeneres", "Whoopi Goldberg")
        ingest([Document(id="one", text=changed)], store, OPTIONS)
        after = [r[0] for r in store.db.execute("SELECT record FROM happenings")]
    assert len(before) == len(after) == 1
    assert "DeGeneres" in before[0] and "DeGeneres" not in after[0]
    assert "Goldberg" in after[0]
