"""The learned reader: which words are events, who did them to whom, which actors are real.

Three linear models trained on the annotated corpus in training/ (`training/train.py`) and shipped
in generator/data/models/<lang>/ as plain arrays (numpy .npz, loaded without pickle) beside a JSON
file of their classes and feature names:

- triggers: a word -> NONE or its PLOVER type;
- roles: an (event word, actor mention) pair in one sentence -> none, source or target;
- actors: a candidate actor of the rule stage -> kept or dropped (dates, verbs, fragments).

The hand rules feed them as features (features.py). Each event's confidence is the product of its
type and role probabilities, calibrated on held-out development articles (isotonic, stored as
points); the default threshold comes from the development precision-recall curve.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..gazetteer import DATA_DIR
from ..lexicon import Lexicon, Trigger
from ..model import Event, TextSpan
from .actors import ActorIndex
from .dates import resolve_date
from .events import Found, _lemma, _modality, _pos, _predicate, sentence_span
from .features import Mention, actor_features, is_candidate, role_features, trigger_features
from .sentences import sentence_spans

MODELS_DIR = DATA_DIR / "models"
NONE = "NONE"


@dataclass(frozen=True)
class LinearModel:
    """A multinomial (or binary) logistic regression over string features."""

    classes: tuple[str, ...]
    index: dict[str, int]
    coef: np.ndarray
    """(classes, features), or (1, features) for a binary model."""
    intercept: np.ndarray

    @classmethod
    def load(cls, folder: Path, name: str) -> LinearModel:
        meta = json.loads((folder / f"{name}.json").read_text("utf-8"))
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
            coef, intercept = arrays["coef"].astype(np.float64), arrays["intercept"].astype(np.float64)
        return cls(tuple(meta["classes"]), {f: i for i, f in enumerate(meta["features"])}, coef, intercept)

    def predict(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list."""
        scores = np.empty((len(rows), self.coef.shape[0]))
        for n, features in enumerate(rows):
            columns = [self.index[f] for f in features if f in self.index]
            scores[n] = self.coef[:, columns].sum(axis=1) + self.intercept
        if self.coef.shape[0] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - positive, positive], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Reader:
    """The models of one language and the settings measured with them."""

    triggers: LinearModel
    roles: LinearModel
    actors: LinearModel
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    event_threshold: float
    """Events at or above this calibrated confidence are kept by default."""
    actor_threshold: float
    trigger_floor: float
    """Words whose best event type is less likely than this are not considered at all."""

    def confidence(self, raw: float) -> float:
        return round(float(np.interp(raw, self.calibration_x, self.calibration_y)), 4)


@cache
def load_reader(lang: str) -> Reader | None:
    """The language's trained reader, or None when no model ships for it (the rules then work alone)."""
    folder = MODELS_DIR / lang
    if not (folder / "reader.json").is_file():
        return None
    settings = json.loads((folder / "reader.json").read_text("utf-8"))
    return Reader(
        triggers=LinearModel.load(folder, "triggers"),
        roles=LinearModel.load(folder, "roles"),
        actors=LinearModel.load(folder, "actors"),
        calibration_x=np.array(settings["calibration"]["x"], dtype=np.float64),
        calibration_y=np.array(settings["calibration"]["y"], dtype=np.float64),
        event_threshold=settings["event_threshold"],
        actor_threshold=settings["actor_threshold"],
        trigger_floor=settings["trigger_floor"],
    )


def actor_candidates(doc: Doc, index: ActorIndex, rule_events: list[Event]) -> list[tuple[str, list[str]]]:
    """Every actor of the rule stage with its features."""
    involved = {a for e in rule_events for a in e.source + e.target}
    starts = frozenset(s.start for s in sentence_spans(doc))
    rows = []
    for actor_id, record in index.records.items():
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in sorted(record.spans)]
        spans = [s for s in spans if s is not None and len(s)]
        if not spans:
            continue
        rows.append((actor_id, actor_features(doc, spans, name=record.name, actor_type=record.type, actor_id=actor_id,
                                              has_role=bool(record.role), in_rule_event=actor_id in involved,
                                              sentence_starts=starts)))
    return rows


def actor_confidences(doc: Doc, index: ActorIndex, rule_events: list[Event], reader: Reader) -> dict[str, float]:
    rows = actor_candidates(doc, index, rule_events)
    if not rows:
        return {}
    probabilities = reader.actors.predict([features for _, features in rows])
    positive = reader.actors.classes.index("keep")
    return {actor_id: round(float(p[positive]), 4) for (actor_id, _), p in zip(rows, probabilities)}


def index_mentions(doc: Doc, index: ActorIndex) -> list[Mention]:
    """The actor mentions of the rule stage, as token ranges, in text order."""
    mentions = set()
    for actor_id, record in index.records.items():
        for start, end in record.spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                mentions.add(Mention(span.start, span.end, actor_id, record.type))
    return sorted(mentions, key=lambda m: (m.start, m.end, m.actor))


