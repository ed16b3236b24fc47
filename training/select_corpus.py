"""Choose the training corpus and cut it into annotation batches, deterministically.

The corpus is drawn from ../shared/corpus (Wikinews CC BY 2.5, PLOVER CC BY-SA 4.0) and never
holds an article of an evaluation or development set: gold/fr (development), gold/fr-test and
gold/en (held out), nor the sample articles in content/. Articles are taken in the order of a
hash of their id, so the choice is reproducible and unrelated to date or topic; one in ten is
also put in a second annotator's batch, to measure agreement.

    python training/select_corpus.py --corpus ../shared/corpus --out WORK_DIR

writes WORK_DIR/<batch>/texts.jsonl (the articles, with provenance) and WORK_DIR/batches.json
(which article is in which batch).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRENCH_ARTICLES = 860
"""800 are required; the rest covers articles whose annotation is refused or left unfinished."""
ENGLISH_ARTICLES = 240
MAX_WORDS = 800
"""Longer articles (a few reports of several thousand words) would take a whole batch each."""
BATCH_WORDS = 5000
SECOND_READING = 10
"""One article in SECOND_READING is annotated twice, by different annotators."""


def order(item_id: str) -> str:
    return hashlib.sha256(item_id.encode()).hexdigest()


def held_out() -> set[str]:
    """Ids of every article of an evaluation or development set, and of the sample content."""
    ids = {path.stem for folder in ("gold/fr", "gold/fr-test", "gold/en") for path in (REPO / folder).glob("*.json")}
    return ids | {path.stem for path in (REPO / "content").iterdir()}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def choose(corpus: Path) -> dict[str, list[dict]]:
    excluded = held_out()
    french = [a for a in read_jsonl(corpus / "wikinews-fr.jsonl")
              if a["id"] not in excluded and len(a["text"].split()) <= MAX_WORDS]
    english = [a for a in read_jsonl(corpus / "wikinews-en.jsonl")
               if a["id"] not in excluded and len(a["text"].split()) <= MAX_WORDS]
    plover = [{"id": r["id"], "lang": "en", "title": r["id"], "date": "", "text": r["text"],
               "url": "https://github.com/openeventdata/PLOVER", "source": "PLOVER gold standard records",
               "license": "CC BY-SA 4.0, PLOVER project"}
              for r in read_jsonl(corpus / "plover-gsr.jsonl") if r["id"] not in excluded]
    keep = ("id", "lang", "title", "date", "url", "source", "license", "text")
    return {
        "fr": [{k: a.get(k, "") for k in keep} for a in sorted(french, key=lambda a: order(a["id"]))[:FRENCH_ARTICLES]],
        "en": [{k: a.get(k, "") for k in keep} for a in sorted(english, key=lambda a: order(a["id"]))[:ENGLISH_ARTICLES]],
        "plover": sorted(plover, key=lambda r: order(r["id"])),
    }


def cut(articles: list[dict], prefix: str) -> dict[str, list[dict]]:
    batches: dict[str, list[dict]] = {}
    current: list[dict] = []
    words = 0
    for article in articles:
        current.append(article)
        words += len(article["text"].split())
        if words >= BATCH_WORDS:
            batches[f"{prefix}-{len(batches) + 1:02d}"] = current
            current, words = [], 0
    if current:
        batches[f"{prefix}-{len(batches) + 1:02d}"] = current
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    chosen = choose(args.corpus)
    batches: dict[str, list[dict]] = {}
    for lang, articles in chosen.items():
        batches |= cut(articles, lang)
        second = [a for i, a in enumerate(articles) if i % SECOND_READING == 0]
        batches |= cut(second, f"{lang}-second")
    for name, articles in batches.items():
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "texts.jsonl").write_text(
            "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in articles), "utf-8")
        (folder / "texts.md").write_text(
            "".join(f"=== {a['id']} ===\n{a['text']}\n\n" for a in articles), "utf-8")
    (args.out / "batches.json").write_text(
        json.dumps({name: [a["id"] for a in articles] for name, articles in batches.items()}, indent=1), "utf-8")
    for name, articles in batches.items():
        print(name, len(articles), sum(len(a["text"].split()) for a in articles))


if __name__ == "__main__":
    main()
