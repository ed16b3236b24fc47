"""The brief JSON contract: every brief validates against schema/brief.schema.json, offsets are exact,
and `briefing parse` prints stable JSON."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import REPO, SEED
from generator.cli import main
from generator.model import Brief

pytestmark = pytest.mark.slow
SCHEMA = json.loads((REPO / "schema" / "brief.schema.json").read_text("utf-8"))


def test_every_content_brief_validates_and_round_trips(content_briefs):
    assert len(content_briefs) >= 9
    for brief in content_briefs:
        data = json.loads(brief.to_json())
        jsonschema.validate(data, SCHEMA)
        assert Brief.from_json(brief.to_json()) == brief
        ids = {a["id"] for a in data["actors"]}
        for event in data["events"]:
            assert set(event["source"]) | set(event["target"]) <= ids
            assert data["text"][event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
        for relation in data["tensions"] + data["cooperation"]:
            assert set(relation["actors"]) <= ids
        for actor in data["actors"]:
            assert actor["affiliation"] is None or actor["affiliation"] in ids
            for mention in actor["mentions"]:
                assert data["text"][mention["start"] : mention["end"]] == mention["text"]


def test_schema_rejects_a_broken_brief(seed_brief):
    data = json.loads(seed_brief.to_json())
    data["events"][0]["type"] = "FIGHT"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_parse_one_file_prints_one_sorted_object():
    result = CliRunner().invoke(main, ["parse", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema_version"] == 3 and data["id"] == "000-e9de8737bb604ee0"
    assert list(data) == sorted(data)
    assert list(data["actors"][0]) == sorted(data["actors"][0])


def test_parse_several_files_prints_one_line_each_in_order():
    second = sorted((REPO / "content").glob("*.md"))[0]
    result = CliRunner().invoke(main, ["parse", str(second), str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [second.stem.replace("_", "-"), "000-e9de8737bb604ee0"]


def test_parse_reports_a_bad_file_and_goes_on(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\ndate: 2020-02-30\n---\ntexte\n", "utf-8")
    result = CliRunner().invoke(main, ["parse", str(bad), str(SEED)])
    assert result.exit_code == 1
    assert "bad.md" in result.output and "is not a real date" in result.output
    assert '"schema_version": 3' in result.output


def test_every_actor_a_brief_uses_is_one_of_its_actors(content_briefs):
    for brief in content_briefs:
        ids = {a.id for a in brief.actors}
        used = {i for e in brief.events for i in e.source + e.target}
        used |= {i for r in brief.tensions + brief.cooperation for i in r.actors}
        used |= {a.affiliation for a in brief.actors if a.affiliation} | {q.speaker for q in brief.quotes if q.speaker}
        assert used <= ids, (brief.id, used - ids)
