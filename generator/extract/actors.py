"""Actors of one article: spaCy entities and gazetteer matches merged into canonical actors.

Countries come from the gazetteer (names, demonyms, capitals and seats standing for governments),
people from PER entities (titles stripped, surnames joined to full names, roles and affiliations from
appositions), organisations from the gazetteer, ORG entities and nationality-marked institutions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer, fold
from ..load import slugify
from ..model import Actor, TextSpan

MAX_NAME_TOKENS = 7
# Nouns that, with a nationality ("les autorités ukrainiennes"), stand for the state itself.
STATE_NOUNS = frozenset(
    "autorité gouvernement régime pouvoir état diplomatie dirigeant responsable administration exécutif "
    "troupe soldat force militaire capitale officiel "
    "authority government regime administration troop force official military leadership".split()
)
# Nouns that, with a nationality, name an institution of that state ("armée de l'air iranienne").
INSTITUTION_NOUNS = frozenset(
    "ministère armée police parlement marine aviation justice tribunal cour service agence banque "
    "gendarmerie assemblée sénat chambre garde douane renseignement parquet conseil commission "
    "congrès parti ambassade consulat "
    "ministry army police parliament navy court agency bank senate congress party embassy consulate".split()
)
# Words that make a name a movement, not a person: army, free men, soldiers, brigade, movement...
GROUP_NAME_WORDS = frozenset("jaysh jaish ahrar jund liwa kataib harakat ansar suqour faylaq".split())
# Institutions an article may name by their noun alone ("l'armée", "le parlement").
UNNAMED_INSTITUTIONS = frozenset("armée police parlement gendarmerie sénat congrès parquet commission tribunal cour "
                                 "army police parliament senate congress court".split())
DEFINITE = frozenset("le la les l' l’ the".split())
# Singular nouns that name a collective political actor ("l'opposition a critiqué ...").
COLLECTIVES = frozenset("opposition rébellion junte guérilla résistance junta rebellion guerrilla resistance".split())
GENERIC_COLLECTIVES = frozenset("groups factions movements militias parties".split())
PLACE_PREPOSITIONS = frozenset("à dans vers depuis en près autour sur au aux in at near around inside".split())
DETERMINERS = frozenset("le la les l' l’ un une des du de d' d’ son sa ses leur leurs ce cette ces "
                        "the a an his her its their this these those".split())


@dataclass
class _Record:
    """An actor while it is being assembled from its mentions."""

    id: str
    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None
    surfaces: set[str] = field(default_factory=set)
    spans: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class ActorIndex:
    """The actors of one Doc and, for the event stage, which actors each token stands for."""

    records: dict[str, _Record] = field(default_factory=dict)
    owners: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Token index -> actor ids it denotes; role words belong to their person."""
    country_mentions: list[tuple[int, str]] = field(default_factory=list)
    """(token index, country id) in text order, to resolve "le pays" / "les deux pays"."""

    def type_of(self, actor_id: str) -> str | None:
        record = self.records.get(actor_id)
        return record.type if record else None

    def add(self, actor_id: str, name: str, actor_type: str, span: Span, *, owner: bool = True) -> _Record:
        record = self.records.setdefault(actor_id, _Record(actor_id, name, actor_type))
        record.surfaces.add(span.text)
        record.spans.add((span.start_char, span.end_char))
        if owner:
            for token in span:
                self.owners[token.i] = (actor_id,)
        return record

    def party(self, actor_id: str) -> str:
        """The party an actor acts for: a minister stands for the country, a ministry for its state."""
        seen = {actor_id}
        record = self.records.get(actor_id)
        while record is not None and record.affiliation and record.affiliation not in seen:
            seen.add(record.affiliation)
            actor_id = record.affiliation
            record = self.records.get(actor_id)
        return actor_id

    def actors_in(self, tokens) -> list[str]:
        """Actor ids denoted by these tokens, in text order, each once."""
        found: list[str] = []
        for token in sorted(tokens, key=lambda t: t.i):
            for actor_id in self.owners.get(token.i, ()):
                if actor_id not in found:
                    found.append(actor_id)
        return found

    def drop(self, actor_ids: set[str]) -> None:
        """Forget these actors: the reader judged them not to be actors."""
        for actor_id in actor_ids:
            self.records.pop(actor_id, None)
        for i, owners in list(self.owners.items()):
            kept = tuple(a for a in owners if a not in actor_ids)
            if kept:
                self.owners[i] = kept
            else:
                del self.owners[i]
        self.country_mentions = [(i, a) for i, a in self.country_mentions if a not in actor_ids]

    def to_actors(self, doc: Doc, confidences: dict[str, float] | None = None) -> tuple[Actor, ...]:
        actors = []
        text = doc.text
        for record in self.records.values():
            mentions = tuple(TextSpan(text[start:end], start, end) for start, end in sorted(record.spans))
            aliases = tuple(sorted(s for s in record.surfaces if s != record.name))
            actors.append(
                Actor(record.id, record.name, record.type, record.role,
                      record.affiliation if record.affiliation in self.records else None,  # never a dangling id
                      aliases, mentions, (confidences or {}).get(record.id, 1.0))
            )
        return tuple(sorted(actors, key=lambda a: (a.mentions[0].start, a.id)))


