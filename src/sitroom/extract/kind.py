"""What kind of page a document is: news, or a recipe, manual, product page or listing.

Event coding is for news. A recipe ("beat the cooled chocolate pudding") or a software manual
("set Windows to occupy your entire screen") gives ASSAULT and COERCE to a news coder, so such
pages are stored and searchable but flagged with their kind and not event-coded unless the
user forces it.

The kind is read from what the page says of itself first (schema.org types in JSON-LD or
microdata, `og:type`), then from its structure and vocabulary: the share of the body set as
code (`<pre>`, `<code>`), the share of sentences that are instructions (a sentence opening
with an imperative verb: "Preheat the oven", "Open the terminal"), and cue words of each kind
per thousand words, each against the reporting verbs and datelines of news. A page without
any cue is news (the default): a false "not news" loses events, a false "news" is what the
precision checks downstream are for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from sitroom.records import PAGE_KINDS

NEWS = "news"
KINDS = PAGE_KINDS

# schema.org types (JSON-LD "@type", microdata itemtype) and the kind they make a page.
SCHEMA_KINDS = {
    "recipe": "recipe",
    "product": "product",
    "productgroup": "product",
    "offer": "product",
    "aggregateoffer": "product",
    "individualproduct": "product",
    "howto": "manual",
    "techarticle": "manual",
    "softwareapplication": "manual",
    "softwaresourcecode": "manual",
    "apireference": "manual",
    "faqpage": "manual",
    "qapage": "manual",
    "itemlist": "listing",
    "searchresultspage": "listing",
    "newsarticle": NEWS,
    "reportagenewsarticle": NEWS,
    "analysisnewsarticle": NEWS,
    "backgroundnewsarticle": NEWS,
    "opinionnewsarticle": NEWS,
    "reviewnewsarticle": NEWS,
}

# Generic article types: not news by themselves, but an article with a list is not a listing.
ARTICLE_TYPES = {"article", "blogposting", "report", "scholarlyarticle"}
# Cue words (regular expressions over lower-cased text) of each kind that is not news.
CUES = {
    "recipe": (
        r"\d+\s*(?:cups?|tbsp|tsp|tablespoons?|teaspoons?|ml|grams?|g|oz|ounces?|lbs?)\b",
        r"\bingredients?\b",
        r"\bpreheat\w*\b",
        r"\b(?:oven|saucepan|skillet|baking (?:dish|sheet|tray))\b",
        r"\b(?:whisk|simmer|stir|knead|bake|saute|sauté|drizzle|sprinkle)\w*\b",
        r"\b(?:chopped|minced|diced|grated|sliced|melted)\b",
        r"\b(?:servings?|serves \d+|prep time|cook time)\b",
        r"\b(?:sugar|flour|butter|garlic|olive oil|salt and pepper)\b",
    ),
    "manual": (
        r"\bclick\w*\b",
        r"\b(?:select|choose) (?:the|a|an|your)\b",
        r"\b(?:menu|settings?|preferences|toolbar|dialog(?:ue)? box|drop-?down)\b",
        r"\b(?:install\w*|uninstall\w*|download\w*|reboot|restart your)\b",
        r"\b(?:button|checkbox|tab|window|screen|keyboard shortcut|ctrl|alt\+|shift\+)\b",
        r"\b(?:browser|plugin|extension|firmware|driver|app|software|operating system)\b",
        r"\b(?:step \d+|enable|disable|configure|command line|terminal)\b",
    ),
    "product": (
        r"\badd to (?:cart|basket|bag|wish ?list)\b",
        r"\b(?:in stock|out of stock|free shipping|free delivery|delivery time)\b",
        r"(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|eur|usd|gbp)\b)",
        r"\b(?:price|sku|warranty|customer reviews?|rated \d|dimensions|weight)\b",
        r"\b(?:buy now|order now|checkout|quantity)\b",
    ),
}
# The vocabulary of reporting: news says who said what, and when.
NEWS_CUES = (
    r"\b(?:said|says|told|according to|announced|stated|reported|spokesman|spokeswoman)\b",
    r"\b(?:government|minister|president|officials?|police|parliament|troops|election)\b",
)
# Cue words per thousand words above which the text is of that kind (checked on the
# trafilatura evaluation pages: news rarely passes these, recipes and manuals pass them easily).
THRESHOLDS = {"recipe": 30.0, "manual": 30.0, "product": 25.0}
# A kind's cues must outweigh the news cues by this factor.
OVER_NEWS = 2.0
# Pages whose body is this much code are software pages (news quoting a command is far below).
CODE_SHARE = 0.04
# Code elements looked at per page (each is searched for in the body).
MAX_CODE_ELEMENTS = 500
# Pages where this share of sentences, and at least this many, are instructions are how-tos
# (or recipes, by their cues). News rarely opens a sentence with an order: the English news of
# the trafilatura evaluation pages stay below 0.08.
INSTRUCTION_SHARE = 0.09
MIN_INSTRUCTIONS = 3
# Instructions make a recipe rather than a manual from this recipe cue density on.
RECIPE_WITH_INSTRUCTIONS = 15.0
# Structure outweighs vocabulary only while the news cues stay below this density.
STRUCTURE_NEWS_MAX = 5.0
# Sentence openers of instructions: common imperative verbs of kitchens, software and gardens.
# (Verbs that open news sentences as often, "say" or "report", are not here.)
INSTRUCTION = re.compile(
    r"(?:\d+[.)]\s*|step \d+:?\s*)?(?:add|apply|bake|beat|blend|boil|bring|brush|check|chop|"
    r"choose|click|combine|connect|copy|cover|create|cut|download|drain|drizzle|edit|enable|"
    r"enter|fill|fold|grease|heat|insert|install|keep|knead|let|mix|navigate|open|paste|"
    r"place|plant|pour|preheat|press|prune|put|remove|repeat|rinse|run|save|select|serve|"
    r"set|simmer|slice|sprinkle|stir|tap|transfer|turn|type|use|water|whisk)\b",
    re.I,
)
# A listing: most lines short, and many of them.
LISTING_LINES = 25
LISTING_SHORT_SHARE = 0.75
LISTING_SHORT_WORDS = 6


def page_kind(
    text: str, types: list[str] | None = None, code: float = 0.0, language: str | None = "en"
) -> str:
    """The kind of a page ("news", "recipe", "manual", "product" or "listing").

    Args:
        text: the extracted body.
        types: what the page declares itself to be (schema.org types, `og:type`), if HTML.
        code: the share of the body set as code in the page (`code_share`), if HTML.
        language: the text's language; instructions are recognised in English only (French
            "Pour le ..." is no order to pour).
    """
    lowered_types = {t.lower() for t in types or ()}
    declared = sorted(SCHEMA_KINDS[t] for t in lowered_types if t in SCHEMA_KINDS)
    if NEWS in declared:
        return NEWS
    if lowered_types & ARTICLE_TYPES:
        declared = [k for k in declared if k != "listing"]  # an article's list of links
    if declared:
        return declared[0]
    lowered = text.lower()
    words = max(len(re.findall(r"\w+", lowered)), 1)
    news = _density(lowered, NEWS_CUES, words)
    scores = {kind: _density(lowered, cues, words) for kind, cues in CUES.items()}
    kind, score = max(scores.items(), key=lambda item: item[1])
    if score >= THRESHOLDS[kind] and score >= OVER_NEWS * news:
        return kind
    if news < STRUCTURE_NEWS_MAX:
        if code >= CODE_SHARE:
            return "manual"
        if language == "en" and _instructive(text):
            return "recipe" if scores["recipe"] >= RECIPE_WITH_INSTRUCTIONS else "manual"
    if _is_listing(text) and news < THRESHOLDS["product"]:
        return "listing"
    return NEWS


def _density(text: str, patterns: tuple[str, ...], words: int) -> float:
    """Matches of `patterns` per thousand words."""
    return 1000.0 * sum(len(re.findall(p, text)) for p in patterns) / words


def _instructive(text: str) -> bool:
    """Whether enough sentences (three words or more) open with an imperative verb."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if len(s.split()) >= 3]
    orders = sum(1 for s in sentences if INSTRUCTION.match(s))
    return orders >= MIN_INSTRUCTIONS and orders >= INSTRUCTION_SHARE * len(sentences)


