"""What every reader shares: the `Source` record, the run's reading context, and the guard
that turns an error while reading one input into one `Failure` line."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sitroom.ingest.decoding import clean_html_controls, shown_name
from sitroom.ingest.fetch import FetchBudget, FetchLimits
from sitroom.options import Options
from sitroom.records import Failure, InputError


@dataclass
class Source:
    """One input document before extraction.

    Attributes:
        origin: where it came from, as shown to the user ("file.jsonl:3", a URL, "-").
        kind: "text" for plain text, "html" for a web page.
        content: the decoded text or HTML (an HTML page's control characters are made spaces
            here, as the HTML parser cannot hold them).
        meta: metadata carried by the container: id, url, title, author, published, source,
            and "crawled" (a WARC record's capture date, a fallback for `published`).
    """

    origin: str
    kind: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind == "html":
            self.content = clean_html_controls(self.content)


class TooLarge(InputError):
    """An input holds more bytes than its limit."""


@dataclass
class Reading:
    """One run of reading: the options, and the fetch budget every fetch of the run shares."""

    options: Options
    budget: FetchBudget = field(init=False)

    def __post_init__(self) -> None:
        self.budget = FetchBudget(self.options.max_fetches)

    @property
    def limits(self) -> FetchLimits:
        """The fetch limits the options set."""
        o = self.options
        return FetchLimits(
            timeout=o.timeout,
            max_bytes=o.max_bytes,
            max_redirects=o.max_redirects,
            allow_private=o.allow_private_urls,
        )


def guarded(
    origin: str, make: Callable[[], Iterator[Source | Failure]]
) -> Iterator[Source | Failure]:
    """Run a reader; an error while reading ends that input with a Failure, not the batch."""
    shown = shown_name(origin)
    try:
        yield from make()
    except InputError as err:
        yield Failure(shown, str(err), permanent=getattr(err, "permanent", False))
    except (OSError, ValueError, UnicodeError, LookupError, EOFError, zlib.error) as err:
        yield Failure(shown, plain_error(err))
    except RecursionError:
        # Parsers recurse on nesting; a hostile input must end only itself, not the batch.
        yield Failure(shown, "input nested too deeply")
    except MemoryError:
        yield Failure(shown, "input too large for the memory available")


def plain_error(err: BaseException) -> str:
    """An exception as a short plain sentence (no traceback, no class paths)."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    if isinstance(err, EOFError):
        return "file ends unexpectedly (truncated)"
    text = str(err).strip() or type(err).__name__
    return shown_name(text.splitlines()[0])
