"""Across briefs: stories, the briefs that report one happening, from several outlets, within days.

Two briefs are paired when both are dated to the day, at most WINDOW_DAYS apart, come from two
outlets (`same_outlet`), share a named actor (a person, country, organisation or group), and say alike what
happened: the cosine of their TF-IDF vectors (scikit-learn's hashing vectorizer; IDF from a fixed
Wikinews reference, `scripts/make_reference_idf.py`), the actors' names left out, is at least
MIN_SIMILARITY (names kept for two languages, where they are what is shared). Pairs join, the most
alike first, into stories that span at most WINDOW_DAYS: a chain of daily reports (the stages of
a race, a protest day after day) does not become one story. A story is named after its first
brief; a brief alike to no other is a story of one.

Two articles of one outlet are never paired directly: an outlet's series (one results page per
competition, one update per day) reads alike from one happening to the next. They can still be of
one story through another outlet's article.

The likeness of two briefs depends on those two only, so a build compares a new brief with the
briefs of its window and keeps what earlier builds decided (`.briefing-cache/stories.json`, by
the briefs' digests): adding one article to 10,000 briefs compares it with a few dozen."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

from .load import web_host
from .model import Brief

WINDOW_DAYS = 3
"""Outlets report a happening within days; a summit a month later is another story."""
MIN_SIMILARITY = 0.25
"""Chosen on the development half of gold/stories: pair F1 0.94, the best there, from 0.23 to 0.27
on the likeness without names; lower thresholds chain same-week happenings with the same actors."""
NAMED = ("person", "country", "organisation", "group")
N_FEATURES = 2**20
WORDS = r"(?u)\b[^\W\d_]{2,}\b"
TEXT_CHARS = 4000
"""The title and the first paragraphs say what happened; the rest is background that other stories share."""
REFERENCE = Path(__file__).parent / "data" / "stories" / "reference_df.npz"


@cache
def hashing():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None, token_pattern=WORDS,
                             lowercase=True, strip_accents="unicode")


@cache
def _weighting(lang: str):
    """TF-IDF weighting with the reference's document frequencies for the language (English's for
    a language without a reference: names and numbers still match)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    reference = np.load(REFERENCE)
    lang = lang if f"{lang}_df" in reference else "en"
    documents = int(reference[f"{lang}_documents"][0])
    df = np.zeros(N_FEATURES)
    df[reference[f"{lang}_features"]] = reference[f"{lang}_df"]
    transformer = TfidfTransformer(sublinear_tf=True)
    transformer.idf_ = np.log((1 + documents) / (1 + df)) + 1
    return transformer


def vectors(briefs: list[Brief], *, names: bool = False):
    """One l2-normalised TF-IDF row per brief: what its title and opening say happened, without
    the names of its actors (shared actors are a signal of their own; left in the text, they make
    any two briefs on Poland and Russia alike). Across languages only names are shared: `names`
    keeps them."""
    from scipy.sparse import vstack

    if not briefs:
        return None
    counts = hashing().transform([_opening(b) if names else _what(b) for b in briefs]).tocsr()
    langs = sorted({b.lang for b in briefs})
    if len(langs) == 1:
        return _weighting(langs[0]).transform(counts).tocsr()
    rows = [_weighting(b.lang).transform(counts[i]) for i, b in enumerate(briefs)]
    return vstack(rows).tocsr()


def _opening(brief: Brief) -> str:
    return f"{brief.title}\n{brief.text[:TEXT_CHARS]}"


def _what(brief: Brief) -> str:
    names = {form.strip() for actor in brief.actors for form in (actor.name, *actor.aliases, *(m.text for m in actor.mentions))}
    names.discard("")
    if not names:
        return _opening(brief)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    return pattern.sub(" ", _opening(brief))


def _day(brief: Brief) -> int | None:
    return dt.date.fromisoformat(brief.date).toordinal() if len(brief.date) == 10 else None


def _named(brief: Brief) -> frozenset[str]:
    return frozenset(a.id for a in brief.actors if a.type in NAMED)


def same_outlet(a: Brief, b: Brief) -> bool:
    """Two briefs that both give their outlet's name are of one outlet when the names agree (an
    aggregator's host carries many outlets); otherwise when both come from one web host ("www."
    aside). Two briefs of which nothing is known are not taken for one outlet."""
    names = a.source.strip().casefold(), b.source.strip().casefold()
    if all(names):
        return names[0] == names[1]
    hosts = web_host(a.url), web_host(b.url)
    return bool(hosts[0]) and hosts[0] == hosts[1]


