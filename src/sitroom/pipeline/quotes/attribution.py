"""Quotes: direct and reported speech with cue, content and speaker.

Conventions of the records this module makes (`records.Quote`):

- **Span.** `start`/`end` cover the quoted words only: for a direct quote, the text between the
  quotation marks, without the marks and without a trailing comma that only joins the quote to
  its attribution ("“We will win,” he said" -> `We will win`). For a reported quote, the clausal
  complement of the speech verb, including its complementizer ("said that ..."). `content` is
  always `document.text[start:end]`.
- **One quote per pair of marks.** A quote interrupted by its attribution ("“A,” he said. “B.”")
  gives two quotes with the same speaker and cue (the attribution just before the second). A
  quote whose paragraph ends without a closing mark and whose next paragraph opens with a mark
  continues: it is one quote spanning both paragraphs.
- **Cue.** The reporting verb as written ("said", "concluded", "stating"), or "according to".
  Looked for after the quote ("…,” he said), before it in its sentence ("stating that “…”"),
  in a sentence ending with a colon, or in an attribution sentence just before the quote. A
  quote signed after a dash ("“…” ― Jane Doe") has a speaker and no cue. A quote with no cue
  continues the speaker of the previous quote in the same or the previous paragraph.
- **Speaker.** The subject of the cue, resolved through the actor layer (`actors.actor_at` for a
  named subject, `actors.resolve_reference` for pronouns and role nouns). `speaker_text` is the
  words of the subject; `speaker` is `actor.entity(speaker_text)`, or None when no actor is
  found (the words are then still in `speaker_text`).
- Quotation marks: straight double quotes, curly double quotes, guillemets (« »), and curly
  single quotes when
  they delimit speech. A span in marks that names something (‘Coalition of the Willing’) or is
  a short scare quote without a speech verb nearby is not a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.lang.en import words
from sitroom.pipeline import actors
from sitroom.pipeline.doc import doc_text
from sitroom.records import Actor, Quote, stable_id

# Verbs that report speech, verbs that only frame quotations, and the framing verbs that attribute
# only the quote they follow: one list for every layer, in lang/en/speech_verbs.tsv.
SPEECH_VERBS = words.SPEECH_VERBS
FRAMING_VERBS = words.FRAMING_VERBS
_FRAMING_AFTER_ONLY = words.FRAMING_AFTER_ONLY
SUBJECT_DEPS = words.NOMINAL_SUBJECTS
# Dependencies through which a verb without a subject of its own borrows its head's subject
# ("stating that …" -> the subject of the clause it modifies).
CLIMB_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "prep", "ccomp", "relcl")
# Words that make up a speaker's noun phrase besides its head.
NP_DEPS = ("compound", "amod", "det", "poss", "nummod", "nmod", "flat", "case", "punct", "npadvmod")

OPEN_DOUBLE = "“"
CLOSE_DOUBLE = "”"
OPEN_GUILLEMET = "«"
CLOSE_GUILLEMET = "»"
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
_OPENING_CONTEXT = " \t\n([{—–-/"

# A quote needs this many words to count without a speech verb nearby: shorter spans in marks
# are mostly scare quotes and titles (checked on the PolNeAR dev split).
MIN_STANDALONE_WORDS = 4
# How far (in tokens) after a closing mark the attribution may reach: far enough for
# "…,” Leonard Burman, director of a tax policy centre at a university, said" (PolNeAR dev).
AFTER_WINDOW = 40
_PRONOUNS = words.SUBJECT_PRONOUNS


@dataclass
class Attribution:
    """A quote with the token span of its speaker (for evaluation and debugging)."""

    quote: Quote
    speaker_start: int | None = None  # char span of the speaker words
    speaker_end: int | None = None


@dataclass
class _Marked:
    """A span in quotation marks: content offsets and the offsets of the marks themselves."""

    start: int  # content
    end: int
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark (None: closed by the end of a paragraph)
    family: str
    close_width: int = 1


@dataclass
class _Mark:
    pos: int
    width: int
    opening: bool
    family: str  # marks pair only within a family, so one kind can nest in another


# --- finding spans in quotation marks ---------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Char spans of the paragraphs (lines) of `text`."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_opening(text: str, i: int) -> bool:
    """Whether the straight or single mark at `i` opens a quotation (decided by what precedes)."""
    return i == 0 or text[i - 1] in _OPENING_CONTEXT or text[i - 1] in OPEN_DOUBLE + OPEN_SINGLE


def _double_marks(text: str, start: int, end: int) -> list[_Mark]:
    """Double quotation marks of a paragraph: curly, straight, and the typewriter pairs
    `` and '' that some newspapers' archives use."""
    marks = []
    i = start
    while i < end:
        ch, pair = text[i], text[i : i + 2]
        if ch == OPEN_DOUBLE:
            marks.append(_Mark(i, 1, True, "curly"))
        elif ch == CLOSE_DOUBLE:
            marks.append(_Mark(i, 1, False, "curly"))
        elif ch in (OPEN_GUILLEMET, CLOSE_GUILLEMET):
            marks.append(_Mark(i, 1, ch == OPEN_GUILLEMET, "guillemet"))
        elif ch == '"':
            marks.append(_Mark(i, 1, _is_opening(text, i), "straight"))
        elif pair in ("''", "``") and i + 1 < end:
            marks.append(_Mark(i, 2, pair == "``" or _is_opening(text, i), "straight"))
            i += 1
        i += 1
    return marks


