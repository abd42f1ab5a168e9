"""Time: temporal expressions normalized to TIMEX3 values against the reference date.

Candidates are spaCy's DATE and TIME entities plus patterns for what the small model tends to
miss ("now", "recently", "weekly", "Friday night", "the morning's", clock times, durations).
Where candidates overlap, the longest one with a value wins. Each candidate is normalized by
the rules in `rules`; the clause tense (read from the dependency parse) decides
whether a bare weekday or a month without a year lies in the past or in the future.

The reference date is `doc._.reference_date` (the publication date). When a document has none,
the dateline component (before the parser, so every layer sees the same date) calls
`infer_reference_date`, which looks for a dateline ("LONDON, 16 January 2025 -",
"Jan 16 (Reuters) -") or a full date in the first paragraph; when it finds one it sets the
reference date and adds a note. Otherwise relative expressions keep the value None rather than
a guess.

Day parts are TIMEX3 times: "this morning" and "the morning's meeting" are
`2026-01-08TMO` with type TIME; "today" is the date `2026-01-08` (type DATE).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.lang.en import words
from sitroom.pipeline.timex.rules import normalize
from sitroom.records import TimeExpr

_MONTH = rf"(?:{'|'.join(sorted(words.MONTH_NUMBERS, key=len, reverse=True))})\.?"
_WEEKDAY = rf"(?:{'|'.join(sorted(words.WEEKDAYS))})"
# Subjects of a complement clause, "there"/"it" included.
_SUBJECTS = words.NOMINAL_SUBJECTS | words.EXPLETIVES
_NUM = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a few|several|a couple of|many)"
)
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_PART = r"(?:morning|afternoon|evening|night)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CLOCK = (
    r"(?:\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b|noon|midnight"
    r"|midday)"
)

# Patterns for expressions the statistical model often misses; a group named "x", when
# present, is the span to keep (the rest is context, e.g. the preposition before a year).
_PATTERNS = [
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4}",
    rf"(?:{_WEEKDAY},?\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+\d{{4}})?",
    rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?",
    rf"(?:early|mid|late|mid-|early-|late-)?\s*{_MONTH},?\s+\d{{4}}",
    rf"(?:(?:this|last|next|this past|this coming|every|each)\s+)?{_WEEKDAY}s?"
    rf"(?:\s+{_PART}s?)?",
    rf"(?:(?:early|late|earlier|later)\s+)?(?:today|tonight|tomorrow|yesterday)(?:\s+{_PART})?",
    rf"(?:(?:early|late|earlier|later)\s+)?(?:this|last)\s+{_PART}",
    r"the\s+(?:morning|afternoon|evening)(?=['\u2019]s\b)['\u2019]s",
    r"now|currently|presently|nowadays|recently|lately|previously|formerly|soon|overnight",
    r"(?:the|that)\s+(?:latest\s+|most recent\s+|same\s+)?(?:fiscal\s+)?(?:quarter|period)",
    r"(?:(?:this|last|next)\s+)?(?:christmas(?:\s+(?:eve|day))?|new\s+year['\u2019]s\s+(?:eve|day)"
    r"|thanksgiving(?:\s+day)?|easter(?:\s+(?:sunday|monday))?|good\s+friday|halloween)",
    rf"(?:the\s+)?(?:most\s+)?(?:recent|past|coming|following|next|last)\s+(?:few\s+)?{_UNIT}s",
    r"(?:the\s+)?(?:near\s+|foreseeable\s+|distant\s+)?future|the\s+(?:recent\s+)?past",
    r"(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+(?:week(?:end)?|month|year|quarter"
    r"|decade|century|winter|spring|summer|autumn|fall)",
    # Seasons after "the" or a preposition ("spring" alone is as often a verb or a noun).
    r"the\s+(?:winter|spring|summer|autumn)(?:\s+months)?"
    r"|(?:in|during|by|until|since|through|throughout|over)\s+(?P<x>winter|spring|summer|autumn)",
    r"daily|weekly|monthly|annually|yearly|quarterly|hourly|fortnightly|biweekly",
    rf"(?:every|each)\s+(?:other\s+)?(?:{_NUM}\s+)?(?:{_UNIT}s?|{_WEEKDAY}|{_PART})",
    rf"(?:once|twice|\w+ times)\s+(?:a|per)\s+{_UNIT}",
    rf"(?:the\s+)?(?:(?:past|last|next|coming|first|final|previous)\s+)?{_NUM}[\s-]+{_UNIT}s?"
    r"(?:\s+(?:ago|earlier|later|from now))?",
    _CLOCK,
    r"(?:in|since|until|by|during|before|after|from|of|between|and|to|through|or|,)\s+"
    r"(?P<x>(?:1[89]|20)\d\d)(?!\s*(?:%|percent|people|[a-z]+s\b))",
    # Month names alone; "May" and "March" only where the words around make them a month.
    r"(?-i:(?:Jan|Febr)uary|April|June|July|August|(?:Septem|Octo|Novem|Decem)ber)",
    r"(?:in|since|until|by|early|late|mid-|last|next|this|of|from|to)\s+(?P<x>(?-i:May|March))",
    rf"{_CLOCK}(?:\s+[A-Z]{{3}})?,?\s+(?:on\s+)?(?:{_WEEKDAY}|today|tomorrow|yesterday)",
    rf"(?:{_WEEKDAY}|today|tomorrow|yesterday),?\s+(?:at\s+)?{_CLOCK}",
    rf"(?:early|late|mid-?)?\s*{_PART}\s+(?:today|yesterday|tomorrow)",
    r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period))?",
    rf"{_MONTH}(?:\s+{_DAY})?,?\s+(?:this|last|next)\s+year",
    r"(?:the\s+)?(?:first|second|third|fourth)[\s-]+(?:quarter|half)",
]
_COMPILED = [re.compile(rf"\b(?:{p})(?![\w-])", re.IGNORECASE) for p in _PATTERNS]

# Words that make a model entity temporal even when its value cannot be computed.
_TEMPORAL_CUE = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}|{_UNIT}s?|weekends?|today|tonight|tomorrow|yesterday|now|ago"
    rf"|season|{_PART}|(?:1[0-9]|20)\d\d|\d+s|spring|summer|autumn|winter|fall|future|past"
    rf"|recent(?:ly)?|times?)\b",
    re.IGNORECASE,
)
_SEASON_WORD = re.compile(r"Winter|Spring|Summer|Autumn|Fall")
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "\u2019ll", "would", "'d"}
_FUTURE_CUE = re.compile(r"\b(?:as (?:early|soon) as|no later than|next)\s+$", re.IGNORECASE)
_QUARTER_IN_FOCUS = re.compile(r"(?:the|that)\s+(?:same\s+)?(?:fiscal\s+)?quarter", re.I)
_YEARS_BACK = re.compile(
    r"(?:the\s+)?(?:(?:a|one|two|three|\d)\s+years?\s+(?:(?P<ago>ago)|(?P<earlier>earlier|before))"
    r"|year-(?:(?P<ago2>ago)|(?P<earlier2>earlier))(?:\s+(?:quarter|period))?)",
    re.IGNORECASE,
)
# Verbs whose infinitive complement lies ahead ("is expected to meet on Friday").
_FUTURE_GOVERNORS = {
    "expect", "schedule", "plan", "set", "due", "intend", "aim", "prepare", "go", "hope",
    "want", "seek", "agree", "promise", "threaten", "vow", "pledge", "propose",
}  # fmt: skip
# Of those, the verbs whose own date lies ahead ("scheduled talks Thursday", "a ruling expected
# on Friday"); "agreed on Wednesday" or "vowed on Monday to ..." date the agreeing and vowing.
_PLANNING_VERBS = {"expect", "schedule", "plan", "due"}


def find_dates(doc: Doc) -> list[TimeExpr]:
    """Every temporal expression of `doc` with its TIMEX3 value relative to the reference date.

    Args:
        doc: a parsed document; `doc._.reference_date` anchors relative expressions.

    Returns:
        The expressions in text order; `value` is None for one that needs an anchor the
        document does not give.
    """
    reference = doc._.reference_date
    text = doc.text  # built on each access: read it once
    parsed = doc.has_annotation("DEP")
    found: list[tuple[int, int, str | None, str]] = []
    for start, end in _candidate_spans(doc, text):
        if _part_of_name(text, start, end):
            continue
        tense = _tense_at(doc, text, start, end) if parsed else None
        result = normalize(text[start:end], reference, tense)
        if result is None:
            continue
        found.append((start, end, *result))
    chosen = _anchor_year_ago(text, _resolve_overlaps(found))
    return [TimeExpr(text[s:e], s, e, value, kind) for s, e, value, kind in chosen]


def _candidate_spans(doc: Doc, text: str) -> set[tuple[int, int]]:
    """Character spans of model entities and pattern matches (overlaps resolved later)."""
    spans = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and _TEMPORAL_CUE.search(ent.text):
            spans.add(_trim(text, ent.start_char, ent.end_char))
    for pattern in _COMPILED:
        for match in pattern.finditer(text):
            keep = "x" in pattern.groupindex and match.start("x") >= 0
            spans.add(match.span("x") if keep else match.span())
    return spans


def _part_of_name(text: str, start: int, end: int) -> bool:
    """A capitalized season after a capitalized word names an event ("the Arab Spring")."""
    if not _SEASON_WORD.fullmatch(text[start:end]):
        return False
    return re.search(r"[A-Z][\w'\u2019-]*\s+$", text[max(0, start - 40) : start]) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation the model sometimes leaves at an entity's edges."""
    while (
        end > start
        and text[end - 1] in ".,;:!?)\"'\u201d"
        and not text[start:end].endswith(("a.m.", "p.m."))
    ):
        end -= 1
    while start < end and text[start] in "(\"'\u201c":
        start += 1
    return start, end


