"""Convert the CAMEO verb dictionary of PETRARCH2 into sitroom's verb trigger table.

Reads ``CAMEO.verbpatterns.150430.txt`` (Open Event Data Alliance, MIT licence) and the
CAMEO-to-PLOVER table (``CAMEO2PLOVER-2021.txt``), and writes
``src/sitroom/lang/en/triggers/cameo_verbs.tsv`` in the syntax of the other trigger tables
(``src/sitroom/lang/en/README.md``). Re-running it on the same inputs writes the same file.

What is kept, and why:

* every verb of a block whose code maps to a PLOVER type (CAMEO 01 statements and 02 appeals
  are dropped, as the PLOVER manual prescribes); the verb's own code wins over its block's;
* patterns that sitroom's matcher can check — a particle ("* ON +" → ``prt=on``), a head noun
  of the object ("* HEADQUARTERS" → ``obj=headquarters``), or both ("* FOR AID"), with synsets
  (``&CEASEFIRE``) expanded to their members — become gated readings placed before the verb's
  default reading. Longer patterns name word sequences that sitroom does not match (it reads
  the parse, not the phrase) and are left out;
* patterns coded ``[---]`` (not an event) become ``noobj=`` words of the default reading;
* a default reading without any gate is marked ``weak``: CAMEO matched it only between two
  coded actors, which sitroom checks later (the default dataset needs a political actor);
* light verbs (``cues.tsv``) are left out: their event noun sets the type;
* ``cameo_decisions.tsv`` (written by hand) drops readings whose CAMEO sense is not what the
  verb usually reports in news ("want" is no demand); lemmas of sitroom's own ``verbs.tsv``
  are not written at all: the own table wins. Where the two disagree on the event type the
  decisions file must say why, and the script lists any disagreement left unexplained.

Usage: python scripts/convert_cameo_verbs.py [--source DIR] [--plover FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIGGERS = ROOT / "src" / "sitroom" / "lang" / "en" / "triggers"
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "eventdata"
DEFAULT_PLOVER = ROOT.parent / "shared" / "reference" / "CAMEO2PLOVER-2021.txt"

sys.path.insert(0, str(ROOT / "src"))
from sitroom.ontology.plover import CONTEXTS, MODES  # noqa: E402

PREPOSITIONS = frozenset(
    "about across after against along among at before behind between by down for from in "
    "into near of off on onto out over through to toward towards under up upon with "
    "within without".split()
)
# CAMEO-to-PLOVER values sitroom spells differently or not at all (the codebook's own list).
MODE_SPELLING = {"assassinate": "targeted", "return": "release"}
CONTEXT_SPELLING = {"humanitarian": "human_security", "democracy": "pro_democracy"}
BLOCK = re.compile(r"^---\s*(.*?)\s*\[([^\]]*)\]\s*---")
CODE = re.compile(r"\[([0-9-]+)(?::[0-9-]+)?\]")


@dataclass
class Verb:
    """One verb of a block, with the patterns listed under the block."""

    lemma: str
    particle: str | None
    code: str | None
    block: str
    patterns: list[tuple[list[str], str]] = field(default_factory=list)


def read_plover_table(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode, context), with sitroom's spellings."""
    table = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0]
        code, sep, rest = line.partition(":")
        if not sep or not code.strip().isdigit():
            continue
        parts = [p.strip() for p in rest.split(",")]
        event = parts[0]
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        mode = MODE_SPELLING.get(mode, mode) if mode else None
        if mode not in MODES.get(event, ()):
            mode = None
        context = None
        for item in (parts[2] if len(parts) > 2 else "").split(";"):
            item = CONTEXT_SPELLING.get(item.strip(), item.strip())
            if item in CONTEXTS:
                context = item
                break
        table.setdefault(code.strip(), (event, mode, context))
    return table


