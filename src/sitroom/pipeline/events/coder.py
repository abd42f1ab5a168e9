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
* date: an exact-day time expression attached to the trigger's clause (else the nearest one in
  the sentence); a vaguer one leaves the date empty; none at all gives the reference date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.ontology import plover
from sitroom.ontology.plover import Trigger
from sitroom.pipeline import actors
from sitroom.pipeline.actors import gazetteer
from sitroom.records import Entity, Event, Location, stable_id

SUBJECTS = words.ACTIVE_SUBJECTS
PASSIVE_SUBJECTS = words.PASSIVE_SUBJECTS
OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
RECIPIENT_PREPS = ("with", "on", "against", "to", "at", "upon", "for", "into", "from", "toward",
                   "towards", "over")  # fmt: skip
NOUN_RECIPIENT_PREPS = ("against", "on", "with", "to", "for", "at", "upon", "into", "of")
# "a meeting of X" names a participant and "the deployment of troops" what is moved, so
# "of" gives no recipient for these types.
NOUN_PREPS = {
    "CONSULT": ("with", "to"),
    "SUPPORT": ("for", "to", "with", "on"),
    "MOBILIZE": ("against", "to", "on", "near"),
    "AID": ("to", "for"),
}
# Where the receiver of a thing hangs on the thing: "sanctions on", "aid deals with".
THING_PREPS = ("on", "against", "to", "for", "with", "into")
COMPANION_PREPS = frozenset({"alongside", "beside", "together"})
LOCATION_PREPS = frozenset({"in", "to", "at", "near", "outside", "inside", "across"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Named-entity types that never fill a role: "resigned on Sunday", "a loan of $1 billion".
NOT_ROLES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
TIME_PREPS = frozenset({"during", "after", "before", "since", "until", "till", "amid", "following"})
LEFT_MODIFIERS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct", "predet"}
)
RELATIVE = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON = words.FIRST_PERSON
MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
FUTURE_HEADS = frozenset(
    "plan intend expect schedule set due aim prepare go seek hope want propose".split()
)
# Heads of intentions; "scheduled", "due", "will" report a planned fact instead.
INTENT_HEADS = frozenset("plan intend aim hope want propose seek offer".split())
CONDITIONAL = frozenset({"if", "unless", "whether"})
SPEECH_VERBS = words.DISCLOSURE_VERBS
REPORTING = words.REPORTING_VERBS
HYPOTHETICAL_HEADS = frozenset({"consider", "mull", "weigh", "contemplate", "explore"})
FAIL_HEADS = frozenset({"fail", "refuse", "decline", "cease", "stop"})
PACKAGE_NOUNS = frozenset(
    "package regime measure round list campaign wave programme program law bill".split()
)
PHONE_CUES = frozenset(
    "phone telephone video videoconference teleconference virtual virtually online remotely "
    "call".split()
)
VISIT_CUES = frozenset({"visit", "trip", "travel", "arrive", "fly", "tour", "journey"})
AGENT_NOUNS = frozenset(
    """government army military police troop force soldier rebel militant insurgent fighter
    gunman gunmen protester demonstrator activist court judge prosecutor minister ministry
    president leader official authority administration parliament lawmaker legislator
    senator congress cabinet party opposition union worker student group organization
    organisation coalition alliance bloc council agency office embassy diplomat ambassador
    envoy spokesman spokeswoman spokesperson navy jet warplane aircraft drone bomb attacker
    bomber militia separatist terrorist regime junta state country nation people resident
    villager civilian member team commission committee company firm bank delegation mayor
    governor king queen prince premier chancellor pm chief commander general officer
    guard""".split()
)
MUNITIONS = frozenset("missile rocket drone shell bomb mortar projectile round salvo".split())
# Types whose direct object is a target even when it names no actor.
TARGETED = frozenset({"ASSAULT", "COERCE"})
CONFLICT = frozenset({"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "THREATEN", "PROTEST"})
THREAT_OBJECTS = frozenset(
    "consequence retaliation response action war attack sanction strike force measure".split()
)
# Gated objects that are people: "freed 37 prisoners", "expelled diplomats" - the recipient.
PERSON_OBJECTS = plover.WORDS["captives"] | plover.WORDS["diplomats_or_staff"]
EXACT_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DAY_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
# A governing verb that denies or ends what it governs: "denied targeting", "ended its support".
DENY_HEADS = frozenset({"deny", "refute", "dismiss"})
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "suggestion"})
# Verbs whose object event is ended or broken, not reported: "ended its support for X",
# "violated the ceasefire" (which is an attack, not a ceasefire).
END_VERBS = frozenset(
    "end halt stop cease suspend abandon terminate drop discontinue curtail violate breach "
    "break".split()
)
# People named by what they oppose: in "a Kremlin critic" the Kremlin is not the person.
OPPONENT_NOUNS = frozenset(
    "critic opponent dissident defector detractor foe adversary exile enemy".split()
)
# Manner words that make "respond" a threat of force when it stands alone.
FORCE_ADVERBS = frozenset(
    "militarily forcefully decisively firmly harshly strongly resolutely swiftly".split()
)
WEEKDAYS = words.WEEKDAYS | frozenset(words.RELATIVE_DAYS)
ASSAULT_RANK = {mode: rank for rank, (mode, _) in enumerate(plover.ASSAULT_MODE_CUES)}
CONTEXT_RANK = {ctx: rank for rank, (ctx, _) in enumerate(plover.CONTEXT_CUES)}


@dataclass
class _Candidate:
    """A trigger found in a sentence before roles are filled in."""

    token: Token
    reading: Trigger
    light: Token | None = None  # the verb lending its subject to an event noun
    head: Token | None = None  # the noun phrase head when the trigger is a modifier
    inner: list[_Candidate] = field(default_factory=list)
    absorbed: bool = False

    @property
    def clause(self) -> Token:
        """The verb whose subject and modifiers belong to the event."""
        return self.light if self.light is not None else self.token

    @property
    def phrase(self) -> Token:
        return self.head if self.head is not None else self.token


# --------------------------------------------------------------------------- trigger finding


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _particles(token: Token) -> set[str]:
    # "let free" parses "free" as a predicate adjective
    deps = ("prt", "prep", "agent", "acomp", "oprd", "ccomp")
    return {_lemma(c) for c in token.children if c.dep_ in deps}


def _object_lemmas(token: Token, particles: frozenset[str]) -> set[str]:
    """Lemmas of what the verb acts on: objects, passive subjects, objects of its particle."""
    heads = [c for c in token.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECTS]
    for prep in token.children:
        if prep.dep_ == "prep" and _lemma(prep) in particles:
            heads.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "the sanctions lifted last week"
        heads.append(token.head)
    for prep in token.children:  # "provided Egypt with aircraft"
        if prep.dep_ == "prep" and _lemma(prep) == "with":
            heads.extend(c for c in prep.children if c.dep_ == "pobj")
    lemmas = set()
    for head in heads:
        lemmas.update(_lemma(t) for t in (head, *head.conjuncts))
        named = (head, *(c for c in head.children if c.dep_ == "appos"))
        if any(t.ent_type_ in ("PERSON", "NORP") for t in named):
            # a named person: "released Odin Sanchez", "released the teacher Marc Fogel"
            lemmas.add("@person")
        lemmas.update(_lemma(c) for c in head.children if c.dep_ == "compound")
    return lemmas


def _verb_reading(token: Token) -> Trigger | None:
    """The first reading of a verb trigger whose conditions hold at this token."""
    readings = plover.VERBS.get(_lemma(token))
    if not readings or token.pos_ not in ("VERB", "AUX") and token.tag_ != "VBN":
        return None
    particles = _particles(token)
    for reading in readings:
        if reading.particles and not reading.particles & particles:
            continue
        if reading.transitive and not any(c.dep_ == "dobj" for c in token.children):
            continue
        objects = _object_lemmas(token, reading.particles)
        if reading.not_objects & objects:
            continue
        if reading.objects and not reading.objects & objects and not reading.frame:
            continue
        return reading
    return None


def _joined_lemma(token: Token) -> str:
    """The lemma of a hyphenated word the tokenizer split ("counter-measures", "cease-fire")."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 2].whitespace_:
        return _lemma(token)
    if doc[token.i - 1].whitespace_:
        return _lemma(token)
    prefix = doc[token.i - 2].lower_
    for joined in (prefix + _lemma(token), f"{prefix}-{_lemma(token)}"):
        if joined in plover.NOUNS:
            return joined
    return _lemma(token)


def _noun_reading(token: Token) -> Trigger | None:
    readings = plover.NOUNS.get(_joined_lemma(token))
    if not readings or token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.is_lower):
        return None  # "March 27" is a date, not a march
    particles = _particles(token) | {
        _lemma(c) for c in token.children if c.dep_ == "acl" and c.tag_ == "VB"
    }
    for reading in readings:
        if reading.particles and not reading.particles & particles:
            continue
        return reading
    return None


def _light_verb(token: Token, depth: int = 0) -> Token | None:
    """The verb governing an event noun ("held [talks]", "take part in [a meeting]")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and _lemma(head) != "with":
        # "with" phrases are circumstances ("met, with support for X on the agenda"); the
        # verbs taking a thing through "with" ("threatened X with sanctions") are frames
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb
        if _lemma(head) in ("in", "of") and verb.pos_ == "NOUN" and depth == 0:
            # "announced $33 million in assistance", "began a round of joint exercises"
            light = _light_verb(verb, depth + 1)
            if light is not None and _lemma(light) in plover.LIGHT_VERBS:
                return light
    return None


def _candidates(sent: Span) -> list[_Candidate]:
    found: list[_Candidate] = []
    for token in sent:
        lemma = _lemma(token)
        if lemma not in plover.TRIGGER_LEMMAS and _joined_lemma(token) not in plover.NOUNS:
            continue
        reading = _verb_reading(token)
        if reading is not None:
            found.append(_Candidate(token, reading))
            continue
        if lemma in plover.ADJECTIVES and token.pos_ == "ADJ":
            if any(c.dep_ == "xcomp" for c in token.children):
                light = token.head if token.head.pos_ in ("AUX", "VERB") else None
                found.append(_Candidate(token, plover.ADJECTIVES[lemma], light=light))
            continue
        reading = _noun_reading(token)
        if reading is None:
            continue
        head = None
        if token.dep_ == "compound":
            # "sanction package" codes; "attack helicopter", "aid worker" do not
            if _lemma(token.head) not in PACKAGE_NOUNS:
                continue
            head = token.head
        reading = _retype_noun(token, reading)
        phrase = head if head is not None else token
        if _ended(phrase):
            continue  # "ended its support for X" reports the end of support, not support
        found.append(_Candidate(token, reading, light=_light_verb(phrase), head=head))
    return found


def _ended(noun: Token) -> bool:
    """True when an event noun is the object of a verb that ends or breaks it."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or _lemma(verb) not in END_VERBS:
        return False
    return not any(c.dep_ == "prt" for c in verb.children)  # "broke up protests" did happen


def _retype_noun(token: Token, reading: Trigger) -> Trigger:
    """Event nouns whose modifiers change their type ("hunger strike", "joint exercise")."""
    lemma = _lemma(token)
    mods = {_lemma(c) for c in token.children if c.dep_ in ("compound", "amod")}
    light = _light_verb(token)
    if lemma == "strike" and light is not None and _lemma(light) in ("call", "stage", "go"):
        mods.add("labour")  # "called a strike", "went on strike"
    if lemma == "strike" and mods & plover.STRIKE_PROTEST:
        return Trigger("PROTEST", "hunger" if "hunger" in mods else "strike")
    if lemma in ("exercise", "drill") and mods & {"joint", "combined", "bilateral", "trilateral"}:
        return Trigger("COOPERATE", None, "military")
    if lemma in ("exercise", "drill") and not mods & {"military", "naval", "war", "live-fire"}:
        return Trigger("MOBILIZE", "troops", weak=True) if "troops" in mods else reading
    return reading


def _strike_verb(c: _Candidate) -> None:
    """A striking workforce protests; anything else that strikes attacks."""
    if _lemma(c.token) != "strike" or c.reading.event != "PROTEST":
        return
    subject = _subject(c.token)
    if subject is None or _lemma(subject) not in plover.WORDS["labour"]:
        c.reading = Trigger("ASSAULT", None)


def _link_frames(found: list[_Candidate]) -> list[_Candidate]:
    """Attach events governed by another trigger to it; drop nouns their verb already codes."""
    by_token = {c.token.i: c for c in found}
    for c in found:
        for other in found:
            if other is c or other.absorbed:
                continue
            if _governs(c, other):
                other.absorbed = True
                if c.reading.frame:
                    c.inner.append(other)
    kept = []
    for c in found:
        if c.absorbed:
            continue
        _strike_verb(c)
        reading = _frame_reading(c)
        if reading is None or reading.intent and not _intended(c):
            continue
        c.reading = reading
        kept.append(c)
    del by_token
    return kept


def _intended(c: _Candidate) -> bool:
    """True when a reprisal word is stated as intended: "would retaliate", "vowed to punish".

    A bare "respond" also needs a manner of force ("would respond militarily").
    """
    if _lemma(c.token) == "respond" and not any(
        _lemma(ch) in FORCE_ADVERBS for ch in c.token.children
    ):
        return False
    # a condition ("if Israel retaliated") is not a stated intention; a modal is, also on the
    # verb governing the reprisal ("would be forced to take counter-measures")
    node = c.clause
    for _ in range(3):
        if _aux_lemmas(node) & MODALS:
            return True
        if node.dep_ != "xcomp":
            break
        node = node.head
    return _future(c)


def _governs(c: _Candidate, other: _Candidate) -> bool:
    """True when `other` is the complement or object of the trigger `c`."""
    if c.token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    target = other.clause if other.light is not None else other.token
    if other.light is not None and other.light == c.token:
        return True  # "signed an agreement", "urged talks"
    node = target
    # a complement clause, possibly through "to" infinitives and conjunctions
    for _ in range(3):
        if node.head == c.token and node.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "conj"):
            return node.dep_ != "conj" or c.reading.frame
        if node.dep_ == "pobj" and node.head.head == c.token:
            return True
        if node.dep_ in ("conj", "xcomp") and node.head != node:
            node = node.head
            continue
        break
    return False


def _frame_reading(c: _Candidate) -> Trigger | None:
    """The final reading of a trigger, given the event it governs (if any)."""
    reading = c.reading
    if not reading.frame:
        return reading
    inner = c.inner[0].reading if c.inner else None
    lemma = _lemma(c.token)
    if reading.event == "THREATEN":
        if inner is None and lemma == "warn":
            objects = _object_lemmas(c.token, frozenset({"of", "against"}))
            return reading if objects & THREAT_OBJECTS else None
        if lemma == "warn" and inner and inner.event not in CONFLICT | {"REJECT"}:
            return None
        return _with_mode(reading, _threat_mode(inner))
    if reading.event == "AGREE":
        if inner is not None and inner.event in ("RETREAT", "CONCEDE"):
            return Trigger("CONCEDE", context=inner.context)
        if inner is not None and inner.event in CONFLICT:
            return Trigger("THREATEN", _threat_mode(inner)) if lemma in ("vow", "promise") else None
        if inner is None and lemma == "agree" and not _agree_has_object(c.token):
            return None  # "agreed that ..." reports a shared view, not a commitment
        return _with_mode(reading, None, inner.context if inner else None)
    if reading.event == "REJECT" and inner is None and _says_nothing(c.token):
        return None  # "declined to comment" is a statement, not a rejection
    if reading.event in ("REQUEST", "REJECT"):
        return _with_mode(reading, _request_mode(inner, c.token), inner.context if inner else None)
    return reading


def _says_nothing(token: Token) -> bool:
    return any(c.dep_ == "xcomp" and _lemma(c) in SPEECH_VERBS for c in token.children)


def _agree_has_object(token: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "xcomp") or (c.dep_ == "prep" and _lemma(c) in ("to", "on", "upon"))
        for c in token.children
    )


def _with_mode(reading: Trigger, mode: str | None, context: str | None = None) -> Trigger:
    return Trigger(reading.event, mode or reading.mode, context or reading.context,
                   weak=reading.weak)  # fmt: skip


def _threat_mode(inner: Trigger | None) -> str | None:
    if inner is None:
        return None
    if inner.event in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if inner.event == "COERCE":
        return {"arrest": "arrest", "seize": "territory", "deport": "expel"}.get(
            inner.mode or "", "restrict"
        )
    if inner.event == "SANCTION":
        return "expel" if inner.mode == "expel" else "relations"
    if inner.event in ("PROTEST",):
        return "restrict"
    return None


def _request_mode(inner: Trigger | None, token: Token) -> str | None:
    if inner is not None:
        return {
            "CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist",
            "SUPPORT": "assist", "RETREAT": "yield", "CONCEDE": "yield",
        }.get(inner.event, "change")  # fmt: skip
    objects = _object_lemmas(token, frozenset({"for", "to"}))
    if objects & plover.WORDS["meetings"]:
        return "meet"
    if objects & {"help", "aid", "assistance", "support"}:
        return "assist"
    return None


# --------------------------------------------------------------------------- roles


def _subject(verb: Token) -> Token | None:
    """The grammatical subject of `verb`, following xcomp / conj / relcl chains upward."""
    node = verb
    subjects = SUBJECTS
    for _ in range(4):
        for child in node.children:
            if child.dep_ in subjects:
                if _lemma(child) in RELATIVE and node.dep_ == "relcl":
                    return node.head
                return child
        # "Moscow would be forced to take counter-measures": the passive subject of the
        # governing verb is who takes them
        subjects = SUBJECTS | PASSIVE_SUBJECTS if node.dep_ == "xcomp" else SUBJECTS
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head if not _where_clause(node) else None
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head != node:
            if node.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in node.head.children):
                return next(c for c in node.head.children if c.dep_ == "dobj")
            node = node.head
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG":
            return node.head
        if node.dep_ == "pcomp" and _lemma(node.head) == "by" and node.head.head.pos_ == "VERB":
            # "responded by cancelling the visit": the means has the main verb's subject
            node = node.head.head
            continue
        return None
    return None


def _where_clause(verb: Token) -> bool:
    return any(_lemma(c) in ("where", "when") for c in verb.children if c.dep_ == "advmod")


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _prep_object(token: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first of `preps` (in that order of preference) under `token`."""
    by_prep = {}
    for child in token.children:
        if child.dep_ in ("prep", "prt") and _lemma(child) not in by_prep:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in NOT_ROLES:
                by_prep[_lemma(child)] = pobj
    return next((by_prep[p] for p in preps if p in by_prep), None)


def _verb_roles(c: _Candidate) -> tuple[Token | None, Token | None]:
    verb = c.token
    passive = next((x for x in verb.children if x.dep_ in PASSIVE_SUBJECTS), None)
    if passive is not None or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        actor = _agent(verb)
        recipient = passive if passive is not None else verb.head
    else:
        actor = _subject(verb)
        recipient = next((x for x in verb.children if x.dep_ in ("dobj", "dative")), None)
    if recipient is not None and not c.reading.frame and _object_not_receiver(c, recipient):
        # "sent aid to Sudan": the object is what is given; the receiver follows "to", or
        # hangs on the thing itself ("eased sanctions against Burma")
        thing = recipient
        of_thing = _prep_object(thing, ("of",))
        recipient = (
            _prep_object(verb, ("to", "for", "into"))
            or next((x for x in verb.children if x.dep_ == "dative"), None)
            or _prep_object(thing, THING_PREPS)
            # "handed the instrument of accession to Blinken" attaches "to" to the last noun
            or (_prep_object(of_thing, ("to",)) if of_thing is not None else None)
        )
    elif recipient is None or c.reading.frame:
        preps = tuple(c.reading.particles) + RECIPIENT_PREPS
        recipient = recipient or _prep_object(verb, preps)
    if recipient is not None and c.reading.event in TARGETED and _fired(recipient):
        # "fired rockets at Jordan": what is fired is the means, the target follows "at"
        recipient = _prep_object(verb, ("at", "on", "against", "into", "toward", "towards"))
    if c.reading.swap and recipient is not None:
        actor, recipient = recipient, actor
    return actor, recipient


def _fired(token: Token) -> bool:
    """True for an object naming munitions ("dozens of rockets", "300 drones")."""
    if token.dep_ not in ("dobj", "obj"):
        return False
    heads = [token, *(g for p in token.children if _lemma(p) == "of" for g in p.children)]
    return any(_lemma(h) in MUNITIONS for h in heads)


def _object_not_receiver(c: _Candidate, token: Token) -> bool:
    """True when the object is what is given or ended, not who receives it.

    Either the object gating the trigger ("sent aid", "eased sanctions"), or, for cooperative
    events, an object that names no actor ("returned the paintings to Italy").
    """
    lemma = _lemma(token)
    if lemma in c.reading.objects:
        return lemma not in PERSON_OBJECTS
    if c.reading.event in CONFLICT or token.dep_ not in ("dobj", "obj"):
        return False
    return _entity(token.doc, token) is None and token.ent_type_ not in ("PERSON", "NORP")


def _roles(c: _Candidate) -> tuple[Token | None, Token | None, list[Token]]:
    """(actor, recipient, companions) role heads of a candidate."""
    if c.token.pos_ == "ADJ":
        return _subject(c.clause), None, []
    if c.token.pos_ not in ("VERB", "AUX"):
        return _noun_roles(c)
    actor, recipient = _verb_roles(c)
    if _lemma(c.token) in ("clash", "fight") and recipient is not None:
        return actor, None, [recipient]
    return actor, recipient, []


def _speaker_subject(token: Token | None) -> Token | None:
    """The named subject a pronoun subject of a reported clause stands for.

    "Sri Lankan officials claimed that they had attacked ..." : "they" is the officials.
    """
    if token is None or token.pos_ != "PRON" or token.dep_ not in SUBJECTS:
        return token
    clause = token.head
    if clause.dep_ != "ccomp" or _lemma(token) not in ("he", "she", "they", "it"):
        return token
    matrix = next((ch for ch in clause.head.children if ch.dep_ in SUBJECTS), None)
    if matrix is None or matrix.pos_ not in ("NOUN", "PROPN"):
        return token
    return matrix


def _noun_roles(c: _Candidate) -> tuple[Token | None, Token | None, list[Token]]:
    noun = c.phrase
    actor = recipient = None
    companions: list[Token] = []
    for child in noun.children:
        if child.dep_ != "poss" or _is_date(child):
            continue  # "Monday's meeting" is dated, not held by Monday
        if _lemma(child) not in ("its", "their", "his", "her", "our"):
            actor = child
        else:
            # "Pakistan ended its support": the possessive stands for the clause's subject
            owner = _subject(noun.head) if noun.dep_ == "dobj" else None
            if owner is not None and owner.pos_ != "PRON":
                actor = owner
            else:
                actor = child if _entity(noun.doc, child) is not None else None
    if actor is None:
        actor = _agent(noun) or _prep_object(noun, ("by",))
    between = _prep_object(noun, ("between", "among", "amongst"))
    if actor is None and between is not None:
        actor = between
    if actor is None:
        actor = next((m for m in _modifiers(noun) if _is_actor(m)), None)
    light_subject = None
    if c.light is not None and _lemma(c.light) in plover.LIGHT_VERBS:
        light_subject = _subject(c.light)
    if actor is None or (actor.pos_ == "PRON" and light_subject is not None):
        # "Syrian forces continued their attacks": the subject names who "their" is
        actor = light_subject or actor
    preps = NOUN_PREPS.get(c.reading.event, NOUN_RECIPIENT_PREPS)
    recipient = _prep_object(noun, preps)
    if recipient is None and c.light is not None:
        recipient = _prep_object(c.light, ("with", "against", "on", "to"))
    if recipient is not None and recipient == actor:
        recipient = None
    for token in noun.subtree:
        if token.dep_ == "prep" and _lemma(token) in COMPANION_PREPS:
            companions.extend(g for g in token.children if g.dep_ == "pobj")
    return actor, recipient, companions


def _is_date(token: Token) -> bool:
    return token.ent_type_ in NOT_ROLES or _lemma(token) in WEEKDAYS


def _modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]


