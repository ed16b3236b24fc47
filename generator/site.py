"""Site stage and the build as a whole: content/ -> briefs -> Markdown pages -> MkDocs -> site/.

The invariant every build keeps: whatever happened before (edits, `serve` rebuilds, builds killed
at any point), a completed build leaves a `site/` byte-identical to a clean build of the same
inputs. Three records make it cheap to keep:

- the docs folder's render stamp: what its pages were rendered from, and a hash of each page;
- `site/`'s build stamp: the MkDocs setup and the hash of each page it was built from, so a build
  sees a stale site whoever wrote the pages (`serve` builds its own site from the same pages);
- the project lock (`lock.py`): one build at a time.

The generated Markdown folder (MkDocs' `docs_dir`) belongs to the generator: files are rewritten
only when their bytes change and stale ones removed. `site/` is replaced in one rename, so a failed
build leaves the previous site in place, and what a killed build left behind (staging folders,
temporary files) is removed by the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .archive import Archive, build_archive
from .cache import BriefCache
from .curation import Curation, apply_curation, load_curation
from .errors import BriefingError, ConfigError, ContentError, yaml_error_line
from .load import ARTICLE_SUFFIXES, load_article, same_url, without_copies
from .model import Article, Brief
from .render import labels_for, make_environment, render_site

RENDER_STAMP = ".briefing-pages"
"""In the docs folder: what the pages were rendered from and each page's hash, so an unchanged build renders nothing."""
STAMP = ".briefing-build"
"""In site/: the MkDocs setup and each page's hash it was built from, so a build knows which pages are stale."""
MARKER = ".briefing-generated"
"""Marks a Markdown folder as the generator's own, so it is never cleaned by mistake."""


