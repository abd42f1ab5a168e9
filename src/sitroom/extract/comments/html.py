"""Comments in web pages: `take_html_comments(tree)` finds comment sections in the DOM (WordPress
lists, Blogger threads, Disqus fallbacks, `div#comments`, `section.comments`, `article.comment`,
nested divs ...), builds the thread from the nesting of comment elements, and removes the
sections (and reply forms) from the tree so the body extractor never sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from sitroom.extract.dates import normalize_date
from sitroom.records import Comment

_SECTION_NAME = re.compile(
    r"^(?:[a-z]+[-_])?(?:comments?|commentlist|kommentare?|kommentarmodul|leserbriefe?|"
    r"comment_entries|disqus_thread|dsq-comments|wpcomm|respond|reactions|responses)"
    r"(?:[-_](?:area|section|list|wrapper|wrap|container|holder|block|main|inner|content|"
    r"items|thread|threads|panel|box|module|widget|tab|outer|module|\d+))*$"
)
_SECTION_EXCLUDE = re.compile(
    r"(?:count|number|link|icon|btn|button|toggle|meta|author|date|open|closed|status|"
    r"bubble|trigger|cta|header|title|heading|teaser|nav|rss|feed|counter|total)"
)
_FORM_NAME = re.compile(
    r"^(?:respond|comment-?respond|comment-?form|commentform|reply-?form|comment-form-wrap)$"
)
# Names of one comment's element.
_ITEM_CLASS = re.compile(
    r"^(?:comment|comments?-item|comment-body|comment-entry|comment-article|comment-main-level|"
    r"single-comment|comment-box|comment-card|wc-comment|jdgm-rev|kommentar|kommentar-item|"
    r"leserbrief|coventry|xenforo-comment|mo-comment-card|c-comment-card|commentscon|"
    r"commententry|comment-container|js-comment|media-comment|post-comment|comment-wrapper)$",
    re.I,
)
# WordPress-style "comment-123" ids, and Blogger's "c" + long number (short "c123" ids are
# generic content blocks in some CMSs).
_ITEM_ID = re.compile(r"^(?:li-|div-|article-)?comment[-_]?\d+$|^c\d{12,}$", re.I)
_REPLIES_NAME = re.compile(r"children|replies|reply-list|sub-?comments|responses|thread-?replies")
_META_NAME = re.compile(
    r"comment-meta|commentmetadata|comment-metadata|comment-author|comment-header|comment-info|"
    r"reply|vcard|avatar|comment-date|comment-time|comment-footer|comment-actions|"
    r"says|permalink|edit-link|comment-awaiting|byline|username|user-name|author|meta|"
    r"date|time|actions|vote|like|share|report|flag"
)
# Meta blocks are short; a long "meta" block is broken markup wrapping the comment itself.
META_MAX_CHARS = 150
_CONTENT_NAME = re.compile(r"(?:^|[-_])(?:content|text|body|message|msg|story|entry)(?:$|[-_])")
_AUTHOR_NAME = re.compile(
    r"author|^(?:fn|user|username|user-name|name|nick|nickname|commenter|comment-name|"
    r"comment-user|comment-username|poster)$"
)
_DATE_NAME = re.compile(r"date|time|published|metadata|meta")
_ITEM_TAGS = {"li", "article", "div", "section", "dd", "blockquote", "p", "tr", "td"}
_SKIP_TAGS = {"script", "style", "noscript", "form", "button", "svg", "template", "img"}


def _names(element: HtmlElement) -> list[str]:
    names = (element.get("class") or "").lower().split()
    ident = (element.get("id") or "").lower()
    return names + [ident] if ident else names


_NOT_SECTION_TAGS = {
    "body",
    "html",
    "main",
    "a",
    "span",
    "button",
    "i",
    "em",
    "b",
    "strong",
    "small",
    "img",
    "svg",
    "label",
    "input",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "time",
    "link",
    "meta",
}


def _is_section(element: HtmlElement) -> bool:
    if element.tag in _NOT_SECTION_TAGS:
        return False
    for name in _names(element):
        if _SECTION_NAME.match(name) and not _SECTION_EXCLUDE.search(name):
            return True
    return False


def _is_item(element: HtmlElement) -> bool:
    if element.tag not in _ITEM_TAGS:
        return False
    if _ITEM_ID.match(element.get("id") or ""):
        return True
    return any(_ITEM_CLASS.match(name) for name in (element.get("class") or "").split())


def _is_replies(element: HtmlElement) -> bool:
    if element.tag in ("ul", "ol", "dl"):
        return True
    return any(_REPLIES_NAME.search(name) for name in _names(element))


def _text(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


@dataclass
class _Item:
    element: HtmlElement
    key: str
    parent: str | None = None
    depth: int = 0


def take_html_comments(tree: HtmlElement) -> list[Comment]:
    """Find the reader comments of a page, build their thread, and remove them from the tree.

    The comment sections and reply forms are deleted from `tree` (in place), so a body
    extractor run afterwards cannot mistake a comment for article text.

    Args:
        tree: the parsed page (lxml.html).

    Returns:
        Comments in page order, with local keys as ids until `assign_ids`.
    """
    for bad in tree.iter(etree.Comment, etree.ProcessingInstruction):
        bad.text = ""  # comment nodes cannot carry text into the thread
    sections = _sections(tree)
    items = _items(tree, sections)
    forms = _forms(tree)
    comments = [_comment(item, items) for item in items]
    comments += _itemless_sections(sections, items, forms)
    for element in sections + forms:
        _empty(element)
    for item in items:
        if item.element.getparent() is not None:
            _remove(item.element)
    return [c for c in comments if c.text]


# A comments section without comment markup is kept as one comment when it holds at least
# this much text (shorter ones are "Comments are closed"-style notices).
MIN_SECTION_TEXT = 40


def _itemless_sections(
    sections: list[HtmlElement], items: list[_Item], forms: list[HtmlElement]
) -> list[Comment]:
    """Sections whose comments carry no per-comment markup, each as a single comment."""
    found = []
    skip = {id(f) for f in forms}
    for number, section in enumerate(sections, start=1):
        if id(section) in skip or any(_contains(section, i.element) for i in items):
            continue
        text = _paragraphs(section, skip, skip_meta=True)
        if len(text) >= MIN_SECTION_TEXT:
            key = section.get("id") or f"section{number}"
            found.append(Comment(key, None, 0, None, None, text))
    return found


def _sections(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost comment sections, guarded against swallowing the article itself."""
    found: list[HtmlElement] = []
    page_text = len(_text(tree)) or 1
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _is_section(element):
            continue
        if any(_contains(outer, element) for outer in found):
            continue
        if _holds_article(element, page_text):
            continue
        found.append(element)
    return found


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    parent = inner.getparent()
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.getparent()
    return False


