"""The NLP layer: spaCy wiring (`build`, `components`, `doc`) and one subpackage per extractor:
`actors`, `timex`, `quotes`, `events`."""

from sitroom.pipeline.build import (
    analyze,
    build_pipeline,
    context_for,
    make_doc,
    model_name,
    shared_pipeline,
    to_analysis,
    warm_up,
)

__all__ = [
    "analyze",
    "build_pipeline",
    "context_for",
    "make_doc",
    "model_name",
    "shared_pipeline",
    "to_analysis",
    "warm_up",
]