def _resolve_overlaps(
    found: list[tuple[int, int, str | None, str]],
) -> list[tuple[int, int, str | None, str]]:
    """Keep non-overlapping expressions: valued ones first, longest first."""
    order = sorted(found, key=lambda f: (f[2] is None, -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str | None, str]] = []
    for item in order:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept)


def _anchor_year_ago(
    text: str, found: list[tuple[int, int, str | None, str]]
) -> list[tuple[int, int, str | None, str]]:
    """Give "a year ago" / "a year earlier" the granularity of the period in focus.

    Business news compares a quarter with "a year ago" or "the year-earlier quarter": the same
    quarter one year back. "Earlier" also takes a month or a day in focus ("Sept. 30 ... a
    year earlier"). Without such a period in focus the value stays the year.
    """
    result = []
    quarter: str | None = None
    calendar: str | None = None
    for start, end, value, kind in found:
        match = _YEARS_BACK.fullmatch(text[start:end].strip())
        if match and value and re.fullmatch(r"\d{4}", value):
            earlier = bool(match.group("earlier") or match.group("earlier2"))
            focus = quarter or (calendar if earlier else None)
            if focus:
                years = int(focus[:4]) - int(value)
                if years in (1, 2, 3):
                    value = f"{int(focus[:4]) - years}{focus[4:]}"
        elif value and re.fullmatch(r"\d{4}-Q\d", value):
            quarter = value
        elif value is None and quarter and _QUARTER_IN_FOCUS.fullmatch(text[start:end].strip()):
            value = quarter
        elif value and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value):
            calendar = value
        result.append((start, end, value, kind))
    return result


