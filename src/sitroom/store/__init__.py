"""The store: where analysed documents live and how they are queried.

`sqlite` is the backend (WAL, recorded migrations in `migrations/sqlite/`, FTS5 search);
`queries` holds the read queries the CLI and other front ends share.
"""

from sitroom.store.sqlite import ANALYSIS_VERSION, Store, StoreError

__all__ = ["ANALYSIS_VERSION", "Store", "StoreError"]
