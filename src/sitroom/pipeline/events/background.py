"""Background mentions: events an article recalls rather than reports (PLOVER's historical mode).

An event is historical when

* the time expression attached to it lies clearly before the article's reference date: an
  earlier year ("in 2019", "last year's coup", "two years ago"), an earlier month ("in March" in
  a June story), or a day more than `RECENT_DAYS` back;
* it is the object of "since" ("since the 2014 annexation") or is a noun dated by an earlier
  year ("the 1991 invasion");
* a "when" clause on its verb is dated before that reference ("when Warren caught up in late
  October, centrists voiced concerns" in a January story: "after" or "while" would only bound
  it), or it is set long ago without a date ("years ago", "decades earlier");
* it sits in a "when" clause that dates another statement ("the summit when Reagan offered…",
  "as he did when he visited…"), unless that statement is itself a past report of the day
  ("police fired when protesters charged" is one happening);
* it has no date of its own and a clause joined to it by "and" or "but" is dated in an
  earlier year or month ("Netanyahu finally agreed to a moratorium, but when Biden visited in
  March 2010, he was caught off guard" in a 2015 story);
* its verb tells a record rather than a new act: "once" or "previously" on a past verb, or a
  past perfect in a main clause ("had voted for") that no reporting verb backshifts and no
  recent date anchors.

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
DECADE = re.compile(r"^(\d{3})$")  # TIMEX3 "198": the 1980s
CENTURY = re.compile(r"^(\d{2})$")  # TIMEX3 "19": the 1900s
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Adverbs that set a past act before the news ("once praised", "previously backed").
EARLIER = frozenset({"once", "previously", "formerly"})
LONG_UNITS = frozenset({"year", "decade", "century", "generation"})


def is_before(value: str | None, reference: dt.date | None) -> bool:
    """Whether a TIMEX value (year, month or day) lies clearly before the reference date."""
    if not value or reference is None:
        return False
    if YEAR.match(value):
        return int(value) < reference.year
    if DECADE.match(value):
        return int(value) * 10 + 9 < reference.year
    if CENTURY.match(value):
        return int(value) * 100 + 99 < reference.year
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
    """The earlier year or month on an event noun ("the 1991 invasion", "his July pledge")."""
    if c.token.pos_ in ("VERB", "AUX"):
        return None
    reference = doc._.reference_date
    for child in c.phrase.children:
        if child.dep_ not in ("nummod", "compound", "amod", "poss", "npadvmod"):
            continue
        for d in doc._.dates or []:
            if d.start <= child.idx < d.end and is_before(d.value, reference):
                return _date_value(d.value)
        if YEAR.match(child.text) and reference is not None and int(child.text) < reference.year:
            return child.text
    return None


def _when_clause_date(c: Candidate, doc: Doc) -> str | None:
    """An earlier date in a "when" clause on the event's verb: it dates the verb too ("When
    Warren caught up in late October, centrists voiced their concerns")."""
    reference = doc._.reference_date
    for clause in c.clause.children:
        if clause.dep_ != "advcl" or not any(lemma_of(ch) == "when" for ch in clause.children):
            continue
        inside = range(clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
        for d in doc._.dates or []:
            if d.start in inside and is_before(d.value, reference):
                return _date_value(d.value)
    return None


def _conjoined_past(c: Candidate, doc: Doc) -> str | None:
    """The earlier year or month of a clause joined to the event's verb: one story is told in
    one time."""
    verb = c.clause
    spans = [(j.left_edge.idx, j.right_edge.idx + len(j.right_edge)) for j in verb.conjuncts
             if j.pos_ in ("VERB", "AUX") and j.i > verb.i]  # fmt: skip
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        spans.append((verb.head.left_edge.idx, verb.left_edge.idx))
    for d in doc._.dates or []:
        coarse = YEAR.match(d.value or "") or MONTH.match(d.value or "")
        inside = any(lo <= d.start < hi for lo, hi in spans)
        if coarse and inside and is_before(d.value, doc._.reference_date):
            return _date_value(d.value)
    return None


def _long_ago(verb: Token) -> bool:
    """ "Years ago", "decades earlier" on the verb: long past, with no date to give."""
    for adverb in verb.children:
        if adverb.dep_ != "advmod" or lemma_of(adverb) not in ("ago", "earlier", "before"):
            continue
        units = [t for t in adverb.children if t.dep_ == "npadvmod"]
        if any(lemma_of(u) in LONG_UNITS and u.tag_ == "NNS" and not _counted(u) for u in units):
            return True
    return False


def _counted(unit: Token) -> bool:
    """ "Two years ago" has a count (and a year the time layer gives); "years ago" has none."""
    return any(ch.dep_ == "nummod" for ch in unit.children)


def _record(c: Candidate, attached: list[Any]) -> bool:
    """A verb that tells a record, not a new act: "once praised", "had voted for" in a main
    clause no reporting verb backshifts."""
    verb = c.clause
    if verb.pos_ not in ("VERB", "AUX") or attached:
        return False  # a date of its own decides ("had met on Monday" is news)
    adverbs = {lemma_of(ch) for ch in verb.children if ch.dep_ == "advmod"}
    auxes = [ch for ch in verb.children if ch.dep_ == "aux"]
    if verb.tag_ == "VBD" and adverbs & EARLIER:
        return True
    past_perfect = any(a.lower_ == "had" for a in auxes) and verb.tag_ == "VBN"
    return past_perfect and _main_clause(verb)


def _main_clause(verb: Token) -> bool:
    """True for the sentence's own statement (or a conjunct of it), not a reported or
    subordinate one."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    return node.dep_ == "ROOT"


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
    year = (
        _dated_noun(c, doc)
        or _ongoing_since(c, attached + others, doc)
        or _when_clause_date(c, doc)
        or (None if attached else _conjoined_past(c, doc))
    )
    if year is not None:
        return True, year
    if _since(c) or _when_clause(c) or _long_ago(c.clause) or _record(c, attached):
        return True, None
    return False, None


def _date_value(value: str) -> str:
    day = DAY.match(value)
    return day.group(0) if day else value
