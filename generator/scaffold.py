"""`briefing init`: a new project that builds at once.

It is this repository's own project in small: its mkdocs.yml and its first sample article (the
seed), plus the starter files in generator/data/starter/ (a commented actors.yml, templates/, a
gitignore). The wheel carries mkdocs.yml and the seed inside the starter folder (pyproject.toml's
force-include); an editable install reads them from the repository. Only site_name changes, to the
new folder's name. The starter's `gitignore` becomes `.gitignore`: packaging tools treat dotfiles unevenly.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .errors import ConfigError

STARTER = Path(__file__).parent / "data" / "starter"
SEED = "content/000_e9de8737bb604ee0.txt"
REPOSITORY = Path(__file__).parent.parent
SITE_NAME_LINE = re.compile(r"^site_name:.*$", re.MULTILINE)


def create_project(target: Path) -> list[Path]:
    """Write the starter project into `target` (absent or empty); return the paths made, sorted."""
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise ConfigError(target, "already exists and is not an empty folder; "
                          "`briefing init` only writes into a new or empty folder")
    shutil.copytree(STARTER, target, dirs_exist_ok=True)
    for shared in ("mkdocs.yml", SEED):
        if not (target / shared).exists():  # an editable install: take them from the repository
            (target / shared).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPOSITORY / shared, target / shared)
    (target / "gitignore").rename(target / ".gitignore")
    config = target / "mkdocs.yml"
    name = json.dumps(target.resolve().name, ensure_ascii=False)  # a JSON string is a YAML string
    config.write_text(SITE_NAME_LINE.sub(lambda _: f"site_name: {name}", config.read_text("utf-8"), count=1), "utf-8")
    return sorted(path.relative_to(target) for path in target.rglob("*"))
