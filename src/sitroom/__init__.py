"""sitroom: news in, a queryable record of who did what to whom, when and where, out."""

from sitroom.records import (
    Actor,
    Analysis,
    Comment,
    Document,
    Entity,
    Event,
    Location,
    Mention,
    Quote,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "Comment",
    "Document",
    "Entity",
    "Event",
    "Location",
    "Mention",
    "Quote",
    "TimeExpr",
    "__version__",
]