def _is_actor(token: Token) -> bool:
    doc = token.doc
    return (doc._.token_actor or {}).get(token.i) is not None


# --------------------------------------------------------------------------- entities


def _phrase_span(token: Token) -> Span:
    """The token with its left-hand noun modifiers ("the latest US", "NATO Secretary ...")."""
    start = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in LEFT_MODIFIERS:
            start = min(start, child.left_edge.i)
    doc = token.doc
    # a dateline or date parsed into the phrase ("17 July 2017 Russia's court") is no name
    while start < token.i and (doc[start].is_punct or doc[start].ent_type_ in ("DATE", "TIME")):
        start += 1
    return doc[start : token.i + 1]


def _noun_phrase(token: Token) -> Span:
    """The whole noun phrase a role head names, as news annotators mark actors.

    Left modifiers plus the right-hand "of"-phrases, prepositional phrases, appositions and
    parentheses ("the government of Italy", "Victoire Ingabire, leader of the FDU",
    "Lesotho Defence Force (LDF)"); it stops at relative clauses, participles, conjuncts and
    phrases of time ("on Tuesday"). Pronouns are their own phrase.
    """
    left = _phrase_span(token)
    if token.pos_ == "PRON":
        return left
    end = token.i
    for child in token.children:
        if child.i <= token.i:
            continue
        if not _phrase_part(child):
            break
        end = child.right_edge.i
    doc = token.doc
    while end > token.i and (doc[end].is_punct and doc[end].text != ")" or doc[end].dep_ == "cc"):
        end -= 1
    if doc[end].text == ")" and "(" not in doc[left.start : end].text:
        end -= 1
    return doc[left.start : end + 1]


