"""POST /api/ingest on a server started with --allow-ingest: the token, the body, the URLs."""

from __future__ import annotations

import json
import shutil

import pytest
from serving import get_json, request, server

TOKEN = "test-token-5f2c"
RECORD = {
    "id": "ingest-api-1",
    "text": "The defence ministers of Chile and Peru met in Lima on Monday to discuss patrols.",
    "published": "2025-06-02",
    "title": "Chile and Peru discuss patrols",
}


@pytest.fixture(scope="module")
def writable(db, tmp_path_factory):
    copy = tmp_path_factory.mktemp("ingest") / "ingest.db"
    shutil.copy(db, copy)
    with server(copy, "--allow-ingest", env={"SITROOM_INGEST_TOKEN": TOKEN}) as base:
        yield base


def _post(base, body, kind="application/x-ndjson", token=TOKEN):
    headers = {"Content-Type": kind}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    status, _, answer = request(f"{base}/api/ingest", "POST", body, headers)
    return status, json.loads(answer)


def test_ingest_needs_the_bearer_token(writable):
    line = (json.dumps(RECORD) + "\n").encode()
    assert _post(writable, line, token=None)[0] == 401
    assert _post(writable, line, token="wrong")[0] == 401


def test_json_lines_are_analysed_stored_and_served(writable):
    before = get_json(f"{writable}/api/documents?limit=1")["total"]
    june = get_json(f"{writable}/api/timeline?interval=month&since=2025-06-01&until=2025-06-30")
    bad = b"{not json\n"
    status, answer = _post(writable, (json.dumps(RECORD) + "\n").encode() + bad)
    assert status == 200, answer
    assert answer["new"] == 1 and len(answer["failed"]) == 1
    assert answer["failed"][0]["input"].startswith("body")
    assert get_json(f"{writable}/api/documents?limit=1")["total"] == before + 1
    after = get_json(f"{writable}/api/timeline?interval=month&since=2025-06-01&until=2025-06-30")
    # The timeline is cached per database state: the write shows at once.
    assert sum(r["count"] for r in after["items"]) > sum(r["count"] for r in june["items"])
    record = get_json(f"{writable}/api/documents/ingest-api-1")
    assert record["document"]["title"] == RECORD["title"]
    again = _post(writable, (json.dumps(RECORD) + "\n").encode())[1]
    assert again["unchanged"] == 1 and again["new"] == 0


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "only http(s)"),
        ("javascript:alert(1)", "only http(s)"),
        ("http://127.0.0.1:9/", "private or loopback"),
        ("http://localhost/", "private or loopback"),
        ("http://10.1.2.3/", "private or loopback"),
    ],
)
def test_url_ingest_refuses_other_schemes_and_private_hosts(writable, url, words):
    status, answer = _post(writable, json.dumps({"url": url}).encode(), "application/json")
    assert status == 422 and words in answer["error"]["message"]


def test_other_bodies_are_refused(writable):
    assert _post(writable, b"hello", "text/plain")[0] == 415
    assert _post(writable, b"[1, 2]", "application/json")[0] == 422
