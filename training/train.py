"""Train the learned reader from the annotated corpus: one command, CPU only, seeded, minutes.

    python training/train.py [--lang fr en] [--fraction 1.0] [--out generator/data/models]

Per language: the corpus (training/<lang>.jsonl) is parsed with the language's spaCy pipeline;
articles are split by a hash of their id into a training part (80 %) and a development part
(20 %). Three logistic regressions (scikit-learn) are fitted on the training part over the
features of generator/extract/features.py: triggers, roles, actors. On the development part the
whole reader runs as it will at run time; its events are matched against the annotation, which
gives the isotonic calibration of event confidence and the default threshold (the highest F1
point of the precision-recall curve where precision is at least recall). Weights are written as
.npz arrays and JSON, never pickles; `reader.json` holds the settings, the data hash and the
development scores. `--fraction` trains on a part of the training articles (learning curves).
Needs scikit-learn and scipy, which briefing installs.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread: the same weights on every run
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from generator.evaluate import Comparison, Report, Score, score_events  # noqa: E402
from generator.extract import brief_from_doc, load_pipeline, pipeline_name  # noqa: E402
from generator.extract.actors import find_actors  # noqa: E402
from generator.extract.events import find_events  # noqa: E402
from generator.extract.grammar import to_universal  # noqa: E402
from generator.extract.reader import (  # noqa: E402
    NONE, LinearModel, Reader, actor_candidates, candidate_rows, index_mentions, pair_rows, rule_triggers,
    actor_confidences, propose_events,
)
from generator.extract.sentences import sentence_spans  # noqa: E402
from generator.gazetteer import load_gazetteer  # noqa: E402
from generator.lexicon import load_lexicon  # noqa: E402
from generator.model import Article, Brief  # noqa: E402

DEV_PERCENT = 20
MIN_COUNT = 2
"""A feature seen fewer times in training is not kept (smaller models, less overfitting)."""
C_VALUES = (0.1, 0.3, 1.0, 3.0)
TRIGGER_FLOOR = 0.15
SEED = 0


def is_dev(article_id: str) -> bool:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100 < DEV_PERCENT


@dataclass
class Parsed:
    """One annotated article, parsed, with the rule stage's output."""

    record: dict
    doc: object
    index: object
    rule_events: list
    lexicon: object


def parse(records: list[dict], lang: str) -> list[Parsed]:
    probe = Article(id="x", path="x", title="", date="", lang=lang, source="", url="", tags=(), text="")
    nlp = load_pipeline(pipeline_name(probe))
    gaz, lexicon = load_gazetteer(), load_lexicon(lang)
    parsed = []
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=32)):
        to_universal(doc)
        index = find_actors(doc, gaz, lang)
        date = record.get("date") or "2000-01-01"
        parsed.append(Parsed(record, doc, index, find_events(doc, index, lexicon, date), lexicon))
    return parsed


