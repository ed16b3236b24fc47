"""Stories: the briefs of several outlets that report one happening, grouped, merged and shown."""

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from conftest import REPO, brief_of, write
from generator.cli import main
from generator.stories import count_outlets, group_stories, linked_pairs, same_outlet

AGENCE = ("La Pologne a bloqué vendredi à Bruxelles l'adoption du dixième paquet de sanctions de l'Union "
          "européenne contre la Russie. Varsovie conteste les exemptions accordées au caoutchouc synthétique russe. "
          "Les ambassadeurs des Vingt-Sept se retrouveront samedi pour tenter de lever le blocage polonais.")
JOURNAL = ("Varsovie bloque le dixième paquet de sanctions contre la Russie. La Pologne refuse les exemptions sur le "
           "caoutchouc synthétique russe, a indiqué vendredi un diplomate de l'Union européenne à Bruxelles. "
           "Les ambassadeurs de l'Union doivent se réunir de nouveau samedi.")
AUTRE = ("La Pologne a expulsé vendredi un diplomate russe accusé d'espionnage. Le ministère polonais des Affaires "
         "étrangères a convoqué l'ambassadeur de Russie à Varsovie et lui a remis une note de protestation. "
         "Moscou a promis une réponse.")


@pytest.fixture(scope="module")
def briefs():
    return {
        "agence": replace(brief_of(AGENCE, "2023-02-24", reader="learned"), id="agence", source="Agence"),
        "journal": replace(brief_of(JOURNAL, "2023-02-25", reader="learned"), id="journal", source="Journal"),
        "tard": replace(brief_of(JOURNAL, "2023-03-20", reader="learned"), id="tard", source="Tard"),
        "autre": replace(brief_of(AUTRE, "2023-02-24", reader="learned"), id="autre", source="Autre"),
        "sans": replace(brief_of(JOURNAL, "", reader="learned"), id="sans", source="Sans"),
    }


def test_one_happening_from_two_outlets_within_days_is_one_story(briefs):
    story_of = group_stories(list(briefs.values()))
    assert story_of["agence"] == story_of["journal"] == "agence", "named after its first brief"
    assert story_of["tard"] == "tard", "the same words a month later are another story"
    assert story_of["autre"] == "autre", "the same actors, another happening"
    assert story_of["sans"] == "sans", "an undated brief cannot be placed in a window"


def test_grouping_is_incremental_and_gives_the_same_stories(briefs, tmp_path):
    record = tmp_path / "stories.json"
    first = [briefs["agence"], briefs["autre"], briefs["tard"]]
    assert group_stories(first, record) == group_stories(first)
    everything = list(briefs.values())
    assert group_stories(everything, record) == group_stories(everything), "the record only spares work"
    saved = json.loads(record.read_text("utf-8"))
    assert sorted(saved["seen"]) == sorted(b.digest for b in everything)
    assert linked_pairs(everything, set()) == {}, "known briefs are not compared again"
    damaged = dict(saved, linked=[pair[:2] for pair in saved["linked"]])
    record.write_text(json.dumps(damaged), "utf-8")
    assert group_stories(everything, record) == group_stories(everything), "a damaged record is read as none"
    assert set(linked_pairs(everything, {"journal"})) == {("agence", "journal")}


def test_one_outlet_s_articles_are_paired_only_through_another_outlet(briefs):
    same_outlet_briefs = [briefs["agence"], replace(briefs["journal"], source="Agence")]
    assert len(set(group_stories(same_outlet_briefs).values())) == 2, "an outlet's series reads alike from day to day"
    by_url = [replace(briefs["agence"], source="", url="https://www.agence.example/a"),
              replace(briefs["journal"], source="", url="https://agence.example/b")]
    assert len(set(group_stories(by_url).values())) == 2, "without a name, the web host tells the outlet"
    named_and_not = [replace(briefs["agence"], source="Agence", url="https://agence.example/a"),
                     replace(briefs["journal"], source="", url="https://www.agence.example/b")]
    assert same_outlet(*named_and_not) and len(set(group_stories(named_and_not).values())) == 2
    unknown = [replace(briefs["agence"], source="", url=""), replace(briefs["journal"], source="", url="")]
    assert not same_outlet(*unknown) and count_outlets(unknown) == 2, "nothing known: not taken for one outlet"
    third = replace(briefs["journal"], id="tiers", source="Tiers", date="2023-02-24")
    story_of = group_stories([*same_outlet_briefs, third])
    assert story_of["agence"] == story_of["journal"] == story_of["tiers"], "joined through another outlet"
    assert count_outlets([*same_outlet_briefs, third]) == 2, "three articles, two outlets"


def test_a_story_spans_at_most_the_window_however_alike_the_chain(briefs):
    days = ["2023-02-20", "2023-02-22", "2023-02-24", "2023-02-26"]
    chain = [replace(briefs["journal"], id=f"jour{n}", source=f"Média {n}", date=day) for n, day in enumerate(days)]
    story_of = group_stories(chain)
    assert len(set(story_of.values())) == 2, story_of  # each pair two days apart is alike; four days is too long
    assert story_of["jour0"] == story_of["jour1"] and story_of["jour2"] == story_of["jour3"]


def test_a_site_shows_stories_merged_events_and_the_story_in_briefs_json(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    for name, source, date, text in (("a", "Agence", "2023-02-24", AGENCE), ("b", "Journal", "2023-02-25", JOURNAL),
                                     ("c", "Autre", "2023-02-24", AUTRE)):
        write(root / "content" / f"{name}.md", f"---\ntitle: {name.upper()}\ndate: {date}\nsource: {source}\n"
              f"url: https://{source.lower()}.example/{name}\n---\n\n{text}\n")
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "site"
    briefs = {b["id"]: b for b in json.loads((site / "briefs.json").read_text("utf-8"))}
    assert briefs["a"]["story"] == briefs["b"]["story"] == "a" and briefs["c"]["story"] == "c"
    story = (site / "stories" / "a.html").read_text("utf-8")
    assert "briefs/a.html" in story and "briefs/b.html" in story and "briefs/c.html" not in story
    assert "Ce que plusieurs médias rapportent" in story and "Ce qu'un seul média rapporte" in story
    assert "stories/a.html" in (site / "briefs" / "b.html").read_text("utf-8"), "a brief links to its story"
    assert "stories/a.html" in (site / "index.html").read_text("utf-8"), "the home page lists the latest stories"
    assert 'href="a.html"' in (site / "stories" / "index.html").read_text("utf-8")
    assert not (site / "stories" / "c.html").exists(), "a story of one brief has no page of its own"


def test_eval_scores_pairs_of_a_stories_gold_file(tmp_path):
    texts = tmp_path / "texts"
    gold = []
    for name, story, date, text in (("s01-a", "s01", "2023-02-24", AGENCE), ("s01-b", "s01", "2023-02-25", JOURNAL),
                                    ("n01", "n01", "2023-02-24", AUTRE)):
        write(texts / f"{name}.txt", f"Titre {name}\n\n{text}\n")
        gold.append({"id": name, "story": story, "date": date, "lang": "fr", "outlet": name, "url": ""})
    write(tmp_path / "stories.json", json.dumps(gold))
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "stories.json"), "--texts", str(texts),
                                       "--reader", "learned", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pairs"]["all"] == {"gold": 1, "predicted": 1, "correct": 1, "precision": 1.0, "recall": 1.0,
                                      "f1": 1.0} or report["pairs"]["all"]["f1"] == 1.0