def _phrase_part(child: Token) -> bool:
    """True when a right-hand child of a noun belongs to the phrase naming the actor."""
    if child.dep_ == "appos" or (child.dep_ == "punct" and child.text in ",("):
        return True
    if child.dep_ == "punct":
        return child.text == ")"
    if child.dep_ != "prep" or _lemma(child) in TIME_PREPS:
        return False
    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ not in NOT_ROLES


def _quote_speaker(doc: Doc, token: Token) -> Entity | None:
    for quote in doc._.quotes or []:
        if quote.speaker is not None and quote.start <= token.idx < quote.end:
            return quote.speaker
    return None


def _entity(doc: Doc, token: Token, depth: int = 0) -> Entity | None:
    """Resolve a role head to an entity through the actor layer."""
    if _is_date(token):
        return None  # dates never fill a role
    actor = actors.actor_at(doc, token.i) or actors.resolve_reference(doc, token.i)
    if actor is not None:
        return actor.entity(_noun_phrase(token).text)
    if token.pos_ == "PRON":
        if _lemma(token) in FIRST_PERSON:
            return _quote_speaker(doc, token)
        return None
    agentive = _lemma(token) in AGENT_NOUNS
    # "a Kremlin critic" is a person of their own, not the Kremlin
    modifiers = [] if _lemma(token) in OPPONENT_NOUNS else _modifiers(token)
    for child in modifiers:
        found = actors.actor_at(doc, child.i)
        if found is not None:
            text = _noun_phrase(token if token.pos_ in ("NOUN", "PROPN") else child).text
            return found.entity(text)
    if depth == 0:
        owner = _prep_object(token, ("of",))
        if owner is not None:
            inner = _entity(doc, owner, depth + 1)
            if inner is not None and agentive:  # "the government of Italy" names Italy
                return replace(inner, entity_text=_noun_phrase(token).text)
            if inner is not None:
                return inner
    named = token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    if token.pos_ == "PROPN" or agentive or named or _lemma(token) in OPPONENT_NOUNS:
        text = _noun_phrase(token).text
        return Entity(id=None, name=text, entity_text=text)
    return None


