"""One options object, built once and passed down: defaults < config file < environment < flags.

Every setting is one field of `Options`, declared once with its help text in the field's
metadata; the command line's options, the `sitroom config` listing and the option reference in
the README are all made from these declarations.

The config file is TOML: `sitroom.toml` in the working directory, or the file given with
`sitroom --config FILE`. It holds one table, `[sitroom]`, whose keys are the settings' names:

    [sitroom]
    db = "news.db"
    workers = 4
    actor_files = ["knowledge/my_actors.tsv"]

Relative paths in the file are relative to the file's folder. Environment variables are
`SITROOM_` and the setting's name in capitals (`SITROOM_WORKERS=4`); a list of files is
separated by the platform's path separator (":" on Linux). Unknown keys, values of the wrong
type and values out of range raise `OptionsError` with one line that names the culprit.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from sitroom.extensions import UserKnowledge
from sitroom.formats.writers import FORMATS

CONFIG_FILE = "sitroom.toml"
TABLE = "sitroom"
ENV_PREFIX = "SITROOM_"
# Where a setting's value came from when nothing set it.
DEFAULT = "default"
# Which commands take a setting as a flag (the `commands` of its declaration).
INPUT = ("extract", "ingest")
FETCH = (*INPUT, "watch")
CODE = ("extract", "ingest", "reanalyze", "watch")
ANALYSE = (*CODE, "bench")
QUERY = ("documents", "comments", "search", "actors", "quotes", "events", "timeline", "config")
STORE = ("ingest", "reanalyze", "watch", "show", *QUERY[:-1])


class OptionsError(ValueError):
    """A setting that cannot be used; the message is one line naming where it came from."""


def _setting(default: Any, help: str, **more: Any) -> Any:  # noqa: A002 - the help text
    """A field of `Options` with its help text and how it is read (see `Setting`)."""
    return field(default=default, metadata={"help": help, **more})


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10])
        if len(value) > 10:
            dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass
class Options:
    """Settings shared by every stage; build with `Options.load` (or `from_env`), pass down.

    Field metadata: `help` (one line), `commands` (the commands that take it as a flag),
    `path` (a file or folder, relative to the config file when set there), `min`, `choices`,
    `date`, and `file` (False: a flag only, never read from the config file or environment).
    """

    db: str = _setting(
        "sitroom.db",
        "SQLite database file, or postgresql://USER@HOST:PORT/DB",
        path=True,
        commands=STORE,
    )
    format: str = _setting(
        "table", "output format of the query commands", choices=FORMATS, commands=QUERY
    )
    published: str | None = _setting(
        None,
        "publication date for inputs that carry none (YYYY-MM-DD)",
        date=True,
        commands=INPUT,
    )
    url: str | None = _setting(
        None, "URL of the input, when it is a single file or stdin", file=False, commands=INPUT
    )
    source: str | None = _setting(
        None, "source (publisher) name for inputs without one", commands=INPUT
    )
    fetch: bool = _setting(False, "for feeds, fetch each entry's linked page", commands=INPUT)
    timeout: float = _setting(
        20.0, "seconds for a whole fetch: connect, headers and body", min=0.1, commands=FETCH
    )
    max_bytes: int = _setting(
        10_000_000,
        "largest document accepted, in bytes: a download (decoded), a file (after gunzip),"
        " a WARC record, standard input",
        min=1,
        commands=FETCH,
    )
    max_redirects: int = _setting(5, "redirects followed per URL", min=0, commands=FETCH)
    allow_private_urls: bool = _setting(
        False,
        "fetch from private, loopback and link-local addresses too",
        commands=(*FETCH, "serve"),
    )
    max_fetches: int = _setting(
        1000,
        "most URLs fetched in one run (by watch: in one round of polls)",
        min=0,
        commands=FETCH,
    )
    max_line_bytes: int = _setting(
        10_000_000,
        "longest JSON Lines line, in bytes (longer ones are skipped)",
        min=1,
        commands=INPUT,
    )
    max_unzipped_bytes: int = _setting(
        8_000_000_000,
        "most bytes a streamed .gz or .warc.gz file may expand to",
        min=1,
        commands=INPUT,
    )
    follow_symlinks: bool = _setting(
        False, "follow symbolic links that lead out of an input directory", commands=INPUT
    )
    max_chars: int = _setting(
        100_000,
        "longest text analysed at once, in characters; longer texts are split into parts at"
        " paragraph breaks",
        min=1,
        commands=CODE,
    )
    lock_timeout: float = _setting(
        600.0,
        "seconds to wait for another ingest writing to the same database",
        min=0.1,
        commands=("ingest", "reanalyze", "watch"),
    )
    workers: int = _setting(2, "processes running the NLP pipeline", min=1, commands=ANALYSE)
    batch_size: int = _setting(16, "documents per nlp.pipe batch", min=1, commands=ANALYSE)
    model: str | None = _setting(
        None,
        "name of the spaCy pipeline to load (default: the installed English one)",
        commands=CODE,
    )
    force: bool = _setting(
        False,
        "code events on every page, also those that are not news (recipes, manuals, products)",
        commands=CODE,
    )
    actor_files: tuple[str, ...] = _setting(
        (),
        "actor files of your own, added to the shipped actors; yours win",
        path=True,
        exists=True,
        commands=CODE,
    )
    agent_files: tuple[str, ...] = _setting(
        (),
        "agent-noun files of your own, added to the shipped agents; yours win",
        path=True,
        exists=True,
        commands=CODE,
    )
    place_files: tuple[str, ...] = _setting(
        (),
        "place files of your own (cities, regions), added to the shipped places",
        path=True,
        exists=True,
        commands=CODE,
    )
    trigger_files: tuple[str, ...] = _setting(
        (),
        "event trigger verb files of your own, added to the shipped triggers; yours win",
        path=True,
        exists=True,
        commands=CODE,
    )
    event_noun_files: tuple[str, ...] = _setting(
        (),
        "event noun files of your own, added to the shipped event nouns; yours win",
        path=True,
        exists=True,
        commands=CODE,
    )
    data: str = _setting(
        str(Path("..") / "shared" / "data"),
        "folder holding the development data sets (sitroom eval)",
        path=True,
        commands=("eval",),
    )
    # Where each setting's value came from: "default", a config file, SITROOM_X or --flag.
    origins: dict[str, str] = field(
        default_factory=dict, compare=False, repr=False, metadata={"internal": True}
    )

    # -- building -----------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        config: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        flags: Mapping[str, Any] | None = None,
        *,
        read_default_file: bool = True,
    ) -> Options:
        """Defaults, then the config file, then the environment, then flags.

        Args:
            config: the config file; None looks for `sitroom.toml` in the working directory
                (unless `read_default_file` is False).
            env: environment variables (default: `os.environ`).
            flags: values given on the command line (or by a caller); None and empty tuples
                count as not given. Relative paths are taken as they are.
            read_default_file: whether to read `./sitroom.toml` when `config` is None.

        Raises:
            OptionsError: a missing or unreadable config file, an unknown key, a value of the
                wrong type or out of range; the message is one line.
        """
        values: dict[str, Any] = {}
        origins = {s.name: DEFAULT for s in SETTINGS}
        path = Path(config) if config is not None else Path(CONFIG_FILE)
        if config is not None or (read_default_file and path.is_file()):
            for name, value in read_config(path).items():
                values[name], origins[name] = value, str(path)
        for setting in SETTINGS:
            raw = (os.environ if env is None else env).get(setting.env or "", "")
            if setting.env and raw.strip():
                values[setting.name] = setting.from_text(raw, setting.env)
                origins[setting.name] = setting.env
        for name, value in (flags or {}).items():
            if value is None or value == ():
                continue
            setting = SETTING.get(name)
            if setting is None:
                raise OptionsError(f"no setting {name!r}")
            values[name] = setting.check(value, setting.flag)
            origins[name] = setting.flag
        options = cls(**values)
        options.origins = origins
        return options

    @classmethod
    def from_env(cls, **overrides: Any) -> Options:
        """Defaults, then SITROOM_* environment variables, then non-None `overrides` (no file)."""
        return cls.load(flags=overrides, read_default_file=False)

    # -- reading ------------------------------------------------------------------------------

    def knowledge(self) -> UserKnowledge:
        """The user's own knowledge files these options name."""
        return UserKnowledge.from_options(self)

    def effective(self) -> list[dict[str, Any]]:
        """Every setting with its value and where the value came from (for `sitroom config`)."""
        return [
            {
                "setting": s.name,
                "value": getattr(self, s.name),
                "from": self.origins.get(s.name, DEFAULT),
            }
            for s in SETTINGS
        ]


