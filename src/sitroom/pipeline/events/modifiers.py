"""Modifiers of a coded event: negation, hypothesis, future, place, date, mode and context.

An event noun can be named rather than reported (`is_mentioned`), which lowers its confidence.
Auxiliary modes follow the codebook: negated (a negation on the trigger or its light verb, a
denial above it), hypothetical (a modal or an "if" clause), future ("will", "plans to", a date
after the reference date). The date is an exact-day time expression attached to the trigger's
clause (else the nearest one in the sentence); a vaguer one leaves the date empty; none at all
gives the reference date, marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.pipeline.actors import gazetteer
from sitroom.pipeline.doc import doc_text
from sitroom.pipeline.events import lexicon
from sitroom.pipeline.events.background import background, is_after, is_before
from sitroom.pipeline.events.candidate import Candidate, clause_chain, own_clause
from sitroom.pipeline.events.syntax import (
    INTENTION_NOUNS,
    MODALS,
    SUBJECTS,
    aux_lemmas,
    governed_lemmas,
    lemma_of,
    object_lemmas,
    to_infinitive,
    where_clause,
)
from sitroom.pipeline.quotes.posts import post_day
from sitroom.pipeline.timex.periods import EXACT_DAY, counted_back, period_of
from sitroom.records import Location

LEXICON = lexicon.LEXICON  # with the user trigger files in use
ASSAULT_MODES = {w: mode for mode, cue in LEXICON.assault_mode_cues for w in cue.split()}
CONTEXT_WORDS = {w: ctx for ctx, cue in LEXICON.context_cues for w in cue.split()}
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
FUTURE_HEADS = frozenset(
    "plan intend expect schedule set due aim prepare go seek hope want propose poise poised slate "
    "wish prefer".split()
)
# Heads of intentions; "scheduled", "due", "will" report a planned fact instead.
INTENT_HEADS = frozenset("plan intend aim hope want propose seek offer".split())
CONDITIONAL = frozenset({"if", "unless", "whether"})
# Clauses bounding another by an act still to come when told in the present ("before he throws
# his support to her", "until the army withdraws", "once talks resume"); in the past ("before
# he left office, he signed") the act took place.
# Clauses that keep their dates to themselves (see `_nested`).
NESTED_CLAUSES = frozenset({"relcl", "acl", "ccomp", "xcomp", "csubj", "pcomp"})
PENDING_MARKS = frozenset({"before", "until", "till", "once"})
NOT_PAST = frozenset({"VBZ", "VBP", "VB"})
REPORTING = words.REPORTING_VERBS
# Heads of a weighing ("considering sanctions") or of a purpose ("exists to encourage peace",
# "designed to deter"): what they govern is not reported as done.
HYPOTHETICAL_HEADS = frozenset(
    {"consider", "mull", "weigh", "contemplate", "explore", "exist", "serve", "design", "mean"}
)
# Nouns whose "that" clause is claimed or set as a condition, not reported: "an allegation
# that he had raped her", "rumours that the army moved in", "on condition that Fox donate".
UNASSERTED_NOUNS = frozenset(
    {"allegation", "accusation", "claim", "rumor", "rumour", "speculation", "suspicion",
     "theory", "myth", "hoax", "suggestion", "condition", "precondition"}
)  # fmt: skip
FAIL_HEADS = frozenset({"fail", "refuse", "decline", "cease", "stop"})
# A governing verb that denies or ends what it governs: "denied targeting", "ended its support".
DENY_HEADS = frozenset({"deny", "refute", "dismiss"})
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "suggestion"})
LOCATION_PREPS = frozenset({"in", "to", "at", "near", "outside", "inside", "across"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DAY_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
PHONE_CUES = frozenset(
    "phone telephone video videoconference teleconference virtual virtually online remotely "
    "call".split()
)
SUMMIT_CUES = frozenset({"summit", "conference", "forum", "assembly", "ministerial"})
HOST_VERBS = frozenset({"host", "broker", "mediate", "facilitate", "sponsor", "arrange"})
VISIT_CUES = frozenset({"visit", "trip", "travel", "arrive", "fly", "tour", "journey"})
# ASSAULT modes that name the act rather than the weapon it was done with.
ASSAULT_ACTS = frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy"})
ASSAULT_RANK = {mode: rank for rank, (mode, _) in enumerate(LEXICON.assault_mode_cues)}
CONTEXT_RANK = {ctx: rank for rank, (ctx, _) in enumerate(LEXICON.context_cues)}


def is_negated(c: Candidate) -> bool:
    for node in (c.token, c.phrase, c.clause):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and lemma_of(child) == "no"):
                return True
    if _denied(c) or _negated_conjunct(c.clause):
        return True
    node = c.clause
    while complement(node):  # "will not move to lift", "failed to reach", "did not want X to"
        node = node.head
        if lemma_of(node) in FAIL_HEADS or any(ch.dep_ == "neg" for ch in node.children):
            return True
    return False


def complement(node: Token) -> bool:
    """True for a verb completing the one above it: "hoped to meet", "wanted troops to fight"
    (the parser makes the second a clause of its own)."""
    if node.dep_ == "xcomp":
        return True
    return node.dep_ == "ccomp" and to_infinitive(node)


def _negated_conjunct(verb: Token) -> bool:
    """True when a verb coordinated with a negated one shares its negation.

    "never robbed or killed anyone": a negated disjunction denies every member, and so does
    one whose members share the negated auxiliary ("had not attacked and threatened"). A
    conjunct with a subject of its own, or after "but" ("did not retreat but attacked"),
    is a clause of its own.
    """
    node = verb
    while node.dep_ == "conj" and not any(ch.dep_ in SUBJECTS for ch in node.children):
        head = node.head
        between = [t for t in head.doc[head.i + 1 : node.i] if t.dep_ == "cc"]
        joins = {lemma_of(t) for t in between} | {
            lemma_of(t) for t in node.children if t.dep_ == "cc"
        }
        if joins & {"but", "yet"}:
            return False
        negated = any(ch.dep_ == "neg" for ch in head.children)
        shared_aux = any(ch.dep_ in ("aux", "auxpass") for ch in head.children)
        if negated and (joins & {"or", "nor"} or shared_aux):
            return True
        node = head
    return False


def _denied(c: Candidate) -> bool:
    """True when a verb above denies the event or sets it aside.

    "Russia denied targeting the hospital", "rejected reports of an attack" (a denial verb
    within three steps up), "abstained rather than using its veto", "instead of meeting".
    """
    node = c.phrase if c.light is None else c.clause
    reported = False
    for _ in range(3):
        head = node.head
        if head == node:
            return False
        reported = reported or lemma_of(head) in REPORT_NOUNS
        if head.pos_ in ("VERB", "AUX") and (
            lemma_of(head) in DENY_HEADS or reported and lemma_of(head) == "reject"
        ):
            return True
        if lemma_of(head) in ("than", "of", "without") and node.dep_ in ("pcomp", "pobj"):
            marker = {lemma_of(t) for t in head.children} | {lemma_of(head.head), lemma_of(head)}
            if marker & {"rather", "instead", "without"}:
                return True
        node = head
    return False


def is_mentioned(c: Candidate) -> bool:
    """True for an event noun the sentence names rather than reports.

    A noun reports its event with a light verb ("held talks", "imposed sanctions"), as what
    takes place ("clashes erupted", "five died in an airstrike") or as the subject of another
    trigger acting on an object ("Australian aid supported schools"); as the subject of any
    other verb, its predicate noun, or in a phrase on one ("his call to deport them has
    support", "the agreement with Iran is no good", "pushed back against the senator's
    attack") it names an event known otherwise.
    """
    if c.token.pos_ in ("VERB", "AUX", "ADJ"):
        return False
    if c.light is not None and lemma_of(c.light) in LEXICON.light_verbs:
        return False
    noun = c.phrase
    while noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head  # "sanctions and travel bans": as the first member is
    if noun.dep_ in SUBJECTS:
        governor = noun.head
        acts_on = any(ch.dep_ in ("dobj", "dative", "ccomp") for ch in governor.children)
        if lemma_of(governor) in LEXICON.verbs and acts_on:
            return False  # "Australian aid supported schools": what the aid did to whom
    elif noun.dep_ in ("pobj", "attr"):
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    else:
        return False
    return lemma_of(governor) not in LEXICON.occurrence_verbs


def reported_would(clause: Token) -> bool:
    """True for "would" in reported speech ("said they would release"): a future, not a guess."""
    if "would" not in aux_lemmas(clause) or aux_lemmas(clause) & (MODALS - {"would"}):
        return False
    node = clause
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
    return node.dep_ == "ccomp" and lemma_of(node.head) in REPORTING


def _unsure_purpose(clause: Token) -> bool:
    """A purpose clause of a step not taken: "until troops take positions to block arms".

    "travelled to London to take part in a meeting" reports the meeting; a purpose hanging on
    a verb that is itself conditional, awaited or modal does not.
    """
    if clause.dep_ != "advcl" or clause.tag_ != "VB":
        return False
    if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in clause.children):
        return False
    head = clause.head
    marks = {lemma_of(ch) for ch in head.children if ch.dep_ == "mark"}
    return bool(marks & (CONDITIONAL | {"until", "before"}) or aux_lemmas(head) & MODALS)


def is_hypothetical(c: Candidate) -> bool:
    """A modal, a condition, a weighing ("considering sanctions"), a purpose clause, a claim
    ("an allegation that he …", "on condition that …") or a yes-no question."""
    clause = _sharing_auxiliaries(c.clause)
    if any(aux_lemmas(node) & MODALS and not reported_would(node) for node in _governing(clause)):
        return True  # "could use its territory to bomb Iran", "might try to curb critics"
    if _yes_no_question(clause):
        return True
    if _unsure_purpose(clause):
        return True
    for node in (clause, *clause.ancestors):
        if node.dep_ in ("xcomp", "pcomp") and lemma_of(node.head) in HYPOTHETICAL_HEADS:
            return True
        if any(lemma_of(ch) in CONDITIONAL for ch in node.children if ch.dep_ == "mark"):
            return True
        if node.dep_ in ("acl", "relcl", "ccomp") and lemma_of(node.head) in UNASSERTED_NOUNS:
            return True  # "an allegation that he had raped her", "on condition that …"
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp"):
            break
    return False


def _governing(clause: Token) -> list[Token]:
    """The clause and the verbs it completes or is the purpose of ("try to curb", "use … to
    bomb"), up to three."""
    chain = [clause]
    while len(chain) < 4 and (complement(chain[-1]) or _infinitive_purpose(chain[-1])):
        chain.append(chain[-1].head)
    return chain


def _yes_no_question(verb: Token) -> bool:
    """ "Has he called for changing any of them?": an auxiliary before the subject, in a
    sentence that ends with a question mark, asks whether the act happened."""
    if not verb.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return False
    subject = next((ch for ch in verb.children if ch.dep_ in SUBJECTS), None)
    auxes = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if subject is None or not any(a.i < subject.i for a in auxes):
        return False
    # "Why did Russia attack Kyiv?" takes the attack as given
    return not any(t.tag_ in ("WRB", "WP", "WDT") for t in verb.doc[verb.sent.start : subject.i])


def _sharing_auxiliaries(verb: Token) -> Token:
    """The verb whose auxiliaries a conjunct shares: "may have removed them and returned
    them" — "returned" has neither auxiliary nor subject of its own."""
    node = verb
    while node.dep_ == "conj" and node.head is not node and node.head.pos_ in ("VERB", "AUX"):
        if any(ch.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for ch in node.children):
            break
        node = node.head
    return node


def _pending(verb: Token) -> bool:
    """True for an act named in a "before"/"until"/"once" clause in the present: not yet done."""
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head  # "before he throws his support to her or bows out"
    if node.dep_ != "advcl" or node.tag_ not in NOT_PAST:
        return False
    return any(lemma_of(ch) in PENDING_MARKS for ch in node.children if ch.dep_ == "mark")


def is_future(c: Candidate) -> bool:
    if reported_would(c.clause) or _pending(c.clause):
        return True
    node = c.clause
    for _ in range(3):
        if aux_lemmas(node) & FUTURE_AUX or node is not c.clause and reported_would(node):
            return True  # "has indicated he would try to curb critics"
        if complement(node) and lemma_of(node.head) in FUTURE_HEADS:
            return True
        if _intended_act(node):
            return True  # "announced a plan to attack Israel", "a desire to shoot her"
        if not (complement(node) or _infinitive_purpose(node)) and node.dep_ != "conj":
            break
        node = node.head
    return False


def _intended_act(clause: Token) -> bool:
    """The infinitive of an intention noun: "a plan to raise taxes"."""
    intended = lemma_of(clause.head) in INTENTION_NOUNS
    return clause.dep_ in ("acl", "relcl") and intended and to_infinitive(clause)


def _infinitive_purpose(clause: Token) -> bool:
    """ "to finance …" after the act it is the purpose of: "a plan to raise taxes to finance
    care" is as future as the plan."""
    return clause.dep_ == "advcl" and to_infinitive(clause)


def is_planned(c: Candidate) -> bool:
    """True when the clause is an intention ("plans to host", "hopes to meet", "her intention
    to vote for X"), not a schedule."""
    node = c.clause
    if _intended_act(node):
        return True
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        if node.dep_ == "xcomp" and lemma_of(node.head) in INTENT_HEADS:
            return True
        node = node.head
    return False


def place_entities(sent: Span) -> dict[int, Span]:
    return {t.i: ent for ent in sent.ents if ent.label_ in PLACE_LABELS for t in ent}


def location_of(c: Candidate, places: dict[int, Span], used: set[int]) -> Location | None:
    """A place named in a prepositional phrase on the trigger or the verbs above it."""
    for node in clause_chain(c):
        if node.dep_ == "relcl" and where_clause(node) and node.head.i in places:
            return make_location(places[node.head.i])
        for child in node.children:
            if child.dep_ != "prep" or lemma_of(child) not in LOCATION_PREPS:
                continue
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if pobj.i in places and pobj.i not in used:
                    return make_location(places[pobj.i])
    return None


def make_location(ent: Span) -> Location:
    name = ent.text
    return Location(name, gazetteer.place_country(name), ent.start_char, ent.end_char)


def sentence_dates(c: Candidate, sent: Span, doc: Doc) -> tuple[list[Any], list[Any]]:
    """The time expressions of the sentence: (attached to the event's clause, the others).

    Each list is ordered nearest to the trigger first, and the attached ones inside the
    trigger's own phrase before those on a verb above it ("disclosed on Tuesday that it asked
    in a letter Friday": Friday). An event noun takes only attached ones: "the invasion of
    Ukraine" does not happen on the day another clause reports. A date on a verb inside the
    event's clause is none of the others ("spoke to him about a show airing on May 23", "the
    minister, who is now suspended, criticised").
    """
    noun = c.token.pos_ not in ("VERB", "AUX", "ADJ")
    chain = {t.i for t in (own_clause(c) if noun else _up_to_relative(clause_chain(c)))}
    own = {t.i for t in c.clause.subtree} if not noun else set()
    attached, others, in_phrase = [], [], set()
    for d in doc._.dates or []:
        inside = sent.start_char <= d.start and d.end <= sent.end_char
        if not inside or not (d.type in ("DATE", "TIME") or counted_back(d)):
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        inner = span is not None and span.root.i in own and _same_clause(span.root, c.clause)
        near = span is not None and (span.root.head.i in chain or span.root.head.head.i in chain)
        if near or inner:
            attached.append(d)
        elif span is None or span.root.i not in own or not _nested(span.root, c.clause):
            others.append(d)
        if inner:
            in_phrase.add(d.start)
    by_distance = lambda d: (d.start not in in_phrase, abs(d.start - c.token.idx))  # noqa: E731
    return sorted(attached, key=by_distance), ([] if noun else sorted(others, key=by_distance))


def _nested(token: Token, clause: Token) -> bool:
    """True for a date inside the event's clause that belongs to a clause of its own: one
    describing a noun ("a show airing on May 23", "who is now suspended") or completing a verb
    ("invited him to appear in July"); adverbial clauses ("beginning on Sunday", "when they
    spoke last week") date what they modify."""
    node = token
    while node != clause and node.head != node:
        if node.dep_ in NESTED_CLAUSES:
            return True
        node = node.head
    return False


def _up_to_relative(chain: list[Token]) -> list[Token]:
    """The chain up to a relative clause: "Miller, who was suspended on Monday, pledged in July"
    does not date the suspension to July."""
    for n, node in enumerate(chain):
        if node.dep_ == "relcl":
            return chain[: n + 1]
    return chain


def _same_clause(token: Token, clause: Token) -> bool:
    """True when no other verb stands between the token and the clause ("a summit opening on
    July 20" dates the opening)."""
    node = token
    while node != clause and node.head != node:
        node = node.head
        if node != clause and node.pos_ in ("VERB", "AUX"):
            return False
    return True


@dataclass(frozen=True)
class Dating:
    """When an event happened, as its sentence tells it."""

    date: str | None  # the day (YYYY-MM-DD)
    date_text: str | None  # the words that date it
    source: str | None  # "sentence" or "published"
    historical: bool
    attached: list[Any]  # the time expressions on the event's own clause
    period: str | None  # the calendar period holding it (timex.periods)


def event_dating(c: Candidate, sent: Span, doc: Doc) -> Dating:
    """The date, date text and source, background flag and period of an event."""
    attached, others = sentence_dates(c, sent, doc)
    historical, recalled = background(c, doc, attached, others)
    date, date_text, source, value = event_date(c, sent, doc, historical)
    if recalled is not None:
        # the recalled day, else no day at all ("in 2014" has no day): never the publication's
        date = recalled if EXACT_DAY.match(recalled) else None
        date_text, source, value = date_text or recalled, "sentence", recalled
    period = date or period_of(value, date_text or "", doc._.reference_date)
    return Dating(date, date_text, source, historical, attached, period)


def event_date(
    c: Candidate, sent: Span, doc: Doc, historical: bool = False
) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, date_text, date_source, TIMEX value of the date text) for the event.

    The date is a day (YYYY-MM-DD, as the contract has it); a month, a year, "recently" leave
    it empty with their text in date_text and their TIMEX value beside it. A duration counted
    back from the reference date dates it too ("has spoken to him over the past three months").
    Without any time expression, news of the day takes the reference date with date_source
    "published"; a historical, future or hypothetical event takes none.
    """
    attached, others = sentence_dates(c, sent, doc)
    reference = doc._.reference_date
    candidates = attached + others
    if not candidates:
        if historical or reference is None or is_future(c) or is_hypothetical(c):
            return None, None, None, None  # not news of the day: no day to fall back on
        posted = post_day(doc, sent.start_char)
        if posted is not None:  # words of a post signed with its day
            return posted.value, posted.text.strip(), "sentence", posted.value
        told = _told_as_past(c.clause) and _statement(c.clause)
        earlier = _paragraph_day(c, sent, doc) if told else None
        if earlier is not None:
            return earlier.value[:10], earlier.text.strip(), "sentence", earlier.value
        return reference.isoformat(), None, "published", None
    best = candidates[0]
    value = best.value or ""
    text = best.text.strip()
    timed = DAY_WITH_TIME.match(value)  # "Saturday night", "at 8 pm": the day is known
    if timed:
        value = timed.group(1)
    if value == "PRESENT_REF" and reference is not None:
        # "now", "currently": the state at publication, which fixes no day of its own
        return reference.isoformat(), text, "published", None
    if EXACT_DAY.match(value):
        return value, text, "sentence", value
    return None, text, "sentence", value


def _told_as_past(verb: Token) -> bool:
    """A verb in the simple past ("accused", "was arrested"): it can continue the day an earlier
    sentence set, where a perfect ("has supported") tells a state instead."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ == "VBD":
        return True
    passive = [a for a in verb.children if a.dep_ == "auxpass"]
    return verb.tag_ == "VBN" and bool(passive) and passive[0].tag_ == "VBD"  # "was arrested"


def _statement(verb: Token) -> bool:
    """True for the sentence's own statement or what it reports, not a clause describing a
    noun ("Johnson, who was shot a year before") or setting a circumstance."""
    node = verb
    while node.dep_ in ("conj", "ccomp", "xcomp") and node.head != node:
        node = node.head
    return node.dep_ == "ROOT"


def _paragraph_day(c: Candidate, sent: Span, doc: Doc) -> Any | None:
    """The day the previous sentence of the paragraph gives, when it gives one day of the news.

    A sentence without a date of its own goes on with the story the sentence before it dated
    ("The judge ruled on Monday. He said the plot was enough to keep him in prison").
    """
    if sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    words = [t for t in previous if not t.is_space]
    if not words or "\n" in doc_text(doc)[words[-1].idx : sent.start_char]:
        return None  # the sentence opens a paragraph of its own
    reference = doc._.reference_date
    days = {}
    for d in doc._.dates or []:
        if previous.start_char <= d.start < words[-1].idx + len(words[-1]):
            day = DAY_WITH_TIME.match(d.value or "") or EXACT_DAY.match(d.value or "")
            if day and not is_before(d.value, reference) and not is_after(d.value, reference):
                days.setdefault(day.group(0)[:10], d)
    return next(iter(days.values())) if len(days) == 1 else None


def mode_of(c: Candidate, sent_lemmas: set[str]) -> str | None:
    reading = c.reading
    event = reading.event
    if (
        event == "CONSULT"
        and lemma_of(c.token) in HOST_VERBS
        and "between" in governed_lemmas(c.token)
    ):
        return "third-party"  # "Qatar hosted talks between X and Y"
    if event == "CONSULT" and reading.mode is None:
        near = {lemma_of(t) for node in (c.phrase, c.clause) for t in node.subtree}
        if near & PHONE_CUES:
            return "phone"
        if near & SUMMIT_CUES:
            return "multilateral"
        if any(lemma_of(t) in VISIT_CUES for t in clause_chain(c)[1:]):
            return "visit"
        return None
    if event == "ASSAULT" and reading.mode not in ASSAULT_ACTS:
        # a trigger naming the act keeps it ("gunmen kidnapped" is an abduction, "beat with
        # batons" a beating); otherwise the sentence's weapon words, most specific first
        cues = [ASSAULT_MODES[w] for w in sent_lemmas if w in ASSAULT_MODES]
        if cues:
            return min(cues, key=ASSAULT_RANK.__getitem__)
    if event in ("REQUEST", "REJECT") and reading.mode is None:
        return cued_mode(c.token, LEXICON.demand_mode_cues)
    if event == "THREATEN" and reading.mode is None:
        return cued_mode(c.token, LEXICON.threat_mode_cues)
    if event == "MOBILIZE" and reading.mode in (None, "troops"):
        objects = object_lemmas(c.clause, frozenset())
        if objects & LEXICON.words["weapons"]:
            return "weapons"
        if objects & LEXICON.words["police"]:
            return "police"
    return reading.mode


def cued_mode(token: Token, cues: tuple[tuple[str, frozenset[str]], ...]) -> str | None:
    """The first mode of a cue group whose words occur in what the trigger governs."""
    governed = governed_lemmas(token)
    return next((mode for mode, lemmas in cues if lemmas & governed), None)


def context_of(c: Candidate, sent_lemmas: set[str]) -> str | None:
    if c.reading.context:
        return c.reading.context
    cues = [CONTEXT_WORDS[w] for w in sent_lemmas if w in CONTEXT_WORDS]
    return min(cues, key=CONTEXT_RANK.__getitem__) if cues else None


def event_text_of(c: Candidate) -> tuple[str, int]:
    """The trigger span: verb with its particle, or light verb through the event noun."""
    doc = c.token.doc
    light = c.light
    if (
        light is not None
        and lemma_of(light) in LEXICON.light_verbs
        and 0 < c.token.i - light.i <= 4
    ):
        return doc[light.i : c.phrase.i + 1].text, light.idx
    if c.token.pos_ in ("VERB", "AUX"):
        prt = [ch for ch in c.token.children if ch.dep_ == "prt" and ch.i == c.token.i + 1]
        end = prt[-1].i if prt else c.token.i
        return doc[c.token.i : end + 1].text, c.token.idx
    span = doc[c.token.i : c.phrase.i + 1]
    return span.text, span.start_char
