"""What the command modules share: exit codes, options, opening the store, writing rows.

Options are made from the declared settings (`sitroom.options.SETTINGS`). A flag left out
takes its value from the environment, then the config file (`--config FILE` on the `sitroom`
group, or `./sitroom.toml`), then the declared default; the click option's callback fills it
in, so a command receives the effective value of every setting it declares. A bad config file
or environment variable ends the command with one line and exit code 2.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from sitroom.formats import Column, write
from sitroom.options import SETTING, SETTINGS, Options, OptionsError, Setting
from sitroom.records import Failure, InputError
from sitroom.store import ANALYSIS_VERSION, Store, StoreError, is_server_url
from sitroom.store import open_store as open_backend

if TYPE_CHECKING:
    from sitroom.runners.local import Summary

EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_STOPPED = 130  # stopped by a signal, as shells report an interrupted command


def exit_code(summary: Summary) -> int:
    """An ingest-like run's exit code: stopped by a signal, a document failed, or all well."""
    return EXIT_STOPPED if summary.interrupted else EXIT_PARTIAL if summary.failed else 0


Callback = Callable[[click.Context, click.Parameter, Any], Any]


def option_help(name: str, show_default: bool = False) -> str:
    """The help text of the setting `name`, as a sentence, with where else it can be set.

    The CLI takes its option help from here so that the library's one description of a
    setting is what `--help` shows.
    """
    setting = SETTING[name]
    text = setting.help[0].upper() + setting.help[1:]
    if setting.type is tuple:
        text += " (repeat for several)"
    where = f"config `{setting.name}`, env {setting.env}" if setting.file else "flag only"
    default = setting.default
    shown = "" if default in (None, (), False) else f"default: {default}; "
    return f"{text}. [{shown}{where}]"


def option_default(name: str) -> Any:
    """The declared default of the setting `name`."""
    return SETTING[name].default


def report_failure(failure: Failure) -> None:
    """Name a failed input on stderr (the run goes on)."""
    click.echo(f"sitroom: skipped {failure}", err=True)


def fail_store(message: object) -> NoReturn:
    """Stop with exit code 3: the database cannot be used."""
    click.echo(f"sitroom: {message}", err=True)
    sys.exit(EXIT_STORE)


def fail_usage(message: object) -> NoReturn:
    """One line on stderr, exit code 2: a setting or argument that cannot be used."""
    click.echo(f"sitroom: {message}", err=True)
    sys.exit(EXIT_USAGE)


def open_store(db: str, create: bool = False, version: str = ANALYSIS_VERSION) -> Store:
    """Open the database; queries (create=False) refuse to make a new, empty one.

    `version` is the analysis version new analyses are stamped with (see `Store`).
    """
    if not create and not is_server_url(db) and not Path(db).exists():
        fail_store(f"no database at {db} (run `sitroom ingest` first, or pass --db)")
    try:
        return open_backend(db, analysis_version=version)
    except StoreError as err:
        fail_store(err)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Accept YYYY-MM-DD (or a full ISO datetime) and nothing else."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value[:10])
        if len(value) > 10:
            dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None
    return value


def check_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The library's own check of a default publication date, as a usage error."""
    from sitroom.extract import check_published as check

    try:
        return check(value)
    except InputError as err:
        raise click.BadParameter(str(err)) from None


def config_path(ctx: click.Context | None = None) -> str | None:
    """The `--config` file given to the `sitroom` group (None: `./sitroom.toml` if present)."""
    ctx = ctx or click.get_current_context()
    obj = ctx.find_root().obj
    return obj.get("config") if isinstance(obj, dict) else None


