"""Actors: who is named in a document, resolved and coded (country, IGO, sector, office).

Two components do the work. `sitroom_gazetteer`, an entity ruler placed before the model's
"ner", marks every country, demonym, capital, international organisation and known office
holder, so the model no longer tags "Kyiv's" or "Greenlandic" as a person and sees "Coalition
of the Willing" as an organisation. `sitroom_actors` then turns entities into actors:

- role phrases join the name they precede ("NATO Secretary General Mark Rutte" is one mention of
  Mark Rutte, IGO, affiliation NATO);
- aliases collapse ("Sir Keir Starmer", "Sir Keir", "Mr Starmer", "Starmer");
- role nouns ("the Prime Minister") go to the person holding that office in the document, or
  in the office holder table on the document's reference date;
- country adjectives before collective nouns make group actors ("Russian forces": RUS, MIL);
- every actor has an id that depends only on what it resolved to, so it is the same across
  documents.

`resolve_reference` answers "who is 'he' here?" for the quote and event layers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from spacy.tokens import Doc, Span

from sitroom.knowledge import Resolution
from sitroom.lang.en import words
from sitroom.pipeline.actors import gazetteer as gz
from sitroom.pipeline.actors import knowledge as kb
from sitroom.pipeline.actors import nominal
from sitroom.pipeline.actors.common import (
    _GENDER_KEY,
    _HONORIFICS,
    _MEMBERS_KEY,
    _ORG_ROLE_NOUNS,
    _POSSESSIVE,
    _SECOND_IN_COMMAND,
    _SPANS_KEY,
    _clean_name,
    _country,
    _Cue,
    _distance,
    _doubtful_person,
    _Draft,
    _group,
    _honorific,
    _is_person,
    _is_place_of,
    _merge,
    _named_like_people,
    _not_an_actor,
    _PersonMention,
    _role_noun,
    _story_date,
    _strip_inner,
    _trim,
    _unknown_body,
    _where,
)
from sitroom.pipeline.actors.matching import _match
from sitroom.records import Actor

# --------------------------------------------------------------------------- resolution


# Dependencies in which a place name stands for those who act or are acted on.
_ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "poss", "agent", "pobj", "appos"}


def _listed(ent: Span) -> bool:
    """Whether sitroom's own tables hold the name (a country, demonym, capital or city)."""
    text = ent.text
    return bool(gz.country_code(text) or gz.adjective_code(text) or gz.listed_place_country(text))


