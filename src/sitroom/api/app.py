"""The FastAPI application: security headers, JSON errors, static files, the docs page."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.store import Store, is_server_url, open_store
from sitroom.store.serving import QueryError

WEB = resources.files("sitroom.web")

# No inline script anywhere: every script and sheet is a file served from /static. The one
# hash is the small stylesheet cytoscape 3.35.0 adds for its container (a fixed string).
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (
    f"default-src 'none'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; "
    "img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Aggregates kept per database state (a few kilobytes each).
CACHE_SIZE = 256


@dataclass(frozen=True)
class ServeSettings:
    """How the app serves its database.

    Attributes:
        db: the database file, or a ``postgresql://`` URL.
        allow_ingest: whether POST /api/ingest is on.
        token: the bearer token ingest requests must carry (required when ingest is on).
        allow_private_urls: whether URL ingest may fetch loopback and private addresses.
    """

    db: str
    allow_ingest: bool = False
    token: str | None = None
    allow_private_urls: bool = False


class Stores:
    """One read connection per server thread (SQLite connections stay in their thread, and a
    server connection runs one query at a time), and one writer, used by ingest alone and
    under a lock."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.local = threading.local()
        self.write_lock = threading.Lock()
        self.cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.cache_lock = threading.Lock()

    def reader(self) -> Store:
        """This thread's connection, opened on first use."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = open_store(self.db)
        return store

    def state(self) -> tuple[Any, ...]:
        """What changes whenever anything is committed: the database file and its WAL, or on
        a server the documents' count and last change (every write saves a document)."""
        if is_server_url(self.db):
            sql = "SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM documents"
            return tuple(next(self.reader().rows(sql)))
        marks: list[int] = []
        for path in (self.db, f"{self.db}-wal"):
            try:
                info = os.stat(path)
            except OSError:
                marks += [0, 0]
            else:
                marks += [info.st_mtime_ns, info.st_size]
        return tuple(marks)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """An aggregate (timeline, map, network) computed once per state of the database.

        The dashboard asks for the same few aggregates on every load; they change only when
        something is written, and then the file state in the key changes too.
        """
        key = (*key, self.state())
        with self.cache_lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
        value = compute()
        with self.cache_lock:
            self.cache[key] = value
            while len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
        return value


def error(status: int, message: str) -> JSONResponse:
    """The one shape of every API error."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else item.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        return error(422, _validation_message(err))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, err: QueryError) -> Response:
        return error(422, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            response = error(err.status_code, str(err.detail))
        else:
            response = request.app.state.templates.TemplateResponse(
                request,
                "error.html",
                {"status": err.status_code, "message": str(err.detail)},
                status_code=err.status_code,
            )
        for key, value in (err.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def crashed(request: Request, err: Exception) -> Response:
        return error(500, f"internal error: {type(err).__name__}")


def _install_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def create_app(settings: ServeSettings) -> FastAPI:
    """The whole app over one database: API, dashboard pages, static files and docs."""
    from sitroom.api import ingest, pages, routes, stories

    app = FastAPI(
        title="sitroom",
        summary="Events, quotes, actors and dates from news, with their evidence.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.stores = Stores(settings.db)
    app.state.templates = Jinja2Templates(directory=str(WEB / "templates"))
    app.state.templates.env.globals["static"] = _static_url
    app.state.templates.env.filters["web_url"] = _web_url
    _install_headers(app)
    _install_errors(app)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")
    app.include_router(routes.router)
    app.include_router(ingest.router)
    app.include_router(stories.router)
    app.include_router(pages.router)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        return app.state.templates.TemplateResponse(request, "docs.html", {})

    return app


def _web_url(url: str | None) -> bool:
    """Only http(s) URLs become links: a stored javascript: or data: URL stays text."""
    return bool(url) and urlsplit(url).scheme in ("http", "https")


def _static_url(path: str) -> str:
    return f"/static/{path}?v={_version()}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sitroom")
    except PackageNotFoundError:
        return "0"


def state(request: Request) -> Any:
    """The app's state (settings, stores, templates) for a request."""
    return request.app.state
