"""The story placement rules on profile vectors of short reports (no language model)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from sitroom.stories import clusters, profiles

QUAKE = "A strong earthquake struck the island on {day}, damaging houses in {town}, {person} said."
TOWNS_A = ["Dargahan", "Zainabieh", "Koohi"]
TOWNS_B = ["Tonban", "Gavarzin", "Ziranag"]


def _vectors(texts: list[str]) -> list[dict[str, float]]:
    terms = [profiles.document_terms(None, text) for text in texts]
    frequencies = Counter(t for v in terms for t in v)
    return [profiles.weigh(v, frequencies, len(terms)) for v in terms]


def _reports(towns: list[str], person: str, day: str) -> list[str]:
    return [QUAKE.format(day=day, town=town, person=person) for town in towns]


def test_a_centroid_gives_the_mean_similarity_within_and_across_stories():
    vectors = _vectors(_reports(TOWNS_A, "Governor Mehdi Irannejad", "Sunday"))
    others = _vectors(_reports(TOWNS_B, "Governor Heydar Alishvandi", "Monday"))
    mine, theirs = Counter(), Counter()
    for v in vectors:
        mine.update(v)
    for v in others:
        theirs.update(v)
    within = [profiles.cosine(a, b) for a, b in combinations(vectors, 2)]
    across = [profiles.cosine(a, b) for a in vectors for b in others]
    assert abs(clusters._cohesion((dict(mine), 3)) - sum(within) / 3) < 1e-9
    assert abs(clusters._link((dict(mine), 3), (dict(theirs), 3)) - sum(across) / 9) < 1e-9


def test_two_look_alike_stories_in_one_are_split_and_one_story_is_not():
    first = _reports(TOWNS_A, "Governor Mehdi Irannejad", "Sunday")
    second = _reports(TOWNS_B, "Governor Heydar Alishvandi", "Monday")
    groups = clusters.bisect(_vectors(first + second))
    assert groups is not None
    assert sorted(sorted(g) for g in groups) == [[0, 1, 2], [3, 4, 5]]
    # Reports of one quake differ by a town each: no two groups far apart.
    one = _reports(TOWNS_A + TOWNS_B, "Governor Mehdi Irannejad", "Sunday")
    assert clusters.bisect(_vectors(one)) is None


def test_the_nearest_report_chooses_the_story_and_a_distant_one_founds_a_new_story():
    found = [
        clusters.Candidate("s-near-on-average", mean=0.30, nearest=0.31),
        clusters.Candidate("s-holding-the-twin", mean=0.28, nearest=0.70),
    ]
    assert clusters.choose_story(found) == "s-holding-the-twin"
    far = [clusters.Candidate("s-same-kind", mean=0.15, nearest=clusters.NEAREST_JOIN / 2)]
    assert clusters.choose_story(far) is None
    assert clusters.choose_story([]) is None
