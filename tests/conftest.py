"""Shared fixtures: the repository's own project, and briefs parsed once per test session."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "000_e9de8737bb604ee0.txt"


@pytest.fixture(scope="session")
def seed_brief():
    from generator.extract import extract_brief
    from generator.load import load_article

    return extract_brief(load_article(SEED), reader="rules")


@pytest.fixture(scope="session")
def content_briefs():
    from generator.extract import extract_brief
    from generator.load import load_article

    return [extract_brief(load_article(path), reader="rules") for path in sorted((REPO / "content").iterdir())]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's briefing project (content/, templates/, mkdocs.yml)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def brief_of(text: str, date: str = "2017-03-08", *, reader: str = "rules"):
    """The brief of a short French text, parsed with the real pipeline; by the hand rules unless
    `reader` says otherwise (they still propose candidates and features to the learned reader)."""
    from generator.extract import extract_brief
    from generator.model import Article

    article = Article(id="t", path="t.md", title="t", date=date, lang="fr", source="", url="", tags=(), text=text)
    return extract_brief(article, reader=reader)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours, CSS rgb() or #rrggbb."""
    def luminance(colour: str) -> float:
        if colour.startswith("#"):
            channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        else:
            channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
