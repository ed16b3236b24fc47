"""Articles that do not state their date: dated from their head or URL, else undated, never from the clock;
and the same article twice in content/ built once."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, write
from generator.cli import main
from generator.dating import date_from_text, date_from_url
from generator.extract.dates import resolve_date
from generator.load import load_article, same_url

BODY = ("La Russie a condamné l'Ukraine après une attaque contre un dépôt de munitions. Le ministère des "
        "Affaires étrangères a convoqué l'ambassadeur ukrainien et promis une réponse ferme.")


@pytest.mark.parametrize(
    ("head", "lang", "expected"),
    [
        ("Paris, le 16 décembre 2024 – Le président a parlé hier.", "fr", "2024-12-16"),
        ("lundi 16 décembre 2024. Le gouvernement a annoncé", "fr", "2024-12-16"),
        ("WASHINGTON, Dec. 16, 2024 (Reuters) - The United States said", "en", "2024-12-16"),
        ("Publié le 16/12/2024 à 10h32\n\nLe gouvernement", "fr", "2024-12-16"),
        ("Updated 2024-12-16T10:00 The minister", "en", "2024-12-16"),
        ("Mis à jour le 1er avril 2023 à 08h00", "fr", "2023-04-01"),
    ],
)
def test_a_dateline_or_date_phrase_dates_the_article(head, lang, expected):
    found = date_from_text(head, lang)
    assert found is not None and found.date == expected


@pytest.mark.parametrize(
    "head",
    [
        "Hier, le ministre a parlé il y a deux jours avec trois personnes.",  # relative: depends on the clock
        "Le 5 mai, la réunion a rassemblé 2024 personnes.",  # no year in the date
        "En 2019, le pays avait déjà protesté.",  # a year alone
        "Il y a " + "très " * 100 + "longtemps, le 3 mars 2022, la guerre a commencé.",  # past the head
    ],
)
def test_no_full_date_at_the_head_gives_none(head):
    assert date_from_text(head, "fr") is None


def test_a_date_in_the_url_is_read_only_when_it_has_a_day():
    assert date_from_url("https://www.journal.example/monde/2017/02/22/italie-sanctions_123.html").date == "2017-02-22"
    assert date_from_url("https://journal.example/2017-02-22-italie").date == "2017-02-22"
    assert date_from_url("https://journal.example/2017/02/italie") is None  # a month is not a day
    assert date_from_url("https://journal.example/monde/italie.html") is None
    assert date_from_url("file:///2017/02/22/a.html") is None


def test_plain_text_without_a_date_line_is_dated_from_its_dateline(tmp_path):
    notes = []
    article = load_article(write(tmp_path / "a.txt", "Moscou, le 3 mars 2022 – " + BODY), notes=notes)
    assert article.date == "2022-03-03"
    assert any("dated 2022-03-03 from the text ('le 3 mars 2022')" in note for note in notes)


def test_front_matter_without_a_date_is_dated_from_its_url(tmp_path):
    text = "---\ntitle: Condamnation\nurl: https://journal.example/monde/2019/03/04/russie.html\n---\n\n" + BODY
    notes = []
    assert load_article(write(tmp_path / "a.md", text), notes=notes).date == "2019-03-04"
    assert any("from its URL" in note for note in notes)


def test_no_date_anywhere_gives_an_undated_article_never_the_file_clock(tmp_path):
    path = write(tmp_path / "a.txt", BODY)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    notes = []
    assert load_article(path, notes=notes).date == ""
    assert any("the brief is undated" in note for note in notes)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert load_article(path).date == ""


def test_events_of_an_undated_article_keep_only_dates_that_name_their_year():
    assert resolve_date("Le 3 mars 2022, la Russie a attaqué.", "") == "2022-03-03"
    assert resolve_date("Hier, la Russie a attaqué.", "") == ""
    assert resolve_date("Lundi, la Russie a attaqué.", "") == ""
    assert resolve_date("En mai 2019, la Russie a attaqué.", "") == "2019-05"


def test_same_url_ignores_what_does_not_change_the_article():
    assert same_url("https://www.journal.example/a/b.html?utm_source=x#top") == same_url("http://journal.example/a/b.html")
    assert same_url("https://journal.example/a/b/") == same_url("https://journal.example/a/b")
    assert same_url("https://journal.example/a?id=1") != same_url("https://journal.example/a?id=2")


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    return root


@pytest.mark.slow
def test_undated_briefs_are_listed_apart_and_stay_out_of_timeline_and_trends(tmp_path):
    root = _project(tmp_path)
    write(root / "content" / "date.md", "---\ntitle: Daté\ndate: 2020-01-02\n---\n\n" + BODY)
    write(root / "content" / "sans.txt", BODY.replace("Russie", "France").replace("ukrainien", "malien")
          .replace("Ukraine", "Mali"))
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "content/sans.txt: no date in the article" in result.output
    site = root / "site"
    briefs = {b["id"]: b for b in json.loads((site / "briefs.json").read_text("utf-8"))}
    assert briefs["sans"]["date"] == "" and briefs["date"]["date"] == "2020-01-02"
    assert all(event["date"] == "" for event in briefs["sans"]["events"])
    home = (site / "index.html").read_text("utf-8")
    latest, undated = home.split('<h2 id="briefs-sans-date"', 1)
    assert "briefs/date.html" in latest and "briefs/sans.html" not in latest
    assert "briefs/sans.html" in undated
    assert "sans date" in (site / "briefs" / "sans.html").read_text("utf-8")
    timeline = "".join(p.read_text("utf-8") for p in (site / "timeline").glob("*.html"))
    assert "briefs/date.html" in timeline and "briefs/sans.html" not in timeline
    assert "sans" not in (site / "feed.xml").read_text("utf-8").split("<item>", 1)[-1].split("guid")[1]


@pytest.mark.slow
def test_the_same_article_twice_is_named_once_and_built_once(tmp_path):
    root = _project(tmp_path)
    url = "https://journal.example/monde/2020/01/02/russie.html"
    write(root / "content" / "a.md", f"---\ntitle: A\ndate: 2020-01-02\nurl: {url}\n---\n\n" + BODY)
    write(root / "content" / "b.md", f"---\ntitle: B\ndate: 2020-01-02\nurl: {url}?utm_source=rss\n---\n\nAutre texte. " + BODY)
    write(root / "content" / "c.txt", "date 2020-01-02\n" + BODY.replace(". ", ".\n\n"))
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "the same article" in line]
    assert len(notes) == 1, result.output
    assert "content/a.md, content/b.md, content/c.txt: the same article (same URL" in notes[0]
    assert "built once, from content/a.md" in notes[0]
    briefs = json.loads((root / "site" / "briefs.json").read_text("utf-8"))
    assert [b["id"] for b in briefs] == ["a"]


def test_undated_briefs_stay_out_of_months_and_pair_trends():
    from dataclasses import replace

    from conftest import brief_of
    from generator.archive import build_archive

    text = "La Russie a attaqué l'Ukraine. Le 3 mars 2022, la Russie a bombardé l'Ukraine."
    dated = replace(brief_of(text, "2022-03-05"), id="date")
    undated = replace(brief_of(text.replace("Ukraine", "Géorgie"), ""), id="sans")
    assert undated.events and dated.events
    archive = build_archive([undated, dated])
    assert archive.undated == [undated] and archive.briefs == [dated, undated]
    assert all(brief.id == "date" for items in archive.months.values() for brief, _ in items)
    trends = [pair.trend for pair in archive.tensions if pair.trend]
    assert trends and all("GEO" not in trend.actors for trend in trends)
    assert all(month for trend in trends for month, _, _ in trend.months)
