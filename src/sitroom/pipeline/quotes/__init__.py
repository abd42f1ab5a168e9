"""Quotes: direct and reported speech with its cue and speaker.

`marks` finds spans in quotation marks, `cues` the speech verb that attributes one, `speakers`
the subject of that verb, `reported` speech without marks; `attribution` puts them together
(its docstring states the conventions of the records).
"""

from sitroom.pipeline.quotes.attribution import attributions, find_quotes
from sitroom.pipeline.quotes.marks import marked_spans
from sitroom.pipeline.quotes.speakers import Attribution

__all__ = ["Attribution", "attributions", "find_quotes", "marked_spans"]
