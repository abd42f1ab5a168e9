"""A throwaway PostgreSQL server for the tests (a pytest plugin, loaded by conftest).

The session fixture makes a new cluster with `initdb` in a temporary folder, starts it on a free
loopback port and removes it at the end; run as root, the server runs as the `postgres` user
(PostgreSQL refuses to run as root). Each test gets its own empty database from `pg_url`.
Tests skip with the reason when no PostgreSQL server binaries are installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres live (Debian keeps them out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.insert(0, str(Path(found).resolve().parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running throwaway cluster."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._names = count(1)

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "sitroom",
                 "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
        )
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                 "-t", "60", "-l", str(self.root / "log"), "start")  # fmt: skip

    def stop(self) -> None:
        try:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                     "-w", "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://sitroom@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """A PostgreSQL server on a loopback port for the whole test session."""
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server not installed (Debian package `postgresql`)")
    server = Server(bindir)
    try:
        server.start()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        log = server.root / "log"
        detail = log.read_text(errors="replace")[-400:] if log.exists() else ""
        server.stop()
        pytest.skip(f"cannot start a PostgreSQL server: {err} {detail}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server: Server) -> Iterator[str]:
    """The URL of a new, empty database on the test server (dropped after the test)."""
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)
