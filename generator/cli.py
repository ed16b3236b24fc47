"""Command line: each command parses its options and calls one plain function.

Exit codes: 0 ok, 1 content problems (the rest was built), 2 usage or configuration errors.
Heavy imports (spaCy, MkDocs) happen inside the commands, so `briefing --help` is instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ContentError

PROJECT_OPTION = click.option(
    "--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
    help="The briefing project folder (content/, mkdocs.yml, actors.yml).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Turn news articles into a searchable, offline site of briefs: actors, events, tensions.

    \b
    Example:
      briefing init my-briefs   # a new project with one sample article
      briefing add https://www.example.org/world/2017/02/22/italy-sanctions
      briefing build            # content/ -> site/
      briefing serve            # build, serve on 127.0.0.1:8000, rebuild on changes
      briefing parse content/x.md
    """


@main.command()
@PROJECT_OPTION
@click.option("--strict", is_flag=True, help="Stop at the first bad article instead of building the rest.")
@click.option("--no-cache", is_flag=True, help="Parse every article again (the cache is .briefing-cache/).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Parallel extraction processes (default: the machine's cores).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: here, or on a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://10.0.0.5:8786.")
def build(project: Path, strict: bool, no_cache: bool, jobs: int | None, executor: str, scheduler: str | None) -> None:
    """Build the site: articles in content/ -> Markdown briefs -> MkDocs site/.

    Only what changed is redone: briefs come from the cache, pages are rewritten when their bytes
    change, and MkDocs rebuilds only changed pages (nothing at all when nothing changed).

    \b
    Example:
      briefing build --project my-briefs
      briefing build --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from .executors import default_jobs
    from .site import Extraction, build_site

    extraction = Extraction(jobs=jobs or default_jobs(), executor=executor, scheduler=scheduler)
    report = build_site(project, strict=strict, use_cache=not no_cache, extraction=extraction,
                        progress=lambda m: click.echo(m, err=True), bar=TerminalProgress())
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for problem in report.problems:
        click.echo(f"error: {problem.message}", err=True)
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s); the other articles were built.", err=True)
        sys.exit(1)


class TerminalProgress:
    """A progress bar on stderr for long stages, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar = None

    def start(self, label: str, total: int) -> None:
        if total >= 50 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command()
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@PROJECT_OPTION
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, metavar="N",
              help="Add at most N items of each feed, the feed's first (newest) ones.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20, show_default=True,
              metavar="SECONDS", help="Give up on a URL that takes longer to download.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True, metavar="BYTES",
              help="Refuse a URL whose answer is larger.")
def add(sources: tuple[str, ...], project: Path, limit: int | None, timeout: float, max_bytes: int) -> None:
    """Turn each SOURCE into a Markdown article in content/, with its front matter.

    A SOURCE is a URL (http or https), a saved web page (.html), a text file (.txt, .md) or an
    RSS/Atom feed (a URL or a file: each item's page is fetched; the item's own text stands in
    when its page cannot be had). Files are named DATE-TITLE.md and never overwritten; an article
    whose URL or text is already in content/ is skipped with a note. Only this command downloads:
    the build reads content/ and nothing else.

    \b
    Example:
      briefing add https://www.example.org/world/2017/02/22/italy-sanctions
      briefing add ~/Downloads/article.html notes/interview.txt
      briefing add --limit 5 https://example.org/world/rss.xml
      briefing add --project my-briefs --timeout 60 https://example.org/long-read
    """
    from .collect import add_sources

    if not (project / "content").is_dir() and not (project / "mkdocs.yml").is_file():
        raise click.UsageError(f"{project} is not a briefing project (no content/ nor mkdocs.yml): "
                               f"run `briefing init {project}` first")
    failed = 0
    for outcome in add_sources(project, list(sources), limit=limit, timeout=timeout, max_bytes=max_bytes):
        if outcome.kind == "added":
            click.echo(outcome.message)
        else:
            click.echo(f"{outcome.kind}: {outcome.message}", err=True)
            failed += outcome.kind == "error"
    if failed:
        click.echo(f"{failed} source(s) could not be added; the others were.", err=True)
        sys.exit(1)


@main.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Create a project in DIR (new or empty): one sample article, mkdocs.yml, actors.yml, templates/.

    It builds as it is; replace the sample with your articles.

    \b
    Example:
      briefing init my-briefs && cd my-briefs && briefing build
    """
    import shlex

    from .scaffold import create_project

    created = create_project(directory)
    click.echo(f"created {directory}/")
    for path in created:
        click.echo(f"  {path.as_posix()}{'/' if (directory / path).is_dir() else ''}")
    click.echo(f"next: cd {shlex.quote(str(directory))} && briefing build")


def parse_address(ctx, param, value: str) -> tuple[str, int]:
    """HOST:PORT -> (host, port); brackets around an IPv6 host are dropped."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{value!r} is not HOST:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]"), int(port)


@main.command()
@PROJECT_OPTION
@click.option("--dev-addr", "-a", "address", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              callback=parse_address, help="The address to serve the site on.")
def serve(project: Path, address: tuple[str, int]) -> None:
    """Build the site and serve it; rebuild on every change, and the browser reloads.

    A change under content/ or templates/, or to mkdocs.yml or actors.yml, rebuilds as `briefing
    build` does (briefs from the cache, pages/, then the site). A broken actors.yml, template or
    mkdocs.yml is reported in one line and the last good site stays served; a broken article is
    reported and left out. The site is built in a temporary folder: site/ is not touched.
    Ctrl-C stops.

    \b
    Example:
      briefing serve --project my-briefs --dev-addr 127.0.0.1:8001
    """
    from .serve import serve_site

    host, port = address
    serve_site(project, host, port, say=lambda message: click.echo(message, err=True))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@PROJECT_OPTION