def _acting_place(ent: Span) -> bool:
    """A town or region named as a participant: subject, object, possessor ("Kirkuk's
    council", "troops entered Mosul"), or object of a preposition that is not locative."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in _ACTING_DEPS


def _with_knowledge(ents: list[Span], known: list[Span]) -> list[Span]:
    """The entities, with the knowledge base's names where the model missed or cut them.

    A knowledge-base name no entity touches is added ("the ELN" left untagged); one that
    holds a shorter PERSON or ORG entity replaces it ("Immigration and Customs Enforcement"
    tagged from "Customs"), and so does an organisation's name that opens with a place ("The
    New York Times", "Chicago Tribune": the paper, not the city). Entities the model found
    otherwise stand.
    """
    if not known:
        return ents
    taken = [False] * (max(e.end for e in [*ents, *known]) + 1)
    for ent in ents:
        for i in range(ent.start, ent.end):
            taken[i] = True
    result = list(ents)
    for span in known:
        inside = [e for e in ents if span.start <= e.start and e.end <= span.end]
        touching = any(taken[i] for i in range(span.start, span.end))
        if not touching:
            result.append(span)
        elif (
            inside
            and all(e.label_ in {"PERSON", "ORG"} or _leading_place(e, span) for e in inside)
            and all(
                e.start >= span.start and e.end <= span.end
                for e in ents
                if e.start < span.end and e.end > span.start
            )
        ):
            result = [e for e in result if not any(e is i for i in inside)]
            result.append(span)
    return sorted(result, key=lambda e: e.start)


def _leading_place(ent: Span, name: Span) -> bool:
    """Whether a place entity opens a longer organisation name of the knowledge base."""
    opens = ent.start == name.start and ent.end < name.end
    return opens and ent.label_ == "GPE" and name.label_ == "ORG"


class _Resolver:
    """One document's resolution state."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.day: dt.date | None = _story_date(doc)
        self.titles, self.groups, self.org_nouns = _match(doc)
        self.ents_by_end = {e.end: e for e in doc.ents}
        self.ents_by_start = {e.start: e for e in doc.ents}
        self.groups = nominal.group_spans(self)
        self.used = [False] * len(doc)
        self.drafts: dict[tuple[str, str | None, str], _Draft] = {}
        self.persons: list[_PersonMention] = []
        self.context = kb.context_codes(doc)
        # Compound actors: (start, end) of the joined phrase -> a further member's draft.
        self.members: list[tuple[int, int, _Draft]] = []

    # -- bookkeeping

    def free(self, start: int, end: int) -> bool:
        return not any(self.used[start:end])

    def add(self, draft: _Draft, start: int, end: int) -> _Draft:
        key = (draft.kind, draft.code, draft.name)
        kept = self.drafts.setdefault(key, draft)
        kept.spans.append((start, end))
        for i in range(start, end):
            self.used[i] = True
        return kept

    # -- entities

    def run(self) -> list[_Draft]:
        ents = [t for t in (_trim(e) for e in self.doc.ents) if t is not None]
        ents = [_given_name_before(e) for e in ents]
        ents = _with_knowledge(ents, kb.name_spans(self.doc))
        ents = [e for e in ents if not _not_an_actor(e)]
        people = [e for e in ents if e.label_ == "PERSON" and _is_person(e)]
        people += _named_like_people(ents, people)
        people = [e for e in people if not _doubtful_person(e, people, self.titles)]
        for ent in sorted(people, key=lambda e: e.start):
            self.person_mention(ent)
        self.resolve_persons()
        for ent in ents:
            if self.free(ent.start, ent.end):
                self.other_entity(ent)
        self.role_nouns()
        nominal.nominal_actors(self)
        nominal.device_actors(self)
        nominal.titled_people(self)
        self.apposed_roles()
        return list(self.drafts.values())

    def apposed_roles(self) -> None:
        """A person no table or title codes takes the coding of a role in apposition to the
        name: "Ko Ko Gyi, a Burmese activist," is a Burmese civilian, "Mullah Ahmad, a Taliban
        commander," a commander."""
        owner = {i: d for d in self.drafts.values() for s, e in d.spans for i in range(s, e)}
        for draft in list(self.drafts.values()):
            if draft.kind != "person" or draft.code or draft.sector or draft.office:
                continue
            role = next(filter(None, (self.apposed(end, owner) for _, end in draft.spans)), None)
            if role is None or role is draft:
                continue
            draft.code, draft.sector, draft.affiliation = role.code, role.sector, role.affiliation
            draft.office = role.office if role.kind == "person" else None

    def apposed(self, end: int, owner: dict[int, _Draft]) -> _Draft | None:
        """The coded actor heading the noun phrase in apposition to the name ending at `end`."""
        name = self.doc[end - 1]
        for child in name.children:
            if child.dep_ == "appos" and child.i > name.i and child.pos_ == "NOUN":
                role = owner.get(child.i)
                if role is not None and (role.code or role.sector):
                    return role
        return None

    def person_mention(self, ent: Span) -> None:
        name, cue = _strip_inner(self.with_first_names(ent))
        start = name.start
        i = start
        while i > 0 and self.doc[i - 1].lower_ in _HONORIFICS:
            i -= 1
            _honorific(cue, self.doc[i])
        start = min(start, i)
        title = self.titles.get(start)
        if title is not None:
            start = self.qualify(title, cue)
        self.persons.append(_PersonMention(name, start, cue))

    def with_first_names(self, ent: Span) -> Span:
        """The entity with untagged given names before it ("Mike" of "Mike Johnson").

        A surname in the gazetteer ruler can be tagged alone and leave the given name out; the
        longer name is taken when the gazetteer lists it.
        """
        start = ent.start
        title_tokens = {i for t in self.titles.values() for i in range(t.start, t.end)}
        while start > 0:
            token = self.doc[start - 1]
            if (
                token.pos_ != "PROPN"
                or not token.is_title
                or token.ent_type_
                or (token.is_sent_start and not kb.given_name(token.text))
                or token.i in title_tokens
                or token.lower_ in _HONORIFICS
            ):
                break
            start -= 1
        if start == ent.start:
            return ent
        if not gz.people_named(self.doc[start : ent.end].text):
            # An unlisted full name is someone else ("Ronald Johnson" is not Boris Johnson)
            # when what precedes is a given name: "Director" or "Marine" is none.
            if not kb.given_name(self.doc[start].text):
                return ent
        return Span(ent.doc, start, ent.end, label=ent.label_)

    def qualify(self, title: Span, cue: _Cue) -> int:
        """Read a title and what precedes it into `cue`; return where the role phrase starts."""
        cue.office = gz.office(title.text)
        start = title.start
        if start > 0 and cue.office and self.doc[start - 1].lower_ in _SECOND_IN_COMMAND:
            # "Vice Foreign Minister" is not the Foreign Minister.
            start -= 1
            rank = self.doc[start].text.title()
            cue.office = gz.Office(f"{rank} {cue.office.title}", cue.office.sector, cue.office.igo)
        before = self.ents_by_end.get(start)
        if before is None and start > 0 and self.doc[start - 1].text in _POSSESSIVE:
            before = self.ents_by_end.get(start - 1)
        if before is not None and _unknown_body(before):
            # "Chinese Foreign Ministry spokesman": the country comes before the ministry.
            earlier = self.ents_by_end.get(before.start)
            if earlier is not None and _where(earlier) is not None:
                start, before = before.start, earlier
        body = gz.organization_info(before.text) if before is not None else None
        if before is not None and body is not None and body.code != "IGO":
            cue.code, cue.sector, start = body.code, body.sector, before.start
        elif before is not None and (where := _where(before)) is not None:
            cue.code, cue.affiliation = where
            start = before.start
        if start > 0 and self.doc[start - 1].lower_.rstrip("-") in {"former", "ex", "then"}:
            cue.former = True
        if cue.office and cue.office.igo and cue.code is None:
            cue.code = "IGO"
        return start

    def resolve_persons(self) -> None:
        """Give every person mention its canonical name, then build the person actors."""
        full: dict[str, str] = {}  # surname / first name -> canonical name
        firsts: dict[str, str] = {}
        canon: list[str] = []
        for m in self.persons:
            known = gz.person(m.name.text, self.day)
            if len(m.name) > 1 or known is not None and len(m.name) == len(known.name.split()):
                name = known.name if known else self.listed_name(_clean_name(m.name.text))
                full.setdefault(name.split()[-1].lower(), name)
                firsts.setdefault(name.split()[0].lower(), name)
        for m in self.persons:
            text = _clean_name(m.name.text)
            known = gz.person(text, self.day)
            word = text.lower()
            if len(m.name) > 1:
                name = known.name if known else self.listed_name(text)
                if known is None and word.split()[-1] in full and word.split()[0] in firsts:
                    name = full[word.split()[-1]]
            elif m.cue.first_name and word in firsts:
                name = firsts[word]
            elif word in full:
                name = full[word]
            elif known is not None and self.surname_fits(known, word):
                name = known.name
            elif word in firsts:
                name = firsts[word]
            else:
                name = text
            canon.append(name)
        cues: dict[str, _Cue] = {}
        for m, name in zip(self.persons, canon, strict=True):
            merged = cues.setdefault(name, _Cue())
            _merge(merged, m.cue)
        profiles = {name: self.profile(name, cue) for name, cue in cues.items()}
        for m, name in zip(self.persons, canon, strict=True):
            self.add(profiles[name], m.start, m.name.end)

    def listed_name(self, text: str) -> str:
        """The name the tables list a full name under, else the name as written.

        The knowledge base's own name stands for an alias ("Senator John McCain" is John
        McCain); a name the tables lack is tried without its middle initials ("Lindsey O.
        Graham" is Lindsey Graham), as news writes them and the dictionaries do not.
        """
        for form in dict.fromkeys((text, _without_initials(text))):
            known = gz.person(form, self.day)
            if known is not None:
                return known.name
            found = kb.resolve(form, self.day, self.context, {"person"})
            if found is not None and found.entry is not None:
                return found.entry.name
        return text

    def surname_fits(self, known: gz.Person, word: str) -> bool:
        """Whether a bare surname can name the listed `known` person in this story.

        A surname shared by several listed people ("Johnson": Boris, Mike) names only the one
        in office on the story's date; a surname only one listed person goes by names them.
        """
        if self.day is None or known.term_at(self.day) is not None:
            return True
        return len(gz.people_named(word)) == 1

    def profile(self, name: str, cue: _Cue) -> _Draft:
        """A person's coding: sitroom's office holder table first (it wins for its years),
        then the knowledge base's dated roles, then what the text says."""
        draft = _Draft("person", name, gender=cue.gender or _first_name_gender(name))
        known = gz.person(name, self.day)
        term = known.term_at(self.day) if known else None
        if known is not None:
            draft.gender = known.gender or draft.gender
        if term is not None and not cue.former:
            draft.code, draft.affiliation, draft.office = term.code, term.affiliation, term.office
            office = gz.office(term.office)
            draft.sector = office.sector if office else None
            return draft
        found = kb.resolve(name, self.day, self.context, {"person"})
        if found is None and known is None and " " not in name:
            # A surname alone, with no full name before it in the story ("Uribe said").
            found = kb.surname(name, self.context, self.day)
        if found is not None and (known is None or (found.role and found.role.dated)):
            return self.known_profile(draft, cue, found)
        if cue.office is not None:
            draft.office, draft.sector = cue.office.title, cue.office.sector
            if cue.sector and cue.sector != "GOV" and draft.sector == "GOV":
                draft.sector = cue.sector  # a spokesman of Hamas or the IDF is REB or MIL
        draft.code, draft.affiliation = cue.code, cue.affiliation
        last = known.last_term(self.day) if known else None
        if last is not None and draft.code is None:
            draft.code, draft.affiliation = last.code, last.affiliation
        elif known is not None and last is None and draft.code is None:
            # Before their first office (a candidate, a governor-to-be) a person still belongs
            # to the country of that office; nothing says they hold one yet, so no sector.
            draft.code = _first_country(known)
            if draft.code is not None and not cue.former:
                return draft
        if cue.former or (known is not None and cue.office is None):
            # Known office holder out of office, or called "former": PLOVER's elite sector.
            draft.sector, draft.office = "ELI", None
        return draft

    def known_profile(self, draft: _Draft, cue: _Cue, found: Resolution) -> _Draft:
        """A person coded by the knowledge base; an office or country the text gives wins."""
        draft.code = cue.code or found.code
        draft.affiliation = cue.affiliation
        if draft.gender is None and found.entry is not None:
            draft.gender = _first_name_gender(found.entry.name)  # "Clinton" is Hillary Clinton
        if draft.code == "IGO" and draft.affiliation is None:
            draft.affiliation = kb.igo_short_name(found.affiliation)
        if cue.office is not None:
            draft.office, draft.sector = cue.office.title, cue.office.sector
        elif found.role is not None and found.role.dated:
            draft.sector = found.sector
        if cue.former:
            draft.sector, draft.office = "ELI", None
        return draft

    def other_entity(self, ent: Span) -> None:
        """Countries, IGOs, organisations and groups from a non-person entity."""
        if self.known_body(ent):
            return
        body = gz.organization_info(ent.text)
        if body is not None and body.code != "IGO":
            # State bodies, armed groups, NGOs; "Taliban fighters" is still the Taliban.
            group = self.group_after(ent)
            end = group.end if group is not None else ent.end
            self.add(_Draft("organization", body.name, body.code, body.sector), ent.start, end)
            return
        where = _where(ent)
        group = self.group_after(ent) if where and where[0] != "IGO" else None
        if group is not None and where is not None:
            sector = nominal.agent_sector(self.groups[group.start])[0] or "GOV"
            self.add(_group(where[0], sector), ent.start, group.end)
            return
        joined = nominal.compound_group(self, ent) if where and where[0] != "IGO" else None
        if joined is not None and where is not None:
            # "Czech and Slovak officials": the Czech officials are a member of their own.
            sector = nominal.agent_sector(self.groups[joined.start])[0] or "GOV"
            member = self.add(_group(where[0], sector), ent.start, ent.end)
            self.members.append((joined.start, joined.end, member))
            return
        if "\n" in ent.text or ent.text.startswith("@"):
            return  # page furniture glued together by the model, not a name
        if where is None:
            if ent.label_ == "ORG" and nominal.named_agent(self, ent):
                return
            if ent.label_ == "ORG":
                name = _clean_name(ent.text)
                self.add(_Draft("organization", name), ent.start, ent.end)
            elif ent.label_ == "NORP":
                self.add(_Draft("group", _clean_name(ent.text)), ent.start, ent.end)
            return
        code, igo = where
        if code == "IGO":
            self.add(_Draft("organization", igo or ent.text, code="IGO"), ent.start, ent.end)
        elif _is_place_of(ent) and not (gz.country_code(ent.text) or gz.adjective_code(ent.text)):
            return  # "a meeting in Paris": where it happened; "aid to Syrians" names people
        elif not _listed(ent) and not _acting_place(ent):
            return  # a town of the knowledge base that only modifies ("the Mosul offensive")
        elif ent.label_ in {"GPE", "NORP", "PERSON", "ORG"} or gz.country_code(ent.text):
            self.add(_country(code), ent.start, ent.end)

    def known_body(self, ent: Span) -> bool:
        """An organisation or armed group of the knowledge base that sitroom's own tables do
        not hold; True when it made the actor."""
        if ent.label_ not in {"ORG", "PERSON", "NORP"} or gz.organization_info(ent.text):
            return False
        if _where(ent) is not None:
            return False
        found = kb.resolve(ent.text, self.day, self.context, {"organization", "group"})
        if found is None or found.entry is None:
            return False
        affiliation = kb.igo_short_name(found.affiliation) if found.code == "IGO" else None
        name = affiliation or found.entry.name
        group = self.group_after(ent)
        end = group.end if group is not None else ent.end
        draft = _Draft("organization", name, found.code, found.sector)
        self.add(draft, ent.start, end)
        return True

    def group_after(self, ent: Span) -> Span | None:
        """The collective noun phrase a country word leads ("Russian [armed] forces")."""
        i = ent.end
        if i < len(self.doc) and self.doc[i].text in _POSSESSIVE:
            i += 1
        first = self.groups.get(i)
        skipped = 0
        while first is None and skipped < 2 and i + skipped < len(self.doc):
            # "Russian [armed] forces", "Italian [dock] workers": modifiers of the group noun.
            token = self.doc[i + skipped]
            if token.pos_ not in {"ADJ", "NOUN", "PROPN"} or token.ent_type_:
                break
            skipped += 1
            first = self.groups.get(i + skipped)
        if first is None:
            return None
        last = first
        while last.end in self.groups:
            last = self.groups[last.end]
        head = last[-1]
        if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ == "amod":
            return None
        if head.dep_ == "compound" and head.head.pos_ not in {"NOUN", "PROPN"}:
            return None  # a compound is kept only inside a noun phrase ("police custody")
        return self.doc[first.start : last.end]

    def role_nouns(self) -> None:
        """Titles not attached to a name ("the Prime Minister") and "the alliance"."""
        for title in self.titles.values():
            if not self.free(title.start, title.end) or not _role_noun(title):
                continue
            cue = _Cue()
            start = self.qualify(title, cue)
            if not self.free(start, title.end):
                start = title.start
            if start > 0 and self.doc[start - 1].lower_ == "the" and not self.used[start - 1]:
                start -= 1  # the mention is the whole noun phrase, "the Prime Minister"
            person = self.holder(title, cue)
            if person is not None:
                self.add(person, start, title.end)
        for span in self.org_nouns:
            igo = _ORG_ROLE_NOUNS[span[-1].lower_]
            draft = self.drafts.get(("organization", "IGO", igo))
            if draft is not None and self.free(span.start, span.end):
                self.add(draft, span.start, span.end)

    def holder(self, title: Span, cue: _Cue) -> _Draft | None:
        """The person a role noun names: in the document, else in the office holder table."""
        if cue.office is None:
            return None
        same = [
            d
            for d in self.drafts.values()
            if d.kind == "person"
            and d.office == cue.office.title
            and (cue.code in (None, d.code))
            and (cue.affiliation in (None, d.affiliation))
        ]
        if same:
            return min(same, key=lambda d: _distance(d, title.start))
        codes = [(cue.code, cue.affiliation)] if cue.code else self.likely_codes(cue.office)
        for code, affiliation in codes:
            found = gz.office_holder(
                cue.office.title, None if code == "IGO" else code, affiliation, self.day
            )
            if found is not None:
                return self.profile(found.name, _Cue())
        code = cue.code
        if code is None and not cue.office.igo and len(codes) == 1:
            code = codes[0][0]  # the one country of the story: "The Prime Minister said ..."
        if code and code not in {"IGO", "NGO", "MNC", "IMG"}:
            name = f"{cue.office.title} of {gz.country_name(code)}"
            return _Draft("person", name, code, cue.office.sector, cue.office.title)
        return None

    def likely_codes(self, office: gz.Office) -> list[tuple[str, str | None]]:
        """The document's most mentioned IGOs (for IGO titles) or countries, best first."""
        counts: Counter[tuple[str, str | None]] = Counter()
        for d in self.drafts.values():
            if office.igo and d.code == "IGO" and d.kind == "organization":
                counts[("IGO", d.name)] += len(d.spans)
            elif not office.igo and d.code and d.code != "IGO":
                counts[(d.code, None)] += len(d.spans)
        return [key for key, _ in counts.most_common(2)]


