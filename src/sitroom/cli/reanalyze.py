"""`sitroom reanalyze`: re-code stored documents from their stored text."""

from __future__ import annotations

import sqlite3
import sys
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import click

from sitroom.cli.common import (
    EXIT_PARTIAL,
    EXIT_STOPPED,
    fail_store,
    make_options,
    open_store,
    report_failure,
    setting_options,
    settings_of,
)
from sitroom.cli.main import main
from sitroom.store import ANALYSIS_VERSION, StoreError
from sitroom.store.stored import stale_ids


@main.command(name="reanalyze")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-code every stored document, not only those made by another analysis version.",
)
@setting_options(*settings_of("reanalyze"))
def reanalyze_command(everything: bool, **settings: Any) -> None:
    """Re-code stored documents whose analysis version differs from this sitroom's (an older
    sitroom, or other knowledge files), from their stored text; ids stay, nothing is added."""
    from sitroom.runners import reanalyze

    options = make_options(**settings)
    version = options.knowledge().analysis_version(ANALYSIS_VERSION)
    with open_store(options.db, version=version) as store:
        try:
            summary = reanalyze(store, options, everything, on_failure=report_failure)
        except KeyboardInterrupt:
            left = "" if everything else f"{len(stale_ids(store))} documents left to re-code; "
            click.echo(f"sitroom: interrupted; {left}run it again to finish", err=True)
            sys.exit(EXIT_STOPPED)
        except (sqlite3.Error, BrokenProcessPool, StoreError) as err:
            fail_store(f"reanalyze stopped: {err}; documents re-coded before it are kept")
        total = store.count("documents")
    click.echo(
        f"{summary.updated} re-coded, {summary.failed} failed — {total} documents in "
        f"{options.db} (analysis version {version})"
    )
    sys.exit(EXIT_PARTIAL if summary.failed else 0)
