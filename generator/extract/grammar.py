"""One grammar for the rules: English parses are rewritten into the Universal Dependencies shape
the French pipeline produces, so actors, events and tensions are read by the same code.

spaCy's English pipelines use ClearNLP labels, where a preposition heads its noun ("imposed
sanctions [on [Iran]]"); UD hangs the noun on the verb and the preposition on the noun
("imposed sanctions [Iran [on]]", obl + case). Only labels and heads change; texts, offsets
and lemmas stay as they are.
"""

from __future__ import annotations

from spacy.tokens import Doc

LABELS = {
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "dobj": "obj",
    "dative": "iobj",
    "relcl": "acl:relcl",
    "poss": "nmod:poss",
    "neg": "advmod",
    "npadvmod": "obl:npmod",
}
VERBAL = ("VERB", "AUX", "ADJ")


def to_universal(doc: Doc) -> Doc:
    """Rewrite an English (ClearNLP-labelled) parse in place; a UD parse is left alone."""
    if doc.lang_ != "en" or doc.user_data.get("briefing_universal"):
        return doc
    for token in doc:
        if token.dep_ in LABELS:
            token.dep_ = LABELS[token.dep_]
    for token in list(doc):
        if token.dep_ not in ("prep", "agent"):
            continue
        objects = [child for child in token.children if child.dep_ == "pobj"]
        if not objects or token.head.i == token.i:
            continue
        noun, governor = objects[0], token.head
        agent = token.dep_ == "agent"
        noun.head = governor
        noun.dep_ = "obl:agent" if agent else "obl" if governor.pos_ in VERBAL else "nmod"
        token.head = noun
        token.dep_ = "case"
    doc.user_data["briefing_universal"] = True
    return doc
