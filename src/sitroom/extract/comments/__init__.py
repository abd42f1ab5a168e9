"""Reader comments, kept apart from the article: threads from web pages (`html`) and from
scraped page text (`text`); `assign_ids` gives them stable ids once the document id is known."""

from sitroom.extract.comments.html import take_html_comments
from sitroom.extract.comments.ids import assign_ids
from sitroom.extract.comments.text import PageText, split_page_text

__all__ = ["PageText", "assign_ids", "split_page_text", "take_html_comments"]
