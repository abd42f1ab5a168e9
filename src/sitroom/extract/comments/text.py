"""Comments in plain text as scraped from a page: `split_page_text(text)` cuts the author bio, the
"N COMMENTS" section with its numbered/bulleted thread, the reply form and share/related
furniture off the end of the article. Comment ids are local keys until `assign_ids`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitroom.records import Comment

# --- plain text -------------------------------------------------------------------------------

_COMMENTS_HEADER = re.compile(
    r"^\s*(?:\d+\s+|one\s+|no\s+)?(?:comments?|responses?|replies|reader comments)"
    r"\s*(?:\(\d+\))?\s*:?\s*$",
    re.I,
)
_REPLY_FORM = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|post (?:a )?comment|add (?:a )?comment|"
    r"please enter your (?:comment|name here|email)|cancel reply|"
    r"your email address will not be published|you have entered an incorrect email|"
    r"save my name, email|join the (?:discussion|conversation)|"
    r"notify me of (?:follow-up comments|new posts))\b.*$",
    re.I,
)
# Page furniture phrases; a line counts only when it is (nearly) nothing but the phrase.
_FURNITURE = re.compile(
    r"^\s*(?:share this(?: article| story| post)?|share on (?:facebook|twitter|x|linkedin)|"
    r"click to (?:share|email|print)\b.*|like this|related(?: articles| posts| stories| news)?|"
    r"you (?:may|might) also like|more from .{1,40}|read more|read next|recommended(?: for you)?|"
    r"subscribe to (?:our|the) newsletter|sign up (?:for|to) (?:our|the) newsletter|"
    r"follow us(?: on .{1,30})?|tags?|filed under|advertisement|sponsored)\s*[:.!…]*\s*$",
    re.I,
)
_BIO_ROLE = re.compile(
    r"\s(?:is|was|has been|writes)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:founder|editor|journalist|reporter|writer|correspondent|author|contributor|columnist|"
    r"analyst|freelance|staff|producer|researcher|fellow|professor|director|blogger|"
    r"commentator|specialist|expert|former|senior|chief|deputy|managing|associate)\b",
    re.I,
)
_NAME_LINE = re.compile(
    r"^(?:(?:Dr|Prof|Sir|Dame|Lt|Col|Gen|Capt|Rev)\.?\s+)?"
    r"[A-Z][\w'’.-]+(?:\s+(?:van|von|de|da|del|der|la|le|bin|al)?\s*[A-Z][\w'’.-]+){1,3}$"
)
_BYLINE = re.compile(r"^\s*by\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*$", re.I)
_ABOUT_AUTHOR = re.compile(r"^\s*about the authors?\s*:?\s*$", re.I)
_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>\d{1,4}[.)]|[•·◦▪‣*–-])[ \t]+(?P<rest>\S.*)$")


@dataclass
class PageText:
    """A scraped page's text split into the article and what followed it."""

    body: str
    author: str | None = None
    comments: list[Comment] = field(default_factory=list)
    stripped: bool = False


def split_page_text(text: str) -> PageText:
    """Split scraped page text into the article body, its author and the reader comments.

    The body is the input up to the first line of trailing furniture (author bio, comments
    header, reply form, share/related/newsletter lines), with trailing whitespace removed;
    when nothing is found the body is the input unchanged, so offsets map onto it.

    Args:
        text: the page text, one paragraph or item per line.

    Returns:
        A PageText; comment ids are local keys ("t1", "t2" ...) until `assign_ids`.
    """
    lines = text.splitlines(keepends=True)
    cut, author = _find_cut(lines)
    byline = _byline_author(lines)
    if cut is None:
        return PageText(body=text, author=byline)
    body = "".join(lines[:cut]).rstrip()
    comments = _text_comments(lines[cut:])
    return PageText(body=body, author=author or byline, comments=comments, stripped=True)


