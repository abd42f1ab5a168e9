"""The article body: trafilatura's extraction, checked against independent extractors.

trafilatura's default extraction is the base. Its blind spots are of two kinds: short page
furniture kept beside the article (a "More on this topic" heading, a newsletter call, a photo
credit) and article paragraphs dropped with the boilerplate around them. Other algorithms err
elsewhere, so where they agree against the base they are usually right:

* a short line of the base (a few words: heading, caption, link label) stays only when another
  extractor keeps it too: trafilatura in precision mode, jusText, or readability;
* a long paragraph that jusText and readability both find, and the base missed, is added after
  the paragraph it follows in jusText's order;
* when the page states its own body (JSON-LD `articleBody`) at a length comparable with the
  base, lines of the base that are in neither it nor long are dropped.

Scores on trafilatura's evaluation pages are in the README ("Accuracy").
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

# A line of at most this many words is furniture unless another extractor keeps it.
SHORT_LINE_WORDS = 10
# A paragraph the base missed is added from at least this many words (short agreed blocks
# are mostly navigation both fallbacks let through).
ADDED_PARAGRAPH_WORDS = 20
# Lines longer than this stay even when the page's articleBody lacks them (it is often a
# teaser or omits captions and quotes set apart).
STATED_BODY_KEEPS_WORDS = 25
# articleBody shorter than this share of the base is a summary, not the body.
STATED_BODY_MIN_SHARE = 0.3


def article_body(markup: str, tree: HtmlElement, url: str | None) -> str:
    """The body text of a page.

    Args:
        markup: the page's HTML, comment sections already taken out.
        tree: the same page parsed (not modified here).
        url: the page URL, if known (trafilatura uses it for relative links).

    Returns:
        The body, one paragraph a line, or "" when no extractor finds any text.
    """
    base = _trafilatura(markup, url)
    if not base:
        return ""
    justext, readability = _justext(tree), _readability(tree)
    voters = [_norm(v) for v in (justext, readability) if v]
    lines = _supported_lines(base, voters)
    if len(lines) < sum(1 for line in base.splitlines() if line.strip()):
        # A line the two do not keep: trafilatura's precision mode, as costly as the base,
        # has its say only then (asked always, it would keep nothing more).
        precision = _trafilatura(markup, url, favor_precision=True)
        lines = _supported_lines(base, [*voters, _norm(precision)] if precision else voters)
    lines = _with_stated_body(lines, stated_body(tree), len(base))
    lines = _with_agreed_paragraphs(lines, base, justext, readability)
    return "\n".join(lines) if lines else base


def _supported_lines(base: str, voters: list[str]) -> list[str]:
    lines = [line for line in base.splitlines() if line.strip()]
    return [
        line
        for line in lines
        if len(line.split()) > SHORT_LINE_WORDS or any(_norm(line) in v for v in voters)
    ]


def _with_stated_body(lines: list[str], stated: str, base_length: int) -> list[str]:
    if len(stated) < STATED_BODY_MIN_SHARE * base_length:
        return lines
    stated = _norm(stated)
    kept = [
        line
        for line in lines
        if len(line.split()) > STATED_BODY_KEEPS_WORDS or _norm(line) in stated
    ]
    return kept or lines


def _with_agreed_paragraphs(
    lines: list[str], base: str, justext: str, readability: str
) -> list[str]:
    """Add jusText paragraphs readability confirms, each after the line it follows there."""
    if not justext or not readability:
        return lines
    have, confirmed = _norm(base), _norm(readability)
    position = {_norm(line): i for i, line in enumerate(lines)}
    after: dict[int, list[str]] = {}
    anchor = -1
    for paragraph in justext.splitlines():
        key = _norm(paragraph)
        if key in position:
            anchor = position[key]
        elif len(key.split()) >= ADDED_PARAGRAPH_WORDS and key not in have and key in confirmed:
            after.setdefault(anchor, []).append(paragraph.strip())
    if not after:
        return lines
    merged = after.get(-1, [])
    for i, line in enumerate(lines):
        merged.append(line)
        merged.extend(after.get(i, []))
    return merged


# --- the extractors ---------------------------------------------------------------------------


def _trafilatura(markup: str, url: str | None, **mode: bool) -> str:
    import trafilatura

    result = trafilatura.bare_extraction(
        markup, url=url, include_comments=False, with_metadata=False, **mode
    )
    return (getattr(result, "text", None) or "").strip() if result is not None else ""


def _justext(tree: HtmlElement) -> str:
    """jusText's paragraphs, with the stop words of every language it knows."""
    from trafilatura.external import try_justext

    body = try_justext(copy.deepcopy(tree), None, None)
    return "\n".join(p.text for p in body.iter("p") if p.text)


def _readability(tree: HtmlElement) -> str:
    from trafilatura.external import try_readability

    return str(try_readability(copy.deepcopy(tree)).text_content())


def stated_body(tree: HtmlElement) -> str:
    """The longest `articleBody` the page's JSON-LD gives, or ""."""
    bodies = [""]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        bodies.extend(v for v in _values(data, "articleBody") if isinstance(v, str))
    return max(bodies, key=len).strip()


def _values(data: Any, key: str, depth: int = 0) -> Iterator[Any]:
    """Every value of `key` in a JSON value, nested objects and lists included."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _values(item, key, depth + 1)
    elif isinstance(data, dict):
        if key in data:
            yield data[key]
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _values(value, key, depth + 1)


def _norm(text: str) -> str:
    return " ".join(text.split())
