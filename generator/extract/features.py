"""What the learned reader sees: features of tokens (triggers), of (trigger, actor mention) pairs
(roles) and of candidate actors, as plain strings.

Training (training/train.py) and the runtime (reader.py) call these same functions, so a model
always sees at run time what it saw in training. The hand rules are features here, not verdicts:
the lexicon's type for a word, and the rule extractor's source and target for a trigger.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "AUX"})
"""Words that can carry an event; the rest are never candidates."""
MAX_PATH = 4


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence: its tokens and the actor it names."""

    start: int
    """Token index of its first token."""
    end: int
    actor: str
    actor_type: str

    def root(self, doc: Doc) -> Token:
        return doc[self.start : self.end].root


def is_candidate(token: Token) -> bool:
    return token.pos_ in TRIGGER_POS and any(c.isalpha() for c in token.text)


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _case(token: Token) -> str:
    marks = [c.lower_ for c in token.children if c.dep_ in ("case", "mark")]
    return marks[0] if marks else "-"


def trigger_features(token: Token, *, lexicon_type: str | None, rule_type: str | None,
                     actor_children: tuple[str, ...]) -> list[str]:
    """Features of a candidate trigger word.

    `lexicon_type`: the hand lexicon's type for the word; `rule_type`: the type the rule
    extractor gave an event triggered here; `actor_children`: the dependency labels of the
    word's dependents that name an actor.
    """
    lemma, head = token.lemma_.lower(), token.head
    left = token.nbor(-1).lemma_.lower() if token.i > 0 else "<s>"
    right = token.nbor(1).lemma_.lower() if token.i + 1 < len(token.doc) else "</s>"
    children = list(token.children)
    marks = [c.lower_ for c in children if c.dep_ in ("case", "mark")]
    features = [
        "bias", f"w={token.lower_}", f"l={lemma}", f"p={token.pos_}", f"d={token.dep_}",
        f"l|p={lemma}|{token.pos_}", f"p|d={token.pos_}|{token.dep_}", f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}", f"d|hl={token.dep_}|{head.lemma_.lower()}", f"pre4={lemma[:4]}", f"suf3={lemma[-3:]}",
        f"l-1={left}", f"l+1={right}", f"l-1|l={left}|{lemma}", f"l|l+1={lemma}|{right}",
        f"lex={lexicon_type or '-'}", f"lex|p={lexicon_type or '-'}|{token.pos_}", f"rule={rule_type or '-'}",
        f"case={marks[0] if marks else '-'}",
    ]
    for child in children:
        features.append(f"c={child.dep_}")
        if child.dep_ in ("obl", "obl:arg", "nmod", "obl:mod"):
            features.append(f"c={child.dep_}|{_case(child)}")
        if child.dep_ in ("advmod",) and child.lower_ in ("pas", "not", "jamais", "never"):
            features.append("negated")
    for dep in actor_children:
        features += [f"ac={dep}", f"l|ac={lemma}|{dep}"]
    if not actor_children:
        features.append("ac=none")
    return features


def dependency_path(source: Token, target: Token) -> str:
    """The labelled path from `source` up to the lowest common ancestor, then down to `target`."""
    up, node = [], source
    ancestors = {source.i: 0}
    chain = [source]
    while node.head.i != node.i and len(chain) <= 12:
        node = node.head
        ancestors[node.i] = len(chain)
        chain.append(node)
    down, node = [], target
    while node.i not in ancestors and node.head.i != node.i and len(down) <= 12:
        down.append(node.dep_)
        node = node.head
    if node.i not in ancestors:
        return "far"
    up = [t.dep_ for t in chain[: ancestors[node.i]]]
    if len(up) + len(down) > MAX_PATH:
        return "far"
    return "".join(f"^{d}" for d in up) + "|" + "".join(f"v{d}" for d in reversed(down))


def clause_predicate(trigger: Token) -> Token:
    """The verb whose clause carries an event: the trigger itself, or for an event noun the verb
    it depends on ("imposer des sanctions", "a condamné l'attaque")."""
    if trigger.pos_ in ("VERB", "AUX") or trigger.head.i == trigger.i:
        return trigger
    head = trigger.head
    return head if head.pos_ in ("VERB", "AUX") else trigger


def relation_to(predicate: Token, root: Token) -> str:
    """How a mention hangs on a predicate: its dependency label (with its preposition), through at
    most one intermediate word ("le président de la Russie" under nsubj counts as nsubj>nmod)."""
    if root.head.i == predicate.i and root.i != predicate.i:
        return f"{root.dep_}:{_case(root)}"
    middle = root.head
    if middle.head.i == predicate.i and middle.i != predicate.i and root.i != middle.i:
        return f"{middle.dep_}:{_case(middle)}>{root.dep_}:{_case(root)}"
    return "other"


