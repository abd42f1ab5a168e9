"""Actor suite: are the participants of news events found as actors, with the right codes?

Reads `event_sentences/cameo_ner_train.txt` under the data directory (ConfliBERT's CAMEO
sentences, one token per line with BIO tags: `S` source actor, `T` target actor, `R` other).
Each sentence is rebuilt from its tokens as the event suite rebuilds it (the same reader) and
goes through the sitroom pipeline with no publication date. The project's hand labels
(`labels/actor_spans.tsv`: the codes of 200 of those spans; `labels/place_mentions.tsv`: the
countries of 100 town and region mentions in PolNeAR articles) score the codes themselves.

Metrics:
    participant_recall   gold S and T spans holding at least one actor mention token
    coded_recall         headline: gold S and T spans whose actor has a country or IGO code
    mention_precision    actor mentions lying inside any gold S, T or R span (a lower bound:
                         the gold marks event participants only, not every actor)
    code_accuracy        labelled spans whose code sitroom gives (the first coded actor in the
                         span; "-" labels are right when no actor in the span has a code)
    place_accuracy       labelled place mentions whose country sitroom gives (non-places are
                         right when it gives none)
    sentences, participants, labelled_spans, labelled_places   counts
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.evaluation import MissingData
from sitroom.evaluation.events import detokenize, gold_spans, read_ner_data

PATH = Path("event_sentences") / "cameo_ner_train.txt"
Span = tuple[int, int, str]  # start char, end char, role


@dataclass(frozen=True)
class SpanLabel:
    """A hand-labelled gold span: sentence index, token range, role and the code it deserves."""

    id: str
    sentence: int
    start: int
    end: int
    role: str
    check: str
    code: str  # ISO3 / IGO / NGO / MNC, or "-" when the sentence grounds no code
    sector: str


@dataclass(frozen=True)
class PlaceLabel:
    """A hand-labelled place mention: article path, character range, country ("-": no place)."""

    id: str
    path: str
    start: int
    end: int
    check: str
    country: str


def _label_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("sitroom.evaluation").joinpath("labels", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def span_labels() -> list[SpanLabel]:
    """The hand labels of gold actor spans shipped with the project."""
    return [
        SpanLabel(
            r["id"],
            int(r["sentence"]),
            int(r["start"]),
            int(r["end"]),
            r["role"],
            r["check"],
            r["code"] or "-",
            r.get("sector") or "",
        )  # fmt: skip
        for r in _label_rows("actor_spans.tsv")
    ]


def place_labels() -> list[PlaceLabel]:
    """The hand labels of place mentions shipped with the project."""
    return [
        PlaceLabel(
            r["id"], r["path"], int(r["start"]), int(r["end"]), r["check"], r["country"] or "-"
        )  # fmt: skip
        for r in _label_rows("place_mentions.tsv")
    ]


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def read_tagged(path: Path, limit: int | None = None) -> list[tuple[str, list[Span], list]]:
    """Sentences as (text, gold spans, token character offsets), as the event suite reads them."""
    sentences = []
    for tagged in read_ner_data(path, limit):
        tokens = [token for token, _ in tagged]
        text, offsets = detokenize(tokens)
        spans = gold_spans([tag for _, tag in tagged], offsets, roles=("S", "T", "R"))
        sentences.append((text, sorted((s, e, role) for role, s, e in spans), offsets, tokens))
    return sentences


def read_sentences(path: Path, limit: int | None = None) -> list[tuple[str, list[Span]]]:
    """Sentences as (text, gold spans), read and rebuilt exactly as the event suite does."""
    return [(text, spans) for text, spans, _, _ in read_tagged(path, limit)]


def span_code(doc: Doc, start: int, end: int) -> str:
    """The code sitroom gives the text between two character offsets: the first coded actor
    mention inside it, "-" when there is none."""
    by_id = {a.id: a for a in doc._.actors}
    token_actor = doc._.token_actor
    for token in doc:
        if start <= token.idx < end and token.i in token_actor:
            actor = by_id[token_actor[token.i]]
            if actor.code:
                return actor.code
    return "-"


def score(
    nlp: Language,
    sentences: list[tuple[str, list[Span]]],
    labels: dict[int, list[tuple[int, int, str]]] | None = None,
) -> dict[str, float | int]:
    """The suite's metrics for already-read sentences, with pipeline `nlp`.

    `labels` maps a sentence index to its labelled (start char, end char, code) spans.
    """
    labels = labels or {}
    participants = found = coded = mentions = inside = labelled = right = 0
    stream = ((text, {"doc_id": str(i)}) for i, (text, _) in enumerate(sentences))
    pairs = zip(nlp.pipe(stream, as_tuples=True), sentences, strict=True)
    for number, ((doc, _), (_, gold)) in enumerate(pairs):
        by_id = {a.id: a for a in doc._.actors}
        token_actor = doc._.token_actor
        for start, end, role in gold:
            if role not in {"S", "T"}:
                continue
            participants += 1
            ids = {token_actor[t.i] for t in doc if start <= t.idx < end and t.i in token_actor}
            found += bool(ids)
            coded += any(by_id[i].code for i in ids)
        for actor in doc._.actors:
            for m in actor.mentions:
                mentions += 1
                inside += any(s <= m.start and m.end <= e for s, e, _ in gold)
        for start, end, code in labels.get(number, []):
            labelled += 1
            right += span_code(doc, start, end) == code
    result: dict[str, float | int] = {
        "participant_recall": round(found / max(participants, 1), 4),
        "coded_recall": round(coded / max(participants, 1), 4),
        "mention_precision": round(inside / max(mentions, 1), 4),
        "sentences": len(sentences),
        "participants": participants,
    }
    if labelled:
        result["code_accuracy"] = round(right / labelled, 4)
        result["labelled_spans"] = labelled
    return result


def labels_by_sentence(
    tagged: list[tuple[str, list[Span], list, list]], labels: list[SpanLabel]
) -> dict[int, list[tuple[int, int, str]]]:
    """Labelled spans as character ranges per sentence; a label whose words changed is an error."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for label in labels:
        if label.sentence >= len(tagged):
            continue
        _, _, offsets, tokens = tagged[label.sentence]
        if _sha(" ".join(tokens[label.start : label.end])) != label.check:
            raise MissingData(f"label {label.id} no longer matches its sentence")
        start, end = offsets[label.start][0], offsets[label.end - 1][1]
        found.setdefault(label.sentence, []).append((start, end, label.code))
    return found


