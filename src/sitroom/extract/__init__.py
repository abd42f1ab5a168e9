"""Extraction: from a read input to a clean `Document` (body, metadata, comment threads)."""

from sitroom.extract.dates import check_published, normalize_date
from sitroom.extract.document import documents, extract, parse_html
from sitroom.extract.urls import canonical_url

__all__ = [
    "canonical_url",
    "check_published",
    "documents",
    "extract",
    "normalize_date",
    "parse_html",
]
