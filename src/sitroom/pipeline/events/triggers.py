"""Trigger finding: which tokens of a sentence report an event, and in which reading.

A verb or event noun of the lexicon is a candidate when the conditions of one of its readings
hold (particles, object gates, transitivity); event nouns are re-typed by their modifiers
("hunger strike"), and a frame trigger ("urged X to withdraw", "refused to meet") absorbs the
event it governs, which sets its mode instead of being coded on its own.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom.lang.en import words
from sitroom.pipeline.events import lexicon
from sitroom.pipeline.events.candidate import CONFLICT, Candidate
from sitroom.pipeline.events.entities import entity_of
from sitroom.pipeline.events.lexicon import Trigger
from sitroom.pipeline.events.modifiers import is_future
from sitroom.pipeline.events.syntax import (
    MODALS,
    aux_lemmas,
    clause_subject,
    content_subject,
    is_date,
    lemma_of,
    object_lemmas,
    phrasal_particles,
    prep_object,
    subject_of,
    to_infinitive,
)

LEXICON = lexicon.LEXICON  # with the user trigger files in use
PACKAGE_NOUNS = frozenset(
    "package regime measure round list campaign wave programme program law bill".split()
)
# Verbs whose object event is ended or broken, not reported: "ended its support for X",
# "violated the ceasefire" (which is an attack, not a ceasefire).
END_VERBS = frozenset(
    "end halt stop cease suspend abandon terminate drop discontinue curtail violate breach "
    "break lift revoke rescind repeal".split()
)
# Verbs offering a ceasefire: the codebook's CONCEDE until one is declared in effect.
DECLARE_VERBS = frozenset({"offer", "propose"})
OBSTRUCT_VERBS = frozenset({"block", "blockade", "barricade", "occupy"})
THREAT_OBJECTS = frozenset(
    "consequence retaliation response action war attack sanction strike force measure".split()
)
SPEECH_VERBS = words.DISCLOSURE_VERBS
# Verbal event types, and the light verbs that add nothing of their own before their noun
# ("offered praise", "voiced criticism"; "provided support" gives something).
VERBAL = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "REJECT"})
SPEECH_LIGHT_VERBS = frozenset({"express", "voice", "offer", "extend", "issue", "lodge", "make"})
# What an intransitive reading may not have: an object or a clause it governs.
INTRANSITIVE_NOT = frozenset({"dobj", "obj", "ccomp", "xcomp"})
# Manner words that make "respond" a threat of force when it stands alone.
FORCE_ADVERBS = frozenset(
    "militarily forcefully decisively firmly harshly strongly resolutely swiftly".split()
)


# Verbs that ask either for an act or a question ("asked them to leave", "asked which states").
QUESTION_VERBS = frozenset({"ask", "inquire", "enquire", "query"})
QUESTION_TAGS = frozenset({"WDT", "WP", "WRB", "WP$"})


def _particles(token: Token) -> set[str]:
    # "let free" parses "free" as a predicate adjective; "on Tuesday" is a date, no particle
    deps = ("prt", "prep", "agent", "acomp", "oprd", "ccomp")
    found = {lemma_of(c) for c in token.children if c.dep_ in deps and not _dated(c)}
    found |= phrasal_particles(token)  # "pushed back against": back+against
    # "called for Britain to stay": the "for" of an infinitive clause
    clauses = [c for c in token.children if c.dep_ in ("advcl", "ccomp")]
    return found | {lemma_of(m) for c in clauses for m in c.children if m.dep_ == "mark"
                    and lemma_of(m) == "for"}  # fmt: skip


def _dated(prep: Token) -> bool:
    return prep.dep_ == "prep" and any(is_date(g) for g in prep.children if g.dep_ == "pobj")


def _verb_reading(token: Token) -> Trigger | None:
    """The first reading of a verb trigger whose conditions hold at this token."""
    readings = LEXICON.verbs.get(lemma_of(token))
    if not readings or token.pos_ not in ("VERB", "AUX") and token.tag_ != "VBN":
        return None
    if token.dep_ == "amod":
        return None  # a participle naming a state: "the outlawed party", "a banned group"
    particles = _particles(token)
    for reading in readings:
        if reading.particles and not reading.particles & particles:
            continue
        if reading.not_particles & particles:
            continue
        if reading.event == "REQUEST" and _question(token):
            continue  # "asked him which states he could win" is a question
        if reading.event in ("CONSULT", "REQUEST") and _when_reached(token):
            continue  # "when contacted (asked), a spokesman said": the reporter's call
        if reading.transitive and not any(c.dep_ == "dobj" for c in token.children):
            continue
        if reading.intransitive and any(c.dep_ in INTRANSITIVE_NOT for c in token.children):
            continue  # "demonstrated that he can lead" shows, it does not protest
        if reading.about_clause and not _about_actor(token, reading):
            continue  # "suspect he lied" is about him; "suspect foul play" names nobody
        objects = object_lemmas(token, reading.particles)
        if reading.not_objects & objects:
            continue
        if reading.objects and not reading.objects & objects and not reading.frame:
            continue
        return reading
    return None


def _question(verb: Token) -> bool:
    """Whether a verb of asking asks a question, not for an act: its clause opens with a
    question word, "if" or "whether", it asks "about" something, or it has neither an
    infinitive ("asked him to resign"), a "for" ("asked for help") nor a "that" clause."""
    if lemma_of(verb) not in QUESTION_VERBS:
        return False
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    openings = [c.left_edge for c in clauses]
    if any(t.tag_ in QUESTION_TAGS or t.lower_ in ("if", "whether") for t in openings):
        return True
    if any(c.dep_ == "prep" and lemma_of(c) == "about" for c in verb.children):
        return True
    asks_for = any(c.dep_ == "prep" and lemma_of(c) == "for" for c in verb.children)
    to_or_that = any(a.lower_ in ("to", "that") for c in clauses for a in c.children
                     if a.dep_ in ("aux", "mark"))  # fmt: skip
    return not asks_for and not to_or_that


def _when_reached(verb: Token) -> bool:
    """A bare participle after "when", "if" or "once" ("when contacted", "if asked"): how a
    reporter got a comment, not a meeting."""
    if verb.tag_ != "VBN" or verb.dep_ != "advcl":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children):
        return False
    marks = [c for c in verb.children if c.dep_ in ("advmod", "mark")]
    return any(c.lower_ in ("when", "if", "once") for c in marks)


def _about_actor(verb: Token, reading: Trigger) -> bool:
    """True when the clause a verb governs has a resolved actor for subject: "suspect [the
    governor] lied", not "suspect [the fire] was set" (whose events stay coded on their own).
    A request asks its subject to act: "wants [the senator] to resign", not "wanted him gone"."""
    if reading.event == "REQUEST" and not any(
        c.dep_ in ("ccomp", "xcomp") and any(a.lower_ == "to" for a in c.children)
        for c in verb.children
    ):
        return False
    return _names_actor(clause_subject(verb))


def _names_actor(token: Token | None) -> bool:
    entity = entity_of(token.doc, token) if token is not None else None
    return entity is not None and entity.id is not None


def _adjective_reading(token: Token, reading: Trigger) -> Trigger | None:
    """An intent adjective with what is intended ("ready to talk"), a stance adjective with
    whom it is taken towards ("critical of the senator"); a comparison ("more willing to
    compromise than before") states no commitment."""
    if any(lemma_of(c) in ("more", "less", "too") for c in token.children if c.dep_ == "advmod"):
        return None
    if reading.particles:
        return reading if prep_object(token, reading.particles) is not None else None
    return reading if any(c.dep_ == "xcomp" for c in token.children) else None


def _joined_lemma(token: Token) -> str:
    """The lemma of a hyphenated word the tokenizer split ("counter-measures", "cease-fire"),
    or of a two-word event noun written hyphenated in the table ("martial law")."""
    doc = token.doc
    if token.i >= 1 and doc[token.i - 1].dep_ in ("amod", "compound"):
        two_words = f"{doc[token.i - 1].lower_}-{lemma_of(token)}"
        if two_words in LEXICON.nouns:
            return two_words
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 2].whitespace_:
        return lemma_of(token)
    if doc[token.i - 1].whitespace_:
        return lemma_of(token)
    prefix = doc[token.i - 2].lower_
    for joined in (prefix + lemma_of(token), f"{prefix}-{lemma_of(token)}"):
        if joined in LEXICON.nouns:
            return joined
    return lemma_of(token)