def find_actors(doc: Doc, gaz: Gazetteer, lang: str) -> ActorIndex:
    """Every actor of the Doc, one record per real-world actor."""
    index = ActorIndex()
    taken: set[int] = set()
    people = _person_candidates(doc, gaz)
    matches = _gazetteer_matches(doc, gaz)
    # A person's name beats a gazetteer word inside it ("George Washington").
    for ent in people:
        if any(s >= ent.start and e <= ent.end and (e - s) < len(ent) for s, e, _ in matches):
            taken.update(range(ent.start, ent.end))
    for start, end, actor_id in matches:
        if taken.intersection(range(start, end)):
            continue
        span = doc[start:end]
        entry = gaz.entries[actor_id]
        if entry.type == "country" and fold(span.text) in gaz.capitals and _is_location(span):
            index.add(slugify(span.text), span.text, "place", span)
        else:
            index.add(actor_id, gaz.display_name(actor_id, lang) or span.text, entry.type, span)
            if entry.type == "country":
                index.country_mentions.append((start, actor_id))
        taken.update(range(start, end))
    _add_demonyms(doc, gaz, lang, index, taken)
    _add_people(doc, gaz, people, index, taken)
    _add_entities(doc, gaz, index, taken)
    _add_collectives(doc, gaz, index, taken)
    _add_country_references(doc, index)
    index.country_mentions.sort()
    for record in index.records.values():
        entry = gaz.entries.get(record.id)
        if entry is not None and entry.country and record.affiliation is None and entry.country in index.records:
            record.affiliation = entry.country  # "le FBI" acts for the United States
    _add_role_references(doc, gaz, index)
    _default_affiliations(index)
    return index


def _add_role_references(doc: Doc, gaz: Gazetteer, index: ActorIndex) -> None:
    """ "le dirigeant américain", "le président russe": the one person of that country the article
    names stands behind the description."""
    for token in doc:
        if not _is_role(token, gaz) or token.lower_.startswith("homologue"):
            continue
        if not any(c.lower_ in DEFINITE for c in token.children):
            continue
        countries = [c for child in token.children if child.dep_ == "amod" for c in _demonym_countries(child, gaz)]
        if len(countries) != 1:
            continue
        people = [r for r in index.records.values() if r.type == "person" and r.affiliation == countries[0]]
        if not people:
            # No one is known to be North Korean, and one person's allegiance is still open: it is them.
            unaffiliated = [r for r in index.records.values() if r.type == "person" and r.affiliation is None
                            and min(s for s, _ in r.spans) < token.idx]
            if len(unaffiliated) == 1:
                unaffiliated[0].affiliation = countries[0]
                people = unaffiliated
        if len(people) != 1:
            continue
        owned = index.owners.get(token.i)
        if owned and index.type_of(owned[0]) == "person":
            continue
        end = max(c.i for c in token.children if c.dep_ == "amod") + 1
        span = doc[token.i : end]
        person = people[0]
        person.spans.add((span.start_char, span.end_char))
        person.surfaces.add(span.text)
        for t in span:
            index.owners[t.i] = (person.id,)


