"""Bad and hostile input: one clear message naming the file (and line or field), the rest still
builds, the user's files are never touched, and nothing from an article acts on the site."""

from __future__ import annotations

import hashlib
import os
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from conftest import REPO, write
from generator.cli import main
from generator.errors import ContentError
from generator.load import MAX_CHARS, load_article

GOOD = "---\ntitle: Bon article\ndate: 2020-01-02\n---\n\nLa Russie a condamné l'Ukraine lundi.\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A project of one short article: quick to build."""
    root = tmp_path / "project"
    write(root / "content" / "bon.md", GOOD)
    (root / "mkdocs.yml").write_bytes((REPO / "mkdocs.yml").read_bytes())
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--project", str(root)] if args[0] != "parse" else list(args))


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder (links included, not followed) and its hash."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[path.relative_to(folder).as_posix()] = "-> " + os.readlink(path)
        elif path.is_file():
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# --- the loader: one message each, naming the file, and the line or field where there is one ---

@pytest.mark.parametrize(("content", "expected"), [
    ("", "the file is empty"),
    (" \n\t\n  ", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("---\ndate: 2020-01-01\n---\ntexte\n".encode("utf-16"), "UTF-16 text: save it as UTF-8"),
    (b"---\ndate: 2020-01-01\n---\n\xc3(caf\x81\n", ":4: not valid UTF-8 (byte 25) nor Windows-1252 (byte 30)"),
    ("---\ntitle: Bon\ndate: 2020-01-01\ntags: [a, b\n---\ntexte\n", ":4: front matter is not valid YAML"),
    ("---\n- une liste\n---\ntexte\n", ":2: front matter must be a mapping"),
    ("---\ndate: 2023-13-45\n---\ntexte\n", "date: '2023-13-45' is not a real date"),
    ("---\ndate: hier\n---\ntexte\n", "date: 'hier' is not a date"),
    ("---\ndate: 2020-01-01\nlang: français\n---\ntexte\n", "lang: 'français' is not a language code"),
    ("---\ndate: 2020-01-01\nx: !!python/object/apply:os.system [ls]\n---\ntexte\n", ":3: front matter is not valid YAML"),
    ("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\ndate: 2020-01-01\n---\ntexte\n", ":3: YAML aliases"),
    ("---\ndate: 2020-01-01\n---\n", "front matter but no text"),
    ("date 2020-13-01\ntexte\n", ":1: '2020-13-01' is not a real date"),
])
def test_bad_article_gives_one_clear_message(tmp_path, content, expected):
    name = "a.txt" if str(content).startswith("date ") else "a.md"
    path = write(tmp_path / name, content)
    with pytest.raises(ContentError) as info:
        load_article(path, root=tmp_path)
    assert info.value.message.startswith(name), info.value.message
    assert expected in info.value.message, info.value.message


def test_huge_article_is_refused_at_once_with_the_limit(tmp_path):
    path = write(tmp_path / "huge.md", "---\ndate: 2020-01-01\n---\n" + "Mot " * (MAX_CHARS // 4 + 10))
    with pytest.raises(ContentError, match="over the 1,000,000-character limit"):
        load_article(path)
    path.write_bytes(b"x" * (4 * MAX_CHARS + 1))
    with pytest.raises(ContentError, match="over the 4,000,000-byte limit"):
        load_article(path)


@pytest.mark.parametrize(("raw", "text", "note"), [
    ("---\ndate: 2020-01-01\n---\nL'été à Orléans, café.\n".encode("latin-1"), "L'été à Orléans, café.", "Latin-1"),
    ("---\ndate: 2020-01-01\n---\nL’euro : 5 € — « oui ».\n".encode("cp1252"), "L’euro : 5 € — « oui ».", "Windows-1252"),
    ("\ufeff---\r\ndate: 2020-01-01\r\n---\r\nUn.\r\nDeux.\r\n".encode(), "Un.\nDeux.", None),
    ("---\ndate: 2020-01-01\n---\nUn\x1b[31m deux\x07.\n".encode(), "Un [31m deux .", "control characters"),
])
def test_other_encodings_and_line_ends_are_read_with_a_note(tmp_path, raw, text, note):
    notes: list[str] = []
    article = load_article(write(tmp_path / "a.md", raw), root=tmp_path, notes=notes)
    assert article.text == text
    assert (note is None and not notes) or (len(notes) == 1 and notes[0].startswith("a.md") and note in notes[0])


# --- the build: the rest builds, every problem is listed, exit codes, files untouched ---

def test_every_problem_is_listed_and_the_rest_is_built(tiny):
    content = tiny / "content"
    write(content / "vide.md", "")
    write(content / "date.md", "---\ndate: 2023-13-45\n---\ntexte\n")
    write(content / "xx.md", "---\ndate: 2020-01-01\nlang: xx\n---\nUn texte dans une langue inconnue.\n")
    write(content / "a b.md", GOOD.replace("lundi", "vendredi"))
    write(content / "a-b.md", GOOD.replace("lundi", "mardi"))  # the same id as "a b.md"
    write(content / "Élection \"spéciale\" l'an.md", GOOD.replace("lundi", "mercredi"))
    write(content / "notes.docx", b"PK\x03\x04")
    outside = write(tiny / "secret.md", GOOD.replace("Bon article", "Secret"))
    (content / "lien.md").symlink_to(outside)
    before = tree(content)
    result = run(tiny, "build")
    assert result.exit_code == 1, result.output
    assert "content/vide.md: the file is empty" in result.output
    assert "content/date.md: date: '2023-13-45' is not a real date" in result.output
    assert "content/xx.md: lang: no spaCy pipeline is configured for language 'xx'" in result.output
    assert "content/a-b.md: id 'a-b' is already used by content/a b.md" in result.output
    assert "note: content/notes.docx: skipped (not an article: .docx)" in result.output
    assert "note: content/lien.md: skipped (a link to a file outside content/)" in result.output
    assert "4 problem(s); the other articles were built." in result.output
    site = tiny / "site"
    assert (site / "briefs" / "bon.html").is_file() and (site / "briefs" / "a-b.html").is_file()
    assert (site / "briefs" / "election-speciale-l-an.html").is_file()
    assert "Secret" not in (site / "briefs.json").read_text("utf-8")
    assert tree(content) == before

    strict = run(tiny, "build", "--strict")
    assert strict.exit_code == 1 and strict.output.count("Error:") == 1, strict.output  # the first only


@pytest.mark.parametrize(("file", "text", "expected"), [
    ("actors.yml", "actors:\n  RUS:\n    name: [Russie\n", "actors.yml:3"),
    ("mkdocs.yml", "site_name: x\ntheme:\n  name: material\n  language: [fr\n", "mkdocs.yml:4"),
    ("mkdocs.yml", "site_name: x\ntheme:\n  name: nothing-such\n", "mkdocs.yml"),
    ("templates/brief.md.j2", "# {{ brief.title | md }}\n{% for x in %}\n", "brief.md.j2:2: template syntax error"),
    ("templates/home.md.j2", "# ok\n\n{{ no_such_value }}\n", "home.md.j2:3: undefined value in template"),
])
def test_a_broken_setting_stops_the_build_and_keeps_the_previous_site(tiny, file, text, expected):
    assert run(tiny, "build").exit_code == 0
    site_before, content_before = tree(tiny / "site"), tree(tiny / "content")
    write(tiny / file, text)
    result = run(tiny, "build")
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1
    assert tree(tiny / "site") == site_before, "a failed build leaves the previous site intact"
    assert tree(tiny / "content") == content_before


def test_no_command_writes_into_content(tiny, tmp_path):
    write(tiny / "content" / "cassé.md", "---\ntitle: [\n---\n")
    before = tree(tiny / "content")
    for args in (["build"], ["build", "--strict"], ["build", "--no-cache"], ["actors"], ["actors", "--json"]):
        run(tiny, *args)
        assert tree(tiny / "content") == before, args
    run(tiny, "parse", str(tiny / "content" / "bon.md"), str(tiny / "content" / "cassé.md"))
    assert tree(tiny / "content") == before


def test_an_interrupted_build_leaves_the_previous_site(tiny, monkeypatch):
    assert run(tiny, "build").exit_code == 0
    before = tree(tiny / "site")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("mkdocs.commands.build.build", interrupted)
    write(tiny / "content" / "nouveau.md", GOOD.replace("lundi", "jeudi"))
    with pytest.raises(KeyboardInterrupt):
        from generator.site import build_site

        build_site(tiny)
    assert tree(tiny / "site") == before
    assert not [p for p in tiny.iterdir() if p.name.startswith(".site.")], "no staging folder left behind"


# --- hostile content: data, never markup or code, and never outside the output folders ---

HOSTILE = """---
title: "🇫🇷 [lien](javascript:alert('t')) \\"><script>alert('title')</script><b x=\\"' onmouseover='alert(1)"
date: 2020-01-03
source: <iframe src="https://evil.example/"></iframe>
url: javascript:alert('url')
tags: ["<img src=x onerror=alert('tag')>", "../../etc/passwd", "{{ 7*7 }}"]
license: "{% raw %}{{ config }}{% endraw %}"
---

La Russie a menacé l'Ukraine de sanctions. <script>alert('text')</script>

Le ministre <img src=x onerror=alert('img')> a rencontré [le président](javascript:alert('link')) et
[un autre](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) à Kiev. <iframe src="https://evil.example/x"></iframe>

« Nous ne céderons pas {{ 7*7 }} {% raw %}ni jamais{% endraw %} », a déclaré Vladimir Poutine.
"""


class Markup(HTMLParser):
    """Every element, attribute and script body of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_hostile_article_is_inert_everywhere(tiny):
    write(tiny / "content" / "hostile.md", HOSTILE)
    # a saved web page with scripts, frames, event handlers and javascript: links inside its paragraphs
    write(tiny / "content" / "page.html", (REPO / "tests" / "fixtures" / "pages" / "fr-hostile-1.html").read_bytes())
    write(tiny / "actors.yml", "actors:\n  RUS:\n    name: \"<script>alert('actor')</script>\"\n"
          "  ../../etc/passwd:\n    name: Intrus\n    merge: [UKR]\n")
    result = run(tiny, "build")
    assert result.exit_code == 0, result.output
    site = tiny / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        markup = Markup()
        markup.feed(page.read_text("utf-8"))
        for tag, attrs in markup.tags:
            assert tag not in ("iframe", "img", "b"), (page, tag)
            assert not [name for name in attrs if name.startswith("on")], (page, tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:")), (page, attrs)
        assert not any("alert(" in script for script in markup.scripts), page
    saved = (site / "briefs" / "page.html").read_text("utf-8")
    assert "evil.example" not in saved and "javascript:" not in saved
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in saved, "escaped text in the page stays literal text"
    assert "texte en gras" in saved and "alert(4)" not in saved
    brief = (site / "briefs" / "hostile.html").read_text("utf-8")
    assert "{{ 7*7 }}" in brief and "{% raw %}" in brief, "Jinja syntax in an article shows literally"
    assert "&lt;script&gt;alert('text')&lt;/script&gt;" in brief
    assert "<title>🇫🇷 [lien](javascript:alert('t'))" in brief, "an emoji title is still read as the title"
    feed = ElementTree.fromstring((site / "feed.xml").read_bytes())
    assert not list(feed.iter("script"))
    index = (site / "assets" / "search-index.js").read_text("utf-8")
    assert "<script" not in index and "</" not in index
    assert (site / "actors" / "etc-passwd.html").is_file() and (site / "tags" / "etc-passwd.html").is_file()
    allowed = {"content", "pages", "site", ".briefing-cache", ".briefing.lock", "mkdocs.yml", "actors.yml"}
    assert {p.name for p in tiny.iterdir()} <= allowed
    assert not (tiny.parent / "etc").exists() and not (tiny / "etc").exists()
