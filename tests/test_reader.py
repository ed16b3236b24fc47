"""The learned reader: shipped weights, determinism, confidence, and the training corpus's checker."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import REPO, SEED
from generator.cli import main
from generator.extract import extract_brief
from generator.extract.reader import MODELS_DIR, load_reader
from generator.load import load_article

pytestmark = pytest.mark.slow

MODEL_FILES = ("triggers", "roles", "actors", "scorer")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_weights_ship_as_plain_arrays_and_small(lang):
    folder = MODELS_DIR / lang
    for name in MODEL_FILES:
        with np.load(folder / f"{name}.npz", allow_pickle=False) as arrays:  # a pickle would raise here
            assert all(arrays[key].dtype == np.float32 for key in arrays.files)
        meta = json.loads((folder / f"{name}.json").read_text("utf-8"))
        assert meta["classes"] and isinstance(meta["features"], list)
    settings = json.loads((folder / "reader.json").read_text("utf-8"))
    assert 0 <= settings["event_threshold"] <= 1 and 0 <= settings["actor_threshold"] <= 1
    assert len(settings["data_sha256"]) == 64
    assert not [p for p in MODELS_DIR.rglob("*") if p.suffix in (".pkl", ".pickle", ".joblib")]
    assert sum(p.stat().st_size for p in MODELS_DIR.rglob("*") if p.is_file()) < 50 * 2**20


def test_the_seed_read_by_the_learned_reader():
    brief = extract_brief(load_article(SEED))
    reader = load_reader("fr")
    assert all(0 <= e.confidence <= 1 for e in brief.events) and all(0 <= a.confidence <= 1 for a in brief.actors)
    assert all(e.confidence >= reader.event_threshold for e in brief.events)
    assert any(e.type == "CONSULT" and "serguei-lavrov" in e.source and "hossein-amir-abdollahian" in e.target
               for e in brief.events), [(e.type, e.source, e.target) for e in brief.events]
    assert ("IRN", "USA") in {t.actors for t in brief.tensions}
    every = extract_brief(load_article(SEED), all_events=True)
    assert set(brief.events) <= set(every.events)
    assert len(every.events) >= len(brief.events)


def test_every_actor_an_event_uses_is_an_actor_of_the_brief():
    for path in sorted((REPO / "content").iterdir()):
        brief = extract_brief(load_article(path))
        ids = {a.id for a in brief.actors}
        used = {i for e in brief.events for i in e.source + e.target} | {i for r in brief.tensions for i in r.actors}
        assert used <= ids, (path.name, used - ids)


def test_same_article_same_bytes_in_another_process():
    here = extract_brief(load_article(SEED)).to_json()
    code = ("import sys; from pathlib import Path; from generator.extract import extract_brief; "
            "from generator.load import load_article; sys.stdout.write(extract_brief(load_article(Path(sys.argv[1]))).to_json())")
    there = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True).stdout
    assert here == there


def test_the_runtime_never_imports_training_code():
    code = ("import sys; from pathlib import Path; from generator.extract import extract_brief; "
            "from generator.load import load_article; extract_brief(load_article(Path(sys.argv[1]))); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'train', 'training', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_parse_keeps_every_event_on_request_and_can_use_the_rules_alone():
    default = json.loads(CliRunner().invoke(main, ["parse", str(SEED)]).output)
    every = json.loads(CliRunner().invoke(main, ["parse", "--all-events", str(SEED)]).output)
    rules = json.loads(CliRunner().invoke(main, ["parse", "--reader", "rules", str(SEED)]).output)
    assert len(every["events"]) >= len(default["events"]) > 0
    assert min(e["confidence"] for e in every["events"]) <= min(e["confidence"] for e in default["events"])
    assert {e["confidence"] for e in rules["events"]} == {1.0}


def test_a_changed_model_changes_the_cache_key(tmp_path, monkeypatch):
    import generator.gazetteer as gazetteer

    fingerprint = gazetteer.data_fingerprint.__wrapped__  # the cached one is computed once per process
    before = fingerprint()
    fake = tmp_path / "data"
    for path in gazetteer.DATA_DIR.rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".json", ".npz"):
            target = fake / path.relative_to(gazetteer.DATA_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    monkeypatch.setattr(gazetteer, "DATA_DIR", fake)
    assert fingerprint() == before
    settings = fake / "models" / "fr" / "reader.json"
    settings.write_text(settings.read_text("utf-8").replace("{", "{\n", 1), "utf-8")
    assert fingerprint() != before


def test_the_training_corpus_checks_clean_and_stays_apart_from_evaluation():
    sys.path.insert(0, str(REPO / "training"))
    try:
        import check
        from select_corpus import held_out
    finally:
        sys.path.pop(0)
    files = sorted((REPO / "training").rglob("*.jsonl"))
    assert files and check.main([str(p) for p in files]) == 0
    ids = {json.loads(line)["id"] for p in files for line in p.read_text("utf-8").splitlines()}
    assert not ids & held_out()
    french = [json.loads(line) for line in (REPO / "training" / "fr.jsonl").read_text("utf-8").splitlines()]
    english = (REPO / "training" / "en.jsonl").read_text("utf-8").splitlines()
    assert len(french) >= 800 and len(english) >= 400
    assert all(r["license"] and r["url"] and r["annotator"] for r in french)


def test_the_checker_refuses_a_bad_offset():
    sys.path.insert(0, str(REPO / "training"))
    try:
        import check
        from select_corpus import held_out_text
    finally:
        sys.path.pop(0)
    record = json.loads((REPO / "training" / "fr.jsonl").read_text("utf-8").splitlines()[0])
    assert check.check_record(record, set()) == []
    record["mentions"][0]["start"] += 1
    assert any("is not at" in p or "outside" in p for p in check.check_record(record, set()))
    record["events"] = [{"type": "FIGHT", "modality": "asserted", "trigger": {"start": 0, "end": 1, "text": "x"},
                         "source": [], "target": []}]
    problems = check.check_record(record, {record["id"]})
    assert any("unknown type" in p for p in problems) and any("must not be trained on" in p for p in problems)
    follow_up = dict(record, text="Suite de l'affaire. " + (REPO / "gold/fr-test/winer-fr-2017_03_10-001.md").read_text("utf-8"))
    assert any("shares its text with gold/fr-test/winer-fr-2017_03_10-001.md" in p
               for p in check.check_record(follow_up, set(), held_out_text()))


def test_place_refuses_quotes_it_cannot_place(tmp_path):
    sys.path.insert(0, str(REPO / "training"))
    try:
        from place import place_article
    finally:
        sys.path.pop(0)
    article = {"id": "a", "lang": "fr", "text": "La France a condamné la Russie. La France proteste."}
    record, problems = place_article(article, {
        "actors": [{"name": "France", "type": "country", "forms": ["France"]},
                   {"name": "Russie", "type": "country", "forms": ["Russie"]},
                   {"name": "Chine", "type": "country", "forms": ["Pékin"]}],
        "events": [{"context": "La France a condamné la Russie", "trigger": "condamné", "type": "ACCUSE",
                    "source": [{"actor": "France", "text": "France"}], "target": [{"actor": "Russie", "text": "Russie"}]},
                   {"context": "La France", "trigger": "France", "type": "PROTEST", "source": [{"actor": "France", "text": None}]}],
    }, "test")
    assert any("'Pékin' is not in the text" in p for p in problems)
    assert any("context found 2 times" in p for p in problems)
    assert [(e["type"], e["trigger"]["start"]) for e in record["events"]] == [("ACCUSE", 12)]
    assert record["text"][record["mentions"][0]["start"]:record["mentions"][0]["end"]] == "France"
