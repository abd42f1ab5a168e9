"""Reading the word lists of `sitroom.lang.en`: tab-separated files with a header line.

The syntax (documented for editors in this folder's README.md):

- UTF-8 text, one row per line, fields separated by a single tab;
- lines starting with ``#`` and blank lines are comments;
- the first other line is the header: the names of the columns;
- every row has exactly as many fields as the header, the first field is the row's key
  (lower case, unique in the file), and a field listing several values separates them with
  commas.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

PACKAGE = "sitroom.lang.en"


class TableError(ValueError):
    """A word list file that breaks the syntax above (named with its line number)."""


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the word list `name` (file `name.tsv`), each a dict from column to field.

    Raises:
        TableError: when a row has the wrong number of fields, a key is repeated or not in
            lower case, or the file has no header.
    """
    text = resources.files(PACKAGE).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        where = f"{name}.tsv line {number}"
        if len(fields) != len(header):
            raise TableError(f"{where}: {len(fields)} fields, the header has {len(header)}")
        key = fields[0]
        if not key or key != key.strip() or key != key.lower():
            raise TableError(f"{where}: key {key!r} must be lower case without spaces around")
        if key in seen:
            raise TableError(f"{where}: {key!r} is listed twice")
        seen.add(key)
        rows.append(dict(zip(header, fields, strict=True)))
    if header is None:
        raise TableError(f"{name}.tsv: no header line")
    return tuple(rows)


def values(field: str) -> frozenset[str]:
    """The comma-separated values of one field ("speech,reporting" -> both)."""
    return frozenset(v.strip() for v in field.split(",") if v.strip())


def keys_where(name: str, column: str, wanted: str) -> frozenset[str]:
    """Keys of the rows of `name` whose `column` lists the value `wanted`."""
    return frozenset(row[_key(name)] for row in read_table(name) if wanted in values(row[column]))


def _key(name: str) -> str:
    return next(iter(read_table(name)[0]))