def _group(doc: Doc, token: Token | None, targets: bool = False) -> list[Entity]:
    """The entity at `token` followed by those of its conjuncts ("X and Y").

    With `targets`, any noun phrase counts: what is attacked or seized ("an army camp",
    "a CATS ambulance") is the recipient even when no actor owns it.
    """
    if token is None:
        return []
    found = []
    for member in (token, *token.conjuncts):
        entity = _entity(doc, member)
        if entity is None and targets and member.pos_ in ("NOUN", "PROPN"):
            text = _noun_phrase(member).text
            entity = Entity(id=None, name=text, entity_text=text)
        if entity is not None and all(e.name != entity.name for e in found):
            found.append(entity)
    return found


# --------------------------------------------------------------------------- modifiers


def _chain(c: _Candidate) -> list[Token]:
    """The trigger, its light verb and their ancestors: where clause modifiers attach."""
    seen: list[Token] = []
    for start in (c.token, c.phrase, c.clause):
        for node in (start, *start.ancestors):
            if node not in seen:
                seen.append(node)
    return seen


def _negated(c: _Candidate) -> bool:
    for node in (c.token, c.phrase, c.clause):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and _lemma(child) == "no"):
                return True
    if _denied(c):
        return True
    node = c.clause
    while node.dep_ == "xcomp":  # "will not move to lift", "failed to reach"
        node = node.head
        if _lemma(node) in FAIL_HEADS or any(ch.dep_ == "neg" for ch in node.children):
            return True
    return False


