"""The English word lists: every data file follows the documented syntax and vocabulary."""

from __future__ import annotations

from importlib import resources

import pytest

from sitroom.lang.en import tables, words

# The values each column may take: a typo in a data file ("speach") must fail here.
VOCABULARY = {
    ("speech_verbs", "uses"): {"speech", "framing", "after", "reporting", "disclose"},
    ("dependencies", "kinds"): {"nominal", "clausal", "passive", "expletive"},
    ("pronouns", "person"): {"1", "2", "3"},
    ("pronouns", "number"): {"singular", "plural", "-"},
    ("pronouns", "gender"): {"masculine", "feminine", "neuter", "-"},
    ("pronouns", "case"): {"subject", "object", "possessive", "reflexive"},
    ("days", "kind"): {"weekday", "abbreviation", "relative"},
    ("months", "kind"): {"month", "abbreviation"},
    ("appraisal", "kind"): {"disapprove", "allege", "praise", "demand", "pleased", "displeased"},
}
DATA = resources.files("sitroom.lang.en")
FILES = sorted(p.name.removesuffix(".tsv") for p in DATA.iterdir() if p.name.endswith(".tsv"))


def test_every_data_file_is_documented_in_the_readme():
    readme = DATA.joinpath("README.md").read_text(encoding="utf-8")
    for name in FILES:
        assert f"`{name}.tsv`" in readme


@pytest.mark.parametrize("name", FILES)
def test_every_field_is_in_the_vocabulary_of_its_column(name):
    rows = tables.read_table(name)
    assert rows, f"{name}.tsv has no rows"
    for row in rows:
        for column, field in row.items():
            allowed = VOCABULARY.get((name, column))
            if allowed is not None:
                assert tables.values(field) <= allowed, f"{name}.tsv {row}: {column}={field}"


def test_a_broken_row_is_reported_with_its_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "broken.tsv").write_text("# comment\nword\tkind\nmonday\n", encoding="utf-8")
    monkeypatch.setattr(tables.resources, "files", lambda _package: tmp_path)
    tables.read_table.cache_clear()
    try:
        with pytest.raises(tables.TableError, match=r"broken.tsv line 3: 1 fields"):
            tables.read_table("broken")
        (tmp_path / "twice.tsv").write_text("word\tkind\nmon\ta\nmon\tb\n", encoding="utf-8")
        with pytest.raises(tables.TableError, match="listed twice"):
            tables.read_table("twice")
    finally:
        tables.read_table.cache_clear()


def test_day_and_month_numbers():
    assert words.WEEKDAY_NUMBERS["monday"] == words.WEEKDAY_NUMBERS["mon"] == 0
    assert words.WEEKDAY_NUMBERS["sunday"] == 6
    assert words.RELATIVE_DAYS == {"yesterday": -1, "today": 0, "tomorrow": 1}
    assert sorted(words.MONTH_NUMBERS[m] for m in words.MONTHS) == list(range(1, 13))
    assert words.MONTH_NUMBERS["sept"] == 9


def test_the_speech_verb_uses_layers_rely_on():
    # "said" attributes quotes, reports futures and is what one declines to do.
    assert "say" in words.SPEECH_VERBS & words.REPORTING_VERBS & words.DISCLOSURE_VERBS
    # Framing verbs attribute quotations but do not report speech.
    assert "describe" in words.FRAMING_VERBS and "describe" not in words.SPEECH_VERBS
    assert words.FRAMING_AFTER_ONLY == {"begin", "continue"} <= words.FRAMING_VERBS
    assert words.ALL_SPEECH_VERBS >= words.SPEECH_VERBS | words.FRAMING_VERBS


def test_subject_labels_and_pronouns():
    assert words.NOMINAL_SUBJECTS == {"nsubj", "nsubjpass"}
    assert words.ACTIVE_SUBJECTS == {"nsubj", "csubj", "expl"}
    assert words.PASSIVE_SUBJECTS == {"nsubjpass", "csubjpass"}
    assert words.SUBJECT_PRONOUNS == {"i", "you", "he", "she", "it", "we", "they"}
    assert words.FIRST_PERSON == {"i", "me", "we", "us"}
    assert words.PRONOUN_GENDER["her"] == "f" and words.PRONOUN_GENDER["his"] == "m"
    assert words.NEUTER == {"it", "its", "itself"}
