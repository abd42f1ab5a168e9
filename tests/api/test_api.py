"""The JSON API against a real uvicorn server: shapes, filters, pages, downloads, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import urlencode

import pytest
from serving import get_json, request

from sitroom.store import Store
from sitroom.store import queries as query


@pytest.fixture(scope="module")
def store(db):
    with Store(db) as s:
        yield s


def _all(api: str, path: str, **params) -> list[dict]:
    """Every item of a list endpoint, following `next` to the end."""
    items, cursor = [], None
    while True:
        page = get_json(
            f"{api}{path}?{urlencode({**params, **({'cursor': cursor} if cursor else {})})}"
        )
        assert set(page) == {"items", "total", "next"}
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items


def test_event_pages_cover_every_stored_event_once(api, store):
    stored = query.events(store)
    first = get_json(f"{api}/api/events?limit=7")
    assert first["total"] == len(stored) > 7
    assert len(first["items"]) == 7 and first["next"]
    items = _all(api, "/api/events", limit=7)
    assert sorted(i["id"] for i in items) == sorted(e["id"] for e in stored)
    dated = [i["date"] for i in items if i["date"]]
    assert dated == sorted(dated, reverse=True), "newest first"


def test_event_filters_match_the_library_under_the_cli_names(api, store):
    for params, library in [
        ({"type": "consult"}, {"event": "CONSULT"}),
        ({"actor": "Biden"}, {"actor": "Biden"}),
        ({"code": "rus"}, {"code": "RUS"}),
        (
            {"since": "2024-01-01", "until": "2024-12-31"},
            {"since": "2024-01-01", "until": "2024-12-31"},
        ),
        ({"type": "SUPPORT", "no_negated": "true"}, {"event": "SUPPORT", "include_negated": False}),
        ({"actor_code": "usa"}, {"actor_code": "USA"}),
        (
            {"recipient_code": "RUS", "type": "SANCTION"},
            {"recipient_code": "RUS", "event": "SANCTION"},
        ),
        ({"language": "en", "since": "2025-01-01"}, {"language": "en", "since": "2025-01-01"}),
    ]:
        expected = sorted(e["id"] for e in query.events(store, **library))
        assert expected, params
        got = _all(api, "/api/events", limit=50, **params)
        assert sorted(i["id"] for i in got) == expected, params
        assert get_json(f"{api}/api/events?{urlencode(params)}")["total"] == len(expected)


def test_country_filter_holds_events_that_involve_the_country(api):
    items = _all(api, "/api/events", country="USA", limit=100)
    assert items
    for e in items:
        sides = [e.get("actor"), e.get("recipient"), *e["co_actors"], *e["co_recipients"]]
        codes = {s["code"] for s in sides if s} | {(e.get("location") or {}).get("country")}
        assert "USA" in codes


def assert_literal_names(base: str) -> None:
    """% and _ in name filters are characters, not LIKE wildcards matching everything."""
    assert get_json(f"{base}/api/events?all=true&actor=Bid")["total"] > 0
    for name in ("%", "_", "50%", "Bi_en"):
        for key in ("actor", "recipient", "source"):
            query = urlencode({key: name, "all": "true"})
            assert get_json(f"{base}/api/events?{query}")["total"] == 0, (key, name)
        assert get_json(f"{base}/api/quotes?{urlencode({'speaker': name})}")["total"] == 0, name


def test_name_filters_take_percent_and_underscore_literally(api):
    assert_literal_names(api)


def test_timeline_counts_add_up_to_the_events_listed(api, store):
    rows = get_json(f"{api}/api/timeline?interval=month")["items"]
    per_type: dict[str, int] = {}
    for r in rows:
        assert r["period"].endswith("-01")
        per_type[r["event"]] = per_type.get(r["event"], 0) + r["count"]
    for event, count in per_type.items():
        dated = [e for e in query.events(store, event=event) if e["date"]]
        assert count == len(dated), event
    weeks = get_json(f"{api}/api/timeline?interval=week&type=CONSULT")["items"]
    assert weeks and all(dt.date.fromisoformat(r["period"]).weekday() == 0 for r in weeks)
    # A filter the pre-aggregated counts cannot answer gives the same totals from the events.
    by_actor = get_json(f"{api}/api/timeline?interval=day&actor=Biden")["items"]
    listed = [e for e in query.events(store, actor="Biden") if e["date"]]
    assert sum(r["count"] for r in by_actor) == len(listed)


def test_a_timeline_point_leads_to_the_same_number_of_events(api):
    row = max(get_json(f"{api}/api/timeline?interval=month")["items"], key=lambda r: r["count"])
    start = dt.date.fromisoformat(row["period"])
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    params = {"type": row["event"], "since": row["period"], "until": end.isoformat()}
    assert get_json(f"{api}/api/events?{urlencode(params)}")["total"] == row["count"]


def test_countries_and_network_lead_to_their_events(api):
    countries = get_json(f"{api}/api/countries")["items"]
    top = countries[0]
    assert get_json(f"{api}/api/events?country={top['code']}")["total"] == top["count"]
    dyads = get_json(f"{api}/api/network?limit=5")["items"]
    assert dyads
    dyad = dyads[0]
    params = {"actor_id": dyad["actor_id"], "recipient_id": dyad["recipient_id"]}
    events = _all(api, "/api/events", **params)
    assert len(events) == dyad["count"] == sum(dyad["types"].values())


def test_csv_and_jsonl_download_the_whole_list(api, store):
    total = len(query.events(store))
    status, headers, body = request(f"{api}/api/events?format=csv&limit=3")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == total and {"date", "event", "actor", "text", "document"} <= set(rows[0])
    status, headers, body = request(f"{api}/api/quotes?format=jsonl&speaker=Biden")
    lines = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    expected = query.quotes(store, speaker="Biden")
    assert status == 200 and len(lines) == len(expected) > 0
    assert sorted(lines, key=lambda q: q["id"]) == sorted(expected, key=lambda q: q["id"])
    days = [q["date"] for q in lines]
    assert days == sorted(days, reverse=True), "newest first, like the events"


def test_document_comes_with_comments_and_all_its_records(api, store):
    doc = next(d for d in query.documents(store) if d["comments"] and d["events"])
    record = get_json(f"{api}/api/documents/{doc['id']}")
    assert record == json.loads(json.dumps(query.show(store, doc["id"])))
    assert len(record["comments"]) == doc["comments"] and len(record["events"]) == doc["events"]


def test_actors_search_and_quotes(api, store):
    actors = get_json(f"{api}/api/actors?limit=3")
    assert actors["total"] == len(query.actors(store)) and len(actors["items"]) == 3
    top = actors["items"][0]
    detail = get_json(f"{api}/api/actors/{top['id']}")
    assert detail["name"] == top["name"] and detail["mentions"] == top["mentions"]
    found = get_json(f"{api}/api/search?q=sanctions&limit=2")
    assert len(found["items"]) == 2 and found["total"] == len(query.search(store, "sanctions", 100))
    assert get_json(f"{api}/api/quotes?direct=true")["total"] == len(
        query.quotes(store, direct=True)
    )


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/events?since=yesterday", 422, "since"),
        ("/api/events?type=HUG", 422, "PLOVER event type"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/events?limit=many", 422, "limit"),
        ("/api/events?cursor=not-a-cursor", 422, "cursor"),
        ("/api/timeline?interval=year", 422, "interval"),
        ("/api/search", 422, "q"),
        ("/api/events?format=xml", 422, "format"),
        ("/api/documents/d-nothing", 404, "no document"),
        ("/api/actors/a-nobody", 404, "no actor"),
        ("/api/nowhere", 404, "Not Found"),
    ],
)
def test_errors_are_json_with_the_right_status(api, path, status, words):
    got, headers, body = request(api + path)
    assert got == status
    assert headers["content-type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert error["status"] == status and words in error["message"]


def test_every_response_carries_the_security_headers(api):
    for path in ("/", "/api/events", "/api/docs", "/static/css/sitroom.css"):
        _, headers, _ = request(api + path)
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_openapi_and_docs_page_are_served_locally(api):
    spec = get_json(f"{api}/openapi.json")
    assert {"/api/events", "/api/timeline", "/api/network"} <= set(spec["paths"])
    status, _, body = request(f"{api}/api/docs")
    page = body.decode("utf-8")
    assert status == 200 and "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "http" not in page.replace("http-equiv", ""), "the docs page loads nothing remote"


def test_ingest_is_off_by_default(api):
    status, _, body = request(
        f"{api}/api/ingest", "POST", b'{"text": "x"}\n', {"Content-Type": "application/x-ndjson"}
    )
    assert status == 403 and "--allow-ingest" in json.loads(body)["error"]["message"]
