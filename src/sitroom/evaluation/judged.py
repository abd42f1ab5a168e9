"""The judged sentences: the default dataset scored against a careful coder, sentence by sentence.

The labels (`labels/judged_sentences.tsv`, `labels/judged_events.jsonl`, described in
`labels/JUDGED.md`) point into the development data by file and character offsets; the
articles are read from `data_dir` at run time and analysed whole (the sentence needs its
article: antecedents, dates, the page's section), as a user's ingest would.

The guidelines code one event per actor–recipient pair, so an event with several actors or
recipients ("Sanders and Clinton praised the unions") counts once for each distinct pair of
coded sides (code and sector) it holds; pairs with no code on either side are not in the
default dataset.

Scores, over the 200 sentences:

* ``judged_precision`` — share of the default dataset's events in the judged sentences whose
  PLOVER type matches an event the coder coded in that sentence (each gold event matched once);
* ``judged_recall`` — share of the coder's events found with the right type;
* ``judged_fully_right`` — share of the default dataset's events right in type, actor code,
  recipient code and date. The date compared is the one the text gives: the event's
  ``period`` (a day, or the month or year of its time expression); the publication-date
  fallback (``date_source`` "published") counts as no date, as the guidelines say;
* ``judged_news_recall`` — recall over the coder's events reported as news (not ``historical``),
  the ones the default dataset is meant to hold; ``judged_historical_recall`` — the coder's
  historical events found among the events sitroom keeps flagged ``historical`` (and that would
  otherwise be in the default dataset), which ``--historical`` shows;
* ``iaa_*`` — agreement of the two independent codings of items 1-50: Cohen's kappa on
  whether a sentence holds an event, F1 of one coder's typed events against the other's, and
  the share of events on which they agree fully.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.evaluation import MissingData
from sitroom.records import Document, in_default_dataset
from sitroom.runners import progress_bar

LABELS = "sitroom.evaluation.labels"


@dataclass(frozen=True)
class Item:
    """One judged sentence: where it is and what the coder coded there."""

    item: int
    source: str
    file: str
    start: int
    end: int
    sha1: str
    published: str


def read_items() -> list[Item]:
    """The judged sentences, in item order."""
    text = resources.files(LABELS).joinpath("judged_sentences.tsv").read_text(encoding="utf-8")
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    header, rows = lines[0], lines[1:]
    items = []
    for row in rows:
        record = dict(zip(header, row, strict=True))
        items.append(
            Item(int(record["item"]), record["source"], record["file"], int(record["start"]),
                 int(record["end"]), record["sha1"], record["published"])
        )  # fmt: skip
    return items


def read_labels(name: str) -> dict[int, dict[str, Any]]:
    """item -> {"events", "flagged", "note"} from one of the label files."""
    text = resources.files(LABELS).joinpath(name).read_text(encoding="utf-8")
    labels = {}
    for line in text.splitlines():
        if line.strip():
            record = json.loads(line)
            labels[int(record["item"])] = record
    return labels


def _page_urls(data_dir: Path) -> dict[str, str]:
    meta = json.loads((data_dir / "trafilatura_eval" / "evaldata.json").read_text("utf-8"))
    return {f"trafilatura_eval/tests/eval/{e['file']}.gz": url for url, e in meta.items()}


def read_article(data_dir: Path, item: Item) -> str:
    """The article text the item's offsets index (see labels/JUDGED.md)."""
    path = data_dir / item.file
    if item.source == "polnear":
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read()
    import trafilatura

    with gzip.open(path, "rb") as handle:
        html = handle.read().decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False) or ""


def _analyse(data_dir: Path, items: list[Item]) -> dict[str, Any]:
    """file -> the analysed Doc of its article (each article analysed once)."""
    from sitroom.pipeline import shared_pipeline

    urls = _page_urls(data_dir) if any(i.source != "polnear" for i in items) else {}
    documents: dict[str, Document] = {}
    for item in items:
        if item.file not in documents:
            text = read_article(data_dir, item)
            documents[item.file] = Document(
                id=item.file, text=text, url=urls.get(item.file), published=item.published or None
            )
    nlp = shared_pipeline()
    stream = ((d.text, {"doc_id": d.id, "published": d.published, "url": d.url})
              for d in documents.values())  # fmt: skip
    docs = nlp.pipe(stream, as_tuples=True, batch_size=8)
    return {doc._.doc_id: doc for doc, _ in progress_bar(docs, "judged", len(documents))}


def _text_date(event: dict[str, Any]) -> str | None:
    """The date the text gives the event: its period (a day, week, month or year)."""
    return event.get("period") if event.get("date_source") == "sentence" else None


def _code(entity: dict[str, Any] | None) -> str | None:
    return (entity or {}).get("code") or None


def _gold_code(value: str | None) -> str | None:
    return None if value in (None, "", "-") else value