def base_options(ctx: click.Context | None = None) -> Options:
    """Defaults < config file < environment, read once per command line."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    if "sitroom.options" not in root.meta:
        try:
            root.meta["sitroom.options"] = Options.load(config_path(ctx))
        except OptionsError as err:
            fail_usage(err)
    return root.meta["sitroom.options"]


def make_options(**settings: Any) -> Options:
    """The options object of the running command: defaults < config file < environment <
    the command's flags. The user's knowledge files it names are checked here, so a bad one
    stops the command with one line before any work starts."""
    try:
        options = Options.load(config_path(), flags=settings)
    except OptionsError as err:
        fail_usage(err)
    if options.knowledge():
        from sitroom.pipeline.userfiles import UserFileError, check

        try:
            check(options.knowledge())
        except UserFileError as err:
            fail_usage(err)
    return options


def input_settings(inputs: tuple[str, ...], settings: dict[str, Any], **more: Any) -> Options:
    """Options for reading inputs; --url names one document, so it takes one input."""
    if settings.get("url") and len(inputs) != 1:
        raise click.UsageError("--url applies to a single input")
    return make_options(**settings, **more)


def emit(
    records: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[Column],
    csv_columns: Callable[[list[dict[str, Any]]], Sequence[Column]] | None = None,
) -> None:
    """Write query rows to standard output in the chosen format (CSV: one column per field
    when `csv_columns` says which)."""
    write(records, fmt, columns, sys.stdout, csv_columns=csv_columns)


def _fill(setting: Setting, then: Callback | None, validate: bool) -> Callback:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or value == ():
            return getattr(base_options(ctx), setting.name)
        if then is not None:
            value = then(ctx, param, value)
        if not validate:
            return value
        try:
            return setting.check(value, setting.flag)
        except OptionsError as err:
            raise click.BadParameter(str(err).split(": ", 1)[-1]) from None

    return callback


def setting_option(
    name: str,
    parameter: str | None = None,
    then: Callback | None = None,
    validate: bool = True,
    **click_args: Any,
) -> Any:
    """A click option for the declared setting `name` (flag, type and help from its field).

    Args:
        name: the setting (a field of `Options`).
        parameter: the command function's parameter (default: the setting's name).
        then: a further callback for a value given on the command line.
        validate: check a given value against the declaration (off when `click_args` widens
            the choices, as `events --format plover` does).
        click_args: overrides of the click option's arguments.
    """
    setting = SETTING[name]
    args: dict[str, Any] = {"default": None, "help": option_help(name)}
    if setting.type is bool:
        flag = f"{setting.flag}/--no-{setting.flag[2:]}"
        args["is_flag"] = True
    else:
        flag = setting.flag
        if setting.type is tuple:
            args.update(multiple=True, type=click.Path(dir_okay=False), metavar="FILE")
        elif setting.choices:
            args["type"] = click.Choice(setting.choices)
        elif setting.type is int:
            args["type"] = int
        elif setting.type is float:
            args["type"] = float
    args.update(click_args)
    args["callback"] = _fill(setting, then, validate)
    return click.option(flag, parameter or setting.name, **args)


def setting_options(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Click options for several declared settings, in the order given."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for name in reversed(names):
            command = setting_option(name)(command)
        return command

    return decorate


def settings_of(command: str, leave_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The settings declared as flags of `command`, in declaration order."""
    return tuple(s.name for s in SETTINGS if command in s.commands and s.name not in leave_out)


db_option = setting_option("db")
format_option = setting_option("format", "fmt")
limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Show at most N rows."
)
since_option = click.option(
    "--since", callback=check_date, help="On or after this date (YYYY-MM-DD)."
)
until_option = click.option(
    "--until", callback=check_date, help="On or before this date (YYYY-MM-DD)."
)


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read news inputs (declared in `Options`)."""
    command = setting_options(*INPUT_SETTINGS)(command)
    command = setting_option("published", then=check_published)(command)
    return click.argument("inputs", nargs=-1, required=True)(command)


# The settings every command that reads inputs takes as flags (--published has a check of its
# own and --db is where the analyses go, so they are added one by one).
INPUT_SETTINGS = settings_of("ingest", leave_out=("db", "published", "lock_timeout"))
