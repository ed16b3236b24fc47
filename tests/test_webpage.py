"""Web pages saved from a browser: the article's text and metadata, never the page around it.

The fixtures (tests/fixtures/pages, see CREDITS.md) are Wikinews articles (CC BY 2.5) inside the
markup of invented outlets built like real ones: menus, cookie banners, ad slots, "read more"
boxes between paragraphs, newsletter boxes, reader comments, footers, scripts, JSON-LD and
OpenGraph metadata, one page in Windows-1252, one without a language, one dated only in its byline.
"""

import json
from pathlib import Path

import pytest

from conftest import REPO
from generator.errors import ContentError
from generator.load import load_article

PAGES = REPO / "tests" / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text("utf-8"))
ARTICLES = sorted(name for name, page in EXPECTED.items() if not page.get("no_article"))
EMPTY = sorted(name for name, page in EXPECTED.items() if page.get("no_article"))
NOT_IN_METADATA = {
    ("fr-depecheatlantique-1.html", "author"): "",  # a bare "Par <a>name</a>" div: trafilatura does not see it
    ("fr-courrieralpes-1.html", "sitename"): "courrier-alpes.example",  # no og:site_name: the host stands in
}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ARTICLES)
def test_a_saved_page_gives_the_article_text_without_the_page_around_it(name):
    expected = EXPECTED[name]
    notes = []
    article = load_article(PAGES / name, root=REPO, notes=notes)
    text = flat(article.text)
    assert text.startswith(flat(expected["first_words"])) or flat(expected["first_words"]) in text[:300]
    assert text.endswith(flat(expected["last_words"])) or flat(expected["last_words"]) in text[-300:]
    leaked = [boilerplate for boilerplate in expected["must_not_contain"] if boilerplate in article.text]
    assert not leaked, leaked
    for literal in expected.get("must_contain_literal", []):
        assert literal in article.text
    assert "\n\n" in article.text, "paragraphs stay paragraphs"
    assert not article.text.startswith(expected["title"]), "the headline is the title, not the first paragraph"


@pytest.mark.parametrize("name", ARTICLES)
def test_a_saved_page_gives_its_metadata(name):
    expected = EXPECTED[name]
    article = load_article(PAGES / name, root=REPO)
    assert article.title == expected["title"]
    assert article.date == expected["date"]
    assert article.url == (expected["url"] or "")
    assert article.lang == (expected["lang"] or ("fr" if name.startswith("fr-") else "en"))  # else detected
    assert article.author == NOT_IN_METADATA.get((name, "author"), expected["author"] or "")
    assert article.source == NOT_IN_METADATA.get((name, "sitename"), expected["sitename"] or "")


@pytest.mark.parametrize("name", EMPTY)
def test_a_page_with_no_article_gives_one_clear_message_naming_it(name):
    with pytest.raises(ContentError) as info:
        load_article(PAGES / name, root=REPO)
    assert info.value.message.startswith(f"tests/fixtures/pages/{name}: "), info.value.message
    assert ("no article found in this web page" in info.value.message
            or "a PDF file, not a web page" in info.value.message)


def test_a_page_in_windows_1252_is_read_with_its_accents():
    raw = (PAGES / "fr-depecheatlantique-1.html").read_bytes()
    assert b"charset=windows-1252" in raw and "é".encode("cp1252") in raw
    article = load_article(PAGES / "fr-depecheatlantique-1.html")
    assert "é" in article.text and "\ufffd" not in article.text


def test_a_page_is_read_the_same_every_time(tmp_path):
    name = "fr-quotidienrhone-1.html"
    first = load_article(PAGES / name)
    copy = tmp_path / name
    copy.write_bytes((PAGES / name).read_bytes())
    assert load_article(copy) == first.__class__(**{**first.__dict__, "path": copy.as_posix()})


def test_a_text_saved_with_an_html_name_is_refused_clearly(tmp_path):
    page = tmp_path / "note.html"
    page.write_text("Juste une note sans balises.", "utf-8")
    with pytest.raises(ContentError, match="no article found in this web page"):
        load_article(page)


def test_a_binary_file_named_html_is_refused(tmp_path):
    page = tmp_path / "image.htm"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ContentError, match="binary file"):
        load_article(page)


def test_scripts_and_styles_never_reach_the_text():
    article = load_article(PAGES / "fr-hostile-1.html")
    for injected in ("alert('xss')", "alert(1)", "javascript:", "evil.example", "alert(3)", "alert(4)", "onerror"):
        assert injected not in article.text
    assert "<script>alert(5)</script>" in article.text, "text that reads as markup stays literal text"
    assert Path(article.path).name == "fr-hostile-1.html"
