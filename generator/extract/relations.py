"""Tensions and cooperation: actor pairs linked by conflictual (or cooperative) events or stated concern."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..model import Event, Relation, TextSpan
from .actors import ActorIndex
from .events import nominal_arguments, acting_actors, phrase_tokens, sentence_span
from .sentences import sentence_of

CONFLICT_QUADS = ("verbal_conflict", "material_conflict")
MODALITY_WEIGHT = {"asserted": 1.0, "reported": 1.0, "hypothetical": 0.5, "negated": 0.0, "denied": 0.0}
CONCERN_SCORE = 2.0
NO_RELATION_TYPES = frozenset({"REQUEST"})
"""An appeal or demand alone says nothing of the relation between the parties (gold/GUIDELINES.md)."""
# Nouns too generic to name what a tension is about.
VAGUE_NOUNS = frozenset(
    "pays reprise fois ton annonce chiffre question volonté sujet région partie propos an année mois jour "
    "semaine nombre ministre président autorité gouvernement responsable dirigeant déclaration communiqué "
    "processus nouvelle rappel janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre lundi mardi mercredi jeudi vendredi samedi dimanche heure matin soir veille lendemain "
    "personne homme femme membre cas fait effet lieu suite manque prise part organisation chose idée "
    "moment occasion cadre niveau sujet".split()
)


def find_relations(
    doc: Doc, index: ActorIndex, lexicon: Lexicon, events: list[Event]
) -> tuple[tuple[Relation, ...], tuple[Relation, ...]]:
    """(tensions, cooperation), each pair once, strongest first."""
    conflict: dict[tuple[str, str], list[tuple[float, TextSpan, TextSpan | None]]] = defaultdict(list)
    cooperation: dict[tuple[str, str], list[tuple[float, TextSpan, TextSpan | None]]] = defaultdict(list)
    for event in events:
        weight = MODALITY_WEIGHT[event.modality]
        if weight == 0 or event.type in NO_RELATION_TYPES:
            continue
        table = conflict if event.quad in CONFLICT_QUADS else cooperation
        # "La France et l'Inde ont signé un accord": a joint act with no target links its doers.
        left, right = (event.source, event.target) if event.target else (event.source, event.source)
        for pair in _pairs(left, right, index):
            table[pair].append((abs(event.score) * weight, event.evidence, event.trigger))
    for concerned, others, evidence in _concerns(doc, index, lexicon):
        for pair in _pairs(concerned, others, index):
            conflict[pair].append((CONCERN_SCORE, evidence, None))
    return _relations(conflict, doc, index), _relations(cooperation, doc, index)


def _pairs(left, right, index: ActorIndex) -> set[tuple[str, str]]:
    pairs = set()
    for a in left:
        for b in right:
            la, lb = index.party(a), index.party(b)
            if la != lb:
                pairs.add(tuple(sorted((la, lb))))
            elif a != b and la not in (a, b):
                # An internal conflict (an army against its president) is not lifted to the country.
                pairs.add(tuple(sorted((a, b))))
    return pairs


def _concerns(doc: Doc, index: ActorIndex, lexicon: Lexicon):
    """ "a suscité l'inquiétude des États-Unis", "les États-Unis craignent que ...": who worries about whom."""
    for token in doc:
        if token.lemma_.lower() not in lexicon.concern:
            continue
        concerned = _concerned_party(token, index)
        sent = sentence_of(token)
        if not concerned and token.pos_ == "NOUN":
            # "les tensions entre l'Inde et le Pakistan", "the dispute between China and Japan"
            first, second = nominal_arguments(token, index)
            if first and second and any(t.lower_ in ("entre", "between") for t in token.doc[token.i + 1 : token.i + 4]):
                yield first, second, sentence_span(sent)
            continue
        if not concerned:
            continue
        others = [a for a in acting_actors(sent, index) if a not in concerned]
        if others:
            yield concerned, others, sentence_span(sent)


def _concerned_party(token: Token, index: ActorIndex) -> list[str]:
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ in ("nmod", "nmod:poss") and (child.dep_ == "nmod:poss" or any(
                    c.lower_ in ("de", "des", "du", "d'", "of") for c in child.children)):
                actors = acting_actors(phrase_tokens(child), index)
                if actors:
                    return actors
        verb = token.head if token.dep_ in ("obj", "nsubj") else None
    else:
        verb = token
    if verb is None:
        return []
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ == "qui" and verb.dep_ == "acl:relcl":
                return acting_actors(phrase_tokens(verb.head), index)
            return acting_actors(phrase_tokens(child), index)
    if verb.dep_ == "conj":
        return _concerned_party(verb.head, index) if verb.head.pos_ == "VERB" else []
    return []


def _relations(table, doc: Doc, index: ActorIndex) -> tuple[Relation, ...]:
    relations = []
    for pair, items in table.items():
        evidence = tuple(sorted({span for _, span, _ in items}, key=lambda s: s.start))
        intensity = round(sum(score for score, _, _ in items), 1)
        triggers = [trigger for _, _, trigger in items if trigger is not None]
        relations.append(Relation(pair, intensity, _topic(doc, evidence, triggers, index), evidence))
    return tuple(sorted(relations, key=lambda r: (-r.intensity, r.actors)))


def _topic(doc: Doc, evidence: tuple[TextSpan, ...], triggers: list[TextSpan], index: ActorIndex) -> str | None:
    """The most frequent content noun phrase (noun + adjective) of the evidence sentences; the
    nouns that name the events themselves ("sanctions", "coopération militaire") count most."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    trigger_starts = {t.start for t in triggers}
    for span in evidence:
        for token in doc.char_span(span.start, span.end, alignment_mode="expand"):
            if token.pos_ != "NOUN" or token.i in index.owners or token.lemma_.lower() in VAGUE_NOUNS:
                continue
            phrase = token.text
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if following is not None and following.pos_ == "ADJ" and following.i not in index.owners:
                phrase = f"{token.text} {following.text}"
            key = phrase.lower()
            counts[key] += (2 if " " in key else 1) + (3 if token.idx in trigger_starts else 0)
            first.setdefault(key, token.idx)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))
