"""Dependency-parse helpers shared by the event coder: lemmas, subjects, objects, preps."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from sitroom.lang.en import words
from sitroom.pipeline.actors.knowledge import dateline_span
from sitroom.pipeline.events.lexicon import LEXICON

SUBJECTS = words.ACTIVE_SUBJECTS
PASSIVE_SUBJECTS = words.PASSIVE_SUBJECTS
OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
# Heads that stand for what follows their "of": a share of it, or its state ("a state of
# emergency").
PARTITIVES = frozenset(
    "part portion half share bulk some most all much remainder rest state".split()
)
# Named-entity types that never fill a role: "resigned on Sunday", "a loan of $1 billion".
NOT_ROLES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})
WEEKDAYS = words.WEEKDAYS | frozenset(words.RELATIVE_DAYS)
# Nouns of an intention whose infinitive is their owner's act: "his intention to vote for X".
INTENTION_NOUNS = frozenset(
    "intention intent plan decision pledge promise vow commitment readiness willingness desire "
    "wish bid".split()
)
# Verbs by which their subject states an intention it owns ("stated his intention to …").
STATING_VERBS = frozenset(
    "state announce express declare make take reaffirm reiterate signal confirm voice reveal "
    "have".split()
)


# Lemmas the statistical lemmatizer gets wrong for trigger words: wrong lemma -> {form: lemma}.
MISLEMMAS = {"rap": {"raped": "rape", "raping": "rape", "rapes": "rape"}}


def lemma_of(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in MISLEMMAS:
        return MISLEMMAS[lemma].get(token.lower_, lemma)
    return lemma


def aux_lemmas(node: Token) -> set[str]:
    return {lemma_of(ch) for ch in node.children if ch.dep_ in ("aux", "auxpass")} | {
        ch.lower_ for ch in node.children if ch.dep_ in ("aux", "auxpass")
    }


def to_infinitive(clause: Token) -> bool:
    """Whether a verb has "to" as its auxiliary ("to resign", "calls to close")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def prep_object(token: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first of `preps` (in that order of preference) under `token`."""
    by_prep = {}
    for child in token.children:
        if child.dep_ in ("prep", "prt") and lemma_of(child) not in by_prep:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in NOT_ROLES:
                by_prep[lemma_of(child)] = pobj
    return next((by_prep[p] for p in preps if p in by_prep), None)


def where_clause(verb: Token) -> bool:
    return any(lemma_of(c) in ("where", "when") for c in verb.children if c.dep_ == "advmod")


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of `verb`, following xcomp / conj / relcl chains upward."""
    node = verb
    subjects = SUBJECTS
    for _ in range(4):
        for child in _subjects_first_named(node, subjects):
            if child.dep_ in subjects:
                if lemma_of(child) in RELATIVE and node.dep_ == "relcl":
                    return relative_antecedent(node, child)
                return child
        stolen = stolen_subject(node)
        if stolen is not None:
            return stolen
        # "Moscow would be forced to take counter-measures": the passive subject of the
        # governing verb is who takes them
        subjects = SUBJECTS | PASSIVE_SUBJECTS if node.dep_ == "xcomp" else SUBJECTS
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head if not where_clause(node) else None
        if node.dep_ == "acomp" and lemma_of(node) in LEXICON.prompt_adjectives:
            node = node.head  # "is quick to offer praise": the subject of the copula
            continue
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head != node:
            if node.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in node.head.children):
                return next(c for c in node.head.children if c.dep_ == "dobj")
            node = node.head
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG":
            return node.head
        if node.dep_ == "acl" and lemma_of(node.head) in INTENTION_NOUNS:
            return intention_owner(node.head)
        if node.dep_ == "pcomp" and lemma_of(node.head) == "by" and node.head.head.pos_ == "VERB":
            # "responded by cancelling the visit": the means has the main verb's subject
            node = node.head.head
            continue
        return None
    return None


