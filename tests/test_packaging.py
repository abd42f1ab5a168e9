"""The wheel carries everything sitroom needs: built, installed into a fresh virtual
environment and run from outside the repository on a sample file it ships.

An editable install reads package data from the source tree, so a data file missing from the
wheel (a word list, a migration, the knowledge base) only shows up here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin` folder of a fresh virtual environment with the sitroom wheel installed."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    built = _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        work / "dist",
        source,
        cwd=work,
    )
    if built.returncode != 0 and "Could not find a version" in built.stderr:
        pytest.skip("the build backend (setuptools) cannot be installed here")
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((work / "dist").glob("sitroom-*.whl"))
    env = work / "env"
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    # The dependencies are those of the test run: the fresh environment sees them through a
    # path file (not the editable sitroom, whose hook lives in a .pth file a path line skips).
    fresh = Path(
        _run(
            bin_dir / "python",
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            cwd=work,
        ).stdout.strip()
    )
    (fresh / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = _run(bin_dir / "python", "-m", "pip", "install", "--no-deps", "-q", wheel, cwd=work)
    assert install.returncode == 0, install.stderr[-3000:]
    return bin_dir


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, tmp_path):
    where = _run(
        installed / "python", "-c", "import sitroom; print(sitroom.__file__)", cwd=tmp_path
    )
    assert where.returncode == 0, where.stderr
    assert str(ROOT / "src") not in where.stdout
    assert str(installed.parent) in where.stdout


def _sample(installed: Path, name: str, cwd: Path) -> Path:
    code = f"import importlib.resources as r; print(r.files('sitroom') / 'sample' / {name!r})"
    return Path(_run(installed / "python", "-c", code, cwd=cwd).stdout.strip())


def test_extract_and_ingest_a_shipped_sample_from_outside_the_repository(installed, tmp_path):
    sample = _sample(installed, "black_sea_grain_deal_2022-07-22.txt", tmp_path)
    assert sample.is_file() and str(installed.parent) in str(sample)

    extracted = _run(installed / "sitroom", "extract", sample, "--workers", "1", cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr[-3000:]
    record = json.loads(extracted.stdout.splitlines()[0])
    assert record["events"] and record["actors"]
    assert {"UKR", "RUS"} <= {a["code"] for a in record["actors"]}

    ingested = _run(
        installed / "sitroom", "ingest", sample, "--db", "news.db", "--workers", "1", cwd=tmp_path
    )
    assert ingested.returncode == 0, ingested.stderr[-3000:]
    assert ingested.stdout.startswith("1 new, 0 updated, 0 unchanged, 0 failed")
    events = _run(
        installed / "sitroom",
        "events",
        "--all",
        "--db",
        "news.db",
        "--format",
        "jsonl",
        cwd=tmp_path,
    )  # every stored event, flagged ones included
    assert events.returncode == 0 and len(events.stdout.splitlines()) == len(record["events"])
