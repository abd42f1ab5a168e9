"""Lookups for the quote and event layers: the actor of a token, and what a pronoun or role
noun ("he", "the Secretary General") refers to."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from sitroom.knowledge import knowledge
from sitroom.pipeline.actors import gazetteer as gz
from sitroom.pipeline.actors import knowledge as kb
from sitroom.pipeline.actors.common import (
    _GENDER_KEY,
    _IT,
    _MEMBERS_KEY,
    _PRONOUN_GENDER,
    _SPANS_KEY,
    _SUBJECT_DEPS,
    _THEY,
    _clean_name,
)
from sitroom.records import Actor

# --------------------------------------------------------------------------- lookups


def actor_at(doc: Doc, token_index: int) -> Actor | None:
    """The actor a token belongs to (as part of a mention), or None."""
    actor_id = (doc._.token_actor or {}).get(token_index)
    if actor_id is None:
        return None
    return next((a for a in doc._.actors or [] if a.id == actor_id), None)


def members(doc: Doc, token_index: int) -> list[Actor]:
    """Further members of a compound actor whose phrase holds the token.

    "Czech and Slovak officials": at "officials" (the Slovak officials' mention), the Czech
    officials. Empty for a token of no compound.
    """
    wanted = (doc.user_data.get(_MEMBERS_KEY) or {}).get(token_index, [])
    by_id = {a.id: a for a in doc._.actors or []}
    return [by_id[i] for i in wanted if i in by_id]


def resolve_reference(doc: Doc, token_index: int) -> Actor | None:
    """The actor a pronoun or role noun ("he", "the Secretary General") refers to, or None.

    A token inside a mention gives that mention's actor. A pronoun looks back: first at the
    subjects of its own sentence before it, then sentence by sentence (up to four back) at that
    sentence's subjects, then the speaker of a quote there, then its other mentions in order,
    taking the first actor of a compatible kind (persons for he/she, agreeing in gender when it
    is known; organisations and countries for "it"; groups, organisations and countries for
    "they", or the first of two people joined as a subject). "They" after a plural common
    noun subject in its own sentence ("the leaders ... their") resolves to None.

    A role noun with a name in apposition is that person ("another diplomat, Ana Ruiz,
    said"). A definite group noun ("the ministry", "the army") is the nearest group or body
    of the same sector before it in the paragraph. The search never leaves the paragraph: a
    person named further back is not an antecedent (a paragraph whose first sentence holds
    the pronoun continues the paragraph before it).
    """
    own = actor_at(doc, token_index)
    if own is not None:
        return own
    token = doc[token_index]
    dateline = kb.dateline_span(doc)
    if dateline and dateline[0] <= token.idx < dateline[1]:
        # The dateline is never an actor; a parse that hangs the subject on it ("MANILA ...
        # — U.S. Defense Secretary Lloyd Austin on Tuesday accused") still names it apposed.
        return _apposed_actor(doc, token)
    word = token.lower_
    named = _apposed(doc, token)
    if named is not None:
        return named
    accepts = _acceptor(doc, word)
    if accepts is None:
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        office = gz.office(token.text)
        if office is None:
            return _same_sector_before(doc, token)
        return _nearest_office_holder(doc, token_index, office.title)
    by_id = {a.id: a for a in doc._.actors or []}
    spans = doc.user_data.get(_SPANS_KEY) or _spans_from_tokens(doc)
    sentence = token.sent
    if word in _THEY and _plural_subject_before(doc, sentence.start, token_index):
        return None  # "The leaders reaffirmed their ...": a plain noun is the antecedent
    found = _pick_in_sentence(doc, spans, by_id, accepts, token)
    if found is not None:
        return found
    sent_start = sentence.start
    paragraph = _paragraph_start(doc, token)
    if doc[sentence.start].idx <= paragraph:
        # A paragraph that opens with "He noted ..." goes on with the previous one's person.
        paragraph = _paragraph_start(doc, doc[max(sentence.start - 1, 0)])
    for _ in range(4):
        if sent_start == 0 or doc[sent_start - 1].idx < paragraph:
            break
        previous = doc[sent_start - 1].sent
        same = _same_pronoun_subject(previous, token)
        if same is not None:
            # "he gave Clinton an endorsement. … he said": the same "he" as before
            return resolve_reference(doc, same.i)
        for pick in (_pick_subject, _quote_speaker, _pick_any):
            found = pick(doc, spans, by_id, accepts, previous.start, previous.end)
            if found is not None:
                return found
        sent_start = previous.start
    return None


def _same_pronoun_subject(sentence: Span, pronoun: Token) -> Token | None:
    """A third-person singular pronoun of the same gender that is the subject of `sentence`
    and comes before any actor it names."""
    gender = _PRONOUN_GENDER.get(pronoun.lower_)
    if gender is None:
        return None
    for token in sentence:
        if actor_at(sentence.doc, token.i) is not None:
            return None
        if token.dep_ in _SUBJECT_DEPS and _PRONOUN_GENDER.get(token.lower_) == gender:
            return token
    return None


def _paragraph_start(doc: Doc, token: Token) -> int:
    """Character offset where the token's paragraph begins (after the last line break)."""
    return doc.text.rfind("\n", 0, token.idx) + 1


def _apposed(doc: Doc, token: Token) -> Actor | None:
    """The person named in apposition to a role noun: "another diplomat, Ana Ruiz," or
    "Ana Ruiz, another diplomat"."""
    if token.pos_ != "NOUN":
        return None
    linked = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        linked.append(token.head)
    for other in linked:
        found = actor_at(doc, other.i)
        if found is not None and found.kind == "person":
            return found
    return None


def _apposed_actor(doc: Doc, token: Token) -> Actor | None:
    """Any actor named in apposition to the token or its conjuncts."""
    for member in (token, *token.conjuncts):
        for child in member.children:
            if child.dep_ == "appos":
                found = actor_at(doc, child.i)
                if found is not None:
                    return found
    return None


_DEFINITE = {"the", "this", "that", "these", "those"}


def _same_sector_before(doc: Doc, token: Token) -> Actor | None:
    """For "the ministry", "the army": the nearest group or body of that sector before it in
    the paragraph ("Russia's foreign ministry ... The ministry added")."""
    if not any(c.lower_ in _DEFINITE for c in token.children if c.dep_ == "det"):
        return None
    sector = _sector_of_noun(token)
    if sector is None:
        return None
    paragraph = _paragraph_start(doc, token)
    best: tuple[int, Actor] | None = None
    for actor in doc._.actors or []:
        if actor.kind not in {"group", "organization"} or actor.sector != sector:
            continue
        before = [m.start for m in actor.mentions if paragraph <= m.start < token.idx]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), actor)
    return best[1] if best else None


