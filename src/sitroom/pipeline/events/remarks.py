"""Remarks: the events in what a political figure says of another, with no event verb.

"“Smith's plan is a disaster,” the senator said" reports no act, yet a coder codes the
senator's ACCUSE (disapprove) of Smith; "“She's got heart,” the mayor said of the candidate" is
the mayor's SUPPORT of the candidate. For every quote, direct or reported, whose speaker is a
political actor (`political_speaker`), the quoted words are read for an appraisal word of
`lang/en/appraisal.tsv` said of an actor:

* what the target is: the word is the complement of a copula ("is a liar", "has gone crazy",
  "isn't good for the country"), or qualifies it ("is a great leader");
* what the target does or has: a verb of the list ("lied", "made everything up", "are trying
  to interfere"), a quality it has ("has heart"), or a qualified object ("did a terrible job");
* a name the word stands before ("crooked Hillary");
* a demand: a deontic modal ("should resign", "must go") or "have to"/"need to" with the target
  as subject ("will have to earn the presidency") is a REQUEST; "should have won" a reproach.

A question of reproach ("Why are you still endorsing him?", "How can the governor say that?")
disapproves of whom it asks about; its "you" is whom the verb of saying addresses ("Obama asked
Republican politicians").

Feelings count the same way, in quotes or not: a political actor "isn't too impressed by" or
"is furious with" another disapproves of it, one "proud of" another supports it.

The target is a political actor of the actor layer (the subject's own name, a pronoun's
antecedent, the owner or maker of what is appraised: "Smith's plan", "the U.S. agreement",
"the deal Biden signed"); first and second persons, "it", "they" and generic nouns ("a
president should …") are no target. A negated praise is a disapproval ("isn't good"); a
negated charge or criticism is nothing ("is not a liar"), nor is a negated "have to".
Other questions, conditions, guesses ("could be"), relative clauses, praise conceded before a "but"
(a criticism before one stands: "isn't good for us, but will make Iran rich") and words the
quote reports another speaker to have said are not read.

The event's sentence is the one holding the appraisal word, its trigger that word, its actor
the speaker and its recipient the target; date and background come from the verb of saying.
Its confidence is below an explicit verb's, and under the default threshold unless the
speaker carries a country or IGO code (`_confidence`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from sitroom.knowledge import knowledge
from sitroom.lang.en import words
from sitroom.pipeline import actors
from sitroom.pipeline.actors import gazetteer
from sitroom.pipeline.events.candidate import Candidate
from sitroom.pipeline.events.entities import group_of
from sitroom.pipeline.events.lexicon import LEXICON, Trigger
from sitroom.pipeline.events.modifiers import Dating, event_dating, is_future
from sitroom.pipeline.events.syntax import (
    PASSIVE_SUBJECTS,
    RELATIVE,
    SUBJECTS,
    agent_of,
    lemma_of,
    prep_object,
    subject_of,
)
from sitroom.pipeline.quotes.posts import post_day
from sitroom.records import Entity, Event, Quote, stable_id

# What each kind of appraisal reports: (PLOVER type, mode).
KINDS = {
    "disapprove": ("ACCUSE", "disapprove"),
    "allege": ("ACCUSE", "allege"),
    "praise": ("SUPPORT", None),
    "demand": ("REQUEST", None),
    "pleased": ("SUPPORT", None),
    "displeased": ("ACCUSE", "disapprove"),
}
# Kinds that say what their subject feels toward a target, not what the target is.
ATTITUDES = frozenset({"pleased", "displeased"})
# Where the target of a feeling hangs ("pleased with", "impressed by", "angry at", "proud of").
ATTITUDE_PREPS = ("with", "by", "in", "at", "of", "toward", "towards", "to")
# Decisions and deals, a feeling about which judges them even when no one is named as their maker.
POLICIES = LEXICON.words["policies"]
# Sectors whose members' remarks are political news (a voter's or a shopkeeper's are not).
POLITICAL_SECTORS = frozenset(
    {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "OPP", "ELI", "SPY", "REB", "PRM", "UAF", "LAB"}
)
# Verbs that say what their subject is ("is", "seems", "has gone crazy").
COPULAS = frozenset({"be", "seem", "look", "sound", "become", "remain", "go", "appear", "prove"})
# Verbs that say what their subject has or does ("has heart", "did a terrible job").
HAVING = frozenset({"have", "get", "show", "do", "run"})
# Modals that make a guess of an appraisal ("could be great"); "would" does not ("would be a
# disaster" is said to disapprove).
UNSURE = frozenset({"could", "might", "may"})
CONDITIONAL = frozenset({"if", "unless", "whether"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
NEGATORS = frozenset({"not", "n't", "n’t", "never"})
# Negating determiners and adverbs ("has no heart", "nothing but"), when not parsed as "neg".
NEGATIVE_WORDS = frozenset({"no", "nothing", "never", "not"})
# Pronouns that name a third party: "I", "we", "you" and "it" name none worth coding here, and
# a quoted "they" too often stands for no one the text names ("they should give awards").
THIRD_PARTY = words.MASCULINE | words.FEMININE
# Determiners and modifiers of a role noun that name no one in particular ("a president should
# make clear", "the next president has to build on that").
GENERIC = frozenset({"a", "an", "any", "every", "each", "no", "whoever", "next", "future"})
# Questions that reproach whom they ask about: "Why are you still endorsing him?", "How can the
# governor say that?", "How dare they?" (the opener, and the words that must follow it).
REPROACH_OPENERS = {"why": frozenset(), "how": frozenset({"can", "could", "dare"})}
# Subjects a rhetorical question asks about that name no one ("Why is it that …", "Why is this
# important?").
NO_ONE = frozenset({"it", "there", "this", "that"})
# Prepositions of a verb of saying that name whom a remark is about ("said of the candidate").
ABOUT = ("of", "about")
# An explicit verb's confidence with both sides resolved is 0.8: a remark stays below it, and
# below the default threshold (0.5) unless its speaker carries a country or IGO code: a remark
# is indirect evidence, and counts of what an actor said are only as good as its code.
CONFIDENCE = 0.4
SPEAKER_CODED = 0.1
TARGET_CODED = 0.05
# How far from the quote its verb of saying is looked for, in tokens.
CUE_WINDOW = 40


def _index() -> dict[str, list[tuple[str, ...]]]:
    """Every lemma of the appraisal list -> the entries (as lemma tuples) it is part of."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for entry in words.APPRAISAL:
        lemmas = tuple(entry.split())
        for lemma in lemmas:
            found.setdefault(lemma, []).append(lemmas)
    return found


