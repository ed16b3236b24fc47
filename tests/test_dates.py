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
