"""Across briefs: one record per actor, per actor pair, per tag and per month, for the site's
index pages. Works from briefs alone (no spaCy), and everything is sorted, so pages are stable."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import load_gazetteer
from .stories import count_outlets, group_stories
from .load import slugify
from .model import Brief, Event
from .trends import PairTrend, pair_trends


@dataclass
class ActorRecord:
    """One actor across the archive, under the name most briefs give it."""

    id: str
    page: str
    """File name stem of its page: a slug, unique in the site."""
    name: str = ""
    type: str = ""
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    affiliations: Counter = field(default_factory=Counter)
    briefs: list[Brief] = field(default_factory=list)
    events: list[tuple[Brief, Event]] = field(default_factory=list)


@dataclass
class PairRecord:
    """Two actors in tension (or cooperating) across briefs."""

    actors: tuple[str, str]
    intensity: float = 0.0
    briefs: list[Brief] = field(default_factory=list)
    topics: Counter = field(default_factory=Counter)
    trend: PairTrend | None = None

    @property
    def topic(self) -> str | None:
        return min(self.topics, key=lambda t: (-self.topics[t], t)) if self.topics else None


@dataclass
class StoryRecord:
    """The briefs of several outlets that report one happening (`stories.py`), and their events:
    those two or more briefs report (one line, with each brief's sentence) and those only one does."""

    id: str
    briefs: list[Brief]
    """Oldest first."""
    shared: list[list[tuple[Brief, Event]]] = field(default_factory=list)
    single: list[tuple[Brief, Event]] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.briefs[-1].date

    @property
    def outlets(self) -> int:
        """How many outlets tell it (one outlet's two articles count once)."""
        return count_outlets(self.briefs)


@dataclass
class Archive:
    briefs: list[Brief]
    """Newest first, the undated last."""
    undated: list[Brief]
    """Briefs of articles that give no date, by id: listed apart, out of the timeline and trends."""
    actors: dict[str, ActorRecord]
    tensions: list[PairRecord]
    """Strongest first."""
    cooperation: list[PairRecord]
    tags: dict[str, tuple[str, list[Brief]]]
    """Tag slug -> (tag, briefs newest first)."""
    months: dict[str, list[tuple[Brief, Event]]]
    """YYYY-MM -> events of that month, in date order."""
    story_of: dict[str, str] = field(default_factory=dict)
    """Brief id -> story id, for every brief (a story of one brief has the brief's id)."""
    stories: list[StoryRecord] = field(default_factory=list)
    """Stories of two briefs or more, the newest first."""

    def name(self, actor_id: str) -> str:
        record = self.actors.get(actor_id)
        return record.name if record else actor_id


def build_archive(briefs: list[Brief], lang: str = "fr", stories_record: Path | None = None) -> Archive:
    """`lang` is the site's: a known country or organisation is named in it whatever the
    language of the briefs that mention it ("Russia" and "Russie" make one page, "Russie").
    `stories_record` keeps the story pairs decided so far (`stories.group_stories`)."""
    dated = sorted((b for b in briefs if b.date), key=lambda b: (b.date, b.id), reverse=True)
    undated = sorted((b for b in briefs if not b.date), key=lambda b: b.id)
    ordered = dated + undated
    actors: dict[str, ActorRecord] = {}
    pages: set[str] = set()
    for brief in sorted(ordered, key=lambda b: b.id):
        for actor in brief.actors:
            record = actors.get(actor.id)
            if record is None:
                record = actors[actor.id] = ActorRecord(actor.id, _unique(slugify(actor.id) or "acteur", pages))
            record.names[actor.name] += 1
            record.types[actor.type] += 1
            record.aliases.update(actor.aliases)
            if actor.role:
                record.roles[actor.role] += 1
            if actor.affiliation:
                record.affiliations[actor.affiliation] += 1
            record.briefs.append(brief)
        for event in brief.events:
            for actor_id in dict.fromkeys(event.source + event.target):
                if actor_id in actors:
                    actors[actor_id].events.append((brief, event))
    gazetteer = load_gazetteer()
    for record in actors.values():
        record.name = _most_common(record.names)
        entry = gazetteer.entries.get(record.id)
        if entry is not None and set(record.names) <= set(entry.names.values()):  # not renamed in actors.yml
            record.name = gazetteer.display_name(record.id, lang) or record.name
        record.type = _most_common(record.types)
        record.aliases -= {record.name}
        record.briefs.sort(key=lambda b: (b.date, b.id), reverse=True)
        record.events.sort(key=lambda item: (item[1].date, item[0].id, item[1].evidence.start), reverse=True)

    trends = {trend.actors: trend for trend in pair_trends(dated)}
    tensions = _pairs(ordered, "tensions", trends)
    cooperation = _pairs(ordered, "cooperation", trends)

    tags: dict[str, tuple[str, list[Brief]]] = {}
    for brief in ordered:
        for tag in brief.tags:
            slug = slugify(tag) or "etiquette"
            tags.setdefault(slug, (tag, []))[1].append(brief)

    months: dict[str, list[tuple[Brief, Event]]] = defaultdict(list)
    for brief in dated:
        for event in brief.events:
            months[(event.date or brief.date)[:7]].append((brief, event))
    for items in months.values():
        items.sort(key=lambda item: (item[1].date, item[0].id, item[1].evidence.start))
    story_of = group_stories(ordered, stories_record)
    return Archive(ordered, undated, dict(sorted(actors.items())), tensions, cooperation, dict(sorted(tags.items())),
                   dict(sorted(months.items(), reverse=True)), story_of, _stories(ordered, story_of))


def _stories(briefs: list[Brief], story_of: dict[str, str]) -> list[StoryRecord]:
    """Stories of two briefs or more, each with its events merged: one happening reported by
    three outlets is one line, matched by type and the parties on each side."""
    members: dict[str, list[Brief]] = defaultdict(list)
    for brief in sorted(briefs, key=lambda b: (b.date, b.id)):
        members[story_of[brief.id]].append(brief)
    stories = []
    for story_id, story_briefs in members.items():
        if len(story_briefs) < 2:
            continue
        reported: dict[tuple, list[tuple[Brief, Event]]] = defaultdict(list)
        for brief in story_briefs:
            for event in brief.events:
                key = (event.type, tuple(sorted({brief.party(a) for a in event.source})),
                       tuple(sorted({brief.party(a) for a in event.target})))
                if all(b.id != brief.id for b, _ in reported[key]):
                    reported[key].append((brief, event))
        story = StoryRecord(story_id, story_briefs)
        for key, items in sorted(reported.items()):
            if count_outlets([b for b, _ in items]) > 1:
                story.shared.append(items)
            else:
                story.single.append(items[0])
        stories.append(story)
    return sorted(stories, key=lambda s: (s.date, s.id), reverse=True)


def _pairs(briefs: list[Brief], kind: str, trends: dict) -> list[PairRecord]:
    pairs: dict[tuple[str, str], PairRecord] = {}
    for brief in briefs:
        for relation in getattr(brief, kind):
            key = tuple(sorted(relation.actors))
            record = pairs.setdefault(key, PairRecord(key, trend=trends.get(key)))
            record.intensity = round(record.intensity + relation.intensity, 1)
            record.briefs.append(brief)
            if relation.topic:
                record.topics[relation.topic] += 1
    return sorted(pairs.values(), key=lambda p: (-p.intensity, p.actors))


def _most_common(counts: Counter) -> str:
    return min(counts, key=lambda value: (-counts[value], value))


def _unique(slug: str, taken: set[str]) -> str:
    """Slugs of ids that differ only in case or accents ("Paris", "paris") get a number."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