INDEX = _index()


def appraisal_of(token: Token) -> tuple[str, list[Token]] | None:
    """(kind, words) of the appraisal entry headed by `token`, or None.

    A one-word entry matches the lemma, or the word as written (a participle the parser took
    for a verb: "Impressed", lemma "impress"); a longer one needs its other lemmas among the
    token's dependents or theirs ("hot air", "made everything up", "went so far as to say").
    "have to" and "need to" need an infinitive.
    """
    lemma = lemma_of(token)
    written = INDEX.get(token.lower_, []) if token.lower_ != lemma else []
    for entry in [*INDEX.get(lemma, ()), *written]:
        kind = words.APPRAISAL[" ".join(entry)]
        if entry[-1] == "to" and kind == "demand":
            if entry[0] == lemma and token.pos_ in ("VERB", "AUX") and _infinitive(token):
                return kind, [token]
            continue
        if kind == "demand" and token.dep_ != "aux":
            continue  # "should" only as a modal
        if kind == "praise" and token.pos_ in ("VERB", "AUX"):
            continue  # "championed an agenda" praises no one: only what one is or has
        head = lemma if lemma in entry else token.lower_
        others = [w for w in entry if w != head]
        near = [*token.children, *(g for c in token.children for g in c.children)]
        parts = [next((c for c in near if lemma_of(c) == w), None) for w in others]
        if all(p is not None for p in parts):
            return kind, [token, *(p for p in parts if p is not None)]
    return None


