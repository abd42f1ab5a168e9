"""The store: where analysed documents live and how they are queried.

Two backends share one interface (`base.Backend`): `sqlite` (one file: WAL, recorded
migrations in `migrations/sqlite/`, FTS5 search, one writer at a time) and `postgres` (a
server, through psycopg 3, migrations of the same names in `migrations/postgresql/`, tsvector
search). `open_store` picks one from a path or a ``postgresql://`` URL; `queries` holds the
read queries every front end shares.
"""

from __future__ import annotations

from pathlib import Path

from sitroom.store.base import Backend, is_server_url
from sitroom.store.sqlite import ANALYSIS_VERSION, QueryTimeout, Store, StoreError


def open_store(name: str | Path, analysis_version: str = ANALYSIS_VERSION) -> Store:
    """Open (and migrate) the database named by a file path or a ``postgresql://`` URL.

    `analysis_version` is what documents analysed now are stamped with (see `Store`).

    Raises:
        StoreError: the database cannot be reached or used; the message says why.
    """
    if isinstance(name, str) and is_server_url(name):
        from sitroom.store.postgres import PostgresStore  # psycopg only when a server is named

        store: Store = PostgresStore(name)
        store.analysis_version = analysis_version
        return store
    return Store(name, analysis_version=analysis_version)


__all__ = [
    "ANALYSIS_VERSION",
    "Backend",
    "QueryTimeout",
    "Store",
    "StoreError",
    "is_server_url",
    "open_store",
]
