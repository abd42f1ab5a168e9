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
  quote signed after a dash ("“…” ― Jane Doe") has a speaker and no cue, as has an embedded
  post signed "— Jane Doe (@janedoe) June 29, 2016" (`posts`). A quote with no cue
  continues the speaker of the previous quote in the same or the previous paragraph.
- **Speaker.** The subject of the cue, resolved through the actor layer (`actors.actor_at` for a
  named subject, `actors.resolve_reference` for pronouns and role nouns). `speaker_text` is the
  words of the subject; `speaker` is `actor.entity(speaker_text)`, or None when no actor is
  found (the words are then still in `speaker_text`).
- Quotation marks: straight double quotes, curly double quotes, guillemets (« »), and curly
  single quotes when
  they delimit speech. A span in marks that names something (‘Coalition of the Willing’) or is
  a short scare quote without a speech verb nearby is not a quote."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.pipeline.doc import doc_text
from sitroom.pipeline.quotes.cues import (
    AFTER_WINDOW,
    MIN_STANDALONE_WORDS,
    after_quote,
    cue_after,
    cue_before,
    cue_colon,
    cue_previous,
    sentence_like,
    sentence_start,
    signature,
    speaker_of,
    title_like,
)
from sitroom.pipeline.quotes.marks import Marked, marked_spans
from sitroom.pipeline.quotes.posts import signed_posts
from sitroom.pipeline.quotes.repeats import merge_repeats
from sitroom.pipeline.quotes.reported import reported_speech
from sitroom.pipeline.quotes.speakers import PRONOUNS, Attribution, Speaker, make_quote
from sitroom.records import Actor, Quote


def _attribute(
    doc: Doc, marked: Marked, part: Span, quoted: set[int]
) -> tuple[Token | None, Speaker | None]:
    """Cue and speaker of one quote, tried in the order the attribution is most often written."""
    inside = (part.start, part.end)
    first = after_quote(doc, marked)
    if first is not None:
        # After a quote that ends its sentence, only a lower-case word continues it (“….” he said).
        if _joined_after(doc_text(doc), marked, first < len(doc) and doc[first].is_lower):
            cue = cue_after(doc, marked, quoted)
            if cue is not None:
                hi = min(len(doc), cue.i + 1 + AFTER_WINDOW)
                return cue, speaker_of(doc, cue, first, hi, inside)
        signed = signature(doc, marked)
        if signed is not None:
            return None, signed
    for finder in (cue_before, cue_colon, cue_previous):
        cue = finder(doc, marked, quoted)
        if cue is not None:
            lo = sentence_start(doc, cue, quoted)
            return cue, speaker_of(doc, cue, lo, part.start, inside)
    return None, None


def _joined_after(text: str, marked: Marked, lower_next: bool) -> bool:
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


def _direct(doc: Doc) -> list[tuple[Marked, Token | None, Speaker | None]]:
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
        if who is None and cue is None and not sentence_like(part, words):
            continue
        if (cue or who) and title_like(part) and words < MIN_STANDALONE_WORDS + 2:
            continue
        if words < 2:
            continue
        found.append((marked, cue, who))
    return found


def _paragraph_of(text: str, pos: int) -> int:
    return text.count("\n\n", 0, pos) if "\n\n" in text else text.count("\n", 0, pos)


def attributions(doc: Doc) -> list[Attribution]:
    """Every quotation in `doc` with its speaker's char span, in text order."""
    direct = _direct(doc)
    results: list[Attribution] = []
    for marked, cue, who in direct:
        results.append(
            make_quote(doc, marked.start, marked.end, True, cue.text if cue else None, who)
        )
    taken = [(a.quote.start, a.quote.end) for a in results]
    results.extend(signed_posts(doc, taken))
    taken = [(a.quote.start, a.quote.end) for a in results]
    results.extend(reported_speech(doc, taken))
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
                and quote.speaker_text.lower() in PRONOUNS - {"i", "we", "you", "it", "they"}
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
    """Every quotation in `doc`, direct and indirect, with its speaker resolved to an actor;
    words found twice (nested speech) are one quote (`repeats`)."""
    return merge_repeats([a.quote for a in attributions(doc)])


@Language.component("sitroom_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