@dataclass(frozen=True)
class Setting:
    """One declared setting: a field of `Options` seen as a user sees it."""

    name: str
    type: Any
    default: Any
    help: str
    file: bool = True
    path: bool = False
    exists: bool = False
    date: bool = False
    minimum: float | None = None
    choices: tuple[str, ...] | None = None
    commands: tuple[str, ...] = ()

    @property
    def env(self) -> str | None:
        """The environment variable that sets it (None for flag-only settings)."""
        return ENV_PREFIX + self.name.upper() if self.file else None

    @property
    def flag(self) -> str:
        """The command-line flag that sets it (a list of files: one flag per file)."""
        name = self.name.removesuffix("_files") + "_file" if self.type is tuple else self.name
        return "--" + name.replace("_", "-")

    @property
    def kind(self) -> str:
        """What the value is: text, date, integer, number, true/false or files."""
        if self.type is bool:
            return "true/false"
        if self.type is int:
            return "integer"
        if self.type is float:
            return "number"
        if self.type is tuple:
            return "list of files"
        if self.choices:
            return "/".join(self.choices)
        if self.date:
            return "date"
        return "path" if self.path else "text"

    def check(self, value: Any, where: str) -> Any:
        """`value` in the setting's type, or OptionsError naming `where` it came from."""
        value = self._typed(value, where)
        if self.minimum is not None and value < self.minimum:
            raise OptionsError(
                f"{where}: {self.name} must be at least {self.minimum:g}, not {value}"
            )
        if self.choices and value not in self.choices:
            allowed = ", ".join(self.choices)
            raise OptionsError(f"{where}: {self.name} must be one of {allowed}, not {value!r}")
        if self.date and value is not None and not _is_date(value):
            raise OptionsError(f"{where}: {self.name} {value!r} is not a date (use YYYY-MM-DD)")
        if self.exists:
            for item in value:
                if not Path(item).is_file():
                    raise OptionsError(f"{where}: no file {item} ({self.name})")
        return value

    def _typed(self, value: Any, where: str) -> Any:
        wrong = OptionsError(f"{where}: {self.name} must be {_article(self.kind)}, not {value!r}")
        if self.type is bool:
            if not isinstance(value, bool):
                raise wrong
        elif self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise wrong
        elif self.type is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            value = float(value)
        elif self.type is tuple:
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise wrong
            value = tuple(value)
        elif not isinstance(value, str):
            raise wrong
        return value

    def from_text(self, text: str, where: str) -> Any:
        """The value of an environment variable, read in the setting's type."""
        text = text.strip()
        value: Any = text
        try:
            if self.type is bool:
                value = {"1": True, "true": True, "yes": True, "on": True, "0": False,
                         "false": False, "no": False, "off": False}[text.lower()]  # fmt: skip
            elif self.type is int:
                value = int(text)
            elif self.type is float:
                value = float(text)
            elif self.type is tuple:
                value = tuple(p for p in text.split(os.pathsep) if p)
        except (KeyError, ValueError):
            raise OptionsError(
                f"{where}={text!r}: {self.name} must be {_article(self.kind)}"
            ) from None
        return self.check(value, where)


