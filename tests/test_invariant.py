"""The build invariant: whatever happened before, the next completed build equals a clean build.

The operations a user can perform (edits, additions and deletions in content/, template,
mkdocs.yml and actors.yml changes, `build`, `build --no-cache`, `serve` rebuilds, and builds
killed at any stage) are run in random order by a Hypothesis state machine on a small real
project. Builds are killed with SIGKILL in a forked process, so nothing of theirs gets to
clean up, exactly as when a user's machine or `kill -9` stops them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from conftest import REPO, write
from generator.site import build_site

pytestmark = pytest.mark.slow

ARTICLES = ["000_e9de8737bb604ee0.txt", "winer-fr-2017_02_22-002.md", "wnkp-fr-44355.md"]
SPARE = ["winer-fr-2016_12_19-003.md", "winer-fr-2018_06_23-001.md"]
SENTENCES = ["La France a condamné la Russie.", "L'Iran a signé un accord avec la Chine.",
             "Les États-Unis ont menacé la Corée du Nord de sanctions."]
INPUTS = ("content", "templates", "mkdocs.yml", "actors.yml")


def tree_hashes(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def inputs_key(root: Path) -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = tree_hashes(path) if path.is_dir() else ({name: hashlib.sha256(path.read_bytes()).hexdigest()}
                                                          if path.is_file() else {})
        digest.update(repr(sorted(files.items())).encode())
    return digest.hexdigest()


_CLEAN: dict[str, tuple[dict, dict]] = {}


def clean_build(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Site and pages of a build from nothing (no site/, pages/ or cache) of the project's inputs."""
    key = inputs_key(root)
    if key not in _CLEAN:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "project"
            fresh.mkdir()
            for name in INPUTS:
                if (root / name).is_dir():
                    shutil.copytree(root / name, fresh / name)
                elif (root / name).is_file():
                    shutil.copy(root / name, fresh / name)
            build_site(fresh, use_cache=False)
            _CLEAN[key] = tree_hashes(fresh / "site"), tree_hashes(fresh / "pages")
    return _CLEAN[key]


def make_project(root: Path) -> Path:
    write(root / "mkdocs.yml", (REPO / "mkdocs.yml").read_text("utf-8"))
    for name in ARTICLES:
        write(root / "content" / name, (REPO / "content" / name).read_bytes())
    return root


def _kill_here() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(stage: str, root: Path) -> None:
    """In the forked build: SIGKILL at the given stage boundary or inside a stage."""
    import mkdocs.commands.build as mkdocs_build

    from generator import cache, site

    def after(module, name, *, calls=1):
        real, seen = getattr(module, name), []

        def wrapper(*args, **kwargs):
            result = real(*args, **kwargs)
            seen.append(1)
            if len(seen) >= calls:
                _kill_here()
            return result
        setattr(module, name, wrapper)

    def before(module, name):
        setattr(module, name, lambda *args, **kwargs: _kill_here())

    if stage == "after load":
        after(site, "load_articles")
    elif stage == "during extraction":
        after(cache.BriefCache, "put")
    elif stage == "after render":
        before(site, "write_pages")
    elif stage == "while writing pages":
        real_write = site.Path.write_bytes
        seen = []

        def write_bytes(path, data):  # the third page reaches its temporary file, then the kill
            real_write(path, data)
            if path.name.endswith(".tmp"):
                seen.append(1)
                if len(seen) == 3:
                    _kill_here()
            return len(data)
        site.Path.write_bytes = write_bytes
    elif stage == "before MkDocs":
        before(site, "run_mkdocs")
    elif stage == "inside MkDocs":
        after(mkdocs_build, "_build_page", calls=2)
    elif stage == "between the renames of the swap":
        real_replace, target = os.replace, root / "site"

        def replace(src, dst):
            real_replace(src, dst)
            if Path(src) == target:
                _kill_here()
        os.replace = replace


