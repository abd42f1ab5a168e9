"""Time: TIMEX3 expressions found in the text and normalised against the reference date
(`component`), by the rules in `rules`."""

from sitroom.pipeline.timex.component import (
    dateline_span,
    find_dates,
    infer_reference_date,
    verb_tense,
)
from sitroom.pipeline.timex.rules import normalize

__all__ = ["dateline_span", "find_dates", "infer_reference_date", "normalize", "verb_tense"]
