"""Commands that measure sitroom: `eval` (scores and the gate) and `bench` (speed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sitroom.cli.common import EXIT_PARTIAL, make_options, setting_option, setting_options
from sitroom.cli.main import main


@main.command(name="eval")
@click.argument("suites", nargs=-1)
@setting_option("data", "data_dir")
@click.option("--limit", type=int, default=None, help="Use at most N items per data set.")
@click.option(
    "--check",
    "floors",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Fail (exit 1) when a score is below the floor pinned in this JSON file.",
)
@click.option(
    "--raise-floors",
    is_flag=True,
    help="With --check: raise floors to today's scores (never lowers them).",
)
@click.option("--json", "as_json", is_flag=True, help="Print scores as JSON.")
def evaluate(
    suites: tuple[str, ...],
    data_dir: str,
    limit: int | None,
    floors: Path | None,
    raise_floors: bool,
    as_json: bool,
) -> None:
    """Score sitroom on the development data (suites: extraction quotes time events actors
    stories judged)."""
    from sitroom import evaluation
    from sitroom.evaluation import gate

    names = suites or tuple(evaluation.SUITES)
    unknown = [n for n in names if n not in evaluation.SUITES]
    if unknown:
        raise click.UsageError(
            f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(evaluation.SUITES)}"
        )
    results = evaluation.run(names, Path(data_dir), limit)
    click.echo(json.dumps(results, indent=2) if as_json else gate.format_results(results))
    if floors is None:
        return
    try:
        pinned = gate.load_floors(floors)
    except ValueError as err:
        raise click.UsageError(f"{floors}: not a JSON file of floors ({err})") from None
    shortfalls = gate.check(results, pinned)
    for line in shortfalls:
        click.echo(f"below floor: {line}", err=True)
    if raise_floors and not shortfalls:
        gate.raise_floors(floors, results)
        click.echo(f"floors in {floors} raised to today's scores")
    sys.exit(EXIT_PARTIAL if shortfalls else 0)


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--docs",
    "count",
    type=int,
    default=200,
    show_default=True,
    help="Number of documents to process (the inputs are cycled).",
)
@setting_options("workers", "batch_size")
def bench(inputs: tuple[str, ...], count: int, workers: int, batch_size: int) -> None:
    """Throughput of the whole pipeline against the bare spaCy pipeline on the same texts."""
    from sitroom.evaluation.bench import run_bench

    options = make_options(workers=workers, batch_size=batch_size)
    try:
        report = run_bench(inputs, count, options)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    click.echo(report.render())