def _holds_article(element: HtmlElement, page_text: int) -> bool:
    """True when a 'comments' element also wraps the page's headline or main article."""
    if element.xpath(".//h1") or element.xpath(".//*[@itemprop='articleBody']"):
        return True
    if element.xpath(".//article[contains(@class,'post') or contains(@class,'hentry')]"):
        return True
    # A section holding most of the page without any comment element is a wrapper, not comments.
    has_items = any(_is_item(e) for e in element.iter() if isinstance(e.tag, str))
    return not has_items and len(_text(element)) > 0.6 * page_text


def _forms(tree: HtmlElement) -> list[HtmlElement]:
    forms = []
    for element in tree.iter():
        if isinstance(element.tag, str) and any(_FORM_NAME.match(n) for n in _names(element)):
            forms.append(element)
    return forms


def _items(tree: HtmlElement, sections: list[HtmlElement]) -> list[_Item]:
    """Comment elements in page order, one per comment, with their place in the thread."""
    candidates = [e for e in tree.iter() if isinstance(e.tag, str) and _is_item(e)]
    if not sections and len(candidates) < 2:
        return []
    if sections:
        # Inside known comment sections every candidate counts; outside, only id-marked ones.
        candidates = [
            e
            for e in candidates
            if any(_contains(s, e) or s is e for s in sections) or _ITEM_ID.match(e.get("id") or "")
        ]
    # A section marked up like a comment ("comment-box") is a wrapper when comments are inside.
    section_ids = {id(s) for s in sections}
    candidates = [
        e
        for e in candidates
        if id(e) not in section_ids or not any(_contains(e, o) for o in candidates)
    ]
    kept = _merge_parts(candidates)
    items: list[_Item] = []
    by_element: dict[HtmlElement, _Item] = {}
    for position, element in enumerate(kept, start=1):
        key = element.get("id") or f"pos{position}"
        item = _Item(element, key)
        ancestor = _nearest(element, by_element)
        if ancestor is not None:
            item.parent = ancestor.key
            item.depth = ancestor.depth + 1
        by_element[element] = item
        items.append(item)
    _dedupe_keys(items)
    return items


def _merge_parts(candidates: list[HtmlElement]) -> list[HtmlElement]:
    """Drop candidates that are parts of an enclosing comment (its body, not a reply).

    A candidate nested in another is a reply when a list or a replies container lies between
    them, or when it is not the first candidate inside the outer one; otherwise it is the
    outer comment's own body (WordPress `li.comment > article.comment-body`).
    """
    chosen = set(map(id, candidates))
    kept: list[HtmlElement] = []
    first_inside: dict[int, HtmlElement] = {}
    for element in candidates:
        outer = _nearest_in(element, chosen)
        if outer is None:
            kept.append(element)
            continue
        between = _path_between(outer, element)
        is_first = id(outer) not in first_inside
        if is_first:
            first_inside[id(outer)] = element
        own = _own_text_length(outer, candidates)
        if not any(_is_replies(e) for e in between) and is_first and own < 40:
            chosen.discard(id(element))
            continue
        kept.append(element)
    return kept


def _nearest_in(element: HtmlElement, chosen: set[int]) -> HtmlElement | None:
    parent = element.getparent()
    while parent is not None:
        if id(parent) in chosen:
            return parent
        parent = parent.getparent()
    return None


