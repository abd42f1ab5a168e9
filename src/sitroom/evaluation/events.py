"""Event coding measured on the event sentences of the development data.

Two checks, both read from `data_dir/event_sentences/` at run time:

(a) Coarse class agreement on `cameo_class_train.tsv` (``text<TAB>label``). The labels are
    coarse CAMEO classes; reading the data, 0 holds public statements and appeals ("expressed
    concern", "called on"), 1 intentions, consultations and praise ("will meet", "agreed to",
    "welcomed"), 2 material cooperation (aid, releases, ceasefires), 3 verbal conflict
    (investigations, demands, rejections, threats, charges), 4 material conflict (protests,
    arrests, attacks). PLOVER types map onto them as `CLASS_OF` says; 0 and 1 are merged
    (both hold verbal cooperation), and REQUEST counts for 0 or 3 because CAMEO files appeals
    under statements and demands under verbal conflict; SANCTION counts for 3 or 4 because the
    data files CAMEO's "reduce relations" (suspending aid, sanctions) under verbal conflict.
    A sentence's prediction is its most confident event that happened (not negated, not
    hypothetical): a sentence reporting only what did not or might happen counts as uncoded.
    We report accuracy over sentences where we code an event, coverage (share of sentences
    with any event) and both per gold class.
(b) Actor / recipient spans on `cameo_ner_train.txt` (one token per line, BIO tags S source,
    T target, R other; blank lines between sentences). The sentence text is rebuilt from the
    tokens; our event actors (and co-actors) are compared with S spans, recipients with T, by
    exact character span and by token overlap.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from sitroom.evaluation import MissingData
from sitroom.runners import progress_bar

CLASS_OF: dict[str, frozenset[int]] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), frozenset({0, 1})),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), frozenset({2})),
    "REQUEST": frozenset({0, 1, 3}),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN"), frozenset({3})),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), frozenset({4})),
    "SANCTION": frozenset({3, 4}),
}
GOLD_GROUP = {0: "01", 1: "01", 2: "2", 3: "3", 4: "4"}
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "'s", "’s", "n't", "%", "'"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "“"})


def _pipe(texts: list[str]) -> Iterator:
    from sitroom.pipeline import shared_pipeline

    nlp = shared_pipeline()
    stream = ((text, {"doc_id": f"s{i}", "published": None}) for i, text in enumerate(texts))
    docs = nlp.pipe(stream, as_tuples=True, batch_size=64)
    for doc, _ in progress_bar(docs, "events", len(texts)):
        yield doc


def read_class_data(path: Path, limit: int | None = None) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, sep, label = line.rpartition("\t")
        if sep and label.strip().isdigit():
            rows.append((text.strip(), int(label)))
    return rows[:limit] if limit else rows


def class_agreement(path: Path, limit: int | None = None) -> dict[str, float | int]:
    """Coarse class agreement, coverage and per-class numbers."""
    rows = read_class_data(path, limit)
    coded = correct = 0
    per_total: Counter[str] = Counter()
    per_coded: Counter[str] = Counter()
    per_correct: Counter[str] = Counter()
    for (_, label), doc in zip(rows, _pipe([t for t, _ in rows]), strict=True):
        group = GOLD_GROUP[label]
        per_total[group] += 1
        events = [e for e in doc._.events or [] if not (e.negated or e.hypothetical)]
        if not events:
            continue
        best = max(events, key=lambda e: e.confidence)
        coded += 1
        per_coded[group] += 1
        if label in CLASS_OF[best.event]:
            correct += 1
            per_correct[group] += 1
    result: dict[str, float | int] = {
        "class_sentences": len(rows),
        "class_coverage": round(coded / len(rows), 4) if rows else 0.0,
        "class_accuracy": round(correct / coded, 4) if coded else 0.0,
    }
    for group in sorted(per_total):
        result[f"class{group}_coverage"] = round(per_coded[group] / per_total[group], 4)
        result[f"class{group}_accuracy"] = (
            round(per_correct[group] / per_coded[group], 4) if per_coded[group] else 0.0
        )
    return result


def read_ner_data(path: Path, limit: int | None = None) -> list[list[tuple[str, str]]]:
    """Sentences of (token, BIO tag) pairs from a token-per-line file; blank lines separate."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition(" ")
        current.append((token or tag, tag if token else "O"))
    if current:
        sentences.append(current)
    return sentences[:limit] if limit else sentences


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text; return it with each token's character span."""
    text = ""
    offsets = []
    for i, token in enumerate(tokens):
        if i and token not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    return text, offsets