def count_outlets(briefs: list[Brief]) -> int:
    """How many outlets report the briefs: those of one outlet count once."""
    outlets: list[Brief] = []
    for brief in briefs:
        if not any(same_outlet(brief, other) for other in outlets):
            outlets.append(brief)
    return len(outlets)


def linked_pairs(briefs: list[Brief], new: set[str]) -> dict[tuple[str, str], float]:
    """Pairs of brief ids alike enough to be of one story, with their likeness, among those with
    at least one brief in `new` (ids)."""
    dated = sorted((b for b in briefs if _day(b) is not None), key=lambda b: (_day(b), b.id))
    days = [_day(b) for b in dated]
    candidates = set()
    for i, brief in enumerate(dated):
        if brief.id not in new:
            continue
        low, high = bisect.bisect_left(days, days[i] - WINDOW_DAYS), bisect.bisect_right(days, days[i] + WINDOW_DAYS)
        for other in dated[low:high]:
            if other.id != brief.id and _named(brief) & _named(other) and not same_outlet(brief, other):
                candidates.add(tuple(sorted((brief.id, other.id))))
    if not candidates:
        return {}
    involved = sorted({i for pair in candidates for i in pair})
    row = {brief_id: n for n, brief_id in enumerate(involved)}
    by_id = {b.id: b for b in dated}
    what = vectors([by_id[i] for i in involved])
    across = [(a, b) for a, b in candidates if by_id[a].lang != by_id[b].lang]
    named = vectors([by_id[i] for i in involved], names=True) if across else what

    pairs = sorted(candidates)
    first = [row[a] for a, _ in pairs]
    second = [row[b] for _, b in pairs]
    same = np.asarray(what[first].multiply(what[second]).sum(axis=1)).ravel()
    across_languages = np.array([by_id[a].lang != by_id[b].lang for a, b in pairs])
    if across_languages.any():
        same = np.where(across_languages, np.asarray(named[first].multiply(named[second]).sum(axis=1)).ravel(), same)
    return {pair: round(float(score), 4) for pair, score in zip(pairs, same) if score >= MIN_SIMILARITY}


def group_stories(briefs: list[Brief], record: Path | None = None) -> dict[str, str]:
    """Brief id -> story id (the id of the story's first brief, by date then id). With `record`,
    pairs decided by an earlier build are read from it and only new briefs are compared."""
    digests = {b.id: b.digest for b in briefs}
    known = _read(record) if record else {}
    seen = set(known.get("seen", []))
    by_digest = {digest: brief_id for brief_id, digest in digests.items()}
    pairs = {tuple(sorted((by_digest[a], by_digest[b]))): score for a, b, score in known.get("linked", [])
             if a in by_digest and b in by_digest}
    pairs.update(linked_pairs(briefs, {b.id for b in briefs if b.digest not in seen}))
    if record:
        now = {"model": _fingerprint(), "seen": sorted(digests.values()),
               "linked": sorted([*sorted((digests[a], digests[b])), score] for (a, b), score in pairs.items())}
        if now != known:  # a rebuild with nothing new writes nothing
            _write(record, now)
    by_id = {b.id: b for b in briefs}
    members = {b.id: [b.id] for b in briefs}
    span = {b.id: (_day(b), _day(b)) for b in briefs}
    story = {b.id: b.id for b in briefs}
    for (a, b), _ in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        one, other = story[a], story[b]
        if one == other:
            continue
        low, high = min(span[one][0], span[other][0]), max(span[one][1], span[other][1])
        if high - low > WINDOW_DAYS:
            continue  # joined, they would span more than a happening's days
        if len(members[one]) < len(members[other]):
            one, other = other, one
        for brief_id in members.pop(other):
            story[brief_id] = one
            members[one].append(brief_id)
        span[one] = (low, high)
    first = {one: min((by_id[m] for m in group), key=lambda b: (b.date, b.id)).id for one, group in members.items()}
    return {brief_id: first[story[brief_id]] for brief_id in by_id}


@cache
def _fingerprint() -> str:
    """What pair decisions depend on besides the two briefs (this module's code and settings, the
    reference): a change forgets the record."""
    return hashlib.sha256(Path(__file__).read_bytes() + REFERENCE.read_bytes()).hexdigest()[:32]


def _read(path: Path) -> dict:
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("model") != _fingerprint():
        return {}
    seen, linked = record.get("seen"), record.get("linked")
    well_formed = (isinstance(seen, list) and all(isinstance(d, str) for d in seen) and isinstance(linked, list)
                   and all(isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and isinstance(p[1], str)
                           and isinstance(p[2], (int, float)) for p in linked))
    return record if well_formed else {}  # damaged: everything is compared again


def _write(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(record, out, separators=(",", ":"))
    os.replace(tmp, path)