def _infinitive(verb: Token) -> Token | None:
    """The "to"-infinitive a verb governs ("have to earn" -> earn)."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        ),
        None,
    )


def _target_token(token: Token, kind: str) -> tuple[Token | None, Token]:
    """(the token naming whom the word appraises, the verb the appraisal is asserted by)."""
    if kind == "demand":
        verb = token if token.dep_ != "aux" else token.head
        return subject_of(verb), verb
    if token.pos_ in ("VERB", "AUX"):
        return subject_of(token), token  # "lied", "are trying to interfere"
    if token.dep_ == "amod" and token.head.pos_ == "PROPN":
        return token.head, token.head  # "crooked Hillary"
    node = token.head if token.dep_ in ("amod", "compound") else token
    verb = node.head
    if node.dep_ in ("acomp", "attr") and lemma_of(verb) in COPULAS:
        return _subject(verb), verb  # "is a disaster", "has gone crazy"
    if node.dep_ == "dobj" and lemma_of(verb) in HAVING:
        return _subject(verb), verb  # "has heart", "did an excellent job"
    if node.dep_ in SUBJECTS and lemma_of(verb) == "be":
        # "the problem is Barry Bennett"
        return next((c for c in verb.children if c.dep_ == "attr"), None), verb
    return None, verb


def _subject(verb: Token) -> Token | None:
    """The subject of a copula or verb of having, passive parses included ("She's got heart")."""
    own = next((c for c in verb.children if c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS), None)
    return own if own is not None else subject_of(verb)


def _negated(token: Token, verb: Token) -> bool:
    """A negation on the word or on the verb asserting it ("isn't good", "has no heart")."""
    for node in {token, verb, token.head if token.dep_ == "amod" else token}:
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in NEGATORS:
                return True  # also a curly "n’t" the parser took for punctuation
            if child.dep_ in ("det", "advmod") and child.left_edge.lower_ in NEGATIVE_WORDS:
                return True  # "has no heart", "no longer has to"
    return False


def _unasserted(token: Token, verb: Token, content: Span, quoted: bool = True) -> bool:
    """A question, a condition, a guess, or (in a quote) words of another speaker it reports."""
    sentence = token.sent
    if any(t.text == "?" for t in token.doc[token.i : sentence.end]):
        return True
    if {lemma_of(c) for c in verb.children if c.dep_ == "aux"} & UNSURE:
        return True
    subject = _subject(verb)
    if token.dep_ == "aux" and subject is not None and token.i < subject.i:
        return True  # "should the campaign keep up its attacks": a condition, not a demand
    if any(node.dep_ == "relcl" for node in (verb, token)):
        return True  # "every American who no longer has to worry": a description
    for node in (verb, *verb.ancestors):
        if not (content.start <= node.i < content.end):
            break
        if any(lemma_of(c) in CONDITIONAL for c in node.children if c.dep_ == "mark"):
            return True
        speech = lemma_of(node) in words.SPEECH_VERBS and node.pos_ == "VERB"
        if quoted and node is not verb and speech:
            return True  # "Trump says he's with the working class": Trump's own words
    return False


def _owned_quality(token: Token) -> bool:
    """A quality of a noun that belongs to someone ("ISIS's best recruiter"), the possessive
    also when the parser lost it ("ISIS’ best recruiter")."""
    if token.dep_ != "amod":
        return False
    before = token.doc[token.i - 1].text if token.i > 0 else ""
    return before in POSSESSIVE_MARKS or any(c.dep_ == "poss" for c in token.head.children)


def _perfect(verb: Token) -> bool:
    """A past participle with "have" ("should have beaten")."""
    return verb.tag_ == "VBN" and any(
        lemma_of(c) == "have" for c in verb.children if c.dep_ == "aux"
    )


def _conceded(verb: Token) -> bool:
    """Whether a clause is granted before a "but" that turns against it."""
    return any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in verb.children) and any(
        c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in verb.children
    )


def political_speaker(quote: Quote, doc: Doc) -> bool:
    """Whether the speaker is a political actor: a coded one, one of a political sector or
    office, or one whose own words name a political office ("Rep. Jane Doe")."""
    if quote.speaker is None or _named_inside(quote, doc):
        return False
    if _political_actor(quote.speaker, quote.speaker_text or ""):
        return True
    return quote.speaker.sector == "CVL" and _named_as_opposition(doc, quote.speaker)


def _named_as_opposition(doc: Doc, entity: Entity) -> bool:
    """A civilian the text names by a noun the dictionaries also give the opposition sector
    ("an activist", "a dissident", "a campaigner": NGEC's CVL then OPP); PLOVER's OPP takes in
    anti-government activists, whose remarks are political as a party's are."""
    actor = next((a for a in doc._.actors or [] if a.id == entity.id), None)
    for mention in actor.mentions if actor is not None else []:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        apposed = [c for c in span.root.children if c.dep_ == "appos"]
        for noun in [span.root, *apposed]:
            agent = knowledge().agents.find(doc[noun.left_edge.i : noun.i + 1].text)
            if agent is not None and "OPP" in (agent.sector, *agent.secondary):
                return True
    return False


def _political_actor(entity: Entity, text: str) -> bool:
    """A political sector decides; without one, a code, an office or an office in the words."""
    if entity.sector is not None:
        return entity.sector in POLITICAL_SECTORS
    if entity.code or _political_office(entity.office):
        return True
    return any(_political_office(word) for word in text.split())


def _named_inside(quote: Quote, doc: Doc) -> bool:
    """A pronoun speaker ("she said") resolved to a name inside the quote itself: people rarely
    name themselves, so the antecedent is most likely someone the quote speaks of."""
    if (quote.speaker_text or "").lower() not in words.SUBJECT_PRONOUNS:
        return False
    actor = next((a for a in doc._.actors or [] if a.id == quote.speaker.id), None)
    return actor is not None and any(quote.start <= m.start < quote.end for m in actor.mentions)


def _political_office(title: str | None) -> bool:
    office = gazetteer.office(title) if title else None
    return office is not None and office.sector in POLITICAL_SECTORS


def _cue(doc: Doc, quote: Quote, content: Span) -> Token | None:
    """The verb of saying that attributes the quote: the nearest token outside the quoted
    words written as its cue."""
    if not quote.cue:
        return None
    first = quote.cue.split()[0]
    lo, hi = max(0, content.start - CUE_WINDOW), min(len(doc), content.end + CUE_WINDOW)
    found = [t for t in doc[lo:hi] if t.text == first and not content.start <= t.i < content.end]
    return min(found, key=lambda t: min(abs(t.i - content.start), abs(t.i - content.end)),
               default=None)  # fmt: skip


def _targets(doc: Doc, token: Token | None, cue: Token | None, kind: str) -> list[Entity]:
    """The actors the target token names: itself and its conjuncts, a pronoun's antecedent,
    or the person the remark is said of ("said of the candidate"); for an appraisal, also the
    owner or maker of what it appraises ("Smith's plan", "the deal Biden signed"), while a
    demand is made only of who is to act ("Clinton's use of a server should disqualify her"
    asks nothing of Clinton)."""
    if token is None or lemma_of(token) in words.FIRST_PERSON:
        return []
    if any(c.lower_ in GENERIC for c in token.children if c.dep_ in ("det", "amod")):
        return []
    if token.pos_ == "PRON":
        if token.lower_ not in THIRD_PARTY:
            return []
        about = _said_of(cue)
        if about is not None:
            token = about
    if kind == "demand" and actors.actor_at(doc, token.i) is None:
        if actors.resolve_reference(doc, token.i) is None:
            return []
    found = [e for e in group_of(doc, token) if political(e)]
    if not found and token.pos_ == "NOUN" and kind != "demand":
        maker = _maker(token)  # "the deal that Biden signed is bad": Biden's deal
        found = [e for e in group_of(doc, maker) if political(e)] if maker is not None else []
    return found


def political(entity: Entity) -> bool:
    """A resolved actor with a code, sector or office: a private person is no target."""
    return bool(entity.id and (entity.code or entity.sector or entity.office))


def _maker(thing: Token) -> Token | None:
    """Who made what a relative clause or participle says was made ("the deal Biden signed",
    "the plan put forward by the governor")."""
    for clause in thing.children:
        if clause.dep_ == "relcl":
            subject = subject_of(clause)
            if subject is not None and subject is not thing and lemma_of(subject) not in RELATIVE:
                return subject
            return agent_of(clause)
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            return agent_of(clause)
    return None


def _said_of(cue: Token | None) -> Token | None:
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ == "prep" and lemma_of(child) in ABOUT:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _addressee(cue: Token | None) -> Token | None:
    """Whom the verb of saying addresses ("Obama asked Republican politicians"), the "you" of
    the quote."""
    if cue is None:
        return None
    return next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.pos_ != "PRON"),
                None)  # fmt: skip