def plover_of(code: str | None, table: dict) -> tuple[str, str | None, str | None] | None:
    """The PLOVER reading of a CAMEO code: the most specific entry of the table that exists."""
    if not code or code == "---" or code[:2] in ("01", "02"):
        return None
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def read_synsets(lines: Iterable[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("---"):
            break
        if line.startswith("&"):
            current = line[1:].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(line[1:].rstrip("_").replace("_", " ").lower())
    return sets


def _verb_line(line: str, block_code: str | None, block: str) -> Verb | None:
    """`SAY {SAYS SAID} [010]`, `+CLEAR_UP`, `WIRE_+TAP`: the verb, its particle, its code."""
    code_match = CODE.search(line)
    code = code_match.group(1) if code_match else block_code
    word = line.split("{", 1)[0].split("[", 1)[0].strip().split()[0]
    parts = word.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    head = marked[0] if marked else 0
    if head > 0:
        return None  # "WIRE_+TAP": words before the verb, which sitroom's parse rarely keeps
    after = [p.lower() for p in parts[head + 1 :]]
    lemma = parts[head].lstrip("+").lower()
    if not lemma.isalpha() or len(after) > 1:
        return None
    return Verb(lemma, after[0] if after else None, code, block)


def _pattern_verbs(raw: str, block_verbs: list[Verb]) -> list[Verb]:
    """The verbs a pattern was written for: those its comment names ("# CALL <lrp …>").

    PETRARCH applies a pattern to every synonym of its block; sitroom keeps it for the verb
    it was found with (or the block's first verb), since the synonyms of a block share a
    sense only roughly ("need" and "urge" both sit under DEMAND).
    """
    comment = raw.partition("#")[2]
    named = {w.lower() for w in re.findall(r"\b([A-Z][A-Z_-]+)\b", comment)}
    chosen = [v for v in block_verbs if v.lemma in named]
    return chosen or block_verbs[:1]


def read_verbs(text: str) -> list[Verb]:
    verbs: list[Verb] = []
    block_verbs: list[Verb] = []
    block_code = block = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        header = BLOCK.match(line)
        if header:
            block, code = header.group(1), header.group(2).split(":")[0].strip()
            block_code = None if code == "---" else code
            block_verbs = []
            continue
        if block is None or line.startswith("&"):
            continue
        if line.startswith("-"):
            code_match = CODE.search(line)
            if code_match and block_verbs:
                body = line[1 : code_match.start()].strip()
                for verb in _pattern_verbs(raw, block_verbs):
                    verb.patterns.append((body.split(), code_match.group(1)))
            continue
        verb = _verb_line(line.strip(), block_code, block)
        if verb is not None:
            block_verbs.append(verb)
            verbs.append(verb)
    return verbs


def _lemmatizer():
    """Noun lemmas as sitroom's pipeline makes them, so gates match the parse."""
    import spacy

    from sitroom.pipeline.build import model_name

    nlp = spacy.load(model_name(), disable=["parser", "ner"])
    cache: dict[str, str] = {}

    def lemma(word: str) -> str:
        if word not in cache:
            doc = nlp(f"the {word}")
            cache[word] = doc[-1].lemma_.lower()
        return cache[word]

    return lemma


def gate_of(
    tokens: list[str], synsets: dict[str, list[str]], lemma
) -> tuple[str | None, list[str]] | None:
    """(particle, object lemmas) of a short pattern after the verb, or None if too long."""
    pre, star, post = (" ".join(tokens)).partition("*")
    if not star or pre.strip() not in ("", "$", "+", "%"):
        return None
    words = [w for w in post.replace("(", " ").replace(")", " ").split() if w not in "+$^%"]
    if not words or len(words) > 2 or any(w.startswith("*") for w in words):
        return None
    particle = None
    if words[0].lower() in PREPOSITIONS:
        particle = words.pop(0).lower()
    if len(words) > 1:
        return None
    nouns: list[str] = []
    if words:
        word = words[0].strip("{}")
        if word.startswith("&"):
            members = synsets.get(word[1:].rstrip("_"))
            if not members:
                return None
            nouns = [m for m in members if " " not in m]  # a phrase has no single head to gate on
            if not nouns:
                return None
        elif word.replace("_", "").replace("-", "").isalpha():
            nouns = [word.split("_")[-1].lower()]
        else:
            return None
        if any(n in PREPOSITIONS for n in nouns):
            return None
        nouns = sorted({lemma(n) for n in nouns})
    return particle, nouns


def read_decisions(path: Path) -> dict[str, tuple[str, str]]:
    """lemma -> (decision, reason) from the hand-written decisions file."""
    decisions = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line or line.startswith("lemma\t"):
            continue
        lemma, decision, reason = line.split("\t")
        decisions[lemma] = (decision, reason)
    return decisions


def light_verbs(path: Path) -> set[str]:
    """Light verbs of cues.tsv: "launched an attack" is typed by its noun, not by "launch"."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("light_verb\t"):
            return set(raw.split("\t")[2].split())
    return set()


def own_types(path: Path) -> dict[str, set[str]]:
    types: dict[str, set[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line and not line.startswith("lemma\t"):
            lemma, code = line.split("\t")[:2]
            types.setdefault(lemma, set()).add(code.split(":")[0])
    return types


def _code_column(reading: tuple[str, str | None, str | None]) -> tuple[str, str]:
    event, mode, context = reading
    return (f"{event}:{mode}" if mode else event), (f"ctx={context}" if context else "")


def rows_for(verb: Verb, table: dict, synsets: dict, lemma) -> list[tuple[str, str, str]]:
    """The trigger rows of one verb: gated patterns first, then the default reading."""
    rows: list[tuple[str, str, str]] = []
    excluded: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for tokens, code in verb.patterns:
        gate = gate_of(tokens, synsets, lemma)
        if gate is None:
            continue
        particle, nouns = gate
        if verb.particle and particle and particle != verb.particle:
            continue
        particle = particle or verb.particle
        if code == "---":
            excluded.update(nouns)
            continue
        reading = plover_of(code, table)
        if reading is None or not (nouns or particle):
            continue
        event, context = _code_column(reading)
        options = " ".join(
            o for o in (f"prt={particle}" if particle else "",
                        f"obj={','.join(nouns)}" if nouns else "", context) if o
        )  # fmt: skip
        if (event, options) not in seen:
            seen.add((event, options))
            rows.append((verb.lemma, event, options))
    default = plover_of(verb.code, table)
    if default is not None:
        event, context = _code_column(default)
        options = [f"prt={verb.particle}" if verb.particle else "", context, "weak"]
        if excluded:
            options.insert(1, "noobj=" + ",".join(sorted(excluded)))
        rows.append((verb.lemma, event, " ".join(o for o in options if o)))
    return rows


HEADER = """\
# Verb triggers converted from the CAMEO verb dictionary (CAMEO.verbpatterns.150430.txt of
# PETRARCH2, (c) 2015 Open Event Data Alliance, MIT licence) with the CAMEO-to-PLOVER table.
# Generated by scripts/convert_cameo_verbs.py: do not edit; change the script or
# cameo_decisions.tsv and re-run it. Syntax: ../README.md. Lemmas of verbs.tsv are left out
# (sitroom's own readings win), and so are the light verbs of cues.tsv ("launched an attack"
# is typed by its noun); cameo_decisions.tsv lists the readings dropped, and why.
lemma\tevent\toptions
"""


def convert(source: Path, plover: Path, out: Path) -> tuple[int, int, list[str]]:
    """Write the table; return (verbs, rows, disagreements left unexplained)."""
    text = (source / "CAMEO.verbpatterns.150430.txt").read_text(encoding="utf-8", errors="replace")
    table = read_plover_table(plover)
    synsets = read_synsets(text.splitlines())
    decisions = read_decisions(TRIGGERS / "cameo_decisions.tsv")
    own = own_types(TRIGGERS / "verbs.tsv")
    light = light_verbs(TRIGGERS / "cues.tsv")
    lemma = _lemmatizer()
    by_lemma: dict[str, list[tuple[str, str, str]]] = {}
    for verb in read_verbs(text):
        by_lemma.setdefault(verb.lemma, []).extend(rows_for(verb, table, synsets, lemma))
    unexplained = []
    lines = [HEADER.rstrip("\n")]
    for name in sorted(by_lemma):
        rows = list(dict.fromkeys(by_lemma[name]))
        if not rows:
            continue
        if name in own:
            cameo = {r[1].split(":")[0] for r in rows if "weak" in r[2]}
            if cameo and not cameo & own[name] and name not in decisions:
                unexplained.append(f"{name}: CAMEO {sorted(cameo)} vs own {sorted(own[name])}")
            continue
        if decisions.get(name, ("",))[0] == "drop" or name in light:
            continue
        lines.extend("\t".join(r).rstrip("\t") for r in rows)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(by_lemma), len(lines) - 1, unexplained


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--out", type=Path, default=TRIGGERS / "cameo_verbs.tsv")
    args = parser.parse_args(argv)
    if not (args.source / "CAMEO.verbpatterns.150430.txt").is_file() or not args.plover.is_file():
        print(f"error: CAMEO verb dictionary or PLOVER table not found under {args.source}")
        return 2
    verbs, rows, unexplained = convert(args.source, args.plover, args.out)
    print(f"{verbs} verbs, {rows} rows -> {args.out}")
    for line in unexplained:
        print(f"undecided: {line}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
