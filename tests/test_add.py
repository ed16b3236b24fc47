"""`briefing add`: URLs, saved pages, text files and feeds become articles in content/.

Everything is served by a real HTTP server on 127.0.0.1 (an ephemeral port): the saved pages of
tests/fixtures/pages, the feeds of tests/fixtures/feeds, redirect chains, a slow, a huge and a
missing page. Nothing here reaches the internet.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, write
from generator.cli import main
from generator.load import load_article
from generator.scaffold import create_project

PAGES = REPO / "tests" / "fixtures" / "pages"
FEEDS = REPO / "tests" / "fixtures" / "feeds"
EXPECTED = json.loads((PAGES / "expected.json").read_text("utf-8"))
LICENSE_LINK = b'<a rel="license" href="https://creativecommons.org/licenses/by/2.5/">CC BY 2.5</a></footer>'
MIRROR = "https://mirror.example/copy-of-the-same-article"


class Handler(BaseHTTPRequestHandler):
    """The test site; see each branch."""

    def do_GET(self):  # noqa: N802 - http.server's name
        path, base = self.path, f"http://127.0.0.1:{self.server.server_port}"
        try:
            if path.startswith("/pages/") and (PAGES / path[7:]).is_file():
                self.answer((PAGES / path[7:]).read_bytes(), "text/html")
            elif path.startswith("/licensed/"):  # a page with a licence link in its footer
                self.answer((PAGES / path[10:]).read_bytes().replace(b"</footer>", LICENSE_LINK, 1), "text/html")
            elif path == "/mirror/echos":  # the same article under another canonical URL
                page = PAGES / "fr-echosloire-1.html"
                self.answer(page.read_bytes().replace(EXPECTED[page.name]["url"].encode(), MIRROR.encode()),
                            "text/html")
            elif path == "/wiki/Union_europ%C3%A9enne":  # asked for with the "é" a browser shows
                self.answer((PAGES / "en-harbourtimes-1.html").read_bytes(), "text/html")
            elif path.startswith("/feeds/"):
                feed = (FEEDS / path[7:]).read_text("utf-8").replace("{base}", base).encode("utf-8")
                self.answer(feed, "application/rss+xml" if path.endswith("rss.xml") else "application/atom+xml")
            elif m := re.fullmatch(r"/redirect/(\d+)", path):  # /redirect/N: N redirects, then a page
                left = int(m.group(1)) - 1
                self.redirect(f"/redirect/{left}" if left else "/pages/fr-echosloire-1.html")
            elif path == "/to-ftp":
                self.redirect("ftp://127.0.0.1/article.html")
            elif path == "/slow":
                time.sleep(3)
                self.answer(b"<html></html>", "text/html")
            elif path == "/big":  # announced by Content-Length
                self.answer(b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
            elif path == "/big-stream":  # no Content-Length: the client must count
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class Server(ThreadingHTTPServer):
    block_on_close = False  # the slow handler may still sleep when the tests end


@pytest.fixture(scope="module")
def base():
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project (`briefing init`): the seed article, mkdocs.yml, templates."""
    create_project(tmp_path / "briefs")
    return tmp_path / "briefs"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def add(project: Path, *args: str):
    result = CliRunner().invoke(main, ["add", "--project", str(project), *args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def files(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "content").iterdir())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def test_a_url_becomes_an_article_with_full_front_matter_that_the_build_reads_back(project, base):
    url = f"{base}/pages/fr-quotidienrhone-1.html"
    result = add(project, url)
    assert result.exit_code == 0, result.output
    expected = EXPECTED["fr-quotidienrhone-1.html"]
    name = "2016-07-09-la-commission-europeenne-lance-une-procedure-de-sanctions.md"
    assert result.stdout == f"added content/{name}  ({expected['url']})\n"
    meta = front_matter(project / "content" / name)
    assert list(meta) == ["title", "date", "author", "source", "url", "lang", "added_from"]
    assert meta["source"] == expected["sitename"] and meta["author"] == expected["author"]
    assert meta["added_from"] == url
    article = load_article(project / "content" / name)
    assert (article.title, article.date, article.url, article.lang) == (
        expected["title"], expected["date"], expected["url"], "fr")
    assert article.text == load_article(PAGES / "fr-quotidienrhone-1.html").text, "as the build reads the saved page"
    assert article.author == expected["author"] and article.source == expected["sitename"]


def test_the_same_url_or_the_same_text_is_skipped_with_a_note(project, base):
    url = f"{base}/pages/fr-echosloire-1.html"
    first = add(project, url)
    assert first.exit_code == 0
    written = files(project)
    again = add(project, url, f"{base}/redirect/2", f"{base}/mirror/echos")
    assert again.exit_code == 0, again.output
    assert again.stdout == "" and files(project) == written
    name = "2016-01-24-liran-annonce-le-prochain-achat-de-114-airbus.md"
    assert again.stderr.splitlines() == [
        f"note: skipped {EXPECTED['fr-echosloire-1.html']['url']}: already in content/{name} (same URL)",
        f"note: skipped {EXPECTED['fr-echosloire-1.html']['url']}: already in content/{name} (same URL)",
        f"note: skipped {MIRROR}: already in content/{name} (same text)",
    ]


def test_within_one_run_an_article_is_added_once(project, base):
    url = f"{base}/pages/en-harbourtimes-1.html"
    result = add(project, url, url)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 and "skipped" in result.stderr


def test_a_licence_stated_by_the_page_is_kept(project, base):
    result = add(project, f"{base}/licensed/fr-courrieralpes-1.html")
    assert result.exit_code == 0, result.output
    path = project / "content" / "2017-10-12-ukraine-les-negociations-de-paix-toujours-au-point-mort.md"
    assert front_matter(path)["license"] == "CC BY 2.5"
    assert load_article(path).license == "CC BY 2.5"


@pytest.mark.parametrize("path, message", [
    ("/slow", "timed out after 1 s"),
    ("/big", "over the 100,000-byte limit (300,007 bytes)"),
    ("/big-stream", "over the 100,000-byte limit"),
    ("/redirect/6", "more than 5 redirects"),
    ("/to-ftp", "redirected to ftp://127.0.0.1/article.html: only http and https URLs can be added"),
    ("/missing", "HTTP 404 Not Found"),
    ("/pages/no-article-home.html", "no article found in this web page"),
])
def test_a_url_that_cannot_be_added_gives_one_line_naming_it_and_writes_nothing(project, base, path, message):
    before = files(project)
    started = time.monotonic()
    result = add(project, "--timeout", "1", "--max-bytes", "100000", base + path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {base}{path}: {message}"), result.stderr
    assert result.stdout == "" and files(project) == before
    assert not list((project / "content").glob(".*")), "no temporary file left"
    assert time.monotonic() - started < 2.5


def test_only_http_and_https_urls_are_fetched(project):
    result = add(project, "ftp://127.0.0.1/article.html", "file:///etc/passwd")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "error: ftp://127.0.0.1/article.html: only http and https URLs can be added",
        "error: file:///etc/passwd: only http and https URLs can be added",
    ]


def test_a_url_with_accents_is_sent_percent_encoded(project, base):
    result = add(project, f"{base}/wiki/Union_européenne")
    assert result.exit_code == 0, result.output


def test_two_redirects_are_followed(project, base):
    result = add(project, f"{base}/redirect/2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added content/2016-01-24-liran-annonce-le-prochain-achat-de-114-airbus.md")


def test_an_rss_feed_adds_every_item_and_stands_in_the_items_own_text_for_a_missing_page(project, base):
    feed = f"{base}/feeds/rss.xml"
    result = add(project, feed)
    assert result.exit_code == 1, "one item could not be added"
    added = [line.split()[1] for line in result.stdout.splitlines()]
    assert added == [
        "content/2016-07-09-la-commission-europeenne-lance-une-procedure-de-sanctions.md",
        "content/2012-11-02-iran-manifestation-anti-americaine-dans-la-capitale.md",
        "content/2017-10-12-ukraine-les-negociations-de-paix-toujours-au-point-mort.md",
    ]
    assert f"note: {base}/gone/iran-manifestation: HTTP 404 Not Found; the feed's own text was used" in result.stderr
    assert (f"error: {base}/gone/breve: HTTP 404 Not Found; the feed's own text for it is too short to stand in"
            in result.stderr)
    stand_in = front_matter(project / added[1])
    assert stand_in == {"title": "Iran : manifestation anti-américaine dans la capitale",
                        "date": __import__("datetime").date(2012, 11, 2), "source": "Revue de presse (test)",
                        "url": f"{base}/gone/iran-manifestation", "lang": "fr",
                        "license": "CC BY 2.5, Wikinews contributors", "added_from": feed}
    assert load_article(project / added[1]).text.startswith("Plusieurs milliers de personnes")
    page_item = front_matter(project / added[0])
    assert page_item["source"] == "Le Quotidien du Rhône" and page_item["license"] == "CC BY 2.5, Wikinews contributors"
    again = add(project, feed)
    assert again.stdout == "" and again.exit_code == 1, "the short item is still reported; the others skipped"
    assert again.stderr.count("note: skipped") == 3


def test_an_atom_feed_with_limit_adds_its_first_items(project, base):
    result = add(project, "--limit", "1", f"{base}/feeds/atom.xml")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added content/2005-03-22-eu-looks-set-to-continue-arms-embargo-on-china.md  " \
                            f"({EXPECTED['en-northernledger-1.html']['url']})\n"
    meta = front_matter(project / "content" / "2005-03-22-eu-looks-set-to-continue-arms-embargo-on-china.md")
    assert meta["lang"] == "en" and meta["license"] == "CC BY 2.5, Wikinews contributors"


def test_files_are_read_by_what_they_hold_a_feed_and_a_saved_page(project, base, tmp_path):
    feed = write(tmp_path / "saved-feed", (FEEDS / "atom.xml").read_text("utf-8").replace("{base}", base))
    page = tmp_path / "article.htm"
    shutil.copy(PAGES / "en-midlandsgazette-1.html", page)
    result = add(project, "-n", "1", str(feed), str(page))
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.stdout.splitlines()] == [
        "content/2005-03-22-eu-looks-set-to-continue-arms-embargo-on-china.md",
        "content/2004-11-21-bulk-of-iraqi-debt-to-paris-club-to-be-forgiven.md",
    ]
    meta = front_matter(project / "content" / "2004-11-21-bulk-of-iraqi-debt-to-paris-club-to-be-forgiven.md")
    assert meta["url"] == EXPECTED["en-midlandsgazette-1.html"]["url"] and meta["added_from"] == str(page)


