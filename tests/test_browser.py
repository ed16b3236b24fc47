"""The built site in a real browser: Debian's chromium driven by Playwright, from file:// and over
http. Every page must load with no console error and no request to another host; search must find
French words whatever their inflection or accents; links must lead somewhere; pages must read well
at desktop and phone widths (screenshots go to tests/output/screenshots/)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from conftest import REPO, contrast

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "tests" / "output" / "screenshots"
SEED_PAGE = "briefs/000-e9de8737bb604ee0.html"
PAGES = ["index.html", SEED_PAGE, "actors/index.html", "actors/rus.html", "actors/serguei-lavrov.html",
         "timeline/index.html", "tensions.html", "tags/index.html", "search.html", "changes.html",
         "stories/index.html", "stories/agence-sanctions.html"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from generator.cli import main

    root = tmp_path_factory.mktemp("browser") / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    for story in (REPO / "tests" / "fixtures" / "stories").glob("*.md"):  # two outlets, one happening: a story page
        shutil.copy(story, root / "content" / story.name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def http_root(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(params=["file", "http"])
def base(request, site) -> str:
    return site.as_uri() + "/" if request.param == "file" else request.getfixturevalue("http_root")


class Guarded:
    """A page that records console errors and every request that leaves the site."""

    def __init__(self, browser, base: str, viewport: str = "desktop"):
        self.base = base
        self.page = browser.new_page(viewport=VIEWPORTS[viewport])
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", self._check_request)

    def _check_request(self, request) -> None:
        url = urlsplit(request.url)
        own = urlsplit(self.base)
        if url.scheme in ("data", "blob", "about"):
            return
        if (url.scheme, url.netloc) != (own.scheme, own.netloc):
            self.foreign.append(request.url)

    def open(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def close(self) -> None:
        self.page.close()
        assert not self.errors, self.errors
        assert not self.foreign, self.foreign


@pytest.fixture
def guarded(browser, base):
    pages = []

    def make(viewport: str = "desktop") -> Guarded:
        pages.append(Guarded(browser, base, viewport))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


def search(page, query: str) -> list[tuple[str, str]]:
    """Type in the header's search box; (title, href) of the results."""
    box = page.locator(".briefing-search__input")
    box.fill(query)
    page.wait_for_selector(".briefing-search__results li", timeout=5000)
    return [(a.inner_text(), a.get_attribute("href")) for a in page.query_selector_all(".briefing-search__results a")]


def test_every_page_loads_offline_without_errors(guarded):
    tab = guarded()
    for path in PAGES:
        page = tab.open(path)
        assert page.locator("h1").count() == 1, path
        assert "fonts.googleapis" not in page.content()


@pytest.mark.parametrize(("query", "expected"), [
    ("sanction", "Italie : l'Union européenne menace le pays de sanctions"),  # the page says "sanctions"
    ("gouvernements", "Syrie : Israël menace de poursuivre ses opérations militaires dans le Sud du pays"),
    ("election", "Colombie : le conservateur Iván Duque remporte l'élection présidentielle"),
    ("Lavrov", "Sergueï Lavrov"),  # the actor page
    ("Moscou", "Russie"),  # an alias finds the actor
])
def test_search_finds_french_words_whatever_their_form(guarded, query, expected):
    page = guarded().open("index.html")
    titles = [title for title, _ in search(page, query)]
    assert expected in titles, titles


def test_search_result_and_actor_links_lead_to_their_pages(guarded):
    page = guarded().open("index.html")
    results = search(page, "Lavrov")
    href = next(href for title, href in results if title == "Sergueï Lavrov")
    page.click(f'.briefing-search__results a[href="{href}"]')
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sergueï Lavrov"
    page.click("article a[href$='000-e9de8737bb604ee0.html']")
    page.wait_for_load_state()
    assert page.url.endswith(SEED_PAGE)
    page.click("article table a:text-is('Iran')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Iran"


def test_search_page_reads_the_query_from_the_address(guarded):
    page = guarded().open("search.html?q=sanctions%20iran")
    page.wait_for_selector("#briefing-search-page li a", timeout=5000)
    titles = [a.inner_text() for a in page.query_selector_all("#briefing-search-page li a")]
    assert "Le ministre russe des Affaires étrangères, Sergueï Lavrov, s'est entretenu par téléphone…" in titles


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_pages_read_well(guarded, base, viewport):
    if not base.startswith("file:"):
        pytest.skip("layout does not depend on how the site is served")
    tab = guarded(viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path in PAGES:
        page = tab.open(path)
        page.screenshot(path=str(SCREENSHOTS / f"{viewport}-{path.replace('/', '-')}.png"), full_page=True)
        levels = [int(tag[1]) for tag in page.eval_on_selector_all(
            "article h1, article h2, article h3, article h4", "nodes => nodes.map(n => n.tagName)")]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)  # wide tables scroll inside their box, not the page


def test_badges_have_enough_contrast(guarded):
    page = guarded().open(SEED_PAGE)
    colours = page.eval_on_selector_all(".badge", """nodes => nodes.map(n => {
        const style = getComputedStyle(n); return [style.color, style.backgroundColor]; })""")
    assert colours
    for foreground, background in colours:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def test_charts_are_labelled_and_the_network_links_every_actor(guarded, site):
    tab = guarded()
    for path in ("tensions.html", "timeline/index.html", "actors/rus.html"):
        page = tab.open(path)
        labels = page.eval_on_selector_all("article svg[role=img]", "nodes => nodes.map(n => n.getAttribute('aria-label'))")
        assert labels and all(labels), path  # a chart says what it shows, and a table beside it says the values
    page = tab.open("tensions.html")
    hrefs = page.eval_on_selector_all(".tension-graph a", "nodes => nodes.map(n => n.getAttribute('href'))")
    assert hrefs and all((site / href).is_file() for href in hrefs)
    assert len(page.query_selector_all(".tension-graph path")) <= 30, "the strongest 30 pairs only"
    size = page.eval_on_selector(".tension-graph text", "n => parseFloat(getComputedStyle(n).fontSize)")
    assert size <= 14, "labels fit the spacing the layout keeps between actors"

