"""The trigger lexicon: the data files of `sitroom.lang.en` read into lemma-keyed readings.

The files live in `sitroom/lang/en/triggers/`; their syntax is described in
`sitroom/lang/en/README.md` ("Trigger tables"):

* `verbs.tsv`, `nouns.tsv` — sitroom's own triggers, written from the PLOVER codebook and the
  CAMEO-to-PLOVER table;
* `cameo_verbs.tsv` — verb triggers converted from the CAMEO verb dictionary of
  PETRARCH2 by `scripts/convert_cameo_verbs.py`; they add verbs the own table lacks, and a verb
  of the own table keeps its own readings (see that file's header for why);
* `word_sets.tsv` — named word sets for the `obj=@name` / `noobj=@name` gates;
* `cues.tsv` — cue words for modes, contexts, light verbs and intent adjectives.

A malformed row (unknown option, unknown event type or mode, an `@name` that names no set) is
a `LexiconError` naming the file and line: a typo must never turn into a literal word.

Users add triggers of their own: files in the format of `verbs.tsv` (`trigger_files`) and of
`nouns.tsv` (`event_noun_files`), named in the options and installed through
`sitroom.extensions`. A lemma in a user's file replaces every shipped reading of that lemma
(a later file replaces an earlier one); other lemmas are added. `LEXICON`, the lexicon the
coder reads, is the shipped one plus the files installed when it is asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom import extensions
from sitroom.ontology.plover import CONTEXTS, EVENT_TYPES, MODES

DATA_PACKAGE = "sitroom.lang.en"
FLAGS = {
    "frame": "frame",
    "rec": "needs_recipient",
    "swap": "swap",
    "trans": "transitive",
    "intrans": "intransitive",
    "weak": "weak",
    "intent": "intent",
    "clause": "about_clause",
    "declared": "declared",
    "crowd": "crowd",
}


class LexiconError(ValueError):
    """A trigger or word-set file holds a row sitroom cannot read."""


@dataclass(frozen=True)
class Trigger:
    """One reading of a trigger word: the event it reports and when it applies."""

    event: str
    mode: str | None = None
    context: str | None = None
    particles: frozenset[str] = frozenset()
    not_particles: frozenset[str] = frozenset()  # "backed off" retreats, it backs no one
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    frame: bool = False
    needs_recipient: bool = False
    swap: bool = False
    weak: bool = False
    transitive: bool = False
    intransitive: bool = False
    intent: bool = False
    about_clause: bool = False  # the recipient is the subject of the clause it governs
    declared: bool = False  # a stated intention to do it is already the act ("to vote for X")
    crowd: bool = False  # a crowd's act: one politician's "rally" is a campaign stop
    source: str = "sitroom"  # the table the reading comes from


def read_text(name: str) -> str:
    """The text of one trigger data file (`triggers/NAME` of the English word lists)."""
    folder = resources.files(DATA_PACKAGE).joinpath("triggers")
    return folder.joinpath(name).read_text(encoding="utf-8")


def _rows(text: str, header: str, source: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of every row after the header line.

    Raises:
        LexiconError: when the first non-comment line is not `header`.
    """
    rows = []
    seen_header = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not seen_header:
            if line != header:
                raise LexiconError(f"{source}:{number}: expected the header {header!r}")
            seen_header = True
            continue
        rows.append((number, [column.strip() for column in line.split("\t")]))
    return rows


def parse_word_sets(text: str, source: str = "word_sets.tsv") -> dict[str, frozenset[str]]:
    """Read `name<TAB>lemma lemma @other …` rows; `@other` includes a set defined above."""
    sets: dict[str, frozenset[str]] = {}
    for number, columns in _rows(text, "name\twords", source):
        if len(columns) != 2:
            raise LexiconError(f"{source}:{number}: expected name<TAB>words")
        name, words = columns
        members: set[str] = set()
        for word in words.split():
            if word.startswith("@"):
                if word[1:] not in sets:
                    raise LexiconError(f"{source}:{number}: unknown word set {word}")
                members |= sets[word[1:]]
            else:
                members.add(word)
        sets[name] = frozenset(members)
    return sets


