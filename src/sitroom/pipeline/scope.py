"""What the pipeline analyses: documents in its own language, and event coding for news.

A document in another language is stored as it is, with a note ("not analysed: language de")
and no records: the English rules read German "dem" as an actor and Romance "un" as the UN. A
page that is not news (`Document.kind`: recipe, manual, product, listing) keeps its actors,
quotes and dates but gets no events, with a note, unless the caller forces event coding.
"""

from __future__ import annotations

from dataclasses import replace

from sitroom.records import Analysis, Document

NEWS = "news"


def analysed(document: Document, language: str) -> bool:
    """Whether the pipeline for `language` analyses `document` (unknown language: it does)."""
    return document.language in (None, language)


def skipped(document: Document) -> Analysis:
    """The record of a document left unanalysed because of its language."""
    return Analysis(document=document, notes=[f"not analysed: language {document.language}"])


def without_events(analysis: Analysis, force: bool = False) -> Analysis:
    """The analysis of a page that is not news, without events (unless `force`)."""
    kind = analysis.document.kind
    if force or kind in (None, NEWS) or not analysis.events:
        return analysis
    note = f"not event-coded: page kind {kind} (--force codes it)"
    return replace(analysis, events=[], notes=[*analysis.notes, note])
