"""English word lists, one definition each, read from the data files beside this module.

Every layer that needs a list of words takes it from here (``from sitroom.lang.en import
words``); the files and their syntax are described in this folder's README.md.
"""

from __future__ import annotations

from types import MappingProxyType

from sitroom.lang.en.tables import keys_where, read_table

# --- verbs of saying (speech_verbs.tsv) --------------------------------------------------------

#: Verbs that report speech: a clausal complement is reported speech, and next to a quotation
#: they attribute it ("said", "warned", "according to" aside).
SPEECH_VERBS = keys_where("speech_verbs", "uses", "speech")
#: Verbs that introduce quoted words without reported speech ("described … as “…”").
FRAMING_VERBS = keys_where("speech_verbs", "uses", "framing")
#: Framing verbs that attribute only the quotation they follow ("“…,” she continued").
FRAMING_AFTER_ONLY = keys_where("speech_verbs", "uses", "after")
#: Verbs whose "would"-complement reports a future ("said they would release").
REPORTING_VERBS = keys_where("speech_verbs", "uses", "reporting")
#: What one declines to do in "declined to comment" (a statement, not a rejection).
DISCLOSURE_VERBS = keys_where("speech_verbs", "uses", "disclose")
#: Every verb of saying in the list, whatever its use.
ALL_SPEECH_VERBS = frozenset(row["lemma"] for row in read_table("speech_verbs"))

# --- subjects (dependencies.tsv) ---------------------------------------------------------------

#: Noun-phrase subjects, active or passive: nsubj, nsubjpass.
NOMINAL_SUBJECTS = keys_where("dependencies", "kinds", "nominal")
#: Subjects of passive verbs: nsubjpass, csubjpass.
PASSIVE_SUBJECTS = keys_where("dependencies", "kinds", "passive")
#: Expletive subjects ("there", "it"): expl.
EXPLETIVES = keys_where("dependencies", "kinds", "expletive")
#: Every subject label.
SUBJECT_LABELS = frozenset(row["label"] for row in read_table("dependencies"))
#: Subjects of active verbs, clauses and expletives included: nsubj, csubj, expl.
ACTIVE_SUBJECTS = SUBJECT_LABELS - PASSIVE_SUBJECTS

# --- pronouns (pronouns.tsv) -------------------------------------------------------------------

_PRONOUNS = read_table("pronouns")
#: Every personal pronoun form.
PRONOUNS = frozenset(row["word"] for row in _PRONOUNS)
#: Pronouns in subject case ("he", "they", "you").
SUBJECT_PRONOUNS = frozenset(row["word"] for row in _PRONOUNS if row["case"] == "subject")
#: First-person pronouns in subject or object case ("i", "we", "me", "us").
FIRST_PERSON = frozenset(
    row["word"]
    for row in _PRONOUNS
    if row["person"] == "1" and row["case"] in ("subject", "object")
)
#: Forms of "he" and "she".
MASCULINE = frozenset(row["word"] for row in _PRONOUNS if row["gender"] == "masculine")
FEMININE = frozenset(row["word"] for row in _PRONOUNS if row["gender"] == "feminine")
#: Forms of "it" and of "they".
NEUTER = frozenset(row["word"] for row in _PRONOUNS if row["gender"] == "neuter")
THIRD_PLURAL = frozenset(
    row["word"] for row in _PRONOUNS if row["person"] == "3" and row["number"] == "plural"
)
#: Forms of "he" and "she" -> "m" or "f" (the gender codes of the actor knowledge base).
PRONOUN_GENDER = MappingProxyType(
    {word: "m" for word in MASCULINE} | {word: "f" for word in FEMININE}
)

#: Given names that name one gender ("hillary" -> "f"), for people no table gives one.
GIVEN_NAME_GENDER = MappingProxyType(
    {row["name"]: row["gender"] for row in read_table("given_names")}
)

# --- days and months (days.tsv, months.tsv) ----------------------------------------------------

_DAYS = read_table("days")
#: Weekday names and their short forms -> weekday number (Monday = 0).
WEEKDAY_NUMBERS = MappingProxyType(
    {row["word"]: int(row["value"]) for row in _DAYS if row["kind"] != "relative"}
)
#: Full weekday names ("monday" … "sunday").
WEEKDAYS = frozenset(row["word"] for row in _DAYS if row["kind"] == "weekday")
#: Days named from the day of writing -> offset in days ("yesterday" -> -1).
RELATIVE_DAYS = MappingProxyType(
    {row["word"]: int(row["value"]) for row in _DAYS if row["kind"] == "relative"}
)
#: Month names and short forms -> month number.
MONTH_NUMBERS = MappingProxyType({row["word"]: int(row["value"]) for row in read_table("months")})
#: Full month names ("january" … "december").
MONTHS = frozenset(row["word"] for row in read_table("months") if row["kind"] == "month")

# --- appraisal (appraisal.tsv) -----------------------------------------------------------------

#: Words that appraise whom they are said of -> disapprove | allege | praise | demand (a lemma,
#: or lemmas separated by spaces: a head and words among its dependents, "hot air").
APPRAISAL = MappingProxyType({row["word"]: row["kind"] for row in read_table("appraisal")})
