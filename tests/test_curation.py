"""actors.yml: the analyst's corrections apply to every brief and bad files fail with a line number."""

from __future__ import annotations

import pytest

from conftest import write
from generator.curation import apply_curation, load_curation
from generator.errors import ConfigError
from generator.model import Actor, Brief, Event, Relation, TextSpan

TEXT = "Lavrov a rencontré l'AFP. Sergueï Lavrov menace Kiev."


def span(text: str) -> TextSpan:
    start = TEXT.index(text)
    return TextSpan(text, start, start + len(text))


def brief() -> Brief:
    lavrov = Actor("lavrov", "Lavrov", "person", None, None, (), (span("Lavrov"),))
    full = Actor("serguei-lavrov", "Sergueï Lavrov", "person", None, None, (), (span("Sergueï Lavrov"),))
    afp = Actor("afp", "AFP", "organisation", None, None, (), (span("AFP"),))
    kiev = Actor("kiev", "Kiev", "place", None, None, (), (span("Kiev"),))
    evidence = span("Sergueï Lavrov menace Kiev.")
    events = (
        Event("CONSULT", ("lavrov",), ("afp",), 1.0, "verbal_cooperation", "asserted", "2020", span("rencontré"),
              span("Lavrov a rencontré l'AFP.")),
        Event("THREATEN", ("serguei-lavrov",), ("kiev",), -6.0, "verbal_conflict", "asserted", "2020",
              span("menace"), evidence),
    )
    return Brief(id="b", title="t", date="2020-01-01", lang="fr", source="", url="", tags=(), license="",
                 summary=(), actors=(lavrov, full, afp, kiev), events=events,
                 tensions=(Relation(("kiev", "serguei-lavrov"), 6.0, None, (evidence,)),), cooperation=(),
                 quotes=(), text=TEXT)


def test_merge_rename_retype_alias_and_ignore(tmp_path):
    path = write(tmp_path / "actors.yml", """
actors:
  serguei-lavrov:
    name: Sergueï V. Lavrov
    role: ministre des Affaires étrangères
    affiliation: RUS
    merge: [lavrov]
  UKR:
    type: country
    name: Ukraine
    aliases: [Kiev]
ignore:
  - AFP
""")
    curated = apply_curation(brief(), load_curation(path))
    ids = [a.id for a in curated.actors]
    assert ids == ["serguei-lavrov", "UKR"]
    lavrov = curated.actor("serguei-lavrov")
    assert lavrov.name == "Sergueï V. Lavrov" and lavrov.role == "ministre des Affaires étrangères"
    assert lavrov.affiliation == "RUS" and len(lavrov.mentions) == 2 and "Lavrov" in lavrov.aliases
    assert curated.actor("UKR").type == "country"
    assert [(e.type, e.source, e.target) for e in curated.events] == [
        ("CONSULT", ("serguei-lavrov",), ()), ("THREATEN", ("serguei-lavrov",), ("UKR",))]
    assert curated.tensions[0].actors == ("UKR", "serguei-lavrov")


def test_no_file_changes_nothing(tmp_path):
    assert apply_curation(brief(), load_curation(tmp_path / "actors.yml")) == brief()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors:\n  x:\n    colour: red\n", r"actors.yml:3: actor 'x': unknown setting 'colour'"),
        ("actors:\n  x:\n    type: planet\n", r"actors.yml:3: actor 'x': type 'planet' is not one of"),
        ("actors:\n  x:\n    aliases: Kiev\n", r"actors.yml:3: actor 'x': aliases must be a list"),
        ("people: []\n", r"actors.yml:1: unknown section 'people'"),
        ("actors: [\n", r"actors.yml:2: not valid YAML"),
        ("ignore: afp\n", r"actors.yml:1: 'ignore' must be a list"),
    ],
)
def test_broken_actors_yml_names_file_and_line(tmp_path, text, message):
    path = write(tmp_path / "actors.yml", text)
    with pytest.raises(ConfigError, match=message):
        load_curation(path)