def killed_build(root: Path, stage: str, *, site_dir: Path | None = None) -> int:
    """Run a build in a forked process, SIGKILLed at `stage`; its exit signal (0 if it got through)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            _arm(stage, root)
            build_site(root, site_dir=site_dir)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0


STAGES = ["after load", "during extraction", "after render", "while writing pages", "before MkDocs",
          "inside MkDocs", "between the renames of the swap"]


class ProjectHistory(RuleBasedStateMachine):
    """A small real project, and a user doing anything to it in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="briefing-invariant-"))
        self.root = make_project(self.tmp / "project")
        self.serve_site = self.tmp / "serve" / "site"  # where `briefing serve` builds
        self.version = 0

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def articles(self) -> list[Path]:
        return sorted((self.root / "content").iterdir())

    @rule(index=st.integers(0, 10), sentence=st.sampled_from(SENTENCES))
    def edit_article(self, index: int, sentence: str) -> None:
        article = self.articles()[index % len(self.articles())]
        article.write_text(article.read_text("utf-8").rstrip("\n") + f"\n\n{sentence}\n", "utf-8")

    @rule(name=st.sampled_from(SPARE))
    def add_article(self, name: str) -> None:
        write(self.root / "content" / name, (REPO / "content" / name).read_bytes())

    @precondition(lambda self: len(self.articles()) > 1)
    @rule(index=st.integers(0, 10))
    def delete_article(self, index: int) -> None:
        self.articles()[index % len(self.articles())].unlink()

    @rule()
    def change_template(self) -> None:
        self.version += 1
        home = (REPO / "templates" / "home.md.j2").read_text("utf-8")
        write(self.root / "templates" / "home.md.j2", home + f"\nÉdition {self.version}.\n")

    @rule()
    def remove_template(self) -> None:
        shutil.rmtree(self.root / "templates", ignore_errors=True)

    @rule(name=st.sampled_from(["Briefing", "Veille Europe"]))
    def change_mkdocs_yml(self, name: str) -> None:
        config = self.root / "mkdocs.yml"
        lines = config.read_text("utf-8").splitlines(keepends=True)
        config.write_text("".join(f"site_name: {name}\n" if line.startswith("site_name:") else line
                                  for line in lines), "utf-8")

    @rule(curation=st.sampled_from(["", "actors:\n  RUS:\n    name: Fédération de Russie\n", "ignore:\n  - FRA\n"]))
    def change_actors_yml(self, curation: str) -> None:
        path = self.root / "actors.yml"
        if curation:
            path.write_text(curation, "utf-8")
        else:
            path.unlink(missing_ok=True)

    @rule(no_cache=st.booleans())
    def build(self, no_cache: bool) -> None:
        self.completed_build(use_cache=not no_cache)

    @rule()
    def serve_rebuild(self) -> None:
        """What `briefing serve` does on every change: the whole build, into its own site folder."""
        build_site(self.root, site_dir=self.serve_site)

    @rule(stage=st.sampled_from(STAGES), by_serve=st.booleans())
    def killed_build(self, stage: str, by_serve: bool) -> None:
        before = tree_hashes(self.root / "content")
        killed_build(self.root, stage, site_dir=self.serve_site if by_serve else None)
        assert tree_hashes(self.root / "content") == before

    def completed_build(self, *, use_cache: bool = True) -> None:
        before = tree_hashes(self.root / "content")
        build_site(self.root, use_cache=use_cache)
        assert tree_hashes(self.root / "content") == before, "a build never modifies content/"
        site, pages = clean_build(self.root)
        assert tree_hashes(self.root / "site") == site, "the site differs from a clean build's"
        assert tree_hashes(self.root / "pages") == pages, "the pages differ from a clean build's"
        leftovers = sorted(p.name for p in self.root.iterdir() if p.name.startswith(".site."))
        assert not leftovers, f"a killed build's staging folders are still there: {leftovers}"
        assert not [p for p in (self.root / "site").rglob("*") if ".site." in p.name or p.name.endswith(".tmp")]

    @invariant()
    def content_is_never_lost(self) -> None:
        assert (self.root / "content").is_dir() and self.articles()