def _nearest(element: HtmlElement, items: dict[HtmlElement, _Item]) -> _Item | None:
    parent = element.getparent()
    while parent is not None:
        if parent in items:
            return items[parent]
        parent = parent.getparent()
    return None


def _path_between(outer: HtmlElement, inner: HtmlElement) -> list[HtmlElement]:
    path = []
    parent = inner.getparent()
    while parent is not None and parent is not outer:
        path.append(parent)
        parent = parent.getparent()
    return path


def _own_text_length(element: HtmlElement, candidates: list[HtmlElement]) -> int:
    """Length of the text of `element` outside its nested candidates and meta elements."""
    inner = {id(c) for c in candidates if c is not element}
    return len("".join(_own_text(element, inner, skip_meta=True)).strip())


def _own_text(element: HtmlElement, skip: set[int], skip_meta: bool) -> list[str]:
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and id(child) not in skip and child.tag not in _SKIP_TAGS:
            if not (skip_meta and _is_meta(child)):
                parts.extend(_own_text(child, skip, skip_meta))
        if child.tail:
            parts.append(child.tail)
    return parts


def _is_meta(element: HtmlElement) -> bool:
    named = element.tag in ("footer", "header", "cite", "time", "h3", "h4", "h5") or any(
        _META_NAME.search(n) and not _CONTENT_NAME.search(n) for n in _names(element)
    )
    return named and len(_text(element)) <= META_MAX_CHARS


def _dedupe_keys(items: list[_Item]) -> None:
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for number, item in enumerate(items, start=1):
        if item.key in seen:
            new = f"{item.key}~{number}"
            renamed[item.key] = new
            item.key = new
        seen[item.key] = number
    for item in items:
        if item.parent in renamed:
            item.parent = renamed[item.parent]


def _comment(item: _Item, items: list[_Item]) -> Comment:
    element = item.element
    nested = {id(other.element) for other in items if other is not item}
    content = _content_element(element, nested)
    target = content if content is not None else element
    text = _paragraphs(target, nested, skip_meta=True)
    if not text:
        text = _paragraphs(target, nested, skip_meta=False)
    return Comment(
        id=item.key,
        parent=item.parent,
        depth=item.depth,
        author=_comment_author(element, nested),
        published=_comment_date(element, nested),
        text=text,
    )


def _content_element(element: HtmlElement, nested: set[int]) -> HtmlElement | None:
    """The element holding the comment's words, when the markup names one.

    The longest named candidate wins, and only when it holds at least half of the comment's
    text: layout classes like "text-right" also match the names and must not win.
    """
    best, best_length = None, 0
    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or _inside_any(child, element, nested):
            continue
        if any(_CONTENT_NAME.search(n) for n in _names(child)) and not _is_meta(child):
            length = len(_paragraphs(child, nested, skip_meta=True))
            if length > best_length:
                best, best_length = child, length
    total = len(_paragraphs(element, nested, skip_meta=False))
    return best if best is not None and best_length >= 0.5 * total else None


def _inside_any(element: HtmlElement, stop: HtmlElement, nested: set[int]) -> bool:
    node = element
    while node is not None and node is not stop:
        if id(node) in nested:
            return True
        node = node.getparent()
    return False


_BLOCKS = {"p", "div", "br", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


def _paragraphs(element: HtmlElement, nested: set[int], skip_meta: bool) -> str:
    """The comment's text: block elements become line breaks, spaces are collapsed."""
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            keep = isinstance(child.tag, str) and id(child) not in nested
            keep = keep and child.tag not in _SKIP_TAGS and not (skip_meta and _is_meta(child))
            if keep:
                if child.tag in _BLOCKS:
                    pieces.append("\n")
                walk(child)
                if child.tag in _BLOCKS:
                    pieces.append("\n")
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _comment_author(element: HtmlElement, nested: set[int]) -> str | None:
    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or _inside_any(child, element, nested):
            continue
        if child.get("itemprop") == "author" or any(_AUTHOR_NAME.search(n) for n in _names(child)):
            name = _text(child)
            name = re.sub(r"\s*(?:says|sagt|schreibt|wrote|a écrit)\s*:?\s*$", "", name, flags=re.I)
            if 0 < len(name) <= 80:
                return name
    return None


def _comment_date(element: HtmlElement, nested: set[int]) -> str | None:

    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or _inside_any(child, element, nested):
            continue
        stamp = child.get("datetime") or (child.get("content") if child.tag == "meta" else None)
        if stamp and (value := normalize_date(stamp)):
            return value
    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or _inside_any(child, element, nested):
            continue
        if any(_DATE_NAME.search(n) for n in _names(child)) or child.tag == "time":
            value = normalize_date(_text(child), fuzzy=True)
            if value:
                return value
    return None


def _empty(element: HtmlElement) -> None:
    """Remove what an element holds but keep the empty element: the body extractor then sees
    the page layout it was tuned on (deleting whole sections changes its choices)."""
    attributes = dict(element.attrib)
    element.clear(keep_tail=True)
    element.attrib.update(attributes)


def _remove(element: HtmlElement) -> None:
    """Delete an element but keep the text that follows it (its tail) in the page."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