def _denied(c: _Candidate) -> bool:
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
        reported = reported or _lemma(head) in REPORT_NOUNS
        if head.pos_ in ("VERB", "AUX") and (
            _lemma(head) in DENY_HEADS or reported and _lemma(head) == "reject"
        ):
            return True
        if _lemma(head) in ("than", "of", "without") and node.dep_ in ("pcomp", "pobj"):
            marker = {_lemma(t) for t in head.children} | {_lemma(head.head), _lemma(head)}
            if marker & {"rather", "instead", "without"}:
                return True
        node = head
    return False


def _aux_lemmas(node: Token) -> set[str]:
    return {_lemma(ch) for ch in node.children if ch.dep_ in ("aux", "auxpass")} | {
        ch.lower_ for ch in node.children if ch.dep_ in ("aux", "auxpass")
    }


def _reported_would(clause: Token) -> bool:
    """True for "would" in reported speech ("said they would release"): a future, not a guess."""
    if "would" not in _aux_lemmas(clause) or _aux_lemmas(clause) & (MODALS - {"would"}):
        return False
    node = clause
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
    return node.dep_ == "ccomp" and _lemma(node.head) in REPORTING


def _hypothetical(c: _Candidate) -> bool:
    clause = c.clause
    if _aux_lemmas(clause) & MODALS and not _reported_would(clause):
        return True
    for node in (clause, *clause.ancestors):
        if node.dep_ in ("xcomp", "pcomp") and _lemma(node.head) in HYPOTHETICAL_HEADS:
            return True
        if any(_lemma(ch) in CONDITIONAL for ch in node.children if ch.dep_ == "mark"):
            return True
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp"):
            break
    return False


