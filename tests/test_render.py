"""Render stage: untrusted text is escaped, templates are overridable and fail loudly."""

from __future__ import annotations

import markdown
import pytest

from conftest import REPO, write
from generator.errors import ConfigError
from generator.model import Actor, Brief, Event, TextSpan
from generator.archive import build_archive
from generator.render import escape_markdown, make_environment, render_site, safe_url

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [clic](javascript:alert(3)) {{ 7*7 }} *gras* "q\' '


def hostile_brief(text: str = HOSTILE) -> Brief:
    span = TextSpan(text[:8], 0, 8)
    actor = Actor("x", text, "person", text, None, (), (span,))
    event = Event("ACCUSE", ("x",), (), -2.0, "verbal_conflict", "asserted", "2020-01-01", span, TextSpan(text, 0, len(text)))
    return Brief(id="hostile", title=text, date="2020-01-01", lang="fr", source=text, url="javascript:alert(4)",
                 tags=(text,), license=text, summary=(text,), actors=(actor,), events=(event,), tensions=(),
                 cooperation=(), quotes=(), text=text)


def site_of(env, brief: Brief, lang: str = "fr") -> dict[str, str]:
    return render_site(env, build_archive([brief]), lang=lang, site_name="S")


def render_brief(env, brief: Brief, lang: str = "fr") -> str:
    return site_of(env, brief, lang)[f"briefs/{brief.id}.md"]


def to_html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["tables", "meta", "md_in_html"])


def test_hostile_text_shows_as_text():
    env = make_environment(None)
    page = to_html(render_brief(env, hostile_brief(), lang="fr"))
    assert "<script" not in page and "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "{{ 7*7 }}" in page and "49" not in page
    assert "<em>gras</em>" not in page


def test_hostile_text_is_inert_on_every_page():
    pages = site_of(make_environment(None), hostile_brief())
    assert {"index.md", "actors/index.md", "actors/x.md", "tensions.md", "timeline/2020-01.md", "tags/index.md",
            "search.md", "feed.xml", "briefs.json", "assets/search-index.js"} <= set(pages)
    for path, text in pages.items():
        if path.endswith(".md"):
            html = to_html(text)
            assert "<script" not in html and "<img" not in html and 'href="javascript' not in html, path
    assert "<script" not in pages["feed.xml"] and "&lt;script&gt;" in pages["feed.xml"]
    assert "</script" not in pages["assets/search-index.js"]


def test_interface_language_follows_the_site():
    env = make_environment(None)
    assert "## Summary" in render_brief(env, hostile_brief("T"), lang="en")
    assert "## Résumé" in render_brief(env, hostile_brief("T"), lang="fr")


@pytest.mark.parametrize("text", ["- liste", "1. liste", "# titre", "> citation", "    code", "a | b", "***", "<!--"])
def test_markdown_syntax_is_literal(text):
    html = to_html(escape_markdown(text))
    assert html == f"<p>{text.strip().replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>"


def test_only_http_urls_become_links():
    assert safe_url("https://fr.wikinews.org/wiki/A_(b)") == "https://fr.wikinews.org/wiki/A_%28b%29"
    for bad in ("javascript:alert(1)", "data:text/html,x", "JaVaScRiPt:x", "//evil", "file:///etc/passwd"):
        assert safe_url(bad) == ""


def test_project_template_overrides_package_template(tmp_path):
    write(tmp_path / "brief.md.j2", "# Custom {{ brief.title | md }}\n")
    env = make_environment(tmp_path)
    pages = site_of(env, hostile_brief("Titre"))
    assert pages["briefs/hostile.md"] == "# Custom Titre\n"
    assert "Titre" in pages["index.md"]


def test_template_errors_name_the_template_and_line(tmp_path):
    write(tmp_path / "brief.md.j2", "# ok\n{% for x in %}\n")
    with pytest.raises(ConfigError, match=r"brief.md.j2:2: template syntax error"):
        render_brief(make_environment(tmp_path), hostile_brief("T"), lang="fr")
    write(tmp_path / "brief.md.j2", "# ok\n\n{{ brief.nothing_here }}\n")
    with pytest.raises(ConfigError, match=r"brief.md.j2:3: undefined value"):
        render_brief(make_environment(tmp_path), hostile_brief("T"), lang="fr")


def test_documented_override_example_renders(tmp_path):
    doc = (REPO / "docs" / "templates.md").read_text("utf-8")
    example = doc.split("```jinja\n", 1)[1].split("```", 1)[0]
    write(tmp_path / "brief.md.j2", example)
    page = site_of(make_environment(tmp_path), hostile_brief("Titre"))["briefs/hostile.md"]
    assert page.startswith("---\ntitle:") and "# Titre" in page and "ACCUSE" in page and "actors/x.md" in page


def test_a_busy_month_is_split_into_pages_that_link_each_other():
    from dataclasses import replace

    from generator.render import EVENTS_PER_MONTH_PAGE

    brief = hostile_brief("La Russie accuse l'Ukraine.")
    busy = replace(brief, events=brief.events * (2 * EVENTS_PER_MONTH_PAGE + 1))
    pages = render_site(make_environment(None), build_archive([busy]), lang="fr", site_name="S")
    names = sorted(p for p in pages if p.startswith("timeline/2020-01"))
    assert names == ["timeline/2020-01-2.md", "timeline/2020-01-3.md", "timeline/2020-01.md"]
    assert pages["timeline/2020-01-3.md"].count("\n- ") == 1
    assert "(1/3)" in pages["timeline/2020-01.md"] and "[2](2020-01-2.md)" in pages["timeline/2020-01.md"]