@click.option("--all-events", is_flag=True,
              help="Keep every event the reader finds, each with its confidence (default: those at or above "
                   "the reader's threshold).")
@click.option("--reader", type=click.Choice(["learned", "rules"]), default="learned", show_default=True,
              help="The learned reader, or the hand rules alone (for comparison).")
def parse(files: tuple[Path, ...], project: Path, all_events: bool, reader: str) -> None:
    """Print the brief of each FILE as JSON (one object per line for several files).

    Every actor and event carries a confidence in [0, 1]. The project's actors.yml, if any, is
    applied.

    \b
    Example:
      briefing parse content/000_e9de8737bb604ee0.txt
      briefing parse --all-events content/000_e9de8737bb604ee0.txt
    """
    from .curation import apply_curation, load_curation
    from .extract import extract_brief
    from .load import load_article

    from .site import Project, configured_pipelines

    curation = load_curation(project / "actors.yml")
    pipelines = configured_pipelines(Project(project))
    failed = False
    for path in files:
        notes: list[str] = []
        try:
            brief = apply_curation(extract_brief(load_article(path, notes=notes), pipelines, reader=reader,
                                                 all_events=all_events), curation)
        except ContentError as err:
            click.echo(f"error: {err.message}", err=True)
            failed = True
            continue
        finally:
            for note in notes:
                click.echo(f"note: {note}", err=True)
        click.echo(brief.to_json(indent=2 if len(files) == 1 else None))
    if failed:
        sys.exit(1)


@main.command()
@PROJECT_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def actors(project: Path, as_json: bool) -> None:
    """List the actors of the whole corpus, most mentioned first, to help curate actors.yml.

    \b
    Example:
      briefing actors | head -20
    """
    import json

    from .site import collect_briefs

    report = collect_briefs(project)
    rows = corpus_actors(report.briefs)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{'mentions':>8} {'briefs':>6}  {'type':<12} {'id':<32} name")
        for row in rows:
            click.echo(f"{row['mentions']:>8} {row['briefs']:>6}  {row['type']:<12} {row['id']:<32} {row['name']}")
    for problem in report.problems:
        click.echo(f"error: {problem.message}", err=True)
    if report.problems:
        sys.exit(1)


def corpus_actors(briefs) -> list[dict]:
    """Actors across briefs with mention and brief counts, most frequent first."""
    table: dict[str, dict] = {}
    for brief in briefs:
        for actor in brief.actors:
            row = table.setdefault(actor.id, {"id": actor.id, "name": actor.name, "type": actor.type,
                                              "mentions": 0, "briefs": 0, "aliases": set()})
            row["mentions"] += len(actor.mentions)
            row["briefs"] += 1
            row["aliases"].update(actor.aliases)
    rows = sorted(table.values(), key=lambda r: (-r["mentions"], -r["briefs"], r["id"]))
    return [{**row, "aliases": sorted(row["aliases"])} for row in rows]


@main.command(name="eval")
@click.argument("gold", metavar="GOLD", type=click.Path(exists=True, path_type=Path))
@click.option("--reader", type=click.Choice(["both", "learned", "rules"]), default="both", show_default=True,
              help="Score the learned reader, the hand rules alone, or both side by side.")
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Where the articles of a gold set kept outside the repository are (gold/fr-ood).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(gold: Path, reader: str, texts: Path | None, as_json: bool) -> None:
    """Score extraction against gold: precision, recall and F1 per kind and type.

    GOLD is a folder of gold files, JSON beside the articles they describe (docs/evaluation.md),
    or a PLOVER gold-standard JSON lines file (English sentences coded with an event type,
    source and target): then the table gives event-type accuracy and source/target per type;
    or a stories file (gold/stories/stories.json, texts in --texts): then the table gives the
    precision, recall and F1 of the pairs of articles grouped into one story.
    Events are scored three ways (type + source + target; quad class + source + target; dyads:
    who acted on whom), and the learned reader's events and dyads at several confidences.

    \b
    Example:
      briefing eval gold/fr-test
      briefing eval gold/fr-test --reader learned --json
      briefing eval gold/fr-ood --texts ~/ood-texts
      briefing eval gold/plover-heldout.jsonl
      briefing eval gold/stories/stories.json --texts ~/story-texts --reader learned
    """
    import json

    from .evaluate import evaluate, evaluate_plover, evaluate_stories, side_by_side

    readers = ["rules", "learned"] if reader == "both" else [reader]
    if gold.suffix == ".json":
        run = lambda name: evaluate_stories(gold, texts, reader=name)  # noqa: E731
    elif gold.is_file():
        run = lambda name: evaluate_plover(gold, reader=name)  # noqa: E731
    else:
        run = lambda name: evaluate(gold, reader=name, texts=texts)  # noqa: E731
    reports = {name: run(name) for name in readers}
    if as_json:
        data = {name: r.as_dict() for name, r in reports.items()}
        click.echo(json.dumps(data if len(data) > 1 else data[reader], ensure_ascii=False, sort_keys=True, indent=2))
    elif len(reports) == 1:
        click.echo(next(iter(reports.values())).to_table())
    elif gold.is_file():
        click.echo("\n\n".join(f"{name}:\n{r.to_table()}" for name, r in reports.items()))
    else:
        click.echo(side_by_side(reports))


if __name__ == "__main__":  # pragma: no cover
    main()