def _future(c: _Candidate) -> bool:
    if _reported_would(c.clause):
        return True
    node = c.clause
    for _ in range(3):
        if _aux_lemmas(node) & FUTURE_AUX:
            return True
        if node.dep_ == "xcomp" and _lemma(node.head) in FUTURE_HEADS:
            return True
        if node.dep_ not in ("xcomp", "conj"):
            break
        node = node.head
    return False


def _planned(c: _Candidate) -> bool:
    """True when the clause is an intention ("plans to host", "hopes to meet"), not a schedule."""
    node = c.clause
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        if node.dep_ == "xcomp" and _lemma(node.head) in INTENT_HEADS:
            return True
        node = node.head
    return False


def _place_entities(sent: Span) -> dict[int, Span]:
    return {t.i: ent for ent in sent.ents if ent.label_ in PLACE_LABELS for t in ent}


def _location(c: _Candidate, places: dict[int, Span], used: set[int]) -> Location | None:
    """A place named in a prepositional phrase on the trigger or the verbs above it."""
    for node in _chain(c):
        if node.dep_ == "relcl" and _where_clause(node) and node.head.i in places:
            return _make_location(places[node.head.i])
        for child in node.children:
            if child.dep_ != "prep" or _lemma(child) not in LOCATION_PREPS:
                continue
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if pobj.i in places and pobj.i not in used:
                    return _make_location(places[pobj.i])
    return None