def _article(kind: str) -> str:
    if "/" in kind:
        return kind
    if kind.startswith("list"):
        return "a " + kind
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _settings() -> tuple[Setting, ...]:
    hints = typing.get_type_hints(Options)
    result = []
    for f in fields(Options):
        meta = f.metadata
        if meta.get("internal"):
            continue
        hint = hints[f.name]
        base = typing.get_origin(hint) or hint
        if base in (typing.Union, types.UnionType):
            base = next(a for a in typing.get_args(hint) if a is not type(None))
        result.append(
            Setting(
                name=f.name,
                type=base,
                default=f.default if f.default is not MISSING else None,
                help=meta["help"],
                file=meta.get("file", True),
                path=meta.get("path", False),
                exists=meta.get("exists", False),
                date=meta.get("date", False),
                minimum=meta.get("min"),
                choices=meta.get("choices"),
                commands=meta.get("commands", ()),
            )
        )
    return tuple(result)


SETTINGS: tuple[Setting, ...] = _settings()
SETTING: dict[str, Setting] = {s.name: s for s in SETTINGS}


def read_config(path: str | Path) -> dict[str, Any]:
    """The settings a config file sets, checked, with its relative paths made absolute.

    Raises:
        OptionsError: the file is missing, not TOML, has keys or tables sitroom does not know,
            or a value of the wrong type.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OptionsError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise OptionsError(f"{path}: cannot read the config file ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise OptionsError(f"{path}: not valid TOML ({err})") from None
    others = [key for key in data if key != TABLE]
    if others:
        raise OptionsError(
            f"{path}: unknown {'table' if isinstance(data[others[0]], dict) else 'key'} "
            f"{others[0]!r} (settings go in the [{TABLE}] table)"
        )
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise OptionsError(f"{path}: {TABLE} must be a table ([{TABLE}])")
    settings: dict[str, Any] = {}
    for key, value in table.items():
        setting = SETTING.get(key)
        if setting is None or not setting.file:
            hint = _closest(key)
            raise OptionsError(
                f"{path}: unknown setting {key!r} in [{TABLE}]"
                + (f" (did you mean {hint!r}?)" if hint else "")
            )
        if setting.path:
            value = _relative_to(path.parent, value)
        settings[key] = setting.check(value, str(path))
    return settings


def _relative_to(folder: Path, value: Any) -> Any:
    """Paths written in a config file, taken relative to the file's folder."""
    if isinstance(value, str):
        # A server URL (postgresql://…) is no path.
        return str(folder / value) if value and "://" not in value else value
    if isinstance(value, list):
        return [str(folder / v) if isinstance(v, str) else v for v in value]
    return value


