"""The tool's exceptions: every user-facing problem names its file (and line or field when known)."""

from __future__ import annotations

from pathlib import Path

import click


class BriefingError(click.ClickException):
    """Base of every error the tool reports to a user; the CLI prints it as one line."""

    exit_code = 2


class ConfigError(BriefingError):
    """A configuration file (mkdocs.yml, actors.yml) or a template is wrong: exit code 2."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


class ContentError(BriefingError):
    """An article cannot be loaded or processed: reported, the rest of the build goes on (exit 1)."""

    exit_code = 1

    def __init__(
        self, path: Path | str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        where = f"{path}:{line}" if line else f"{path}"
        what = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {what}")


def yaml_error_line(err: BaseException, *, first_line: int = 1) -> int | None:
    """The line to fix for a YAML error (found on `err` or the errors it came from): where an
    unclosed bracket or quote began, which YAML only notices lines later, else where it broke.
    `first_line` is the file line of the YAML text's first line (2 inside front matter)."""
    while err is not None and getattr(err, "problem_mark", None) is None:
        err = err.__cause__ or err.__context__
    if err is None:
        return None
    mark = err.problem_mark
    context = str(getattr(err, "context", "") or "")
    if getattr(err, "context_mark", None) is not None and ("flow" in context or "quoted" in context):
        mark = err.context_mark
    return mark.line + first_line