@dataclass
class BuildReport:
    """What a build did and every problem it met."""

    briefs: list[Brief] = field(default_factory=list)
    problems: list[BriefingError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages_written: int = 0
    site_dir: Path | None = None
    mkdocs: str = ""
    """What the MkDocs stage did: "unchanged", "incremental" or "full"."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each stage: load, extract, render (with writing the pages), mkdocs."""


@dataclass(frozen=True)
class Project:
    """A briefing project: a folder with content/, mkdocs.yml and optional templates/, actors.yml."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".briefing-cache"

    @property
    def curation_file(self) -> Path:
        return self.root / "actors.yml"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


def load_mkdocs_config(project: Project, **overrides):
    """MkDocs' own validated config; its errors become one ConfigError naming mkdocs.yml."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    if not project.config_file.is_file():
        raise ConfigError(project.config_file, "not found: a briefing project needs a mkdocs.yml (see `briefing init`)")
    try:
        _docs_dir_from_yaml(project).mkdir(parents=True, exist_ok=True)  # MkDocs wants it to exist
        with _quiet_mkdocs():
            return load_config(config_file=str(project.config_file), **overrides)
    except exceptions.ConfigurationError as err:
        line = yaml_error_line(err)
        if line is not None:  # MkDocs wraps the YAML error: say what and where, once
            cause = err.__cause__ or err.__context__
            raise ConfigError(project.config_file, f"not valid YAML: {getattr(cause, 'problem', cause)}",
                              line=line) from err
        raise ConfigError(project.config_file, " ".join(str(err).split())) from err
    except Exception as err:  # YAML errors carry a mark with the line
        raise ConfigError(project.config_file, f"cannot read: {err}".splitlines()[0],
                          line=yaml_error_line(err)) from err


def _docs_dir_from_yaml(project: Project) -> Path:
    from mkdocs.utils.yaml import yaml_load

    with project.config_file.open("rb") as handle:
        data = yaml_load(handle) or {}
    if not isinstance(data, dict):
        raise ConfigError(project.config_file, "must be a mapping of settings")
    return project.root / str(data.get("docs_dir") or "docs")


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave stale navigation; briefing's navigation holds
    only index pages, which are rebuilt whenever they change, so the warning does not apply."""
    return not record.getMessage().startswith("A 'dirty' build")


@contextlib.contextmanager
def _quiet_mkdocs() -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    build_logger = logging.getLogger("mkdocs.commands.build")  # a filter sees only its own logger's records
    build_logger.addFilter(_not_dirty_warning)
    try:
        yield
    finally:
        logger.setLevel(level)
        build_logger.removeFilter(_not_dirty_warning)


def find_articles(content: Path) -> tuple[list[Path], list[str]]:
    """Article files under content/, sorted; notes for the files that are skipped."""
    paths, notes = [], []
    if not content.is_dir():
        return paths, [f"{content}: no content folder"]
    inside = content.resolve()
    for path in sorted(content.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        shown = path.relative_to(content.parent).as_posix()
        if not path.resolve().is_relative_to(inside):
            notes.append(f"{shown}: skipped (a link to a file outside content/)")
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            paths.append(path)
        else:
            notes.append(f"{shown}: skipped (not an article: {path.suffix or 'no extension'})")
    return paths, notes


LOADED: dict[tuple[str, str], tuple[tuple, Article | ContentError, list[str]]] = {}
"""Articles this process has read, with the file's stat when read: `briefing serve` reads again
only the files that changed (an edit changes the size, mtime or ctime; a replacement the inode)."""


def file_signature(path: Path | str) -> tuple:
    """What changes when a file is edited (size, mtime, ctime) or replaced (inode)."""
    stat = os.stat(path)
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _load_once(path: Path, root: Path, notes: list[str]) -> Article:
    try:
        signature = file_signature(path)
    except OSError:
        return load_article(path, root=root, notes=notes)  # which names the file and the reason
    key = (str(path), str(root))
    known = LOADED.get(key)
    if known is None or known[0] != signature:
        own_notes: list[str] = []
        try:
            result: Article | ContentError = load_article(path, root=root, notes=own_notes)
        except ContentError as err:
            result = err
        known = LOADED[key] = (signature, result, own_notes)
    notes.extend(known[2])
    if isinstance(known[1], ContentError):
        raise known[1]
    return known[1]


def load_articles(project: Project, report: BuildReport, *, strict: bool = False) -> list[Article]:
    """Every article of content/, each once: a second copy (same URL or same text) is named in a note."""
    paths, notes = find_articles(project.content)
    report.notes.extend(notes)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            article = _load_once(path, project.root, report.notes)
            if article.id in seen:
                raise ContentError(article.path, f"id {article.id!r} is already used by {seen[article.id]}; rename one file")
            seen[article.id] = article.path
            articles.append(article)
        except ContentError as err:
            if strict:
                raise
            report.problems.append(err)
    kept, copies = without_copies(articles)
    for first, others in copies.items():
        report.notes.append(f"{', '.join([first.path] + [a.path for a in others])}: the same article "
                            f"({_why_same(first, others[0])}); built once, from {first.path}")
    return kept


def _why_same(first: Article, other: Article) -> str:
    if first.url and same_url(first.url) == same_url(other.url):
        return f"same URL {first.url}"
    return "same text"


@dataclass(frozen=True)
class Extraction:
    """How to parse the articles the cache does not have (`--jobs`, `--executor`, `--scheduler`)."""

    jobs: int = 1
    executor: str = "local"
    scheduler: str | None = None
    pipelines: dict[str, str] | None = None
    """Language -> spaCy pipeline, over the defaults (mkdocs.yml: extra: briefing: pipelines:)."""


def extract_all(
    articles: list[Article],
    report: BuildReport,
    curation: Curation,
    *,
    strict: bool = False,
    brief_cache: BriefCache | None = None,
    extraction: Extraction = Extraction(),
    progress: Progress | None = None,
) -> list[Brief]:
    """Briefs of the articles, in order: from the cache where the article and the extractor are
    unchanged, else parsed in batches by the chosen executor."""
    from .executors import run_batches
    from .extract import pipeline_name

    found: dict[str, Brief] = {}
    todo: list[Article] = []
    for article in articles:
        try:
            pipeline_name(article, extraction.pipelines)  # a language with no pipeline is reported, not parsed
            brief = brief_cache.get(article) if brief_cache else None
        except ContentError as err:
            if strict:
                raise
            report.problems.append(err)
            continue
        if brief is None:
            todo.append(article)
        else:
            found[article.id] = brief
    progress = progress or Progress()
    progress.start("parsing", len(todo))
    for article, result in run_batches(todo, jobs=extraction.jobs, executor=extraction.executor,
                                       scheduler=extraction.scheduler, pipelines=extraction.pipelines,
                                       on_batch=progress.advance):
        if isinstance(result, str):
            error = ContentError(article.path, result)
            if strict:
                raise error
            report.problems.append(error)
            continue
        found[article.id] = result
        if brief_cache:
            brief_cache.put(article, result)
    progress.finish()
    return [apply_curation(found[a.id], curation) for a in articles if a.id in found]


class Progress:
    """Progress of a long stage; this one says nothing (the CLI shows a bar on a terminal)."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def finish(self) -> None:
        pass


def render_pages(project: Project, archive: Archive, config, lang: str, only: set[str] | None = None) -> dict[str, str]:
    """The generated files of the docs folder (pages, assets, feed, data), by relative path: all of
    them, or the site-wide ones and those in `only`."""
    env = make_environment(project.templates)
    return render_site(env, archive, lang=lang, site_name=config["site_name"], site_url=config.get("site_url") or "",
                       only=only, period_days=project_period(config))


def configured_pipelines(project: Project) -> dict[str, str] | None:
    """The project's pipeline choices when it has a mkdocs.yml (`parse` and `actors` work without one)."""
    return project_pipelines(load_mkdocs_config(project)) if project.config_file.is_file() else None


def project_pipelines(config) -> dict[str, str]:
    """The project's language -> spaCy pipeline choices, from mkdocs.yml's `extra: briefing: pipelines:`."""
    settings = (config.get("extra") or {}).get("briefing") or {}
    pipelines = settings.get("pipelines") or {} if isinstance(settings, dict) else None
    if not isinstance(pipelines, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in pipelines.items()):
        raise ConfigError("mkdocs.yml", "extra: briefing: pipelines: must map languages to spaCy pipelines "
                          "(fr: fr_core_news_md)")
    return dict(pipelines)


def project_period(config) -> int:
    """Days in What's new's period, from mkdocs.yml's `extra: briefing: period_days:` (7 by default)."""
    from .changes import PERIOD_DAYS

    settings = (config.get("extra") or {}).get("briefing") or {}
    days = settings.get("period_days", PERIOD_DAYS) if isinstance(settings, dict) else PERIOD_DAYS
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 366:
        raise ConfigError("mkdocs.yml", "extra: briefing: period_days: must be a number of days from 1 to 366")
    return days


def site_settings(config, lang: str) -> dict:
    """What the generated site needs from MkDocs whatever mkdocs.yml says: plain `.html` links (a
    site opened from disk has no server to map folders to index.html), its stylesheet and search
    script, and a navigation of index pages only: briefs and actors are reached from those, so
    build time and page size do not grow with the square of their number."""
    labels = labels_for(lang)
    nav = config["nav"] or [
        {labels["home"]: "index.md"}, {labels["changes"]: "changes.md"}, {labels["actors"]: "actors/index.md"},
        {labels["stories"]: "stories/index.md"}, {labels["timeline"]: "timeline/index.md"},
        {labels["tensions"]: "tensions.md"},
        {labels["tags"]: "tags/index.md"}, {labels["search"]: "search.md"},
    ]
    extensions = [{name: config["mdx_configs"].get(name, {})} for name in config["markdown_extensions"]]
    if "md_in_html" not in config["markdown_extensions"]:
        extensions.append({"md_in_html": {}})  # a brief page declares its own language: <div lang markdown>
    return {
        "use_directory_urls": False,
        "markdown_extensions": extensions,
        "nav": nav,
        "extra_css": [*config["extra_css"], "assets/briefing.css"],
        "extra_javascript": [*(getattr(s, "path", s) for s in config["extra_javascript"]),
                             "assets/labels.js", "assets/search.js"],
        "not_in_nav": "/briefs/\n/actors/\n/timeline/\n/tags/\n/stories/\n",
    }


@dataclass
class PageChanges:
    """What a build changed in the docs folder."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_pages(docs_dir: Path, pages: dict[str, str], progress: Progress | None = None,
                keep: frozenset[str] = frozenset(), on_disk: dict[str, str] | None = None) -> PageChanges:
    """Write pages whose bytes changed and remove every other file but those to `keep` (stale
    pages, a killed build's temporary files). `on_disk`, every file's hash as just read, spares
    reading the files again."""
    if docs_dir.exists() and any(docs_dir.iterdir()) and not (docs_dir / MARKER).exists():
        raise ConfigError(docs_dir, f"exists and was not made by briefing (no {MARKER}); "
                          "point docs_dir in mkdocs.yml at a folder of its own")
    docs_dir.mkdir(parents=True, exist_ok=True)
    marker = docs_dir / MARKER
    if not marker.exists():
        marker.write_text("Generated by briefing: this folder is rewritten on every build.\n", "utf-8")
    changes = PageChanges()
    progress = progress or Progress()
    progress.start("writing pages", len(pages))
    for relative, text in sorted(pages.items()):
        progress.advance(1)
        path = docs_dir / relative
        data = text.encode("utf-8")
        if (on_disk.get(relative) == page_hash(data)) if on_disk is not None else (path.is_file() and path.read_bytes() == data):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, data)
        changes.written.append(relative)
    if on_disk is not None:
        for relative in sorted(on_disk.keys() - pages.keys() - keep):
            (docs_dir / relative).unlink()
            changes.removed.append(relative)
        progress.finish()
        return changes
    for path in sorted(docs_dir.rglob("*"), reverse=True):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_file() and relative not in (MARKER, RENDER_STAMP) and relative not in pages and relative not in keep:
            path.unlink()
            changes.removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    progress.finish()
    return changes


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def page_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def read_manifest(docs_dir: Path) -> dict[str, str]:
    """Every file of the docs folder (but briefing's own records) and the hash of its bytes on disk."""
    found = {}
    for folder, _, names in os.walk(docs_dir):
        prefix = os.path.relpath(folder, docs_dir).replace(os.sep, "/") + "/"
        for name in names:
            relative = (prefix + name).removeprefix("./")
            if relative not in (MARKER, RENDER_STAMP):
                found[relative] = _file_hash(os.path.join(folder, name))
    return dict(sorted(found.items()))


HASHED: dict[str, tuple[tuple, str]] = {}
"""Pages this process has hashed, with their stat then: `serve` hashes again only what changed."""


def _file_hash(path: str) -> str:
    signature = file_signature(path)
    known = HASHED.get(path)
    if known is None or known[0] != signature:
        with open(path, "rb") as file:
            known = HASHED[path] = (signature, page_hash(file.read()))
    return known[1]


def _read_record(path: Path) -> dict:
    """A stamp written by this version of briefing, or {} (missing, older or damaged: rebuild)."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _record(**fields) -> bytes:
    return (json.dumps(fields, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def sweep_leftovers(site_dir: Path, cache_dir: Path) -> None:
    """Remove what a killed build left behind: MkDocs staging folders beside site/ and the cache's
    temporary files. A build killed between the two renames of its swap left no site/ and the
    previous one aside: put it back. (The docs folder's temporary files are stale files that the
    next render removes, and the render stamp is rewritten only after every page.)"""
    parent = site_dir.parent
    for old in sorted(parent.glob(f".{site_dir.name}.old-*")):
        if (old / site_dir.name).is_dir() and not site_dir.exists():
            os.replace(old / site_dir.name, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    for staging in parent.glob(f".{site_dir.name}.new-*"):
        shutil.rmtree(staging, ignore_errors=True)
    for tmp in cache_dir.glob("*/.tmp-*") if cache_dir.is_dir() else ():
        tmp.unlink(missing_ok=True)


def source_date_epoch(briefs: list[Brief]) -> int:
    """The newest article date as a timestamp: sitemaps and archives then do not change with the clock."""
    dates = [b.date for b in briefs if b.date]
    if not dates:
        return 0
    newest = max(dates)
    year, month, day = (int(p) for p in (newest.split("-") + ["1"])[:3])
    return int(dt.datetime(year, month, day, tzinfo=dt.timezone.utc).timestamp())


def run_mkdocs(project: Project, site_dir: Path, epoch: int, settings: dict, manifest: dict[str, str]) -> str:
    """Build the site with MkDocs in a folder beside site/, then swap it in with one rename.

    site/'s stamp says which page bytes and MkDocs setup it was built from. With the same setup,
    the pages whose hash differs are the stale ones, whoever rewrote them (this build, an earlier
    one that was killed, or `serve`): the previous site is copied, their output deleted, and
    MkDocs rebuilds the missing pages (its `dirty` mode). With no stale page it does not run at
    all; with another setup (mkdocs.yml, settings, versions) it builds everything. Returns what
    was done: "unchanged", "incremental" or "full".
    """
    from mkdocs.commands.build import build

    setup = _site_state(project, settings)
    built = _read_record(site_dir / STAMP) if site_dir.is_dir() else {}
    same_setup = built.get("setup") == setup
    before = built.get("pages") if isinstance(built.get("pages"), dict) else {}
    stale = sorted(p for p in manifest.keys() | before.keys() if manifest.get(p) != before.get(p))
    if same_setup and not stale:
        return "unchanged"
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        if same_setup:  # copies, not links: MkDocs rewrites files in place
            shutil.copytree(site_dir, staging, dirs_exist_ok=True)
            for relative in stale:  # dirty mode rebuilds a page whose output is missing
                (staging / (relative[:-3] + ".html" if relative.endswith(".md") else relative)).unlink(missing_ok=True)
        config = load_mkdocs_config(project, site_dir=str(staging), **settings)
        with _quiet_mkdocs():
            build(config, dirty=same_setup)
        (staging / STAMP).write_bytes(_record(setup=setup, pages=manifest))
        _swap(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return "incremental" if same_setup else "full"


def _render_state(project: Project, archive: Archive, lang: str, config) -> dict:
    """What the pages are made of: the setup every page shares (templates, settings, version), each
    actor's name, type and page (links to it show them), each brief, and the pages that show each
    brief. An actor that comes or goes with a brief is shown only by pages showing that brief."""
    from .render import PACKAGE_TEMPLATES, pages_showing

    digest = hashlib.sha256(json.dumps([__version__, lang, config["site_name"], config.get("site_url") or "",
                                        project_period(config)]).encode())
    for folder in (project.templates, PACKAGE_TEMPLATES):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return {"setup": digest.hexdigest(), "links": {r.id: [r.name, r.type, r.page] for r in archive.actors.values()},
            "briefs": {b.id: f"{b.digest} {archive.story_of[b.id]}" for b in archive.briefs},
            "showing": pages_showing(archive)}


def render_and_write(project: Project, archive: Archive, config, lang: str, docs_dir: Path,
                     say: Callable[[str], None], bar: Progress | None) -> tuple[dict[str, str], int]:
    """Render and write the pages that changed: none when nothing did; when only briefs changed,
    the site-wide pages and those that show a changed brief; else all. Returns the new manifest
    and the number of files written. Whichever way, the pages are those a full render gives."""
    state = _render_state(project, archive, lang, config)
    stamp = docs_dir / RENDER_STAMP
    rendered = _read_record(stamp) if (docs_dir / MARKER).is_file() else {}
    on_disk = read_manifest(docs_dir) if rendered else {}
    only, keep = None, frozenset()
    links_before = rendered.get("links") if isinstance(rendered.get("links"), dict) else {}
    same_links = all(links_before[actor] == link for actor, link in state["links"].items() if actor in links_before)
    if rendered and rendered.get("setup") == state["setup"] and same_links and rendered.get("pages") == on_disk:
        old, new = rendered.get("briefs", {}), state["briefs"]
        changed = {brief_id for brief_id in old.keys() | new.keys() if old.get(brief_id) != new.get(brief_id)}
        if not changed:
            say("pages unchanged")
            return on_disk, 0
        shown_before, shown_now = rendered.get("showing", {}), state["showing"]
        only = {page for brief_id in changed for page in shown_before.get(brief_id, []) + shown_now.get(brief_id, [])}
        keep = frozenset(page for pages in shown_before.values() for page in pages) - only
    pages = render_pages(project, archive, config, lang, only)
    stamp.unlink(missing_ok=True)  # written again only once every page is
    changes = write_pages(docs_dir, pages, bar, keep, on_disk if only is not None else None)
    manifest = {page: on_disk[page] for page in keep} | {
        relative: page_hash(text.encode("utf-8")) for relative, text in pages.items()}
    _write_atomically(stamp, _record(**state, pages=dict(sorted(manifest.items()))))
    say(f"{len(pages)} files rendered{'' if only is None else ' (those the changed briefs touch)'}, "
        f"{len(changes.written)} changed, {len(changes.removed)} removed")
    return manifest, len(changes.written)


def _site_state(project: Project, settings: dict) -> str:
    """What every page of the site depends on besides its own Markdown."""
    from importlib import metadata

    versions = [metadata.version(name) for name in ("mkdocs", "mkdocs-material")] + [__version__]
    payload = json.dumps([project.config_file.read_text("utf-8"), repr(sorted(settings.items())), versions])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _swap(staging: Path, site_dir: Path) -> None:
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.replace(site_dir, old / site_dir.name)
        os.replace(staging, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, site_dir)


def collect_briefs(root: Path, *, strict: bool = False, use_cache: bool = True) -> BuildReport:
    """Load, extract and curate every article of a project, without rendering."""
    project = Project(root.resolve())
    report = BuildReport()
    curation = load_curation(project.curation_file)
    extraction = Extraction(pipelines=configured_pipelines(project))
    brief_cache = BriefCache(project.cache_dir, extraction.pipelines) if use_cache else None
    articles = load_articles(project, report, strict=strict)
    report.briefs = extract_all(articles, report, curation, strict=strict, brief_cache=brief_cache,
                                extraction=extraction)
    return report


class _StageClock:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds, self.last = seconds, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self.last, 3)
        self.last = now


def build_site(
    root: Path,
    *,
    strict: bool = False,
    use_cache: bool = True,
    site_dir: Path | None = None,
    extraction: Extraction = Extraction(),
    progress: Callable[[str], None] | None = None,
    bar: Progress | None = None,
) -> BuildReport:
    """The whole build, top to bottom: config -> articles -> briefs -> pages -> MkDocs.

    `site_dir` replaces mkdocs.yml's: `briefing serve` builds into a temporary folder. The build
    holds the project lock throughout, so two builds never interleave their writes.
    """
    from .lock import project_lock

    say = progress or (lambda message: None)
    project = Project(root.resolve())
    config = load_mkdocs_config(project)
    with project_lock(project.root, say=say):
        return _build_locked(project, config, strict=strict, use_cache=use_cache,
                             site_dir=site_dir or Path(config["site_dir"]), extraction=extraction, say=say, bar=bar)


def _build_locked(project: Project, config, *, strict: bool, use_cache: bool, site_dir: Path,
                  extraction: Extraction, say: Callable[[str], None], bar: Progress | None) -> BuildReport:
    report = BuildReport()
    clock = _StageClock(report.seconds)
    lang = (config["theme"].get("language") if config.get("theme") else None) or "fr"
    docs_dir = Path(config["docs_dir"])
    sweep_leftovers(site_dir, project.cache_dir)
    curation = load_curation(project.curation_file)
    articles = load_articles(project, report, strict=strict)
    clock.lap("load")
    say(f"{len(articles)} articles loaded")
    extraction = dataclasses.replace(extraction, pipelines=project_pipelines(config))
    brief_cache = BriefCache(project.cache_dir, extraction.pipelines) if use_cache else None
    report.briefs = extract_all(articles, report, curation, strict=strict, brief_cache=brief_cache,
                                extraction=extraction, progress=bar)
    clock.lap("extract")
    if brief_cache:
        say(f"{len(report.briefs)} briefs ({brief_cache.hits} from the cache, {brief_cache.misses} parsed)")
    else:
        say(f"{len(report.briefs)} briefs parsed (cache off)")
    archive = build_archive(report.briefs, lang, project.cache_dir / "stories.json" if use_cache else None)
    manifest, report.pages_written = render_and_write(project, archive, config, lang, docs_dir, say, bar)
    clock.lap("render")
    report.mkdocs = run_mkdocs(project, site_dir, source_date_epoch(report.briefs), site_settings(config, lang), manifest)
    clock.lap("mkdocs")
    done = {"unchanged": "site unchanged", "incremental": "site updated", "full": "site built"}[report.mkdocs]
    say(f"{done} in {site_dir}")
    report.site_dir = site_dir
    return report
