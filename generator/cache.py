"""On-disk brief cache: a rebuild parses only what changed.

A brief is stored under a key made of the article's content, the spaCy pipeline's name and version,
the extractor's data files and its code. Entries are written to a temporary file and renamed, so an
interrupted build never leaves a corrupt entry; the folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from .gazetteer import data_fingerprint
from .model import SCHEMA_VERSION, Article, Brief

PACKAGE = Path(__file__).parent
EXTRACTOR_CODE = ("extract/*.py", "model.py", "gazetteer.py", "lexicon.py")
"""Every module whose code shapes a brief: the data loaders matter as much as the rules."""


@cache
def extractor_fingerprint(package: str) -> str:
    """What, besides the article, decides its brief: pipeline version, data files, extractor code."""
    try:
        version = metadata.version(package.replace("_", "-"))
    except metadata.PackageNotFoundError:
        version = "missing"
    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{package}|{version}|{data_fingerprint()}".encode())
    for path in sorted(p for pattern in EXTRACTOR_CODE for p in PACKAGE.glob(pattern)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(article: Article, pipelines: dict[str, str] | None = None) -> str:
    from .extract import pipeline_name

    payload = json.dumps(article.to_dict() | {"path": ""}, ensure_ascii=False, sort_keys=True)
    fingerprint = extractor_fingerprint(pipeline_name(article, pipelines))
    return hashlib.sha256(f"{fingerprint}|{payload}".encode()).hexdigest()


MEMORY: dict[tuple[Path, str], Brief] = {}
"""Briefs this process has read or made, by cache folder and key: `briefing serve` rebuilds without
reading them again. A key names its article's content and the extractor, so an entry is never stale."""


class BriefCache:
    """Briefs by cache key, as JSON files under one folder (and in this process's memory)."""

    def __init__(self, folder: Path, pipelines: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.pipelines = pipelines
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Brief | None:
        key = cache_key(article, self.pipelines)
        brief = MEMORY.get((self.folder, key))
        if brief is None:
            try:
                brief = Brief.from_json(self._path(key).read_text("utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                self.misses += 1
                return None
            MEMORY[self.folder, key] = brief
        self.hits += 1
        return brief

    def put(self, article: Article, brief: Brief) -> None:
        key = cache_key(article, self.pipelines)
        MEMORY[self.folder, key] = brief
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(brief.to_json())
        os.replace(tmp, path)
