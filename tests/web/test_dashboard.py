"""The dashboard in a real headless Chromium: charts and tables show the stored events, every
chart leads to its events and on to the evidence, and a hostile article runs nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import ROOT
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from serving import get_json


def _open(chrome, url: str, ready: bool = False):
    chrome.get(url)
    if ready:
        WebDriverWait(chrome, 30).until(
            lambda d: d.execute_script("return document.body.dataset.ready")
        )


def _rendered(chrome, chart: str) -> str:
    return chrome.find_element(By.ID, chart).get_attribute("data-rendered")


def _csp_violations(chrome) -> list[str]:
    return [
        e["message"] for e in chrome.get_log("browser") if "Content Security Policy" in e["message"]
    ]


def test_dashboard_charts_and_tables_show_the_stored_events(chrome, site):
    _open(chrome, site + "/", ready=True)
    timeline = get_json(f"{site}/api/timeline?interval=month")["items"]
    countries = get_json(f"{site}/api/countries")["items"]
    assert int(_rendered(chrome, "timeline")) == len(timeline) > 0
    shaded = chrome.find_elements(By.CSS_SELECTOR, "#map a[data-country]")
    shown = {a.get_attribute("data-country") for a in shaded}
    assert int(_rendered(chrome, "map")) == len(shaded) and {"USA", "RUS", "UKR"} <= shown
    assert shown <= {c["code"] for c in countries}
    assert int(_rendered(chrome, "network")) > 0
    assert chrome.find_elements(By.CSS_SELECTOR, "canvas")  # uPlot and cytoscape drew
    latest = get_json(f"{site}/api/events?limit=15")["items"]
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.events tr.event")
    assert [r.get_attribute("data-event-id") for r in rows] == [e["id"] for e in latest]
    assert chrome.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr")
    assert _csp_violations(chrome) == []


def test_a_country_on_the_map_leads_to_its_events_and_their_evidence(chrome, site):
    _open(chrome, site + "/", ready=True)
    chrome.find_element(By.CSS_SELECTOR, "#map a[data-country='USA'] path").click()
    WebDriverWait(chrome, 10).until(lambda d: "/events" in d.current_url)
    assert "country=USA" in chrome.current_url
    total = get_json(f"{site}/api/events?country=USA")["total"]
    assert f"{total} in all" in chrome.find_element(By.CSS_SELECTOR, ".pager").text
    link = chrome.find_element(By.CSS_SELECTOR, "table.events tr.event a.evidence-link")
    sentence = link.text.rstrip(".…")[:40]
    event_id = link.get_attribute("href").split("#e-")[1]
    link.click()
    WebDriverWait(chrome, 10).until(lambda d: "/documents/" in d.current_url)
    anchor = chrome.find_element(By.ID, f"e-{event_id}")
    marked = chrome.execute_script(
        "var n = arguments[0], t = '';"
        "for (var s = n.nextSibling; s && t.length < 400; s = s.nextSibling) t += s.textContent;"
        "return t;",
        anchor,
    )
    assert marked.startswith(sentence[:20])
    mark = anchor.find_element(By.XPATH, "following-sibling::mark[1]")
    assert "hl-event" in mark.get_attribute("class")


def test_a_timeline_point_leads_to_the_events_of_that_month_and_type(chrome, site):
    _open(chrome, site + "/", ready=True)
    row = max(get_json(f"{site}/api/timeline?interval=month")["items"], key=lambda r: r["count"])
    x, y = chrome.execute_script(
        "var u = document.getElementById('timeline').uplot, t = arguments[0], p = arguments[1];"
        "var s = u.series.findIndex(function (x) { return x.label === t; });"
        "var i = u.data[0].indexOf(Date.parse(p + 'T00:00:00Z') / 1000);"
        "return [u.valToPos(u.data[0][i], 'x'), u.valToPos(u.data[s][i], 'y')];",
        row["event"],
        row["period"],
    )
    over = chrome.find_element(By.CSS_SELECTOR, "#timeline .u-over")
    size = over.size
    # a point on the plot's last period sits on its right edge: click just inside it
    x, y = min(max(x, 1), size["width"] - 2), min(max(y, 1), size["height"] - 2)
    ActionChains(chrome).move_to_element_with_offset(
        over, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    WebDriverWait(chrome, 10).until(lambda d: "/events" in d.current_url)
    assert f"since={row['period']}" in chrome.current_url
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.events tr.event")
    assert rows and f"{len(rows)} in all" in chrome.find_element(By.CSS_SELECTOR, ".pager").text
    if f"type={row['event']}" in chrome.current_url:
        assert len(rows) == row["count"]


def test_network_dyads_and_actor_pages(chrome, site):
    _open(chrome, site + "/", ready=True)
    dyad = chrome.find_element(By.CSS_SELECTOR, "#dyads a.dyad")
    dyad.click()
    WebDriverWait(chrome, 10).until(lambda d: "recipient_id=" in d.current_url)
    first_actor = chrome.find_element(
        By.CSS_SELECTOR, "table.events tr.event td a[href^='/actors/']"
    )
    name = first_actor.text
    first_actor.click()
    WebDriverWait(chrome, 30).until(
        lambda d: d.execute_script("return document.body.dataset.ready")
    )
    assert chrome.find_element(By.TAG_NAME, "h1").text.startswith(name)
    assert chrome.find_elements(By.CSS_SELECTOR, "table.events tr.event")
    assert _csp_violations(chrome) == []


def test_document_page_highlights_evidence_and_threads_comments(chrome, site):
    doc = next(d for d in get_json(f"{site}/api/documents?limit=100")["items"] if d["comments"] > 1)
    record = get_json(f"{site}/api/documents/{doc['id']}")
    _open(chrome, f"{site}/documents/{doc['id']}")
    for e in record["events"]:
        assert chrome.find_elements(By.ID, f"e-{e['id']}")
    for q in record["quotes"]:
        assert chrome.find_elements(By.ID, f"q-{q['id']}")
    assert chrome.find_elements(By.CSS_SELECTOR, "mark.hl-mention")
    facts = chrome.find_elements(By.CSS_SELECTOR, "aside.facts li.event-fact")
    assert len(facts) == len(record["events"])
    comments = chrome.find_elements(By.CSS_SELECTOR, ".comment")
    assert len(comments) == len(record["comments"])
    for element, comment in zip(comments, record["comments"], strict=True):
        assert comment["text"].split()[0] in element.text
    indents = {
        c["depth"]: el.location["x"] for el, c in zip(comments, record["comments"], strict=True)
    }
    depths = sorted(indents)
    pairs = zip(depths, depths[1:], strict=False)
    assert len(depths) > 1 and all(indents[a] < indents[b] for a, b in pairs)


@pytest.mark.shared
def test_the_example_articles_show_their_events_quotes_and_actors(chrome, site):
    found = get_json(f"{site}/api/search?q=Rutte")["items"]
    if not found:
        pytest.skip("shared examples not available")
    rutte = get_json(f"{site}/api/actors?name=Rutte")["items"][0]
    _open(chrome, f"{site}/actors/{rutte['id']}", ready=True)
    text = chrome.find_element(By.TAG_NAME, "main").text
    assert "CONSULT" in text and "Keir Starmer" in text and "Donald Trump" in text
    assert len(chrome.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr")) >= 7
    _open(chrome, f"{site}/events?actor=Starmer&type=CONSULT")
    assert "phone" in chrome.find_element(By.CSS_SELECTOR, "table.events").text


HOSTILE_PAGES = ["/documents/hostile-1", "/", "/events?since=2025-11-04", "/search?q=Reykjavik"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_a_hostile_article_runs_nothing(chrome, hostile_site, path):
    chrome.get_log("browser")  # drop earlier pages' messages
    _open(chrome, hostile_site + path, ready=path == "/")
    assert chrome.execute_script("return window.__pwned === undefined")
    assert "<script>" in chrome.find_element(By.TAG_NAME, "main").text
    for element in chrome.find_elements(By.CSS_SELECTOR, "main *"):
        assert element.tag_name not in ("script", "img", "svg", "iframe") or element.find_elements(
            By.XPATH, "ancestor::div[@id='map' or @id='network' or @id='timeline']"
        )
    links = [a.get_attribute("href") or "" for a in chrome.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in links if h.lower().startswith(("javascript:", "data:"))]
    assert chrome.find_elements(By.XPATH, "//*[@onerror or @onload]") == []
    assert _csp_violations(chrome) == []


def test_hostile_document_keeps_its_payloads_as_text(chrome, hostile_site):
    _open(chrome, hostile_site + "/documents/hostile-1")
    title = chrome.find_element(By.CSS_SELECTOR, "h1.doc-title").text
    assert title.startswith("Harbour talks <script>")
    comments = chrome.find_elements(By.CSS_SELECTOR, ".comment")
    assert "<script>window.__pwned='comment'</script>" in comments[0].text
    assert "javascript:window.__pwned='reply'" in comments[1].text
    assert chrome.find_element(By.CSS_SELECTOR, ".doc-url").tag_name == "span"


def test_screenshot_of_the_dashboard(chrome, site, tmp_path):
    """The README's picture: SITROOM_SCREENSHOT=docs/dashboard.png writes it there."""
    _open(chrome, site + "/", ready=True)
    target = Path(os.environ.get("SITROOM_SCREENSHOT") or tmp_path / "dashboard.png")
    target = target if target.is_absolute() else ROOT / target
    chrome.set_window_size(1400, 1500)
    assert chrome.save_screenshot(str(target))
    assert target.stat().st_size > 20_000


def test_latest_stories_lead_to_their_happenings_and_reports(chrome, site):
    _open(chrome, site + "/", ready=True)
    links = chrome.find_elements(By.CSS_SELECTOR, "ul.stories a.story")
    assert links, "the dashboard lists the latest stories"
    title = links[0].text
    links[0].click()
    WebDriverWait(chrome, 10).until(lambda d: "/stories/" in d.current_url)
    assert chrome.find_element(By.TAG_NAME, "h1").text.startswith(title)
    story_id = chrome.current_url.rsplit("/", 1)[1]
    record = get_json(f"{site}/api/stories/{story_id}")
    assert len(chrome.find_elements(By.CSS_SELECTOR, "tr.happening")) == len(record["timeline"])
    reports = chrome.find_elements(By.CSS_SELECTOR, "ul.documents a")
    assert len(reports) == len(record["documents"])
