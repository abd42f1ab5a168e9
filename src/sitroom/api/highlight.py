"""The article text cut into segments, each marked with the records whose offsets cover it,
so the document page can highlight evidence without ever treating the text as markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """One record's place in the text: kind is event, quote, mention or date."""

    start: int
    end: int
    kind: str
    ref: str
    label: str


@dataclass
class Segment:
    """A stretch of text, the spans covering it, and the spans that begin here (anchors)."""

    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The kinds of record covering this text, each once, in a fixed order."""
        found = {s.kind for s in self.spans}
        return [k for k in ("event", "quote", "mention", "date") if k in found]

    @property
    def title(self) -> str:
        """What covers this text, for the tooltip."""
        return " | ".join(dict.fromkeys(s.label for s in self.spans))


def spans_of(record: dict[str, Any]) -> list[Span]:
    """Every event, quote, actor mention and date of a `queries.show` record, as spans."""
    spans = []
    for e in record["events"]:
        who = (e.get("actor") or {}).get("name") or "?"
        whom = (e.get("recipient") or {}).get("name")
        label = f"{e['event']}: {who}" + (f" → {whom}" if whom else "")
        spans.append(Span(e["start"], e["end"], "event", f"e-{e['id']}", label))
    for q in record["quotes"]:
        speaker = (q.get("speaker") or {}).get("name") or q.get("speaker_text") or "?"
        spans.append(Span(q["start"], q["end"], "quote", f"q-{q['id']}", f"quote: {speaker}"))
    for a in record["actors"]:
        for i, m in enumerate(a["mentions"]):
            ref = f"m-{a['id']}-{i}"
            spans.append(Span(m["start"], m["end"], "mention", ref, f"actor: {a['name']}"))
    for i, d in enumerate(record["dates"]):
        label = f"date: {d['value'] or d['text']}"
        spans.append(Span(d["start"], d["end"], "date", f"d-{i}", label))
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; spans outside the text are clipped or dropped."""
    size = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end and s.start < size]
    cuts = sorted({0, size, *(s.start for s in spans), *(min(s.end, size) for s in spans)})
    out = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= begin and min(s.end, size) >= end]
        anchors = [s for s in spans if s.start == begin]
        out.append(Segment(text[begin:end], covering, anchors))
    return out
