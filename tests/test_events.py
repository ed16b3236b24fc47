"""Event rules on real French sentences with the real pipeline: types, source and target, modality,
quotes and tensions."""

from __future__ import annotations

import pytest

from conftest import brief_of

pytestmark = pytest.mark.slow


def brief(text: str, date: str = "2017-03-08"):
    return brief_of(text, date)


def triples(b):
    return {(e.type, e.source, e.target) for e in b.events}


def event(b, event_type):
    found = [e for e in b.events if e.type == event_type]
    assert found, f"no {event_type} in {triples(b)}"
    return found[0]


def test_subject_object_and_goldstein_score():
    b = brief("La Russie a bombardé l'Ukraine.")
    assault = event(b, "ASSAULT")
    assert (assault.source, assault.target) == (("RUS",), ("UKR",))
    assert assault.quad == "material_conflict" and assault.score <= -9


def test_passive_agent_is_the_source():
    b = brief("L'Iran a été sanctionné par les États-Unis.")
    sanction = event(b, "SANCTION")
    assert (sanction.source, sanction.target) == (("USA",), ("IRN",))


def test_relative_clause_takes_its_antecedent():
    b = brief("Le programme inquiète les États-Unis, qui ont imposé des sanctions à l'Iran.")
    assert ("SANCTION", ("USA",), ("IRN",)) in triples(b)


def test_nominal_event_with_par_and_aupres_de():
    b = brief("L'achat d'avions par l'Iran auprès de la Russie a été finalisé.")
    assert ("COOPERATE", ("IRN",), ("RUS",)) in triples(b)


def test_compound_actors_are_expanded():
    b = brief("La France et l'Allemagne ont condamné la Russie.")
    accuse = event(b, "ACCUSE")
    assert set(accuse.source) == {"FRA", "DEU"} and accuse.target == ("RUS",)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("La Russie a attaqué l'Ukraine.", "asserted"),
        ("Selon Kiev, la Russie a attaqué l'Ukraine.", "reported"),
        ("La Russie pourrait attaquer l'Ukraine.", "hypothetical"),
        ("La Russie n'a pas attaqué l'Ukraine.", "negated"),
        ("La Russie dément avoir attaqué l'Ukraine.", "denied"),
    ],
)
def test_modality(text, modality):
    assert event(brief(text), "ASSAULT").modality == modality


def test_event_date_from_the_sentence():
    b = brief("Le 3 mars, la Russie a attaqué l'Ukraine.")
    assert event(b, "ASSAULT").date == "2017-03-03"
    assert event(brief("La Russie a attaqué l'Ukraine."), "ASSAULT").date == "2017-03-08"


def test_quotes_with_speakers():
    b = brief("« Nous ne céderons pas », a déclaré Vladimir Poutine.")
    (quote,) = b.quotes
    assert quote.text == "Nous ne céderons pas" and quote.speaker == "vladimir-poutine"
    assert b.text[quote.start : quote.end] == quote.text


def test_tension_from_conflict_and_from_stated_concern():
    b = brief("Les États-Unis ont menacé la Corée du Nord de sanctions. "
              "Le Japon a exprimé son inquiétude face aux essais de la Corée du Nord.")
    pairs = {t.actors: t for t in b.tensions}
    assert ("PRK", "USA") in pairs and pairs[("PRK", "USA")].intensity > 0
    assert ("JPN", "PRK") in pairs
    for tension in b.tensions:
        for evidence in tension.evidence:
            assert b.text[evidence.start : evidence.end] == evidence.text


def test_cooperation_is_kept_apart_from_tension():
    b = brief("La France et l'Inde ont signé un accord de coopération militaire.")
    assert ("FRA", "IND") in {c.actors for c in b.cooperation}
    assert not b.tensions


def test_scare_quotes_are_not_speech_and_il_is_the_last_speaker():
    b = brief("Le président Donald Trump dénonce « la colère » de Pyongyang. "
              "« Cette opportunité manquée est un moment très triste », a-t-il ajouté.")
    assert [q.text for q in b.quotes] == ["Cette opportunité manquée est un moment très triste"]
    assert b.quotes[0].speaker == "donald-trump"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le tribunal a condamné l'opposant Jean Dupont à cinq ans de prison.", ("COERCE", ("tribunal",), ("jean-dupont",))),
        ("La Turquie a bloqué l'accès à Wikipédia.", ("COERCE", ("TUR",), ("wikipedia",))),
        ("Les casques bleus de l'ONU sont accusés d'abus sexuels.", ("ACCUSE", (), ("onu",))),
    ],
)
def test_sense_distinctions_and_members(text, expected):
    assert expected in triples(brief(text))


def test_what_is_demanded_is_not_done():
    b = brief("Les manifestants ont réclamé la démission du président Jean Dupont.")
    assert all(e.modality == "hypothetical" for e in b.events if e.type == "CONCEDE")


def test_pronoun_subject_is_the_last_subject():
    b = brief("Donald Trump a reçu Emmanuel Macron. Il a ensuite critiqué la Chine.")
    assert ("ACCUSE", ("donald-trump",), ("CHN",)) in triples(b)


def test_reflexive_verbs_have_their_own_sense():
    assert ("CONSULT", ("hassan-rohani",), ("ITA", "FRA")) in triples(
        brief("Hassan Rohani a annoncé se rendre en Italie et en France."))
    assert ("AID", ("RUS",), ("SYR",)) in triples(brief("La Russie a fourni des armes à la Syrie."))
    assert ("COOPERATE", ("IRN",), ("USA",)) in triples(brief("L'Iran va se fournir aux États-Unis."))


def test_verbs_the_tagger_misreads_still_count():
    b = brief("Le gouvernement turc accuse Wikipédia de mener une campagne de diffamation.")
    assert ("ACCUSE", ("TUR",), ("wikipedia",)) in triples(b)


def test_reciprocal_verbs_target_their_doers():
    b = brief("Depuis le 20 janvier, les rebelles syriens s'affrontent dans la région d'Idleb.")
    assert ("ASSAULT", ("rebelles-syriens",), ("rebelles-syriens",)) in triples(b)
    assert not b.tensions, "fighting among themselves is no tension between two parties"


def test_tensions_between_two_parties_make_a_pair():
    assert [t.actors for t in brief_of("Les tensions entre l'Inde et le Pakistan se sont aggravées.").tensions] == [("IND", "PAK")]
