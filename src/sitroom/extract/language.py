"""The language a document is written in, detected offline from its text (py3langid).

The English pipeline analyses English only: a German page run through it turns "dem" and
"diese" into actors and the article "un" into the United Nations. Each document's language is
detected here, stored, and `pipeline.analyze` leaves documents in other languages unanalysed
(with a note saying so).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Enough text to decide on, and no more: the first few paragraphs say which language it is.
SAMPLE_CHARS = 4000
# Below this many words, or this probability, the detector is guessing: keep what the page
# declared instead (None when it declared nothing).
MIN_WORDS = 8
MIN_PROBABILITY = 0.5


@cache
def _identifier() -> Any:
    # Loading the model (shipped inside the package, nothing is downloaded) takes a few
    # seconds, so it is done once per process, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, title: str | None = None) -> tuple[str | None, float]:
    """ISO 639-1 code of the language of `text` (with its title), and the detector's
    probability; (None, probability) when the text is too short or the detector unsure."""
    sample = f"{title}\n{text}" if title else text
    sample = sample[:SAMPLE_CHARS]
    if len(re.findall(r"\w+", sample)) < MIN_WORDS:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY:
        return None, float(probability)
    return str(code), float(probability)


def declared_language(value: object) -> str | None:
    """The primary language subtag of a declared language ("en-GB" -> "en"), or None."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return match.group(1).lower() if match else None


def document_language(text: str, title: str | None, declared: object = None) -> str | None:
    """The detected language, else the declared one, else None (unknown)."""
    detected, _ = detect_language(text, title)
    return detected or declared_language(declared)
