"""The situation room over HTTP: a JSON API under /api/ and the web dashboard, in one app.

`create_app` builds the FastAPI application over one database; `sitroom serve` runs it with
uvicorn. Every endpoint is a thin adapter over `sitroom.store.queries` and `sitroom.formats`.
"""

from sitroom.api.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
