"""A real `sitroom serve` and a real headless Chromium, for the browser tests."""

from __future__ import annotations

import pytest
from serving import browser, hostile_db, sample_db, server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/web/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chrome():
    with browser() as driver:
        yield driver


@pytest.fixture(scope="session")
def site(chrome):
    """Base URL of a server over the sample database (the browser is checked first)."""
    with server(sample_db()) as base:
        yield base


@pytest.fixture(scope="session")
def hostile_site(chrome):
    """Base URL of a server over the sample database plus the hostile article."""
    with server(hostile_db()) as base:
        yield base
