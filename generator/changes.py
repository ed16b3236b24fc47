"""What's new: the latest period of the archive against the one before (`changes.html`).

Periods end at the newest article date, never at the clock, so a rebuild with nothing changed is
byte-identical. Pair scores sum the Goldstein scores of the events between two parties, weighted
by modality as the trends are (`trends.py`), dated by the event (else its article).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .archive import Archive, StoryRecord
from .trends import TREND_THRESHOLD, pair_scores

PERIOD_DAYS = 7
"""A week, unless mkdocs.yml says otherwise (extra: briefing: period_days:)."""
LISTED = 15


@dataclass
class PairMove:
    actors: tuple[str, str]
    before: float
    now: float
    events: int

    @property
    def change(self) -> float:
        return round(self.now - self.before, 1)


@dataclass
class Changes:
    start: str = ""
    """First day of the latest period (YYYY-MM-DD); the one before ends the day before."""
    end: str = ""
    days: int = PERIOD_DAYS
    briefs: int = 0
    stories: list[StoryRecord] = field(default_factory=list)
    new_actors: list[str] = field(default_factory=list)
    appeared: list[PairMove] = field(default_factory=list)
    escalating: list[PairMove] = field(default_factory=list)
    easing: list[PairMove] = field(default_factory=list)
    moves: list[PairMove] = field(default_factory=list)
    """The largest changes of summed scores, either way."""


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if len(value) == 10 else None


def changes(archive: Archive, days: int = PERIOD_DAYS) -> Changes:
    dated = [b for b in archive.briefs if _day(b.date)]
    if not dated:
        return Changes(days=days)
    end = max(_day(b.date) for b in dated)
    start = end - dt.timedelta(days=days - 1)
    before = start - dt.timedelta(days=days)
    result = Changes(start=start.isoformat(), end=end.isoformat(), days=days,
                     briefs=sum(1 for b in dated if _day(b.date) >= start))
    result.stories = [s for s in archive.stories if _day(s.briefs[0].date) and _day(s.briefs[0].date) >= start]
    first_seen = {}
    for record in archive.actors.values():
        days_seen = [_day(b.date) for b in record.briefs if _day(b.date)]
        if days_seen:
            first_seen[record.id] = min(days_seen)
    result.new_actors = sorted((a for a, day in first_seen.items() if day >= start),
                               key=lambda a: (-len(archive.actors[a].briefs), a))[:LISTED * 2]
    scores: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for brief in dated:
        for event in brief.events:
            day = _day(event.date) or _day(brief.date)
            if day is None or day < before or day > end:
                continue
            pairs, weighted = pair_scores(brief, event)
            for pair in pairs:
                score = scores[pair]
                score[1 if day >= start else 0] += weighted
                score[2] += 1
    moves = [PairMove(pair, round(b, 1), round(n, 1), count) for pair, (b, n, count) in scores.items()]
    result.appeared = sorted((m for m in moves if m.before == 0 and m.now < 0), key=lambda m: (m.now, m.actors))[:LISTED]
    result.escalating = sorted((m for m in moves if m.before and m.change <= -TREND_THRESHOLD),
                               key=lambda m: (m.change, m.actors))[:LISTED]
    result.easing = sorted((m for m in moves if m.change >= TREND_THRESHOLD and m.before < 0),
                           key=lambda m: (-m.change, m.actors))[:LISTED]
    result.moves = sorted((m for m in moves if m.change), key=lambda m: (-abs(m.change), m.actors))[:LISTED]
    return result