def code_share(tree: Any, text: str) -> float:
    """The share of the body `text` that the page sets as code (`<pre>`, `<code>`)."""
    body = " ".join(text.split())
    if not body:
        return 0.0
    chars = 0
    for element in tree.xpath("//pre|//code[not(ancestor::pre)]")[:MAX_CODE_ELEMENTS]:
        code = " ".join(element.text_content().split())
        # Code outside the body (a widget, a sidebar snippet) does not count.
        if len(code) >= 3 and code in body:
            chars += len(code)
    return min(chars / len(body), 1.0)


def _is_listing(text: str) -> bool:
    """Many lines, most of them a few words: a list of links, products or results."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < LISTING_LINES:
        return False
    short = sum(1 for line in lines if len(line.split()) <= LISTING_SHORT_WORDS)
    return short / len(lines) >= LISTING_SHORT_SHARE


def declared_types(tree: Any) -> list[str]:
    """schema.org types a parsed HTML page declares (JSON-LD, microdata) and its `og:type`."""
    found: list[str] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        found.extend(_json_types(data))
    for itemtype in tree.xpath("//*[@itemtype]/@itemtype"):
        found.extend(t.rstrip("/").rsplit("/", 1)[-1] for t in str(itemtype).split())
    for og_type in tree.xpath("//meta[@property='og:type']/@content"):
        if str(og_type).strip().lower() == "product":
            found.append("Product")
    return found


def _json_types(data: Any, depth: int = 0) -> Iterator[str]:
    """Every "@type" in a JSON-LD value (nested graphs and lists included)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_types(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for value in kind if isinstance(kind, list) else [kind]:
            if isinstance(value, str):
                yield value.rsplit("/", 1)[-1]
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _json_types(data[key], depth + 1)