def _subjects_first_named(node: Token, subjects: frozenset[str]) -> list[Token]:
    """The node's children, a subject in the dateline after the others: a parse that makes the
    dateline a subject ("WASHINGTON (AP) — Ryan pledged", with "Ryan" a second subject) lets
    another subject win; a lone one stands for the name apposed to it, which the actor layer
    finds. The dateline is looked up only when there are two subjects to choose from."""
    children = list(node.children)
    if sum(c.dep_ in subjects for c in children) < 2:
        return children
    span = dateline_span(node.doc)
    if span is None:
        return children
    return sorted(children, key=lambda c: span[0] <= c.idx < span[1])


def relative_antecedent(clause: Token, pronoun: Token) -> Token:
    """The noun a relative clause describes. The parser may hang it on a noun before a named
    person ("the family of Ronald Johnson, who was shot"), and "who" never stands for a place:
    in "Republicans in the state who suspect …" it is the noun before the place's preposition."""
    head = clause.head
    named = next((g for p in head.children if p.dep_ == "prep" and lemma_of(p) == "of"
                  for g in p.children if g.dep_ == "pobj"), None)  # fmt: skip
    person = named is not None and "PERSON" in {t.ent_type_ for t in named.subtree}
    if person and named.i < pronoun.i <= named.i + 2:
        return named  # "the family of Ronald Johnson, who was shot": Johnson was shot
    place = head.ent_type_ in ("GPE", "LOC", "FAC") or lemma_of(head) in LEXICON.words["places"]
    if lemma_of(pronoun) in ("who", "whom") and place and head.dep_ == "pobj":
        before = head.doc[head.head.i - 1] if head.head.i > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN"):
            return before
    return head


def stolen_subject(verb: Token) -> Token | None:
    """The subject of a second clause that the parser took for a conjunct of the first
    clause's object: in "X criticised Y and Z praised W", Z (parsed as "Y and Z") praised W."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX") or verb.tag_ in ("VB", "VBG"):
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS for c in verb.children):
        return None
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    if before is None or before.dep_ != "conj" or before.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    first = before.head
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ not in ("dobj", "pobj") or verb.head not in first.ancestors:
        return None
    return before


def splits_clause(token: Token) -> bool:
    """True for a conjunct that is the subject of the next clause (see `stolen_subject`)."""
    doc = token.doc
    after = token.right_edge.i + 1
    if token.dep_ != "conj" or after >= len(doc):
        return False
    verb = doc[after]
    while verb.dep_ == "advmod" and verb.head.i > verb.i:
        verb = verb.head  # "and Z then praised W"
    return stolen_subject(verb) == token


def intention_owner(noun: Token) -> Token | None:
    """Who holds an intention: "his intention to vote", "Ohio's plan to sue", or the subject
    of the verb stating it ("Lieberman stated his intention": Lieberman, not "his")."""
    if noun.dep_ == "dobj" and lemma_of(noun.head) in STATING_VERBS:
        subject = subject_of(noun.head)
        if subject is not None:
            return subject
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def clause_subject(verb: Token) -> Token | None:
    """The subject of the clause a verb governs: "suspect [he] timed it", "wants [Obama] to
    veto the bill" (also parsed as an object followed by a clause of its own)."""
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp") and not _small_participle(clause):
            subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
            if subject is not None:
                return subject
    if any(c.dep_ == "xcomp" and not _small_participle(c) for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    return None


def content_subject(noun: Token) -> Token | None:
    """The subject of the "that" clause that says what a noun is about: "amusement [that
    Rubio had described his views]", on the noun or on the verb it is the object of. A clause
    of what may come ("concern that Clinton may win") judges no act, and gives none."""
    holders = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ not in ("acl", "ccomp") or not any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
            ):
                continue
            if aux_lemmas(clause) & (MODALS | {"will"}):
                return None
            subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
            if subject is not None:
                return subject
    return None


