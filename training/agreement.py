"""How far two annotators agree: the ceiling a model can be judged against.

    python training/agreement.py

Scores the second readings against the first exactly as `briefing eval` scores the tool (the
first reading is the gold, the second stands in for the brief): training/second/*.jsonl against
training/*.jsonl (articles read twice), and gold/fr-ood-second against gold/fr-ood. For the
training corpus it also gives type agreement: among events whose trigger word both annotators
chose, how often they gave the same PLOVER type. Prints a Markdown table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from generator.evaluate import QUAD_OF, Report, score_brief  # noqa: E402
from generator.gazetteer import fold  # noqa: E402
from generator.model import Actor, Brief, Event, Relation, TextSpan  # noqa: E402
from train import record_gold  # noqa: E402

NOWHERE = TextSpan("", 0, 0)


def gold_as_brief(gold: dict) -> Brief:
    """A gold file in the shape of a brief, so that one annotation can be scored against another."""
    ids = {}
    for actor in gold["actors"]:
        for form in [actor["name"], *(actor.get("aliases") or [])]:
            ids.setdefault(form, fold(actor["name"]))
    actors = tuple(Actor(fold(a["name"]), a["name"], a["type"], a.get("role"), ids.get(a.get("affiliation")),
                         tuple(a.get("aliases") or ()), ()) for a in gold["actors"])

    def side(names) -> tuple[str, ...]:
        names = [names] if isinstance(names, str) else names or []
        return tuple(ids.get(n, fold(n)) for n in names)

    events = tuple(Event(e["type"], side(e.get("source")), side(e.get("target")), 0.0, QUAD_OF[e["type"]],
                         e.get("modality", "asserted"), "", NOWHERE, NOWHERE) for e in gold["events"])
    tensions = tuple(Relation(tuple(sorted((ids.get(t["a"], fold(t["a"])), ids.get(t["b"], fold(t["b"]))))), 0.0, None, ())
                     for t in gold.get("tensions") or [])
    return Brief("x", "", "", "", "", "", (), "", (), actors, events, tensions, (), (), "")


def type_agreement(first: dict, second: dict) -> tuple[int, int]:
    """(events on the same trigger word, of which with the same type)."""
    types = {(e["trigger"]["start"], e["trigger"]["end"]): e["type"] for e in first["events"]}
    shared = [(types[k], e["type"]) for e in second["events"] if (k := (e["trigger"]["start"], e["trigger"]["end"])) in types]
    return len(shared), sum(a == b for a, b in shared)


def read_jsonl(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())} if path.is_file() else {}


def row(name: str, report: Report, documents: int, extra: str = "") -> str:
    def f1(kind: str) -> str:
        s = report.row(kind)
        return f"{s.f1:.2f} (P {s.precision:.2f}, R {s.recall:.2f})" if s.gold else "- (not annotated)"
    return f"| {name} | {documents} | {f1('actors')} | {f1('events')} | {f1('dyads')} | {f1('tensions')} | {extra} |"


def main() -> None:
    lines = ["| set | articles | actors F1 | events F1 | dyads F1 | tensions F1 | type agreement |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for lang in ("fr", "en"):
        first, second = read_jsonl(HERE / f"{lang}.jsonl"), read_jsonl(HERE / "second" / f"{lang}.jsonl")
        both = sorted(set(first) & set(second))
        if not both:
            continue
        report, shared, same = Report(), 0, 0
        for article_id in both:
            score_brief(gold_as_brief(record_gold(second[article_id])), record_gold(first[article_id]), report)
            n, k = type_agreement(first[article_id], second[article_id])
            shared, same = shared + n, same + k
        lines.append(row(f"training, {lang}", report, len(both), f"{same / shared:.2f} of {shared} shared triggers" if shared else "-"))
    first_dir, second_dir = REPO / "gold" / "fr-ood", REPO / "gold" / "fr-ood-second"
    pairs = [(first_dir / p.name, p) for p in sorted(second_dir.glob("*.json")) if (first_dir / p.name).is_file()]
    if pairs:
        report = Report()
        for first_path, second_path in pairs:
            first, second = json.loads(first_path.read_text("utf-8")), json.loads(second_path.read_text("utf-8"))
            for gold in (first, second):  # tensions need the pair as names both sides know
                gold.setdefault("tensions", [])
            score_brief(gold_as_brief(second), first, report)
        lines.append(row("gold/fr-ood (out of domain)", report, len(pairs), "-"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