def _dating(
    doc: Doc, cue: Token | None, sent: Span, event: str, mode: str | None
) -> tuple[Dating, bool]:
    """(dating, future) of a remark, from its verb of saying, else the day of the post it is in."""
    if cue is None:
        posted = post_day(doc, sent.start_char)
        if posted is not None:
            day = posted.value
            return Dating(day, posted.text.strip(), "sentence", False, [], day), False
        day = doc._.reference_date.isoformat() if doc._.reference_date else None
        return Dating(day, None, "published" if day else None, False, [], day), False
    c = Candidate(token=cue, reading=Trigger(event, mode))
    dating = event_dating(c, cue.sent, doc)
    return dating, not dating.historical and is_future(c)


def _appraisals(content: Span) -> Iterator[tuple[str, list[Token], Token | None, Token]]:
    """(kind, words, target token, asserting verb) of each asserted appraisal in the quote."""
    for token in content:
        found = appraisal_of(token)
        if found is None:
            continue
        kind, parts = found
        if kind in ATTITUDES:
            continue  # what the speaker feels is read with every other feeling (`_attitudes`)
        target, verb = _target_token(token, kind)
        if target is None or _unasserted(token, verb, content):
            continue
        if kind == "praise" and _owned_quality(token):
            continue  # "ISIS's best recruiter" is good for ISIS, a charge against him
        negated = _negated(token, verb)
        if kind == "demand" and _perfect(verb):
            if not negated:  # "hasn't had to do it" reproaches no one
                yield "disapprove", parts, target, verb  # "should have beaten him": a reproach
            continue
        if negated:
            if kind != "praise":
                continue  # "is not a liar" accuses no one; "doesn't have to" asks nothing
            kind = "disapprove"  # "isn't good for the country"
        if kind == "praise" and _conceded(verb):
            continue  # "he is great at one-liners, but he's a chaos candidate"
        yield kind, parts, target, verb