def _noun_reading(token: Token) -> Trigger | None:
    readings = LEXICON.nouns.get(_joined_lemma(token))
    if not readings or token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.is_lower):
        return None  # "March 27" is a date, not a march
    clauses = [c for c in token.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"]
    particles = _particles(token) | {lemma_of(c) for c in clauses}
    verb = token.head
    if token.dep_ == "dobj" and lemma_of(verb) in LEXICON.light_verbs:
        # "had lunch with Merkel": the parser hangs the noun's "with" on the light verb
        particles |= {lemma_of(c) for c in verb.children if c.dep_ == "prep" and not _dated(c)}
    if any(to_infinitive(c) for c in clauses):
        particles.add("to")  # "a call to deport them" is a demand
    for reading in readings:
        if reading.particles and not reading.particles & particles:
            continue
        if reading.about_clause and not _names_actor(content_subject(token)):
            continue  # "amusement that Rubio had …" is about him; "that it rained", nobody
        return reading
    return None


def light_verb(token: Token, depth: int = 0) -> Token | None:
    """The verb governing an event noun ("held [talks]", "take part in [a meeting]")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and lemma_of(head) != "with":
        # "with" phrases are circumstances ("met, with support for X on the agenda"); the
        # verbs taking a thing through "with" ("threatened X with sanctions") are frames
        verb = head.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb
        if lemma_of(head) in ("in", "of") and verb.pos_ == "NOUN" and depth == 0:
            # "announced $33 million in assistance", "began a round of joint exercises"
            light = light_verb(verb, depth + 1)
            if light is not None and lemma_of(light) in LEXICON.light_verbs:
                return light
    return None


def find_candidates(sent: Span) -> list[Candidate]:
    found: list[Candidate] = []
    for token in sent:
        lemma = lemma_of(token)
        if lemma not in LEXICON.trigger_lemmas and _joined_lemma(token) not in LEXICON.nouns:
            continue
        reading = _verb_reading(token)
        if reading is not None and _test_prefix(token):
            reading = Trigger("MOBILIZE", "weapons", "military")  # "test-fired a missile"
        if reading is not None:
            found.append(Candidate(token, reading))
            continue
        if lemma in LEXICON.adjectives and token.pos_ == "ADJ":
            reading = _adjective_reading(token, LEXICON.adjectives[lemma])
            if reading is not None:
                light = token.head if token.head.pos_ in ("AUX", "VERB") else None
                found.append(Candidate(token, reading, light=light))
            continue
        reading = _noun_reading(token)
        if reading is None:
            continue
        head = None
        if token.dep_ == "compound":
            # "sanction package" codes; "attack helicopter", "aid worker" do not
            if lemma_of(token.head) not in PACKAGE_NOUNS:
                continue
            head = token.head
        reading = _retype_noun(token, reading)
        if reading is None:
            continue
        phrase = head if head is not None else token
        if _ended(phrase):
            continue  # "ended its support for X" reports the end of support, not support
        found.append(Candidate(token, reading, light=light_verb(phrase), head=head))
    return found


def _called_off(verb: Token) -> bool:
    return lemma_of(verb) == "call" and any(
        c.dep_ == "prt" and lemma_of(c) == "off" for c in verb.children
    )


def _test_prefix(token: Token) -> bool:
    """True for the verb of "test-fired", "test-launched" (split by the tokenizer)."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "test"


def _ended(noun: Token) -> bool:
    """True when an event noun is the object of a verb that ends or breaks it."""
    if noun.dep_ == "pobj" and lemma_of(noun.head) == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "lifted the state of emergency"
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or lemma_of(verb) not in END_VERBS:
        return False
    return not any(c.dep_ == "prt" for c in verb.children)  # "broke up protests" did happen


def _retype_noun(token: Token, reading: Trigger) -> Trigger | None:
    """Event nouns whose modifiers change their type ("hunger strike", "joint exercise"), or
    make them no event (None)."""
    lemma = lemma_of(token)
    mods = {lemma_of(c) for c in token.children if c.dep_ in ("compound", "amod")}
    light = light_verb(token)
    called_off = light is not None and _called_off(light)
    if called_off and (lemma == "strike" or reading.event == "PROTEST"):
        return Trigger("RETREAT")  # "called off the strike": the protest ends
    if lemma == "strike" and light is not None and lemma_of(light) in ("call", "stage", "go"):
        mods.add("labour")  # "called a strike", "went on strike"
    if lemma == "strike" and mods & LEXICON.strike_protest:
        return Trigger("PROTEST", "hunger" if "hunger" in mods else "strike")
    if lemma in LEXICON.words["deal"] and light is not None and lemma_of(light) in DECLARE_VERBS:
        return Trigger("CONCEDE", context="military")  # declared, not yet in effect
    joint = mods & {"joint", "combined", "bilateral", "trilateral"}
    if lemma in ("exercise", "drill", "patrol") and joint:
        return Trigger("COOPERATE", None, "military")
    if lemma == "patrol":
        return None  # a patrol of one side's own forces reports nothing
    if reading.event == "CONSULT" and mods & {"news", "press"}:
        return None  # "at a news conference, officials announced": talking to reporters
    if lemma in ("exercise", "drill") and not mods & {"military", "naval", "war", "live-fire"}:
        return Trigger("MOBILIZE", "troops", weak=True) if "troops" in mods else reading
    return reading


def _by_civilians(c: Candidate) -> None:
    """What civilians do in protest: a striking workforce protests (anything else that strikes
    attacks), and civilians blocking a road obstruct it in protest rather than coerce."""
    lemma = lemma_of(c.token)
    if c.token.pos_ == "NOUN":
        return  # a noun was typed by its modifiers and light verb ("went on strike")
    subject = subject_of(c.token)
    who = lemma_of(subject) if subject is not None else None
    if lemma == "strike" and c.reading.event == "PROTEST" and who not in LEXICON.words["labour"]:
        c.reading = Trigger("ASSAULT", None)
    elif (
        lemma in OBSTRUCT_VERBS
        and c.reading.event == "COERCE"
        and who in LEXICON.words["civilians"]
    ):
        c.reading = Trigger("PROTEST", "obstruct")


def link_frames(found: list[Candidate]) -> list[Candidate]:
    """Attach events governed by another trigger to it; drop nouns their verb already codes."""
    by_token = {c.token.i: c for c in found}
    for c in found:
        for other in found:
            if other is c or other.absorbed:
                continue
            if _lends_to_speech(c, other):
                c.absorbed = True  # "offered praise for X" praises; "offered aid" promises
                break
            if _governs(c, other):
                other.absorbed = True
                if c.reading.frame:
                    c.inner.append(other)
    kept = []
    for c in found:
        if c.absorbed:
            continue
        _by_civilians(c)
        reading = _frame_reading(c)
        if reading is None or reading.intent and not _intended(c):
            continue
        c.reading = reading
        kept.append(c)
    del by_token
    return kept


def _lends_to_speech(verb: Candidate, noun: Candidate) -> bool:
    """True when a light verb only lends its subject to a verbal event noun: "offered praise",
    "voiced support" report the praise and the support."""
    return (
        noun.light == verb.token
        and noun.token.pos_ == "NOUN"
        and noun.reading.event in VERBAL
        and lemma_of(verb.token) in SPEECH_LIGHT_VERBS
    )


def _intended(c: Candidate) -> bool:
    """True when a reprisal word is stated as intended: "would retaliate", "vowed to punish".

    A bare "respond" also needs a manner of force ("would respond militarily").
    """
    if lemma_of(c.token) == "respond" and not any(
        lemma_of(ch) in FORCE_ADVERBS for ch in c.token.children
    ):
        return False
    # a condition ("if Israel retaliated") is not a stated intention; a modal is, also on the
    # verb governing the reprisal ("would be forced to take counter-measures")
    node = c.clause
    for _ in range(3):
        if aux_lemmas(node) & MODALS:
            return True
        if node.dep_ != "xcomp":
            break
        node = node.head
    return is_future(c)


def _governs(c: Candidate, other: Candidate) -> bool:
    """True when `other` is the complement or object of the trigger `c`, or the infinitive a
    frame noun governs ("calls to close the borders")."""
    if c.token.pos_ == "NOUN" and c.reading.frame:
        clause = other.clause
        return clause.head == c.token and clause.dep_ in ("acl", "relcl") and to_infinitive(clause)
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
        if node.head == c.token and c.reading.frame and _infinitive(node):
            return True  # "called on Iraq on Monday to release …", parsed as a purpose
        if node.dep_ == "pobj" and node.head.head == c.token:
            return True
        if node.dep_ in ("conj", "xcomp") and node.head != node:
            node = node.head
            continue
        break
    return False


def _infinitive(node: Token) -> bool:
    return node.dep_ == "advcl" and to_infinitive(node)


def _frame_reading(c: Candidate) -> Trigger | None:
    """The final reading of a trigger, given the event it governs (if any)."""
    reading = c.reading
    if not reading.frame:
        return reading
    inner = c.inner[0].reading if c.inner else None
    lemma = lemma_of(c.token)
    if reading.event == "THREATEN":
        if inner is None and lemma == "warn":
            objects = object_lemmas(c.token, frozenset({"of", "against"}))
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
    if (
        reading.event == "REJECT"
        and inner is None
        and lemma == "decline"
        and not any(ch.dep_ in ("dobj", "xcomp", "ccomp") for ch in c.token.children)
    ):
        return None  # "asked to confirm it, a spokesman declined": declined to answer
    if reading.event in ("REQUEST", "REJECT"):
        return _with_mode(reading, _request_mode(inner, c.token), inner.context if inner else None)
    return reading


def _says_nothing(token: Token) -> bool:
    return any(c.dep_ == "xcomp" and lemma_of(c) in SPEECH_VERBS for c in token.children)


def _agree_has_object(token: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "xcomp") or (c.dep_ == "prep" and lemma_of(c) in ("to", "on", "upon"))
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
    return None  # the words it governs may still say (`modifiers.mode_of`)