def gold_trigger_token(doc, trigger: dict):
    span = doc.char_span(trigger["start"], trigger["end"], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def trigger_examples(items: list[Parsed]) -> tuple[list[list[str]], list[str], int]:
    """Rows and labels; and how many gold triggers are on no candidate word."""
    rows, labels, missed = [], [], 0
    for item in items:
        gold = {}
        for event in item.record["events"]:
            token = gold_trigger_token(item.doc, event["trigger"])
            if token is not None:
                gold.setdefault(token.i, event["type"])
        candidates = candidate_rows(item.doc, item.index, item.lexicon, rule_triggers(item.doc, item.rule_events))
        seen = set()
        for token, features in candidates:
            rows.append(features)
            labels.append(gold.get(token.i, NONE))
            seen.add(token.i)
        missed += len(set(gold) - seen)
    return rows, labels, missed


def role_examples(items: list[Parsed]) -> tuple[list[list[str]], list[str]]:
    """(annotated trigger, actor mention of the rule stage) pairs in one sentence, as the runtime
    sees them; a mention is a source or target when it overlaps a mention of an annotated side."""
    rows, labels = [], []
    for item in items:
        by_token = rule_triggers(item.doc, item.rule_events)
        sentences = sentence_spans(item.doc)
        mentions = index_mentions(item.doc, item.index)
        for event in item.record["events"]:
            token = gold_trigger_token(item.doc, event["trigger"])
            if token is None:
                continue
            sent = next(s for s in sentences if s.start <= token.i < s.end)
            inside = [m for m in mentions if sent.start <= m.start < sent.end and not m.start <= token.i < m.end]
            sources = {a["actor"] for a in event["source"]}
            targets = {a["actor"] for a in event["target"]}
            rows += pair_rows(token, event["type"], inside, by_token.get(token.i), item.index)
            for mention in inside:
                span = item.doc[mention.start : mention.end]
                named = {m["actor"] for m in item.record["mentions"]
                         if m["start"] < span.end_char and span.start_char < m["end"]}
                labels.append("source" if named & sources else "target" if named & targets else "none")
    return rows, labels


def gold_spans(item: Parsed) -> list[tuple[int, int]]:
    return [(m["start"], m["end"]) for m in item.record["mentions"]]


def actor_examples(items: list[Parsed]) -> tuple[list[list[str]], list[str]]:
    rows, labels = [], []
    for item in items:
        spans = gold_spans(item)
        for actor_id, features in actor_candidates(item.doc, item.index, item.rule_events):
            mine = item.index.records[actor_id].spans
            real = any(s < ge and gs < e for s, e in mine for gs, ge in spans)
            rows.append(features)
            labels.append("keep" if real else "drop")
    return rows, labels


def vocabulary(rows: list[list[str]]) -> list[str]:
    counts: dict[str, int] = {}
    for row in rows:
        for feature in set(row):
            counts[feature] = counts.get(feature, 0) + 1
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


def matrix(rows: list[list[str]], index: dict[str, int]):
    indptr, indices = [0], []
    for row in rows:
        columns = sorted({index[f] for f in row if f in index})
        indices.extend(columns)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), len(index)))


def fit(train_rows, train_labels, dev_rows, dev_labels, *, name: str) -> tuple[LinearModel, dict]:
    """The logistic regression with the regularisation that gives the best development log-loss."""
    features = vocabulary(train_rows)
    index = {f: i for i, f in enumerate(features)}
    x_train, x_dev = matrix(train_rows, index), matrix(dev_rows, index)
    best = None
    for c in C_VALUES:
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(x_train, train_labels)
        probabilities = model.predict_proba(x_dev)
        columns = {label: i for i, label in enumerate(model.classes_)}
        loss = -float(np.mean([np.log(max(p[columns[y]], 1e-12)) if y in columns else np.log(1e-12)
                               for p, y in zip(probabilities, dev_labels)]))
        accuracy = float(np.mean(model.predict(x_dev) == np.array(dev_labels))) if dev_labels else 0.0
        if best is None or loss < best[0]:
            best = (loss, c, model, accuracy)
    loss, c, model, accuracy = best
    linear = LinearModel(tuple(str(k) for k in model.classes_), index, model.coef_.astype(np.float32).astype(np.float64),
                         model.intercept_.astype(np.float32).astype(np.float64))
    report = {"C": c, "dev_log_loss": round(loss, 4), "dev_accuracy": round(accuracy, 4), "features": len(features),
              "train_rows": len(train_rows), "dev_rows": len(dev_rows)}
    print(f"  {name}: {report}", flush=True)
    return linear, report


