"""Stories and happenings over a real store: copies, grouping, merging, and their upkeep."""

from __future__ import annotations

import json

import pytest
from helpers import SAMPLE, example

from sitroom.extract import documents
from sitroom.options import Options
from sitroom.records import Document
from sitroom.runners import ingest
from sitroom.store import Store
from sitroom.stories import delete, queries, rebuild, update
from sitroom.stories.build import Changes, merge

pytestmark = pytest.mark.model
OPTIONS = Options(workers=1)
FURNITURE = [
    ("Home | World | Europe", "Share this story"),
    ("Subscribe to our newsletter", "Related: more from the region"),
    ("Breaking news", "Follow us on social media"),
    ("Advertisement", "Read more"),
]


def _sample_body(name: str) -> str:
    return (SAMPLE / name).read_text(encoding="utf-8")


def _copies(count: int) -> list[Document]:
    """One wire story as many outlets publish it: the same body in other page furniture."""
    body = _sample_body("finland_joins_nato_2023-04-04.txt")
    copies = []
    for i in range(count):
        top, bottom = FURNITURE[i % len(FURNITURE)]
        copies.append(
            Document(
                id=f"copy-{i}",
                text=f"{top} {i}\n\n{body}\n\n{bottom}",
                url=f"https://outlet{i}.example/news/finland-nato",
                source=f"Outlet {i}",
                published="2023-04-04",
            )
        )
    return copies


def _profiles(store: Store) -> dict[str, dict]:
    return {r["document_id"]: r for r in store.rows("SELECT * FROM story_profiles")}


