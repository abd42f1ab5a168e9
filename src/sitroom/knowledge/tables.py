"""Reading the knowledge files: gzip'd, tab-separated, one header line (see `LICENSES.md`).

Formats (columns in order; several values in one cell are separated by "|", roles by ";"):

    actors.tsv.gz     kind (person|country|organization|group), name, aliases, roles, source
                      a role is a CAMEO code ("USAGOV"), optionally dated as CODE:FIRST:LAST
                      with ISO dates, either left empty when open ("USAGOV:2009-01-20:")
    agents.tsv.gz     form, lemma, code, source; the code is petrarch2-style ("~COP" adds a
                      sector, "NGO~" sets the kind) with PLOVER's sector codes (MED health,
                      JRN media)
    places.tsv.gz     name, country (ISO3), population, admin1, kind (city|region),
                      geonameid, alternates
    countries.tsv.gz  iso2, iso3, name, demonyms

A user's own file in the same format is read by the same functions.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HYPHEN = re.compile(r"\s*-\s*")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")  # full stops, not decimal points


def open_table(name: str, path: Path | None = None) -> Iterator[dict[str, str]]:
    """Rows of a knowledge table as dicts: the shipped one called `name`, or the file `path`.

    Plain (not gzip'd) TSV files are read too, so users can keep their own files editable.
    """
    if path is None:
        raw = resources.files("sitroom.knowledge").joinpath("data", name).read_bytes()
    else:
        raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = io.StringIO(raw.decode("utf-8"))
    yield from csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE)


def split(cell: str | None, sep: str = "|") -> list[str]:
    """The non-empty values of a multi-valued cell."""
    return [v for v in (cell or "").split(sep) if v]


@lru_cache(maxsize=131072)  # names repeat across documents; the table is small per name
def key(name: str) -> str:
    """The lookup key of a name: case-folded, accents and full stops off, no "the" or "'s".

    "The U.S.'s" -> "us", "São Paulo" -> "sao paulo", "Boutros-Ghali" -> "boutros-ghali".
    """
    text = _SPACE.sub(" ", name.replace("’", "'").strip())
    text = _POSSESSIVE.sub("", text).strip()
    folded = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in folded if not unicodedata.combining(c))
    if text.startswith("the "):
        text = text[4:]
    text = _DOTS.sub("", text.replace(". ", " "))
    text = _HYPHEN.sub("-", text)  # "al - Assad" as a tokenizer spaces it is "al-Assad"
    return _SPACE.sub(" ", text).strip(" ,")
