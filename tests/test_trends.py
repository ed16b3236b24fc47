"""Monthly series and trends per actor pair, across briefs."""

from generator.model import Actor, Brief, Event, TextSpan
from generator.trends import pair_trends

SPAN = TextSpan("x", 0, 1)


def brief(brief_id, date, events):
    actors = (
        Actor("RUS", "Russie", "country", None, None, (), (SPAN,)),
        Actor("UKR", "Ukraine", "country", None, None, (), (SPAN,)),
        Actor("lavrov", "Lavrov", "person", None, "RUS", (), (SPAN,)),
    )
    return Brief(id=brief_id, title="t", date=date, lang="fr", source="", url="", tags=(), license="", summary=(),
                 actors=actors, events=tuple(events), tensions=(), cooperation=(), quotes=(), text="x")


def event(event_type, score, source, target, date, modality="asserted"):
    return Event(event_type, (source,), (target,), score, "verbal_conflict", modality, date, SPAN, SPAN)


def test_monthly_sums_and_escalation_with_people_lifted_to_their_country():
    briefs = [
        brief("a", "2016-01-10", [event("CONSULT", 1.0, "RUS", "UKR", "2016-01-10")]),
        brief("b", "2016-02-10", [event("THREATEN", -6.0, "lavrov", "UKR", "2016-02-09"),
                                  event("ASSAULT", -10.0, "RUS", "UKR", "2016-02-10", "hypothetical")]),
    ]
    (trend,) = pair_trends(briefs)
    assert trend.actors == ("RUS", "UKR")
    assert trend.months == (("2016-01", 1.0, 1), ("2016-02", -11.0, 2))
    assert trend.trend == "escalating" and trend.total == -10.0


def test_easing_and_steady():
    easing = pair_trends([brief("a", "2016-01-10", [event("ASSAULT", -9.0, "RUS", "UKR", "2016-01-10")]),
                          brief("b", "2016-03-10", [event("AGREE", 4.0, "RUS", "UKR", "2016-03-10")])])
    assert easing[0].trend == "easing"
    steady = pair_trends([brief("a", "2016-01-10", [event("ACCUSE", -2.0, "RUS", "UKR", "2016-01-10")])])
    assert steady[0].trend == "steady"
    negated = pair_trends([brief("a", "2016-01-10", [event("ASSAULT", -9.0, "RUS", "UKR", "2016-01", "negated")])])
    assert negated == []
