"""Gather the annotators' batches into the corpus: every quote placed, one record per article.

    python training/collect.py WORK_DIR

WORK_DIR is the folder `select_corpus.py` wrote: one folder per batch with texts.jsonl and the
annotator's out/<id>.json. Batches named `<lang>-second-*` are the second readings. Writes
training/fr.jsonl and training/en.jsonl (PLOVER records go with English), and
training/second/fr.jsonl, training/second/en.jsonl, sorted by id; prints what was refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from place import place_article
from select_corpus import copies_of, held_out_text

HERE = Path(__file__).resolve().parent


def collect(work: Path) -> dict[tuple[str, bool], list[dict]]:
    corpus: dict[tuple[str, bool], list[dict]] = {}
    runs = held_out_text()
    for batch in sorted(p for p in work.iterdir() if (p / "texts.jsonl").is_file()):
        articles = {a["id"]: a for a in map(json.loads, (batch / "texts.jsonl").read_text("utf-8").splitlines())}
        second = "-second-" in batch.name
        for path in sorted((batch / "out").glob("*.json")):
            article = articles.get(path.stem)
            if article is None:
                print(f"{path}: not an article of {batch.name}")
                continue
            copied = copies_of(article["text"], runs)
            if copied:  # chosen before near-copies were refused: left out, never trained on
                print(f"{path}: left out, shares its text with {', '.join(copied)}")
                continue
            record, problems = place_article(article, json.loads(path.read_text("utf-8")), f"helper:{batch.name}")
            for problem in problems:
                print(f"{path}: {problem}")
            corpus.setdefault((article["lang"], second), []).append(record)
    return corpus


def main() -> None:
    corpus = collect(Path(sys.argv[1]))
    (HERE / "second").mkdir(exist_ok=True)
    for (lang, second), records in sorted(corpus.items()):
        path = HERE / ("second" if second else "") / f"{lang}.jsonl"
        records.sort(key=lambda r: r["id"])
        path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), "utf-8")
        print(f"{path.relative_to(HERE.parent)}: {len(records)} articles, "
              f"{sum(len(r['mentions']) for r in records)} mentions, {sum(len(r['events']) for r in records)} events")


if __name__ == "__main__":
    main()
