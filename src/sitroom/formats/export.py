"""`sitroom export` and `sitroom load`: a store to the partitioned layout and back.

The export reads each table of the store once, in portable SQL, so it works on every backend;
rows go through `tables` into a `parquet.LayoutWriter`. The load rebuilds each document's
analysis from the rows and saves it with the store's own `save` (new, updated or unchanged, as an
ingest would count it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sitroom.formats.parquet import LayoutWriter, read_dataset
from sitroom.formats.plover import to_plover
from sitroom.formats.tables import (
    DATASETS,
    actor_row,
    comment_row,
    document_row,
    event_row,
    month_of,
    quote_row,
)
from sitroom.records import (
    Actor,
    Analysis,
    Comment,
    Document,
    Mention,
    TimeExpr,
    event_from_dict,
    quote_from_dict,
)
from sitroom.store.base import Backend

BATCH = 500
_DOC_DATE = "COALESCE(d.published, d.reference_date)"


def has_table(store: Backend, name: str) -> bool:
    """Whether the store has a table of this name (tables of other layers may be absent)."""
    if store.dialect == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    else:
        sql = (
            "SELECT 1 FROM information_schema.tables WHERE table_name = ?"
            " AND table_schema = current_schema()"
        )
    return store.db.execute(sql, (name,)).fetchone() is not None


def export(
    store: Backend, out_dir: str | Path, fmt: str = "parquet",
    tick: Callable[[int], None] | None = None,
) -> dict[str, int]:  # fmt: skip
    """Write every stored record into the layout under `out_dir`; return rows per dataset.

    Args:
        store: the database to read.
        out_dir: folder of the layout (created; existing files of other runs are kept).
        fmt: parquet, csv, jsonl, or plover (events only, as PLOVER JSON).
        tick: called with the number of documents done, for a progress bar.
    """
    _clear(Path(out_dir))
    with LayoutWriter(out_dir, fmt) as writer:
        if fmt == "plover":
            writer.write_all(("events", row) for row in _plover_rows(store))
            return writer.counts()
        writer.write_all(("documents", row) for row in _document_rows(store, tick))
        writer.write_all(("comments", row) for row in _comment_rows(store))
        writer.write_all(("actors", row) for row in _actor_rows(store))
        writer.write_all(("events", row) for row in _event_rows(store))
        writer.write_all(("quotes", row) for row in _quote_rows(store))
        if has_table(store, "happenings"):
            for row in store.rows("SELECT * FROM happenings ORDER BY id"):
                writer.write("happenings", row | {"month": month_of(row.get("date"))})
        return writer.counts()


def _clear(root: Path) -> None:
    """Remove the part files of an earlier export here, so exporting again duplicates nothing."""
    for dataset in DATASETS:
        for part in root.glob(f"{dataset}/month=*/part-*"):
            part.unlink()


def _document_rows(store: Backend, tick: Callable[[int], None] | None) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT d.id, d.url, d.title, d.author, d.published, d.source, d.language, d.text,"
        " d.origin, d.content_hash, d.reference_date, d.notes,"
        " (SELECT COUNT(*) FROM comments c WHERE c.document_id = d.id) AS comment_count"
        " FROM documents d ORDER BY d.id"
    )
    batch: list[dict[str, Any]] = []
    for row in store.rows(sql):
        batch.append(row)
        if len(batch) >= BATCH:
            yield from _with_dates(store, batch)
            if tick:
                tick(len(batch))
            batch = []
    yield from _with_dates(store, batch)
    if tick and batch:
        tick(len(batch))


def _with_dates(store: Backend, batch: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    if not batch:
        return
    dates: dict[str, list[dict[str, Any]]] = defaultdict(list)
    marks = ", ".join("?" for _ in batch)
    sql = (
        'SELECT document_id, text, start, "end", value, type FROM dates'
        f" WHERE document_id IN ({marks}) ORDER BY document_id, start, rowid"
    )
    for row in store.rows(sql, [r["id"] for r in batch]):
        dates[row.pop("document_id")].append(row)
    for row in batch:
        count = row.pop("comment_count")
        record = row | {"notes": json.loads(row["notes"] or "[]"), "dates": dates[row["id"]]}
        yield document_row(record) | {"comments": count}


def _comment_rows(store: Backend) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT c.document_id, c.id, c.position, c.parent, c.depth, c.author, c.published,"
        f" c.text, {_DOC_DATE} AS doc_date FROM comments c"
        " JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.position"
    )
    for row in store.rows(sql):
        yield comment_row(row, row["document_id"], row["position"], row["doc_date"])


def _actor_rows(store: Backend) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT m.document_id, a.id, a.name, a.kind, a.code, a.sector, a.office, a.affiliation,"
        f' m.text, m.start, m."end", {_DOC_DATE} AS doc_date FROM mentions m'
        " JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.document_id"
        " ORDER BY m.document_id, a.id, m.start, m.rowid"
    )
    current: dict[str, Any] | None = None
    for row in store.rows(sql):
        key = (row["document_id"], row["id"])
        if current is None or current["key"] != key:
            if current is not None:
                yield actor_row(current, current["document_id"], current["doc_date"])
            current = row | {"key": key, "mentions": []}
        current["mentions"].append({"text": row["text"], "start": row["start"], "end": row["end"]})
    if current is not None:
        yield actor_row(current, current["document_id"], current["doc_date"])


def _event_rows(store: Backend) -> Iterator[dict[str, Any]]:
    sql = "SELECT e.document_id, e.record FROM events e ORDER BY e.document_id, e.start, e.rowid"
    for row in store.rows(sql):
        yield event_row(json.loads(row["record"]), row["document_id"])


def _quote_rows(store: Backend) -> Iterator[dict[str, Any]]:
    sql = (
        f"SELECT q.document_id, q.record, {_DOC_DATE} AS doc_date FROM quotes q"
        " JOIN documents d ON d.id = q.document_id ORDER BY q.document_id, q.start, q.rowid"
    )
    for row in store.rows(sql):
        yield quote_row(json.loads(row["record"]), row["document_id"], row["doc_date"])


def _plover_rows(store: Backend) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT e.record, d.id, d.url, d.title, d.source, d.language FROM events e"
        " JOIN documents d ON d.id = e.document_id ORDER BY d.id, e.start, e.rowid"
    )
    for row in store.rows(sql):
        event = event_from_dict(json.loads(row["record"]))
        source = Document(id=row["id"], text="", url=row["url"], title=row["title"],
                          source=row["source"], language=row["language"])  # fmt: skip
        yield to_plover(event, source) | {"month": month_of(event.date)}


# -- load ---------------------------------------------------------------------------------------


@dataclass
class LoadSummary:
    """What a load did, counted as an ingest counts."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"


