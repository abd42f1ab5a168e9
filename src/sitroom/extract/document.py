"""From a read input to a clean `Document`: body, metadata, and reader comments kept apart.

* Plain text passes through unchanged unless it ends in page furniture (author bio, comments,
  reply form, share lines), which `comments.split_page_text` cuts off.
* HTML: comment sections are taken out of the DOM first (`comments.take_html_comments`), then
  the body is extracted from what is left (`body.article_body`: trafilatura checked against
  jusText, readability and the page's JSON-LD `articleBody`); metadata (title, author, date,
  site name, URL) comes from the untouched page, with page meta tags as a fallback.
* Document ids: a JSON record's own non-empty `id` is kept as given (so users can join results
  back to their data); otherwise the id is `stable_id("d", canonical URL)`, or, without a URL,
  `stable_id("d", text with whitespace collapsed)`. The same input always gets the same id and
  the same content hash.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lxml import etree, html

from sitroom.extract import comments as comment_threads
from sitroom.extract.body import article_body
from sitroom.extract.dates import normalize_date
from sitroom.extract.kind import code_share, declared_types, page_kind
from sitroom.extract.language import document_language
from sitroom.extract.urls import canonical_url, clean_url, usable_url
from sitroom.ingest import Source, read_inputs
from sitroom.options import Options
from sitroom.records import Document, Failure, InputError, stable_id


def documents(inputs: Sequence[str], options: Options) -> Iterator[Document | Failure]:
    """Read and extract every input; one bad input or record yields a Failure and work goes on.

    Args:
        inputs: file paths, directories, URLs or "-" (see `ingest.read_inputs`).
        options: reading and default-metadata options.

    Yields:
        A Document per article, or a Failure (origin and one-line reason) in its place.
    """
    for item in read_inputs(inputs, options):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield extract(item, options)
        except InputError as err:
            yield Failure(item.origin, str(err))
        except Exception as err:  # noqa: BLE001 - one broken page must not end the batch
            yield Failure(item.origin, f"could not extract the document ({type(err).__name__})")


def extract(source: Source, options: Options) -> Document:
    """Turn one Source into a Document.

    Metadata precedence: the input's own fields (JSON record, feed entry, WARC record), then
    what the page says, then `options` defaults (`published`, `url`, `source`), then a WARC
    capture date for `published`.

    Raises:
        InputError: when there is no article text, with a one-line reason.
    """
    if source.kind == "html":
        found = _from_html(source.content, source.meta.get("url") or options.url)
    elif source.kind == "text":
        found = _from_text(source.content)
    else:
        raise InputError(f"unknown input kind {source.kind!r}")
    meta = source.meta
    url = clean_url(meta.get("url") or found.get("url") or options.url)
    published = (
        normalize_date(meta.get("published"))
        or normalize_date(found.get("published"))
        or normalize_date(options.published)
        or normalize_date(meta.get("crawled"))
    )
    text = found["text"]
    doc_id = _document_id(meta.get("id"), url, text)
    title = _clean(meta.get("title")) or found.get("title")
    language = document_language(text, title, meta.get("language") or found.get("language"))
    return Document(
        id=doc_id,
        text=text,
        url=url,
        title=title,
        author=_clean(meta.get("author")) or found.get("author"),
        published=published,
        source=_clean(meta.get("source")) or found.get("source") or options.source,
        language=language,
        kind=page_kind(text, found.get("types"), found.get("code", 0.0), language),
        comments=comment_threads.assign_ids(found.get("comments", []), doc_id),
        origin=source.origin,
    )


def _from_text(text: str) -> dict[str, Any]:
    if not text.strip():
        raise InputError("no text")
    page = comment_threads.split_page_text(text)
    if not page.body.strip():
        raise InputError("no article text before the comments")
    return {"text": page.body, "author": page.author, "comments": page.comments}


# --- HTML -----------------------------------------------------------------------------------


def parse_html(content: str) -> html.HtmlElement:
    """Parse a page leniently (broken markup is repaired, not rejected).

    Raises:
        InputError: when nothing that looks like a page can be parsed.
    """
    # lxml refuses str input carrying an encoding declaration; the text is decoded already.
    content = re.sub(r"^\s*<\?xml[^>]*\?>", "", content)
    try:
        tree = html.document_fromstring(content.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise InputError(f"could not parse the HTML ({err})") from err
    if tree is None:
        raise InputError("could not parse the HTML")
    return tree


_PARSER = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def _from_html(content: str, url: str | None) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    tree = parse_html(content)
    meta = extract_metadata(copy.deepcopy(tree), url)
    page_meta = _meta_tags(tree)
    threads = comment_threads.take_html_comments(tree)
    # trafilatura is given markup, not our tree: on some pages it discards a tree it did not
    # parse itself (careelite.de-flaechenverbrauch in the evaluation pages).
    cleaned = html.tostring(tree, encoding="unicode")
    text = article_body(cleaned, tree, url) or _visible_text(tree)
    if not text:
        raise InputError("no article text found in the page")
    return {
        "text": text,
        "title": _clean(meta.title) or page_meta.get("title"),
        "author": _clean(meta.author) or page_meta.get("author"),
        "published": _precise_date(meta.date, page_meta.get("published")),
        "source": _clean(meta.sitename) or page_meta.get("source"),
        "url": usable_url(meta.url) or usable_url(page_meta.get("url")),
        "language": tree.get("lang") or page_meta.get("language"),
        "types": declared_types(tree),
        "code": code_share(tree, text),
        "comments": threads,
    }


def _visible_text(tree: html.HtmlElement) -> str:
    """The page's visible lines: the body of last resort, when no extractor finds one."""
    body = tree.find("body")
    if body is None:
        return ""
    for junk in body.xpath(".//script|.//style|.//noscript|.//nav|.//header|.//footer"):
        junk.drop_tree()
    lines = (" ".join(line.split()) for line in body.text_content().splitlines())
    return "\n".join(line for line in lines if line)


_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
    "published": (
        "article:published_time",
        "datepublished",
        "dc.date",
        "dc.date.issued",
        "date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
        "sailthru.date",
    ),
    "source": ("og:site_name", "application-name"),
    "url": ("og:url",),
}


def _meta_tags(tree: html.HtmlElement) -> dict[str, str]:
    """Fallback metadata from <meta> tags, itemprop attributes and the canonical link."""
    values: dict[str, str] = {}
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = _clean(meta.get("content"))
        if key and content and key not in found:
            found[key] = content
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        stamp = element.get("datetime") or element.get("content")
        if stamp:
            found.setdefault("datepublished", stamp)
    for field, keys in _META_KEYS.items():
        for key in keys:
            if key in found and not found[key].startswith("http"):
                values[field] = found[key]
                break
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    if canonical and str(canonical[0]).startswith("http"):
        values["url"] = str(canonical[0])
    title = tree.findtext(".//title")
    if "title" not in values and title and title.strip():
        values["title"] = " ".join(title.split())
    return values


def _precise_date(day: str | None, stamp: str | None) -> str | None:
    """The page date, with its time of day when a meta tag gives the same day with a time."""
    precise = normalize_date(stamp)
    if day and precise and precise.startswith(day[:10]):
        return precise
    return normalize_date(day) or precise


# --- ids, URLs and dates ----------------------------------------------------------------------


def _document_id(record_id: object, url: str | None, text: str) -> str:
    if isinstance(record_id, str) and record_id.strip():
        return record_id.strip()
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        return str(record_id)
    if url:
        return stable_id("d", canonical_url(url))
    return stable_id("d", " ".join(text.split()))


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
