"""Analyst curation from `actors.yml`: aliases, merges, renames, types, roles and ignores, applied to
every brief on every build, so corrections survive rebuilds. See docs/curation.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import ConfigError, yaml_error_line
from .gazetteer import fold
from .model import ACTOR_TYPES, Actor, Brief, Relation

ACTOR_KEYS = ("name", "type", "role", "affiliation", "aliases", "merge")


@dataclass(frozen=True)
class Curation:
    """The validated content of actors.yml."""

    actors: dict[str, dict] = field(default_factory=dict)
    """Canonical id -> overrides (name, type, role, affiliation)."""
    ids: dict[str, str] = field(default_factory=dict)
    """Merged id -> canonical id."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Folded surface form -> canonical id."""
    ignored: frozenset[str] = frozenset()
    """Ids and folded names of actors to drop."""

    def canonical(self, actor: Actor) -> str | None:
        """The id this actor becomes, or None when it is ignored."""
        if actor.id in self.ignored or fold(actor.name) in self.ignored:
            return None
        if actor.id in self.ids:
            return self.ids[actor.id]
        for form in (actor.name, *actor.aliases):
            if fold(form) in self.aliases:
                return self.aliases[fold(form)]
        return actor.id


def load_curation(path: Path) -> Curation:
    """Read and validate actors.yml; a missing file means no curation."""
    if not path.is_file():
        return Curation()
    try:
        text = path.read_text("utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as err:
        raise ConfigError(path, "not valid UTF-8") from err
    except yaml.YAMLError as err:
        raise ConfigError(path, f"not valid YAML: {getattr(err, 'problem', err)}", line=yaml_error_line(err)) from err
    if root is None:
        return Curation()
    _expect(path, root, yaml.MappingNode, "the file must be a mapping with 'actors:' and/or 'ignore:'")
    actors: dict[str, dict] = {}
    ids: dict[str, str] = {}
    aliases: dict[str, str] = {}
    ignored: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value
        if key == "actors":
            _expect(path, value_node, yaml.MappingNode, "'actors' must map actor ids to settings")
            for id_node, settings_node in value_node.value:
                actor_id = str(id_node.value)
                overrides = _actor_settings(path, actor_id, settings_node)
                actors[actor_id] = overrides
                for merged in overrides.pop("merge", []):
                    ids[merged] = actor_id
                for alias in overrides.pop("aliases", []):
                    aliases[fold(alias)] = actor_id
        elif key == "ignore":
            _expect(path, value_node, yaml.SequenceNode, "'ignore' must be a list of actor ids or names")
            for item in value_node.value:
                _expect(path, item, yaml.ScalarNode, "each ignored actor is an id or a name")
                ignored.add(item.value)
                ignored.add(fold(item.value))
        else:
            raise ConfigError(path, f"unknown section {key!r}; expected 'actors' or 'ignore'",
                              line=key_node.start_mark.line + 1)
    return Curation(actors, ids, aliases, frozenset(ignored))


def _expect(path: Path, node, kind, message: str) -> None:
    if not isinstance(node, kind):
        raise ConfigError(path, message, line=node.start_mark.line + 1)


def _actor_settings(path: Path, actor_id: str, node) -> dict:
    _expect(path, node, yaml.MappingNode, f"actor {actor_id!r}: settings must be a mapping")
    settings: dict = {}
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in ACTOR_KEYS:
            raise ConfigError(path, f"actor {actor_id!r}: unknown setting {key!r} (allowed: {', '.join(ACTOR_KEYS)})",
                              line=line)
        if key in ("aliases", "merge"):
            _expect(path, value_node, yaml.SequenceNode, f"actor {actor_id!r}: {key} must be a list")
            settings[key] = [str(item.value) for item in value_node.value]
        else:
            _expect(path, value_node, yaml.ScalarNode, f"actor {actor_id!r}: {key} must be text")
            value = value_node.value
            if key == "type" and value not in ACTOR_TYPES:
                raise ConfigError(path, f"actor {actor_id!r}: type {value!r} is not one of {', '.join(ACTOR_TYPES)}",
                                  line=line)
            settings[key] = None if value in ("", "null", "~") else value
    return settings


def apply_curation(brief: Brief, curation: Curation) -> Brief:
    """The brief with the analyst's corrections: ids merged, actors renamed, retyped or dropped."""
    if not (curation.actors or curation.ids or curation.aliases or curation.ignored):
        return brief
    new_id = {actor.id: curation.canonical(actor) for actor in brief.actors}
    merged: dict[str, Actor] = {}
    for actor in brief.actors:
        target = new_id[actor.id]
        if target is None:
            continue
        if target in merged:
            first = merged[target]
            merged[target] = replace(
                first,
                aliases=tuple(sorted(set(first.aliases) | set(actor.aliases) | {actor.name} - {first.name})),
                mentions=tuple(sorted(set(first.mentions) | set(actor.mentions), key=lambda m: (m.start, m.end))),
                role=first.role or actor.role,
                affiliation=first.affiliation or actor.affiliation,
            )
        else:
            merged[target] = replace(actor, id=target)
    actors = []
    for actor in merged.values():
        overrides = curation.actors.get(actor.id, {})
        affiliation = overrides.get("affiliation", actor.affiliation)
        if affiliation is not None and affiliation in new_id:
            affiliation = new_id[affiliation]
        name = overrides.get("name") or actor.name
        actors.append(replace(
            actor,
            name=name,
            aliases=tuple(sorted((set(actor.aliases) | {actor.name}) - {name})),
            type=overrides.get("type") or actor.type,
            role=overrides.get("role", actor.role),
            affiliation=affiliation if affiliation != actor.id else None,
        ))
    kept = {a.id for a in actors}

    def ids(values) -> tuple[str, ...]:
        return tuple(dict.fromkeys(new_id.get(v, v) for v in values if new_id.get(v, v) in kept))

    events = []
    for event in brief.events:
        source, target = ids(event.source), ids(event.target)
        target = tuple(t for t in target if t not in source)
        if source or target:
            events.append(replace(event, source=source, target=target))
    return replace(
        brief,
        actors=tuple(sorted(actors, key=lambda a: (a.mentions[0].start, a.id))),
        events=tuple(events),
        tensions=_relations(brief.tensions, ids),
        cooperation=_relations(brief.cooperation, ids),
        quotes=tuple(replace(q, speaker=(ids([q.speaker]) or (None,))[0]) if q.speaker else q for q in brief.quotes),
    )


def _relations(relations: tuple[Relation, ...], ids) -> tuple[Relation, ...]:
    table: dict[tuple[str, str], Relation] = {}
    for relation in relations:
        pair = ids(relation.actors)
        if len(pair) != 2:
            continue
        key = tuple(sorted(pair))
        if key in table:
            old = table[key]
            evidence = tuple(sorted(set(old.evidence) | set(relation.evidence), key=lambda e: e.start))
            table[key] = replace(old, intensity=round(old.intensity + relation.intensity, 1), evidence=evidence)
        else:
            table[key] = replace(relation, actors=key)
    return tuple(sorted(table.values(), key=lambda r: (-r.intensity, r.actors)))

