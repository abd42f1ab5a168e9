"""Roles: which tokens of the clause are the actor, the recipient and the companions.

Roles come from syntax: the subject (or the agent of a passive) is the actor, the object or a
prepositional object the recipient; for event nouns the possessor or a country modifier ("the
EU's sanctions", "US sanctions"), "between X and Y", or the subject of a light verb ("X held
talks with Y"). Frames turn these around where the sentence says so: what a subject receives
("drew criticism from X", "faced opposition from X", "extracted concessions from X") is done
by X; a suspicion or wish is about the subject of its clause ("suspect he lied", "wants the
senator to resign"); a particle's preposition names the target ("pushed back against X").
The tokens are resolved to entities by `entities`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.pipeline.events import lexicon
from sitroom.pipeline.events.candidate import CONFLICT, TARGETED, Candidate
from sitroom.pipeline.events.entities import country_entity, entity_of, group_of
from sitroom.pipeline.events.syntax import (
    PASSIVE_SUBJECTS,
    RELATIVE,
    SUBJECTS,
    agent_of,
    clause_subject,
    content_subject,
    is_date,
    lemma_of,
    modifiers_of,
    phrasal_object,
    prep_object,
    relative_antecedent,
    subject_of,
)
from sitroom.records import Entity

LEXICON = lexicon.LEXICON  # with the user trigger files in use
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
    # misgivings are "about" or "over" someone: "concerns about the senator"
    "ACCUSE": (*NOUN_RECIPIENT_PREPS, "about", "over"),
}
# Verbal acts, aimed at a person through what is theirs: "criticised concerns about Warren's
# record" is about Warren; an attack on a senator's house hits the house.
VERBAL = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN"})
# Where the receiver of a thing hangs on the thing: "sanctions on", "aid deals with", "kind
# words about".
THING_PREPS = ("on", "against", "to", "for", "with", "into", "about")
# Acts only an authority does (an arrest, a raid, a charge): told in the passive with no
# agent ("two men were arrested, police said", "were charged, according to prosecutors"),
# the authority announcing them did them. A charge is an accusation in a legal context.
AUTHORITY_ACTS = frozenset({"COERCE"})
AUTHORITY_CONTEXTS = frozenset({"legal"})
AUTHORITY_SECTORS = frozenset({"COP", "JUD", "GOV", "MIL", "SPY"})
COMPANION_PREPS = frozenset({"alongside", "beside", "together"})
MUNITIONS = frozenset("missile rocket drone shell bomb mortar projectile round salvo".split())
# Gated objects that are people: "freed 37 prisoners", "expelled diplomats" - the recipient.
PERSON_OBJECTS = (
    LEXICON.words["captives"] | LEXICON.words["diplomats_or_staff"] | LEXICON.words["visitors"]
    | LEXICON.words["members"]
)  # fmt: skip


def _verb_roles(c: Candidate) -> tuple[Token | None, Token | None]:
    verb = c.token
    if c.reading.about_clause:  # "suspect he lied", "wants Obama to veto it": whom it is about
        return subject_of(verb), clause_subject(verb)
    passive = next((x for x in verb.children if x.dep_ in PASSIVE_SUBJECTS), None)
    # "when contacted by officials, the ambassador …", "sees him as captured by a faction"
    passive_clause = verb.dep_ == "advcl" and verb.tag_ == "VBN" and agent_of(verb) is not None
    if passive is not None or (verb.dep_ == "acl" and verb.tag_ == "VBN") or passive_clause:
        actor = agent_of(verb)
        recipient = passive if passive is not None else verb.head
        if passive is None and passive_clause:
            head = verb.head
            recipient = next((x for x in head.children if x.dep_ == "dobj"), subject_of(head))
        if verb.dep_ == "relcl" and lemma_of(recipient) in RELATIVE:
            # "the chief, who was suspended by the mayor": the chief
            recipient = relative_antecedent(verb, recipient)
    else:
        actor = subject_of(verb)
        recipient = next((x for x in verb.children if x.dep_ in ("dobj", "dative")
                          and not (lemma_of(x) == "that" and x.i < verb.i)), None)  # fmt: skip
        recipient = recipient or _called(verb)  # ("that" before the verb is its conjunction)
        if recipient is not None and lemma_of(recipient) in RELATIVE and verb.dep_ == "relcl":
            recipient = relative_antecedent(verb, recipient)  # "Bush, whom he attacked"
    if recipient is not None and not c.reading.frame and _object_not_receiver(c, recipient):
        # "sent aid to Sudan": the object is what is given; the receiver follows "to", or
        # hangs on the thing itself ("eased sanctions against Burma")
        recipient = _receiver(verb, recipient, c.reading.particles)
    elif recipient is None or c.reading.frame:
        preps = tuple(c.reading.particles) + RECIPIENT_PREPS
        recipient = recipient or phrasal_object(verb, c.reading.particles)
        recipient = recipient or prep_object(verb, preps)
        asked_for = recipient is not None and lemma_of(recipient.head) == "for"
        if asked_for and not _names_actor(recipient):
            # "asked for the return of the emails in a letter to the FBI": what is asked
            # for is no one; whom it is asked of follows "to"
            recipient = _asked_of(verb, recipient) or recipient
    if recipient is not None and c.reading.event in TARGETED and _fired(recipient):
        # "fired rockets at Jordan": what is fired is the means, the target follows "at"
        recipient = prep_object(verb, ("at", "on", "against", "into", "toward", "towards"))
    if c.reading.swap and recipient is not None:
        actor, recipient = recipient, actor
    return actor, recipient


def _receiver(verb: Token, thing: Token, particles: frozenset[str] = frozenset()) -> Token | None:
    """Who receives the thing a verb gives or ends: "to X" on the verb (or the verb's own
    particle: "cast doubt on X"), a dative, or a receiver hanging on the thing or on the noun
    after it ("shared intelligence on the plot with the US", "handed the instrument of
    accession to Blinken"). An actor wins over a word that names none."""
    found = [
        prep_object(verb, (*sorted(particles), "to", "for", "into", "about")),
        next((x for x in verb.children if x.dep_ == "dative"), None),
        prep_object(thing, THING_PREPS),
    ]
    last_nouns = [g for p in (thing, verb) for x in p.children if x.dep_ == "prep"
                  for g in x.children if g.dep_ == "pobj"]  # fmt: skip
    for noun in last_nouns:  # the parser attached the receiver to the last noun
        found.append(prep_object(noun, ("to", "with")))
    found = [token for token in found if token is not None]
    doc = verb.doc
    owner = next((x for x in thing.children if x.dep_ == "poss"), None)
    if owner is not None and (entity := entity_of(doc, owner)) is not None and entity.id:
        found.append(owner)  # "criticised the governor's plan": the governor, when resolved
    return next((t for t in found if entity_of(doc, t) is not None), found[0] if found else None)


def _asked_of(verb: Token, thing: Token) -> Token | None:
    """Whom a thing is asked of: "asked for help from the EU", "asked for the emails in a
    letter to the FBI" (a "from" or "to" phrase on the verb, the thing or a noun after it)."""
    nouns = [verb, thing, *(g for x in thing.children if x.dep_ == "prep"
                            for g in x.children if g.dep_ == "pobj")]  # fmt: skip
    found = [prep_object(noun, ("from", "to")) for noun in nouns]
    return next((t for t in found if t is not None and _names_actor(t)), None)


def _names_actor(token: Token) -> bool:
    return entity_of(token.doc, token) is not None


def _called(verb: Token) -> Token | None:
    """Who is called something when the parser hangs the name on the predicate: in "called
    Trump a liar" parsed as "[Trump] a liar", Trump."""
    predicate = next((x for x in verb.children if x.dep_ == "oprd"), None)
    if predicate is None:
        return None
    return next((x for x in predicate.children if x.dep_ == "nmod" and x.i < predicate.i), None)


def _fired(token: Token) -> bool:
    """True for an object naming munitions ("dozens of rockets", "300 drones")."""
    if token.dep_ not in ("dobj", "obj"):
        return False
    heads = [token, *(g for p in token.children if lemma_of(p) == "of" for g in p.children)]
    return any(lemma_of(h) in MUNITIONS for h in heads)


def _object_not_receiver(c: Candidate, token: Token) -> bool:
    """True when the object is what is given or ended, not who receives it.

    Either the object gating the trigger ("sent aid", "eased sanctions"), or, for cooperative
    events, an object that names no actor ("returned the paintings to Italy").
    """
    lemma = lemma_of(token)
    if lemma in c.reading.objects:
        return lemma not in PERSON_OBJECTS
    if c.reading.event in CONFLICT or token.dep_ not in ("dobj", "obj"):
        return False
    return entity_of(token.doc, token) is None and token.ent_type_ not in ("PERSON", "NORP")


def roles_of(c: Candidate) -> tuple[Token | None, Token | None, list[Token]]:
    """(actor, recipient, companions) role heads of a candidate."""
    if c.token.pos_ == "ADJ":  # "ready to talk"; "critical of the senator": the senator
        recipient = prep_object(c.token, c.reading.particles) if c.reading.particles else None
        return subject_of(c.clause), recipient, []
    if c.token.pos_ not in ("VERB", "AUX"):
        return _noun_roles(c)
    actor, recipient = _verb_roles(c)
    if lemma_of(c.token) in ("clash", "fight") and recipient is not None and actor is not None:
        return actor, None, [recipient]  # both sides fight; with no subject, the other is fought
    return actor, recipient, []


def speaker_subject(token: Token | None) -> Token | None:
    """The named subject a pronoun subject of a reported clause stands for.

    "Sri Lankan officials claimed that they had attacked ..." : "they" is the officials.
    """
    if token is None or token.pos_ != "PRON" or token.dep_ not in SUBJECTS:
        return token
    clause = token.head
    if clause.dep_ != "ccomp" or lemma_of(token) not in ("he", "she", "they", "it"):
        return token
    matrix = next((ch for ch in clause.head.children if ch.dep_ in SUBJECTS), None)
    if matrix is None or matrix.pos_ not in ("NOUN", "PROPN"):
        return token
    return matrix


def _possessor(noun: Token) -> Token | None:
    """ "the EU's sanctions"; "Pakistan ended its support": "its" is the clause's subject."""
    actor = None
    for child in noun.children:
        if child.dep_ != "poss" or is_date(child):
            continue  # "Monday's meeting" is dated, not held by Monday
        if lemma_of(child) not in ("its", "their", "his", "her", "our"):
            actor = child
            continue
        owner = subject_of(noun.head) if noun.dep_ == "dobj" else None
        if owner is not None and owner.pos_ != "PRON":
            actor = owner
        elif entity_of(noun.doc, child) is not None:
            actor = child
    return actor


def _by_agent(noun: Token) -> Token | None:
    """ "an attack by rebels" """
    return agent_of(noun) or prep_object(noun, ("by",))


def _between(noun: Token) -> Token | None:
    """ "talks between X and Y": the first member acts, the conjuncts are co-actors."""
    return prep_object(noun, ("between", "among", "amongst"))


def _actor_modifier(noun: Token) -> Token | None:
    """ "US sanctions", "Russian strikes": a modifier naming an actor."""
    return next((m for m in modifiers_of(noun) if is_actor(m)), None)


# Where an event noun names who acts, in order of preference.
NOUN_ACTOR_STEPS = (_possessor, _by_agent, _between, _actor_modifier)


def _noun_actor(c: Candidate) -> Token | None:
    actor = next((t for step in NOUN_ACTOR_STEPS if (t := step(c.phrase)) is not None), None)
    light_subject = None
    if c.light is not None and lemma_of(c.light) in LEXICON.light_verbs:
        light_subject = subject_of(c.light)
    if actor is None or (actor.pos_ == "PRON" and light_subject is not None):
        # "Syrian forces continued their attacks": the subject names who "their" is
        actor = light_subject or actor
    elif c.reading.event == "CONSULT" and light_subject is not None and is_actor(light_subject):
        # "Cruz attended the Republican caucus lunch": who attends meets whom the noun names
        actor = light_subject
    return actor


def _noun_recipient(c: Candidate, actor: Token | None) -> Token | None:
    """ "sanctions on X", else what the light verb aims at ("held talks with X"); for a noun
    about a clause, that clause's subject ("expressed amusement that Rubio had …")."""
    if c.reading.about_clause:
        return content_subject(c.token)
    recipient = prep_object(c.phrase, NOUN_PREPS.get(c.reading.event, NOUN_RECIPIENT_PREPS))
    if recipient is None and c.light is not None:
        recipient = prep_object(c.light, ("with", "against", "on", "to"))
    if recipient is None and c.reading.event == "CONSULT":
        recipient = _actor_modifier(c.phrase)  # "attended the G20 summit": met the G20
    return None if recipient == actor else recipient


def _companions(noun: Token) -> list[Token]:
    """ "exercises alongside Japan": who acts together with the actor."""
    return [
        g
        for token in noun.subtree
        if token.dep_ == "prep" and lemma_of(token) in COMPANION_PREPS
        for g in token.children
        if g.dep_ == "pobj"
    ]


# What one side can receive from another: praise, aid, criticism ("drew criticism from X"),
# opposition ("faced opposition from X"), concessions ("extracted concessions from X").
RECEIVED = frozenset({"SUPPORT", "AID", "COOPERATE", "ACCUSE", "REJECT", "REQUEST", "CONCEDE"})


def _received(c: Candidate) -> tuple[Token | None, Token | None] | None:
    """(giver, receiver) of an event noun its light verb's subject receives: "Keller won the
    endorsement of the governor", "got endorsements from celebrities", "received Japan's aid",
    "the bill drew criticism from the senator" (the senator criticises the bill's owner)."""
    if c.light is None or c.reading.event not in RECEIVED:
        return None
    giver = prep_object(c.phrase, ("of", "from")) or prep_object(c.light, ("from",))
    if lemma_of(c.light) not in LEXICON.receipt_verbs:
        if lemma_of(c.light) != "have" or giver is None:
            return None  # "had the backing of Romney" is received; "had criticism for X" given
    giver = giver or next((t for step in (_possessor, _actor_modifier)
                           if (t := step(c.phrase)) is not None), None)  # fmt: skip
    receiver = subject_of(c.light) or _contracted_has_subject(c.light, c.phrase)
    if receiver is not None and not _names_actor(receiver):
        # "the governor's plan drew criticism": the plan's owner is criticised
        receiver = next((x for x in receiver.children if x.dep_ == "poss"), receiver)
    return giver, receiver


def _contracted_has_subject(verb: Token, thing: Token) -> Token | None:
    """The subject of "he's gotten endorsements", which the parser reads as a passive ("'s" as
    "is"): with an object after it, "'s" is "has"."""
    passive = next((x for x in verb.children if x.dep_ in PASSIVE_SUBJECTS), None)
    contracted = any(x.dep_ == "auxpass" and x.lower_ in ("'s", "’s") for x in verb.children)
    return passive if contracted and passive is not thing and thing.dep_ == "dobj" else None


def _named_givers(c: Candidate, giver: Token | None) -> list[Token]:
    """Givers named in apposition to what was received or to who gave it: "got endorsements
    from local politicians, most recently entertainer Spike Lee" (the parser may hang the
    name on the verb)."""
    heads = [(c.phrase, "appos"), (giver, "appos"), (c.light, "npadvmod")]
    found = [x for head, dep in heads if head is not None for x in head.children if x.dep_ == dep]
    return [x for x in found if x.pos_ == "PROPN" and not is_date(x) and _names_actor(x)]


def _noun_roles(c: Candidate) -> tuple[Token | None, Token | None, list[Token]]:
    received = _received(c)
    if received is not None:
        return *received, _named_givers(c, received[0])
    actor = _noun_actor(c)
    return actor, _noun_recipient(c, actor), _companions(c.phrase)


def is_actor(token: Token) -> bool:
    doc = token.doc
    return (doc._.token_actor or {}).get(token.i) is not None


@dataclass
class Sides:
    """The resolved acting and receiving sides of one candidate."""

    actors: list[Entity]
    recipients: list[Entity]
    actor_token: Token | None
    recipient_token: Token | None
    visited: Span | None = None  # the place of a visit ("will visit Warsaw")

    @property
    def actor(self) -> Entity | None:
        return self.actors[0] if self.actors else None

    @property
    def recipient(self) -> Entity | None:
        recipient = self.recipients[0] if self.recipients else None
        actor = self.actor
        if (
            recipient is not None
            and actor is not None
            and recipient.id
            and recipient.id == actor.id
            and not self._two_groups()
        ):
            return None
        return recipient

    def _two_groups(self) -> bool:
        """True when the two sides are different words for members of one body ("aides held
        calls with their counterparts"): a group can act on another group of its kind, a
        person or a pronoun's antecedent not on itself."""
        tokens = (self.actor_token, self.recipient_token)
        if any(t is None or t.pos_ != "NOUN" or t.tag_ not in ("NNS", "NNPS") for t in tokens):
            return False
        return lemma_of(tokens[0]) != lemma_of(tokens[1])


def _role_tokens(
    c: Candidate, places: dict[int, Span]
) -> tuple[Token | None, Token | None, list[Token]]:
    actor, recipient, companions = roles_of(c)
    actor = speaker_subject(actor)
    if actor is None and _authority_act(c):
        actor = _announcing_authority(c.token)
    if recipient is None and c.inner:
        # "threatened to attack the base", "refused to lift the ban on X": the governed
        # event's target is the target of the threat or refusal; "demanded that Russia
        # release …": whoever is asked to act is the target of a request
        inner_actor, inner_recipient, _ = roles_of(c.inner[0])
        asked = c.reading.event == "REQUEST" and inner_actor not in (None, actor)
        recipient = inner_actor if asked and is_actor(inner_actor) else inner_recipient
    if recipient is not None and c.reading.event in VERBAL and not _names_actor(recipient):
        owner = next((x for x in recipient.children if x.dep_ == "poss"), None)
        if owner is not None and _names_actor(owner):
            recipient = owner
    if recipient is not None and recipient.dep_ == "pobj":
        # "withdrew from Kherson", "fired at Donetsk": a town is where, not whom
        owner = prep_object(recipient, ("of",))
        place = recipient.i in places or (owner is not None and owner.i in places)
        entity = entity_of(recipient.doc, recipient)
        if place and (entity is None or not entity.code):
            recipient = None
    return actor, recipient, companions


def _authority_act(c: Candidate) -> bool:
    return c.reading.event in AUTHORITY_ACTS or c.reading.context in AUTHORITY_CONTEXTS


def _announcing_authority(verb: Token) -> Token | None:
    """The police, court or government whose statement reports a passive act with no agent:
    "a ring was busted in Boston, the feds announced" (the feds busted it), "were charged,
    according to Levy and the police" (the first authority among those named)."""
    passive = any(x.dep_ in PASSIVE_SUBJECTS for x in verb.children)
    if not passive or agent_of(verb) is not None:
        return None
    speakers = [_according_to(verb)]
    if verb.dep_ == "ccomp" and lemma_of(verb.head) in words.ALL_SPEECH_VERBS:
        speakers.append(subject_of(verb.head))
    for speaker in speakers:
        for token in [speaker, *speaker.conjuncts] if speaker is not None else []:
            entity = entity_of(verb.doc, token)
            if entity is not None and entity.sector in AUTHORITY_SECTORS:
                return token
    return None


def _according_to(verb: Token) -> Token | None:
    """The source of "according to X" on the verb."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "according":
            return prep_object(prep, ("to",))
    return None


def sides(c: Candidate, doc: Doc, places: dict[int, Span]) -> Sides:
    """Role tokens resolved to entities, with conjuncts, companions and a visited host."""
    actor_tok, recipient_tok, companions = _role_tokens(c, places)
    found = Sides(
        actors=group_of(doc, actor_tok),
        recipients=group_of(doc, recipient_tok, c.reading.event in TARGETED),
        actor_token=actor_tok,
        recipient_token=recipient_tok,
    )
    if c.reading.event == "CONSULT" and recipient_tok is not None and recipient_tok.i in places:
        # "will visit Warsaw": the host is the country of the place, the place is where
        found.visited = places[recipient_tok.i]
        host = country_entity(doc, found.visited)
        if host is not None and not any(e.code for e in found.recipients):
            found.recipients = [host]
    for token in companions:
        for entity in group_of(doc, token):
            if all(entity.name != e.name for e in found.actors):
                found.actors.append(entity)
    return found