_INITIAL = re.compile(r"^[A-Z]\.?$")


def _given_name_before(ent: Span) -> Span:
    """A country word after a given name is a surname: "Mark Cuban", "Michael Jordan" are
    people (the ruler took the second word alone for a demonym or a country)."""
    doc = ent.doc
    if len(ent) != 1 or ent.label_ not in ("NORP", "GPE") or ent.start == 0:
        return ent
    before = doc[ent.start - 1]
    if before.ent_type_ or not before.is_title or before.lower_ not in words.GIVEN_NAME_GENDER:
        return ent
    return Span(doc, ent.start - 1, ent.end, label="PERSON")


def _without_initials(name: str) -> str:
    """A personal name without the initials between its first and last words ("George W.
    Bush" -> "George Bush"); a name of two words or fewer is returned as it is."""
    words = name.split()
    if len(words) < 3:
        return name
    inner = [w for w in words[1:-1] if not _INITIAL.match(w)]
    return " ".join([words[0], *inner, words[-1]])


def _first_country(known: gz.Person) -> str | None:
    """The country of a listed person's first office held for a country (not for an IGO)."""
    for term in sorted(known.terms, key=lambda t: t.start):
        if term.code != "IGO":
            return term.code
    return None


def _first_name_gender(name: str) -> str | None:
    """The gender a person's first name nearly always names ("Hillary Clinton": "f")."""
    first = name.split()[0].lower() if " " in name else ""
    return words.GIVEN_NAME_GENDER.get(first)


