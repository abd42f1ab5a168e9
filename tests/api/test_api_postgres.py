"""The API on PostgreSQL: `sitroom serve --db postgresql://…` over the sample corpus answers
every endpoint as the same server does over the SQLite file.

Both databases are built by the real `sitroom ingest`; the PostgreSQL one on the throwaway
server of tests/pgserver.py. Each list is read whole, page by page, on both servers.
"""

from __future__ import annotations

import csv
import io
import subprocess
from urllib.parse import urlencode

import pytest
from serving import SITROOM, get_json, ingest_sample, request, server
from test_api import assert_literal_names


@pytest.fixture(scope="module")
def pg_api(postgres_server):
    """Base URL of `sitroom serve` over the sample corpus ingested into PostgreSQL."""
    url = postgres_server.new_database()
    ingest_sample(url)
    with server(url) as base:
        yield base
    postgres_server.drop_database(url)


def _all(base: str, path: str, **params) -> tuple[int, list[dict]]:
    """The total and every item of a list endpoint, following `next` to the end."""
    items, cursor = [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = get_json(f"{base}{path}?{urlencode(query)}")
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return page["total"], items


LISTS = [
    ("/api/documents", {"limit": 7}),
    ("/api/events", {"limit": 40}),
    ("/api/events", {"type": "consult", "limit": 9}),
    ("/api/events", {"actor": "biden", "limit": 9}),
    ("/api/events", {"country": "usa", "since": "2024-01-01", "limit": 9}),
    ("/api/events", {"code": "RUS", "no_negated": "true"}),
    ("/api/events", {"all": "true", "limit": 100}),
    ("/api/events", {"uncoded": "true", "min_confidence": 0.2, "source": "a"}),
    ("/api/events", {"recipient_code": "UKR", "language": "en"}),
    ("/api/quotes", {"limit": 8}),
    ("/api/quotes", {"speaker": "biden", "direct": "true"}),
    ("/api/actors", {"limit": 25}),
    ("/api/actors", {"name": "minist", "kind": "person"}),
    ("/api/stories", {"limit": 5}),
    ("/api/happenings", {"limit": 25}),
]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_lists_are_the_same_on_both_backends(api, pg_api, path, params):
    lite = _all(api, path, **params)
    assert lite[0] == len(lite[1])
    assert _all(pg_api, path, **params) == lite


AGGREGATES = [
    "/api/timeline?interval=month",
    "/api/timeline?interval=week&type=CONSULT",
    "/api/timeline?interval=day&actor=Biden",
    "/api/timeline?interval=week&country=RUS&all=true",
    "/api/countries",
    "/api/countries?since=2025-01-01&negated=true",
    "/api/network?limit=40",
    "/api/network?since=2024-02-10&until=2025-06-20",
    "/api/network?type=CONSULT&uncoded=true",
]


@pytest.mark.parametrize("path", AGGREGATES)
def test_aggregates_are_the_same_on_both_backends(api, pg_api, path):
    lite = get_json(api + path)
    assert lite["items"], path
    assert get_json(pg_api + path) == lite


def test_records_and_pages_behind_them_are_the_same(api, pg_api):
    documents = _all(api, "/api/documents", limit=100)[1]
    story = get_json(f"{api}/api/stories?limit=1")["items"][0]
    actor = get_json(f"{api}/api/actors?limit=1")["items"][0]
    paths = [f"/api/documents/{d['id']}" for d in documents[:6]]
    paths += [f"/api/stories/{story['id']}", f"/api/actors/{actor['id']}"]
    for path in paths:
        assert get_json(pg_api + path) == get_json(api + path), path
    for path in (f"/documents/{documents[0]['id']}", f"/actors/{actor['id']}", "/"):
        status, _, body = request(pg_api + path)
        assert status == 200 and body == request(api + path)[2], path


def test_search_finds_the_same_documents(api, pg_api):
    for words in ("sanctions", "Biden", '"prime minister"'):
        params = urlencode({"q": words, "limit": 200})
        lite, pg = get_json(f"{api}/api/search?{params}"), get_json(f"{pg_api}/api/search?{params}")
        assert lite["items"], words
        assert pg["total"] == lite["total"]
        assert {d["id"] for d in pg["items"]} == {d["id"] for d in lite["items"]}, words


def test_csv_downloads_are_the_same(api, pg_api):
    for path in ("/api/events?format=csv&type=SUPPORT", "/api/quotes?format=csv"):
        lite, pg = request(api + path), request(pg_api + path)
        assert lite[0] == pg[0] == 200
        rows = list(csv.DictReader(io.StringIO(lite[2].decode("utf-8"))))
        assert rows and pg[2] == lite[2], path


def test_name_filters_take_percent_and_underscore_literally(pg_api):
    assert_literal_names(pg_api)


def test_serve_says_why_it_cannot_serve_a_server_url(postgres_server):
    unreachable = "postgresql://sitroom@127.0.0.1:1/nothing"
    done = subprocess.run([SITROOM, "serve", "--db", unreachable], capture_output=True, text=True)
    assert done.returncode == 3 and "cannot connect" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = subprocess.run(
        [SITROOM, "serve", "--db", postgres_server.url(), "--allow-ingest", "--token", "t"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "sitroom ingest --db URL" in done.stderr