def _tense_at(doc: Doc, text: str, start: int, end: int) -> str | None:
    """Tense ("PAST", "FUTURE" or None) of the clause an expression belongs to."""
    if _FUTURE_CUE.search(text[max(0, start - 24) : start]):
        return "FUTURE"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end:
            return verb_tense(_outer_verb(token, span.start))
        if token.head is token:
            return None
        token = token.head
    return None


def _outer_verb(verb: Token, at: int) -> Token:
    """The verb an expression at token `at` really dates, undoing a common misattachment.

    In "said on Wednesday it would expel" the parser hangs "on Wednesday" on "expel"; a date
    between a reporting verb and the subject of its complement clause dates the reporting.
    """
    if verb.dep_ != "ccomp" or verb.head is verb or not verb.head.i < at < verb.i:
        return verb
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if any(at < c.i for c in subjects):
        return verb.head
    return verb


def verb_tense(verb: Token) -> str | None:
    """Tense of a verb's clause: "FUTURE", "PAST" or None.

    Future: will/shall/would (in reported speech "would" is the future seen from the past),
    planning verbs ("scheduled a meeting Thursday") and their "to"-complements, and the
    present progressive. Past: past and perfect forms.
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or verb.lemma_.lower() in _PLANNING_VERBS:
        return "FUTURE"
    if "to" in words and verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.head is not verb:
        governor = verb.head
        if governor.lemma_.lower() in _FUTURE_GOVERNORS or governor.lower_ == "due":
            return "FUTURE"
        return verb_tense(governor)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or words & {"has", "have"}:
        return "PAST"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "FUTURE"  # "is meeting on Friday": an arrangement
    return None


# ---------------------------------------------------------------- reference date inference

_DATE_FORMS = (
    rf"(?P<date>\d{{4}}-\d\d-\d\d|{_DAY}\s+{_MONTH},?(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?)"
)
# "LONDON, 16 January 2025 -", "WASHINGTON, Jan. 16, 2025 (Reuters) -", "Jan 16 (Reuters) -":
# a place in capitalized words, the date, an agency in brackets, a dash.
_PLACE = r"[A-Z][A-Za-z.'-]*(?:[ ][A-Z][A-Za-z.'-]*){0,3}"
_AGENCY = r"(?:\([A-Za-z .&-]{1,30}\))?"
_DATELINE = re.compile(
    rf"^[ \t]*(?:{_PLACE}(?:,[ \t]*{_PLACE}){{0,2}}[ \t]*{_AGENCY}[ \t]*,?[ \t]*)?"
    rf"(?i:{_DATE_FORMS})"
    r"[ \t]*,?[ \t]*(?:\([A-Za-z .&-]{1,30}\))?[ \t]*(?:-|--|\u2014|\u2013|_|:)",
    re.MULTILINE,
)
_FULL_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d\d-\d\d|{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}})\b",
    re.IGNORECASE,
)
_LEAD_CHARS = 600  # a dateline or lead date sits within the first few lines
_TITLE_CHARS = 150
NEAR_DATELINE_DAYS = 60  # a dated mention this close to a yearless dateline lends its year


def infer_reference_date(text: str) -> tuple[dt.date, str] | None:
    """A reference date read from the text itself, and where it came from.

    Looks for a dateline at the start of a line in the lead ("LONDON, 16 January 2025 -",
    "Jan 16 (Reuters) -"), then for a full date in the first paragraphs (a title line may come
    first). A dateline without a year takes the year of a full date in the text that lies
    within two months of it; years merely mentioned are not trusted (they are mostly about
    other events).

    Returns:
        (date, source description) or None when the text gives no date to anchor on.
    """
    lead = text[:_LEAD_CHARS]
    match = _DATELINE.search(lead)
    if match:
        day = _calendar_date(match.group("date")) or _date_with_year_from(match.group("date"), text)
        if day is not None:
            return day, "the dateline"
    blocks = re.split(r"\n\s*\n", text.lstrip(), maxsplit=2)
    # A short first block is a title: the lead paragraph follows it.
    lead = "\n\n".join(blocks[:2]) if len(blocks[0]) < _TITLE_CHARS else blocks[0]
    match = _FULL_DATE.search(lead[:_LEAD_CHARS])
    if match:
        day = _calendar_date(match.group(0))
        if day is not None:
            return day, "the first date in the text"
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of the article's dateline ("ISTANBUL, 22 July 2022 —"), or None."""
    match = _DATELINE.search(text[:_LEAD_CHARS])
    return match.span() if match else None


