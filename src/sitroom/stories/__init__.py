"""Stories and happenings: the same news from many reports counted once, with all its sources.

* `duplicates`: near-copies of one report (MinHash LSH over body shingles);
* `clusters`: documents grouped by the story they report (TF-IDF over names, words, actors and
  event types, an inverted index for candidates, a time window);
* `happenings`: events of one story merged when they describe the same real-world event;
* `build`: keeps all of it in step with the store, incrementally; `queries`: reading it back.
"""

from sitroom.stories.build import Changes, delete, rebuild, update

__all__ = ["Changes", "delete", "rebuild", "update"]
