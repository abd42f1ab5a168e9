"""Command-line options made from the declared settings (`sitroom.options.SETTINGS`).

A flag left out takes its value from the environment, then the config file (`--config FILE`
on the `sitroom` group, or `./sitroom.toml`), then the declared default; the click option's
callback fills it in, so a command receives the effective value of every setting it declares.
A bad config file or environment variable ends the command with one line and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from sitroom.options import SETTING, SETTINGS, Options, OptionsError, Setting

EXIT_USAGE = 2

Callback = Callable[[click.Context, click.Parameter, Any], Any]


def fail_usage(message: object) -> NoReturn:
    """One line on stderr, exit code 2: a setting or argument that cannot be used."""
    click.echo(f"sitroom: {message}", err=True)
    sys.exit(EXIT_USAGE)


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


def command_options(**flags: Any) -> Options:
    """The options of the running command: `base_options` with the command's flags on top."""
    try:
        return Options.load(config_path(), flags=flags)
    except OptionsError as err:
        fail_usage(err)


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


def _help(setting: Setting) -> str:
    text = setting.help[0].upper() + setting.help[1:]
    if setting.type is tuple:
        text += " (repeat for several)"
    where = f"config `{setting.name}`, env {setting.env}" if setting.file else "flag only"
    default = setting.default
    shown = "" if default in (None, (), False) else f"default: {default}; "
    return f"{text}. [{shown}{where}]"


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
    args: dict[str, Any] = {"default": None, "help": _help(setting)}
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