@Language.component("sitroom_dateline", assigns=["doc._.dateline", "doc._.reference_date"])
def dateline_component(doc: Doc) -> Doc:
    """Mark the dateline and make the story start a sentence of its own (before parsing).

    Left to itself the parser reads "ISTANBUL, 22 July 2022 — Russia and Ukraine signed" as
    the city signing; a preset sentence start keeps the place out of the story's clauses.
    """
    span = dateline_span(doc.text)
    doc._.dateline = span
    # The one place the reference date of an undated document is inferred: the actor layer
    # (office terms of the day) and the time layer both read it from here.
    ensure_reference_date(doc)
    if span is not None:
        following = next((t for t in doc if t.idx >= span[1] and not t.is_space), None)
        if following is not None and following.i > 0:
            following.is_sent_start = True
    return doc


def yearless_dateline(text: str) -> str | None:
    """The date of a dateline that gives no year and no way to find it, or None."""
    match = _DATELINE.search(text[:_LEAD_CHARS])
    if match is None or _calendar_date(match.group("date")) is not None:
        return None
    return None if _date_with_year_from(match.group("date"), text) else match.group("date")


def _calendar_date(date_text: str) -> dt.date | None:
    """The date written in `date_text` when it is a full calendar date."""
    result = normalize(date_text, None)
    value = result[0] if result else None
    if value is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return None
    return dt.date.fromisoformat(value)


def _date_with_year_from(date_text: str, text: str) -> dt.date | None:
    """A month and day completed with the year of the nearest full date in `text`."""
    dated = [d for d in map(_calendar_date, _FULL_DATE.findall(text)) if d is not None]
    best: tuple[int, dt.date] | None = None
    for other in dated:
        for year in (other.year - 1, other.year, other.year + 1):
            day = _calendar_date(f"{date_text} {year}")
            if day is not None and abs((day - other).days) <= NEAR_DATELINE_DAYS:
                distance = abs((day - other).days)
                best = min(best, (distance, day)) if best else (distance, day)
    return best[1] if best else None


def ensure_reference_date(doc: Doc) -> None:
    """Infer `doc._.reference_date` from the text when no publication date was given."""
    if doc._.reference_date is not None:
        return
    text = doc.text
    if doc._.notes is None:
        doc._.notes = []
    inferred = infer_reference_date(text)
    if inferred is None:
        partial = yearless_dateline(text)
        if partial is not None:
            doc._.notes.append(
                f"dateline {partial!r} gives no year: relative dates left unresolved"
            )
        return
    day, source = inferred
    doc._.reference_date = day
    doc._.notes.append(f"reference date {day.isoformat()} inferred from {source}")


@Language.component("sitroom_timex", assigns=["doc._.dates"])
def timex_component(doc: Doc) -> Doc:
    """Set `doc._.dates`, anchored on the reference date the dateline component set."""
    doc._.dates = find_dates(doc)
    return doc
