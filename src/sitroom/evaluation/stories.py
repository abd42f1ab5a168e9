"""Stories suite: story clustering and cross-document happenings on ECB+ (topics under
`ecbplus/ECB+/`, CROMER XML read at run time).

Each topic holds two different real-world stories of the same kind (the `ecb` and `ecbplus`
halves: two earthquakes, two rehab admissions). Every document is rebuilt from its tokens (one
sentence per paragraph), analysed, stored in a throw-away database in file order, and placed by
`sitroom.stories.update`, exactly as an ingest would.

Metrics:
    story_b3_precision/recall/f1     B-cubed over documents against the topic halves
    topic_baseline_b3_f1             the same for "one story per topic"
    happening_precision/recall/f1    pairs of sitroom events in different documents that match
                                     gold action mentions (same sentence, a shared trigger
                                     word), same happening vs the gold cross-document chains
    happening_f1_gold_stories        the same with the happenings placed again within the gold
                                     stories (the happening rule alone, story errors aside)
    lemma_baseline_f1                the same pairs, "same trigger lemma = same happening"
    documents, stories, matched_events   counts
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.evaluation import MissingData
from sitroom.records import Document

if TYPE_CHECKING:
    from sitroom.store import Store

PATH = Path("ecbplus") / "ECB+"
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|''|'|”|’)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "“", "‘"}


@dataclass
class GoldDocument:
    """One ECB+ document: its text, the story it belongs to, and its gold action mentions."""

    name: str
    story: str
    topic: str
    text: str
    sentences: dict[int, tuple[int, int]]  # sentence number -> char span
    # gold action mentions: (sentence, set of lower-cased trigger words, chain id)
    actions: list[tuple[int, set[str], str]] = field(default_factory=list)


def read_document(path: Path) -> GoldDocument:
    """Rebuild one CROMER file's text (a sentence per paragraph) with its gold mentions."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    token_at: dict[str, tuple[int, str, int]] = {}  # t_id -> (sentence, text, char start)
    sentences: dict[int, tuple[int, int]] = {}
    # A number's point or comma is a token of its own ("5", ".", "9"): it takes no spaces.
    position, current, previous, before_previous = 0, None, None, ""
    for token in root.iter("token"):
        sentence, word = int(token.get("sentence", 0)), token.text or ""
        word = {"``": "“", "''": "”"}.get(word, word)
        if sentence != current:
            if current is not None:
                sentences[current] = (sentences[current][0], position)
                pieces.append("\n\n")
                position += 2
            sentences[sentence] = (position, position)
            current, previous, before_previous = sentence, None, ""
        elif not (
            _NO_SPACE_BEFORE.match(word)
            or previous in _NO_SPACE_AFTER
            or _in_number(before_previous, previous, word)
        ):
            pieces.append(" ")
            position += 1
        token_at[token.get("t_id", "")] = (sentence, word, position)
        pieces.append(word)
        position += len(word)
        before_previous, previous = previous or "", word
    if current is not None:
        sentences[current] = (sentences[current][0], position)
    name = path.name
    topic = name.split("_")[0]
    doc = GoldDocument(
        name=name,
        story=f"{topic}{'plus' if 'ecbplus' in name else ''}",
        topic=topic,
        text="".join(pieces),
        sentences=sentences,
    )
    doc.actions = _actions(root, token_at)
    return doc


def _in_number(before: str, mark: str | None, word: str) -> bool:
    """A decimal point ("5", ".", "9") or a thousands comma ("2", ",", "000") between digits."""
    if not (before.isdigit() and word.isdigit()):
        return False
    return mark == "." or (mark == "," and len(word) == 3)