def _default_affiliations(index: ActorIndex) -> None:
    """In an article about one country, people whose allegiance the text leaves implicit belong to it
    (Colombian candidates in a story on Colombia's election)."""
    counts: dict[str, int] = {}
    for _, country in index.country_mentions:
        counts[country] = counts.get(country, 0) + 1
    if not counts:
        _drop_unresolved(index)
        return
    top, count = max(sorted(counts.items()), key=lambda item: item[1])
    if count < 2 or count * 2 < sum(counts.values()):
        _drop_unresolved(index)
        return
    for record in index.records.values():
        if (record.type == "person" and record.affiliation is None) or record.affiliation == "?dominant":
            record.affiliation = top


def _person_candidates(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """PER entities, plus names the model missed where the text shows a person: after an honorific
    ("M. Macron") or in apposition to a role ("le ministre turc, Mevlüt Çavuşoğlu,")."""
    people = [ent for ent in doc.ents if ent.label_ in ("PER", "PERSON")]
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end) if ent.label_ in ("PER", "PERSON")}
    for ent in doc.ents:
        if ent.label_ == "MISC" and _role_before(ent, gaz) is not None and ent[0].pos_ == "PROPN":
            people.append(ent)
            covered.update(range(ent.start, ent.end))
    for token in doc:
        if fold(token.text) not in gaz.honorifics or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].text[:1].isupper() and doc[end].pos_ in (
            "PROPN", "NOUN", "ADJ", "X"
        ):
            end += 1
        if end > token.i + 1 and not covered.intersection(range(token.i, end)):
            people.append(doc[token.i : end])
            covered.update(range(token.i, end))
    return sorted(people, key=lambda span: span.start)


