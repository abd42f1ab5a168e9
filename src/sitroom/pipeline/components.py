"""The small components around the model: document context, paragraph-aware sentence starts,
and an indexed `token.sent`.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.pipeline.doc import doc_text, parse_date


@Language.component("sitroom_context")
def set_context(doc: Doc) -> Doc:
    """Copy the document metadata passed with `nlp.pipe(as_tuples=True)` onto the Doc."""
    context = getattr(doc, "_context", None) or {}
    doc._.doc_id = context.get("doc_id") or ""
    doc._.published = parse_date(context.get("published"))
    doc._.reference_date = doc._.published
    doc._.notes = []
    return doc


_SENTENCE_END = frozenset('.!?"”’:')


@Language.component("sitroom_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a blank line, or after a line that ends a sentence (before parsing).

    News text keeps headlines, captions and paragraphs on lines of their own, and the parser
    otherwise runs a headline into the first sentence. A single line break after unfinished
    text is left alone (hard-wrapped prose breaks lines mid-sentence), except after the first
    line, where a title sits.
    """
    title_end = doc_text(doc).find("\n")
    for token in doc[1:]:
        if token.is_space or not doc[token.i - 1].is_space:
            continue
        break_text = doc[token.i - 1].text
        before = doc[token.i - 2] if token.i >= 2 else None
        if "\n\n" in break_text or (
            "\n" in break_text
            and before is not None
            and (before.text[-1] in _SENTENCE_END or before.idx + len(before) == title_end)
        ):
            token.is_sent_start = True
    return doc


@Language.component("sitroom_sentence_index")
def index_sentences(doc: Doc) -> Doc:
    """Make `token.sent` a lookup (after parsing, when sentence boundaries are final).

    spaCy answers `token.sent` by walking `doc.sents` from the start of the document on every
    call; the actor and quote rules ask for it per token, which made them quadratic in the
    length of the article.
    """
    sentences = list(doc.sents)
    starts = [sentence.start for sentence in sentences]

    def sentence_of(token: Token) -> Span:
        return sentences[bisect_right(starts, token.i) - 1]

    doc.user_token_hooks["sent"] = sentence_of
    return doc
