"""Extraction quality as numbers: briefs compared with hand-made gold files (`briefing eval`).

A gold file is JSON beside the article it describes (same stem): `actors` (name, type, role,
affiliation, aliases), `events` (type, source, target as actor names), `tensions` (a, b, topic).
Matching folds case and accents. Actors match by name or alias, one to one; events by PLOVER type
with overlapping source and target actors (both empty counts as agreeing); tensions by unordered
pair. See docs/evaluation.md.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .gazetteer import fold
from .load import ARTICLE_SUFFIXES, load_article
from .model import Article, Brief

GENERIC_ALIASES = frozenset({"le pays", "les deux pays", "ce pays", "pays"})
QUAD_OF = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
"""PLOVER's quad classes (REQUEST is verbal conflict in PLOVER's own table)."""


@dataclass
class Score:
    """Counts for one row of the table; precision, recall and F1 derive from them."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "correct": self.correct,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    """Scores per kind (actors, events, tensions) and per type within each kind."""

    documents: int = 0
    scores: dict[tuple[str, str], Score] = field(default_factory=lambda: defaultdict(Score))
    attributes: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    """Among matched people: role and affiliation right."""
    at_threshold: dict[float, Report] = field(default_factory=lambda: defaultdict(Report))
    """Events and dyads when only events at or above each confidence are kept."""

    def row(self, kind: str, subtype: str = "all") -> Score:
        return self.scores[(kind, subtype)]

    def as_dict(self) -> dict:
        table: dict[str, dict] = {}
        for (kind, subtype), score in sorted(self.scores.items()):
            table.setdefault(kind, {})[subtype] = score.as_dict()
        return {
            "documents": self.documents,
            "scores": table,
            "attributes": {name: {"checked": s.gold, "correct": s.correct,
                                  "accuracy": round(s.correct / s.gold, 3) if s.gold else 0.0}
                           for name, s in sorted(self.attributes.items())},
            "thresholds": {str(t): {kind: r.row(kind).as_dict() for kind in ("events", "dyads")}
                           for t, r in sorted(self.at_threshold.items())},
        }

    def to_table(self) -> str:
        lines = [f"{self.documents} documents", "",
                 f"{'kind':<10} {'type':<14} {'gold':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for kind in ("actors", "events", "quads", "dyads", "tensions"):
            rows = sorted((k for k in self.scores if k[0] == kind), key=lambda k: (k[1] != "all", k[1]))
            for key in rows:
                s = self.scores[key]
                lines.append(f"{kind:<10} {key[1]:<14} {s.gold:>5} {s.predicted:>5} {s.correct:>5} "
                             f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
        for name, s in sorted(self.attributes.items()):
            accuracy = s.correct / s.gold if s.gold else 0.0
            lines.append(f"{'person':<10} {name:<14} {s.gold:>5} {'':>5} {s.correct:>5} accuracy {accuracy:.3f}")
        if self.at_threshold:
            lines += ["", *self.threshold_lines()]
        return "\n".join(lines)

    def threshold_lines(self) -> list[str]:
        """Events and dyads at each confidence threshold, one line each under a header."""
        lines = [f"{'confidence':<10} {'events P':>9} {'R':>6} {'F1':>6} {'dyads P':>9} {'R':>6} {'F1':>6}"]
        for threshold, r in sorted(self.at_threshold.items()):
            e, d = r.row("events"), r.row("dyads")
            lines.append(f">= {threshold:<7} {e.precision:>9.3f} {e.recall:>6.3f} {e.f1:>6.3f} "
                         f"{d.precision:>9.3f} {d.recall:>6.3f} {d.f1:>6.3f}")
        return lines


def side_by_side(reports: dict[str, Report]) -> str:
    """Readers' scores in columns: the overall rows of each kind, then events per type."""
    names = list(reports)
    first = reports[names[0]]
    header = f"{'kind':<10} {'type':<14} {'gold':>5}" + "".join(f" | {name + ' P':>10} {'R':>6} {'F1':>6}" for name in names)
    lines = [f"{first.documents} documents", "", header]
    keys = sorted({k for r in reports.values() for k in r.scores},
                  key=lambda k: (("actors", "events", "quads", "dyads", "tensions").index(k[0])
                                 if k[0] in ("actors", "events", "quads", "dyads", "tensions") else 9, k[1] != "all", k[1]))
    for key in keys:
        if key[0] == "actors" and key[1] != "all":
            continue
        gold = max(r.scores[key].gold for r in reports.values() if key in r.scores)
        row = f"{key[0]:<10} {key[1]:<14} {gold:>5}"
        for name in names:
            s = reports[name].scores.get(key, Score())
            row += f" | {s.precision:>10.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        lines.append(row)
    for name in names:
        if reports[name].at_threshold:
            lines += ["", f"{name}: events and dyads by confidence", *reports[name].threshold_lines()]
    return "\n".join(lines)


THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
"""Confidence thresholds at which `briefing eval` also reports events and dyads."""


def find_gold(gold_dir: Path, texts: Path | None = None) -> list[tuple[Path, Path]]:
    """(gold file, article) pairs; a gold file names its article or sits beside it with the same
    stem. Articles kept outside the repository (out-of-domain sets: only the gold, the url and how
    to find the text are committed) are looked up in `texts`."""
    pairs = []
    for gold_path in sorted(gold_dir.rglob("*.json")):
        try:
            data = json.loads(gold_path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise ConfigError(gold_path, f"not a readable JSON gold file: {err}") from err
        if not isinstance(data, dict) or "actors" not in data:
            continue
        named = data.get("article")
        candidates = [gold_path.parent / named] if named else []
        candidates += [gold_path.with_suffix(suffix) for suffix in ARTICLE_SUFFIXES]
        if texts is not None and named:
            candidates.append(texts / named)
        article = next((c for c in candidates if c.is_file()), None)
        if article is None:
            where = "beside it or in the texts folder (--texts)" if data.get("url") else "beside it (same name, .txt or .md)"
            raise ConfigError(gold_path, f"no article {named or gold_path.stem!r} {where}")
        pairs.append((gold_path, article))
    return pairs


def read_gold_article(path: Path, gold: dict) -> Article:
    """The article a gold file describes. A plain text kept outside the repository has no date
    line: it is read whole, with the date and language its gold file records."""
    if path.suffix == ".txt" and gold.get("url") and not path.read_text("utf-8").startswith("date "):
        return Article(id=path.stem, path=str(path), title="", date=gold.get("date") or "2000-01-01",
                       lang=gold.get("lang") or "fr", source=gold.get("outlet", ""), url=gold["url"], tags=(),
                       text=path.read_text("utf-8"))
    return load_article(path)


def evaluate(gold_dir: Path, extract: Callable[[Article], Brief] | None = None, *, reader: str = "learned",
             texts: Path | None = None) -> Report:
    """Parse every gold article and score its brief: at the reader's default threshold, and the
    events and dyads at every threshold of THRESHOLDS."""
    from .extract import extract_brief
    from .extract.reader import load_reader

    if extract is None:
        def extract(article: Article) -> Brief:
            return extract_brief(article, reader=reader, all_events=True)

    pairs = find_gold(gold_dir, texts)
    if not pairs:
        raise ConfigError(gold_dir, "no gold files (*.json with an 'actors' list) found")
    report = Report()
    for gold_path, article_path in pairs:
        gold = json.loads(gold_path.read_text("utf-8"))
        every = extract(read_gold_article(article_path, gold))
        learned = load_reader(every.lang) if reader == "learned" else None
        default = learned.event_threshold if learned else 0.0
        score_brief(dataclasses.replace(every, events=tuple(e for e in every.events if e.confidence >= default)),
                    gold, report)
        view = Comparison(every, gold)
        for threshold in THRESHOLDS if learned else ():
            kept = [e for e in every.events if e.confidence >= threshold]
            score_events(view, kept, report.at_threshold[threshold], kinds=("events", "dyads"))
        report.documents += 1
    return report


def _names(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Comparison:
    """One brief against its gold file: actors matched one to one by name or alias, and events,
    dyads and tensions as keys of gold actor indices that the two sides share."""

    def __init__(self, brief: Brief, gold: dict) -> None:
        self.brief = brief
        self.gold_actors = gold.get("actors") or []
        self.keys: dict[str, int] = {}
        for i, actor in enumerate(self.gold_actors):
            for name in [actor["name"], *_names(actor.get("aliases"))]:
                self.keys.setdefault(fold(name), i)
        self.mapping = _match_actors(brief, self.gold_actors, self.keys)
        self.gold_events = {(e["type"], self.gold_ids(e.get("source")), self.gold_ids(e.get("target")))
                            for e in gold.get("events") or []}

    def gold_ids(self, names) -> frozenset:
        return frozenset(self.keys.get(fold(n), f"?{fold(n)}") for n in _names(names))

    def predicted_ids(self, ids) -> frozenset:
        return frozenset(self.mapping.get(i, f"!{i}") for i in ids)

    def event_key(self, event) -> tuple:
        return (event.type, self.predicted_ids(event.source), self.predicted_ids(event.target))

    def party(self, gi):
        """A gold actor's party: the country or organisation it acts for, followed to the top."""
        seen = {gi}
        while isinstance(gi, int) and self.gold_actors[gi].get("affiliation"):
            parent = self.keys.get(fold(self.gold_actors[gi]["affiliation"]))
            if parent is None or parent in seen:
                break
            seen.add(parent)
            gi = parent
        return gi

    def parties(self, ids: frozenset) -> frozenset:
        return frozenset(self.party(i) for i in ids)

    def same_event(self, gold: tuple, predicted: tuple) -> bool:
        """Same type (or quad, or nothing: whatever the keys' first item holds), overlapping
        sources and targets, as actors or as the parties they act for."""
        return _same_event(gold, predicted) or _same_event(
            (gold[0], self.parties(gold[1]), self.parties(gold[2])),
            (predicted[0], self.parties(predicted[1]), self.parties(predicted[2])))

    def is_right(self, event) -> bool:
        """Whether the gold file has this event (type, source and target)."""
        key = self.event_key(event)
        return any(self.same_event(g, key) for g in self.gold_events)


def score_brief(brief: Brief, gold: dict, report: Report) -> None:
    view = Comparison(brief, gold)
    gold_actors, mapping = view.gold_actors, view.mapping
    actors = report.row("actors")
    actors.add(Score(len(gold_actors), len(brief.actors), len(mapping)))
    for actor_type in {a["type"] for a in gold_actors} | {a.type for a in brief.actors}:
        correct = sum(1 for pid, gi in mapping.items()
                      if gold_actors[gi]["type"] == actor_type and brief.actor(pid).type == actor_type)
        report.row("actors", actor_type).add(Score(
            sum(1 for a in gold_actors if a["type"] == actor_type),
            sum(1 for a in brief.actors if a.type == actor_type), correct))
    _score_attributes(brief, gold_actors, view.keys, mapping, report)
    score_events(view, brief.events, report)

    def pair(a, b) -> frozenset:
        return frozenset((a, b))

    gold_tensions = {pair(*view.gold_ids([t["a"]]), *view.gold_ids([t["b"]])) for t in gold.get("tensions") or []
                     if len(view.gold_ids([t["a"], t["b"]])) == 2}
    predicted_tensions = {view.predicted_ids(t.actors) for t in brief.tensions if len(view.predicted_ids(t.actors)) == 2}
    _score_items(report, "tensions", gold_tensions, predicted_tensions,
                 lambda g, p: g == p or view.parties(g) == view.parties(p), lambda t: "all")


def score_events(view: Comparison, events, report: Report, *, kinds=("events", "quads", "dyads")) -> None:
    """Events three ways: type, source and target; quad class, source and target (as event
    datasets aggregate them); and dyads, who acted on whom whatever the type (both sides named)."""
    predicted = {view.event_key(e) for e in events}
    if "events" in kinds:
        _score_items(report, "events", view.gold_events, predicted, view.same_event, lambda e: e[0])
    if "quads" in kinds:
        def quads(keys) -> set:
            return {(QUAD_OF[k[0]], k[1], k[2]) for k in keys}
        _score_items(report, "quads", quads(view.gold_events), quads(predicted), view.same_event, lambda e: "all")
    if "dyads" in kinds:
        def dyads(keys) -> set:
            return {("", k[1], k[2]) for k in keys if k[1] and k[2]}
        _score_items(report, "dyads", dyads(view.gold_events), dyads(predicted), view.same_event, lambda e: "all")


def _match_actors(brief: Brief, gold_actors: list[dict], keys: dict[str, int]) -> dict[str, int]:
    """Predicted id -> gold index, one to one; names first, then aliases."""
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for use_aliases in (False, True):
        for actor in brief.actors:
            if actor.id in mapping:
                continue
            forms = [actor.name] + ([m.text for m in actor.mentions] + list(actor.aliases) if use_aliases else [])
            for form in forms:
                key = fold(form)
                if key in GENERIC_ALIASES:
                    continue
                gi = keys.get(key)
                if gi is not None and gi not in used:
                    mapping[actor.id] = gi
                    used.add(gi)
                    break
    return mapping


def _score_attributes(brief, gold_actors, keys, mapping, report: Report) -> None:
    for pid, gi in mapping.items():
        gold_actor, actor = gold_actors[gi], brief.actor(pid)
        if gold_actor["type"] != "person":
            continue
        if gold_actor.get("affiliation"):
            right = actor.affiliation is not None and mapping.get(actor.affiliation) == keys.get(fold(gold_actor["affiliation"]))
            report.attributes["affiliation"].add(Score(1, 1, int(right)))
        if gold_actor.get("role"):
            right = bool(actor.role) and fold(actor.role) == fold(gold_actor["role"])
            report.attributes["role"].add(Score(1, 1, int(right)))


def _same_event(gold, predicted) -> bool:
    def agree(g: frozenset, p: frozenset) -> bool:
        return (not g and not p) or bool(g & p)

    return gold[0] == predicted[0] and agree(gold[1], predicted[1]) and agree(gold[2], predicted[2])


def _score_items(report: Report, kind: str, gold: set, predicted: set, same, subtype) -> None:
    matched: list[tuple] = []
    free = set(predicted)
    for item in sorted(gold, key=repr):
        hit = next((p for p in sorted(free, key=repr) if same(item, p)), None)
        if hit is not None:
            free.discard(hit)
            matched.append(item)
    report.row(kind).add(Score(len(gold), len(predicted), len(matched)))
    if kind == "events":
        for event_type in {subtype(x) for x in gold | predicted}:
            report.row(kind, event_type).add(Score(
                sum(1 for g in gold if subtype(g) == event_type),
                sum(1 for p in predicted if subtype(p) == event_type),
                sum(1 for m in matched if subtype(m) == event_type)))


@dataclass
class PloverReport:
    """Event typing and source/target on PLOVER's hand-coded English sentences."""

    rows: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def add(self, gold_type: str, **counts: int) -> None:
        for key in (gold_type, "all"):
            for name, value in counts.items():
                self.rows[key][name] += value

    def as_dict(self) -> dict:
        return {key: dict(sorted(row.items())) for key, row in sorted(self.rows.items())}

    def to_table(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "  -  "

        lines = [f"{'type':<10} {'sent':>5} {'found':>6} {'type ok':>8} {'accuracy':>9} {'of all':>7} {'any ok':>7} "
                 f"{'source':>7} {'target':>7}"]
        for key in ["all"] + sorted(k for k in self.rows if k != "all"):
            r = self.rows[key]
            lines.append(f"{key:<10} {r['sentences']:>5} {r['found']:>6} {r['type_ok']:>8} "
                         f"{ratio(r['type_ok'], r['found']):>9} {ratio(r['type_ok'], r['sentences']):>7} "
                         f"{ratio(r['any_ok'], r['found']):>7} "
                         f"{ratio(r['source_ok'], r['type_ok']):>7} {ratio(r['target_ok'], r['type_ok']):>7}")
        lines += ["", "accuracy: the sentence's main event (the first found in it) has the coded type, among",
                  "sentences where an event is found; of all: the same over all sentences (a sentence with",
                  "no event found counts as wrong); any ok: one of its events has it; source, target: the",
                  "main event's actors match the coded ones (name, or ISO country), among typed-right sentences"]
        return "\n".join(lines)


def evaluate_plover(path: Path, extract: Callable[[str], Brief] | None = None, *, reader: str = "learned") -> PloverReport:
    """Score the extractor on PLOVER gold-standard records (JSON lines: text, plover_type, source, target)."""
    if extract is None:
        from .extract import extract_brief

        def extract(text: str) -> Brief:
            return extract_brief(Article(id="s", path=path.name, title="", date="2000-01-01", lang="en", source="",
                                         url="", tags=(), text=text), reader=reader)

    try:
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as err:
        raise ConfigError(path, f"not a readable JSON lines file: {err}") from err
    report = PloverReport()
    for record in records:
        brief = extract(record["text"])
        events = sorted(brief.events, key=lambda e: e.trigger.start)
        gold_type = record["plover_type"]
        main = events[0] if events else None
        type_ok = main is not None and main.type == gold_type
        report.add(gold_type, sentences=1, found=int(main is not None), type_ok=int(type_ok),
                   any_ok=int(any(e.type == gold_type for e in events)),
                   source_ok=int(type_ok and _same_side(brief, main.source, record["source"])),
                   target_ok=int(type_ok and _same_side(brief, main.target, record["target"])))
    return report


def _same_side(brief: Brief, predicted: tuple[str, ...], coded: list[dict]) -> bool:
    """Coded actors are text spans with an ISO country (or IGO, NGO ...): a predicted actor matches
    one by name, mention or alias, or by being that country or acting for it."""
    if not coded:
        return not predicted
    for actor_id in predicted:
        actor = brief.actor(actor_id)
        forms = {fold(f) for f in [actor.name, *actor.aliases, *(m.text for m in actor.mentions)]} if actor else set()
        for item in coded:
            text = fold(item.get("text") or "")
            country = (item.get("country") or "").upper()
            if text and any(form and (form in text or text in form) for form in forms):
                return True
            if country and country in (actor_id, brief.party(actor_id)):
                return True
    return False


@dataclass
class StoriesReport:
    """Pairwise story grouping against gold: every pair of articles is together or apart."""

    halves: dict[str, Score] = field(default_factory=dict)
    """'all', 'development' and 'held out' (the development half chose MIN_SIMILARITY)."""
    articles: int = 0
    stories: int = 0

    def as_dict(self) -> dict:
        return {"articles": self.articles, "stories": self.stories,
                "pairs": {name: score.as_dict() for name, score in self.halves.items()}}

    def to_table(self) -> str:
        lines = [f"{self.articles} articles, {self.stories} gold stories (hard negatives are stories of their own)",
                 "", f"{'pairs of one story':<22} {'gold':>5} {'found':>6} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}"]
        for name, s in self.halves.items():
            lines.append(f"{name:<22} {s.gold:>5} {s.predicted:>6} {s.correct:>6} "
                         f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
        lines += ["", "a pair is right when gold and briefing both put its two articles in one story; the",
                  "development half is each series' groups numbered 1-5 (s01-s05, n01-n05, w01-w05), the rest is held out"]
        return "\n".join(lines)


def evaluate_stories(path: Path, texts: Path | None, *, reader: str = "learned") -> StoriesReport:
    """Score `stories.group_stories` on a gold list of articles (gold/stories/stories.json: id,
    story, date, lang, title, outlet, url); each text is TEXTS/<id>.txt, its title on the first line."""
    from itertools import combinations

    from .extract import extract_brief
    from .stories import group_stories

    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(path, f"not a readable JSON file: {err}") from err
    folder = texts or path.parent
    briefs = []
    for record in records:
        text_path = folder / f"{record['id']}.txt"
        if not text_path.is_file():
            raise ConfigError(text_path, "missing: give the folder of the articles' texts with --texts")
        title, _, body = text_path.read_text("utf-8").partition("\n\n")
        article = Article(id=record["id"], path=text_path.name, title=title.strip(), date=record["date"],
                          lang=record["lang"], source=record["outlet"], url=record["url"], tags=(), text=body.strip())
        briefs.append(extract_brief(article, reader=reader))
    found = group_stories(briefs)
    gold = {record["id"]: record["story"] for record in records}
    development = {record["id"] for record in records if int(record["story"][1:3]) <= 5}
    report = StoriesReport(articles=len(records), stories=len(set(gold.values())))
    for name, keep in (("all", lambda a, b: True), ("development", lambda a, b: a in development and b in development),
                       ("held out", lambda a, b: a not in development and b not in development)):
        score = report.halves[name] = Score()
        for a, b in combinations(sorted(gold), 2):
            if keep(a, b):
                together, grouped = gold[a] == gold[b], found[a] == found[b]
                score.add(Score(gold=int(together), predicted=int(grouped), correct=int(together and grouped)))
    return report