def _word_gate(
    value: str, sets: dict[str, frozenset[str]], where: str, strict: bool = True
) -> frozenset[str]:
    """An obj= / noobj= value: `@set` names, literal lemmas, comma separated.

    With `strict` (hand-written tables), a bare word that is also a set name is an error, since
    it is most likely a set written without its `@`; generated tables name literal words.
    """
    words: set[str] = set()
    for item in value.split(","):
        if item.startswith("@"):
            if item[1:] not in sets:
                raise LexiconError(f"{where}: unknown word set {item}")
            words |= sets[item[1:]]
        elif strict and item in sets:
            raise LexiconError(f"{where}: {item!r} is a word set name: write @{item}")
        elif not item:
            raise LexiconError(f"{where}: empty word in {value!r}")
        else:
            words.add(item)
    return frozenset(words)


def parse_reading(
    code: str,
    options: str,
    sets: dict[str, frozenset[str]],
    where: str,
    source: str,
    strict: bool = True,
) -> Trigger:
    """One reading from its `EVENT[:mode]` column and its options column."""
    event, _, mode = code.partition(":")
    if event not in EVENT_TYPES:
        raise LexiconError(f"{where}: unknown event type {event!r}")
    if mode and mode not in MODES.get(event, ()):
        raise LexiconError(f"{where}: {event} has no mode {mode!r}")
    fields: dict[str, object] = {"event": event, "mode": mode or None, "source": source}
    for option in options.split():
        key, _, value = option.partition("=")
        if key == "ctx":
            if value not in CONTEXTS:
                raise LexiconError(f"{where}: unknown context {value!r}")
            fields["context"] = value
        elif key in ("prt", "noprt") and value:
            fields["particles" if key == "prt" else "not_particles"] = frozenset(value.split("|"))
        elif key in ("obj", "noobj") and value:
            name = "objects" if key == "obj" else "not_objects"
            fields[name] = _word_gate(value, sets, where, strict)
        elif key in FLAGS and not value:
            fields[FLAGS[key]] = True
        else:
            raise LexiconError(f"{where}: unknown option {option!r}")
    return Trigger(**fields)  # type: ignore[arg-type]


def parse_triggers(
    text: str, sets: dict[str, frozenset[str]], source: str, strict: bool = True
) -> dict[str, tuple[Trigger, ...]]:
    """Read a trigger table (`lemma<TAB>EVENT[:mode]<TAB>options`) into lemma -> readings."""
    lexicon: dict[str, list[Trigger]] = {}
    for number, columns in _rows(text, "lemma\tevent\toptions", source):
        where = f"{source}:{number}"
        if len(columns) not in (2, 3):
            raise LexiconError(f"{where}: expected lemma<TAB>EVENT[:mode]<TAB>options")
        lemma, code, options = (*columns, "")[:3]
        reading = parse_reading(code, options, sets, where, source, strict)
        lexicon.setdefault(lemma.lower(), []).append(reading)
    return {lemma: tuple(readings) for lemma, readings in lexicon.items()}


def merge(own: dict[str, tuple[Trigger, ...]], derived: dict[str, tuple[Trigger, ...]]):
    """Own readings first; a derived verb only where the own table has none for that lemma.

    The own table was written against the codebook with its object gates and frames; a CAMEO
    reading of the same lemma was written for TABARI's phrase patterns, which sitroom does not
    match, so keeping both would let the looser one fire where the own table said no.
    """
    merged = dict(own)
    for lemma, readings in derived.items():
        merged.setdefault(lemma, readings)
    return merged


