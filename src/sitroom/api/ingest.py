"""POST /api/ingest: off unless the server was started with --allow-ingest, then only with
the bearer token. JSON Lines in the body, or {"url": ...} to fetch one page."""

from __future__ import annotations

import hmac
import socket
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request

from sitroom.ingest.fetch import is_public_address
from sitroom.options import Options
from sitroom.records import Failure

router = APIRouter(prefix="/api", tags=["ingest"])

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def _authorise(request: Request) -> None:
    settings = request.app.state.settings
    if not settings.allow_ingest:
        raise HTTPException(403, "ingest is off (start the server with --allow-ingest)")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), (settings.token or "").encode()
    ):
        raise HTTPException(401, "a valid bearer token is needed", {"WWW-Authenticate": "Bearer"})


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused once it passes `limit` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) schemes and, unless allowed, hosts that resolve to loopback,
    private, link-local or reserved addresses, at once with a 422 (the fetcher checks every
    hop again when it fetches)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HTTPException(422, "url: only http(s) URLs can be ingested")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise HTTPException(422, f"url: cannot resolve {parts.hostname}") from None
    for info in infos:
        if not is_public_address(str(info[4][0])):
            raise HTTPException(
                422, f"url: {parts.hostname} is a private or loopback address (refused)"
            )


def _ingest(request: Request, inputs: list[str], origin: dict[str, str]) -> dict[str, Any]:
    """Run the library's ingest on the server's single writer, fetching as the server was
    told (--allow-private-urls)."""
    from sitroom.extract import documents
    from sitroom.runners import ingest
    from sitroom.store import Store

    stores = request.app.state.stores
    # One process: a server must not fork its worker pool per request.
    allow_private = request.app.state.settings.allow_private_urls
    options = Options.from_env(db=stores.db, workers=1, allow_private_urls=allow_private)
    failures: list[Failure] = []
    with stores.write_lock, Store(stores.db) as store:
        summary = ingest(
            documents(inputs, options), store, options, on_failure=failures.append, progress=False
        )
        total = store.count("documents")

    def named(text: str) -> str:
        for raw, shown in origin.items():
            text = text.replace(raw, shown)
        return text

    return {
        "new": summary.new,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "failed": [{"input": named(f.origin), "reason": named(f.reason)} for f in failures],
        "documents": total,
    }


@router.post(
    "/ingest",
    summary="Analyse and store JSON Lines records, or one URL (needs --allow-ingest)",
    responses={401: {}, 403: {}, 413: {}, 415: {}, 422: {}},
)
async def ingest_endpoint(request: Request) -> dict[str, Any]:
    _authorise(request)
    settings = request.app.state.settings
    limits = Options.from_env()
    body = await _body(request, limits.max_bytes)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return await _ingest_url(request, body, settings.allow_private_urls)
    if kind not in JSONL_TYPES:
        raise HTTPException(415, 'send JSON Lines (application/x-ndjson) or {"url": ...} JSON')
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "body.jsonl"
        path.write_bytes(body)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest, request, [str(path)], {str(path): "body"})


async def _ingest_url(request: Request, body: bytes, allow_private: bool) -> dict[str, Any]:
    import json

    from starlette.concurrency import run_in_threadpool

    try:
        payload = json.loads(body)
    except ValueError:
        raise HTTPException(422, "body: not JSON") from None
    url = payload.get("url") if isinstance(payload, dict) else None
    if not isinstance(url, str):
        raise HTTPException(422, 'body: expected {"url": "https://..."}')
    await run_in_threadpool(check_url, url, allow_private)
    return await run_in_threadpool(_ingest, request, [url], {})