def _fully_right(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (
        pred["event"] == gold["type"]
        and _code(pred.get("actor")) == _gold_code(gold.get("actor"))
        and _code(pred.get("recipient")) == _gold_code(gold.get("recipient"))
        and _text_date(pred) == _gold_code(gold.get("date"))
    )


def _match(preds: list[dict], golds: list[dict]) -> tuple[int, int]:
    """(type matches, fully-right matches), each gold event used once; full matches first."""
    left = list(golds)
    typed = full = 0
    for want_full in (True, False):
        for pred in [p for p in preds if not p.get("_matched")]:
            for gold in left:
                ok = _fully_right(pred, gold) if want_full else pred["event"] == gold["type"]
                if ok:
                    left.remove(gold)
                    pred["_matched"] = True
                    typed += 1
                    full += want_full
                    break
    return typed, full


def dyads(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The event once per distinct coded actor–recipient pair it holds."""
    pairs: dict[tuple, dict[str, Any]] = {}
    for actor in [event.get("actor"), *(event.get("co_actors") or [])]:
        for recipient in [event.get("recipient"), *(event.get("co_recipients") or [])]:
            if _code(actor) or _code(recipient):
                key = (_side(actor), _side(recipient))
                pairs.setdefault(key, {**event, "actor": actor, "recipient": recipient})
    return list(pairs.values())


def _side(entity: dict[str, Any] | None) -> tuple[str | None, str | None]:
    return _code(entity), (entity or {}).get("sector")


def _default_if_news(event: dict[str, Any]) -> bool:
    return in_default_dataset({**event, "historical": 0})


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def sentence_scores(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Precision, recall and fully-right share of the default dataset on the judged sentences."""
    items = read_items()[:limit] if limit else read_items()
    labels = read_labels("judged_events.jsonl")
    docs = _analyse(data_dir, items)
    counts = dict.fromkeys(("pred", "gold", "typed", "full", "news", "news_found", "past",
                            "past_found", "stale"), 0)  # fmt: skip
    for item in items:
        doc = docs[item.file]
        if hashlib.sha1(doc.text[item.start : item.end].encode()).hexdigest() != item.sha1:
            counts["stale"] += 1  # the data moved: the sentence is no longer where the label says
            continue
        events = [
            asdict(e) for e in doc._.events or [] if e.start < item.end and item.start < e.end
        ]
        golds = labels.get(item.item, {}).get("events", [])
        preds = [pair for e in events if in_default_dataset(e) for pair in dyads(e)]
        counts["pred"] += len(preds)
        counts["gold"] += len(golds)
        typed, full = _match(preds, golds)
        counts["typed"] += typed
        counts["full"] += full
        news = [g for g in golds if not g.get("historical")]
        counts["news"] += len(news)
        counts["news_found"] += _match([dict(p, _matched=False) for p in preds], news)[0]
        recalled = [g for g in golds if g.get("historical")]
        recalled_here = [e for e in events if e["historical"] and _default_if_news(e)]
        past = [pair for e in recalled_here for pair in dyads(e)]
        counts["past"] += len(recalled)
        counts["past_found"] += _match(past, recalled)[0]
    return {
        "judged_sentences": len(items) - counts["stale"],
        "judged_predicted": counts["pred"],
        "judged_gold": counts["gold"],
        "judged_precision": _ratio(counts["typed"], counts["pred"]),
        "judged_recall": _ratio(counts["typed"], counts["gold"]),
        "judged_fully_right": _ratio(counts["full"], counts["pred"]),
        "judged_news_recall": _ratio(counts["news_found"], counts["news"]),
        "judged_historical_recall": _ratio(counts["past_found"], counts["past"]),
    }


def agreement() -> dict[str, float | int]:
    """Agreement of the two independent codings of items 1-50."""
    first, second = read_labels("judged_events.jsonl"), read_labels("judged_events_second.jsonl")
    items = sorted(set(first) & set(second))
    both = {"yy": 0, "yn": 0, "ny": 0, "nn": 0}
    matched = full = n_a = n_b = 0
    for item in items:
        a, b = first[item]["events"], second[item]["events"]
        both[("y" if a else "n") + ("y" if b else "n")] += 1
        n_a, n_b = n_a + len(a), n_b + len(b)
        left = list(b)
        for event in a:
            same = next((g for g in left if g["type"] == event["type"]), None)
            if same is not None:
                left.remove(same)
                matched += 1
                keys = ("actor", "recipient", "date")
                full += all(_gold_code(event.get(k)) == _gold_code(same.get(k)) for k in keys)
    n = len(items)
    observed = (both["yy"] + both["nn"]) / n if n else 0.0
    p_yes = ((both["yy"] + both["yn"]) / n) * ((both["yy"] + both["ny"]) / n) if n else 0.0
    p_no = ((both["nn"] + both["ny"]) / n) * ((both["nn"] + both["yn"]) / n) if n else 0.0
    chance = p_yes + p_no
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return {
        "iaa_items": n,
        "iaa_sentence_kappa": round(kappa, 4),
        "iaa_type_f1": round(2 * matched / (n_a + n_b), 4) if n_a + n_b else 1.0,
        "iaa_full_agreement": round(full / max(n_a, n_b), 4) if max(n_a, n_b) else 1.0,
    }


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score the default dataset on the judged sentences and report the coders' agreement."""
    data_dir = Path(data_dir)
    if not (data_dir / "polnear").is_dir() or not (data_dir / "trafilatura_eval").is_dir():
        raise MissingData(f"{data_dir} has no PolNeAR or trafilatura evaluation data")
    return {**sentence_scores(data_dir, limit), **agreement()}
