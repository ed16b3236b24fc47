"""The central data model: an Article goes in, a Brief comes out; both are plain frozen dataclasses.

Everything after extraction (rendering, the site, the cache, `briefs.json`) works from the Brief's
JSON form, so a brief can be cached, diffed in git and re-rendered without spaCy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from functools import cached_property

SCHEMA_VERSION = 3

ACTOR_TYPES = ("person", "country", "organisation", "group", "place")
MODALITIES = ("asserted", "reported", "hypothetical", "negated", "denied")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class Article:
    """One news article as loaded from `content/`."""

    id: str
    """Slug, unique in a project; names the brief's page."""
    path: str
    """The file it came from, relative to the project (for messages)."""
    title: str
    date: str
    """ISO date, `YYYY-MM-DD` or `YYYY-MM` when the source gives only a month; "" when undated."""
    lang: str
    source: str
    url: str
    tags: tuple[str, ...]
    text: str
    """The body; every offset in the brief points into it."""
    license: str = ""
    author: str = ""

    def to_dict(self) -> dict:
        return _plain(self)


@dataclass(frozen=True)
class TextSpan:
    """A piece of the article text: `article.text[start:end] == text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """One real-world actor of a brief, with every place the text names it."""

    id: str
    """Stable across briefs: ISO 3166 alpha-3 for countries, a slug otherwise."""
    name: str
    type: str
    role: str | None
    affiliation: str | None
    """Id of the country or organisation the actor acts for, when the text says so."""
    aliases: tuple[str, ...]
    mentions: tuple[TextSpan, ...]
    confidence: float = 1.0
    """How likely this is a real actor, in [0, 1]: the actor model's probability (fitted on the
    training articles; the keep threshold is chosen on development articles)."""


@dataclass(frozen=True)
class Event:
    """Who did what to whom: a PLOVER-typed interaction backed by its sentence."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    score: float
    """Goldstein scale, -10 (most conflictual) to +10 (most cooperative)."""
    quad: str
    modality: str
    date: str
    trigger: TextSpan
    evidence: TextSpan
    confidence: float = 1.0
    """How likely type, source and target are all right, in [0, 1], calibrated on development articles."""


@dataclass(frozen=True)
class Relation:
    """An unordered pair of actors in tension (or cooperating), with every sentence that says so."""

    actors: tuple[str, str]
    intensity: float
    topic: str | None
    evidence: tuple[TextSpan, ...]


@dataclass(frozen=True)
class Quote:
    """Direct speech and the actor who said it (None when the text does not say)."""

    speaker: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Brief:
    """The structured brief of one article: the JSON contract, schema_version 3."""

    id: str
    title: str
    date: str
    """"" when the article gives no date: the brief is then kept out of the timeline and trends."""
    lang: str
    source: str
    url: str
    tags: tuple[str, ...]
    license: str
    summary: tuple[str, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    tensions: tuple[Relation, ...]
    cooperation: tuple[Relation, ...]
    quotes: tuple[Quote, ...]
    text: str
    author: str = ""
    story: str = ""
    """The id of the story the brief belongs to in a site (`stories.py`): the briefs of several
    outlets reporting one happening share it. Empty outside a site (`briefing parse`)."""
    schema_version: int = field(default=SCHEMA_VERSION)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, if the brief has it."""
        return next((actor for actor in self.actors if actor.id == actor_id), None)

    def party(self, actor_id: str) -> str:
        """The party an actor acts for, followed to the top: a minister stands for his country."""
        seen = {actor_id}
        actor = self.actor(actor_id)
        while actor is not None and actor.affiliation and actor.affiliation not in seen:
            seen.add(actor.affiliation)
            actor_id = actor.affiliation
            actor = self.actor(actor_id)
        return actor_id

    def to_dict(self) -> dict:
        """The JSON form, made once per brief object (a brief is frozen): do not modify it."""
        return self._plain_form

    def to_json(self, *, indent: int | None = None) -> str:
        """Stable JSON: sorted keys, no ASCII escaping, so briefs diff cleanly."""
        if indent is None:
            return self._json_form
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=indent)

    @cached_property
    def digest(self) -> str:
        """A hash of the JSON form: the brief's content, for records of what a page was made of."""
        return hashlib.sha256(self._json_form.encode("utf-8")).hexdigest()[:32]

    @cached_property
    def _plain_form(self) -> dict:
        return _plain(self)

    @cached_property
    def _json_form(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict) -> Brief:
        def span(item: dict) -> TextSpan:
            return TextSpan(item["text"], item["start"], item["end"])

        def relation(item: dict) -> Relation:
            return Relation(
                actors=tuple(item["actors"]),
                intensity=item["intensity"],
                topic=item["topic"],
                evidence=tuple(span(e) for e in item["evidence"]),
            )

        return cls(
            id=data["id"],
            title=data["title"],
            date=data["date"],
            lang=data["lang"],
            source=data["source"],
            url=data["url"],
            tags=tuple(data["tags"]),
            license=data["license"],
            summary=tuple(data["summary"]),
            actors=tuple(
                Actor(
                    id=a["id"],
                    name=a["name"],
                    type=a["type"],
                    role=a["role"],
                    affiliation=a["affiliation"],
                    aliases=tuple(a["aliases"]),
                    mentions=tuple(span(m) for m in a["mentions"]),
                    confidence=a.get("confidence", 1.0),
                )
                for a in data["actors"]
            ),
            events=tuple(
                Event(
                    type=e["type"],
                    source=tuple(e["source"]),
                    target=tuple(e["target"]),
                    score=e["score"],
                    quad=e["quad"],
                    modality=e["modality"],
                    date=e["date"],
                    trigger=span(e["trigger"]),
                    evidence=span(e["evidence"]),
                    confidence=e.get("confidence", 1.0),
                )
                for e in data["events"]
            ),
            tensions=tuple(relation(t) for t in data["tensions"]),
            cooperation=tuple(relation(c) for c in data["cooperation"]),
            quotes=tuple(Quote(q["speaker"], q["text"], q["start"], q["end"]) for q in data["quotes"]),
            text=data["text"],
            author=data.get("author", ""),
            story=data.get("story", ""),
            schema_version=data["schema_version"],
        )

    @classmethod
    def from_json(cls, text: str) -> Brief:
        return cls.from_dict(json.loads(text))


def _plain(value):
    """`dataclasses.asdict` without its deep copies: the model holds only str, numbers and tuples."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value
