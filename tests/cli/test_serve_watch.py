"""`sitroom serve --watch`: the watcher stores a feed's entries beside the API, which keeps
answering; `--allow-private-urls` reaches the API's URL ingest too."""

from __future__ import annotations

import json
import time

from feedserver import ARTICLES, running_site
from serving import get_json, request, server

from sitroom.store import Store

TOKEN = "watch-token-81d0"


def _wait_for_documents(base: str, count: int) -> dict:
    deadline = time.monotonic() + 300  # a liveness bound, not a timing assertion
    while True:
        answer = get_json(f"{base}/api/documents?limit=10")  # the API answers meanwhile
        if answer["total"] >= count:
            return answer
        assert time.monotonic() < deadline, f"the watcher stored {answer['total']} documents"
        time.sleep(0.5)


def test_serve_watch_stores_entries_while_the_api_answers(tmp_path):
    db = tmp_path / "live.db"
    Store(db).close()
    with running_site() as site:
        site.add(0)
        options = ("--watch", f"{site.base}/feed.xml", "--every", "2s", "--allow-private-urls",
                   "--allow-ingest")  # fmt: skip
        env = {"SITROOM_INGEST_TOKEN": TOKEN, "SITROOM_WORKERS": "1"}
        with server(db, *options, env=env) as base:
            first = _wait_for_documents(base, 1)
            assert [d["title"] for d in first["items"]] == [ARTICLES[0][0]]
            site.add(1)  # the next poll finds it
            _wait_for_documents(base, 2)
            # The URL ingest of the API fetches from loopback too when the server allows it.
            status, _, body = request(
                f"{base}/api/ingest", "POST", json.dumps({"url": f"{site.base}/news/3"}).encode(),
                {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
            )  # fmt: skip
            assert status == 200, body
            assert json.loads(body)["new"] == 1
        with Store(db) as store:
            assert store.count("documents") == 3
            states = [r["state"] for r in store.rows("SELECT state FROM feed_entries")]
            assert states == ["stored", "stored"]
    assert [site.served(f"/news/{n}") for n in (0, 1, 3)] == [1, 1, 1]