def place_score(nlp: Language, data_dir: Path, labels: list[PlaceLabel]) -> dict[str, float]:
    """Share of labelled place mentions whose country sitroom gives, reading each article once."""
    from sitroom.pipeline.actors import place_of
    from sitroom.pipeline.build import make_doc
    from sitroom.records import Document

    by_path: dict[str, list[PlaceLabel]] = {}
    for label in labels:
        by_path.setdefault(label.path, []).append(label)
    right = total = 0
    for path, items in sorted(by_path.items()):
        file = Path(data_dir) / path
        if not file.is_file():
            raise MissingData(path)
        text = file.read_text("utf-8")
        doc = make_doc(nlp, Document(id=path, text=text))
        for label in items:
            if _sha(text[label.start : label.end]) != label.check:
                raise MissingData(f"label {label.id} no longer matches its article")
            total += 1
            right += (place_of(doc, label.start, label.end) or "-") == label.country
    return {"place_accuracy": round(right / max(total, 1), 4), "labelled_places": total}


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score the actor layer on the CAMEO participant spans and the hand labels."""
    path = Path(data_dir) / PATH
    if not path.is_file():
        raise MissingData(str(PATH))
    from sitroom.pipeline.build import shared_pipeline

    nlp = shared_pipeline()
    tagged = read_tagged(path, limit)
    labels = labels_by_sentence(tagged, span_labels())
    result = score(nlp, [(text, spans) for text, spans, _, _ in tagged], labels)
    places = place_labels()
    if limit is None and places and (Path(data_dir) / places[0].path).is_file():
        result.update(place_score(nlp, data_dir, places))
    return result