def _closest(key: str) -> str | None:
    import difflib

    names = [s.name for s in SETTINGS if s.file]
    found = difflib.get_close_matches(key.replace("-", "_"), names, n=1)
    return found[0] if found else None


# -- documentation ----------------------------------------------------------------------------


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "none" if not value else ", ".join(value)
    return str(value)


def _commands(names: tuple[str, ...]) -> str:
    if set(QUERY[:-1]) <= set(names):
        names = (*[n for n in names if n not in QUERY], "the query commands")
    return ", ".join(names)


@cache
def reference() -> str:
    """The option reference as a Markdown table (the README carries it verbatim)."""
    lines = [
        "| setting | flag | environment | type | default | what it sets | commands |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        key = f"`{s.name}`" if s.file else "(flag only)"
        env = f"`{s.env}`" if s.env else "—"
        lines.append(
            f"| {key} | `{s.flag}` | {env} | {s.kind} | {_shown(s.default)} | {s.help} "
            f"| {_commands(s.commands)} |"
        )
    return "\n".join(lines)


def to_toml(options: Options) -> str:
    """The settings of `options` written as a `sitroom.toml` (unset ones commented out)."""
    import json

    lines = [f"[{TABLE}]"]
    for s in SETTINGS:
        if not s.file:
            continue
        value = getattr(options, s.name)
        lines.append(f"# {s.help}")
        if value is None:
            lines.append(f'# {s.name} = ""')
        elif isinstance(value, bool):
            lines.append(f"{s.name} = {'true' if value else 'false'}")
        elif isinstance(value, int | float):
            lines.append(f"{s.name} = {value!r}")
        else:
            # JSON strings and arrays of strings are valid TOML.
            shown = list(value) if isinstance(value, tuple) else value
            lines.append(f"{s.name} = {json.dumps(shown, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