def _actions(root: ET.Element, token_at: dict[str, tuple[int, str, int]]) -> list:
    markables = root.find("Markables")
    if markables is None:
        return []
    instance = {m.get("m_id"): m.get("instance_id") for m in markables if m.get("instance_id")}
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        if relation.tag != "CROSS_DOC_COREF":
            continue
        target = relation.find("target")
        chain = instance.get(target.get("m_id")) if target is not None else None
        for source in relation.findall("source"):
            if chain:
                chain_of[source.get("m_id", "")] = chain
    actions = []
    for markable in markables:
        anchors = [token_at[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        anchors = [a for a in anchors if a]
        if not markable.tag.startswith(("ACTION", "NEG_ACTION")) or not anchors:
            continue
        m_id = markable.get("m_id", "")
        chain = chain_of.get(m_id, f"single:{id(markable)}:{m_id}")
        actions.append((anchors[0][0], {a[1].lower() for a in anchors}, chain))
    return actions


def read_corpus(root: Path, limit: int | None = None) -> list[GoldDocument]:
    """Every document of topics 1-30 under `root`, in file order (topic, then number)."""

    def order(path: Path) -> tuple[int, int, str]:
        topic, number = re.match(r"(\d+)_(\d+)", path.name).groups()  # type: ignore[union-attr]
        return int(topic), int(number), path.name

    paths = sorted((p for p in root.glob("*/*.xml") if re.match(r"\d+_\d+ecb", p.name)), key=order)
    paths = [p for p in paths if int(p.name.split("_")[0]) <= 30]
    if limit:
        paths = paths[:limit]
    return [read_document(p) for p in paths]


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of items against gold classes."""
    pred_groups: dict[str, set[str]] = {}
    gold_groups: dict[str, set[str]] = {}
    for item, group in predicted.items():
        pred_groups.setdefault(group, set()).add(item)
    for item, group in gold.items():
        gold_groups.setdefault(group, set()).add(item)
    precision = recall = 0.0
    for item in gold:
        mine, theirs = pred_groups[predicted[item]], gold_groups[gold[item]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    n = max(len(gold), 1)
    return _prf(precision / n, recall / n)


def pairwise(predicted: dict[str, str], gold: dict[str, str], documents: dict[str, str]) -> tuple:
    """Precision, recall and F1 over pairs of items from different documents."""
    tp = pred = true = 0
    for a, b in combinations(sorted(gold), 2):
        if documents[a] == documents[b]:
            continue
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b] and not gold[a].startswith("single:")
        tp += same_pred and same_gold
        pred += same_pred
        true += same_gold
    return _prf(tp / pred if pred else 0.0, tp / true if true else 0.0)


def _prf(p: float, r: float) -> tuple[float, float, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score stories and happenings on the ECB+ topics under `data_dir`."""
    root = Path(data_dir) / PATH
    if not root.is_dir():
        raise MissingData(str(PATH))
    from sitroom.pipeline import analyze, shared_pipeline
    from sitroom.runners.progress import progress_bar
    from sitroom.store import Store
    from sitroom.stories import update

    corpus = read_corpus(root, limit)
    nlp = shared_pipeline()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "ecb.db") as store:
        documents = [Document(id=d.name, text=d.text, source=d.name) for d in corpus]
        for analysis in progress_bar(analyze(nlp, documents), "ecb+", len(documents)):
            store.save(analysis)
        update(store, progress=False)
        story_of = dict(store.db.execute("SELECT document_id, story_id FROM story_profiles"))
        events = _placed_events(store)
        gold_story = {d.name: d.story for d in corpus}
        _place_in_gold_stories(store, gold_story)
        in_gold_stories = {e[0]: e[4] for e in _placed_events(store)}
    p, r, f = b_cubed(story_of, gold_story)
    _, _, topic_f = b_cubed({d.name: d.topic for d in corpus}, gold_story)
    matched = _match_events(corpus, events)
    happening = {e: m[1] for e, m in matched.items()}
    gold_chain = {e: m[0] for e, m in matched.items()}
    doc_of = {e: m[2] for e, m in matched.items()}
    lemma = {e: m[3] for e, m in matched.items()}
    hp, hr, hf = pairwise(happening, gold_chain, doc_of)
    _, _, gf = pairwise({e: in_gold_stories[e] for e in matched}, gold_chain, doc_of)
    _, _, lf = pairwise(lemma, gold_chain, doc_of)
    return {
        "story_b3_precision": p,
        "story_b3_recall": r,
        "story_b3_f1": f,
        "topic_baseline_b3_f1": topic_f,
        "happening_precision": hp,
        "happening_recall": hr,
        "happening_f1": hf,
        "happening_f1_gold_stories": gf,
        "lemma_baseline_f1": lf,
        "documents": len(corpus),
        "stories": len(set(story_of.values())),
        "matched_events": len(matched),
    }


def _placed_events(store: Store) -> list:
    return store.db.execute(
        "SELECT e.id, e.document_id, e.start, json_extract(e.record, '$.event_text'),"
        " h.happening_id FROM events e JOIN happening_events h ON h.event_id = e.id"
    ).fetchall()


def _place_in_gold_stories(store: Store, gold_story: dict[str, str]) -> None:
    """Place every document's events again, in the order they were placed, within its gold
    story instead of the one sitroom chose."""
    from sitroom.stories import happenings

    order = [
        r[0] for r in store.db.execute("SELECT document_id FROM story_profiles ORDER BY position")
    ]
    with store.db:
        store.db.execute("DELETE FROM happening_events")
        store.db.execute("DELETE FROM happenings")
        store.db.executemany(
            "UPDATE story_profiles SET story_id = ? WHERE document_id = ?",
            [(f"gold-{gold_story[d]}", d) for d in order],
        )
        for document_id in order:
            happenings.place(store, f"gold-{gold_story[document_id]}", document_id)


def _match_events(corpus: list[GoldDocument], events: list) -> dict[str, tuple]:
    """event id -> (gold chain, happening, document, trigger lemma) for events on gold actions."""
    from sitroom.pipeline import shared_pipeline

    by_name = {d.name: d for d in corpus}
    nlp = shared_pipeline()
    matched: dict[str, tuple] = {}
    for event_id, document_id, start, trigger, happening_id in events:
        doc = by_name[document_id]
        sentence = next((n for n, (s, e) in doc.sentences.items() if s <= start < e), None)
        words = {w.lower() for w in (trigger or "").split()}
        hits = [a for a in doc.actions if a[0] == sentence and a[1] & words]
        if hits:
            matched[event_id] = (hits[0][2], happening_id, document_id, trigger or "")
    triggers = sorted({m[3] for m in matched.values()})
    docs = nlp.pipe(triggers)
    lemmas = {t: " ".join(w.lemma_.lower() for w in d) for t, d in zip(triggers, docs, strict=True)}
    return {e: (c, h, d, lemmas[t]) for e, (c, h, d, t) in matched.items()}
