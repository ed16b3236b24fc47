"""`briefing eval` and `briefing actors` on real articles."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import REPO, SEED, write
from generator.cli import main
from generator.evaluate import Report, Score, score_brief

pytestmark = pytest.mark.slow


def test_eval_prints_precision_recall_f1_per_kind_and_type(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    write(tmp_path / (SEED.stem + ".json"), json.dumps({
        "actors": [
            {"name": "Sergueï Lavrov", "type": "person", "role": "ministre russe des Affaires étrangères",
             "affiliation": "Russie", "aliases": ["Lavrov"]},
            {"name": "Russie", "type": "country", "role": None, "affiliation": None, "aliases": ["Moscou"]},
            {"name": "Etats-Unis", "type": "country", "role": None, "affiliation": None, "aliases": []},
            {"name": "Iran", "type": "country", "role": None, "affiliation": None, "aliases": []},
            {"name": "Atlantide", "type": "country", "role": None, "affiliation": None, "aliases": []},
        ],
        "events": [{"type": "SANCTION", "source": ["Etats-Unis"], "target": ["Iran"]},
                   {"type": "ASSAULT", "source": ["Atlantide"], "target": ["Russie"]}],
        "tensions": [{"a": "Iran", "b": "Etats-Unis", "topic": "sanctions"}],
    }, ensure_ascii=False))
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--reader", "rules", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    actors = data["scores"]["actors"]["all"]
    assert actors["gold"] == 5 and actors["correct"] == 4  # accents folded: "Etats-Unis" = "États-Unis"
    assert actors["recall"] == 0.8
    assert data["scores"]["events"]["all"]["gold"] == 2 and data["scores"]["events"]["all"]["correct"] == 1
    assert data["scores"]["events"]["SANCTION"]["recall"] == 1.0
    assert data["scores"]["tensions"]["all"]["correct"] == 1
    assert data["attributes"]["affiliation"]["accuracy"] == 1.0
    table = CliRunner().invoke(main, ["eval", str(tmp_path), "--reader", "rules"]).output
    assert "actors     country" in table and "events     SANCTION" in table
    assert "dyads      all" in table and "quads      all" in table
    both = CliRunner().invoke(main, ["eval", str(tmp_path)]).output
    assert "rules P" in both and "learned P" in both, both


def test_eval_without_gold_files_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no gold files" in result.output


def test_scores_are_plain_counts():
    score = Score(gold=4, predicted=2, correct=2)
    assert (score.precision, score.recall, round(score.f1, 3)) == (1.0, 0.5, 0.667)
    assert Score().f1 == 0.0 and Report().as_dict()["documents"] == 0
    assert callable(score_brief)


def test_actors_lists_the_corpus_most_mentioned_first(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = CliRunner().invoke(main, ["actors", "--project", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    mentions = [row["mentions"] for row in rows]
    assert mentions == sorted(mentions, reverse=True)
    russia = next(row for row in rows if row["id"] == "RUS")
    assert russia["briefs"] >= 1 and russia["type"] == "country"
    write(tmp_path / "actors.yml", "ignore: [RUS]\n")
    rows = json.loads(CliRunner().invoke(main, ["actors", "--project", str(tmp_path), "--json"]).output)
    assert "RUS" not in {row["id"] for row in rows}