def _gazetteer_matches(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Longest non-overlapping runs of tokens that name a known actor (case and accents folded)."""
    texts = [t.text for t in doc]  # read once: spaCy builds a Token object on every access
    spaces = [t.whitespace_ for t in doc]
    punct = [t.is_punct for t in doc]
    matches = []
    i = 0
    while i < len(doc):
        found = None
        first = texts[i]
        if first in gaz.acronyms:
            found = (i, i + 1, gaz.acronyms[first])
        for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
            if not first[:1].isupper() or punct[i + n - 1]:
                continue
            key = fold("".join(texts[j] + spaces[j] for j in range(i, i + n - 1)) + texts[i + n - 1])
            actor_id = gaz.names.get(key) or gaz.capitals.get(key)
            if actor_id:
                if found is None or n > 1:
                    found = (i, i + n, actor_id)
                break
        if found:
            matches.append(found)
            i = found[1]
        else:
            i += 1
    return matches


def _is_location(span: Span) -> bool:
    """A capital after a place preposition ("à Moscou") is a place, not its government."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in PLACE_PREPOSITIONS:
        return True
    return before.lower_ in ("de", "d'", "d’") and span.start > 1 and span.doc[span.start - 2].pos_ == "NOUN" and (
        span.doc[span.start - 2].lemma_.lower() not in STATE_NOUNS | INSTITUTION_NOUNS
    )


def _demonym_countries(token: Token, gaz: Gazetteer) -> list[str]:
    """Countries a word denotes as an adjective: "iranienne" -> IRN, "russo-iranienne" -> RUS, IRN."""
    word = token.lower_
    for prefix in ("anti-", "pro-", "anti", "pro"):
        if word.startswith(prefix) and word[len(prefix):] in gaz.demonyms:
            word = word[len(prefix):]  # "anti-américaine" names the United States as the target
            break
    if word in gaz.demonyms:
        return [gaz.demonyms[word]]
    parts = word.split("-")
    if len(parts) > 1 and all(p in gaz.prefixes or p in gaz.demonyms for p in parts):
        return [gaz.prefixes.get(p) or gaz.demonyms[p] for p in parts]
    return []


def _noun_phrase(head: Token) -> Span:
    """The head noun with its right modifiers, stopping at punctuation and clauses."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("amod", "nmod", "flat:name", "fixed", "compound") and not any(
            t.is_punct for t in doc[end : child.i]
        ):
            end = max(end, max(t.i for t in child.subtree) + 1)
    return doc[head.i : end]


def _add_demonyms(doc: Doc, gaz: Gazetteer, lang: str, index: ActorIndex, taken: set[int]) -> None:
    for token in doc:
        if token.i in taken or token.pos_ == "VERB":
            continue
        countries = _demonym_countries(token, gaz)
        if not countries:
            continue
        span = doc[token.i : token.i + 1]
        for country in countries:
            index.add(country, gaz.display_name(country, lang) or token.text, "country", span)
            index.country_mentions.append((token.i, country))
        if token.text[:1].isupper():
            taken.add(token.i)  # "un Français" is France's, not a place the model saw
        head = token.head
        if token.dep_ != "amod" or head.pos_ != "NOUN" or len(countries) != 1:
            continue
        # "l'armée de l'air iranienne": the adjective sits on "air", the institution is "armée".
        if head.lemma_.lower() not in INSTITUTION_NOUNS and head.dep_ == "nmod" and (
            head.head.lemma_.lower() in INSTITUTION_NOUNS and head.head.i < head.i
        ):
            head = head.head
        lemma = head.lemma_.lower()
        start, end = min(head.i, token.i), max(head.i, token.i) + 1
        if lemma in STATE_NOUNS:
            # "les autorités ukrainiennes" is the state acting: the whole phrase denotes the country.
            index.add(countries[0], gaz.display_name(countries[0], lang) or token.text, "country", doc[start:end])
        elif lemma in INSTITUTION_NOUNS:
            phrase = _noun_phrase(head)
            if phrase.end <= token.i:
                phrase = doc[phrase.start : token.i + 1]
            name = phrase.text
            record = index.add(slugify(name), name, "organisation", phrase)
            record.affiliation = countries[0]
            taken.update(range(phrase.start, phrase.end))
        elif fold(head.lemma_) in gaz.group_nouns or fold(head.text) in gaz.group_nouns:
            phrase = doc[start:end]
            record = index.add(slugify(phrase.text), phrase.text, "group", phrase)
            record.affiliation = None


def _clean_name(span: Span, gaz: Gazetteer) -> Span | None:
    """Strip determiners, titles and punctuation from an entity's edges; None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].lower_ in DETERMINERS
        or fold(doc[start].text) in gaz.honorifics
        or fold(doc[start].text).rstrip(".") in gaz.honorifics
        or (fold(doc[start].lemma_) in gaz.roles and not doc[start].text[:1].isupper())
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "DET", "CCONJ")):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _is_role(token: Token, gaz: Gazetteer) -> bool:
    if token.lower_ in ("homologue", "homologues"):
        return True
    return (
        token.pos_ in ("NOUN", "ADJ", "PROPN")
        and (fold(token.lemma_) in gaz.roles or fold(token.text) in gaz.roles)
        # French writes titles in lower case ("le président Macron": "Président" starts a name);
        # English capitalises them before a name ("President Zelensky").
        and (not token.text[:1].isupper() or token.doc.lang_ == "en")
    )


