"""One quote for words found twice in a document: nested reported speech, a quotation inside
the reported clause that holds it.

Two quotes are the same when they have the same speaker and one's content overlaps the
other's. The direct one is kept (its words are the speaker's own), else the longer one, and
the other passage goes in its `evidence`.
"""

from __future__ import annotations

from sitroom.records import Evidence, Quote


def merge_repeats(quotes: list[Quote]) -> list[Quote]:
    """`quotes` with each repeated quotation folded into the copy kept, in order."""
    kept: list[Quote] = []
    for quote in quotes:
        same = next((k for k in kept if _same_quote(k, quote)), None)
        if same is None:
            kept.append(quote)
            continue
        best, other = (quote, same) if _rank(quote) > _rank(same) else (same, quote)
        best.evidence = [*best.evidence, Evidence(other.content, other.start, other.end),
                         *other.evidence]  # fmt: skip
        kept[kept.index(same)] = best
    return kept


def _same_quote(a: Quote, b: Quote) -> bool:
    return (
        _speaker(a) is not None
        and _speaker(a) == _speaker(b)
        and (a.start < b.end and b.start < a.end)
    )


def _speaker(quote: Quote) -> str | None:
    if quote.speaker is not None and quote.speaker.id:
        return quote.speaker.id
    name = quote.speaker.name if quote.speaker is not None else quote.speaker_text
    return " ".join(name.lower().split()) if name else None


def _rank(quote: Quote) -> tuple[bool, int]:
    return (quote.direct, quote.end - quote.start)
