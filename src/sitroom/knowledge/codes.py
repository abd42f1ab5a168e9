"""CAMEO actor codes read as sitroom codes: a country or IGO/NGO/MNC/IMG code and PLOVER sectors.

The knowledge files keep the codes of the event-data dictionaries they come from ("USAGOV",
"IGOUNOKID", "NGOUSAHRI", "RUSELI"), so that a user's own file can be written the same way. A
code is read three letters at a time: the first chunk is a country (CAMEO's country codes are
ISO 3166-1 alpha-3 with a few exceptions, mapped below) or an international kind (IGO, NGO,
MNC, IMG); the chunks after it are roles. CAMEO's role chunks become PLOVER sector codes; two
changed meaning between the two codebooks (CAMEO "MED" is media, PLOVER's JRN; CAMEO "HLH" is
health, PLOVER's MED), and CAMEO's insurgent/separatist distinctions fold into REB as PLOVER
prescribes. Chunks that say something other than a sector (a region, an issue such as human
rights, a religion's branch) are kept in the raw code only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# International kinds that stand where a country code would.
INTERNATIONAL = frozenset({"IGO", "NGO", "MNC", "IMG", "ISM"})

# CAMEO country chunks that are not the ISO 3166 code of the same country. Historical states
# keep their ISO 3166-3 alpha-3 codes (SUN, DDR, CSK, YUG); Kosovo takes sitroom's XKX.
COUNTRY_FIXES = {
    "KSV": "XKX",
    "KOS": "XKX",
    "USR": "SUN",
    "TMP": "TLS",
    "FRY": "YUG",
    "ROM": "ROU",
    "ZAR": "COD",
    "FRN": "FRA",  # French overseas territories
    "SRP": "BIH",  # Republika Srpska
    "KRJ": "HRV",  # Republic of Serbian Krajina
}

# Chunks standing first in a code that name no single state: regions, religions, placeholders.
NOT_COUNTRIES = frozenset(
    {
        "AFR", "ASA", "BAH", "BUD", "CAS", "CFR", "EAF", "EEU", "EIN", "ELI", "EUR", "HIN",
        "INT", "KKL", "KNT", "LAM", "MEA", "MED", "MOS", "NAF", "NMR", "SAF", "SAM", "SAS",
        "SEA", "WAF", "WEU", "ANG", "CHR", "JEW", "MUS", "REL", "UNK",
    }
)  # fmt: skip

# CAMEO (and NGEC) role chunks -> PLOVER sector codes.
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP",
    "PTY": "PTY", "COP": "COP", "JUD": "JUD", "SPY": "SPY", "LEG": "LEG", "CVL": "CVL",
    "ELI": "ELI", "LAB": "LAB", "EDU": "EDU", "BUS": "BUS", "CRM": "CRM", "AGR": "AGR",
    "REF": "REF", "UAF": "UAF", "PRM": "PRM", "SOC": "SOC", "PRE": "PRE", "UNR": "PRE",
    "REL": "REL", "JRN": "JRN", "MED": "JRN", "HLH": "MED", "UNK": "UNK",
    # Religions are coded by PLOVER as REL (the branch stays in the raw code).
    "CHR": "REL", "MUS": "REL", "MOS": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL",
    "CTH": "REL", "SHI": "REL", "SUN": "REL", "SIK": "REL", "ITP": "REL", "TAO": "REL",
}  # fmt: skip

# PLOVER's own sector codes read as themselves.
PLOVER_SECTORS = {**SECTORS, "MED": "MED", "HLH": "MED"}

# NGEC marks some agent nouns as not actors at all ("JNK": junk) or not a sector ("NON").
NOT_SECTORS = frozenset({"JNK", "NON"})


@dataclass(frozen=True, slots=True)
class Code:
    """A CAMEO code read into sitroom's terms.

    Attributes:
        cameo: the code as written in the dictionary ("IGOUNOKID").
        code: ISO3 country code, "IGO"/"NGO"/"MNC"/"IMG", or None when the code names no
            single country (a region, a religion).
        sector: the first PLOVER sector among the role chunks, or None.
        secondary: further PLOVER sectors, in order.
        affiliation: for IGO codes, the code itself ("IGOUNOKID"), so that a person coded
            IGOUNO can be told to act for the United Nations (see `ActorTable.igo_name`).
    """

    cameo: str
    code: str | None
    sector: str | None
    secondary: tuple[str, ...] = ()
    affiliation: str | None = None


def country(chunk: str) -> str | None:
    """sitroom's ISO3 code for a CAMEO country chunk, or None when it names no state."""
    if chunk in NOT_COUNTRIES or len(chunk) != 3 or not chunk.isalpha():
        return None
    return COUNTRY_FIXES.get(chunk, chunk)


@lru_cache(maxsize=8192)  # a few thousand distinct codes across all dictionaries
def parse(cameo: str, plover: bool = False) -> Code:
    """Read a CAMEO actor or agent code ("USAGOV", "IGOUNO", "~COP", "NGO~") into a `Code`.

    The agent markers "~" (sector added after the actor's code) and a trailing "~" (kind set
    before it) are dropped; an empty or null code ("---") reads as no code at all. With
    `plover`, the role chunks are already PLOVER sectors (MED is health, JRN media), as in
    NGEC's agents and sitroom's agents table.
    """
    table = PLOVER_SECTORS if plover else SECTORS
    text = cameo.strip().upper()
    raw = text.strip("~")
    if not raw or raw.strip("-") == "":
        return Code(cameo, None, None)
    chunks = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    head, rest = chunks[0], chunks[1:]
    code: str | None
    affiliation = None
    if text.startswith("~"):
        code, rest = None, chunks  # an agent's sectors, added to whatever actor it joins
    elif head in INTERNATIONAL:
        code = head
        if head == "IGO" and rest:
            affiliation = raw
    else:
        code = country(head)
    sectors = [table[c] for c in rest if c in table]
    unique = list(dict.fromkeys(sectors))
    return Code(
        cameo=cameo,
        code=code,
        sector=unique[0] if unique else None,
        secondary=tuple(unique[1:]),
        affiliation=affiliation,
    )
