"""Validate the training corpus: every offset, type and reference of every record.

    python training/check.py [FILE.jsonl ...]   (default: every *.jsonl under training/)

Checks, per record: provenance and licence present; a unique id that is in no evaluation or
development set (gold/*) nor the sample content, and a text that is no near-copy of one; every mention's and trigger's offsets inside the
text and equal to its quoted text; actor types, event types and modalities known; every mention,
source and target pointing to an actor of the record, and every argument's mention to a mention
of that same actor. Prints one line per problem; exit status 1 if any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from place import ACTOR_TYPES, MODALITIES, PLOVER_TYPES  # noqa: E402
from select_corpus import copies_of, held_out, held_out_text  # noqa: E402

REQUIRED = ("id", "lang", "url", "source", "license", "annotator", "text", "actors", "mentions", "events")


def check_record(record: dict, excluded: set[str], runs: dict[str, str] | None = None) -> list[str]:
    problems = [f"missing {key!r}" for key in REQUIRED if not record.get(key) and key not in ("actors", "mentions", "events")]
    problems += [f"missing {key!r}" for key in ("actors", "mentions", "events") if not isinstance(record.get(key), list)]
    if problems:
        return problems
    if record["id"] in excluded:
        problems.append("is in an evaluation or development set: it must not be trained on")
    for copied in copies_of(record["text"], runs or {}):
        problems.append(f"shares its text with {copied}, an evaluation or sample article: it must not be trained on")
    text = record["text"]
    actors = {a["id"]: a for a in record["actors"]}
    if len(actors) != len(record["actors"]):
        problems.append("two actors share an id")
    for actor in record["actors"]:
        if actor.get("type") not in ACTOR_TYPES:
            problems.append(f"actor {actor.get('id')!r}: unknown type {actor.get('type')!r}")
        if actor.get("affiliation") is not None and actor["affiliation"] not in actors:
            problems.append(f"actor {actor['id']!r}: affiliation {actor['affiliation']!r} is not an actor")
    mentions = {}
    for mention in record["mentions"]:
        start, end = mention.get("start"), mention.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"mention {mention.get('id')!r}: offsets {start}..{end} outside the text")
        elif text[start:end] != mention.get("text"):
            problems.append(f"mention {mention.get('id')!r}: text {mention.get('text')!r} is not at {start}..{end}")
        if mention.get("actor") not in actors:
            problems.append(f"mention {mention.get('id')!r}: actor {mention.get('actor')!r} unknown")
        if mention.get("id") in mentions:
            problems.append(f"mention id {mention.get('id')!r} used twice")
        mentions[mention.get("id")] = mention
    for number, event in enumerate(record["events"], 1):
        where = f"event {number}"
        if event.get("type") not in PLOVER_TYPES:
            problems.append(f"{where}: unknown type {event.get('type')!r}")
        if event.get("modality") not in MODALITIES:
            problems.append(f"{where}: unknown modality {event.get('modality')!r}")
        trigger = event.get("trigger") or {}
        start, end = trigger.get("start"), trigger.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)) \
                or text[start:end] != trigger.get("text"):
            problems.append(f"{where}: trigger {trigger.get('text')!r} is not at {start}..{end}")
        if not event.get("source") and not event.get("target"):
            problems.append(f"{where}: neither source nor target")
        for side in ("source", "target"):
            for argument in event.get(side) or []:
                if argument.get("actor") not in actors:
                    problems.append(f"{where}: {side} actor {argument.get('actor')!r} unknown")
                mention = argument.get("mention")
                if mention is not None and (mention not in mentions or mentions[mention]["actor"] != argument.get("actor")):
                    problems.append(f"{where}: {side} mention {mention!r} is not a mention of {argument.get('actor')!r}")
    return problems


def check_file(path: Path, excluded: set[str], seen: set[str], runs: dict[str, str]) -> list[str]:
    problems = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
        except ValueError as err:
            problems.append(f"{path}:{number}: not JSON: {err}")
            continue
        if not isinstance(record, dict):
            problems.append(f"{path}:{number}: not a record")
            continue
        key = (record.get("id"), path.parent.name)
        if key in seen:
            problems.append(f"{path}:{number}: id {record.get('id')!r} appears twice")
        seen.add(key)
        problems += [f"{path}:{number} ({record.get('id')}): {p}" for p in check_record(record, excluded, runs)]
    return problems


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(HERE.rglob("*.jsonl"))
    excluded, seen, runs = held_out(), set(), held_out_text()
    problems = [p for path in files for p in check_file(path, excluded, seen, runs)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