def gold_spans(
    tags: list[str], offsets: list[tuple[int, int]], roles: tuple[str, ...] = ("S", "T")
) -> set[tuple[str, int, int]]:
    """(role, start, end) character spans of the tagged roles (S actor, T recipient, R other)."""
    spans = set()
    role, start, end = None, 0, 0
    for tag, (t_start, t_end) in zip([*tags, "O"], [*offsets, (0, 0)], strict=True):
        kind, _, label = tag.partition("-")
        if role is not None and (kind != "I" or label != role):
            spans.add((role, start, end))
            role = None
        if kind == "B" and label in roles:
            role, start = label, t_start
        if role is not None:
            end = t_end
    return spans


def predicted_spans(doc, text: str) -> set[tuple[str, int, int]]:
    spans = set()
    for event in doc._.events or []:
        sides = (("S", [event.actor, *event.co_actors]), ("T", [event.recipient,
                 *event.co_recipients]))  # fmt: skip
        for role, entities in sides:
            for entity in entities:
                if entity is None or not entity.entity_text:
                    continue
                at = text.find(entity.entity_text)
                if at >= 0:
                    spans.add((role, at, at + len(entity.entity_text)))
    return spans


def _tokens_of(spans, offsets) -> set[tuple[str, int]]:
    return {
        (role, i)
        for role, start, end in spans
        for i, (t_start, t_end) in enumerate(offsets)
        if t_start < end and start < t_end
    }


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def role_spans(path: Path, limit: int | None = None) -> dict[str, float | int]:
    """Exact-span and token-overlap precision / recall / F1 for actor and recipient roles."""
    sentences = read_ner_data(path, limit)
    built = [detokenize([tok for tok, _ in s]) for s in sentences]
    counts = Counter()
    for sentence, (text, offsets), doc in zip(
        sentences, built, _pipe([t for t, _ in built]), strict=True
    ):
        gold = gold_spans([tag for _, tag in sentence], offsets)
        pred = predicted_spans(doc, text)
        counts["exact_tp"] += len(gold & pred)
        counts["exact_pred"] += len(pred)
        counts["exact_gold"] += len(gold)
        gold_tokens, pred_tokens = _tokens_of(gold, offsets), _tokens_of(pred, offsets)
        counts["token_tp"] += len(gold_tokens & pred_tokens)
        counts["token_pred"] += len(pred_tokens)
        counts["token_gold"] += len(gold_tokens)
    result: dict[str, float | int] = {"role_sentences": len(sentences)}
    for kind in ("exact", "token"):
        p, r, f = _f1(counts[f"{kind}_tp"], counts[f"{kind}_pred"], counts[f"{kind}_gold"])
        result.update({f"role_{kind}_precision": p, f"role_{kind}_recall": r,
                       f"role_{kind}_f1": f})  # fmt: skip
    return result


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Run both event checks on `data_dir/event_sentences`; `limit` caps sentences per file."""
    folder = Path(data_dir) / "event_sentences"
    classes, roles = folder / "cameo_class_train.tsv", folder / "cameo_ner_train.txt"
    if not classes.is_file() or not roles.is_file():
        raise MissingData(f"{folder} has no event sentence files")
    return {**class_agreement(classes, limit), **role_spans(roles, limit)}


if __name__ == "__main__":  # python -m sitroom.evaluation.events ../shared/data [limit]
    arguments = sys.argv[1:] or ["../shared/data"]
    size = int(arguments[1]) if len(arguments) > 1 else None
    for name, value in evaluate(Path(arguments[0]), size).items():
        print(f"{name}\t{value}")
