"""`sitroom export`, `load` and `counts`: the store as datasets for other tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitroom.cli.common import db_option, fail_store, open_store
from sitroom.cli.main import main
from sitroom.formats import FORMATS, field, write
from sitroom.runners.progress import progress_bar
from sitroom.store import StoreError


@main.command(name="export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl", "plover"]),
    default="parquet",
    show_default=True,
    help="File format; plover writes events only, as PLOVER JSON.",
)
@db_option
def export_command(out_dir: Path, fmt: str, db: str) -> None:
    """Write every stored record to OUT_DIR as datasets partitioned by month.

    OUT_DIR gets documents/, events/, quotes/, actors/, comments/ (and happenings/ when
    stories were built), each in month=YYYY-MM/ or month=unknown/ folders.
    """
    from sitroom.formats.export import export

    with open_store(db) as store:
        total = store.count("documents")
        with progress_bar(description="export", total=total) as bar:
            try:
                written = export(store, out_dir, fmt, tick=bar.update)
            except StoreError as err:
                fail_store(err)
    summary = ", ".join(f"{n} {name}" for name, n in written.items()) or "nothing"
    click.echo(f"{summary} written to {out_dir}")


@main.command(name="load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
def load_command(directory: Path, db: str) -> None:
    """Read an export folder (any format but plover) into the database; re-loading adds nothing."""
    from sitroom.formats.export import load

    with open_store(db, create=True) as store:
        with progress_bar(description="load") as bar:
            try:
                summary = load(directory, store, tick=bar.update)
            except ValueError as err:
                raise click.UsageError(str(err)) from None
            except StoreError as err:
                fail_store(err)
        total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {store.path}")


@main.command(name="counts")
@click.option(
    "--by",
    default="month,type",
    show_default=True,
    help="Comma-separated keys: month, day, year, actor_code, recipient_code, type, mode.",
)
@click.option("--all", "all_events", is_flag=True, help="Every stored event, flags and all.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "parquet"]),
    default="table",
    show_default=True,
    help="Output format; parquet needs --output.",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@db_option
def counts_command(by: str, all_events: bool, fmt: str, output: Path | None, db: str) -> None:
    """Event counts (the default dataset, or --all) grouped by month, actors, type…

    Counts happenings rather than reports when stories were built.
    """
    from sitroom.formats.counts import counts

    keys = [k.strip() for k in by.split(",") if k.strip()]
    with open_store(db) as store:
        try:
            unit, rows = counts(store, keys, all_events)
        except ValueError as err:
            raise click.UsageError(str(err)) from None
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), output)
        click.echo(f"{len(rows)} rows of {unit} counts written to {output}")
        return
    columns = [(k, field(k)) for k in [*keys, "count"]]
    if output is None:
        write(rows, fmt, columns, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        write(rows, fmt, columns, handle)
    click.echo(f"{len(rows)} rows of {unit} counts written to {output}")