def parse_cues(text: str, source: str = "cues.tsv") -> dict[str, list[tuple[str, str]]]:
    """`group<TAB>key<TAB>lemmas` rows as group -> [(key, lemmas)] in file order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for number, columns in _rows(text, "group\tkey\twords", source):
        if len(columns) != 3:
            raise LexiconError(f"{source}:{number}: expected group<TAB>key<TAB>words")
        group, key, words = columns
        groups.setdefault(group, []).append((key, words))
    return groups


@dataclass(frozen=True)
class Lexicon:
    """Everything the coder looks up, loaded once per process."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    words: dict[str, frozenset[str]]
    adjectives: dict[str, Trigger]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    receipt_verbs: frozenset[str]
    strike_protest: frozenset[str]
    prompt_adjectives: frozenset[str]
    assault_mode_cues: tuple[tuple[str, str], ...]
    context_cues: tuple[tuple[str, str], ...]
    demand_mode_cues: tuple[tuple[str, frozenset[str]], ...] = ()
    threat_mode_cues: tuple[tuple[str, frozenset[str]], ...] = ()

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can trigger an event (verbs, nouns, intent adjectives, and the last
        word of a hyphenated noun: "law" of "martial-law")."""
        heads = frozenset(noun.rsplit("-", 1)[-1] for noun in self.nouns)
        return frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.adjectives) | heads


def read_user_triggers(
    paths: Sequence[Path], words: dict[str, frozenset[str]]
) -> dict[str, tuple[Trigger, ...]]:
    """The triggers of a user's files (format of `verbs.tsv` / `nouns.tsv`), later files
    replacing a lemma of earlier ones.

    Raises:
        LexiconError: a file cannot be read or holds a malformed row (named with its line).
    """
    found: dict[str, tuple[Trigger, ...]] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise LexiconError(f"{path}: cannot read the trigger file ({err})") from None
        found.update(parse_triggers(text, words, str(path)))
    return found


@cache
def load(verb_files: tuple[Path, ...] = (), noun_files: tuple[Path, ...] = ()) -> Lexicon:
    """Read and check every data file of the English trigger lexicon, with the user's verb
    and noun trigger files on top (their lemmas replace the shipped readings)."""
    words = parse_word_sets(read_text("word_sets.tsv"))
    own = parse_triggers(read_text("verbs.tsv"), words, "verbs.tsv")
    cameo = parse_triggers(read_text("cameo_verbs.tsv"), words, "cameo_verbs.tsv", strict=False)
    nouns = parse_triggers(read_text("nouns.tsv"), words, "nouns.tsv")
    cues = parse_cues(read_text("cues.tsv"))

    def one(group: str) -> frozenset[str]:
        return frozenset(w for _, text in cues.get(group, []) for w in text.split())

    checked = (
        ("assault_mode", MODES["ASSAULT"]), ("context", CONTEXTS),
        ("demand_mode", MODES["REQUEST"]), ("threat_mode", MODES["THREATEN"]),
    )  # fmt: skip
    for group, allowed in checked:
        for key, _ in cues.get(group, []):
            if key not in allowed:
                raise LexiconError(f"cues.tsv: {group} {key!r} is not a PLOVER value")
    return Lexicon(
        verbs={**merge(own, cameo), **read_user_triggers(verb_files, words)},
        nouns={**nouns, **read_user_triggers(noun_files, words)},
        words=words,
        adjectives={
            **{w: Trigger("AGREE", frame=True) for w in sorted(one("intent_adjective"))},
            **_stance_adjectives(cues),
        },
        light_verbs=one("light_verb"),
        occurrence_verbs=one("occurrence_verb"),
        receipt_verbs=one("receipt_verb"),
        strike_protest=one("strike_protest"),
        prompt_adjectives=one("prompt_adjective"),
        assault_mode_cues=tuple(cues.get("assault_mode", [])),
        context_cues=tuple(cues.get("context", [])),
        demand_mode_cues=_ordered_cues(cues, "demand_mode"),
        threat_mode_cues=_ordered_cues(cues, "threat_mode"),
    )


def _stance_adjectives(cues: dict[str, list[tuple[str, str]]]) -> dict[str, Trigger]:
    """ "critical of X", "supportive of X": the adjective's event, its target after "of"."""
    found = {}
    for key, text in cues.get("stance_adjective", []):
        reading = parse_reading(key, "prt=of", {}, "cues.tsv: stance_adjective", "sitroom")
        found.update(dict.fromkeys(text.split(), reading))
    return found


def _ordered_cues(
    cues: dict[str, list[tuple[str, str]]], group: str
) -> tuple[tuple[str, frozenset[str]], ...]:
    """A cue group as (key, lemmas) pairs in file order: the first key whose lemmas occur wins."""
    return tuple((key, frozenset(text.split())) for key, text in cues.get(group, []))


def current() -> Lexicon:
    """The lexicon with the user trigger files installed in `sitroom.extensions` right now."""
    user = extensions.active()
    if not (user.triggers or user.event_nouns):
        return load()
    return _with_user_files(user.triggers, user.event_nouns, user.stamp)


@cache
def _with_user_files(verbs: tuple[Path, ...], nouns: tuple[Path, ...], stamp: str) -> Lexicon:
    # `stamp` (the files' fingerprint) is part of the key: edited files are read again.
    return load.__wrapped__(verbs, nouns)


class _Installed:
    """The lexicon of the user knowledge in use, looked up on each attribute access.

    The coder's modules hold this one object as `LEXICON`; when a pipeline built with other
    trigger files codes a document (its first component installs its files), the same name
    reads that pipeline's lexicon.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(current(), name)


LEXICON: Any = _Installed()