def _make_location(ent: Span) -> Location:
    name = ent.text
    return Location(name, gazetteer.place_country(name), ent.start_char, ent.end_char)


def _event_date(c: _Candidate, sent: Span, doc: Doc) -> tuple[str | None, str | None, str | None]:
    """(date, date_text, date_source) for the event."""
    in_sentence = [
        d for d in doc._.dates or []
        if sent.start_char <= d.start and d.end <= sent.end_char and d.type in ("DATE", "TIME")
    ]  # fmt: skip
    reference = doc._.reference_date
    published = (reference.isoformat(), None, "published") if reference else (None, None, None)
    noun = c.token.pos_ not in ("VERB", "AUX", "ADJ")
    chain = {t.i for t in (_own_clause(c) if noun else _chain(c))}

    def attached(d: Any) -> bool:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        return span is not None and (span.root.head.i in chain or span.root.head.head.i in chain)

    if noun:
        # "the invasion of Ukraine" does not happen on the day another clause reports
        in_sentence = [d for d in in_sentence if attached(d)]
    if not in_sentence:
        return published
    best = min(in_sentence, key=lambda d: (0 if attached(d) else 1, abs(d.start - c.token.idx)))
    value = best.value or ""
    text = best.text.strip()
    timed = DAY_WITH_TIME.match(value)  # "Saturday night", "at 8 pm": the day is known
    if timed:
        value = timed.group(1)
    if value == "PRESENT_REF" and reference is not None:
        return reference.isoformat(), text, "sentence"
    if EXACT_DAY.match(value):
        return value, text, "sentence"
    return None, text, "sentence"


def _own_clause(c: _Candidate) -> list[Token]:
    """An event noun, its phrase and the verbs up to the nearest one with a subject."""
    nodes = [c.token, c.phrase]
    node = c.clause
    for _ in range(6):
        nodes.append(node)
        if node.pos_ in ("VERB", "AUX") and any(ch.dep_ in SUBJECTS for ch in node.children):
            break
        if node.head == node:
            break
        node = node.head
    return nodes


def _mode(c: _Candidate, sent_lemmas: set[str]) -> str | None:
    reading = c.reading
    event = reading.event
    if event == "CONSULT" and reading.mode is None:
        near = {_lemma(t) for node in (c.phrase, c.clause) for t in node.subtree}
        if near & PHONE_CUES:
            return "phone"
        if any(_lemma(t) in VISIT_CUES for t in _chain(c)[1:]):
            return "visit"
        return None
    if event == "ASSAULT":
        cues = [plover.ASSAULT_MODES[w] for w in sent_lemmas if w in plover.ASSAULT_MODES]
        if cues:
            return min(cues, key=ASSAULT_RANK.__getitem__)
    if event == "MOBILIZE" and reading.mode in (None, "troops"):
        objects = _object_lemmas(c.clause, frozenset())
        if objects & plover.WORDS["weapons"]:
            return "weapons"
        if objects & plover.WORDS["police"]:
            return "police"
    return reading.mode


def _context(c: _Candidate, sent_lemmas: set[str]) -> str | None:
    if c.reading.context:
        return c.reading.context
    cues = [plover.CONTEXT_WORDS[w] for w in sent_lemmas if w in plover.CONTEXT_WORDS]
    return min(cues, key=CONTEXT_RANK.__getitem__) if cues else None