def _with_hyphenated_end(ent: Span) -> Span:
    """ "Kim Jong" + "-" + "un" is "Kim Jong-un": the tokenizer splits, the name does not."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return doc[ent.start : end]


def _is_role_word(token: Token, gaz: Gazetteer) -> bool:
    return fold(token.lemma_) in gaz.roles or fold(token.text) in gaz.roles


def _add_people(doc: Doc, gaz: Gazetteer, people: list[Span], index: ActorIndex, taken: set[int]) -> None:
    names: list[Span] = []
    for ent in people:
        span = _clean_name(_with_hyphenated_end(ent), gaz)
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        if len(span) > 6 or any(c.isdigit() for c in span.text) or not span.text[:1].isupper():
            continue
        if len(span) == 1 and (span[0].pos_ == "NOUN" or _is_role_word(span[0], gaz)):
            continue
        if fold(span.text) in gaz.agencies or fold(span.text) in gaz.names:
            continue
        names.append(span)
    # Longest names first, so "Lavrov" joins "Sergueï Lavrov".
    canonical: list[tuple[list[str], str, str]] = []
    for span in sorted(names, key=lambda s: (-len(s.text), s.start)):
        words = [fold(t.text) for t in span if not t.is_punct]
        if GROUP_NAME_WORDS & set(words):
            index.add(slugify(span.text), span.text, "group", span)
            taken.update(range(span.start, span.end))
            continue
        person_id = None
        for full_words, full_id, _ in canonical:
            if words and words[-1] == full_words[-1] and set(words) <= set(full_words):
                person_id = full_id
                break
        if person_id is None and len(words) == 1:
            # A first name alone joins the one full name it begins, if only one does.
            starts = [full_id for full_words, full_id, _ in canonical if full_words[0] == words[0]]
            person_id = starts[0] if len(set(starts)) == 1 else None
        if person_id is None:
            person_id = slugify(span.text)
            canonical.append((words, person_id, span.text))
        index.add(person_id, index.records.get(person_id, _Record("", span.text, "")).name or span.text,
                  "person", span)
        taken.update(range(span.start, span.end))
    _add_bare_surnames(doc, index, taken)
    in_roles: set[tuple[int, int]] = set()
    for span in sorted(names, key=lambda s: s.start):
        person_id = index.owners[span.start][0]
        record = index.records[person_id]
        if record.type != "person":
            continue
        role_span = _role_before(span, gaz) or _role_after(span, gaz) or _role_predicate(span, gaz)
        if role_span is None:
            continue
        role_span = _trim_role(role_span, index)
        if record.role is None:
            record.role, record.affiliation = _role_and_affiliation(role_span, gaz, index)
        in_roles.update((t.idx, t.idx + len(t)) for t in role_span)
        taken.update(t.i for t in role_span)  # no later stage makes "State" of "Secretary of State" an actor
        for token in role_span:
            index.owners.setdefault(token.i, (person_id,))
            if index.owners[token.i] != (person_id,) and index.type_of(index.owners[token.i][0]) in ("country", "organisation"):
                index.owners[token.i] = (person_id,)
    _drop_title_words(index, in_roles)


def _drop_title_words(index: ActorIndex, in_roles: set[tuple[int, int]]) -> None:
    """ "Secretary of State Antony Blinken": "State" only names part of a title, not an actor."""
    covered = {start for start, _ in in_roles}
    affiliations = {record.affiliation for record in index.records.values()}
    for record in list(index.records.values()):
        if (record.type == "organisation" and record.id not in affiliations and record.spans
                and all(start in covered for start, _ in record.spans)):
            del index.records[record.id]  # "député LREM": LREM stays, as the deputy's party


def _add_bare_surnames(doc: Doc, index: ActorIndex, taken: set[int]) -> None:
    """ "Macron" alone, which the model did not tag, is still Emmanuel Macron."""
    surnames: dict[str, str] = {}
    for record in index.records.values():
        if record.type == "person" and len(record.name.split()) > 1:
            surnames.setdefault(fold(record.name.split()[-1]), record.id)
    for token in doc:
        person = surnames.get(fold(token.text))
        if person and token.i not in taken and token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ", "X"):
            index.add(person, index.records[person].name, "person", doc[token.i : token.i + 1])
            taken.add(token.i)


def _role_before(name: Span, gaz: Gazetteer) -> Span | None:
    """ "Le ministre russe des Affaires étrangères, Sergueï Lavrov" or "le président Macron"."""
    doc = name.doc
    end = name.start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    role_start = None
    k = end - 1
    while k >= max(0, end - 10):  # not bounded by the sentence: the parser sometimes splits inside one
        token = doc[k]
        participle = token.pos_ == "VERB" and (  # "la vice-présidente élue", whatever the tagger says
            "Part" in token.morph.get("VerbForm") or (k > 0 and _is_role(doc[k - 1], gaz))
        )
        if token.is_punct or (token.pos_ in ("VERB", "AUX", "PRON", "SCONJ") and not participle):
            break
        if _is_role(token, gaz):
            role_start = k
        k -= 1
    if role_start is None or doc[end - 1].lower_ in ("de", "d'", "d’", "du", "des"):
        return None  # "l'ancien ministre de Moubarak": the name is the complement, not the holder
    while role_start > 0 and doc[role_start - 1].lower_ not in DETERMINERS and (
        doc[role_start - 1].pos_ == "ADJ"
        or (doc.lang_ == "en" and doc[role_start - 1].pos_ == "PROPN" and doc[role_start - 1].dep_ == "compound")
    ):  # "russe", "Iranian", "Foreign" (Minister), "United States" (Secretary of State)
        role_start -= 1
    return doc[role_start:end]


def _role_after(name: Span, gaz: Gazetteer) -> Span | None:
    """ "Emmanuel Macron, président de la République, ..." """
    doc = name.doc
    i = name.end
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None
    i += 1
    if doc[i].lower_ in DETERMINERS:
        i += 1
    while i < len(doc) and doc[i].pos_ == "ADJ" and not _is_role(doc[i], gaz):
        i += 1
    if i >= len(doc) or not _is_role(doc[i], gaz):
        return None
    start = i
    end = i + 1
    while end < min(len(doc), start + 10) and not doc[end].is_punct and doc[end].pos_ not in (
        "VERB", "AUX", "PRON", "SCONJ"
    ):
        end += 1
    while end > start + 1 and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ"):
        end -= 1
    return doc[start:end]


ROLE_VERBS = frozenset({"élire", "nommer", "désigner", "devenir", "investir", "réélire", "proclamer"})


ROLE_PREPOSITIONS = frozenset({"de", "d'", "d’", "du", "des"})
# Prepositions that start an adverbial, never part of a function ("ambassadeur aux États-Unis" is).
NOT_ROLE_PREPOSITIONS = frozenset({"avec", "depuis", "lors", "pendant", "selon", "malgré", "après", "avant",
                                   "durant", "par"})


def _trim_role(role: Span, index: ActorIndex | None = None) -> Span:
    """A role ends before a non-genitive preposition ("président de l'Égypte | avec 13 millions") and
    before "de" + another person ("la vice-présidente élue | de Duque")."""
    doc = role.doc
    end = role.end
    for token in role[1:]:
        if token.lower_ in NOT_ROLE_PREPOSITIONS:
            end = token.i
            break
        if index is not None and token.lower_ in ROLE_PREPOSITIONS and token.i + 1 < role.end:
            following = index.owners.get(token.i + 1) or index.owners.get(token.i + 2)
            if following and index.type_of(following[0]) == "person":
                end = token.i
                break
    while end > role.start + 1 and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ"):
        end -= 1
    return doc[role.start : end]


def _role_predicate(name: Span, gaz: Gazetteer) -> Span | None:
    """ "Mohamed Morsi a été élu président de l'Égypte": the role is what the person was made."""
    doc = name.doc
    i = name.end
    while i < len(doc) and doc[i].pos_ == "AUX":
        i += 1
    if i >= len(doc) or doc[i].lemma_.lower() not in ROLE_VERBS or i + 1 >= len(doc):
        return None
    start = i + 1
    if doc[start].lower_ in DETERMINERS:
        start += 1
    if start >= len(doc) or not _is_role(doc[start], gaz):
        return None
    end = start + 1
    while end < min(len(doc), start + 8) and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX", "PRON", "SCONJ"):
        end += 1
    while end > start + 1 and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ"):
        end -= 1
    return doc[start:end]


def _role_and_affiliation(role: Span, gaz: Gazetteer, index: ActorIndex) -> tuple[str, str | None]:
    text = role.text
    affiliation = None
    for token in role:
        countries = _demonym_countries(token, gaz)
        owners = [o for o in index.owners.get(token.i, ()) if index.type_of(o) in ("country", "organisation")]
        if countries:
            affiliation = countries[0]
        elif owners and affiliation is None:
            affiliation = owners[0]
    if role[0].lower_.startswith("homologue"):
        text, affiliation = _counterpart_role(role, gaz, index, affiliation)
    return text, affiliation


def _counterpart_role(role: Span, gaz: Gazetteer, index: ActorIndex, affiliation: str | None):
    """ "son homologue iranien" takes the role of the person it is the counterpart of, made Iranian."""
    demonym = next((t for t in role if _demonym_countries(t, gaz)), None)
    others = [r for r in index.records.values() if r.type == "person" and r.role and not r.role.startswith("homologue")]
    if not others or demonym is None:
        return role.text, affiliation
    # The counterpart is the nearest person before this one with a role.
    counterpart = max(others, key=lambda r: max(s for s, _ in r.spans) if min(s for s, _ in r.spans) < role.start_char else -1)
    words = counterpart.role.split()
    for i, word in enumerate(words):
        if word.lower() in gaz.demonyms:
            words[i] = demonym.text
            return " ".join(words), affiliation
    return f"{counterpart.role} ({demonym.text})", affiliation


def _add_entities(doc: Doc, gaz: Gazetteer, index: ActorIndex, taken: set[int]) -> None:
    """Organisations and places from ORG and LOC entities that no earlier rule claimed."""
    surnames = {}
    for record in index.records.values():
        if record.type == "person":
            for word in record.name.split():
                surnames.setdefault(fold(word), record.id)
    for ent in doc.ents:
        if ent.label_ == "NORP" and ent.root.tag_ in ("NNPS", "NNS") and ent.root.lower_ not in gaz.demonyms \
                and not taken.intersection(range(ent.start, ent.end)):
            # "Kurds", "Shiites": a people or a faith acting together is a group, not a country.
            index.add(slugify(ent.text), ent.text, "group", ent)
            taken.update(range(ent.start, ent.end))
            continue
        if ent.label_ not in ("ORG", "LOC", "GPE"):
            continue
        span = _clean_name(ent, gaz)
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        if fold(span.text) in gaz.agencies or any(c.isdigit() for c in span.text):
            continue
        head = span[0]
        if _is_role(head, gaz) or (len(span) == 1 and _is_role_word(head, gaz)):
            continue
        person = surnames.get(fold(span.text))
        if person is not None:
            index.add(person, index.records[person].name, "person", span)
            taken.update(range(span.start, span.end))
            continue
        # "ministre iranien des Transports": a fragment of a role, not an organisation.
        before = doc[span.start - 1] if span.start > 0 else None
        window = doc[max(0, span.start - 4) : max(0, span.start - 1)]
        if before is not None and before.lower_ in ("des", "de", "du", "d'") and any(_is_role(t, gaz) for t in window):
            continue
        if not head.text[:1].isupper() and head.lemma_.lower() not in INSTITUTION_NOUNS:
            continue
        if ent.label_ == "ORG":
            record = index.add(slugify(span.text), span.text, "organisation", span)
            if record.affiliation is None:
                for token in span:
                    countries = _demonym_countries(token, gaz)
                    if countries:
                        record.affiliation = countries[0]
        else:
            index.add(slugify(span.text), span.text, "place", span)
        taken.update(range(span.start, span.end))


def _drop_unresolved(index: ActorIndex) -> None:
    for record in index.records.values():
        if record.affiliation == "?dominant":
            record.affiliation = None


def _add_collectives(doc: Doc, gaz: Gazetteer, index: ActorIndex, taken: set[int]) -> None:
    """Unnamed collective actors: "des manifestants", "les milices chiites", "l'armée", "le parlement"."""
    for token in doc:
        if token.i in taken or token.i in index.owners or token.pos_ != "NOUN":
            continue  # inside a name or a role ("le candidat de l'opposition") it is not an actor
        lemma = token.lemma_.lower()
        definite = any(c.lower_ in DEFINITE for c in token.children)
        is_group = (fold(token.text) in gaz.group_nouns and token.morph.get("Number") != ["Sing"]) or (
            definite and token.lower_ in COLLECTIVES
        )
        is_institution = lemma in UNNAMED_INSTITUTIONS and any(c.lower_ in DEFINITE for c in token.children)
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i
                     and c.pos_ != "PROPN" and c.i not in taken and c.i not in index.owners]
        if doc.lang_ == "en" and token.lower_ in GENERIC_COLLECTIVES and modifiers:
            is_group = True  # "opposition groups", "armed factions": a modified collective names one
        if not (is_group or is_institution):
            continue
        end = token.i + 1
        while (end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].head.i == token.i and end not in taken
               and doc[end].text.islower() and doc[end].lemma_ not in ("être", "fût", "avoir")):
            end += 1
        if is_institution and end < len(doc) - 1 and doc[end].lower_ in ("de", "du", "des", "d'") and (
            doc[end + 1].pos_ == "PROPN" or doc[end + 1].text[:1].isupper()
        ):
            continue  # "l'armée de l'Iran", "la commission de l'UE": named through what follows
        start = min([token.i] + [m.i for m in modifiers]) if doc.lang_ == "en" and is_group else token.i
        span = doc[start:end]  # English puts the modifiers first: "opposition groups", "armed rebels"
        name = span.text
        record = index.add(slugify(name), name, "group" if is_group else "organisation", span)
        taken.update(range(span.start, span.end))
        if record.affiliation is None and is_institution:
            record.affiliation = "?dominant"


def _add_country_references(doc: Doc, index: ActorIndex) -> None:
    """ "le pays", "the country" -> the last country named; "les deux pays", "both countries" -> the last two."""
    mentions = sorted(index.country_mentions)
    for token in doc:
        if token.lemma_.lower() not in ("pays", "country", "nation") or token.i in index.owners:
            continue
        before = [country for i, country in mentions if i < token.i]
        recent: list[str] = []
        for country in reversed(before):
            if country not in recent:
                recent.append(country)
        lefts = [child for child in token.lefts if child.dep_ in ("det", "nummod", "amod")]
        dets = [child.lower_ for child in lefts]
        possessive = [c for c in lefts if "Yes" in c.morph.get("Poss") or c.tag_ == "PRP$"]
        plural = token.morph.get("Number") == ["Plur"] or token.tag_ == "NNS"
        singular = token.morph.get("Number") == ["Sing"] or token.tag_ == "NN"
        if ("deux" in dets or "two" in dets or "both" in dets) and len(recent) >= 2:
            chosen = tuple(reversed(recent[:2]))
        elif possessive and plural and len(recent) >= 2:
            chosen = tuple(reversed(recent[:2]))  # "leurs pays"
        elif possessive and not plural:
            # "son pays": the country of the person last named, else the last country.
            people = [r for r in index.records.values() if r.type == "person" and r.affiliation
                      and min(s for s, _ in r.spans) < token.idx]
            owner = max(people, key=lambda r: max(s for s, _ in r.spans if s < token.idx), default=None)
            chosen = (owner.affiliation,) if owner is not None else ((recent[0],) if recent else ())
            if not chosen or chosen[0] not in index.records:
                continue
        elif singular and recent and (
            any(d in ("le", "ce", "cet", "the", "this") for d in dets) or (token.i > 0 and doc[token.i - 1].lower_ == "au")
        ):
            chosen = (recent[0],)
        else:
            continue
        start = min([token.i] + [c.i for c in lefts])
        span = doc[start : token.i + 1]
        for country in chosen:
            record = index.records[country]
            record.surfaces.add(span.text)
            record.spans.add((span.start_char, span.end_char))
        index.owners[token.i] = chosen
