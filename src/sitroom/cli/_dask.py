"""`sitroom ingest --dask …`: the ingest command on a Dask cluster (a helper of `inputs`)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from sitroom.cli.common import (
    EXIT_PARTIAL,
    fail_store,
    input_settings,
    open_store,
    report_failure,
)
from sitroom.store import StoreError


def ingest_on_cluster(
    inputs: tuple[str, ...], db: str, address: str, parquet: Path | None, settings: dict[str, Any]
) -> None:
    """Run the ingest on a cluster, print its summary line and exit with ingest's codes."""
    from sitroom.extract import documents
    from sitroom.runners.dask import LOCAL, ClusterError, connect
    from sitroom.runners.dask import ingest as run_ingest

    workers = settings.pop("workers", None)
    if address != LOCAL and workers:
        click.echo(f"sitroom: --workers ignored: the scheduler at {address} has its own", err=True)
    options = input_settings(inputs, settings, db=db)
    try:
        cluster = connect(address, workers if address == LOCAL else None, options.model)
    except ClusterError as err:
        fail_store(err)
    with cluster:
        where = f"{cluster.workers} Dask workers"
        if cluster.dashboard:
            where += f", dashboard {cluster.dashboard}"
        click.echo(f"sitroom: analysing on {where}", err=True)
        read = documents(inputs, options)
        if parquet is not None:
            summary = run_ingest(read, None, options, cluster, parquet, report_failure)
            click.echo(f"{summary} — Parquet in {parquet}")
            sys.exit(EXIT_PARTIAL if summary.failed else 0)
        with open_store(db, create=True) as store:
            try:
                summary = run_ingest(read, store, options, cluster, on_failure=report_failure)
            except (sqlite3.Error, StoreError) as err:
                fail_store(f"ingest stopped: {err}; documents stored before it are kept")
            total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {store.path}")
    sys.exit(EXIT_PARTIAL if summary.failed else 0)