def _sector_of_noun(token: Token) -> str | None:
    sector = gz.group_sector(token.text) or gz.group_sector(token.lemma_)
    if sector is None:
        agent = knowledge().agent(token.lower_) or knowledge().agent(token.lemma_)
        sector = agent.sector if agent is not None else None
    return sector


def _acceptor(doc: Doc, word: str) -> Any:
    """A test `(actor, start token) -> bool` for what a pronoun can refer to, or None."""
    genders = doc.user_data.get(_GENDER_KEY) or {}
    if word in _PRONOUN_GENDER:
        wanted = _PRONOUN_GENDER[word]
        return lambda a, _s: a.kind == "person" and genders.get(a.id, wanted) == wanted
    if word in _IT:
        return lambda a, _s: a.kind in {"organization", "country"}
    if word in _THEY:
        return lambda a, s: (
            a.kind in {"group", "organization", "country"}
            or (a.kind == "person" and _conjoined_subject(doc, s))
        )
    return None


def _plural_subject_before(doc: Doc, start: int, end: int) -> bool:
    """Whether a plural noun outside every mention is a subject between `start` and `end`."""
    token_actor = doc._.token_actor or {}
    return any(
        doc[i].dep_ in _SUBJECT_DEPS and doc[i].tag_ in {"NNS", "NNPS"} and i not in token_actor
        for i in range(start, end)
    )


def _conjoined_subject(doc: Doc, start: int) -> bool:
    """Whether the mention at `start` heads a subject joined with another ("A and B said")."""
    token = doc[start]
    root = token if token.dep_ in _SUBJECT_DEPS else token.head
    return root.dep_ in _SUBJECT_DEPS and any(c.dep_ == "conj" for c in root.children)


def _mention_is_subject(doc: Doc, start: int, end: int) -> bool:
    return any(doc[i].dep_ in _SUBJECT_DEPS for i in range(start, end))