def _pair(marks: list[_Mark]) -> list[tuple[_Mark, _Mark | None]]:
    """Pair opening with closing marks of the same family; an unclosed one runs to the end."""
    pairs: list[tuple[_Mark, _Mark | None]] = []
    for family in dict.fromkeys(m.family for m in marks):  # in order of first use, not a set's
        current: _Mark | None = None
        for mark in (m for m in marks if m.family == family):
            if current is None:
                if mark.opening:
                    current = mark
            elif not mark.opening:
                pairs.append((current, mark))
                current = None
        if current is not None:
            pairs.append((current, None))
    return _close_across_families(marks, pairs)


def _close_across_families(
    marks: list[_Mark], pairs: list[tuple[_Mark, _Mark | None]]
) -> list[tuple[_Mark, _Mark | None]]:
    """Close a quote left open by a stray closing mark of the other kind (“…," he said)."""
    used = {id(m) for pair in pairs for m in pair if m is not None}
    result = []
    # The innermost open quote takes the stray mark first, as nested quotes close inside out.
    for opening, closing in sorted(pairs, key=lambda pair: -pair[0].pos):
        if closing is None:
            closing = next(
                (m for m in marks if m.pos > opening.pos and not m.opening and id(m) not in used),
                None,
            )
            if closing is not None:
                used.add(id(closing))
        result.append((opening, closing))
    return sorted(result, key=lambda pair: pair[0].pos)


