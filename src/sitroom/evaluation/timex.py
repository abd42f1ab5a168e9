"""Time suite: TIMEX3 spans and values on TimeBank + AQUAINT (TempEval-3 training data, TimeML).

Reads `timeml/TBAQ-cleaned/*/*.tml` under the data directory. For each document the creation
time (`<DCT>`) is the publication date, and the plain text of `<TEXT>` goes through the sitroom
pipeline; the gold `<TIMEX3>` elements inside `<TEXT>` are compared with `doc._.dates`.

Metrics:
    span_recall            gold expressions (all types) overlapped by a found one
    span_precision         found expressions that overlap a gold one
    value_accuracy         headline: gold DATE/TIME expressions whose overlapping found
                           expression has exactly the gold value, over those that were found
    value_accuracy_all     the same, over all gold DATE/TIME expressions (misses count wrong)
    type_accuracy          found type equals gold type, over matched gold expressions

Gold ISO weeks written with one digit ("2000-W7") are compared as "2000-W07".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from sitroom.evaluation import MissingData
from sitroom.records import Document, TimeExpr
from sitroom.runners import progress_bar

FOLDER = Path("timeml") / "TBAQ-cleaned"


@dataclass
class GoldTimex:
    """One annotated expression of a TimeML document."""

    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass
class TimeMLDocument:
    """The plain text of a TimeML document, its creation date and its gold expressions."""

    id: str
    text: str
    dct: str
    gold: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one .tml file: the text of `<TEXT>` with the offsets of its TIMEX3 elements."""
    root = ElementTree.parse(path).getroot()
    dct_element = root.find("DCT/TIMEX3")
    text_element = root.find("TEXT")
    if dct_element is None or text_element is None:
        raise ValueError(f"{path.name}: no DCT or TEXT element")
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    _flatten(text_element, pieces, gold)
    return TimeMLDocument(path.stem, "".join(pieces), dct_element.get("value", ""), gold)


def _flatten(element: ElementTree.Element, pieces: list[str], gold: list[GoldTimex]) -> None:
    """Append the text under `element` to `pieces`, recording TIMEX3 offsets as they pass."""
    start = sum(len(p) for p in pieces)
    if element.text:
        pieces.append(element.text)
    for child in element:
        _flatten(child, pieces, gold)
        if child.tail:
            pieces.append(child.tail)
    if element.tag == "TIMEX3":
        end = sum(len(p) for p in pieces)
        text = "".join(pieces)[start:end]
        value = _canonical(element.get("value", ""))
        gold.append(GoldTimex(start, end, text, value, element.get("type", "")))


def _canonical(value: str) -> str:
    """Write gold ISO weeks with two digits ("2000-W7" -> "2000-W07"), as TIMEX3 asks."""
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def load(data_dir: Path, limit: int | None = None) -> list[TimeMLDocument]:
    """The TimeML documents under `data_dir`, in a stable order; raises MissingData."""
    folder = Path(data_dir) / FOLDER
    paths = sorted(folder.glob("*/*.tml")) if folder.is_dir() else []
    if not paths:
        raise MissingData(f"no TimeML files under {folder}")
    return [read_timeml(p) for p in paths[:limit]]


def predict(documents: list[TimeMLDocument]) -> Iterator[list[TimeExpr]]:
    """Run the shared pipeline (up to the time layer) on each document, with its DCT."""
    from sitroom.pipeline import context_for, shared_pipeline

    nlp = shared_pipeline()
    # Layers after the time layer cannot change its output; skip them to save time.
    names = nlp.pipe_names
    later = names[names.index("sitroom_timex") + 1 :]
    stream = (
        (d.text, context_for(Document(id=d.id, text=d.text, published=d.dct))) for d in documents
    )
    with nlp.select_pipes(disable=later):
        for doc, _ in nlp.pipe(stream, as_tuples=True, batch_size=16):
            yield list(doc._.dates or [])


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score(
    documents: list[TimeMLDocument], predictions: list[list[TimeExpr]]
) -> tuple[dict[str, float | int], list[tuple[str, GoldTimex, TimeExpr | None]]]:
    """Metrics for `predictions`, and per gold DATE/TIME expression (doc id, gold, found)."""
    gold_total = found_total = found_matched = gold_matched = 0
    dt_total = dt_matched = dt_correct = type_correct = 0
    details: list[tuple[str, GoldTimex, TimeExpr | None]] = []
    for document, found in zip(documents, predictions, strict=True):
        gold = document.gold
        gold_total += len(gold)
        found_total += len(found)
        found_matched += sum(
            any(_overlap(f.start, f.end, g.start, g.end) for g in gold) for f in found
        )
        for g in gold:
            best = max(found, key=lambda f: _overlap(f.start, f.end, g.start, g.end), default=None)
            if best is not None and not _overlap(best.start, best.end, g.start, g.end):
                best = None
            gold_matched += best is not None
            if g.type not in ("DATE", "TIME"):
                continue
            dt_total += 1
            details.append((document.id, g, best))
            if best is not None:
                dt_matched += 1
                dt_correct += best.value == g.value
                type_correct += best.type == g.type
    metrics: dict[str, float | int] = {
        "value_accuracy": _ratio(dt_correct, dt_matched),
        "value_accuracy_all": _ratio(dt_correct, dt_total),
        "type_accuracy": _ratio(type_correct, dt_matched),
        "span_recall": _ratio(gold_matched, gold_total),
        "span_precision": _ratio(found_matched, found_total),
        "documents": len(documents),
        "gold": gold_total,
        "gold_date_time": dt_total,
        "matched_date_time": dt_matched,
        "found": found_total,
    }
    return metrics, details


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score the time layer on TimeBank + AQUAINT under `data_dir` (see module docstring).

    Args:
        data_dir: the development data folder (holding `timeml/TBAQ-cleaned`).
        limit: evaluate only the first `limit` documents.

    Raises:
        MissingData: the TimeML folder is absent.
    """
    documents = load(data_dir, limit)
    predictions = list(progress_bar(predict(documents), "time", len(documents)))
    metrics, _ = score(documents, predictions)
    return metrics
