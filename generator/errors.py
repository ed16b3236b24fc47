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
