"""The French trigger lexicon is well-formed data: every PLOVER type covered, no lemma claimed by
two types, scores on the Goldstein scale."""

from collections import defaultdict

import yaml

from generator.gazetteer import DATA_DIR
from generator.lexicon import PLOVER_TYPES, _entries, load_lexicon


def test_every_plover_type_has_triggers_and_a_quad():
    lexicon = load_lexicon("fr")
    assert set(lexicon.types) == set(PLOVER_TYPES)
    covered = {t.type for t in lexicon.single.values()} | {t.type for t in lexicon.multi}
    assert covered == set(PLOVER_TYPES)
    assert len(lexicon.single) + len(lexicon.multi) >= 400
    for trigger in list(lexicon.single.values()) + lexicon.multi:
        assert -10 <= trigger.score <= 10
        assert (trigger.score < 0) == trigger.quad.endswith("conflict") or trigger.type == "REQUEST"


def test_no_trigger_is_claimed_by_two_types():
    path = DATA_DIR / "lexicon" / "fr.yml"
    types = defaultdict(set)
    for lemma, pos, event_type, _ in _entries(yaml.safe_load(path.read_text("utf-8"))["triggers"], path):
        types[(lemma, pos)].add(event_type)
    assert {key: found for key, found in types.items() if len(found) > 1} == {}
