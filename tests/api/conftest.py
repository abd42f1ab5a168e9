"""A real `sitroom serve` over the sample database, for the API tests."""

from __future__ import annotations

import pytest
from serving import sample_db, server


@pytest.fixture(scope="session")
def db():
    return sample_db()


@pytest.fixture(scope="session")
def api(db):
    """Base URL of a read-only server over the sample database."""
    with server(db) as base:
        yield base
