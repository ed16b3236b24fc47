"""Actor rules on real French sentences, parsed with the real fr_core_news_sm pipeline."""

from __future__ import annotations

import pytest

from conftest import brief_of

pytestmark = pytest.mark.slow


def brief(text: str, date: str = "2017-03-01"):
    return brief_of(text, date)


def actor(b, name):
    found = [a for a in b.actors if a.name == name]
    assert found, f"{name!r} not in {[(a.name, a.type) for a in b.actors]}"
    return found[0]


def test_surname_and_title_join_the_full_name():
    b = brief("Le président Emmanuel Macron a reçu Angela Merkel à Paris. M. Macron a salué Mme Merkel.")
    macron = actor(b, "Emmanuel Macron")
    assert macron.type == "person" and macron.role == "président"
    assert {m.text for m in macron.mentions} >= {"Emmanuel Macron", "Macron"}
    assert not [a for a in b.actors if a.name in ("Macron", "M. Macron", "Mme Merkel", "Merkel")]


def test_demonym_gives_role_and_affiliation():
    b = brief("Le ministre turc des Affaires étrangères, Mevlüt Çavuşoğlu, a rencontré son homologue allemand, "
              "Sigmar Gabriel, à Berlin.")
    assert actor(b, "Mevlüt Çavuşoğlu").affiliation == "TUR"
    gabriel = actor(b, "Sigmar Gabriel")
    assert gabriel.affiliation == "DEU" and gabriel.role == "ministre allemand des Affaires étrangères"


def test_capital_acting_is_its_government_but_a_place_when_located():
    b = brief("Moscou a condamné les frappes. Le sommet s'est tenu à Moscou.")
    russia = b.actor("RUS")
    assert russia is not None and russia.type == "country"
    places = [a for a in b.actors if a.type == "place"]
    assert [p.name for p in places] == ["Moscou"]


def test_organisations_by_acronym_and_nationality_marked_institutions():
    b = brief("L'ONU et l'OTAN ont critiqué l'armée de l'air iranienne, selon l'AFP.")
    assert b.actor("onu").type == "organisation" and b.actor("otan").type == "organisation"
    air_force = actor(b, "armée de l'air iranienne")
    assert air_force.type == "organisation" and air_force.affiliation == "IRN"
    assert not [a for a in b.actors if a.name == "AFP"], "news agencies credited are not actors"


def test_state_nouns_with_a_nationality_are_the_state():
    b = brief("Les autorités ukrainiennes ont rejeté l'accusation.")
    assert "autorités ukrainiennes" in b.actor("UKR").aliases


def test_groups_and_demonyms_as_nouns():
    b = brief("Des manifestants ont défilé à Téhéran contre les Américains.")
    assert actor(b, "manifestants").type == "group"
    assert b.actor("USA") is not None


def test_no_junk_fragments_of_roles():
    b = brief("Les ministres des Affaires étrangères de la Russie et de l'Iran se sont rencontrés.")
    names = {a.name for a in b.actors}
    assert names == {"Russie", "Iran"}


def test_credited_journalists_are_not_actors_but_victims_are():
    b = brief("La Russie a menacé l'Ukraine, rapporte le journaliste Jean Dupont. "
              "Le journaliste Gilles Jacquier a été tué par des rebelles.")
    names = {a.name for a in b.actors}
    assert "Jean Dupont" not in names and "Gilles Jacquier" in names
    assert ("ASSAULT", ("rebelles",), ("gilles-jacquier",)) in {(e.type, e.source, e.target) for e in b.events}


def test_seats_stand_for_governments_and_every_country_is_known():
    b = brief("Le Kremlin a répondu à la Maison-Blanche. Le Burkina Faso et le Timor oriental ont voté.")
    assert {"RUS", "USA", "BFA"} <= {a.id for a in b.actors}
    from generator.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    countries = [e for e in gaz.entries.values() if e.type == "country"]
    assert len(countries) >= 249
    assert gaz.demonyms["iraniennes"] == "IRN" and gaz.demonyms["américain"] == "USA"
    assert gaz.lookup("Russia") == "RUS" and gaz.lookup("Téhéran") == "IRN"
