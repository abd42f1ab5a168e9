"""The PLOVER vocabulary: event types, quad classes, scale, modes, contexts and sectors.

Values follow the codebook (PLOVER_MANUAL, with the CAMEO-to-PLOVER table for the mapping of
CAMEO codes). The English words that report each type live in `sitroom.lang.en` as data.
"""

from __future__ import annotations

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
"""Quad category: 1 verbal cooperation, 2 material cooperation, 3 verbal / 4 material conflict."""

SCALE = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5,
    "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}  # fmt: skip
"""The codebook's conflict-cooperation score of each type (its mode-free value)."""

MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    ),
}  # fmt: skip

CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
)  # fmt: skip

SECTORS = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
)  # fmt: skip

# Types a sentence may report without naming who acted ("a car bomb killed five").
ACTORLESS_OK = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})

# The codebook folds future cooperation into AGREE and announced retreats into CONCEDE. A
# meeting or visit reported as scheduled stays CONSULT (with the future flag); promises to meet
# are already AGREE through their "agree" / "promise" frame.
FUTURE_FOLD = {"SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
               "RETREAT": "CONCEDE"}  # fmt: skip
