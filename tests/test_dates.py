"""Event dates resolved against the article date."""

import pytest

from generator.extract.dates import resolve_date


@pytest.mark.parametrize(
    ("sentence", "article", "expected"),
    [
        ("Le sommet a eu lieu le 31 août.", "2016-09-03", "2016-08-31"),
        ("Le 1er janvier 2015, il a signé.", "2016-09-03", "2015-01-01"),
        ("Les troupes sont entrées le 28 décembre.", "2017-01-05", "2016-12-28"),
        ("Lundi, la Russie a menacé l'Ukraine.", "2016-11-24", "2016-11-21"),
        ("La Commission a, ce mercredi 22 février, menacé l'Italie.", "2017-02-22", "2017-02-22"),
        ("Hier, Paris a protesté.", "2016-11-24", "2016-11-23"),
        ("L'accord a été signé il y a deux ans.", "2016-11-24", "2014"),
        ("Il y a trois jours, l'armée a attaqué.", "2016-11-24", "2016-11-21"),
        ("En janvier 2017, l'exécutif avait adressé un avertissement.", "2017-02-22", "2017-01"),
        ("Un processus qui a commencé il y a plusieurs années.", "2023-03", "2023-03"),
        ("Lundi, la Russie a menacé l'Ukraine.", "2023-03", "2023-03"),
        ("Rien de daté ici.", "2017-02-22", "2017-02-22"),
    ],
)
def test_resolve_date(sentence, article, expected):
    assert resolve_date(sentence, article) == expected


def test_nearest_expression_to_the_trigger_wins():
    sentence = "Après le sommet du 3 mars, la Russie a attaqué le 5 mars."
    assert resolve_date(sentence, "2016-03-10", near=sentence.index("attaqué")) == "2016-03-05"


@pytest.mark.parametrize(
    ("sentence", "future", "expected"),
    [
        ("Les ambassadeurs se retrouveront samedi.", True, "2023-02-25"),  # the article is of Friday 24
        ("Les ambassadeurs se sont retrouvés samedi.", False, "2023-02-18"),
        ("Ils se retrouvent vendredi.", True, "2023-02-24"),  # the article's own day
        ("Le vote aura lieu samedi prochain.", False, "2023-02-25"),
        ("Ministers meet next Monday.", False, "2023-02-27"),
    ],
)
def test_a_weekday_to_come_is_the_next_one(sentence, future, expected):
    assert resolve_date(sentence, "2023-02-24", future=future) == expected


def test_the_verb_tells_whether_an_event_is_to_come():
    from generator.extract import language_pipeline, load_pipeline
    from generator.extract.dates import is_future

    nlp = load_pipeline(language_pipeline("fr"))
    for text, verb, expected in (("Les ambassadeurs se retrouveront samedi.", "retrouveront", True),
                                 ("Les ministres vont se réunir lundi.", "réunir", True),
                                 ("Les Vingt-Sept doivent voter samedi.", "voter", True),
                                 ("Le président a rencontré lundi son homologue.", "rencontré", False),
                                 ("La Pologne bloque le paquet.", "bloque", False)):
        token = next(t for t in nlp(text) if t.text == verb)
        assert is_future(token) is expected, text