def find_actors(doc: Doc) -> tuple[list[Actor], dict[int, str]]:
    """Resolve the entities of `doc` into actors; map each mention token to its actor id."""
    resolver = _Resolver(doc)
    drafts = resolver.run()
    actors: list[Actor] = []
    token_actor: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    genders: dict[str, str] = {}
    ids: dict[int, str] = {}
    dateline_start, dateline_end = kb.dateline_span(doc) or (0, 0)
    for draft in drafts:
        # The dateline names where the story was filed, not a participant; a headline
        # above it names actors like the body.
        draft.spans = [
            (s, e) for s, e in draft.spans if not dateline_start <= doc[s].idx < dateline_end
        ]
        if not draft.spans:
            continue
        actor = draft.actor(doc)
        actors.append(actor)
        ids[id(draft)] = actor.id
        if draft.gender:
            genders[actor.id] = draft.gender
        for start, end in set(draft.spans):
            spans.append((start, end, actor.id))
            for i in range(start, end):
                token_actor[i] = actor.id
    actors.sort(key=lambda a: a.mentions[0].start if a.mentions else 0)
    doc.user_data[_SPANS_KEY] = sorted(spans)
    doc.user_data[_GENDER_KEY] = genders
    members: dict[int, list[str]] = {}
    for start, end, draft in resolver.members:
        if id(draft) in ids:
            for i in range(start, end):
                members.setdefault(i, []).append(ids[id(draft)])
    doc.user_data[_MEMBERS_KEY] = members
    return actors, token_actor