def _reproaches(content: Span) -> Iterator[tuple[list[Token], Token | None]]:
    """(words, target token) of each question of reproach in the quote; the target is None for
    "you", whom the speaker addresses and the text does not name.

    A question about what oneself does ("Why do we need it?"), a suggestion ("Why don't you
    join us?", "Why not?"), one with no subject ("Why fix it?") and one the speaker answers
    ("Why did she do it? Because she cares") reproach no one.
    """
    sentences = sorted({t.sent for t in content}, key=lambda s: s.start)
    for n, sent in enumerate(sentences):
        said = [t for t in sent if content.start <= t.i < content.end and not t.is_space]
        text = [t for t in said if not t.is_punct]
        if len(text) < 2 or not any(t.text == "?" for t in said):
            continue
        opener, second = text[0], text[1]
        follow = REPROACH_OPENERS.get(opener.lower_)
        if follow is None or follow and second.lower_ not in follow:
            continue
        verb = opener.head if not follow else second.head if second.dep_ == "aux" else second
        subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is None or lemma_of(subject) in words.FIRST_PERSON or subject.lower_ in NO_ONE:
            continue
        addressed = subject.lower_ == "you"
        if addressed and _negated(verb, verb):
            continue
        answer = [t for t in sentences[n + 1] if not t.is_punct] if n + 1 < len(sentences) else []
        if answer and answer[0].lower_ in ("because", "well"):
            continue
        yield [opener, verb], None if addressed else subject


