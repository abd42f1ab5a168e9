"""Quotes: direct and reported speech with its cue and speaker."""

from sitroom.pipeline.quotes.attribution import Attribution, attributions, find_quotes, marked_spans

__all__ = ["Attribution", "attributions", "find_quotes", "marked_spans"]
