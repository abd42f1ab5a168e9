"""Which stored document a new capture is: the one rule for identity on ingest.

A document arrives with the id its input gives it (a record's own id, else its canonical URL,
else its text). Against what is stored:

* nothing stored under that id or URL: the capture is a new document;
* a stored document with the same id, or at the same URL with a similar body (`same_article`),
  is the same article: the two captures are merged (`merge`) and the record is updated, or left
  unchanged when the merge adds nothing. Nothing is replaced by less: a missing date, title,
  author or URL keeps the stored one, and the richer body wins (a feed's summary never replaces
  the page fetched before; the page replaces the summary);
* stored documents at that URL whose bodies are all unrelated (a site that points every page's
  canonical link at its home page): the capture is a document of its own, keyed by URL and a
  fingerprint of its body, so it never overwrites them and re-runs find it again.

A record's own id is the user's key and is kept as given: a capture under it is the same
record, however its body changed. Long documents stored as parts keep the id rule of their
parts (`runners.parts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sitroom.extract.urls import canonical_url
from sitroom.records import Document, InputError, stable_id
from sitroom.runners.parts import split_long
from sitroom.store.base import Backend
from sitroom.store.stored import load_document

# Word n-grams compared between two bodies; five words rarely repeat by chance across articles.
SHINGLE = 5
# Share of the shorter body's shingles found in the longer one above which two bodies are the
# same article (an edited capture, a page and the lead its feed quoted).
SAME_BODY = 0.5
# With the same title, the share of the shorter body's words found in the longer one that
# makes a rewritten feed summary the same article as its page.
SAME_WORDS = 0.6
# Metadata that a capture without it never takes away from the stored record.
METADATA = ("title", "author", "published", "url", "source")


@dataclass
class Resolution:
    """What to store for one capture: the document (merged with the stored one when it is the
    same article), what saving it does, and what changed in the stored record."""

    document: Document
    status: str  # "new" | "updated" | "unchanged"
    changes: list[str] = field(default_factory=list)


class Identities:
    """The identity rule over one store for one run.

    Documents resolved but not saved yet are claimed, so two captures in one run (a batch is
    resolved before it is analysed and saved) are compared with each other as well; `saved`
    releases a claim once the store holds the document.
    """

    def __init__(self, store: Backend) -> None:
        self.store = store
        self.claimed: dict[str, Document] = {}

    def resolve(self, document: Document) -> Resolution:
        """Decide which stored document `document` is, and what storing it would write."""
        resolution = self._resolve(document)
        if resolution.status != "unchanged":
            self.claimed[resolution.document.id] = resolution.document
        return resolution

    def saved(self, document_id: str) -> None:
        """The document is in the store now: read it from there from now on."""
        self.claimed.pop(document_id, None)

    def _resolve(self, document: Document) -> Resolution:
        stored = self._load(document.id)
        keyed = _url_keyed(document)
        if stored is not None and (not keyed or same_article(stored, document)):
            return self._update(stored, document)
        if not keyed:
            return Resolution(document, "new")
        url = document.url or ""
        for other in self._at_url(url, document.id):
            if same_article(other, document):
                return self._update(other, document)
        if stored is None:
            return Resolution(document, "new")
        # The URL is taken by unrelated content: this page is a document of its own.
        own = replace(document, id=stable_id("d", canonical_url(url), fingerprint(document.text)))
        return Resolution(own, "new")

    def _load(self, document_id: str) -> Document | None:
        if document_id in self.claimed:
            return self.claimed[document_id]
        return load_document(self.store, document_id)  # type: ignore[arg-type]

    def _at_url(self, url: str, skip: str) -> list[Document]:
        """The other whole documents stored or claimed at this URL (not parts of long ones)."""
        rows = self.store.rows("SELECT id FROM documents WHERE url = ? ORDER BY id", (url,))
        ids = {r["id"] for r in rows} | {i for i, d in self.claimed.items() if d.url == url}
        ids = {i for i in ids if i != skip and not re.search(r"-part\d+$", i)}
        found = (self._load(i) for i in sorted(ids))
        return [d for d in found if d is not None]

    def _update(self, stored: Document, capture: Document) -> Resolution:
        merged, changes = merge(stored, capture)
        rows = self.store.rows(
            "SELECT content_hash, analysis_version FROM documents WHERE id = ?", (stored.id,)
        )
        row = next(iter(rows), None)
        version = getattr(self.store, "analysis_version", None)
        current = row is not None and row["analysis_version"] == version
        if current and row["content_hash"] == merged.content_hash:
            return Resolution(merged, "unchanged")
        return Resolution(merged, "updated", changes)


def stored_id(store: Backend, document: Document, max_chars: int) -> str | None:
    """The id the store holds this capture under as it is now, or None when storing it would
    still add or change something (a long document counts once all its parts are stored)."""
    if len(document.text) > max_chars:
        parts = split_long(document, max_chars)
        return document.id if all(store.status(p) == "unchanged" for p in parts) else None
    resolution = Identities(store).resolve(document)
    return resolution.document.id if resolution.status == "unchanged" else None


def _url_keyed(document: Document) -> bool:
    """Whether the document's id comes from its web URL (not a record's own id or its text)."""
    if not document.url or not re.match(r"(?i)^https?://", document.url):
        return False
    try:
        return document.id == stable_id("d", canonical_url(document.url))
    except InputError:
        return False


def merge(stored: Document, capture: Document) -> tuple[Document, list[str]]:
    """One record from two captures of the same article, and what it changes in `stored`.

    The richer body wins (more text, then more comments; the capture on a tie), with the
    language and page kind detected in it; its metadata comes along, and what it lacks is
    kept from the other capture. The order is total, so re-running a set of captures in any
    order settles on the same record.
    """
    capture_wins = _richness(capture) >= _richness(stored)
    first, second = (capture, stored) if capture_wins else (stored, capture)
    merged = replace(
        first,
        id=stored.id,
        comments=first.comments or second.comments,
        **{name: getattr(first, name) or getattr(second, name) for name in METADATA},
    )
    changes = []
    before, offered = len(stored.text), len(capture.text)
    if merged.text != stored.text:
        changes.append(f"body: richer capture ({before} -> {offered} characters)")
    elif capture.text != stored.text:
        changes.append(f"body kept ({before} characters; capture had {offered})")
    for name in METADATA:
        old, new = getattr(stored, name), getattr(merged, name)
        if old != new:
            changes.append(f"{name}: {old!r} -> {new!r}")
        elif old and not getattr(capture, name):
            changes.append(f"{name} kept (capture had none)")
    return merged, changes


def _richness(document: Document) -> tuple[int, int, str]:
    return (len(document.text.strip()), len(document.comments), document.text)


def same_article(a: Document, b: Document) -> bool:
    """Whether two bodies are captures of one article: most of the shorter one's five-word
    shingles occur in the longer one, or, under the same title, most of its words do."""
    if _containment(_shingles(a.text), _shingles(b.text)) >= SAME_BODY:
        return True
    same_title = bool(a.title) and _normal(a.title or "") == _normal(b.title or "")
    return same_title and _containment(set(_words(a.text)), set(_words(b.text))) >= SAME_WORDS


def fingerprint(text: str) -> str:
    """A short hash of the body's words, insensitive to case, spacing and punctuation."""
    return stable_id("f", " ".join(_words(text)))[2:]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _normal(text: str) -> str:
    return " ".join(_words(text))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _containment(a: set, b: set) -> float:
    """Share of the smaller set found in the larger one (0 when either is empty)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)
