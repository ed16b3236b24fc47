"""The seed article's brief holds every item a careful analyst finds (../shared/seed/README.md)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def person(brief, name):
    matches = [a for a in brief.actors if a.name == name]
    assert matches, f"{name} not among {[a.name for a in brief.actors]}"
    return matches[0]


def lifted(brief, actor_id):
    actor = brief.actor(actor_id)
    return actor.affiliation if actor is not None and actor.type == "person" and actor.affiliation else actor_id


def events(brief, event_type):
    return [e for e in brief.events if e.type == event_type]


def test_ministers_with_roles_and_affiliations(seed_brief):
    lavrov = person(seed_brief, "Sergueï Lavrov")
    assert lavrov.type == "person"
    assert lavrov.role == "ministre russe des Affaires étrangères"
    assert lavrov.affiliation == "RUS"
    abdollahian = person(seed_brief, "Hossein Amir Abdollahian")
    assert abdollahian.role == "ministre iranien des Affaires étrangères"
    assert abdollahian.affiliation == "IRN"


@pytest.mark.parametrize(("actor_id", "name"), [("RUS", "Russie"), ("IRN", "Iran"), ("USA", "États-Unis"),
                                                ("UKR", "Ukraine"), ("SYR", "Syrie")])
def test_countries(seed_brief, actor_id, name):
    actor = seed_brief.actor(actor_id)
    assert actor is not None and actor.type == "country" and actor.name == name


def test_capitals_acting_for_governments_join_their_country(seed_brief):
    assert "Moscou" in seed_brief.actor("RUS").aliases
    assert "Téhéran" in seed_brief.actor("IRN").aliases


def test_ministry_is_an_organisation_of_russia(seed_brief):
    ministry = [a for a in seed_brief.actors if a.name == "ministère russe des Affaires étrangères"]
    assert ministry and ministry[0].type == "organisation" and ministry[0].affiliation == "RUS"


def test_no_junk_actor(seed_brief):
    names = {a.name for a in seed_brief.actors}
    assert "Affaires étrangères de la" not in names
    assert "ministre russe des Affaires étrangères" not in names


def test_phone_call_is_a_consultation_between_russia_and_iran(seed_brief):
    pairs = [{lifted(seed_brief, s) for s in e.source} | {lifted(seed_brief, t) for t in e.target}
             for e in events(seed_brief, "CONSULT")]
    assert {"RUS", "IRN"} in pairs
    call = events(seed_brief, "CONSULT")[0]
    assert "par téléphone" in call.evidence.text and call.quad == "verbal_cooperation"


def test_fighter_purchase_is_material_cooperation_from_iran_with_russia(seed_brief):
    purchase = [e for e in events(seed_brief, "COOPERATE") if "Su-35" in e.evidence.text]
    assert purchase and purchase[0].source == ("IRN",) and "RUS" in purchase[0].target
    assert purchase[0].quad == "material_cooperation" and purchase[0].score > 0


def test_us_warning_of_possible_sanctions_is_a_hypothetical_threat(seed_brief):
    warnings = [e for e in events(seed_brief, "THREATEN") if "pourraient" in e.evidence.text]
    assert warnings and warnings[0].source == ("USA",) and warnings[0].modality == "hypothetical"
    assert warnings[0].score < 0


def test_iran_accused_of_delivering_drones_is_reported(seed_brief):
    accusations = [e for e in events(seed_brief, "ACCUSE") if "drones" in e.evidence.text]
    assert accusations and accusations[0].target == ("IRN",) and accusations[0].modality == "reported"


def test_allegation_rejected_by_ukrainian_authorities(seed_brief):
    rejections = events(seed_brief, "REJECT")
    assert rejections and rejections[0].source == ("UKR",)


def test_earlier_us_sanctions_on_iran(seed_brief):
    sanctions = [e for e in events(seed_brief, "SANCTION") if e.source == ("USA",) and "IRN" in e.target]
    assert sanctions and sanctions[0].quad == "material_conflict"


def test_tensions_between_the_united_states_and_iran_and_russia(seed_brief):
    pairs = {tuple(t.actors): t for t in seed_brief.tensions}
    assert ("IRN", "USA") in pairs and ("RUS", "USA") in pairs
    for pair in (("IRN", "USA"), ("RUS", "USA")):
        assert pairs[pair].topic in ("coopération militaire", "sanctions")
        assert pairs[pair].intensity > 0
    syria = [e.text for e in pairs[("RUS", "USA")].evidence if "présence russe en Syrie" in e.text]
    assert syria, "the US concern about Russia's presence in Syria is evidence of US-Russia tension"


def test_cooperation_between_russia_and_iran(seed_brief):
    assert ("IRN", "RUS") in {tuple(c.actors) for c in seed_brief.cooperation}


def test_every_offset_is_exact(seed_brief):
    text = seed_brief.text
    spans = [m for a in seed_brief.actors for m in a.mentions]
    spans += [e.evidence for e in seed_brief.events] + [e.trigger for e in seed_brief.events]
    spans += [e for t in seed_brief.tensions + seed_brief.cooperation for e in t.evidence]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text
    for quote in seed_brief.quotes:
        assert text[quote.start : quote.end] == quote.text


def test_summary_states_the_main_event(seed_brief):
    assert 2 <= len(seed_brief.summary) <= 3
    assert "Lavrov" in seed_brief.summary[0]
