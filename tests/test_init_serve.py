"""`briefing init` makes a project that builds at once; `briefing serve` rebuilds it on every change."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, SEED, write

from generator.cli import main
from generator.curation import Curation, load_curation
from generator.site import build_site

SEED_PAGE = "briefs/000-e9de8737bb604ee0.html"


def init(target: Path):
    return CliRunner().invoke(main, ["init", str(target)])


def test_init_mkdocs_yml_is_the_repository_one_with_the_folder_as_site_name(tmp_path):
    target = tmp_path / "Mes briefs"
    target.mkdir()  # an empty folder is accepted
    assert init(target).exit_code == 0
    starter = yaml.safe_load((target / "mkdocs.yml").read_text("utf-8"))
    repository = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    assert starter.pop("site_name") == "Mes briefs"
    repository.pop("site_name")
    assert starter == repository


@pytest.mark.parametrize("existing", ["folder with a file", "a file"])
def test_init_refuses_anything_but_a_new_or_empty_folder(tmp_path, existing):
    target = tmp_path / "project"
    if existing == "a file":
        write(target, "x")
    else:
        write(target / "notes.txt", "x")
    before = sorted(tmp_path.rglob("*"))
    result = init(target)
    assert result.exit_code == 2
    assert "already exists and is not an empty folder" in result.output
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.slow
def test_init_makes_a_project_that_builds(tmp_path):
    target = tmp_path / "my-briefs"
    result = init(target)
    assert result.exit_code == 0, result.output
    assert f"next: cd {target} && briefing build" in result.output
    assert (target / "content" / SEED.name).read_bytes() == SEED.read_bytes()
    assert [p.name for p in (target / "content").iterdir()] == [SEED.name]
    assert (target / ".gitignore").read_text("utf-8").split() == ["site/", "pages/", ".briefing-cache/", ".briefing.lock"]
    assert "brief.md.j2" in (target / "templates" / "README.txt").read_text("utf-8")
    assert load_curation(target / "actors.yml") == Curation()
    report = build_site(target)
    assert not report.problems
    assert (target / "site" / "index.html").is_file()
    assert (target / "site" / SEED_PAGE).is_file()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_until(check, what: str, server: subprocess.Popen, log: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve exited ({server.returncode}) while waiting for {what}:\n{log.read_text('utf-8')}")
        if result := check():
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text('utf-8')}")


@pytest.mark.slow
def test_serve_rebuilds_from_the_articles_and_survives_a_broken_actors_yml(tmp_path):
    project = tmp_path / "project"
    assert init(project).exit_code == 0
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--project", str(project), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT,
            # Ctrl-C as in a terminal, even when the suite itself runs in the background (which ignores SIGINT)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    page_url = f"http://127.0.0.1:{port}/{SEED_PAGE}"
    try:
        wait_until(lambda: fetch(f"http://127.0.0.1:{port}/index.html"), "the first build", server, log)
        article = project / "content" / SEED.name
        article.write_text(article.read_text("utf-8").replace("Le ministre russe des Affaires étrangères,",
                                                              "Le chef de la diplomatie russe,", 1), "utf-8")
        wait_until(lambda: "Le chef de la diplomatie russe" in (fetch(page_url) or ""), "the new title", server, log)

        write(project / "actors.yml", "actors: [\n")
        wait_until(lambda: "actors.yml:2: not valid YAML" in log.read_text("utf-8"), "the error line", server, log)
        assert "Le chef de la diplomatie russe" in (fetch(page_url) or ""), "the previous site is still served"
        time.sleep(3)  # a failed build touches its lock file in the watched project folder: no rebuild loop
        assert log.read_text("utf-8").count("not valid YAML") == 1, log.read_text("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, log.read_text("utf-8")
    assert "stopped" in log.read_text("utf-8")
    assert not (project / "site").exists(), "serve builds into a temporary folder, not site/"


def test_serve_rejects_an_address_without_a_port():
    result = CliRunner().invoke(main, ["serve", "--dev-addr", "localhost"])
    assert result.exit_code == 2
    assert "is not HOST:PORT" in result.output