def _in_range(spans: list[tuple[int, int, str]], lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [s for s in spans if lo <= s[0] and s[1] <= hi]


def _pick_in_sentence(
    doc: Doc,
    spans: list[tuple[int, int, str]],
    by_id: dict[str, Actor],
    accepts: Any,
    pronoun: Token,
) -> Actor | None:
    """Within the pronoun's own sentence: a compatible subject before it, or the owner of
    one ("Meadows' retirement has roiled those who suspect he timed it").

    The subject of the main clause comes first ("Biden was Vice President when Putin annexed
    Crimea; he was President when ..."), then the nearest other subject. A subject of the
    pronoun's own clause cannot be its antecedent when the pronoun is an object ("Trump met
    him").
    """
    root = pronoun.sent.root
    object_pronoun = pronoun.dep_ not in _SUBJECT_DEPS and pronoun.dep_ != "poss"
    candidates: list[tuple[int, Actor]] = []
    for start, end, actor_id in reversed(_in_range(spans, pronoun.sent.start, pronoun.i)):
        actor = by_id.get(actor_id)
        if actor is None or not accepts(actor, start):
            continue
        subjects = [_as_subject(doc[i]) for i in range(start, end)]
        subjects = [t for t in subjects if t is not None]
        if not subjects:
            continue
        if object_pronoun and any(t.head == pronoun.head for t in subjects):
            continue
        rank = 0 if any(t.head == root for t in subjects) else 1
        candidates.append((rank, actor))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _as_subject(token: Token) -> Token | None:
    """The subject a mention token is or owns."""
    if token.dep_ == "poss" and token.head.dep_ in _SUBJECT_DEPS:
        return token.head
    return token if token.dep_ in _SUBJECT_DEPS else None


def _pick_subject(
    doc: Doc, spans: Any, by_id: dict[str, Actor], accepts: Any, lo: int, hi: int
) -> Actor | None:
    for start, end, actor_id in _in_range(spans, lo, hi):
        actor = by_id.get(actor_id)
        if actor and accepts(actor, start) and _mention_is_subject(doc, start, end):
            return actor
    return None


def _pick_any(
    doc: Doc, spans: Any, by_id: dict[str, Actor], accepts: Any, lo: int, hi: int
) -> Actor | None:
    for start, _end, actor_id in _in_range(spans, lo, hi):
        actor = by_id.get(actor_id)
        if actor and accepts(actor, start):
            return actor
    return None


def _quote_speaker(
    doc: Doc, spans: Any, by_id: dict[str, Actor], accepts: Any, lo: int, hi: int
) -> Actor | None:
    """The speaker of a quote in the sentence, when the quote layer has already run."""
    lo_char, hi_char = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    for quote in doc._.quotes or []:
        if quote.speaker is None or not (lo_char <= quote.start < hi_char):
            continue
        actor = by_id.get(quote.speaker.id or "")
        if actor is not None and accepts(actor, lo):
            return actor
    return None


def _spans_from_tokens(doc: Doc) -> list[tuple[int, int, str]]:
    """Mention spans rebuilt from `doc._.token_actor` (when actors were set elsewhere)."""
    spans: list[tuple[int, int, str]] = []
    for i, actor_id in sorted((doc._.token_actor or {}).items()):
        if spans and spans[-1][1] == i and spans[-1][2] == actor_id:
            spans[-1] = (spans[-1][0], i + 1, actor_id)
        else:
            spans.append((i, i + 1, actor_id))
    return spans


def _nearest_office_holder(doc: Doc, token_index: int, title: str) -> Actor | None:
    """The person holding `title` whose mention is closest before the token (else after)."""
    best: tuple[tuple[int, int], Actor] | None = None
    for actor in doc._.actors or []:
        if actor.kind != "person" or actor.office != title or not actor.mentions:
            continue
        char = doc[token_index].idx
        before = [char - m.start for m in actor.mentions if m.start < char]
        rank = (0, min(before)) if before else (1, min(m.start - char for m in actor.mentions))
        if best is None or rank < best[0]:
            best = (rank, actor)
    return best[1] if best else None


_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def place_of(doc: Doc, start: int, end: int) -> str | None:
    """ISO3 code of the country a place mention (character offsets) lies in, or None.

    The mention is read as the model reads it: a span it tags as a person or an organisation
    is no place. Names several places share are decided by the story's countries and by
    population; a name that is both a country and a region of a country the story is about
    ("Georgia" in a story about the United States) is the region.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    ents = [e for e in doc.ents if e.start < span.end and e.end > span.start]
    if ents and all(e.label_ not in _PLACE_LABELS for e in ents):
        return None
    text = _clean_name(span.text)
    context = kb.context_codes(doc, skip=(span.start_char, span.end_char))
    after = _qualifier(doc, span.end)
    if after is not None:
        # "San Jose, Calif.", "Warsaw, Ind.": the region or country named after a comma.
        near = knowledge().places.resolve(text, {after})
        if near is None or near.country == after:
            return after
    country = gz.country_code(text)
    if country is not None and country not in context and context:
        nearer = knowledge().places.resolve(text, context)
        if nearer is not None and nearer.country in context:
            return nearer.country
    return country or gz.place_country(text, context)


def _qualifier(doc: Doc, i: int) -> str | None:
    """The country of a region or country written after a comma at token `i` ("..., Pa.")."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    for end in (i + 3, i + 2):
        if end > len(doc):
            continue
        words = doc[i + 1 : end].text
        code = gz.country_code(words)
        if code is None:
            region = knowledge().places.lookup(words)
            code = region[0].country if region and region[0].kind == "region" else None
        if code is not None:
            return code
    return None
