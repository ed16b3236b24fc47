"""Event lexicons: per-language trigger words mapped to PLOVER types and Goldstein scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import yaml

from .gazetteer import DATA_DIR, SAFE_LOADER

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """A word or lemma sequence that signals an event of one PLOVER type."""

    lemmas: tuple[str, ...]
    pos: str
    type: str
    score: float
    quad: str


@dataclass
class Lexicon:
    """Everything the event extractor needs to know about one language."""

    version: str
    types: dict[str, dict]
    """PLOVER type -> {score, quad}."""
    single: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    """(lemma, pos) -> trigger, for one-word triggers."""
    multi: list[Trigger] = field(default_factory=list)
    """Multiword triggers, longest first."""
    reflexive: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    """(lemma, pos) -> trigger for verbs whose reflexive use means something else ("se fournir")."""
    support_verbs: frozenset[str] = frozenset()
    reported: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    denied: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    concern: frozenset[str] = frozenset()

    def quad(self, event_type: str) -> str:
        return self.types[event_type]["quad"]

    def score(self, event_type: str) -> float:
        return float(self.types[event_type]["score"])


ELIDED = {"d'": "de", "l'": "le", "s'": "se", "qu'": "que", "n'": "ne", "j'": "je", "m'": "me", "t'": "te"}


def _is_reflexive(entry: str) -> bool:
    return entry.lower().replace("’", "'").startswith(("se ", "s'"))


def _lemma_sequence(entry: str) -> tuple[str, ...]:
    """ "prise d'otage" -> (prise, de, otage); a leading reflexive is dropped ("s'accorder" -> accorder),
    since the text puts auxiliaries between it and the verb."""
    words: list[str] = []
    for word in entry.lower().replace("’", "'").split():
        if "'" in word[:-1]:
            head, rest = word.split("'", 1)
            words += [ELIDED.get(head + "'", head), rest]
        else:
            words.append(word)
    if len(words) > 1 and words[0] == "se":
        words = words[1:]
    return tuple(words)


def _entries(triggers, path):
    """(lemma, pos, type, score or None) from either layout: grouped by type
    ({TYPE: {VERB: [...], NOUN: [...], scores: {lemma: score}}}) or a flat list of
    {lemma, pos, type, score} entries."""
    if isinstance(triggers, list):
        for item in triggers:
            yield item["lemma"], item.get("pos", "VERB"), item["type"], item.get("score")
        return
    if not isinstance(triggers, dict):
        raise ValueError(f"{path}: 'triggers' must be a mapping or a list")
    for event_type, groups in triggers.items():
        scores = groups.get("scores") or {}
        for pos in ("VERB", "NOUN", "ADJ"):
            for lemma in groups.get(pos) or []:
                yield lemma, pos, event_type, scores.get(lemma)


@cache
def load_lexicon(lang: str) -> Lexicon:
    """Read `data/lexicon/<lang>.yml`; unknown types or malformed entries fail loudly."""
    path = DATA_DIR / "lexicon" / f"{lang}.yml"
    data = yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)
    types = data["types"]
    unknown = set(types) - set(PLOVER_TYPES)
    if unknown:
        raise ValueError(f"{path}: unknown PLOVER types {sorted(unknown)}")
    lexicon = Lexicon(version=str(data.get("version", "")), types=types)
    for lemma, pos, event_type, score in _entries(data.get("triggers") or {}, path):
        if event_type not in types:
            raise ValueError(f"{path}: trigger {lemma!r} has unknown type {event_type!r}")
        trigger = Trigger(
            lemmas=_lemma_sequence(str(lemma)),
            pos=pos,
            type=event_type,
            score=float(types[event_type]["score"] if score is None else score),
            quad=types[event_type]["quad"],
        )
        if _is_reflexive(str(lemma)) and len(trigger.lemmas) == 1:
            lexicon.reflexive.setdefault((trigger.lemmas[0], pos), trigger)
        elif len(trigger.lemmas) == 1:
            lexicon.single.setdefault((trigger.lemmas[0], pos), trigger)
        else:
            lexicon.multi.append(trigger)
    lexicon.multi.sort(key=lambda t: (-len(t.lemmas), t.lemmas))
    modality = data.get("modality") or {}
    lexicon.support_verbs = frozenset(data.get("support_verbs") or [])
    lexicon.reported = frozenset(modality.get("reported") or [])
    lexicon.hypothetical = frozenset(modality.get("hypothetical") or [])
    lexicon.denied = frozenset(modality.get("denied") or [])
    lexicon.negation = frozenset(modality.get("negation") or [])
    lexicon.concern = frozenset(data.get("concern") or [])
    return lexicon
