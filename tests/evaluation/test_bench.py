"""`sitroom bench`: with no inputs it reads the bundled sample corpus (what `make bench` runs)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitroom.cli import main

pytestmark = pytest.mark.model


def test_bench_without_inputs_runs_on_the_bundled_sample(monkeypatch, nlp):
    monkeypatch.setenv("SITROOM_WORKERS", "1")
    result = CliRunner().invoke(main, ["bench", "--docs", "3"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("documents: 3 (")
    assert "3 stored" in result.stdout
    assert "ratio sitroom / spaCy:" in result.stdout
    assert "CPU time (all processes): sitroom " in result.stdout
    assert "placing in stories and happenings: " in result.stdout