def test_text_files_get_a_title_and_the_date_their_head_gives(project, tmp_path):
    dated = write(tmp_path / "dated.txt", "Paris, le 16 décembre 2024 – Le gouvernement français a convoqué "
                  "l'ambassadeur d'Algérie. La rencontre a duré une heure.\n\nUn deuxième paragraphe suit.\n")
    undated = write(tmp_path / "undated.txt", "Le ministre a rencontré son homologue allemand à Berlin. "
                    "Ils ont parlé de commerce.\n")
    result = add(project, str(dated), str(undated))
    assert result.exit_code == 0, result.output
    first = "2024-12-16-paris-le-16-decembre-2024-le-gouvernement-francais-a.md"
    second = "undated-le-ministre-a-rencontre-son-homologue-allemand-a-berlin.md"
    assert [line.split()[1] for line in result.stdout.splitlines()] == [f"content/{first}", f"content/{second}"]
    assert "dated 2024-12-16 from the text" in result.stderr and "undated" in result.stderr
    article = load_article(project / "content" / first)
    assert article.date == "2024-12-16" and article.text.endswith("Un deuxième paragraphe suit.")
    assert front_matter(project / "content" / first)["added_from"] == str(dated)
    assert load_article(project / "content" / second).date == ""
    assert "date" not in front_matter(project / "content" / second)