def _attitudes(doc: Doc) -> Iterator[tuple[str, list[Token], Token, Token, Token]]:
    """(kind, words, holder, target, verb) of each feeling an actor is said to have toward
    another ("isn't too impressed by the agreement", "is furious with the speaker")."""
    for token in doc:
        found = appraisal_of(token)
        if found is None or found[0] not in ATTITUDES:
            continue
        kind, parts = found
        if token.pos_ != "ADJ" and token.tag_ != "VBN":
            continue  # "impressed the judges" is what the subject did to others
        verb = token.head if token.dep_ in ("acomp", "xcomp") else token
        holder = _subject(verb)
        target = prep_object(token, ATTITUDE_PREPS) or agent_of(token)
        if holder is None or target is None or _unasserted(token, verb, token.sent, False):
            continue
        if _negated(token, verb):
            if kind != "pleased":
                continue  # "is not angry with her" disapproves of no one
            kind = "displeased"  # "isn't impressed by the deal"
        if kind == "pleased" and _conceded(verb):
            continue  # "she's pleased with the deal, but …"
        yield kind, parts, holder, target, verb


def remark_events(doc: Doc, coded: list[Event]) -> list[Event]:
    """The events of the remarks in `doc`'s quotes and of the feelings its actors are said to
    have, except those `coded` already holds (the same type by the same actor in the same
    sentence)."""
    taken = {(e.start, e.event, e.actor.id if e.actor else None) for e in coded}
    found: list[Event] = []

    def add(speaker: Entity, targets: list[Entity], cue: Token | None, kind: str,
            parts: list[Token], targetless: bool = False) -> None:  # fmt: skip
        targets = [e for e in targets
                   if e.id != speaker.id and not _own_country(doc, speaker, e, kind)]  # fmt: skip
        event, mode = KINDS[kind]
        sent = parts[0].sent
        key = (sent.start_char, event, speaker.id)
        if (targets or targetless) and key not in taken:
            taken.add(key)
            found.append(build_event(doc, speaker, cue, sent, parts, targets, event, mode))

    for quote in doc._.quotes or []:
        if quote.speaker is None or not political_speaker(quote, doc):
            continue
        content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if content is None:
            continue
        cue = _cue(doc, quote, content)
        for kind, parts, target, _ in _appraisals(content):
            add(quote.speaker, _targets(doc, target, cue, kind), cue, kind, parts)
        for parts, target in _reproaches(content):
            target = target if target is not None else _addressee(cue)
            targets = _targets(doc, target, cue, "disapprove")
            add(quote.speaker, targets, cue, "disapprove", parts, targetless=target is None)
    for kind, parts, holder, target, verb in _attitudes(doc):
        for entity in group_of(doc, holder)[:1]:
            if entity.id and _political_actor(entity, entity.entity_text):
                # a feeling about a decision is a verdict on it, as "criticized the deal" is
                policy = lemma_of(target).lower() in POLICIES
                add(entity, _targets(doc, target, None, kind), verb, kind, parts, policy)
    return found


def _own_country(doc: Doc, speaker: Entity, target: Entity, kind: str) -> bool:
    """A call on or praise of one's own country or people ("America must lead", "the American
    people are capable") states a position; a speaker without a code is taken as a native."""
    if kind not in ("demand", "praise", "pleased") or not target.code:
        return False
    actor = next((a for a in doc._.actors or [] if a.id == target.id), None)
    nation = actor is not None and (actor.kind == "country" or actor.sector == "CVL")
    return nation and speaker.code in (None, target.code)


def _confidence(speaker: Entity, target: Entity | None) -> float:
    score = CONFIDENCE + (SPEAKER_CODED if speaker.code else 0.0)
    return round(score + (TARGET_CODED if target is not None and target.code else 0.0), 2)


def build_event(
    doc: Doc, speaker: Entity, cue: Token | None, sent: Span, parts: list[Token],
    targets: list[Entity], event: str, mode: str | None,
) -> Event:  # fmt: skip
    dating, future = _dating(doc, cue, sent, event, mode)
    first, last = min(parts, key=lambda t: t.i), max(parts, key=lambda t: t.i)
    trigger = doc[first.i : last.i + 1]
    return Event(
        id=stable_id("e", doc._.doc_id or "", sent.start_char, trigger.start_char, event),
        event=event,
        mode=mode,
        context=None,
        date=dating.date,
        date_text=dating.date_text,
        date_source=dating.source,
        actor=speaker,
        recipient=targets[0] if targets else None,
        event_text=trigger.text,
        text=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        future=future,
        historical=dating.historical,
        period=dating.period,
        confidence=_confidence(speaker, targets[0] if targets else None),
        co_recipients=targets[1:],
    )