def _find_cut(lines: list[str]) -> tuple[int | None, str | None]:
    """Index of the first line of trailing material, and the bio's author name if any."""
    total = sum(len(line) for line in lines)
    seen = 0
    content_lines = [i for i, line in enumerate(lines) if line.strip()]
    if len(content_lines) < 2:
        return None, None
    first = content_lines[0]
    for index, line in enumerate(lines):
        position = seen
        seen += len(line)
        stripped = line.strip()
        if not stripped or index == first:
            continue
        name = _bio_at(lines, index)
        if name:
            return index, name
        if _ABOUT_AUTHOR.match(stripped):
            return index, _author_from_paragraph(lines, index + 1)
        if _COMMENTS_HEADER.match(stripped) and _comments_follow(lines, index):
            return index, None
        # Reply forms and furniture phrases can appear mid-page (a scraped sidebar); only the
        # second half of the page is trusted to be trailing material.
        late = position >= total / 2
        if late and (_REPLY_FORM.match(stripped) or _FURNITURE.match(stripped)):
            return index, None
    return None, None


def _next_content(lines: list[str], index: int) -> int | None:
    for j in range(index + 1, len(lines)):
        if lines[j].strip():
            return j
    return None


def _bio_at(lines: list[str], index: int) -> str | None:
    """The author's name when `lines[index]` is a name line followed by "<Name> is the ..."."""
    name = lines[index].strip()
    if len(name) > 60 or not _NAME_LINE.match(name):
        return None
    after = _next_content(lines, index)
    if after is None:
        return None
    paragraph = lines[after].strip()
    first_word = name.split()[-2] if len(name.split()) > 2 else name.split()[0]
    starts = (name, name.split()[0], name.split()[-1], first_word)
    if paragraph.startswith(starts) and _BIO_ROLE.search(paragraph[:200]):
        return name
    return None


def _author_from_paragraph(lines: list[str], start: int) -> str | None:
    index = _next_content(lines, start - 1)
    if index is None:
        return None
    match = re.match(r"^([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+(?:is|was)\b", lines[index])
    return match.group(1) if match else None


def _byline_author(lines: list[str]) -> str | None:
    """An author given by a "By Jane Doe" line among the first lines of the page."""
    for line in lines[:6]:
        match = _BYLINE.match(line)
        if match:
            return match.group(1)
    return None


def _comments_follow(lines: list[str], index: int) -> bool:
    """A comments header counts when comment items, a reply form or the end follow it."""
    after = _next_content(lines, index)
    if after is None:
        return True
    line = lines[after]
    return bool(_MARKER.match(line) or _REPLY_FORM.match(line.strip())) or len(line) < 200


def _text_comments(tail: list[str]) -> list[Comment]:
    """Comments from the lines after the cut: numbered or bulleted items, indent gives depth."""
    start = next((i for i, line in enumerate(tail) if _COMMENTS_HEADER.match(line.strip())), None)
    if start is None:
        return []
    items: list[tuple[int, list[str]]] = []  # (indent, lines)
    for line in tail[start + 1 :]:
        stripped = line.strip()
        if _REPLY_FORM.match(stripped) or _FURNITURE.match(stripped):
            break
        match = _MARKER.match(line.rstrip("\r\n"))
        if match:
            items.append((len(match.group("indent").expandtabs(4)), [match.group("rest").strip()]))
        elif stripped and items:
            items[-1][1].append(stripped)
    return _thread(items)


def _thread(items: list[tuple[int, list[str]]]) -> list[Comment]:
    """Depth is the rank of an item's indent among the indents used; parent the last shallower."""
    indents = sorted({indent for indent, _ in items})
    comments: list[Comment] = []
    last_at_depth: dict[int, str] = {}
    for number, (indent, parts) in enumerate(items, start=1):
        depth = indents.index(indent)
        key = f"t{number}"
        parent = last_at_depth.get(depth - 1) if depth else None
        if depth and parent is None:
            depth = 0  # a reply whose parent was not kept is shown as top level
        last_at_depth[depth] = key
        for deeper in [d for d in last_at_depth if d > depth]:
            del last_at_depth[deeper]
        comments.append(Comment(key, parent, depth, None, None, "\n".join(parts)))
    return comments


# --- HTML ---------------------------------------------------------------------------------------

# Names (id or class token) of elements that hold a whole comment section or a reply form.