def _single_pairs(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> list:
    """Curly single quotes that delimit a span (not apostrophes), outside double quotes."""
    pairs: list[tuple[_Mark, _Mark | None]] = []
    i = start
    while i < end:
        if text[i] == OPEN_SINGLE and _is_opening(text, i) and not _within(i, inside):
            j = i + 1
            while j < end:
                after = text[j + 1] if j + 1 < end else " "
                if text[j] == CLOSE_SINGLE and not after.isalnum():
                    break
                j += 1
            if j < end:
                pairs.append((_Mark(i, 1, True, "single"), _Mark(j, 1, False, "single")))
                i = j
        i += 1
    return pairs


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding space and a trailing comma (it joins the quote to its attribution)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def marked_spans(text: str) -> list[_Marked]:
    """Every span of `text` in quotation marks, with quotes continued across paragraphs joined."""
    found: list[_Marked] = []
    for par_start, par_end in _paragraphs(text):
        pairs = _pair(_double_marks(text, par_start, par_end))
        doubles = [(a.pos, b.pos if b is not None else par_end) for a, b in pairs]
        pairs += _single_pairs(text, par_start, par_end, doubles)
        for opening, closing in sorted(pairs, key=lambda p: p[0].pos):
            end = closing.pos if closing is not None else par_end
            start, stop = _trim(text, opening.pos + opening.width, end)
            if stop <= start:
                continue
            close_at = closing.pos if closing is not None else None
            width = closing.width if closing is not None else 1
            if _continues(found, opening, par_start):
                # The previous paragraph ended inside a quote and this one reopens it.
                found[-1].end, found[-1].close_at, found[-1].close_width = stop, close_at, width
                continue
            found.append(_Marked(start, stop, opening.pos, close_at, opening.family, width))
    return sorted(found, key=lambda m: m.start)


def _continues(found: list[_Marked], opening: _Mark, par_start: int) -> bool:
    """Whether a mark opening a paragraph reopens a quote left open by the last paragraph."""
    if not found or opening.pos != par_start:
        return False
    last = max(found, key=lambda m: m.end)
    if last is not found[-1]:
        found.remove(last)
        found.append(last)
    return last.close_at is None and last.end < par_start and last.family == opening.family


# --- speakers ---------------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_speech(token: Token, framing: bool = True) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    lemma = _lemma(token)
    return lemma in SPEECH_VERBS or (framing and lemma in FRAMING_VERBS)


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, borrowed from the verb it depends on when it has none."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ not in ("SCONJ",):
                return child
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "footage of Clinton asking, “…”"
        for child in token.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            break
        token = token.head
    return None


def _noun_phrase(head: Token) -> tuple[int, int]:
    """Token span (start, end) of the compact noun phrase around `head` (no clauses)."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in NP_DEPS and child.dep_ != "punct":
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "appos" and child.pos_ == "PROPN"):
            end = max(end, child.right_edge.i)
    return start, end + 1


def _nearest_nominal(doc: Doc, verb: Token, lo: int, hi: int) -> Token | None:
    """Fallback speaker when the parse gives none: the closest noun or pronoun to the verb."""
    best: Token | None = None
    for token in doc[lo:hi]:
        if token.pos_ in ("PROPN", "PRON", "NOUN") and token.i != verb.i:
            if best is None or abs(token.i - verb.i) < abs(best.i - verb.i):
                best = token
    if best is not None and best.pos_ == "PROPN":
        # Prefer the last word of a multi-word name (its head).
        while best.i + 1 < hi and doc[best.i + 1].pos_ == "PROPN":
            best = doc[best.i + 1]
    return best


def _actor_for(doc: Doc, start: int, end: int, head: Token) -> Actor | None:
    """The actor behind a speaker phrase: a named mention, else what the reference points to."""
    actor = actors.actor_at(doc, head.i)
    for i in range(start, end):
        if actor is None:
            actor = actors.actor_at(doc, i)
    if actor is None:
        actor = actors.resolve_reference(doc, head.i)
    if actor is None and head.pos_ == "PROPN":
        actor = _named_before(doc, head)
    return actor


def _named_before(doc: Doc, head: Token) -> Actor | None:
    """A person named in full earlier whose name ends with `head` ("Misri" after "Vikram
    Misri"), for a surname the actor layer left unlinked."""
    best: tuple[int, Actor] | None = None
    for actor in doc._.actors or []:
        if actor.kind != "person" or actor.name.split()[-1:] != [head.text]:
            continue
        for mention in actor.mentions:
            if mention.end <= head.idx and (best is None or mention.end > best[0]):
                best = (mention.end, actor)
    return best[1] if best else None


@dataclass
class _Speaker:
    text: str
    start: int  # char offsets
    end: int
    actor: Actor | None
    pronoun: bool


def _speaker(doc: Doc, head: Token | None) -> _Speaker | None:
    if head is None:
        return None
    start, end = _noun_phrase(head)
    span = doc[start:end]
    return _Speaker(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        actor=_actor_for(doc, start, end, head),
        pronoun=head.pos_ == "PRON" or head.lower_ in _PRONOUNS,
    )


# --- cues of direct quotes --------------------------------------------------------------------


def _after(doc: Doc, marked: _Marked) -> int | None:
    """Index of the first token after the closing mark."""
    if marked.close_at is None:
        return None
    end = marked.close_at + marked.close_width
    span = doc.char_span(marked.close_at, end, alignment_mode="expand")
    return span.end if span is not None else None


def _cue_after(doc: Doc, marked: _Marked, quoted: set[int]) -> Token | None:
    """A speech verb after the closing mark in the same sentence ("…,” Rutte said",
    "…,” said Rutte", "…,” Leonard Burman, director of …, said")."""
    first = _after(doc, marked)
    if first is None:
        return None
    limit = min(len(doc), first + AFTER_WINDOW)
    for i in range(first, limit):
        token = doc[i]
        if i in quoted or token.text in ".!?;" or "\n" in token.text:
            return None
        if _is_speech(token):
            return token
    return None


def _sentence_start(doc: Doc, token: Token, quoted: set[int]) -> int:
    """Index of the first token of `token`'s sentence, not reaching back past another quote."""
    i = token.i - 1
    while i >= 0:
        prev = doc[i]
        if prev.text in (".", "!", "?") or "\n" in prev.text or i in quoted:
            break
        i -= 1
    return i + 1


def _opening_token(doc: Doc, marked: _Marked) -> Token | None:
    span = doc.char_span(marked.open_at, marked.open_at + 1, alignment_mode="expand")
    return doc[span.start] if span is not None and span.start > 0 else None


def _cue_before(doc: Doc, marked: _Marked, quoted: set[int]) -> Token | None:
    """The nearest speech verb before the opening mark in the same sentence."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    first = _sentence_start(doc, mark, quoted)
    for i in range(mark.i - 1, first - 1, -1):
        if _is_speech(doc[i]) and _lemma(doc[i]) not in _FRAMING_AFTER_ONLY:
            return doc[i]
    return None


def _cue_colon(doc: Doc, marked: _Marked, quoted: set[int]) -> Token | None:
    """A quote introduced by a colon ("Caddell continued:", "She scolded him: “…”"): the
    speech verb of the introducing sentence, else its main verb."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    i = mark.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    colon = doc[i]
    first = _sentence_start(doc, colon, quoted)
    verbs = [t for t in doc[first : colon.i] if t.pos_ in ("VERB", "AUX") and t.i not in quoted]
    speech = [t for t in verbs if _is_speech(t)]
    if speech:
        return speech[-1]
    with_subject = [t for t in verbs if any(c.dep_ in SUBJECT_DEPS for c in t.children)]
    return with_subject[0] if with_subject else None


def _cue_previous(doc: Doc, marked: _Marked, quoted: set[int]) -> Token | None:
    """For a quote opening a sentence: a speech verb of the sentence just before it, when that
    sentence is an attribution ("…, Rep. Mica said. “If you continue …”")."""
    mark = _opening_token(doc, marked)
    if mark is None:
        return None
    i = mark.i - 1
    while i >= 0 and (doc[i].is_space or i in quoted or doc[i].is_quote):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return None  # a new paragraph: the continuation rule decides
        i -= 1
    if i < 0 or doc[i].text not in (".", ":"):
        return None
    first = _sentence_start(doc, doc[i], quoted)
    verbs = [t for t in doc[first:i] if t.i not in quoted and _is_speech(t, framing=False)]
    subject = _subject(verbs[-1]) if verbs else None
    return verbs[-1] if subject is not None and subject.i not in quoted else None


_DASHES = "―—–"


def _signature(doc: Doc, marked: _Marked) -> _Speaker | None:
    """A name signing the quote after a dash (“…” ― Jane Doe), as in lists of reactions."""
    first = _after(doc, marked)
    if first is None:
        return None
    i = first
    while i < len(doc) and (doc[i].is_space or doc[i].text in _DASHES) and "\n" not in doc[i].text:
        i += 1
    dashed = any(t.text in _DASHES or t.text.strip() in _DASHES for t in doc[first:i])
    if not dashed or i >= len(doc) or doc[i].pos_ != "PROPN":
        return None
    end = i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and "\n" not in doc[end].whitespace_:
        end += 1
    return _speaker(doc, doc[end])


def _speaker_of(
    doc: Doc, cue: Token, lo: int, hi: int, outside: tuple[int, int] | None = None
) -> _Speaker | None:
    """The speaker of `cue`: its subject, else the nearest noun in tokens [lo, hi).

    A subject inside the quote itself (`outside`, a token span) is a parsing accident and is
    not taken.
    """
    head = _subject(cue)
    if head is not None and head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
        # "MIT, which said …": the speaker is what "which" stands for; its span runs from
        # there to the pronoun, so both readings of the attribution are covered.
        who = _speaker(doc, head.head.head)
        if who is not None and who.start < head.idx:
            who.end = head.idx + len(head)
        return who
    inside = head is not None and outside is not None and outside[0] <= head.i < outside[1]
    if head is None or head.pos_ in ("PUNCT", "SCONJ") or inside:
        head = _nearest_nominal(doc, cue, lo, hi)
    return _speaker(doc, head)


def _title_like(span: Span) -> bool:
    """A name in marks: every content word capitalised and no verb."""
    words = [t for t in span if t.is_alpha]
    if not words:
        return True
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return all(t.is_title or t.is_stop for t in words) and words[0].is_title


def _sentence_like(span: Span, words: int) -> bool:
    """A quote standing alone must read like speech: long enough and with a verb."""
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return words >= MIN_STANDALONE_WORDS and has_verb and not _title_like(span)


# --- reported speech --------------------------------------------------------------------------


def _complement(verb: Token) -> Token | None:
    """The clause `verb` reports: its clausal complement, preferring one after the verb.

    A clause before the verb counts only when joined to it ("X will come, he said"); one cut
    off by a semicolon or colon is a sentence of its own the parser attached
    ("Manila condemned it; Beijing said …").
    """
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > verb.i]
    if after:
        return after[0]
    for clause in reversed(clauses):
        between = verb.doc[clause.right_edge.i + 1 : verb.i]
        if not any(t.text in (";", ":") for t in between):
            return clause
    return None


def _straddles(clause: Token, verb: Token) -> bool:
    """Whether the clause reaches back over its reporting verb: a relative clause extracted
    from the complement ("sites that it said were used …", "a law that critics say copies …")
    leaves a fragment without its subject, which is not a quote."""
    return clause.left_edge.i < verb.i < clause.right_edge.i


def _clause_span(doc: Doc, clause: Token) -> tuple[int, int]:
    """Char span of a clause's subtree without surrounding punctuation."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    # Keep the closing mark of a quotation the clause ends with ("would come “within hours”").
    last = clause.right_edge.i + 1
    if end < last and doc[end].text in (CLOSE_DOUBLE, CLOSE_GUILLEMET, '"'):
        inner = doc[start:end].text
        curly = inner.count(OPEN_DOUBLE) + inner.count(OPEN_GUILLEMET)
        closed = inner.count(CLOSE_DOUBLE) + inner.count(CLOSE_GUILLEMET)
        if curly > closed or inner.count('"') % 2:
            end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# --- putting it together ----------------------------------------------------------------------


def _make(
    doc: Doc, start: int, end: int, direct: bool, cue: str | None, who: _Speaker | None
) -> Attribution:
    quote = Quote(
        id=stable_id("q", doc._.doc_id, start, end),
        speaker=who.actor.entity(who.text) if who and who.actor else None,
        speaker_text=who.text if who else None,
        cue=cue,
        content=doc_text(doc)[start:end],
        direct=direct,
        start=start,
        end=end,
    )
    return Attribution(quote, who.start if who else None, who.end if who else None)


def _attribute(
    doc: Doc, marked: _Marked, part: Span, quoted: set[int]
) -> tuple[Token | None, _Speaker | None]:
    """Cue and speaker of one quote, tried in the order the attribution is most often written."""
    inside = (part.start, part.end)
    first = _after(doc, marked)
    if first is not None:
        # After a quote that ends its sentence, only a lower-case word continues it (“….” he said).
        if _joined_after(doc_text(doc), marked, first < len(doc) and doc[first].is_lower):
            cue = _cue_after(doc, marked, quoted)
            if cue is not None:
                hi = min(len(doc), cue.i + 1 + AFTER_WINDOW)
                return cue, _speaker_of(doc, cue, first, hi, inside)
        signed = _signature(doc, marked)
        if signed is not None:
            return None, signed
    for finder in (_cue_before, _cue_colon, _cue_previous):
        cue = finder(doc, marked, quoted)
        if cue is not None:
            lo = _sentence_start(doc, cue, quoted)
            return cue, _speaker_of(doc, cue, lo, part.start, inside)
    return None, None


def _joined_after(text: str, marked: _Marked, lower_next: bool) -> bool:
    """Whether the quote's punctuation hands over to an attribution that follows it.

    "…,” he said" and "…?” she asked" do; "….” He said" and a phrase in marks followed by more
    of the sentence ("the “coalition of the willing” and the US") do not.
    """
    assert marked.close_at is not None
    tail = text[marked.start : marked.close_at].rstrip(" '’")[-1:]
    after = text[marked.close_at + marked.close_width : marked.close_at + marked.close_width + 1]
    if tail in ",?!—–-" or after == ",":
        return True
    return tail in ".…" and lower_next


def _direct(doc: Doc) -> list[tuple[_Marked, Token | None, _Speaker | None]]:
    """Direct quotes with their cue and speaker (None when the quote stands alone)."""
    spans = marked_spans(doc_text(doc))
    parts = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in spans]
    quoted = {i for part in parts if part is not None for i in range(part.start, part.end)}
    found = []
    for marked, part in zip(spans, parts, strict=True):
        if part is None:
            continue
        cue, who = _attribute(doc, marked, part, quoted)
        words = sum(1 for t in part if t.is_alpha)
        if who is None and cue is None and not _sentence_like(part, words):
            continue
        if (cue or who) and _title_like(part) and words < MIN_STANDALONE_WORDS + 2:
            continue
        if words < 2:
            continue
        found.append((marked, cue, who))
    return found


def _reported(doc: Doc, taken: list[tuple[int, int]]) -> list[Attribution]:
    """Reported speech: clausal complements of speech verbs and "according to" clauses."""
    found = []
    for token in doc:
        if _is_speech(token, framing=False):
            clause = _complement(token)
            if clause is not None and _straddles(clause, token):
                continue
            sent = token.sent
            spans = [_clause_span(doc, clause)] if clause is not None else _around(doc, token)
            for span in spans:
                if any(_overlap(span, t) * 2 >= span[1] - span[0] for t in taken):
                    continue
                who = _speaker_of(doc, token, sent.start, sent.end)
                found.append(_make(doc, *span, False, token.text, who))
        elif (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            found.extend(_according(doc, token, taken))
    return found


def _words_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Char span of tokens [start, end) without punctuation at either end; None if < 3 words."""
    words = [t for t in doc[start:end] if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return None
    while doc[start].is_punct or doc[start].is_space:
        start += 1
    while doc[end - 1].is_punct or doc[end - 1].is_space:
        end -= 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _around(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """Reported speech around a parenthetical attribution: "The museum, Mr. Obama said, would
    …" and "Lenox was a juggernaut, Mr. Clarke said." give the words on either side."""
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or verb.dep_ not in ("ROOT", "parataxis") or verb.lemma_ == "ask":
        return []
    start = subject.left_edge.i
    end = verb.i + 1
    while end < len(doc) and doc[end].dep_ in ("npadvmod", "advmod", "prep", "pobj", "det"):
        end = max(end + 1, doc[end].right_edge.i + 1)
    sent = verb.sent
    before_ok = start > sent.start and doc[start - 1].text in (",", "—", "--")
    after_ok = end >= sent.end or doc[end].text in (",", ".", "—", "--", "!", "?")
    if not (before_ok and after_ok):
        return []
    parts = [_words_span(doc, sent.start, start - 1)]
    if end < sent.end and doc[end].text == ",":
        parts.append(_words_span(doc, end + 1, sent.end))
    return [p for p in parts if p is not None]


def _according(doc: Doc, token: Token, taken: list[tuple[int, int]]) -> list[Attribution]:
    """ "According to X, …": the rest of the sentence is what X said."""
    source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
    sent = token.sent
    phrase_end = (source.right_edge.i + 1) if source is not None else token.i + 2
    before = [t for t in doc[sent.start : token.i] if not t.is_punct and not t.is_space]
    after = [t for t in doc[phrase_end : sent.end] if not t.is_punct and not t.is_space]
    # "According to X, …" reports what follows; "…, according to X." what precedes.
    words = after if len(after) >= len(before) else before
    if len(words) < 3:
        return []
    # A speech verb heading the rest ("According to X, Rutte said …") carries its own quote.
    if any(_is_speech(t, framing=False) and t.dep_ == "ROOT" for t in words):
        return []
    span = (words[0].idx, words[-1].idx + len(words[-1]))
    if any(_overlap(span, t) * 2 >= span[1] - span[0] for t in taken):
        return []
    who = _speaker(doc, source)
    return [_make(doc, *span, False, doc[token.i : token.i + 2].text, who)]


def _paragraph_of(text: str, pos: int) -> int:
    return text.count("\n\n", 0, pos) if "\n\n" in text else text.count("\n", 0, pos)


def attributions(doc: Doc) -> list[Attribution]:
    """Every quotation in `doc` with its speaker's char span, in text order."""
    direct = _direct(doc)
    results: list[Attribution] = []
    for marked, cue, who in direct:
        results.append(_make(doc, marked.start, marked.end, True, cue.text if cue else None, who))
    taken = [(a.quote.start, a.quote.end) for a in results]
    results.extend(_reported(doc, taken))
    results.sort(key=lambda a: a.quote.start)
    _continue_speakers(doc, results)
    return results


def _continue_speakers(doc: Doc, found: list[Attribution]) -> None:
    """Give quotes without a speaker (or with an unresolved pronoun) the previous speaker.

    A quote standing alone continues the previous quote's speaker when that quote is in the same
    or the previous paragraph; an unresolved "he"/"she" takes the same speaker.
    """
    previous: Attribution | None = None
    for item in found:
        quote = item.quote
        if previous is not None and previous.quote.speaker_text is not None:
            text = doc_text(doc)
            near = _paragraph_of(text, quote.start) - _paragraph_of(text, previous.quote.start)
            lone = quote.speaker_text is None
            pronoun = (
                quote.speaker is None
                and quote.speaker_text is not None
                and quote.speaker_text.lower() in _PRONOUNS - {"i", "we", "you", "it", "they"}
            )
            if near <= 1 and (lone or pronoun) and previous.quote.speaker is not None:
                quote.speaker = replace(
                    previous.quote.speaker, entity_text=quote.speaker_text or ""
                )
            if near <= 1 and lone:
                quote.speaker_text = previous.quote.speaker_text
                if quote.speaker is not None:
                    quote.speaker.entity_text = quote.speaker_text or ""
                item.speaker_start, item.speaker_end = previous.speaker_start, previous.speaker_end
        if quote.speaker is None and item.speaker_start is not None and _third_person(quote):
            person = _last_person(doc, item.speaker_start)
            if person is not None:
                quote.speaker = person.entity(quote.speaker_text or "")
        if quote.speaker_text is not None:
            previous = item


def _third_person(quote: Quote) -> bool:
    return (quote.speaker_text or "").lower() in ("he", "she")


def _last_person(doc: Doc, pos: int) -> Actor | None:
    """The person named last before `pos` (what an unresolved "he"/"she" most likely means)."""
    best: tuple[int, Actor] | None = None
    for actor in doc._.actors or []:
        if actor.kind != "person":
            continue
        for mention in actor.mentions:
            if mention.end <= pos and (best is None or mention.end > best[0]):
                best = (mention.end, actor)
    return best[1] if best else None


def find_quotes(doc: Doc) -> list[Quote]:
    """Every quotation in `doc`, direct and indirect, with its speaker resolved to an actor."""
    return [a.quote for a in attributions(doc)]


@Language.component("sitroom_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
