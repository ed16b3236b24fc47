"""Check gold annotation files: python gold/check_gold.py [GOLD_DIR ...] (default: gold/fr).

For every *.json: valid JSON, its article beside it, known actor/event types and modalities,
every name used in events, tensions, cooperation and affiliations resolves to an actor (name or
alias), no surface form claimed by two actors, evidence copied from the article body.
Prints one line per problem; exit status 1 if any.
"""
import json
import re
import sys
from pathlib import Path

ACTOR_TYPES = {"person", "country", "organisation", "group", "place"}
EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "reported", "hypothetical", "negated", "denied"}


def squash(text: str) -> str:
    return " ".join(text.split())


def article_body(path: Path) -> str:
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        match = re.match(r"---\n.*?\n---\n", text, re.S)
        return text[match.end():] if match else text
    return text


def check_file(path: Path) -> list[str]:
    try:
        gold = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        return [f"not valid JSON: {err}"]
    problems = []
    article = path.parent / gold.get("article", "")
    if gold.get("retrieval") and not article.is_file():
        body = None  # an out-of-domain article: only its gold, url and how to find it are committed
    elif not gold.get("article") or not article.is_file():
        problems.append(f"article {gold.get('article')!r} not found beside the gold file")
        body = None
    else:
        body = squash(article_body(article))

    owner: dict[str, str] = {}
    for actor in gold.get("actors", []):
        name = actor.get("name")
        if actor.get("type") not in ACTOR_TYPES:
            problems.append(f"actor {name!r}: bad type {actor.get('type')!r}")
        for form in [name, *actor.get("aliases", [])]:
            if form in owner and owner[form] != name:
                problems.append(f"form {form!r} used by both {owner[form]!r} and {name!r}")
            owner.setdefault(form, name)

    def known(label: str, value) -> None:
        if value not in owner:
            problems.append(f"{label}: {value!r} is not an actor name or alias")

    for actor in gold.get("actors", []):
        if actor.get("affiliation") is not None:
            known(f"affiliation of {actor['name']!r}", actor["affiliation"])
    for i, event in enumerate(gold.get("events", []), 1):
        label = f"event {i} ({event.get('type')})"
        if event.get("type") not in EVENT_TYPES:
            problems.append(f"{label}: unknown type")
        if event.get("modality") not in MODALITIES:
            problems.append(f"{label}: bad modality {event.get('modality')!r}")
        if not event.get("source") and not event.get("target"):
            problems.append(f"{label}: neither source nor target")
        for side in ("source", "target"):
            for value in event.get(side) or []:
                known(f"{label} {side}", value)
        evidence = squash(event.get("evidence") or "")
        if not evidence:
            problems.append(f"{label}: no evidence")
        elif body is not None and evidence not in body:
            problems.append(f"{label}: evidence not found in the article: {evidence[:60]!r}...")
    for kind in ("tensions", "cooperation"):
        seen = set()
        for item in gold.get(kind, []):
            a, b = item.get("a"), item.get("b")
            known(kind, a)
            known(kind, b)
            pair = frozenset((owner.get(a, a), owner.get(b, b)))
            if len(pair) != 2:
                problems.append(f"{kind}: {a!r} paired with itself")
            elif pair in seen:
                problems.append(f"{kind}: duplicate pair {a!r} / {b!r}")
            seen.add(pair)
            if not item.get("topic"):
                problems.append(f"{kind}: {a!r} / {b!r} has no topic")
    return problems


def main(dirs: list[str]) -> int:
    count = 0
    for directory in dirs or ["gold/fr"]:
        for path in sorted(Path(directory).rglob("*.json")):
            for problem in check_file(path):
                print(f"{path}: {problem}")
                count += 1
    print(f"{count} problem(s)")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
