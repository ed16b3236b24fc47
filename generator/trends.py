"""Across briefs: for each actor pair, a monthly series of summed Goldstein scores and a trend,
as CrisisWatch marks conflicts (escalating, easing, steady). Works from briefs alone."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import Brief, Event

MODALITY_WEIGHT = {"asserted": 1.0, "reported": 1.0, "hypothetical": 0.5, "negated": 0.0, "denied": 0.0}
TREND_THRESHOLD = 2.0
"""A month must differ from the one before by this many Goldstein points to count as a change."""


@dataclass(frozen=True)
class PairTrend:
    """One actor pair over time."""

    actors: tuple[str, str]
    months: tuple[tuple[str, float, int], ...]
    """(YYYY-MM, summed score, number of events), in time order."""
    trend: str
    """escalating, easing or steady: the last month against the one before."""
    total: float


def _month(date: str, fallback: str) -> str:
    return date[:7] if len(date) >= 7 else fallback[:7]


def pair_scores(brief: Brief, event: Event) -> tuple[set[tuple[str, str]], float]:
    """The pairs of parties an event moves (sorted, a party never with itself) and its score
    weighted by modality; no pair for an event that moves none (negated, denied, or an appeal:
    as for tensions, an appeal alone does not move a relation)."""
    weight = MODALITY_WEIGHT.get(event.modality, 1.0)
    if weight == 0 or event.type == "REQUEST":
        return set(), 0.0
    pairs = {tuple(sorted((brief.party(s), brief.party(t)))) for s in event.source for t in event.target}
    return {pair for pair in pairs if pair[0] != pair[1]}, event.score * weight


def pair_trends(briefs: list[Brief]) -> list[PairTrend]:
    """Every pair with at least one event, most conflictual total first."""
    series: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for brief in briefs:
        for event in brief.events:
            pairs, score = pair_scores(brief, event)
            for pair in pairs:
                series[pair][_month(event.date, brief.date)].append(score)
    trends = []
    for pair, by_month in series.items():
        months = tuple((m, round(sum(v), 1), len(v)) for m, v in sorted(by_month.items()))
        trends.append(PairTrend(pair, months, trend_of(months), round(sum(m[1] for m in months), 1)))
    return sorted(trends, key=lambda t: (t.total, t.actors))


def trend_of(months: tuple[tuple[str, float, int], ...]) -> str:
    if len(months) < 2:
        return "steady"
    change = months[-1][1] - months[-2][1]
    if change <= -TREND_THRESHOLD:
        return "escalating"
    if change >= TREND_THRESHOLD:
        return "easing"
    return "steady"
