"""Choose the training corpus and cut it into annotation batches, deterministically.

The corpus is drawn from ../shared/corpus (Wikinews CC BY 2.5, PLOVER CC BY-SA 4.0) and never
holds an article of an evaluation or development set: gold/fr (development), gold/fr-test and
gold/en (held out), nor the sample articles in content/, nor a near-copy of one (an article
that repeats several runs of ten words of it, as Wikinews follow-ups do). Articles are taken in the order of a
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
import re
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


SHARED_WORDS = 10
"""Ten words in a row shared with an evaluation article make an article its near-copy: Wikinews
follow-ups often repeat a paragraph of an earlier story."""
NEAR_COPY = 5
"""How many such runs of words make it a near-copy."""


def held_out() -> set[str]:
    """Ids of every article of an evaluation or development set, and of the sample content."""
    ids = {path.stem for folder in ("gold/fr", "gold/fr-test", "gold/en") for path in (REPO / folder).glob("*.json")}
    return ids | {path.stem for path in (REPO / "content").iterdir()}


def word_runs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHARED_WORDS]) for i in range(len(words) - SHARED_WORDS + 1)}


def held_out_text() -> dict[str, str]:
    """Every run of SHARED_WORDS words of the evaluation and sample articles -> one article it is from."""
    runs: dict[str, str] = {}
    for folder in ("gold/fr", "gold/fr-test", "gold/en", "content"):
        for path in sorted((REPO / folder).iterdir()):
            if path.suffix in (".md", ".txt"):
                for run in word_runs(path.read_text("utf-8")):
                    runs.setdefault(run, path.relative_to(REPO).as_posix())
    return runs


def copies_of(text: str, runs: dict[str, str]) -> list[str]:
    """The evaluation articles this text shares at least NEAR_COPY runs of words with."""
    shared: dict[str, int] = {}
    for run in word_runs(text):
        if run in runs:
            shared[runs[run]] = shared.get(runs[run], 0) + 1
    return sorted(name for name, count in shared.items() if count >= NEAR_COPY)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def choose(corpus: Path) -> dict[str, list[dict]]:
    excluded, runs = held_out(), held_out_text()

    def allowed(article: dict) -> bool:
        return (article["id"] not in excluded and len(article["text"].split()) <= MAX_WORDS
                and not copies_of(article["text"], runs))

    french = [a for a in read_jsonl(corpus / "wikinews-fr.jsonl") if allowed(a)]
    english = [a for a in read_jsonl(corpus / "wikinews-en.jsonl") if allowed(a)]
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