def analyses(root: str | Path) -> Iterator[Analysis]:
    """Every document of an export folder rebuilt as the Analysis it was stored from.

    Events, quotes, actors and comments are grouped by document in memory first (they are
    partitioned by their own dates, not their document's).
    """
    parts: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for dataset in ("comments", "actors", "events", "quotes"):
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in read_dataset(root, dataset):
            grouped[row["document_id"]].append(row)
        parts[dataset] = grouped
    for row in read_dataset(root, "documents"):
        yield _analysis(row, {name: rows.get(row["id"], []) for name, rows in parts.items()})


def _analysis(row: dict[str, Any], parts: dict[str, list[dict[str, Any]]]) -> Analysis:
    comments = [
        Comment(c["id"], c["parent"], c["depth"], c["author"], c["published"], c["text"])
        for c in sorted(parts["comments"], key=lambda c: c["position"])
    ]
    document = Document(
        **{f.name: row.get(f.name) for f in fields(Document) if f.name != "comments"},
        comments=comments,
    )
    actors = [
        Actor(
            **{k: a[k] for k in ("id", "name", "kind", "code", "sector", "office", "affiliation")},
            mentions=[Mention(**m) for m in json.loads(a["mentions"])],
        )
        for a in parts["actors"]
    ]
    return Analysis(
        document=document,
        actors=actors,
        events=[event_from_dict(json.loads(e["record"])) for e in parts["events"]],
        quotes=[quote_from_dict(json.loads(q["record"])) for q in parts["quotes"]],
        dates=[TimeExpr(**d) for d in json.loads(row.get("dates") or "[]")],
        notes=json.loads(row.get("notes") or "[]"),
        reference_date=row.get("reference_date"),
    )


def load(root: str | Path, store: Backend, tick: Callable[[], None] | None = None) -> LoadSummary:
    """Save every document of an export folder into a store; return what it did."""
    if not (Path(root) / "documents").is_dir():
        raise ValueError(f"{root}: no documents/ folder (not a sitroom export)")
    summary = LoadSummary()
    for analysis in analyses(root):
        status = store.save(analysis)
        setattr(summary, status, getattr(summary, status) + 1)
        if tick:
            tick()
    return summary
