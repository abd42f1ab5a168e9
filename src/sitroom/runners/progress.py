"""A progress bar for long work: shown on a terminal, quiet otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress_bar(
    items: Iterable[T] | None = None,
    description: str = "",
    total: int | None = None,
    unit: str = "doc",
    enabled: bool | None = None,
) -> tqdm:
    """A progress bar on stderr, shown only when stderr is a terminal (or when asked).

    Wraps `items` when given (iterate the bar), else counts by `update()`.
    """
    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(items, desc=description, total=total, unit=unit, disable=not show,
                file=sys.stderr, leave=False)  # fmt: skip