def test_a_taken_name_gets_a_number_and_nothing_is_overwritten(project, tmp_path):
    sources = [write(tmp_path / f"{n}.md", f"---\ntitle: Sommet à Bruxelles\ndate: 2024-03-01\ntags: [ue]\n---\n\n"
                     f"Texte numéro {n} du sommet européen.\n") for n in (1, 2, 3)]
    result = add(project, *map(str, sources))
    assert result.exit_code == 0, result.output
    names = ["2024-03-01-sommet-a-bruxelles.md", "2024-03-01-sommet-a-bruxelles-2.md",
             "2024-03-01-sommet-a-bruxelles-3.md"]
    assert [line.split()[1] for line in result.stdout.splitlines()] == [f"content/{n}" for n in names]
    for n, name in enumerate(names, 1):
        article = load_article(project / "content" / name)
        assert article.text == f"Texte numéro {n} du sommet européen." and article.tags == ("ue",)


def test_a_missing_file_and_a_bad_one_are_reported_and_the_rest_is_added(project, tmp_path):
    good = write(tmp_path / "good.txt", "date 2024-01-05\nLe Parlement a voté la loi.\n")
    bad = write(tmp_path / "bad.md", "---\ntitle: [oops\n---\n\nTexte.\n")
    result = add(project, str(tmp_path / "nowhere.txt"), str(bad), str(good))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [f"error: {tmp_path}/nowhere.txt: no such file",
                                              result.stderr.splitlines()[1]]
    assert result.stderr.splitlines()[1].startswith(f"error: {bad}:")
    assert result.stdout == "added content/2024-01-05-le-parlement-a-vote-la-loi.md  " \
                            f"({good})\n"


def test_a_folder_without_a_project_is_a_usage_error_and_content_is_made_when_missing(tmp_path):
    result = add(tmp_path / "nothing", "x.txt")
    assert result.exit_code == 2 and "briefing init" in result.output
    write(tmp_path / "site" / "mkdocs.yml", "site_name: x\n")
    text = write(tmp_path / "a.txt", "date 2024-01-05\nLe Parlement a voté la loi.\n")
    result = add(tmp_path / "site", str(text))
    assert result.exit_code == 0 and (tmp_path / "site" / "content").is_dir()


def test_the_build_never_imports_the_collector():
    code = "import sys, generator.site, generator.load, generator.cli; print('generator.collect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout == "False\n"


@pytest.mark.slow
def test_a_project_filled_by_add_builds_without_any_network(project, base, monkeypatch):
    assert add(project, f"{base}/feeds/rss.xml").exit_code == 1
    shutil.copy(PAGES / "en-harbourtimes-1.html", project / "content" / "harbour.html")

    def refuse(self, address):
        raise AssertionError(f"the build tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    briefs = sorted(path.stem for path in (project / "pages" / "briefs").glob("*.md"))
    assert len(briefs) == 5, briefs
    assert (project / "site" / "index.html").is_file()
