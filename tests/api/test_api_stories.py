"""Stories and happenings through the API: the library's lists, paged, and their records."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from serving import get_json, request

from sitroom.store import Store
from sitroom.stories import queries as story_query


@pytest.fixture(scope="module")
def store(db):
    with Store(db) as s:
        yield s


def test_stories_pages_hold_the_library_stories(api, store):
    expected = story_query.stories(store)
    assert expected, "the sample corpus forms stories when it is ingested"
    seen, cursor = [], None
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = get_json(f"{api}/api/stories?{urlencode(query)}")
        assert page["total"] == len(expected)
        seen += page["items"]
        cursor = page["next"]
        if not cursor:
            break
    assert [s["id"] for s in seen] == [s["id"] for s in expected]


def test_a_story_and_its_happenings(api, store):
    first = story_query.stories(store)[0]
    record = get_json(f"{api}/api/stories/{first['id']}")
    assert record == json.loads(json.dumps(story_query.story(store, first["id"])))
    happenings = get_json(f"{api}/api/happenings?all_events=true&story={first['id']}&limit=1000")
    assert happenings["total"] == len(
        story_query.happenings(store, story=first["id"], all_events=True)
    )
    status, _, body = request(f"{api}/api/stories/s-nothing")
    assert status == 404 and "no story" in json.loads(body)["error"]["message"]
    status, _, _ = request(f"{api}/api/happenings?type=HUG")
    assert status == 422
