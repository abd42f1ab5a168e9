"""Reader comments are kept out of the article and come back as threads."""

from __future__ import annotations

from pathlib import Path

from helpers import INPUTS, example

from sitroom.extract import documents, parse_html
from sitroom.extract.comments import assign_ids, split_page_text, take_html_comments
from sitroom.options import Options
from sitroom.records import Comment


def _thread_shape(comments):
    """(depth, index of parent or None) for each comment, in order."""
    index = {c.id: n for n, c in enumerate(comments)}
    return [(c.depth, index.get(c.parent) if c.parent else None) for c in comments]


def _only_document(path: Path):
    (doc,) = list(documents([str(path)], Options()))
    assert not hasattr(doc, "reason"), doc
    return doc


def test_scraped_example_body_author_and_thread():
    doc = _only_document(example("002"))
    assert doc.text.endswith("right direction.”")
    assert "COMMENTS" not in doc.text and "George Allison is" not in doc.text
    assert doc.author == "George Allison"
    assert _thread_shape(doc.comments) == [(0, None), (0, None), (1, 1), (2, 2)]
    assert doc.comments[1].text.startswith("The coalition of the willing")
    # a comment's continuation lines belong to it
    assert "Biden was Vice president" in doc.comments[1].text
    assert all("LEAVE A REPLY" not in c.text for c in doc.comments)


def test_clean_example_passes_through_unchanged():
    path = example("000")
    doc = _only_document(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.comments == []


def test_scraped_fixture_cut_keeps_article_bytes():
    text = (INPUTS / "scraped_page.txt").read_text(encoding="utf-8")
    page = split_page_text(text)
    assert page.stripped
    assert text.startswith(page.body)
    assert page.body.endswith('in the right direction."')
    assert page.author == "Dana Whitlock"
    assert _thread_shape(page.comments) == [(0, None), (0, None), (1, 1), (2, 2)]
    assert page.comments[1].text.endswith("fuel afterwards.")


def test_wordpress_thread_has_the_same_structure():
    doc = _only_document(INPUTS / "wordpress_thread.html")
    assert _thread_shape(doc.comments) == [(0, None), (0, None), (1, 1), (2, 2)]
    assert [c.author for c in doc.comments] == [
        "Harbourwatcher",
        "M. Okafor",
        "Harbourwatcher",
        "M. Okafor",
    ]
    assert doc.comments[0].published == "2025-10-24T11:02:00+00:00"
    assert doc.comments[1].text == (
        "Agreements like this are signed every few years.\n"
        "The hard part is paying for the boats and the fuel afterwards."
    )
    # nothing of the thread or the reply form leaks into the body
    for comment in doc.comments:
        assert comment.text.splitlines()[0] not in doc.text
    assert "Leave a Reply" not in doc.text and "Post Comment" not in doc.text
    assert "first joint patrol" in doc.text


def test_nested_div_comments():
    doc = _only_document(INPUTS / "nested_divs.html")
    assert _thread_shape(doc.comments) == [(0, None), (1, 0), (0, None)]
    assert [c.author for c in doc.comments] == ["Islander", "Ferry fan", "R. Lind"]
    assert "Who pays" not in doc.text
    assert "four hundred residents" in doc.text


def test_comment_ids_are_stable_and_unique():
    first = _only_document(INPUTS / "wordpress_thread.html")
    again = _only_document(INPUTS / "wordpress_thread.html")
    assert [c.id for c in first.comments] == [c.id for c in again.comments]
    assert len({c.id for c in first.comments}) == len(first.comments)


def test_comment_sections_are_emptied_in_the_tree():
    tree = parse_html((INPUTS / "wordpress_thread.html").read_text(encoding="utf-8"))
    comments = take_html_comments(tree)
    assert len(comments) == 4
    emptied = tree.xpath("//*[@id='comments' or @id='respond']")
    assert emptied and all(not e.text_content().strip() for e in emptied)
    assert "Harbourwatcher" not in tree.text_content()
    assert tree.xpath("//h1")  # the article itself stays


def test_page_without_comments_keeps_its_text():
    text = "A short report.\n\nIt has two paragraphs and no comments at all.\n"
    page = split_page_text(text)
    assert page.body == text and page.comments == [] and not page.stripped


def test_comments_word_inside_article_is_not_a_cut():
    text = (
        "Officials declined to give comments on the plan.\n\n"
        "Comments\n\n"
        + "The minister then explained the budget in a long statement to parliament, " * 5
        + "\n\nMore article text follows here.\n"
    )
    page = split_page_text(text)
    assert page.body == text


TWO_SECTIONS = (
    "<html><head><title>Ferry timetable changes</title></head><body><article>"
    "<h1>Ferry timetable changes</h1>"
    "<p>The island ferry will leave twenty minutes earlier from Monday, the operator said, "
    "because the tide tables for the winter months have changed.</p>"
    "<p>Season tickets bought before the change stay valid until the end of March.</p>"
    "</article>"
    '<div id="comments"><p>First block: the early ferry is a real nuisance for anyone '
    "who works late shifts in town.</p></div>"
    '<div id="comments"><p>Second block: good news for commuters who start at seven, '
    "finally a boat that gets us there on time.</p></div>"
    "</body></html>"
)


def test_repeated_section_ids_give_unique_comment_ids(tmp_path):
    path = tmp_path / "two_sections.html"
    path.write_text(TWO_SECTIONS, encoding="utf-8")
    doc = _only_document(path)
    texts = [c.text for c in doc.comments]
    assert len(texts) == 2 and texts[0].startswith("First") and texts[1].startswith("Second")
    assert len({c.id for c in doc.comments}) == 2


def test_assign_ids_unique_and_parents_follow_the_right_comment():
    local = [
        Comment("c", None, 0, None, None, "one"),
        Comment("r", "c", 1, None, None, "reply to one"),
        Comment("c", None, 0, None, None, "two"),
        Comment("r", "c", 1, None, None, "reply to two"),
    ]
    final = assign_ids(local, "doc-1")
    assert len({c.id for c in final}) == 4
    assert final[1].parent == final[0].id
    assert final[3].parent == final[2].id
    assert assign_ids(local, "doc-1") == final  # still stable
