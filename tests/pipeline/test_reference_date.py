"""The day an article is read against is the paper's own, not the day in UTC (our wording).

A story filed at 22:30 in New York on a Friday is already Saturday in UTC; its "Thursday" is
the day before its Friday, and an event it reports as news of the day falls on that Friday.
"""

from __future__ import annotations

import pytest

from sitroom.extract import extract
from sitroom.ingest import Source
from sitroom.options import Options
from sitroom.pipeline import make_doc, to_analysis

pytestmark = pytest.mark.model

PAGE = """<html><head><title>Senate condemns attack</title>
<meta property="article:published_time" content="{published}"></head>
<body><article><h1>Senate condemns attack</h1>
<p>WASHINGTON (AP) — The Senate on Thursday condemned Russia over the strike on a hospital in
Kharkiv, in a resolution passed by a wide margin after hours of debate among its members.</p>
<p>Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Munich, where
the two men discussed trade, the war in Ukraine and the situation in the Taiwan Strait.</p>
</article></body></html>"""


def _events(nlp, published: str):
    page = PAGE.format(published=published)
    document = extract(Source("page", "html", page, {"url": "https://news.example/senate"}),
                       Options())  # fmt: skip
    return {e.event: e for e in to_analysis(make_doc(nlp, document), document).events}


# Friday evening in New York (Saturday in UTC); Saturday morning in Sydney (Friday in UTC).
@pytest.mark.parametrize("published", ["2024-03-01T22:30:00-05:00", "2024-03-02T08:30:00+10:00"])
def test_weekdays_and_the_fallback_use_the_papers_local_day(nlp, published):
    events = _events(nlp, published)
    assert events["ACCUSE"].date == "2024-02-29"  # the Thursday before either paper's day
    assert events["CONSULT"].date == published[:10]
    assert events["CONSULT"].date_source == "published"
