"""Writing records as an aligned table, JSON Lines or CSV (the CLI's `--format`)."""

from __future__ import annotations

import csv
import io
import json
import re
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


# What JSON allows raw inside strings but must not be written raw: DEL and the C1 controls
# (U+009B opens a terminal escape sequence as ESC [ does; U+0085 ends a line for
# str.splitlines), and the line separators that line-splitting readers (Python, JavaScript)
# take for the end of a line. json.dumps escapes the C0 controls itself.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_line(record: Any) -> str:
    """One record as a line of JSON Lines: UTF-8 kept readable, controls and line
    separators escaped."""
    return json_text(record)


def json_text(record: Any, indent: int | None = None) -> str:
    """A record as JSON that is safe to print: readable UTF-8, `\\uXXXX` for the rest."""
    text = json.dumps(record, ensure_ascii=False, indent=indent)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write(
    records: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[Column],
    out: TextIO,
    csv_columns: Callable[[list[dict[str, Any]]], Sequence[Column]] | None = None,
) -> int:
    """Write records in `fmt`; JSON Lines keeps whole records, the table keeps `columns`.

    CSV has one column per field: `csv_columns(records)` gives them (the fields of the
    records at hand, so that compound members get columns of their own); without it CSV
    keeps `columns`. A table is clipped to the terminal's width only when `out` is one.
    """
    records = list(records)
    if fmt == "jsonl":
        for record in records:
            out.write(json_line(record) + "\n")
    elif fmt == "csv":
        chosen = csv_columns(records) if csv_columns else columns
        writer = csv.writer(out)
        writer.writerow([name for name, _ in chosen])
        for record in records:
            writer.writerow([_cell(get(record)) for _, get in chosen])
    else:
        _table(records, columns, out)
    return len(records)


def stream(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[Column]) -> Iterator[str]:
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
            buffer.write(json_line(record) + "\n")
        else:
            writer.writerow([_cell(get(record)) for _, get in columns])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# Control characters (C0, DEL, C1): stored text may hold terminal escape sequences, which
# must never reach a terminal raw (they can move the cursor, retitle or recolour it).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)


def _table(records: list[dict[str, Any]], columns: Sequence[Column], out: TextIO) -> None:
    if not records:
        out.write("(nothing found)\n")
        return
    rows = [[_cell(get(r)) for _, get in columns] for r in records]
    headers = [name for name, _ in columns]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    if _is_terminal(out):  # written to a file or a pipe, every cell is kept whole
        widths = _fit(widths, shutil.get_terminal_size((160, 24)).columns)
    for line in [headers, ["-" * w for w in widths], *rows]:
        cells = [_clip(c, w).ljust(w) for c, w in zip(line, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def _fit(widths: list[int], total: int) -> list[int]:
    """Shrink the widest columns until the table fits the terminal (never below 8)."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
