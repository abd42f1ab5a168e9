"""Actor suite: are the participants of news events found as actors?

Reads `event_sentences/cameo_ner_train.txt` under the data directory (ConfliBERT's CAMEO
sentences, one token per line with BIO tags: `S` source actor, `T` target actor, `R` other).
Each sentence is rebuilt from its tokens as the event suite rebuilds it (the same reader) and
goes through the sitroom pipeline with no publication date.

Metrics:
    participant_recall   headline: gold S and T spans holding at least one actor mention token
    coded_recall         gold S and T spans whose actor has a country or IGO code
    mention_precision    actor mentions lying inside any gold S, T or R span (a lower bound:
                         the gold marks event participants only, not every actor)
    sentences, participants   counts
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from sitroom.evaluation import MissingData
from sitroom.evaluation.events import detokenize, gold_spans, read_ner_data

PATH = Path("event_sentences") / "cameo_ner_train.txt"
Span = tuple[int, int, str]  # start char, end char, role


def read_sentences(path: Path, limit: int | None = None) -> list[tuple[str, list[Span]]]:
    """Sentences as (text, gold spans), read and rebuilt exactly as the event suite does."""
    sentences = []
    for tagged in read_ner_data(path, limit):
        text, offsets = detokenize([token for token, _ in tagged])
        spans = gold_spans([tag for _, tag in tagged], offsets, roles=("S", "T", "R"))
        sentences.append((text, sorted((start, end, role) for role, start, end in spans)))
    return sentences


def score(nlp: Language, sentences: list[tuple[str, list[Span]]]) -> dict[str, float | int]:
    """The suite's metrics for already-read sentences, with pipeline `nlp`."""
    participants = found = coded = mentions = inside = 0
    stream = ((text, {"doc_id": str(i)}) for i, (text, _) in enumerate(sentences))
    for (doc, _), (_, gold) in zip(nlp.pipe(stream, as_tuples=True), sentences, strict=True):
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
    return {
        "participant_recall": round(found / max(participants, 1), 4),
        "coded_recall": round(coded / max(participants, 1), 4),
        "mention_precision": round(inside / max(mentions, 1), 4),
        "sentences": len(sentences),
        "participants": participants,
    }


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score the actor layer on the CAMEO participant spans under `data_dir`."""
    path = Path(data_dir) / PATH
    if not path.is_file():
        raise MissingData(str(PATH))
    from sitroom.pipeline import shared_pipeline

    sentences = read_sentences(path, limit)
    return score(shared_pipeline(), sentences)
