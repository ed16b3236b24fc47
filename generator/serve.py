"""`briefing serve`: build, serve the site, rebuild on every change, reload the browser.

MkDocs' own `mkdocs serve` would only re-run MkDocs on the generated pages; here every rebuild is
the whole `build_site` (articles -> briefs -> pages -> MkDocs), with the brief cache, so an edited
article shows at once. The site is built into a temporary folder, as `mkdocs serve` does, so the
project's published site/ is left alone; the pages/ and cache it writes are the project's, and
site/'s own stamp lets the next `briefing build` see that they changed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import BriefingError
from .site import BuildReport, Project, build_site, file_signature


def serve_site(root: Path, host: str, port: int, *, say: Callable[[str], None]) -> None:
    """Build once (a configuration error stops here), then serve until Ctrl-C.

    A rebuild that fails (a broken actors.yml, template or mkdocs.yml) is reported in one line and
    the previous site stays served; an article that cannot be read is reported and left out, as
    `briefing build` does.
    """
    from mkdocs.livereload import LiveReloadServer

    project = Project(root.resolve())
    work_dir = Path(tempfile.mkdtemp(prefix="briefing-serve-"))
    site_dir = work_dir / "site"

    built_from = [inputs(project)]

    def build() -> BuildReport:
        built_from[0] = inputs(project)
        report = build_site(project.root, site_dir=site_dir, progress=say)
        report_problems(report, say)
        return report

    def rebuild() -> None:
        if inputs(project) == built_from[0]:
            return  # the event was the build's own (its lock file) or a file only read
        try:
            build()
        except BriefingError as err:
            say(f"error: {err.message} (still serving the previous site)")

    try:
        languages = sorted({brief.lang for brief in build().briefs})
        threading.Thread(target=_warm_up, args=(project, languages), daemon=True).start()
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
        for path in (project.content, project.templates):
            if path.is_dir():
                server.watch(str(path))
        server.watch(str(project.root), recursive=False)  # mkdocs.yml, actors.yml (even one made later)
        say(f"serving on {server.url} (Ctrl-C to stop)")
        try:
            server.serve()
        except KeyboardInterrupt:
            say("stopped")
        except OSError as err:  # the address is taken or not allowed
            raise BriefingError(f"cannot serve on {host}:{port}: {err.strerror or err}") from err
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def inputs(project: Project) -> frozenset[tuple]:
    """What a build reads, as each file's path, size and times: the project's own files (mkdocs.yml,
    actors.yml), content/ and templates/. The project folder is watched for a file made later,
    and every build writes its lock file there: an event that changes none of these is no edit."""
    found = set()
    for path in (project.root / "mkdocs.yml", project.root / "actors.yml"):
        found.add(_stat(path))
    for folder in (project.content, project.templates):
        for parent, _, names in os.walk(folder):
            found.update(_stat(Path(parent) / name) for name in names)
    return frozenset(found)


def _stat(path: Path) -> tuple:
    try:
        return str(path), *file_signature(path)
    except OSError:
        return (str(path),)


def _warm_up(project: Project, languages: list[str]) -> None:
    """While the first site is being read, load the pipelines its articles need: the briefs all came
    from the cache, so nothing is loaded yet, and the first edit would wait for spaCy."""
    from .extract import warm_up
    from .site import configured_pipelines

    for lang in languages:
        warm_up(lang, configured_pipelines(project))


def report_problems(report: BuildReport, say: Callable[[str], None]) -> None:
    """What `briefing build` prints about skipped files and bad articles, so a rebuild shows it too."""
    for note in report.notes:
        say(f"note: {note}")
    for problem in report.problems:
        say(f"error: {problem.message}")