def rule_triggers(doc: Doc, rule_events: list[Event]) -> dict[int, Event]:
    """Token index -> the rule event triggered by that token."""
    found: dict[int, Event] = {}
    for event in rule_events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        for token in span or ():
            found.setdefault(token.i, event)
    return found


def lexicon_type(token: Token, lexicon: Lexicon) -> str | None:
    trigger = lexicon.single.get((_lemma(token), _pos(token)))
    return trigger.type if trigger else None


def candidate_rows(doc: Doc, index: ActorIndex, lexicon: Lexicon, by_token: dict[int, Event]) -> list[tuple[Token, list[str]]]:
    """Every word that may carry an event, with its trigger features."""
    rows = []
    for token in doc:
        if not is_candidate(token):
            continue
        actor_children = tuple(sorted({c.dep_ for c in token.children if c.i in index.owners}))
        rule = by_token.get(token.i)
        rows.append((token, trigger_features(token, lexicon_type=lexicon_type(token, lexicon),
                                             rule_type=rule.type if rule else None,
                                             actor_children=actor_children)))
    return rows


def rule_role(mention: Mention, rule: Event | None, index: ActorIndex) -> str | None:
    """The side the rule extractor gave the actor these tokens name, in its event at this trigger."""
    if rule is None:
        return None
    named = {a for i in range(mention.start, mention.end) for a in index.owners.get(i, ())}
    return "source" if named & set(rule.source) else "target" if named & set(rule.target) else None


def pair_rows(trigger: Token, event_type: str, mentions: list[Mention], rule: Event | None,
              index: ActorIndex) -> list[list[str]]:
    rows = []
    for mention in mentions:
        role = rule_role(mention, rule, index)
        between = sum(1 for m in mentions if min(trigger.i, mention.start) < m.start < max(trigger.i, mention.start))
        rank = len({m.actor for m in mentions if min(trigger.i, mention.start) < m.start < max(trigger.i, mention.start)
                    and m.actor != mention.actor})
        rows.append(role_features(trigger, event_type, mention, rule_role=role, rule_event=rule is not None,
                                  mentions_between=between, rank=rank))
    return rows


def read_events(doc: Doc, index: ActorIndex, lexicon: Lexicon, date: str, rule_events: list[Event],
                reader: Reader) -> list[Event]:
    """Every event the models find, each with its calibrated confidence, in text order."""
    by_token = rule_triggers(doc, rule_events)
    mentions = index_mentions(doc, index)
    rows = candidate_rows(doc, index, lexicon, by_token)
    if not rows:
        return []
    probabilities = reader.triggers.predict([features for _, features in rows])
    none = reader.triggers.classes.index(NONE)
    source_col, target_col = reader.roles.classes.index("source"), reader.roles.classes.index("target")
    events: dict[tuple, Event] = {}
    for (token, _), p in zip(rows, probabilities):
        p = p.copy()
        p[none] = -1.0
        best = int(p.argmax())
        p_type = float(p[best])
        if p_type < reader.trigger_floor:
            continue
        event_type = reader.triggers.classes[best]
        sent = next(s for s in sentence_spans(doc) if s.start <= token.i < s.end)
        inside = [m for m in mentions if sent.start <= m.start < sent.end and not m.start <= token.i < m.end]
        if not inside:
            continue
        roles = reader.roles.predict(pair_rows(token, event_type, inside, by_token.get(token.i), index))
        best_source: dict[str, float] = {}
        best_target: dict[str, float] = {}
        for mention, r in zip(inside, roles):
            best_source[mention.actor] = max(best_source.get(mention.actor, 0.0), float(r[source_col]))
            best_target[mention.actor] = max(best_target.get(mention.actor, 0.0), float(r[target_col]))
        order = list(dict.fromkeys(m.actor for m in inside))
        source = [a for a in order if best_source[a] >= 0.5 and best_source[a] >= best_target[a]]
        target = [a for a in order if best_target[a] >= 0.5 and best_target[a] > best_source[a]]
        if not source and not target:
            continue
        sides = [best_source[a] for a in source] + [best_target[a] for a in target]
        confidence = reader.confidence(p_type * sum(sides) / len(sides))
        trigger = Trigger((token.lemma_.lower(),), _pos(token), event_type, lexicon.score(event_type),
                          lexicon.quad(event_type))
        found = Found(doc[token.i : token.i + 1], trigger, _predicate(token, trigger, lexicon))
        event = Event(
            type=event_type, source=tuple(source), target=tuple(target), score=trigger.score, quad=trigger.quad,
            modality=_modality(found, lexicon),
            date=resolve_date(sent.text, date, near=token.idx - sent.start_char),
            trigger=TextSpan(token.text, token.idx, token.idx + len(token.text)),
            evidence=sentence_span(sent), confidence=confidence,
        )
        key = (sent.start, event_type, event.source, event.target)
        if key not in events or events[key].confidence < confidence:
            events[key] = event
    return sorted(events.values(), key=lambda e: (e.trigger.start, e.type))
