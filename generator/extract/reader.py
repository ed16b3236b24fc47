"""The learned reader: which words are events, who did them to whom, which actors are real.

Four linear models trained on the annotated corpus in training/ (`training/train.py`) and shipped
in generator/data/models/<lang>/ as plain arrays (numpy .npz, loaded without pickle) beside a JSON
file of their classes and feature names:

- triggers: a word -> NONE or its PLOVER type;
- roles: an (event word, actor mention) pair in one sentence -> none, source or target;
- actors: a candidate actor of the rule stage -> kept or dropped (dates, verbs, fragments);
- scorer: an event candidate -> right or wrong, fitted on development articles: its probability
  is the event's confidence.

Candidates come from the trigger and role models and from the hand rules (features.py feeds the
rules to the models as features too); the scorer weighs where each came from and how sure the
models are. The default threshold is the development precision-recall curve's best F1 point with
precision at least recall."""

from __future__ import annotations

import bisect
import dataclasses
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
from .dates import is_future, resolve_date
from .events import Found, _lemma, _modality, _pos, _predicate, sentence_span
from .features import Mention, actor_features, is_candidate, role_features, trigger_features
from .sentences import sentence_spans

MODELS_DIR = DATA_DIR / "models"
NONE = "NONE"


@dataclass(frozen=True)
class LinearModel:
    """A multinomial (or binary) logistic regression over string features and, optionally, a few
    numbers per row (the event scorer's probabilities), standardised with the training mean and scale."""

    classes: tuple[str, ...]
    index: dict[str, int]
    coef: np.ndarray
    """(classes, features), or (1, features) for a binary model."""
    intercept: np.ndarray
    dense_coef: np.ndarray | None = None
    dense_mean: np.ndarray | None = None
    dense_scale: np.ndarray | None = None

    @classmethod
    def load(cls, folder: Path, name: str) -> LinearModel:
        meta = json.loads((folder / f"{name}.json").read_text("utf-8"))
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:
            loaded = {key: arrays[key].astype(np.float64) for key in arrays.files}
        return cls(tuple(meta["classes"]), {f: i for i, f in enumerate(meta["features"])}, loaded["coef"],
                   loaded["intercept"], loaded.get("dense_coef"), loaded.get("dense_mean"), loaded.get("dense_scale"))

    def predict(self, rows: list[list[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities, one row per feature list (and dense vector)."""
        index = self.index
        pairs = [(n, index[f]) for n, features in enumerate(rows) for f in features if f in index]
        row_ids = np.fromiter((n for n, _ in pairs), dtype=np.int64, count=len(pairs))
        columns = np.fromiter((c for _, c in pairs), dtype=np.int64, count=len(pairs))
        scores = np.stack([np.bincount(row_ids, weights=weights[columns], minlength=len(rows)) for weights in self.coef],
                          axis=1) + self.intercept
        if self.dense_coef is not None and dense is not None and len(rows):
            scores += ((dense - self.dense_mean) / self.dense_scale) @ self.dense_coef.T
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
    scorer: LinearModel
    """Event candidate -> right or wrong: its probability of being right is the event's confidence."""
    event_threshold: float
    """Events at or above this calibrated confidence are kept by default."""
    actor_threshold: float
    trigger_floor: float
    """Words whose best event type is less likely than this are not considered at all."""


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
        scorer=LinearModel.load(folder, "scorer"),
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


def candidate_rows(doc: Doc, index: ActorIndex, lexicon: Lexicon, by_token: dict[int, Event],
                   tokens=None) -> list[tuple[Token, list[str]]]:
    """Every word that may carry an event (of `tokens`, by default the whole text), with its
    trigger features."""
    rows = []
    for token in doc if tokens is None else tokens:
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


ROLE_FLOOR = 0.2
"""The likeliest source (and target) of an event is taken down to this probability; the event's
confidence carries the doubt. Further actors join a side only when more likely than not."""


def _sides(order: list[str], source_p: dict[str, float], target_p: dict[str, float]) -> tuple[list[str], list[str]]:
    """Who did it and to whom: per side, the likeliest actor, and any other more likely than not."""
    def side(p: dict[str, float], exclude: set[str]) -> list[str]:
        candidates = [a for a in order if a not in exclude]
        if not candidates:
            return []
        best = max(candidates, key=lambda a: (p[a], -order.index(a)))
        if p[best] < ROLE_FLOOR:
            return []
        return [a for a in candidates if a == best or p[a] >= 0.5]

    if max(source_p.values(), default=0.0) >= max(target_p.values(), default=0.0):
        source = side(source_p, set())
        target = side(target_p, set(source))
    else:
        target = side(target_p, set())
        source = side(source_p, set(target))
    return source, target


@dataclass(frozen=True)
class Candidate:
    """An event proposed by the models, the rules or both, with what the event scorer weighs."""

    event: Event
    p_type: float
    """The trigger model's probability of this type for this word."""
    sides: tuple[float, ...]
    """The role model's probability for each actor on each side."""
    by_rules: bool
    by_models: bool

    def features(self) -> tuple[list[str], list[float]]:
        origin = "both" if self.by_rules and self.by_models else "rules" if self.by_rules else "models"
        sides = self.sides or (0.0,)
        shape = f"{'s' if self.event.source else '-'}{'t' if self.event.target else '-'}"
        strings = ["bias", f"origin={origin}", f"type={self.event.type}", f"shape={shape}",
                   f"origin|shape={origin}|{shape}", f"modality={self.event.modality}"]
        return strings, [self.p_type, min(sides), sum(sides) / len(sides), self.p_type * sum(sides) / len(sides)]


def read_events(doc: Doc, index: ActorIndex, lexicon: Lexicon, date: str, rule_events: list[Event],
                reader: Reader) -> list[Event]:
    """Every event the models or the rules propose, each with its calibrated confidence, in text order."""
    candidates = propose_events(doc, index, lexicon, date, rule_events, reader)
    if not candidates:
        return []
    rows = [c.features() for c in candidates]
    scores = reader.scorer.predict([strings for strings, _ in rows], np.array([dense for _, dense in rows]))
    right = reader.scorer.classes.index("right")
    return sorted((dataclasses.replace(c.event, confidence=round(float(p[right]), 4)) for c, p in zip(candidates, scores)),
                  key=lambda e: (e.trigger.start, e.type, e.source, e.target))


def propose_events(doc: Doc, index: ActorIndex, lexicon: Lexicon, date: str, rule_events: list[Event],
                   reader: Reader) -> list[Candidate]:
    """Events from the trigger and role models (a word likely enough to carry a type, the likeliest
    actors of its sentence on each side) and the rule events, each scored by the models; one
    candidate per sentence, type, source and target."""
    by_token = rule_triggers(doc, rule_events)
    mentions = index_mentions(doc, index)
    sentences = sentence_spans(doc)
    starts = [m.start for m in mentions]
    # An event needs an actor named in its sentence, or a rule event there (whose doer the rules
    # found in an earlier sentence): the words of other sentences are not read.
    rule_words = sorted(by_token)
    with_actors = [s for s in sentences if bisect.bisect_left(starts, s.start) < bisect.bisect_left(starts, s.end)
                   or bisect.bisect_left(rule_words, s.start) < bisect.bisect_left(rule_words, s.end)]
    rows = candidate_rows(doc, index, lexicon, by_token, tokens=(t for s in with_actors for t in s))
    if not rows:
        return []
    probabilities = reader.triggers.predict([features for _, features in rows])
    by_word = {token.i: p for (token, _), p in zip(rows, probabilities)}
    none = reader.triggers.classes.index(NONE)
    source_col, target_col = reader.roles.classes.index("source"), reader.roles.classes.index("target")
    found: dict[tuple, Candidate] = {}

    def role_probabilities(token: Token, event_type: str, sent) -> tuple[dict[str, float], dict[str, float], list[str]]:
        inside = [m for m in mentions if sent.start <= m.start < sent.end and not m.start <= token.i < m.end]
        if not inside:
            return {}, {}, []
        roles = reader.roles.predict(pair_rows(token, event_type, inside, by_token.get(token.i), index))
        source_p: dict[str, float] = {}
        target_p: dict[str, float] = {}
        for mention, r in zip(inside, roles):
            source_p[mention.actor] = max(source_p.get(mention.actor, 0.0), float(r[source_col]))
            target_p[mention.actor] = max(target_p.get(mention.actor, 0.0), float(r[target_col]))
        return source_p, target_p, list(dict.fromkeys(m.actor for m in inside))

    def add(event: Event, p_type: float, sides: tuple[float, ...], *, by_rules: bool) -> None:
        key = (event.evidence.start, event.type, event.source, event.target)
        old = found.get(key)
        if old is None:
            found[key] = Candidate(event, p_type, sides, by_rules, not by_rules)
        else:
            found[key] = dataclasses.replace(old, by_rules=old.by_rules or by_rules, by_models=old.by_models or not by_rules,
                                             p_type=max(old.p_type, p_type))

    for (token, _), p in zip(rows, probabilities):
        p = p.copy()
        p[none] = -1.0
        best = int(p.argmax())
        p_type = float(p[best])
        if p_type < reader.trigger_floor:
            continue
        event_type = reader.triggers.classes[best]
        sent = next(s for s in sentences if s.start <= token.i < s.end)
        source_p, target_p, order = role_probabilities(token, event_type, sent)
        source, target = _sides(order, source_p, target_p)
        if not source and not target:
            continue
        trigger = Trigger((token.lemma_.lower(),), _pos(token), event_type, lexicon.score(event_type),
                          lexicon.quad(event_type))
        found_at = Found(doc[token.i : token.i + 1], trigger, _predicate(token, trigger, lexicon))
        event = Event(
            type=event_type, source=tuple(source), target=tuple(target), score=trigger.score, quad=trigger.quad,
            modality=_modality(found_at, lexicon),
            date=resolve_date(sent.text, date, near=token.idx - sent.start_char, future=is_future(found_at.predicate)),
            trigger=TextSpan(token.text, token.idx, token.idx + len(token.text)),
            evidence=sentence_span(sent),
        )
        add(event, p_type, tuple(source_p[a] for a in source) + tuple(target_p[a] for a in target), by_rules=False)
    for event in rule_events:
        kept = {a for a in event.source + event.target if a in index.records}  # junk actors were dropped
        if kept != set(event.source + event.target):
            event = dataclasses.replace(event, source=tuple(a for a in event.source if a in kept),
                                        target=tuple(a for a in event.target if a in kept))
            if not event.source and not event.target:
                continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        token = span.root
        p = by_word.get(token.i)
        p_type = float(p[reader.triggers.classes.index(event.type)]) if p is not None else 0.0
        sent = next(s for s in sentences if s.start <= token.i < s.end)
        source_p, target_p, _ = role_probabilities(token, event.type, sent)
        sides = tuple(source_p.get(a, 0.0) for a in event.source) + tuple(target_p.get(a, 0.0) for a in event.target)
        add(event, p_type, sides, by_rules=True)
    return list(found.values())
