"""Place annotators' quotes at exact offsets: one annotation file per article -> training records.

An annotator (gold/GUIDELINES.md, "Mention level") writes for each article the forms of each
actor and, for each event, a unique context quote, its trigger word and the words naming its
source and target. This script finds every quote in the article text and writes a record with
character offsets; whatever it cannot place is refused with a message naming the file and item,
and left out of the record.

    python training/place.py TEXTS.jsonl ANNOTATIONS_DIR --annotator NAME [--out RECORDS.jsonl]

TEXTS.jsonl holds the articles (`id`, `text` and provenance fields); ANNOTATIONS_DIR one
`<id>.json` per annotated article. Exit status 1 when anything was refused.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ACTOR_TYPES = ("person", "country", "organisation", "group", "place")
MODALITIES = ("asserted", "reported", "hypothetical", "negated", "denied")
PROVENANCE = ("lang", "title", "date", "url", "source", "license")
ARGUMENT_WINDOW = 400
"""How far from its trigger (in characters, within its paragraph) a source or target quote may be."""


class Refusal(Exception):
    """A quote that cannot be placed; the message says which and why."""


def whole_words(text: str, quote: str) -> list[int]:
    """Start offsets of `quote` in `text` as whole words (not inside a longer word)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(quote) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "actor"


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def place_article(article: dict, annotation: dict, annotator: str) -> tuple[dict, list[str]]:
    """The training record of one article and the messages for what was refused."""
    text = article["text"]
    problems: list[str] = []
    actors, mentions, by_name, taken = [], [], {}, {}
    ids: set[str] = set()

    def add_mention(actor_id: str, start: int, end: int) -> str:
        key = (start, end)
        if key in taken:
            owner, mention_id = taken[key]
            if owner != actor_id:
                raise Refusal(f"{text[start:end]!r} at {start} is already a mention of another actor")
            return mention_id
        mention_id = f"m{len(mentions) + 1}"
        mentions.append({"id": mention_id, "actor": actor_id, "start": start, "end": end, "text": text[start:end]})
        taken[key] = (actor_id, mention_id)
        return mention_id

    form_owner: dict[str, str] = {}
    for number, actor in enumerate(annotation.get("actors") or [], 1):
        try:
            name, kind = actor.get("name"), actor.get("type")
            if not isinstance(name, str) or not name.strip():
                raise Refusal("no name")
            if kind not in ACTOR_TYPES:
                raise Refusal(f"type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
            if name in by_name:
                raise Refusal(f"{name!r} is listed twice")
            forms = actor.get("forms") or []
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                raise Refusal("forms must be a list of quotes")
            for form in forms:
                if form_owner.get(form, name) != name:
                    raise Refusal(f"form {form!r} is also a form of {form_owner[form]!r}")
                if not whole_words(text, form):
                    raise Refusal(f"form {form!r} is not in the text as whole words")
            actor_id = base = slug(name)
            suffix = 2
            while actor_id in ids:
                actor_id, suffix = f"{base}-{suffix}", suffix + 1
            ids.add(actor_id)
            record = {"id": actor_id, "name": name, "type": kind,
                      "role": actor.get("role"), "affiliation": actor.get("affiliation")}
            actors.append(record)
            by_name[name] = record
            for form in forms:
                form_owner[form] = name
        except Refusal as err:
            problems.append(f"actor {number} ({actor.get('name')!r}): {err}")
    excepted: dict[str, list[tuple[int, int]]] = {}
    for actor in annotation.get("actors") or []:  # "France" in "Ouest-France" or "France Info" is not France
        for phrase in actor.get("except") or [] if isinstance(actor.get("except"), list) else []:
            excepted.setdefault(actor.get("name"), []).extend(
                (s, s + len(phrase)) for s in (m.start() for m in re.finditer(re.escape(phrase), text)))
    for form, name in form_owner.items():
        for start in whole_words(text, form):
            if any(low <= start and start + len(form) <= high for low, high in excepted.get(name, ())):
                continue
            try:
                add_mention(by_name[name]["id"], start, start + len(form))
            except Refusal as err:
                problems.append(f"actor {name!r}: {err}")
    for record in actors:  # affiliations name another actor of the article
        affiliation = record["affiliation"]
        if affiliation is not None:
            record["affiliation"] = by_name[affiliation]["id"] if affiliation in by_name else None
            if affiliation not in by_name:
                problems.append(f"actor {record['name']!r}: affiliation {affiliation!r} is not an actor (dropped)")

    events = []
    for number, event in enumerate(annotation.get("events") or [], 1):
        try:
            events.append(_place_event(text, event, by_name, add_mention))
        except Refusal as err:
            problems.append(f"event {number} ({event.get('trigger')!r} in {event.get('context')!r}): {err}")
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    record = {"id": article["id"], **{key: article.get(key, "") for key in PROVENANCE},
              "annotator": annotator, "text": text, "actors": actors, "mentions": mentions, "events": events}
    return record, problems


def _place_event(text: str, event: dict, by_name: dict, add_mention) -> dict:
    kind, modality = event.get("type"), event.get("modality", "asserted")
    if kind not in PLOVER_TYPES:
        raise Refusal(f"type {kind!r} is not a PLOVER type")
    if modality not in MODALITIES:
        raise Refusal(f"modality {modality!r} is not one of {', '.join(MODALITIES)}")
    context, trigger = event.get("context"), event.get("trigger")
    if not isinstance(context, str) or not isinstance(trigger, str) or not trigger.strip():
        raise Refusal("context and trigger must be quotes")
    if len(trigger.split()) != 1:
        raise Refusal("the trigger is one word")
    places = [m.start() for m in re.finditer(re.escape(context), text)]
    if len(places) != 1:
        raise Refusal("context not found in the text" if not places else f"context found {len(places)} times")
    inside = whole_words(context, trigger)
    if not inside:
        raise Refusal("trigger not in its context as a whole word")
    start = places[0] + inside[0]
    trigger_span = {"start": start, "end": start + len(trigger), "text": trigger}
    sides = {}
    for side in ("source", "target"):
        arguments = []
        for argument in event.get(side) or []:
            if not isinstance(argument, dict) or argument.get("actor") not in by_name:
                raise Refusal(f"{side} {argument!r} is not an actor of the article")
            actor_id = by_name[argument["actor"]]["id"]
            quote = argument.get("text")
            mention = None
            if quote is not None:
                low, high = paragraph_bounds(text, start)
                found = [s for s in whole_words(text[low:high], quote)]
                found = [low + s for s in found if abs(low + s - start) <= ARGUMENT_WINDOW]
                if not found:
                    raise Refusal(f"{side} quote {quote!r} is not near the trigger in its paragraph")
                nearest = min(found, key=lambda s: (abs(s - start), s))
                mention = add_mention(actor_id, nearest, nearest + len(quote))
            arguments.append({"actor": actor_id, "mention": mention})
        sides[side] = arguments
    if not sides["source"] and not sides["target"]:
        raise Refusal("an event needs a source or a target")
    return {"type": kind, "modality": modality, "trigger": trigger_span, **sides}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", type=Path, help="JSON Lines of the articles: id, text, provenance")
    parser.add_argument("annotations", type=Path, help="folder of <id>.json annotation files")
    parser.add_argument("--annotator", required=True, help="who annotated (recorded in every record)")
    parser.add_argument("--out", type=Path, help="write the placed records here (JSON Lines)")
    args = parser.parse_args(argv)
    articles = {}
    for line in args.texts.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            articles[item["id"]] = item
    records, refused = [], 0
    for path in sorted(args.annotations.glob("*.json")):
        try:
            annotation = json.loads(path.read_text("utf-8"))
        except ValueError as err:
            print(f"{path}: not valid JSON: {err}")
            refused += 1
            continue
        article = articles.get(annotation.get("id") or path.stem) if isinstance(annotation, dict) else None
        if article is None:
            print(f"{path}: no article with id {path.stem!r} in {args.texts}")
            refused += 1
            continue
        record, problems = place_article(article, annotation, args.annotator)
        for problem in problems:
            print(f"{path}: {problem}")
        refused += len(problems)
        records.append(record)
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    events = sum(len(r["events"]) for r in records)
    print(f"{len(records)} articles, {sum(len(r['actors']) for r in records)} actors, "
          f"{sum(len(r['mentions']) for r in records)} mentions, {events} events placed; {refused} refused",
          file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
