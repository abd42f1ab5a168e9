"""Writing records as an aligned table, JSON Lines or CSV (the CLI's `--format`)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

FORMATS = ("table", "jsonl", "csv")

# A column is a header and a function from a record to the cell's value.
Column = tuple[str, Callable[[dict[str, Any]], Any]]


def field(name: str) -> Callable[[dict[str, Any]], Any]:
    """A column getter for a top-level key."""
    return lambda record: record.get(name)


def _describe(value: dict[str, Any]) -> str:
    code = value.get("code")
    if code == "IGO" and value.get("affiliation"):
        code = f"IGO/{value['affiliation']}"
    return f"{value['name']} ({code})" if code else value["name"]


def entity(name: str, members: str | None = None) -> Callable[[dict[str, Any]], Any]:
    """A column getter showing an entity as "Name (CODE)", with compound members after "&"."""

    def get(record: dict[str, Any]) -> str | None:
        values = [record.get(name), *(record.get(members) or [] if members else [])]
        shown = [_describe(v) for v in values if v]
        return " & ".join(shown) or None

    return get


def write(
    records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[Column], out: TextIO
) -> int:
    """Write records in `fmt`; JSON Lines keeps whole records, table and CSV keep `columns`."""
    records = list(records)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow([name for name, _ in columns])
        for record in records:
            writer.writerow([_cell(get(record)) for _, get in columns])
    else:
        _table(records, columns, out)
    return len(records)


def stream(
    records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[Column]
) -> Iterator[str]:
    """Yield `records` as JSON Lines or CSV text, a chunk at a time (for downloads).

    Unlike `write`, nothing is held in memory beyond one chunk of rows.
    """
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"cannot stream {fmt!r}: use jsonl or csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if fmt == "csv":
        writer.writerow([name for name, _ in columns])
    for count, record in enumerate(records, start=1):
        if fmt == "jsonl":
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            writer.writerow([_cell(get(record)) for _, get in columns])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def _table(records: list[dict[str, Any]], columns: Sequence[Column], out: TextIO) -> None:
    if not records:
        out.write("(nothing found)\n")
        return
    rows = [[_cell(get(r)) for _, get in columns] for r in records]
    headers = [name for name, _ in columns]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    widths = _fit(widths, shutil.get_terminal_size((160, 24)).columns)
    for line in [headers, ["-" * w for w in widths], *rows]:
        cells = [_clip(c, w).ljust(w) for c, w in zip(line, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")


def _fit(widths: list[int], total: int) -> list[int]:
    """Shrink the widest columns until the table fits the terminal (never below 8)."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