def _event_text(c: _Candidate) -> tuple[str, int]:
    """The trigger span: verb with its particle, or light verb through the event noun."""
    doc = c.token.doc
    light = c.light
    if light is not None and _lemma(light) in plover.LIGHT_VERBS and 0 < c.token.i - light.i <= 4:
        return doc[light.i : c.phrase.i + 1].text, light.idx
    if c.token.pos_ in ("VERB", "AUX"):
        prt = [ch for ch in c.token.children if ch.dep_ == "prt" and ch.i == c.token.i + 1]
        end = prt[-1].i if prt else c.token.i
        return doc[c.token.i : end + 1].text, c.token.idx
    span = doc[c.token.i : c.phrase.i + 1]
    return span.text, span.start_char


# --------------------------------------------------------------------------- assembly


def _confidence(
    c: _Candidate, actor: Entity | None, recipient: Entity | None, date_source: str | None
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
    return round(min(0.95, max(0.05, score)), 2)


def _code(c: _Candidate, sent: Span, doc: Doc, places: dict[int, Span], lemmas: set[str]):
    actor_tok, recipient_tok, companions = _roles(c)
    actor_tok = _speaker_subject(actor_tok)
    if recipient_tok is None and c.inner:
        # "threatened to attack the base", "refused to lift the ban on X": the governed
        # event's target is the target of the threat or refusal
        recipient_tok = _roles(c.inner[0])[1]
    if recipient_tok is not None and recipient_tok.dep_ == "pobj":
        # "withdrew from Kherson", "fired at Donetsk": a town is where, not whom
        owner = _prep_object(recipient_tok, ("of",))
        place = recipient_tok.i in places or (owner is not None and owner.i in places)
        entity = _entity(doc, recipient_tok)
        if place and (entity is None or not entity.code):
            recipient_tok = None
    actor_side = _group(doc, actor_tok)
    recipient_side = _group(doc, recipient_tok, c.reading.event in TARGETED)
    visited = None
    if c.reading.event == "CONSULT" and recipient_tok is not None and recipient_tok.i in places:
        # "will visit Warsaw": the host is the country of the place, the place is where
        visited = places[recipient_tok.i]
        host = _country_entity(doc, visited)
        if host is not None and not any(e.code for e in recipient_side):
            recipient_side = [host]
    for token in companions:
        for entity in _group(doc, token):
            if all(entity.name != e.name for e in actor_side):
                actor_side.append(entity)
    if c.reading.needs_recipient and not any(e.id for e in recipient_side):
        return None
    actor = actor_side[0] if actor_side else None
    if actor is None and c.reading.event not in plover.ACTORLESS_OK:
        return None
    recipient = recipient_side[0] if recipient_side else None
    if recipient is not None and actor is not None and recipient.id and recipient.id == actor.id:
        recipient = None
    date, date_text, date_source = _event_date(c, sent, doc)
    future = _future(c) or _later(date, doc)
    event, mode = c.reading.event, _mode(c, lemmas)
    if event == "CONSULT" and len(actor_side) > 2 and recipient is None and mode != "phone":
        mode = "multilateral"  # three or more participants and nobody hosting
    if event == "CONSULT" and _planned(c):
        event, mode = "AGREE", None  # a plan to meet is an intention, coded as the codebook's AGREE
    elif future and event in plover.FUTURE_FOLD:
        event, mode = plover.FUTURE_FOLD[event], None
    used = {t.i for t in (actor_tok, recipient_tok) if t is not None}
    event_text, trigger_at = _event_text(c)
    return Event(
        id=stable_id("e", doc._.doc_id or "", sent.start_char, trigger_at, event),
        event=event,
        mode=mode,
        context=_context(c, lemmas),
        date=date,
        date_text=date_text,
        date_source=date_source,
        actor=actor,
        recipient=recipient,
        event_text=event_text,
        text=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        location=_make_location(visited) if visited is not None else _location(c, places, used),
        negated=_negated(c),
        hypothetical=_hypothetical(c),
        future=future,
        confidence=_confidence(c, actor, recipient, date_source),
        co_actors=actor_side[1:],
        co_recipients=recipient_side[1:],
    )


def _country_entity(doc: Doc, place: Span) -> Entity | None:
    """The country a named place is in, as the actor layer would name it."""
    code = gazetteer.place_country(place.text)
    if code is None:
        return None
    for actor in doc._.actors or []:
        if actor.code == code and actor.kind == "country":
            return actor.entity(place.text)
    name = gazetteer.country_name(code)
    return Entity(id=stable_id("a", "country", code, name), name=name, entity_text=place.text,
                  code=code)  # fmt: skip


def _later(date: str | None, doc: Doc) -> bool:
    reference = doc._.reference_date
    return bool(date and reference and date > reference.isoformat())


def code_sentence(sent: Span) -> list[Event]:
    """Every event reported in one sentence of a processed Doc."""
    lemmas = {_lemma(t) for t in sent}
    if not lemmas & plover.TRIGGER_LEMMAS:
        return []
    found = _link_frames(_candidates(sent))
    if not found:
        return []
    doc = sent.doc
    places = _place_entities(sent)
    events = []
    for c in found:
        event = _code(c, sent, doc, places, lemmas)
        if event is not None:
            events.append(event)
    return events


def find_events(doc: Doc) -> list[Event]:
    """Every PLOVER event reported in `doc`, one or more per sentence."""
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(code_sentence(sent))
    return events


@Language.component("sitroom_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = find_events(doc)
    return doc
