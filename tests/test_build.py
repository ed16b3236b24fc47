"""End to end: `briefing build` turns the sample project into a MkDocs site, deterministically."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from conftest import write
from generator.cli import main

pytestmark = pytest.mark.slow


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(project: Path, *args: str):
    return CliRunner().invoke(main, ["build", "--project", str(project), *args])


def test_build_makes_a_searchable_site_and_is_reproducible(project):
    content_before = tree_hashes(project / "content")
    result = build(project)
    assert result.exit_code == 0, result.output
    site = project / "site"
    assert (site / "index.html").is_file()
    articles = sorted(p for p in (project / "content").iterdir())
    for article in articles:
        slug = article.stem.replace("_", "-")
        assert (site / "briefs" / f"{slug}.html").is_file(), slug
    home = (site / "index.html").read_text("utf-8")
    assert "briefs/000-e9de8737bb604ee0.html" in home
    assert "Lavrov" in home
    index = search_index(site)
    assert index["forms"]["lavrov"] == "lavrov" and index["forms"]["sanctions"] == "sanction"
    assert ["Sergueï Lavrov", "actors/serguei-lavrov.html"] in [doc[:2] for doc in index["docs"]]
    for page in ("actors/index.html", "actors/rus.html", "timeline/index.html", "tensions.html", "tags/index.html",
                 "search.html", "feed.xml", "briefs.json", "assets/search.js", "assets/briefing.css"):
        assert (site / page).is_file(), page
    feed = ElementTree.fromstring((site / "feed.xml").read_bytes())
    assert feed.tag == "rss" and feed.get("version") == "2.0"
    items = feed.findall("channel/item")
    assert len(items) == len(articles) + 1 and items[0].findtext("link") == "changes.html", "What's new, then each brief"
    assert len(json.loads((site / "briefs.json").read_text("utf-8"))) == len(articles)
    assert "<svg" in (site / "tensions.html").read_text("utf-8")
    search_page = (site / "search.html").read_text("utf-8")  # a page whose own text links to no brief
    assert 'href="briefs/' not in search_page and 'href="actors/index.html"' in search_page  # index pages only in the nav
    page = (site / "briefs" / "000-e9de8737bb604ee0.html").read_text("utf-8")
    assert "ministre russe des Affaires étrangères" in page and "THREATEN" in page
    assert "fonts.googleapis" not in page
    first_site, first_pages = tree_hashes(site), tree_hashes(project / "pages")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert tree_hashes(site) == first_site
    assert tree_hashes(project / "pages") == first_pages
    assert tree_hashes(project / "content") == content_before


def test_script_in_an_article_is_shown_as_text(project):
    write(project / "content" / "zz.md", "---\ntitle: <script>alert(1)</script>\ndate: 2020-01-01\n---\n\n"
          "La Russie a menacé l'Ukraine. <script>alert(2)</script>\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    page = (project / "site" / "briefs" / "zz.html").read_text("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_one_bad_article_does_not_stop_the_others(project):
    write(project / "content" / "broken.md", "---\ntitle: [oops\n---\ntexte\n")
    result = build(project)
    assert result.exit_code == 1
    assert "content/broken.md:2: front matter is not valid YAML" in result.output
    assert (project / "site" / "briefs" / "000-e9de8737bb604ee0.html").is_file()
    assert build(project, "--strict").exit_code == 1


def test_stale_pages_are_removed(project):
    assert build(project).exit_code == 0
    (project / "content" / "wnkp-fr-44355.md").unlink()
    assert build(project).exit_code == 0
    assert not (project / "pages" / "briefs" / "wnkp-fr-44355.md").exists()
    assert not (project / "site" / "briefs" / "wnkp-fr-44355.html").exists()


def test_cache_parses_only_what_changed(project):
    assert "0 from the cache" in build(project).output
    assert ", 0 parsed" in build(project).output
    seed = project / "content" / "000_e9de8737bb604ee0.txt"
    seed.write_text(seed.read_text("utf-8") + "\n\nLa Russie a condamné l'Ukraine.", "utf-8")
    assert ", 1 parsed" in build(project).output
    result = build(project, "--no-cache")
    assert "cache off" in result.output and result.exit_code == 0


def test_actors_yml_applies_on_every_build_and_errors_name_the_line(project):
    write(project / "actors.yml", "actors:\n  RUS:\n    name: Fédération de Russie\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    page = (project / "site" / "briefs" / "000-e9de8737bb604ee0.html").read_text("utf-8")
    assert "Fédération de Russie" in page
    write(project / "actors.yml", "actors:\n  RUS:\n    nom: Russie\n")
    before = tree_hashes(project / "site")
    result = build(project)
    assert result.exit_code == 2
    assert "actors.yml:3: actor 'RUS': unknown setting 'nom'" in result.output
    assert tree_hashes(project / "site") == before, "a failed build leaves the previous site intact"


def search_index(site) -> dict:
    """The site's search index: a script that assigns one JSON object."""
    text = (site / "assets" / "search-index.js").read_text("utf-8")
    return json.loads(text.removeprefix("window.briefingSearchIndex = ").rstrip().removesuffix(";"))


def test_rebuilds_touch_only_what_changed_and_match_a_full_build(project, tmp_path):
    assert "site built" in build(project).output
    assert "site unchanged" in build(project).output, "nothing changed: MkDocs does not run"
    article = project / "content" / "wnkp-fr-44355.md"
    article.write_text(article.read_text("utf-8") + "\nLa France a condamné la Russie.\n", "utf-8")
    (project / "content" / "winer-fr-2016_01_24-003.md").unlink()
    result = build(project)
    assert "site updated" in result.output and ", 1 parsed" in result.output, result.output
    assert "(those the changed briefs touch)" in result.output, "only the pages showing a changed brief are rendered"
    assert not (project / "site" / "briefs" / "winer-fr-2016-01-24-003.html").exists()
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "content", fresh / "content")
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    assert "site built" in build(fresh).output
    assert tree_hashes(project / "site") == tree_hashes(fresh / "site")
    assert tree_hashes(project / "pages") == tree_hashes(fresh / "pages")
