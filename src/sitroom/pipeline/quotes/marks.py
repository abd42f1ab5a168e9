"""Spans of text in quotation marks: curly, straight, typewriter and single marks and
guillemets, paired within their kind, with quotes continued across paragraphs joined."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“"
CLOSE_DOUBLE = "”"
OPEN_GUILLEMET = "«"
CLOSE_GUILLEMET = "»"
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
_OPENING_CONTEXT = " \t\n([{—–-/"


@dataclass
class Marked:
    """A span in quotation marks: content offsets and the offsets of the marks themselves."""

    start: int  # content
    end: int
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark (None: closed by the end of a paragraph)
    family: str
    close_width: int = 1


@dataclass
class _Mark:
    pos: int
    width: int
    opening: bool
    family: str  # marks pair only within a family, so one kind can nest in another


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Char spans of the paragraphs (lines) of `text`; a line going on in lower case is the
    same paragraph broken in the page ("participate personally\nin caucuses")."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if not line.strip():
            continue
        if spans and line.lstrip()[:1].islower() and text[spans[-1][1] : m.start()] == "\n":
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _is_opening(text: str, i: int, width: int = 1) -> bool:
    """Whether the straight or single mark at `i` opens a quotation: decided by what precedes,
    unless a space follows, which no opening mark has ("be 'above the president,' " said)."""
    after = text[i + width : i + width + 1]
    if not after or after.isspace():
        return False
    return i == 0 or text[i - 1] in _OPENING_CONTEXT or text[i - 1] in OPEN_DOUBLE + OPEN_SINGLE


def _double_marks(text: str, start: int, end: int) -> list[_Mark]:
    """Double quotation marks of a paragraph: curly, straight, and the typewriter pairs
    `` and '' that some newspapers' archives use."""
    marks = []
    i = start
    while i < end:
        ch, pair = text[i], text[i : i + 2]
        if ch == OPEN_DOUBLE:
            marks.append(_Mark(i, 1, True, "curly"))
        elif ch == CLOSE_DOUBLE:
            marks.append(_Mark(i, 1, False, "curly"))
        elif ch in (OPEN_GUILLEMET, CLOSE_GUILLEMET):
            marks.append(_Mark(i, 1, ch == OPEN_GUILLEMET, "guillemet"))
        elif ch == '"':
            marks.append(_Mark(i, 1, _is_opening(text, i), "straight"))
        elif pair in ("''", "``") and i + 1 < end:
            marks.append(_Mark(i, 2, pair == "``" or _is_opening(text, i, 2), "straight"))
            i += 1
        i += 1
    return marks


def _pair(marks: list[_Mark]) -> list[tuple[_Mark, _Mark | None]]:
    """Pair opening with closing marks of the same family; an unclosed one runs to the end."""
    pairs: list[tuple[_Mark, _Mark | None]] = []
    for family in dict.fromkeys(m.family for m in marks):  # in order of first use, not a set's
        current: _Mark | None = None
        for mark in (m for m in marks if m.family == family):
            if current is None:
                if mark.opening:
                    current = mark
            elif not mark.opening:
                pairs.append((current, mark))
                current = None
        if current is not None:
            pairs.append((current, None))
    return _close_across_families(marks, pairs)


def _close_across_families(
    marks: list[_Mark], pairs: list[tuple[_Mark, _Mark | None]]
) -> list[tuple[_Mark, _Mark | None]]:
    """Close a quote left open by a stray closing mark of the other kind (“…," he said)."""
    used = {id(m) for pair in pairs for m in pair if m is not None}
    result = []
    # The innermost open quote takes the stray mark first, as nested quotes close inside out.
    for opening, closing in sorted(pairs, key=lambda pair: -pair[0].pos):
        if closing is None:
            closing = next(
                (m for m in marks if m.pos > opening.pos and not m.opening and id(m) not in used),
                None,
            )
            if closing is not None:
                used.add(id(closing))
        result.append((opening, closing))
    return sorted(result, key=lambda pair: pair[0].pos)


def _single_pairs(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> list:
    """Curly single quotes that delimit a span (not apostrophes), outside double quotes."""
    pairs: list[tuple[_Mark, _Mark | None]] = []
    i = start
    while i < end:
        if text[i] == OPEN_SINGLE and _is_opening(text, i) and not _within(i, inside):
            j = i + 1
            while j < end:
                after = text[j + 1] if j + 1 < end else " "
                if text[j] == CLOSE_SINGLE and not after.isalnum():
                    break
                j += 1
            if j < end:
                pairs.append((_Mark(i, 1, True, "single"), _Mark(j, 1, False, "single")))
                i = j
        i += 1
    return pairs


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding space and a trailing comma (it joins the quote to its attribution)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def marked_spans(text: str) -> list[Marked]:
    """Every span of `text` in quotation marks, with quotes continued across paragraphs joined."""
    found: list[Marked] = []
    previous = 0  # where the paragraph before this one starts
    for par_start, par_end in _paragraphs(text):
        pairs = _pair(_double_marks(text, par_start, par_end))
        doubles = [(a.pos, b.pos if b is not None else par_end) for a, b in pairs]
        pairs += _single_pairs(text, par_start, par_end, doubles)
        for opening, closing in sorted(pairs, key=lambda p: p[0].pos):
            end = closing.pos if closing is not None else par_end
            start, stop = _trim(text, opening.pos + opening.width, end)
            if stop <= start:
                continue
            close_at = closing.pos if closing is not None else None
            width = closing.width if closing is not None else 1
            if _continues(found, opening, par_start, previous):
                # The previous paragraph ended inside a quote and this one reopens it.
                found[-1].end, found[-1].close_at, found[-1].close_width = stop, close_at, width
                continue
            found.append(Marked(start, stop, opening.pos, close_at, opening.family, width))
        previous = par_start
    return sorted(found, key=lambda m: m.start)


def _continues(found: list[Marked], opening: _Mark, par_start: int, previous: int) -> bool:
    """Whether a mark opening a paragraph reopens a quote left open by the paragraph just
    before it (a paragraph of narration between them closes the quote)."""
    if not found or opening.pos != par_start:
        return False
    last = max(found, key=lambda m: m.end)
    if last is not found[-1]:
        found.remove(last)
        found.append(last)
    left_open = last.close_at is None and previous <= last.end < par_start
    return left_open and last.family == opening.family
