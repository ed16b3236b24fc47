"""The learning curve: the reader trained on 25, 50 and 100 % of the training articles, scored on
held-out sets. Rising steeply at 100 % means more annotation is the next lever; flat means a
better model is.

    python training/learning_curve.py [--lang fr] [--texts DIR_OF_OUT_OF_DOMAIN_TEXTS]

Models are trained into a temporary folder (the shipped ones are not touched) and scored by
`briefing eval`'s own functions: French on gold/fr-test and, when --texts is given, gold/fr-ood;
English on gold/en and the held-out PLOVER records. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from train import train_language  # noqa: E402

import generator.extract.reader as reader_module  # noqa: E402
from generator.evaluate import evaluate, evaluate_plover  # noqa: E402

FRACTIONS = (0.25, 0.5, 1.0)


def scores(lang: str, texts: Path | None) -> dict[str, str]:
    def f1(report, kind: str) -> str:
        s = report.row(kind)
        return f"{s.f1:.3f} (P {s.precision:.2f}, R {s.recall:.2f})"

    found = {}
    sets = [("gold/fr-test", None)] + ([("gold/fr-ood", texts)] if texts else []) if lang == "fr" else [("gold/en", None)]
    for name, folder in sets:
        report = evaluate(REPO / name, texts=folder)
        for kind in ("events", "dyads", "tensions", "actors"):
            found[f"{name} {kind}"] = f1(report, kind)
    if lang == "en":
        plover = evaluate_plover(REPO / "gold" / "plover-heldout.jsonl").rows["all"]
        found["PLOVER held out, type right over all"] = f"{plover['type_ok'] / plover['sentences']:.3f}"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", default=["fr", "en"])
    parser.add_argument("--texts", type=Path, help="the out-of-domain articles of gold/fr-ood")
    args = parser.parse_args()
    for lang in args.lang:
        rows: dict[float, dict[str, str]] = {}
        for fraction in FRACTIONS:
            with tempfile.TemporaryDirectory() as tmp:
                settings = train_language(lang, fraction=fraction, out=Path(tmp))
                reader_module.MODELS_DIR = Path(tmp)
                reader_module.load_reader.cache_clear()
                rows[fraction] = {"training articles": str(settings["train_articles"]), **scores(lang, args.texts)}
        columns = list(rows[FRACTIONS[0]])
        print(f"\n{lang}\n")
        print("| measure | " + " | ".join(f"{int(f * 100)} %" for f in FRACTIONS) + " |")
        print("| --- |" + " --- |" * len(FRACTIONS))
        for column in columns:
            print(f"| {column} | " + " | ".join(rows[f][column] for f in FRACTIONS) + " |")


if __name__ == "__main__":
    main()