def save(model: LinearModel, folder: Path, name: str, meta: dict) -> None:
    features = sorted(model.index, key=model.index.get)
    arrays = {"coef": model.coef, "intercept": model.intercept}
    if model.dense_coef is not None:
        arrays |= {"dense_coef": model.dense_coef, "dense_mean": model.dense_mean, "dense_scale": model.dense_scale}
    np.savez_compressed(folder / f"{name}.npz", **{k: v.astype(np.float32) for k, v in arrays.items()})
    (folder / f"{name}.json").write_text(json.dumps({"classes": list(model.classes), "features": features, **meta},
                                                    ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")


def record_gold(record: dict) -> dict:
    """A training record as a gold file of `briefing eval`: names, the mention texts as aliases."""
    names = {a["id"]: a["name"] for a in record["actors"]}
    aliases: dict[str, set[str]] = {}
    for mention in record["mentions"]:
        aliases.setdefault(mention["actor"], set()).add(mention["text"])
    return {
        "actors": [{"name": a["name"], "type": a["type"], "role": a.get("role"),
                    "affiliation": names.get(a.get("affiliation")),
                    "aliases": sorted(aliases.get(a["id"], set()) - {a["name"]})} for a in record["actors"]],
        "events": [{"type": e["type"], "source": [names[x["actor"]] for x in e["source"]],
                    "target": [names[x["actor"]] for x in e["target"]]} for e in record["events"]],
        "tensions": [],
    }


def article_of(record: dict) -> Article:
    return Article(id=record["id"], path=record["id"], title=record.get("title", ""),
                   date=record.get("date") or "2000-01-01", lang=record["lang"], source="", url="", tags=(),
                   text=record["text"])


def dev_briefs(items: list[Parsed], reader: Reader | None) -> list[tuple[Brief, dict]]:
    """The development articles read as at run time (every event kept), with their gold form;
    by the hand rules alone when `reader` is None."""
    return [(brief_from_doc(article_of(item.record), item.doc, all_events=True, models=reader,
                            reader="learned" if reader else "rules"), record_gold(item.record)) for item in items]


def score_at(pairs: list[tuple[Brief, dict]], threshold: float) -> Score:
    report = Report()
    for brief, gold in pairs:
        score_events(Comparison(brief, gold), [e for e in brief.events if e.confidence >= threshold], report,
                     kinds=("events",))
    return report.row("events")


def actor_score(pairs: list[tuple[Brief, dict]], threshold: float) -> Score:
    report = Report()
    for brief, gold in pairs:
        kept = tuple(a for a in brief.actors if a.confidence >= threshold)
        view = Comparison(dataclasses.replace(brief, actors=kept), gold)
        report.row("actors").add(Score(len(view.gold_actors), len(kept), len(view.mapping)))
    return report.row("actors")


def raw_scorer() -> LinearModel:
    """Until the scorer is fitted: confidence grows with the models' own product of probabilities."""
    return LinearModel(("wrong", "right"), {}, np.zeros((1, 0)), np.array([-2.0]), np.array([[0.0, 0.0, 0.0, 4.0]]),
                       np.zeros(4), np.ones(4))


def scorer_examples(items: list[Parsed], reader: Reader) -> list[list[tuple[list[str], list[float], bool]]]:
    """Per development article, every event candidate's features and whether the annotation has it."""
    examples = []
    for item in items:
        brief = brief_from_doc(article_of(item.record), item.doc, all_events=True, models=reader)
        view = Comparison(brief, record_gold(item.record))
        index = find_actors(item.doc, load_gazetteer(), item.record["lang"])
        rule_events = find_events(item.doc, index, item.lexicon, item.record.get("date") or "2000-01-01")
        confidences = actor_confidences(item.doc, index, rule_events, reader)
        index.drop({a for a, c in confidences.items() if c < reader.actor_threshold})
        found = propose_events(item.doc, index, item.lexicon, item.record.get("date") or "2000-01-01",
                               rule_events, reader)
        examples.append([(*c.features(), view.is_right(c.event)) for c in found])
    return examples


def fit_scorer(examples: list[tuple[list[str], list[float], bool]]) -> LinearModel:
    rows = [strings for strings, _, _ in examples]
    dense = np.array([d for _, d, _ in examples]) if examples else np.zeros((0, 4))
    labels = ["right" if ok else "wrong" for _, _, ok in examples]
    index = {f: i for i, f in enumerate(vocabulary(rows))}
    x = sparse.hstack([matrix(rows, index), sparse.csr_matrix(dense)]).tocsr()
    model = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED).fit(x, labels)
    coef = model.coef_.astype(np.float32).astype(np.float64)
    n = len(index)
    return LinearModel(tuple(str(k) for k in model.classes_), index, coef[:, :n],
                       model.intercept_.astype(np.float32).astype(np.float64), coef[:, n:], np.zeros(dense.shape[1]),
                       np.ones(dense.shape[1]))


def best_threshold(score, candidates) -> tuple[float, list[dict]]:
    """The threshold of highest F1 where precision is at least recall, and the whole curve."""
    curve, best = [], (-1.0, candidates[0])
    for threshold in candidates:
        s = score(threshold)
        curve.append({"threshold": round(float(threshold), 4), "precision": round(s.precision, 4),
                      "recall": round(s.recall, 4), "f1": round(s.f1, 4)})
        if s.precision >= s.recall and s.f1 > best[0]:
            best = (s.f1, round(float(threshold), 4))
    return best[1], curve


def train_language(lang: str, *, fraction: float, out: Path) -> dict:
    corpus = HERE / f"{lang}.jsonl"
    records = [json.loads(line) for line in corpus.read_text("utf-8").splitlines() if line.strip()]
    data_hash = hashlib.sha256(corpus.read_bytes()).hexdigest()
    train_records = [r for r in records if not is_dev(r["id"])]
    dev_records = [r for r in records if is_dev(r["id"])]
    if fraction < 1.0:
        train_records = sorted(train_records, key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        train_records = sorted(train_records[: max(1, round(len(train_records) * fraction))], key=lambda r: r["id"])
    started = time.monotonic()
    print(f"{lang}: {len(train_records)} training and {len(dev_records)} development articles", flush=True)
    train, dev = parse(train_records, lang), parse(dev_records, lang)
    print(f"  parsed in {time.monotonic() - started:.0f} s", flush=True)
    t_rows, t_labels, t_missed = trigger_examples(train)
    d_rows, d_labels, d_missed = trigger_examples(dev)
    triggers, triggers_report = fit(t_rows, t_labels, d_rows, d_labels, name="triggers")
    triggers_report["gold_triggers_not_candidates"] = t_missed + d_missed
    roles, roles_report = fit(*role_examples(train), *role_examples(dev), name="roles")
    actors, actors_report = fit(*actor_examples(train), *actor_examples(dev), name="actors")

    grid = [round(t, 2) for t in np.arange(0.05, 0.96, 0.05)]
    draft = Reader(triggers, roles, actors, raw_scorer(), 0.0, 0.0, TRIGGER_FLOOR)
    pairs = dev_briefs(dev, draft)
    actor_threshold, actor_curve = best_threshold(lambda t: actor_score(pairs, t), grid)
    print(f"  development actors: threshold {actor_threshold}, "
          f"{next(p for p in actor_curve if p['threshold'] == actor_threshold)}", flush=True)
    draft = dataclasses.replace(draft, actor_threshold=actor_threshold)
    candidates = scorer_examples(dev, draft)
    # The scorer learns on development articles; its threshold is chosen on confidences it gave
    # articles it did not learn from (two folds), then it is fitted on them all.
    folds = [[i for i, item in enumerate(dev) if int(hashlib.sha256(item.record["id"].encode()).hexdigest(), 16) % 2 == k]
             for k in (0, 1)]
    crossed: dict[int, LinearModel] = {}
    for k in (0, 1):
        crossed[k] = fit_scorer([c for i in folds[1 - k] for c in candidates[i]])
    pairs = []
    for k in (0, 1):
        pairs += dev_briefs([dev[i] for i in folds[k]], dataclasses.replace(draft, scorer=crossed[k]))
    levels = sorted({e.confidence for brief, _ in pairs for e in brief.events}) or [0.5]
    threshold, curve = best_threshold(lambda t: score_at(pairs, t), levels)
    at = next((p for p in curve if p["threshold"] == threshold), {})
    print(f"  development events (cross-fitted): threshold {threshold}, {at}", flush=True)
    rules = score_at(dev_briefs(dev, None), 0.0)
    print(f"  development events, rules alone: P {rules.precision:.3f} R {rules.recall:.3f} F1 {rules.f1:.3f}", flush=True)
    scorer = fit_scorer([c for per_article in candidates for c in per_article])

    folder = out / lang
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"data": corpus.name, "data_sha256": data_hash, "train_articles": len(train_records),
            "dev_articles": len(dev_records), "fraction": fraction}
    save(triggers, folder, "triggers", {"report": triggers_report})
    save(roles, folder, "roles", {"report": roles_report})
    save(actors, folder, "actors", {"report": actors_report})
    save(scorer, folder, "scorer", {})
    settings = {
        "event_threshold": threshold, "actor_threshold": actor_threshold, "trigger_floor": TRIGGER_FLOOR,
        "dev_events": {"at_threshold": at, "curve": curve[:: max(1, len(curve) // 40)]},
        "dev_actors": {"curve": actor_curve},
        **meta,
    }
    (folder / "reader.json").write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"  {lang} done in {time.monotonic() - started:.0f} s", flush=True)
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", default=["fr", "en"])
    parser.add_argument("--fraction", type=float, default=1.0, help="part of the training articles to use")
    parser.add_argument("--out", type=Path, default=REPO / "generator" / "data" / "models")
    args = parser.parse_args()
    for lang in args.lang:
        train_language(lang, fraction=args.fraction, out=args.out)


if __name__ == "__main__":
    main()