def test_syndicated_copies_are_one_original_and_its_duplicates(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(_copies(20), store, OPTIONS)
        profiles = _profiles(store)
        happenings = queries.happenings(store, all_events=True)
    originals = [d for d, p in profiles.items() if p["original_id"] is None]
    assert originals == ["copy-0"]
    assert {p["original_id"] for d, p in profiles.items() if d != "copy-0"} == {"copy-0"}
    assert len({p["story_id"] for p in profiles.values()}) == 1
    assert happenings and all(h["documents"] == 20 for h in happenings)
    # Copies are not independent sources: every happening rests on one.
    assert {h["sources"] for h in happenings} == {1}


def test_the_earliest_report_is_the_original_whatever_the_ingest_order(tmp_path):
    later, earlier = _copies(2)
    later.published, earlier.published = "2023-04-05", "2023-04-04"
    with Store(tmp_path / "s.db") as store:
        ingest([later, earlier], store, OPTIONS)
        profiles = _profiles(store)
    assert profiles[earlier.id]["original_id"] is None
    assert profiles[later.id]["original_id"] == earlier.id


def test_reports_of_one_event_from_two_outlets_merge_into_one_happening(tmp_path):
    reports = [
        Document(
            id="a",
            text="Norway and Sweden sign border agreement\n\nOSLO, 3 March 2025 — Norway "
            "signed an agreement with Sweden on Monday to reopen three border crossings "
            "closed since the winter storms, the Norwegian foreign ministry said.",
            source="Nordic Wire",
            published="2025-03-03",
        ),
        Document(
            id="b",
            text="Sweden and Norway agree to reopen border crossings\n\nSTOCKHOLM, 3 March "
            "2025 — Norway on Monday signed an agreement with Sweden to reopen the border "
            "crossings that winter storms had closed, officials in Stockholm said.",
            source="Baltic Daily",
            published="2025-03-03",
        ),
    ]
    with Store(tmp_path / "s.db") as store:
        ingest(reports, store, OPTIONS)
        profiles = _profiles(store)
        merged = [h for h in queries.happenings(store, all_events=True) if h["documents"] == 2]
    assert profiles["a"]["story_id"] == profiles["b"]["story_id"]
    assert merged, "the signing reported by both outlets is one happening"
    assert merged[0]["sources"] == 2 and merged[0]["first_reported"] == "2025-03-03"
    assert {m.split("-")[0] for m in merged[0]["members"]} == {"e"}


def test_look_alike_summits_months_apart_are_two_stories(tmp_path):
    def summit(doc_id: str, day: str, city: str) -> Document:
        return Document(
            id=doc_id,
            text=f"Leaders meet in {city} for security summit\n\n{city.upper()} — The "
            f"leaders of France, Germany and Poland met in {city} on {day} to discuss "
            "support for Ukraine and the defence of Europe's eastern flank.",
            published=day,
        )

    with Store(tmp_path / "s.db") as store:
        ingest(
            [
                summit("june-1", "2025-06-02", "Warsaw"),
                summit("june-2", "2025-06-02", "Warsaw"),
                summit("sept-1", "2025-09-15", "Warsaw"),
            ],
            store,
            OPTIONS,
        )
        profiles = _profiles(store)
    assert profiles["june-1"]["story_id"] == profiles["june-2"]["story_id"]
    assert profiles["sept-1"]["story_id"] != profiles["june-1"]["story_id"]


def test_the_two_example_meetings_are_two_stories_sharing_no_happening(tmp_path):
    # As a user ingests them: the scraped page with the date it was published (the clean
    # story states its own date in the text).
    reports = [
        *documents([str(example("000"))], Options()),
        *documents([str(example("002"))], Options(published="2025-10-24")),
    ]
    with Store(tmp_path / "s.db") as store:
        ingest(reports, store, OPTIONS)
        profiles = list(_profiles(store).values())
        members = {
            p["document_id"]: {
                r["happening_id"]
                for r in store.rows(
                    "SELECT happening_id FROM happening_events WHERE document_id = ?",
                    (p["document_id"],),
                )
            }
            for p in profiles
        }
    assert len({p["story_id"] for p in profiles}) == 2
    first, second = members.values()
    assert first and second and not first & second


def test_updates_are_incremental_idempotent_and_follow_changes(tmp_path):
    sample = list(documents([str(SAMPLE)], Options()))
    with Store(tmp_path / "s.db") as store:
        ingest(sample, store, OPTIONS)
        before = {d: p["story_id"] for d, p in _profiles(store).items()}
        assert update(store).placed == 0  # nothing pending after an ingest
        ingest(sample, store, OPTIONS)
        assert {d: p["story_id"] for d, p in _profiles(store).items()} == before

        # A document replaced by other content leaves its story (which keeps its other
        # report) and starts another.
        shared = next(
            r["story_id"]
            for r in store.rows(
                "SELECT story_id FROM story_profiles GROUP BY story_id HAVING COUNT(*) > 1"
            )
        )
        leaving, staying = (d for d, story in before.items() if story == shared)
        changed = Document(
            id=leaving,
            text="Chile and Peru agree on a fisheries pact\n\nLIMA — Chile and Peru signed a "
            "fisheries agreement on Tuesday covering the waters off their shared coast.",
            published="2021-05-04",
        )
        ingest([changed], store, OPTIONS)
        profiles = _profiles(store)
        assert profiles[leaving]["story_id"] != shared
        assert profiles[staying]["story_id"] == shared
        assert [s["documents"] for s in queries.stories(store) if s["id"] == shared] == [[staying]]
        stale = store.db.execute(
            "SELECT COUNT(*) FROM happening_events h LEFT JOIN events e ON e.id = h.event_id"
            " WHERE e.id IS NULL"
        ).fetchone()[0]
        assert stale == 0
        sizes = dict(store.db.execute("SELECT id, documents FROM stories").fetchall())
        counted = store.db.execute(
            "SELECT story_id, COUNT(*) FROM story_profiles GROUP BY story_id"
        ).fetchall()
        assert sizes == dict(counted)


def test_delete_takes_a_document_out_of_its_story_and_happenings(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(_copies(3), store, OPTIONS)
        deleted, _ = delete(store, ["copy-0", "no-such-document"])
        profiles = _profiles(store)
        left = store.db.execute(
            "SELECT COUNT(*) FROM happening_events WHERE document_id = 'copy-0'"
        ).fetchone()[0]
        happenings = queries.happenings(store, all_events=True)
    assert deleted == ["copy-0"]
    assert "copy-0" not in profiles and left == 0
    # The earliest remaining copy becomes the original of the others.
    assert profiles["copy-1"]["original_id"] is None
    assert profiles["copy-2"]["original_id"] == "copy-1"
    assert happenings and all(h["documents"] == 2 for h in happenings)


def test_recluster_rebuilds_the_same_stories_and_records_renames(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ingest(documents([str(SAMPLE)], Options()), store, OPTIONS)
        stories = {s["id"]: sorted(s["documents"]) for s in queries.stories(store)}
        renames = rebuild(store)
        again = {s["id"]: sorted(s["documents"]) for s in queries.stories(store)}
        recorded = store.db.execute("SELECT COUNT(*) FROM story_renames").fetchone()[0]
    assert again == stories
    assert all(old == new for old, new in renames["story"].items())
    assert recorded == 0


def test_events_carry_their_document_story_and_happening(tmp_path):
    from sitroom.store import queries as store_queries

    with Store(tmp_path / "s.db") as store:
        ingest(_copies(2), store, OPTIONS)
        events = store_queries.events(store)
        shown = store_queries.show(store, "copy-1")
    assert events and all(e["story"] and e["happening"] and e["document_id"] for e in events)
    assert all(e["story"] and e["happening"] for e in shown["events"])
    record = json.loads(json.dumps(events[0]))
    assert record["happening"].startswith("h-") and record["story"].startswith("s-")


OSCARS = {
    "2007": "Ellen DeGeneres hosted the Academy Awards in 2007, the academy recalled online.",
    "undated": "Ellen DeGeneres is hosting the Academy Awards, the academy said in a statement.",
    "2014": "Ellen DeGeneres will host the Academy Awards in 2014, the academy said online.",
}


def _grouping(store: Store) -> dict[str, str]:
    return dict(store.db.execute("SELECT document_id, happening_id FROM happening_events"))


@pytest.mark.parametrize("order", [("2007", "undated", "2014"), ("undated", "2014", "2007")])
def test_no_chain_of_look_alikes_joins_two_reports_that_contradict_each_other(tmp_path, order):
    from sitroom.stories import happenings

    with Store(tmp_path / "s.db") as store:
        ingest([Document(id=k, text=v) for k, v in OSCARS.items()], store, OPTIONS)
        # The three as reports of one story, placed in the given order.
        store.db.execute("DELETE FROM happening_events")
        store.db.execute("DELETE FROM happenings")
        for document_id in order:
            happenings.place(store, "s-oscars", document_id)
        placed = _grouping(store)
        assert placed["2007"] != placed["2014"]
        assert placed["undated"] in (placed["2007"], placed["2014"])
        # When the report the undated one joined leaves, it is placed again and may join the
        # other year's happening, which nothing keeps it from any more.
        gone, other = ("2007", "2014") if placed["undated"] == placed["2007"] else ("2014", "2007")
        store.db.execute("DELETE FROM events WHERE document_id = ?", (gone,))
        happenings.leave(store, gone)
        left = _grouping(store)
    assert set(left) == {"undated", other} and left["undated"] == left[other]


def test_merged_stories_keep_the_first_founded_id_and_record_the_other(tmp_path):
    reports = _copies(1) + [
        Document(
            id="chile",
            text="Chile and Peru agree on a fisheries pact\n\nLIMA — Chile and Peru signed a "
            "fisheries agreement on Tuesday covering the waters off their shared coast.",
            published="2023-04-05",
        )
    ]
    with Store(tmp_path / "s.db") as store:
        ingest(reports, store, OPTIONS)
        before = {d: p["story_id"] for d, p in _profiles(store).items()}
        assert before["copy-0"] != before["chile"]
        with store.db:
            kept = merge(store, before["chile"], before["copy-0"], Changes())
        after = {d: p["story_id"] for d, p in _profiles(store).items()}
        stories = queries.stories(store)
        renames = list(store.rows("SELECT kind, old_id, new_id FROM story_renames"))
        happening_stories = {r[0] for r in store.db.execute("SELECT story_id FROM happenings")}
    assert kept == before["copy-0"] and set(after.values()) == {kept}
    assert [sorted(s["documents"]) for s in stories] == [["chile", "copy-0"]]
    assert [(r["kind"], r["old_id"], r["new_id"]) for r in renames] == [
        ("story", before["chile"], kept)
    ]
    assert happening_stories == {kept}


FLOOD = (
    "Floodwaters swept through Riverton on Monday after the Clearwater River burst its banks, "
    "forcing Mayor Helen Okafor to order the evacuation of the lower town. Emergency crews "
    "pulled residents from rooftops along Mill Street, and the regional fire service said "
    "four hundred homes were under water."
)
FLOOD_AGAIN = (
    "The Clearwater River burst its banks at Riverton on Monday, and Mayor Helen Okafor ordered "
    "the lower town evacuated as floodwaters rose. Crews of the regional fire service pulled "
    "residents from rooftops on Mill Street; four hundred homes stood under water."
)
FARMS = (
    "Insurers braced for heavy claims as farmers across Dunmore County counted drowned cattle "
    "and ruined barley, while the agriculture minister, Tomas Brandt, promised emergency grants "
    "to families whose fields along the Clearwater were lost."
)


def test_a_report_alone_joins_the_story_a_later_report_links_it_to(tmp_path):
    # The farms report shares too little with the first two to join them when it comes; the
    # report after it tells both sides of the flood, so once the update is placed the farms
    # report has a close report in the flood's story and joins it. The chess report stays
    # alone.
    reports = [
        Document(id="flood", text=f"Riverton flood\n\n{FLOOD}", published="2024-03-04"),
        Document(id="again", text=f"River bursts banks\n\n{FLOOD_AGAIN}", published="2024-03-04"),
        Document(id="farms", text=f"Farmers count losses\n\n{FARMS}", published="2024-03-05"),
        Document(id="both", text=f"Flood and farms\n\n{FLOOD} {FARMS}", published="2024-03-06"),
        Document(
            id="chess",
            text="Chess final drawn\n\nThe world chess final in Valletta ended in a draw on "
            "Wednesday after six hours, the organisers said.",
            published="2024-03-06",
        ),
    ]
    with Store(tmp_path / "s.db") as store:
        ingest(reports, store, OPTIONS)
        grouping = {d: p["story_id"] for d, p in _profiles(store).items()}
        renamed = [r[0] for r in store.db.execute("SELECT old_id FROM story_renames")]
    assert grouping["farms"] == grouping["flood"] == grouping["both"]
    assert grouping["chess"] != grouping["flood"]
    assert len(renamed) == 1  # the farms report's own story, recorded as renamed
