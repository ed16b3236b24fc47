"""Command line: each command parses its options and calls one plain function.

Exit codes: 0 ok, 1 content problems (the rest was built), 2 usage or configuration errors.
Heavy imports (spaCy, MkDocs) happen inside the commands, so `briefing --help` is instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import BriefingError, ContentError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Turn news articles into a searchable, offline site of briefs: actors, events, tensions.

    \b
    Example:
      briefing build            # content/ -> site/
      briefing parse content/x.md
    """


@main.command()
@click.option("--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The briefing project folder (content/, mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Stop at the first bad article instead of building the rest.")
def build(project: Path, strict: bool) -> None:
    """Build the site: articles in content/ -> Markdown briefs -> MkDocs site/.

    \b
    Example:
      briefing build --project my-briefs
    """
    from .site import build_site

    report = build_site(project, strict=strict, progress=lambda m: click.echo(m, err=True))
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for problem in report.problems:
        click.echo(f"error: {problem.message}", err=True)
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s); the other articles were built.", err=True)
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def parse(files: tuple[Path, ...]) -> None:
    """Print the brief of each FILE as JSON (one object per line for several files).

    \b
    Example:
      briefing parse content/000_e9de8737bb604ee0.txt
    """
    from .extract import extract_brief
    from .load import load_article

    failed = False
    for path in files:
        try:
            brief = extract_brief(load_article(path))
        except ContentError as err:
            click.echo(f"error: {err.message}", err=True)
            failed = True
            continue
        click.echo(brief.to_json(indent=2 if len(files) == 1 else None))
    if failed:
        sys.exit(1)



if __name__ == "__main__":  # pragma: no cover
    main()
