"""Commands that read news inputs: `extract` prints records, `ingest` stores them."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from sitroom.cli.common import (
    EXIT_PARTIAL,
    db_option,
    exit_code,
    fail_store,
    input_options,
    input_settings,
    open_store,
    report_failure,
    setting_option,
)
from sitroom.cli.main import main
from sitroom.formats.writers import json_line
from sitroom.records import Failure
from sitroom.store import ANALYSIS_VERSION, StoreError


@main.command()
@input_options
def extract(inputs: tuple[str, ...], **settings: Any) -> None:
    """Print one JSON record per document read from INPUTS (files, directories, URLs, -)."""
    from sitroom.extract import documents
    from sitroom.runners import analyze_stream

    options = input_settings(inputs, settings)
    failures: list[Failure] = []

    def readable() -> Iterable[Any]:
        for item in documents(inputs, options):
            if isinstance(item, Failure):
                failures.append(item)
                report_failure(item)
            else:
                yield item

    for result in analyze_stream(readable(), options):
        if isinstance(result, Failure):
            failures.append(result)
            report_failure(result)
        else:
            click.echo(json_line(result.to_dict()))
    sys.exit(EXIT_PARTIAL if failures else 0)


@main.command()
@input_options
@db_option
@click.option(
    "--dask",
    "dask_address",
    metavar="local|tcp://HOST:8786",
    help="Analyse on a Dask cluster: a local one (--workers processes) or a scheduler's.",
)
@click.option(
    "--parquet",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --dask: the workers write the analyses to this folder as Parquet instead.",
)
@setting_option("lock_timeout")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    dask_address: str | None,
    parquet: Path | None,
    **settings: Any,
) -> None:
    """Read, analyse and store INPUTS; re-running adds nothing, changed pages are updated."""
    if dask_address:
        _ingest_on_cluster(inputs, db, dask_address, parquet, settings)
    if parquet is not None:
        raise click.UsageError("--parquet needs --dask (local or a scheduler address)")
    from sitroom.extract import documents
    from sitroom.runners import ingest as run_ingest

    options = input_settings(inputs, settings, db=db)
    # Documents coded with other knowledge files count as coded by another analysis version.
    version = options.knowledge().analysis_version(ANALYSIS_VERSION)
    with open_store(db, create=True, version=version) as store:
        try:
            summary = run_ingest(
                documents(inputs, options), store, options, on_failure=report_failure
            )
        except (sqlite3.Error, BrokenProcessPool, StoreError) as err:
            fail_store(f"ingest stopped: {err}; documents stored before it are kept")
        total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {db}")
    sys.exit(exit_code(summary))


def _ingest_on_cluster(
    inputs: tuple[str, ...], db: str, address: str, parquet: Path | None, settings: dict[str, Any]
) -> None:
    """Run the ingest on a cluster, print its summary line and exit with ingest's codes."""
    from sitroom.extract import documents
    from sitroom.runners.dask import LOCAL, ClusterError, connect
    from sitroom.runners.dask import ingest as run_ingest

    workers = settings.pop("workers", None)
    given = click.get_current_context().get_parameter_source("workers")
    if address != LOCAL and given is ParameterSource.COMMANDLINE:
        click.echo(f"sitroom: --workers ignored: the scheduler at {address} has its own", err=True)
    options = input_settings(inputs, settings, db=db)
    try:
        cluster = connect(address, workers if address == LOCAL else None, options.model, options)
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
            sys.exit(exit_code(summary))
        version = options.knowledge().analysis_version(ANALYSIS_VERSION)
        with open_store(db, create=True, version=version) as store:
            try:
                summary = run_ingest(read, store, options, cluster, on_failure=report_failure)
            except (sqlite3.Error, StoreError) as err:
                fail_store(f"ingest stopped: {err}; documents stored before it are kept")
            total = store.count("documents")
    click.echo(f"{summary} — {total} documents in {store.path}")
    sys.exit(exit_code(summary))
