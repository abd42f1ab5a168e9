"""One options object, built once (defaults < environment < command line) and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


@dataclass
class Options:
    """Settings shared by every stage. Each field's metadata holds its help text."""

    db: str = field(
        default="sitroom.db",
        metadata={
            "help": "SQLite database file or postgresql://USER@HOST:PORT/DB",
            "env": "SITROOM_DB",
        },
    )
    published: str | None = field(
        default=None, metadata={"help": "publication date for inputs that carry none (YYYY-MM-DD)"}
    )
    url: str | None = field(default=None, metadata={"help": "URL of the input (single input)"})
    source: str | None = field(default=None, metadata={"help": "source name, e.g. a publisher"})
    fetch: bool = field(
        default=False, metadata={"help": "for feeds, fetch each entry's linked page"}
    )
    timeout: float = field(default=20.0, metadata={"help": "seconds to wait for a URL"})
    max_bytes: int = field(
        default=10_000_000,
        metadata={"help": "largest input accepted, in bytes (downloads and files)"},
    )
    max_redirects: int = field(default=5, metadata={"help": "redirects followed per URL"})
    workers: int = field(
        default=2, metadata={"help": "processes running the NLP pipeline", "env": "SITROOM_WORKERS"}
    )
    batch_size: int = field(default=16, metadata={"help": "documents per nlp.pipe batch"})
    model: str | None = field(default=None, metadata={"help": "spaCy pipeline to load"})

    @classmethod
    def from_env(cls, **overrides: object) -> Options:
        """Defaults, then SITROOM_* environment variables, then explicit non-None overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            env = f.metadata.get("env")
            if env and os.environ.get(env):
                try:
                    values[f.name] = type(f.default)(os.environ[env])  # type: ignore[call-arg]
                except ValueError:
                    raise ValueError(f"{env}={os.environ[env]!r} is not a valid {f.name}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        options = cls(**values)  # type: ignore[arg-type]
        if options.workers < 1 or options.batch_size < 1:
            raise ValueError("workers and batch size must be at least 1")
        return options
