"""Columnar exports: the store as partitioned datasets that pandas, DuckDB and Spark read.

Layout (the same for `sitroom export` and for Dask workers writing with ``--parquet``)::

    OUT/documents/month=2024-06/part-<tag>.parquet
    OUT/events/month=unknown/part-<tag>.parquet
    OUT/{documents,events,happenings,quotes,actors,comments}/month=YYYY-MM|unknown/…

Each dataset is Hive-partitioned by the year-month of its record's date (`tables.month_of`);
the columns are `tables.SCHEMAS`. ``--format csv`` and ``jsonl`` write the same layout in those
formats; ``plover`` writes events only, as PLOVER JSON. `load` reads any of them back into a
store, through the store's own `save`, so loading twice adds nothing.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from sitroom.formats.tables import SCHEMAS

EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover")
_SUFFIX = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl", "plover": ".jsonl"}
_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
FLUSH_ROWS = 2000  # rows buffered per partition before they are written


def arrow_schema(dataset: str, sample: list[dict[str, Any]] | None = None) -> pa.Schema:
    """The Arrow schema of a dataset's files (without `month`, which is the folder)."""
    if dataset in SCHEMAS:
        columns = [(n, t) for n, t in SCHEMAS[dataset] if n != "month"]
        return pa.schema([(name, _ARROW[kind]) for name, kind in columns])
    # A dataset of another layer (happenings): its columns as the first rows show them.
    names = [k for k in (sample or [{}])[0] if k != "month"]
    inferred = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in sample or []]).schema
    return pa.schema(
        [(f.name, pa.string() if pa.types.is_null(f.type) else f.type) for f in inferred]
    )


class DatasetWriter:
    """Writes the rows of one dataset into month partitions, a bounded buffer per partition."""

    def __init__(self, root: Path, dataset: str, fmt: str, tag: str | None = None) -> None:
        self.folder = Path(root) / dataset
        self.dataset = dataset
        self.fmt = fmt
        self.tag = tag or uuid.uuid4().hex[:12]
        self.rows = 0
        self._buffers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._files: dict[str, Any] = {}
        self._schema: pa.Schema | None = None
        self._final: dict[str, Path] = {}

    def write(self, row: dict[str, Any]) -> None:
        """Add one row (its `month` key names the partition)."""
        buffer = self._buffers[row.get("month") or "unknown"]
        buffer.append(row)
        self.rows += 1
        if len(buffer) >= FLUSH_ROWS:
            self._flush(row.get("month") or "unknown")

    def close(self) -> None:
        """Write what is buffered and close every file."""
        for month in list(self._buffers):
            self._flush(month)
        for month, handle in self._files.items():
            handle.close()
            hidden = self._final[month].with_name(f".{self._final[month].name}.tmp")
            hidden.replace(self._final[month])
        self._files.clear()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _path(self, month: str) -> Path:
        """Where a partition is written until `close` renames it to its part name.

        The dot keeps a half-written file out of readers' sight (pyarrow, DuckDB and Spark
        skip hidden files), so a killed writer never leaves a truncated part behind.
        """
        folder = self.folder / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{self.tag}{_SUFFIX[self.fmt]}"
        self._final[month] = final
        return folder / f".{final.name}.tmp"

    def _flush(self, month: str) -> None:
        rows = self._buffers.pop(month, [])
        if not rows:
            return
        if self.fmt == "parquet":
            self._flush_parquet(month, rows)
            return
        handle = self._files.get(month)
        if handle is None:
            handle = self._files[month] = self._path(month).open("w", encoding="utf-8", newline="")
            if self.fmt == "csv":
                columns = [k for k in rows[0] if k != "month"]
                handle.csv = csv.DictWriter(handle, columns, extrasaction="ignore")  # type: ignore[attr-defined]
                handle.csv.writeheader()  # type: ignore[attr-defined]
        for row in rows:
            self._write_text(handle, row)

    def _write_text(self, handle: TextIO, row: dict[str, Any]) -> None:
        values = {k: v for k, v in row.items() if k != "month"}
        if self.fmt == "csv":
            handle.csv.writerow(  # type: ignore[attr-defined]
                {
                    k: ("true" if v else "false") if isinstance(v, bool) else v
                    for k, v in values.items()
                }  # fmt: skip
            )
        else:
            handle.write(json.dumps(values, ensure_ascii=False) + "\n")

    def _flush_parquet(self, month: str, rows: list[dict[str, Any]]) -> None:
        if self._schema is None:
            self._schema = arrow_schema(self.dataset, rows)
        names = self._schema.names
        table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in rows], self._schema)
        writer = self._files.get(month)
        if writer is None:
            writer = self._files[month] = pq.ParquetWriter(self._path(month), self._schema)
        writer.write_table(table)


class LayoutWriter:
    """Writers for every dataset of one export (or of one worker's partition)."""

    def __init__(self, root: str | Path, fmt: str = "parquet", tag: str | None = None) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        self.root = Path(root)
        self.fmt = fmt
        self.tag = tag or uuid.uuid4().hex[:12]
        self._writers: dict[str, DatasetWriter] = {}

    def write(self, dataset: str, row: dict[str, Any]) -> None:
        """Add a row to a dataset."""
        writer = self._writers.get(dataset)
        if writer is None:
            writer = self._writers[dataset] = DatasetWriter(self.root, dataset, self.fmt, self.tag)
        writer.write(row)

    def write_all(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Add (dataset, row) pairs."""
        for dataset, row in rows:
            self.write(dataset, row)

    def counts(self) -> dict[str, int]:
        """Rows written per dataset."""
        return {name: writer.rows for name, writer in self._writers.items()}

    def close(self) -> None:
        """Finish every file."""
        for writer in self._writers.values():
            writer.close()

    def __enter__(self) -> LayoutWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_dataset(root: str | Path, dataset: str) -> Iterator[dict[str, Any]]:
    """The rows of one dataset of an export folder, in any of the formats (none if absent)."""
    folder = Path(root) / dataset
    if not folder.is_dir():
        return
    types = dict(SCHEMAS.get(dataset, []))
    for path in sorted(folder.glob("month=*/part-*")):
        month = path.parent.name.split("=", 1)[1]
        if path.suffix == ".parquet":
            for batch in pq.ParquetFile(path).iter_batches(batch_size=FLUSH_ROWS):
                for row in batch.to_pylist():
                    yield row | {"month": month}
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    yield _typed(row, types) | {"month": month}
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        yield json.loads(line) | {"month": month}


def _typed(row: dict[str, str], types: dict[str, str]) -> dict[str, Any]:
    """CSV cells back to the schema's types ("" is null)."""
    out: dict[str, Any] = {}
    for key, text in row.items():
        kind = types.get(key, "str")
        if text == "" and kind != "str":
            out[key] = None
        elif kind == "int":
            out[key] = int(text)
        elif kind == "float":
            out[key] = float(text)
        elif kind == "bool":
            out[key] = text == "true"
        else:
            out[key] = text if text != "" else None
    return out
