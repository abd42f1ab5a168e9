"""Extraction quality on trafilatura's evaluation pages, against plain trafilatura.

Data: `<data_dir>/trafilatura_eval/evaldata.json` maps each page URL to its file (under
`tests/eval` or `tests/cache`, gzipped or not) and to gold snippets: `with` (text the body must
contain), `without` (text it must not contain), `comments` (reader comments), and gold `title`,
`author`, `date`.

Each page is extracted twice: by sitroom (`extract.extract`, no URL given) and by trafilatura
with its defaults (`bare_extraction(html, with_metadata=True)`, whose body and comments come
back separately). Snippet shares are pooled over all snippets of all pages; metadata agreement
is the share of pages with a gold value whose extracted value agrees.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from sitroom.evaluation import MissingData
from sitroom.runners import progress_bar

SYSTEMS = ("sitroom", "trafilatura")
# 2 processes: the laptop-class machines this runs on have two cores to spare.
PROCESSES = 2


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, float | int]:
    """Score body, metadata and comment separation for sitroom and plain trafilatura.

    Args:
        data_dir: the development data folder (holding `trafilatura_eval/`).
        limit: score only the first `limit` pages (in evaldata.json order).

    Returns:
        Flat metrics: "<system>_with", "<system>_without", "<system>_title", "<system>_author",
        "<system>_date", "<system>_comments_separated", "<system>_comments_in_body" for both
        systems, and the counts "pages" and "comment_pages".

    Raises:
        MissingData: when `trafilatura_eval/evaldata.json` is absent.
    """
    root = Path(data_dir) / "trafilatura_eval"
    index = root / "evaldata.json"
    if not index.is_file():
        raise MissingData(f"{root} not found")
    gold = json.loads(index.read_text(encoding="utf-8"))
    tasks = [(str(root), url, entry) for url, entry in gold.items()]
    if limit is not None:
        tasks = tasks[:limit]
    totals: Counter[str] = Counter()
    for counts in _run(tasks):
        totals.update(counts)
    return _summary(totals, len(tasks))


def _run(tasks: list[tuple[str, str, dict[str, Any]]]) -> Iterable[Counter[str]]:
    results: Iterable[Counter[str]]
    if len(tasks) < 20:
        results = map(_score_page, tasks)
    else:
        pool = Pool(PROCESSES)
        results = pool.imap(_score_page, tasks, chunksize=4)
    results = progress_bar(results, "extraction", len(tasks), unit="page")
    try:
        yield from results
    finally:
        if len(tasks) >= 20:
            pool.close()
            pool.join()


def _summary(totals: Counter[str], pages: int) -> dict[str, float | int]:
    metrics: dict[str, float | int] = {"pages": pages, "comment_pages": totals["comment_pages"]}
    pairs = {
        "with": ("with_hit", "with_n"),
        "without": ("without_ok", "without_n"),
        "title": ("title_ok", "title_n"),
        "author": ("author_ok", "author_n"),
        "date": ("date_ok", "date_n"),
        "comments_separated": ("comments_ok", "comments_n"),
        "comments_in_body": ("comments_leak", "comments_n"),
    }
    for system in SYSTEMS:
        for name, (hits, total) in pairs.items():
            denominator = totals[total]
            value = totals[f"{system}_{hits}"] / denominator if denominator else 0.0
            metrics[f"{system}_{name}"] = round(value, 4)
    return metrics


def page_path(root: Path, name: str) -> Path | None:
    """Where a page of the evaluation set is stored (plain or gzipped, eval or cache)."""
    for folder in ("tests/eval", "tests/cache"):
        for candidate in (root / folder / name, root / folder / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    return None


def _load(path: Path) -> str:
    from sitroom.ingest.readers import _declared_charset, decode_bytes

    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode_bytes(data, _declared_charset(data, None))


def _score_page(task: tuple[str, str, dict[str, Any]]) -> Counter[str]:
    """Counts for one page: hits and totals for each metric and system."""
    root, _url, entry = task
    counts: Counter[str] = Counter()
    path = page_path(Path(root), entry["file"])
    if path is None:
        return counts
    page = _load(path)
    outputs = {"sitroom": _sitroom(page), "trafilatura": _trafilatura(page)}
    snippets_with = entry.get("with") or []
    snippets_without = entry.get("without") or []
    snippets_comments = entry.get("comments") or []
    counts["with_n"] += len(snippets_with)
    counts["without_n"] += len(snippets_without)
    counts["comments_n"] += len(snippets_comments)
    counts["comment_pages"] += 1 if snippets_comments else 0
    for field in ("title", "author", "date"):
        counts[f"{field}_n"] += 1 if _norm(entry.get(field)) else 0
    for system, out in outputs.items():
        body, comments = _norm(out["body"]), _norm(out["comments"])
        counts[f"{system}_with_hit"] += sum(_norm(s) in body for s in snippets_with)
        counts[f"{system}_without_ok"] += sum(_norm(s) not in body for s in snippets_without)
        for snippet in map(_norm, snippets_comments):
            counts[f"{system}_comments_ok"] += snippet in comments and snippet not in body
            counts[f"{system}_comments_leak"] += snippet in body
        counts[f"{system}_title_ok"] += _same_title(entry.get("title"), out["title"])
        counts[f"{system}_author_ok"] += _same_author(entry.get("author"), out["author"])
        counts[f"{system}_date_ok"] += _same_date(entry.get("date"), out["date"])
    return counts


def _sitroom(page: str) -> dict[str, str | None]:
    from sitroom.extract import extract
    from sitroom.ingest import Source
    from sitroom.options import Options
    from sitroom.records import InputError

    try:
        doc = extract(Source("eval", "html", page, {}), Options())
    except InputError:
        return {"body": "", "comments": "", "title": None, "author": None, "date": None}
    return {
        "body": doc.text,
        "comments": "\n".join(c.text for c in doc.comments),
        "title": doc.title,
        "author": doc.author,
        "date": doc.published,
    }


def _trafilatura(page: str) -> dict[str, str | None]:
    import trafilatura

    result = trafilatura.bare_extraction(page, with_metadata=True)
    if result is None:
        return {"body": "", "comments": "", "title": None, "author": None, "date": None}
    return {
        "body": result.text or "",
        "comments": result.comments or "",
        "title": result.title,
        "author": result.author,
        "date": result.date,
    }


def _norm(text: object) -> str:
    return " ".join(str(text).split()) if text else ""


def _same_title(gold: object, ours: object) -> bool:
    return bool(_norm(gold)) and _norm(gold).lower() == _norm(ours).lower()


def _same_author(gold: object, ours: object) -> bool:
    gold_text, our_text = _norm(gold).lower(), _norm(ours).lower()
    if not gold_text or not our_text:
        return False
    return gold_text in our_text or our_text in gold_text


def _same_date(gold: object, ours: object) -> bool:
    return bool(_norm(gold)) and _norm(gold)[:10] == _norm(ours)[:10]
