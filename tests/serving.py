"""A real sitroom server and a real headless Chromium for the API and browser tests.

The database is built once per test session by the real `sitroom ingest` command: the bundled
sample corpus, plus the two example articles beside the project when they are there. A second
database adds an article whose every field holds script payloads.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, SAMPLE, TEST_DATA

SITROOM = str(Path(sys.executable).with_name("sitroom"))
HOSTILE = TEST_DATA / "web" / "hostile.jsonl"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# The example articles and the publication dates the README gives them.
EXAMPLE_DATES = {"000": "2026-01-08", "002": "2025-10-24"}


def _ingest(db: Path | str, *inputs: str, published: str | None = None) -> None:
    command = [SITROOM, "ingest", *inputs, "--db", str(db)]
    if published:
        command += ["--published", published]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr


@functools.cache
def sample_db() -> Path:
    """The sample corpus and the example articles, ingested once per session."""
    folder = Path(tempfile.mkdtemp(prefix="sitroom-serve-"))
    db = folder / "sample.db"
    ingest_sample(db)
    return db


def ingest_sample(db: Path | str) -> None:
    """Ingest the sample corpus and the example articles into a file or a server URL."""
    _ingest(db, str(SAMPLE))
    for prefix, published in EXAMPLE_DATES.items():
        for path in sorted(EXAMPLES.glob(f"{prefix}_*.txt")) if EXAMPLES.is_dir() else []:
            _ingest(db, str(path), published=published)


@functools.cache
def hostile_db() -> Path:
    """The sample database plus the hostile article."""
    db = sample_db().with_name("hostile.db")
    shutil.copy(sample_db(), db)
    _ingest(db, str(HOSTILE))
    return db


def free_port() -> int:
    """A port nothing listens on right now, on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(db: Path | str, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `sitroom serve` on a loopback port; yield its base URL; stop it afterwards."""
    port = free_port()
    command = [SITROOM, "serve", "--db", str(db), "--port", str(port), *options]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"sitroom serve exited: {process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(base + "/api/documents?limit=1", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        else:
            raise RuntimeError("sitroom serve did not answer")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """An HTTP request; returns status, headers (lower-case names) and body, errors included."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, _lower(err.headers), err.read()


def get_json(url: str) -> Any:
    """GET a URL that must answer 200 with JSON."""
    status, _, body = request(url)
    assert status == 200, body
    return json.loads(body)


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def chromium_flags(profile: str) -> list[str]:
    """Headless, sandbox-free (root in CI), and nothing that reaches for the network."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,1700",
    ]


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Selenium through Debian's chromedriver."""
    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip(
            "no chromium + chromium-driver installed (apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sitroom-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in chromium_flags(profile):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
