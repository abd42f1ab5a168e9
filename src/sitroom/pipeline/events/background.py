"""Background mentions: events an article recalls rather than reports (PLOVER's historical mode).

An event is historical when

* the time expression attached to it lies clearly before the article's reference date: an
  earlier year ("in 2019", "last year's coup", "two years ago"), an earlier month ("in March" in
  a June story), or a day more than `RECENT_DAYS` back;
* it is the object of "since" ("since the 2014 annexation") or is a noun dated by an earlier
  year ("the 1991 invasion");
* it sits in a "when" clause that dates another statement ("the summit when Reagan offered…",
  "as he did when he visited…"), unless that statement is itself a past report of the day
  ("police fired when protesters charged" is one happening).

Its date is the day the text gives; a month or a year stays in `date_text` (with its TIMEX value
among the document's dates), and no publication date is put in its place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Doc, Token

from sitroom.pipeline.events.candidate import Candidate, clause_chain
from sitroom.pipeline.events.syntax import lemma_of

# A day further back than this is background, not news of the day (a weekly paper's "last
# Tuesday" still counts as news).
RECENT_DAYS = 31
YEAR = re.compile(r"^(\d{4})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def is_before(value: str | None, reference: dt.date | None) -> bool:
    """Whether a TIMEX value (year, month or day) lies clearly before the reference date."""
    if not value or reference is None:
        return False
    if YEAR.match(value):
        return int(value) < reference.year
    month = MONTH.match(value)
    if month:
        return (int(month.group(1)), int(month.group(2))) < (reference.year, reference.month)
    day = DAY.match(value)
    if day:
        try:
            when = dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        except ValueError:
            return False
        return (reference - when).days > RECENT_DAYS
    return False  # "recently", "in the past": too vague to tell


def is_after(value: str | None, reference: dt.date | None) -> bool:
    """Whether a TIMEX value (year, month or day) lies after the reference date."""
    if not value or reference is None:
        return False
    if YEAR.match(value):
        return int(value) > reference.year
    month = MONTH.match(value)
    if month:
        return (int(month.group(1)), int(month.group(2))) > (reference.year, reference.month)
    day = DAY.match(value)
    return bool(day) and day.group(0) > reference.isoformat()


def _since(c: Candidate) -> bool:
    """ "since the 2014 annexation": the event is where an ongoing state began."""
    node = c.phrase
    return node.dep_ == "pobj" and lemma_of(node.head) == "since"


def _ongoing_since(c: Candidate, dates: list[Any], doc: Doc) -> str | None:
    """ "has occupied Crimea since 2014": a state that began long before the news."""
    reference = doc._.reference_date
    for prep in c.clause.children:
        if prep.dep_ != "prep" or lemma_of(prep) != "since":
            continue
        inside = range(prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge))
        for d in dates:
            if d.start in inside and is_before(d.value, reference):
                return _date_value(d.value)
        years = [t.text for t in prep.subtree if YEAR.match(t.text) and t.like_num]
        if reference is not None and years and int(years[0]) < reference.year:
            return years[0]
    return None


def _dated_noun(c: Candidate, doc: Doc) -> str | None:
    """The earlier year on an event noun ("the 1991 invasion", "the 2014 annexation")."""
    if c.token.pos_ in ("VERB", "AUX"):
        return None
    reference = doc._.reference_date
    for child in c.phrase.children:
        if child.dep_ in ("nummod", "compound", "amod", "poss") and YEAR.match(child.text):
            if reference is not None and int(child.text) < reference.year:
                return child.text
    return None


def _when_clause(c: Candidate) -> bool:
    """An event in a "when" clause that dates a present-tense statement or a noun."""
    for node in clause_chain(c)[:4]:
        if node.dep_ not in ("advcl", "relcl"):
            continue
        if not any(lemma_of(ch) == "when" for ch in node.children if ch.dep_ == "advmod"):
            continue
        head = node.head
        return node.dep_ == "relcl" or head.tag_ in PRESENT_TAGS or _perfect(head)
    return False


def _perfect(verb: Token) -> bool:
    return any(lemma_of(ch) == "have" for ch in verb.children if ch.dep_ == "aux")


def background(
    c: Candidate, doc: Doc, attached: list[Any], others: list[Any]
) -> tuple[bool, str | None]:
    """(historical, the date it refers to) for one candidate.

    `attached` are the time expressions on the candidate's clause, `others` the rest of the
    sentence's, nearest first.
    """
    reference = doc._.reference_date
    for d in attached:
        if is_before(d.value, reference):
            return True, _date_value(d.value)
    year = _dated_noun(c, doc) or _ongoing_since(c, attached + others, doc)
    if year is not None:
        return True, year
    if _since(c) or _when_clause(c):
        return True, None
    return False, None


def _date_value(value: str) -> str:
    day = DAY.match(value)
    return day.group(0) if day else value
