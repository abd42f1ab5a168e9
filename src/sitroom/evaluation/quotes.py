"""Quote evaluation on the PolNeAR dev split (`<data_dir>/polnear/dev`).

PolNeAR annotates attributions in brat standoff: `Source`, `Cue` and `Content` text spans joined
by an `E` line. How its annotation is compared with ours:

- **One copy per article.** dev holds several annotators' copies of some articles
  (`<article>_<annotator>.ann`); the copy whose annotator suffix sorts first is used.
- **Content units.** A Content may be discontinuous. Its fragments are joined into one unit when
  only spaces and punctuation separate them (sentences of one quote, a quote reopened in the next
  paragraph) and kept apart when words separate them ("“A,” he said. “B”" gives two units). This
  is the convention of `sitroom.pipeline.quotes`: one quote per pair of marks.
- **Direct quotes.** A unit is a gold direct quote when it starts with an opening quotation mark
  and ends with a closing one (trailing punctuation aside). PolNeAR spans include the marks and
  the comma before the attribution; ours do not, so marks, spaces and a trailing comma are
  trimmed from gold spans before comparing.
- **Matching.** A prediction matches a gold unit when their overlap is at least half of the
  longer of the two spans; matching is one-to-one, largest overlaps first.
- **Partial quotes.** A predicted direct quote that matches no gold direct quote but lies (by at
  least half its length) inside a gold reported-speech Content — quoted words inside reported
  speech, which PolNeAR does not annotate on their own — counts neither for nor against
  precision; their number is reported as `direct_partial`.
- **Speaker.** Over matched direct quotes with a gold Source: correct when our speaker words
  overlap the gold Source, when the gold Source text equals our speaker's words or name or is
  its last word, or when the gold Source is a mention of (or refers to) the actor we resolved —
  so a gold pronoun Source ("he") and our named speaker agree when they are the same actor.
- **All attributions.** Recall over every gold unit (direct and reported), any prediction;
  `reported_precision` is the share of our reported-speech quotes that match some gold unit.
  PolNeAR also annotates attributions that are not speech ("polls show", "he believes"),
  which this layer does not look for, so `all_recall` stays well below the direct scores.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from sitroom.evaluation import MissingData
from sitroom.pipeline import actors
from sitroom.pipeline.quotes import Attribution, attributions
from sitroom.runners import progress_bar

_MARKS = "\"“”‘’'"
_OPENING = "\"“‘'"
_CLOSING = "\"”’'"


@dataclass
class GoldUnit:
    """One contiguous piece of an attribution's content, with the attribution's source spans."""

    start: int
    end: int
    direct: bool
    sources: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Article:
    """One PolNeAR article: its text, publication date and gold content units."""

    name: str
    text: str
    published: str | None
    units: list[GoldUnit]


def _spans(field_text: str) -> list[tuple[int, int]]:
    """Read "Label 10 20;30 40" into [(10, 20), (30, 40)]."""
    _, _, offsets = field_text.partition(" ")
    return [tuple(int(x) for x in part.split()) for part in offsets.split(";")]  # type: ignore[misc]


def read_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """The attributions of a brat file, each as {"Content": spans, "Source": spans, "Cue": …}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = (parts[1].split(" ")[0], _spans(parts[1]))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            links.append(roles)
    result = []
    for roles in links:
        item = {role: spans[ref][1] for role, ref in roles.items() if ref in spans}
        if "Content" in item:
            result.append(item)
    return result


def _trim_gold(text: str, start: int, end: int) -> tuple[int, int]:
    """Gold span without marks, space and trailing comma (the convention of our quotes)."""
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS + ","):
        end -= 1
    return start, end


def _is_direct(text: str, start: int, end: int) -> bool:
    piece = text[start:end].strip()
    piece = re.sub(r"[\s.,;:!?—–-]+$", "", piece)
    return len(piece) > 2 and piece[0] in _OPENING and piece[-1] in _CLOSING