def role_features(trigger: Token, event_type: str, mention: Mention, *, rule_role: str | None,
                  rule_event: bool, mentions_between: int, rank: int) -> list[str]:
    """Features of an (event trigger, actor mention) pair in one sentence.

    `rule_role`: "source" or "target" when the rule extractor made this mention's actor a side of
    an event triggered here; `rule_event`: whether it made one at all; `rank`: 0 for the actor
    mention nearest the trigger on its side, 1 for the next, and so on.
    """
    doc = trigger.doc
    root = mention.root(doc)
    path = dependency_path(root, trigger)
    case = _case(root)
    lemma = trigger.lemma_.lower()
    order = "before" if mention.end <= trigger.i else "after" if mention.start > trigger.i else "inside"
    distance = _bucket(abs(trigger.i - root.i))
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in trigger.children)
    direct = root.head.i == trigger.i
    features = [
        "bias", f"path={path}", f"T={event_type}", f"T|path={event_type}|{path}", f"rdep={root.dep_}",
        f"rdep|case={root.dep_}|{case}", f"case={case}", f"T|rdep|case={event_type}|{root.dep_}|{case}",
        f"tp={trigger.pos_}", f"tp|path={trigger.pos_}|{path}", f"tl|rdep={lemma}|{root.dep_}",
        f"tl|case={lemma}|{case}", f"order={order}", f"T|order={event_type}|{order}", f"dist={distance}",
        f"order|dist={order}|{distance}", f"pass={passive}", f"pass|rdep={passive}|{root.dep_}",
        f"at={mention.actor_type}", f"at|rdep={mention.actor_type}|{root.dep_}", f"T|at={event_type}|{mention.actor_type}",
        f"mp={root.pos_}", f"direct={direct}", f"between={_bucket(mentions_between)}",
        f"rule={rule_role or '-'}", f"rule_event={rule_event}", f"T|rule={event_type}|{rule_role or '-'}",
        f"hl={root.head.lemma_.lower()}", f"hdep={root.head.dep_}",
    ]
    predicate = clause_predicate(trigger)
    to_predicate = relation_to(predicate, root)
    to_trigger = relation_to(trigger, root)
    side = f"{order}{min(rank, 2)}"
    features += [f"pred={to_predicate}", f"T|pred={event_type}|{to_predicate}", f"pass|pred={passive}|{to_predicate}",
                 f"trel={to_trigger}", f"T|trel={event_type}|{to_trigger}", f"tp|trel={trigger.pos_}|{to_trigger}",
                 f"rank={side}", f"T|rank={event_type}|{side}", f"tl|pred={lemma}|{to_predicate}",
                 f"pred_is_trigger={predicate.i == trigger.i}"]
    if direct:
        features.append(f"child={root.dep_}|{case}")
    if root.i in {t.i for t in trigger.subtree}:
        features.append("in_subtree")
    return features


def actor_features(doc: Doc, spans: list[Span], *, name: str, actor_type: str, actor_id: str, has_role: bool,
                   in_rule_event: bool, sentence_starts: frozenset[int]) -> list[str]:
    """Features of a candidate actor: is it a real actor, or a date, a verb, an outlet, a fragment?"""
    first = spans[0]
    root = first.root
    words = name.split()
    shape = "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in name)[:8]
    features = [
        "bias", f"type={actor_type}", f"name={name.lower()}", f"root={root.lemma_.lower()}", f"pos={root.pos_}",
        f"type|pos={actor_type}|{root.pos_}", f"dep={root.dep_}", f"ent={root.ent_type_ or '-'}",
        f"type|ent={actor_type}|{root.ent_type_ or '-'}", f"words={_bucket(len(words))}",
        f"mentions={_bucket(len(spans))}", f"shape={shape}", f"role={has_role}", f"event={in_rule_event}",
        f"iso={actor_id.isupper() and len(actor_id) == 3}", f"lower={name == name.lower()}",
        f"initial={first.start in sentence_starts}", f"type|initial={actor_type}|{first.start in sentence_starts}",
        f"single_initial={len(spans) == 1 and first.start in sentence_starts}",
        f"prev={doc[first.start - 1].lower_ if first.start > 0 else '<s>'}",
    ]
    for span in spans[:5]:
        features.append(f"mpos={span.root.pos_}")
        features.append(f"mdep={span.root.dep_}")
    return features