def _small_participle(clause: Token) -> bool:
    """ "wanted him arrested": a participle with no auxiliary, what is to be done to its
    subject, not by it ("suspect he had known" has one)."""
    return clause.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def phrasal_object(verb: Token, particles: Iterable[str]) -> Token | None:
    """The object of a particle's preposition ("pushed back against X": `back+against`), on the
    particle or on the verb."""
    for particle in particles:
        first, plus, second = particle.partition("+")
        if not plus:
            continue
        for child in verb.children:
            if lemma_of(child) == first and child.dep_ in ("prt", "advmod"):
                found = prep_object(child, (second,)) or prep_object(verb, (second,))
                if found is not None:
                    return found
    return None


def phrasal_particles(verb: Token) -> set[str]:
    """`particle+preposition` pairs of a verb ("pushed back against": `back+against`)."""
    found = set()
    for child in verb.children:
        if child.dep_ not in ("prt", "advmod"):
            continue
        preps = [p for p in (*child.children, *verb.children) if p.dep_ == "prep"]
        found.update(f"{lemma_of(child)}+{lemma_of(p)}" for p in preps)
    return found


def is_date(token: Token) -> bool:
    return token.ent_type_ in NOT_ROLES or lemma_of(token) in WEEKDAYS


def modifiers_of(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]


def object_lemmas(token: Token, particles: frozenset[str]) -> set[str]:
    """Lemmas of what the verb acts on: objects, passive subjects, objects of its particle."""
    heads = [c for c in token.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECTS]
    for prep in token.children:
        if prep.dep_ == "prep" and lemma_of(prep) in particles:
            heads.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "the sanctions lifted last week"
        heads.append(token.head)
    if token.dep_ == "relcl" and any(
        c.dep_ in PASSIVE_SUBJECTS and lemma_of(c) in RELATIVE for c in token.children
    ):
        heads.append(token.head)  # "the chief, who was suspended by the mayor": the chief
    for prep in token.children:  # "provided Egypt with aircraft"
        if prep.dep_ == "prep" and lemma_of(prep) == "with":
            heads.extend(c for c in prep.children if c.dep_ == "pobj")
    for clause in token.children:  # "allowed aid workers to enter": who is allowed
        if clause.dep_ == "ccomp" and any(a.lower_ == "to" for a in clause.children):
            heads.extend(c for c in clause.children if c.dep_ in SUBJECTS)
    for head in list(heads):  # "cancelled part of Zambia's debt": what the part is of
        if lemma_of(head) in PARTITIVES:
            heads.extend(
                c for prep in head.children if lemma_of(prep) == "of"
                for c in prep.children if c.dep_ == "pobj"
            )  # fmt: skip
    lemmas = set()
    for head in heads:
        lemmas.update(lemma_of(t) for t in (head, *head.conjuncts))
        named = (head, *(c for c in head.children if c.dep_ == "appos"))
        if any(t.ent_type_ in ("PERSON", "NORP") for t in named):
            # a named person: "released Odin Sanchez", "released the teacher Marc Fogel"
            lemmas.add("<person>")
        lemmas.update(lemma_of(c) for c in head.children if c.dep_ == "compound")
        if head.dep_ in ("oprd", "attr") or head.dep_ == "dobj" and _predicate(head):
            # what the object is called: "called him a liar", "called it a weak plan"
            for predicate in (head, *(c for c in head.children if c.dep_ == "appos")):
                lemmas.add(lemma_of(predicate))
                lemmas.update(lemma_of(c) for c in predicate.children if c.dep_ == "amod")
    return lemmas


def _predicate(head: Token) -> bool:
    """An object followed by what it is called, parsed as its apposition ("the plan a disaster")."""
    return any(c.dep_ == "appos" and c.i > head.i for c in head.children)


def governed_lemmas(token: Token) -> set[str]:
    """Lemmas of what a trigger is about: its objects, complements and their words, not its
    subject ("Iran called on Washington to lift its sanctions" -> on, washington, lift, …)."""
    skipped = SUBJECTS | PASSIVE_SUBJECTS | {"punct", "aux", "auxpass", "neg", "advmod"}
    return {
        lemma_of(t) for child in token.children if child.dep_ not in skipped for t in child.subtree
    }
