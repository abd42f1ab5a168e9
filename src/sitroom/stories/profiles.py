"""What a document reports, as weighted terms: the words of its title and body that can tell one
story from another (names above all), the actors it mentions and the kinds of event it codes.

Profiles hold raw term frequencies; `weigh` turns them into TF-IDF vectors with the document
frequencies of everything stored so far, so rare names count for more than common words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from spacy.lang.en.stop_words import STOP_WORDS

# Words that are not stop words in general but say nothing about which story a report tells.
NEWS_WORDS = frozenset(
    "said says told according reported report reports news people year years time week"
    " month day today yesterday monday tuesday wednesday thursday friday saturday sunday"
    " january february march april may june july august september october november december"
    " percent mr mrs ms dr new like just also including".split()
)
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_SENTENCE_END = re.compile(r"[.!?:\"”]\s*$")

# Weights: a capitalised word inside a sentence is most likely a name, and names separate
# look-alike stories (two earthquakes, two rehab admissions); the title states the story.
NAME_WEIGHT = 2.0
TITLE_WEIGHT = 2.0
ACTOR_WEIGHT = 1.5
EVENT_WEIGHT = 0.5
BODY_CHARS = 6000  # the lead carries the story; long tails add noise and time


def document_terms(
    title: str | None,
    text: str,
    actor_ids: Iterable[str] = (),
    event_types: Iterable[str] = (),
) -> dict[str, float]:
    """Raw term weights for one document (before IDF)."""
    counts: Counter[str] = Counter()
    for word, is_name in _words(text[:BODY_CHARS]):
        counts[word] += NAME_WEIGHT if is_name else 1.0
    for word, _ in _words(title or ""):
        counts[word] += TITLE_WEIGHT
    for actor_id in actor_ids:
        counts[f"actor:{actor_id}"] += ACTOR_WEIGHT
    for event_type in event_types:
        counts[f"event:{event_type}"] += EVENT_WEIGHT
    return {term: round(1.0 + math.log(count), 4) for term, count in counts.items() if count > 0}


def _words(text: str) -> Iterable[tuple[str, bool]]:
    """(lower-cased word, looks like a name) for each content word of `text`."""
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group().lower().strip("'’-")
        before = text[previous_end : match.start()]
        previous_end = match.end()
        if len(word) < 3 or word in STOP_WORDS or word in NEWS_WORDS:
            continue
        starts_sentence = (
            match.start() == 0
            or "\n" in before
            or bool(_SENTENCE_END.search(text[max(0, match.start() - 3) : match.start()]))
        )
        yield word, match.group()[0].isupper() and not starts_sentence


def idf(documents: int, frequency: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((documents + 1) / (frequency + 1)) + 1.0


def weigh(terms: Mapping[str, float], frequencies: Mapping[str, int], documents: int) -> dict:
    """TF-IDF weights, normalised to unit length."""
    weighted = {t: w * idf(documents, frequencies.get(t, 0)) for t, w in terms.items()}
    norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
    return {t: w / norm for t, w in weighted.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_terms(weights: Mapping[str, float], count: int) -> list[str]:
    """The `count` heaviest terms, heaviest first (ties by name, so the order is stable)."""
    return [t for t, _ in sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[:count]]