ProjectHistory.TestCase.settings = settings(
    max_examples=int(os.environ.get("BRIEFING_INVARIANT_EXAMPLES", "6")), stateful_step_count=10,
    deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
TestProjectHistory = ProjectHistory.TestCase


def test_a_build_after_serve_publishes_the_edit(tmp_path):
    """The reported case: serve shows an edit, then `build` must publish it, not say "unchanged"."""
    root = make_project(tmp_path / "project")
    build_site(root)
    article = root / "content" / "wnkp-fr-44355.md"
    article.write_text(article.read_text("utf-8") + "\nLa Norvège a condamné le Brésil.\n", "utf-8")
    build_site(root, site_dir=tmp_path / "serve-site")
    report = build_site(root)
    assert report.mkdocs == "incremental"
    page = (root / "site" / "briefs" / "wnkp-fr-44355.html").read_text("utf-8")
    assert "La Norvège a condamné le Brésil." in page
    assert tree_hashes(root / "site") == clean_build(root)[0]


def test_a_hand_edited_page_is_rendered_again(tmp_path):
    root = make_project(tmp_path / "project")
    build_site(root)
    page = root / "pages" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nhand-written\n", "utf-8")
    build_site(root)
    assert "hand-written" not in page.read_text("utf-8")
    assert "hand-written" not in (root / "site" / "index.html").read_text("utf-8")


def test_sigkill_during_mkdocs_leaves_the_site_and_the_next_build_sweeps(tmp_path):
    """A real `briefing build` process killed with SIGKILL while MkDocs writes its staging folder."""
    root = make_project(tmp_path / "project")
    build_site(root)
    published = tree_hashes(root / "site")
    shutil.rmtree(root / "pages")  # so the next build has MkDocs work to do
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "copyright: Équipe\n", "utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(root)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not [p for p in root.glob(".site.new-*") if (p / "briefs").is_dir()]:
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "MkDocs never started"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(root.glob(".site.new-*")), "the kill left its staging folder"
    assert tree_hashes(root / "site") == published, "a killed build leaves the previous site"
    build_site(root)
    assert not list(root.glob(".site.*")), "the next build removed what the killed one left"
    assert tree_hashes(root / "site") == clean_build(root)[0]


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_is_made_whole_by_the_next(tmp_path, stage):
    root = make_project(tmp_path / "project")
    build_site(root)
    article = root / "content" / "wnkp-fr-44355.md"
    article.write_text(article.read_text("utf-8") + "\nLa Norvège a condamné le Brésil.\n", "utf-8")
    assert killed_build(root, stage) == signal.SIGKILL
    assert (root / "site").is_dir() or stage == "between the renames of the swap"
    build_site(root)
    assert not list(root.glob(".site.*")) and not list((root / ".briefing-cache").glob("*/.tmp-*"))
    assert tree_hashes(root / "site") == clean_build(root)[0]
    assert tree_hashes(root / "pages") == clean_build(root)[1]


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from generator.lock import project_lock
with project_lock(Path(sys.argv[1]), say=print):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_build_waits_for_the_first_and_names_it(tmp_path):
    root = make_project(tmp_path / "project")
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(root), "8"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--project", str(root)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"waiting for process {holder.pid} (" in result.stderr and "python" in result.stderr
    assert holder.poll() is not None and time.monotonic() - started >= 5, "the build waited for the holder"
    holder.wait()


def test_the_lock_of_a_killed_process_is_free(tmp_path):
    root = make_project(tmp_path / "project")
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(root), "600"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    messages: list[str] = []
    build_site(root, progress=messages.append)
    assert not [m for m in messages if m.startswith("waiting")], messages
