"""Events: sentence-level PLOVER coding with actor, recipient, date, place and evidence.

A rule-based coder over the dependency parse. Each sentence holding a trigger lemma (a verb or
event noun of `plover.VERBS` / `plover.NOUNS`) yields one event per trigger:

* roles come from syntax: the subject (or the agent of a passive) is the actor, the object or a
  prepositional object the recipient; for event nouns the possessor or a country modifier
  ("the EU's sanctions", "US sanctions"), "between X and Y", or the subject of a light verb
  ("X held talks with Y"). Conjuncts become co-actors / co-recipients. Each role head is
  resolved through the actor layer (`actors.actor_at`, then `actors.resolve_reference`).
* reciprocal meetings follow PLOVER's actor lists: "X and Y met" gives actor X with co-actor Y
  and no recipient; "X met with Y" / "X held a call with Y" keeps the dyad (actor X, recipient
  Y), since the sentence names who initiated it. For hosted visits the visitor is the actor.
* reported speech: "said", "noted" are not events, the reported clause is coded on its own.
  Speech acts that are events (accuse, urge, warn, reject, praise ...) are coded; when they
  govern another event ("urged Iran to release ...", "refused to meet") that event sets the
  mode and is not coded separately, as the codebook prescribes for requests and threats.
* auxiliary modes: negated (a negation on the trigger or its light verb), hypothetical (modal
  or "if" clause), future ("will", "plans to", a date after the reference date). Following the
  codebook, future cooperation is AGREE and an announced retreat is CONCEDE; a meeting or
  visit reported as scheduled ("will meet") stays CONSULT with the future flag, while an
  intention to meet ("plans to host") is AGREE.
* remarks and conditions: what a political figure says of another with no event verb ("Smith's
  plan is a disaster") is coded by `remarks`; an act made to hang on what another side does
  ("will only talk if Washington lifts the sanctions") is a REQUEST of that side (`conditions`).
* date: an exact-day time expression attached to the trigger's clause (else the nearest one in
  the sentence); a vaguer one leaves the date empty; none at all gives the reference date.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom.ontology import plover
from sitroom.pipeline.doc import doc_text
from sitroom.pipeline.events import senses
from sitroom.pipeline.events.background import is_after
from sitroom.pipeline.events.candidate import Candidate
from sitroom.pipeline.events.conditions import conditional_demands
from sitroom.pipeline.events.lexicon import LEXICON
from sitroom.pipeline.events.modifiers import (
    context_of,
    event_dating,
    event_text_of,
    is_future,
    is_hypothetical,
    is_mentioned,
    is_negated,
    is_planned,
    location_of,
    make_location,
    mode_of,
    place_entities,
)
from sitroom.pipeline.events.remarks import remark_events
from sitroom.pipeline.events.repeats import headline_end, merge_repeats
from sitroom.pipeline.events.roles import Sides, sides
from sitroom.pipeline.events.syntax import lemma_of
from sitroom.pipeline.events.triggers import find_candidates, link_frames
from sitroom.records import Entity, Event, stable_id

# What naming an event without reporting it costs in confidence: enough to keep even a fully
# resolved event noun ("the EU's sanctions on Iran are working") out of the default dataset.
MENTIONED = 0.45
# Sectors of armed groups that are not a state's forces.
NON_STATE = frozenset({"REB", "PRM", "UAF"})
# Sectors of people whose rally is a demonstration rather than a campaign stop.
DISSENTING = frozenset({"OPP", "CVL"})


def _confidence(
    c: Candidate, actor: Entity | None, recipient: Entity | None, date_source: str | None
) -> float:
    score = 0.4
    if actor is not None:
        score += 0.25 if actor.id else 0.1
    if recipient is not None:
        score += 0.15 if recipient.id else 0.08
    if c.reading.mode:
        score += 0.05
    if date_source == "sentence":
        score += 0.05
    if c.reading.weak:
        score -= 0.15
    if is_mentioned(c):
        score -= MENTIONED  # named, not reported: stored, below the default threshold
    return round(min(0.95, max(0.05, score)), 2)


def _admissible(c: Candidate, found: Sides) -> bool:
    """Whether the sides are enough to code the event at all."""
    if c.reading.needs_recipient and (found.recipient is None or not found.recipient.id):
        return False  # "spoke on television" is no consultation, nor oneself a recipient
    if c.reading.crowd and _politician(found):
        return False  # "Clinton held a rally", "a Trump rally": campaigning, not protest
    return found.actor is not None or c.reading.event in plover.ACTORLESS_OK


def _politician(found: Sides) -> bool:
    """Whether the acting side is a named, coded person who is no dissident or civilian."""
    actor, token = found.actor, found.actor_token
    if actor is None or token is None or token.ent_type_ != "PERSON":
        return False
    return actor.code is not None and actor.sector not in DISSENTING


def _declared(c: Candidate) -> bool:
    """True when stating the intention is the act: "plans to vote for her" endorses her now."""
    return c.reading.declared and is_planned(c)


def _type_and_mode(c: Candidate, found: Sides, future: bool, lemmas: set[str]):
    """The final (event, mode): the codebook folds intentions and futures into AGREE."""
    event, mode = c.reading.event, mode_of(c, lemmas)
    if event == "CONSULT" and len(found.actors) > 2 and found.recipient is None and mode != "phone":
        mode = "multilateral"  # three or more participants and nobody hosting
    if event == "CONSULT" and is_planned(c):
        return "AGREE", None  # a plan to meet is an intention, coded as the codebook's AGREE
    if event == "MOBILIZE" and mode == "troops" and found.actor and found.actor.sector in NON_STATE:
        mode = "militia"  # the forces of an armed group, not of a state
    if future and event in plover.FUTURE_FOLD:
        return plover.FUTURE_FOLD[event], None
    return event, mode


def _code(c: Candidate, sent: Span, places: dict[int, Span], lemmas: set[str]) -> Event | None:
    """One candidate to an event: sides, admissibility, date, type and mode, modifiers."""
    doc = sent.doc
    found = sides(c, doc, places)
    if not _admissible(c, found):
        return None
    actor, recipient = found.actor, found.recipient
    dating = event_dating(c, sent, doc)
    historical = dating.historical
    # a later date makes the event future only on its own clause: "spoke to him, about a
    # show airing on May 23" happened
    later = any(is_after(d.value, doc._.reference_date) for d in dating.attached)
    future = not historical and (is_future(c) or later) and not _declared(c)
    event, mode = _type_and_mode(c, found, future, lemmas)
    used = {t.i for t in (found.actor_token, found.recipient_token) if t is not None}
    location = make_location(found.visited) if found.visited else location_of(c, places, used)
    event_text, trigger_at = event_text_of(c)
    return Event(
        id=stable_id("e", doc._.doc_id or "", sent.start_char, trigger_at, event),
        event=event,
        mode=mode,
        context=context_of(c, lemmas),
        date=dating.date,
        date_text=dating.date_text,
        date_source=dating.source,
        actor=actor,
        recipient=recipient,
        event_text=event_text,
        text=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        location=location,
        negated=is_negated(c),
        hypothetical=is_hypothetical(c),
        future=future,
        historical=historical,
        period=dating.period,
        confidence=_confidence(c, actor, recipient, dating.source),
        co_actors=found.actors[1:],
        co_recipients=found.recipients[1:],
    )


def code_sentence(sent: Span) -> list[Event]:
    """Every event reported in one sentence of a processed Doc."""
    lemmas = {lemma_of(t) for t in sent}
    if not lemmas & LEXICON.trigger_lemmas:
        return []
    found = senses.apply(link_frames(find_candidates(sent)), lemmas)
    if not found:
        return []
    places = place_entities(sent)
    events = (_code(c, sent, places, lemmas) for c in found)
    return [event for event in events if event is not None]


def find_events(doc: Doc) -> list[Event]:
    """Every PLOVER event reported in `doc`, one or more per sentence, each report once
    (`repeats`: headline and lead, nested speech)."""
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(code_sentence(sent))
    events.extend(remark_events(doc, events))
    events.extend(conditional_demands(doc, events))
    return merge_repeats(events, headline_end(doc_text(doc)))


@Language.component("sitroom_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = find_events(doc)
    return doc
