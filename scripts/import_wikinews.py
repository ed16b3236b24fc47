"""Import articles from the Wikinews corpus (JSON lines) as Markdown files with YAML front matter.

Usage: python scripts/import_wikinews.py CORPUS.jsonl OUT_DIR ID [ID ...]

Each article keeps its Wikinews URL and licence in the front matter, so the site credits it.
"""
import json
import re
import sys
from pathlib import Path

import yaml

TAGS = {
    "diplomatie": r"diplomat|ambassad|Affaires étrangères|sommet|homologue|visite officielle",
    "conflit": r"guerre|attaque|attentat|frappe|combat|militaire|armée|rebelle|offensive",
    "sanctions": r"sanction|embargo",
    "élections": r"élection|électoral|scrutin|candidat|présidentielle|législatives",
    "manifestations": r"manifest|grève|protest",
}


def to_markdown(row: dict, outlet: str = "Wikinews") -> str:
    tags = sorted(tag for tag, pattern in TAGS.items() if re.search(pattern, row["text"], re.I))
    meta = {
        "title": row["title"],
        "date": row["date"],
        "source": outlet,
        "url": row["url"],
        "lang": row["lang"],
        "tags": tags,
        "license": "CC BY 2.5, Wikinews contributors",
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{row['text'].strip()}\n"


def main(corpus: str, out_dir: str, ids: list[str]) -> None:
    rows = {row["id"]: row for row in map(json.loads, Path(corpus).read_text("utf-8").splitlines())}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for article_id in ids:
        (out / f"{article_id}.md").write_text(to_markdown(rows[article_id]), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
