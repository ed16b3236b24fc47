"""Regenerate generator/data/stories/reference_df.npz: in how many Wikinews articles each hashed word occurs.

    python scripts/make_reference_idf.py [--corpus ../shared/corpus]

Stories (generator/stories.py) compare two briefs by the cosine of their TF-IDF vectors. The IDF
comes from this fixed reference, not from the archive, so the likeness of two briefs never
depends on the others: adding an article compares it with its neighbours only, and the same two
articles are alike to the same degree in every archive.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.stories import REFERENCE, hashing  # noqa: E402

CORPORA = {"fr": "wikinews-fr.jsonl", "en": "wikinews-en.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args()
    arrays = {}
    for lang, name in CORPORA.items():
        texts = [json.loads(line)["text"] for line in (args.corpus / name).read_text("utf-8").splitlines()]
        counts = hashing().transform(texts)
        counts.data[:] = 1
        df = np.asarray(counts.sum(axis=0)).ravel()
        features = np.flatnonzero(df)
        arrays[f"{lang}_features"] = features.astype(np.int32)
        arrays[f"{lang}_df"] = df[features].astype(np.int32)
        arrays[f"{lang}_documents"] = np.array([len(texts)], dtype=np.int32)
        print(f"{lang}: {len(texts):,} articles, {len(features):,} words")
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(REFERENCE, **arrays)
    print(f"wrote {REFERENCE.relative_to(REPO)} ({REFERENCE.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