def units_of(text: str, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Group content fragments: joined across punctuation and space, split across words."""
    groups: list[list[int]] = []
    for start, end in sorted(content):
        if groups and not re.search(r"\w", text[groups[-1][1] : start]):
            groups[-1][1] = max(groups[-1][1], end)
        else:
            groups.append([start, end])
    return [(a, b) for a, b in groups]


def _metadata(root: Path) -> dict[str, str]:
    """Publication date by article name, from metadata.tsv."""
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            r["filename"]: r["publication_date"]
            for r in rows
            if r.get("publication_date") not in (None, "", "None")
        }


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    """The dev articles (one annotator's copy each) with their gold units."""
    root = Path(data_dir) / "polnear"
    dev = root / "dev"
    if not (dev / "text").is_dir() or not (dev / "attributions").is_dir():
        raise MissingData(f"no PolNeAR dev split under {root}")
    dates = _metadata(root)
    chosen: dict[str, Path] = {}
    for ann in sorted((dev / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(name, ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text_path = dev / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(name, text, dates.get(name), _gold_units(text, read_ann(ann))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _gold_units(text: str, items: list[dict[str, list[tuple[int, int]]]]) -> list[GoldUnit]:
    by_span: dict[tuple[int, int], GoldUnit] = {}
    for item in items:
        for start, end in units_of(text, item["Content"]):
            unit = by_span.setdefault(
                (start, end), GoldUnit(start, end, _is_direct(text, start, end))
            )
            unit.sources.extend(item.get("Source", []))
    return list(by_span.values())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def half_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap by at least half of the longer one."""
    longer = max(a[1] - a[0], b[1] - b[0])
    return longer > 0 and 2 * _overlap(a, b) >= longer


def match(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one half-overlap matching, largest overlaps first: (predicted index, gold index)."""
    pairs = [
        (_overlap(p, g), i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if half_overlap(p, g)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    result = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            result.append((i, j))
    return result


def speaker_correct(doc: Doc, found: Attribution, sources: list[tuple[int, int]]) -> bool:
    """Whether our speaker is the gold Source (see the module docstring for what counts)."""
    quote = found.quote
    if found.speaker_start is not None and found.speaker_end is not None:
        if any(_overlap((found.speaker_start, found.speaker_end), s) for s in sources):
            return True
    names = {n.lower() for n in (quote.speaker_text, quote.speaker and quote.speaker.name) if n}
    for start, end in sources:
        gold = doc.text[start:end].strip().lower()
        if gold in names or any(n.split()[-1:] == [gold.split()[-1]] for n in names if gold):
            return True
    if quote.speaker is None or quote.speaker.id is None:
        return False
    for actor in doc._.actors or []:
        if actor.id == quote.speaker.id and any(
            _overlap((m.start, m.end), s) for m in actor.mentions for s in sources
        ):
            return True
    for start, end in sources:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in (span.root, *span):
            actor = actors.actor_at(doc, token.i) or actors.resolve_reference(doc, token.i)
            if actor is not None and actor.id == quote.speaker.id:
                return True
    return False


@dataclass
class Tally:
    """Counts summed over articles."""

    gold_direct: int = 0
    pred_direct: int = 0
    matched_direct: int = 0
    partial: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    gold_all: int = 0
    matched_all: int = 0
    pred_all: int = 0
    pred_reported: int = 0
    matched_reported: int = 0

    def add(self, doc: Doc, article: Article) -> None:
        """Score one analysed article."""
        found = attributions(doc)
        direct = [a for a in found if a.quote.direct]
        gold_direct = [u for u in article.units if u.direct]
        gold_spans = [_trim_gold(article.text, u.start, u.end) for u in gold_direct]
        pred_spans = [(a.quote.start, a.quote.end) for a in direct]
        pairs = match(pred_spans, gold_spans)
        matched_pred = {i for i, _ in pairs}
        reported = [(u.start, u.end) for u in article.units if not u.direct]
        for i, span in enumerate(pred_spans):
            inside = any(2 * _overlap(span, r) >= span[1] - span[0] for r in reported)
            if i not in matched_pred and inside:
                self.partial += 1
        self.gold_direct += len(gold_direct)
        self.pred_direct += len(direct)
        self.matched_direct += len(pairs)
        for i, j in pairs:
            if gold_direct[j].sources:
                self.speaker_checked += 1
                self.speaker_right += speaker_correct(doc, direct[i], gold_direct[j].sources)
        all_gold = [
            _trim_gold(article.text, u.start, u.end) if u.direct else (u.start, u.end)
            for u in article.units
        ]
        self.gold_all += len(all_gold)
        self.pred_all += len(found)
        self.matched_all += len(match([(a.quote.start, a.quote.end) for a in found], all_gold))
        reported = [(a.quote.start, a.quote.end) for a in found if not a.quote.direct]
        self.pred_reported += len(reported)
        self.matched_reported += sum(any(half_overlap(r, g) for g in all_gold) for r in reported)

    def metrics(self, documents: int) -> dict[str, float | int]:
        """The flat metrics reported by `evaluate`."""
        judged = self.pred_direct - self.partial
        precision = self.matched_direct / judged if judged else 0.0
        recall = self.matched_direct / self.gold_direct if self.gold_direct else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "documents": documents,
            "direct_precision": round(precision, 4),
            # Counting partial quotes inside reported speech as wrong as well:
            "direct_precision_strict": round(
                self.matched_direct / self.pred_direct if self.pred_direct else 0.0, 4
            ),
            "direct_recall": round(recall, 4),
            "direct_f1": round(f1, 4),
            "speaker_accuracy": round(
                self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0, 4
            ),
            "all_recall": round(self.matched_all / self.gold_all if self.gold_all else 0.0, 4),
            "reported_precision": round(
                self.matched_reported / self.pred_reported if self.pred_reported else 0.0, 4
            ),
            "gold_direct": self.gold_direct,
            "predicted_direct": self.pred_direct,
            "matched_direct": self.matched_direct,
            "direct_partial": self.partial,
            "speaker_checked": self.speaker_checked,
            "gold_all": self.gold_all,
            "predicted_all": self.pred_all,
        }


def analysed(articles: list[Article]) -> Iterator[tuple[Doc, Article]]:
    """Run the shared pipeline over the articles, in order."""
    from sitroom.pipeline import shared_pipeline

    nlp = shared_pipeline()
    stream = (
        (a.text, {"doc_id": a.name, "published": a.published, "article": a}) for a in articles
    )
    for doc, context in nlp.pipe(stream, as_tuples=True, batch_size=8):
        yield doc, context["article"]


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Direct-quote P/R/F1, speaker accuracy and all-attribution recall on PolNeAR dev."""
    articles = load_articles(Path(data_dir), limit)
    tally = Tally()
    for doc, article in progress_bar(analysed(articles), "quotes", len(articles)):
        tally.add(doc, article)
    return tally.metrics(len(articles))
