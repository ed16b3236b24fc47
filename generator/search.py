"""The site's search index: stemmed, accent-folded terms of every brief and actor page.

Material's stock search neither stems nor folds accents, and its web worker cannot load its index
from `file://`. This index is a plain script (`assets/search-index.js`) that the search script
loads with a `<script>` tag, which works from disk and over http alike. Stemming happens here, at
build time (Snowball, as in Lucene and lunr); the browser only folds accents and looks words up:
a query word matches a form seen in the site ("gouvernements"), any form it starts
("sanction" -> "sanctions"), or the longest stem it starts with ("gouvernementales" -> "gouvern").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache, lru_cache

import snowballstemmer

from .archive import Archive

WORD = re.compile(r"[^\W_]+")
STEMMERS = {"fr": "french", "en": "english"}
MIN_WORD = 2
SNIPPET = 160
# Weights of where a word occurs: a name or a title says more than a word in the article text.
TITLE, NAME, SUMMARY, TEXT = 6, 5, 2, 1


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Lowercase without accents, as the browser folds a query ("Élection" -> "election")."""
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


@cache
def _stemmer(lang: str):
    return snowballstemmer.stemmer(STEMMERS.get(lang, "french"))


@lru_cache(maxsize=1 << 18)
def _term(word: str, lang: str) -> tuple[str, str]:
    """Words repeat (Zipf): Snowball, in pure Python, runs once per distinct word."""
    return fold(word), fold(_stemmer(lang).stemWord(word))


def terms(text: str, lang: str) -> list[tuple[str, str]]:
    """(folded form, folded stem) of every word of the text."""
    return [_term(word, lang) for word in WORD.findall(text.lower()) if len(word) >= MIN_WORD]


def build_index(archive: Archive, url_of) -> str:
    """The index as a JavaScript file: `url_of(kind, key)` gives each page's path from the site root."""
    docs: list[list] = []
    postings: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)

    def add(doc_id: int, text: str, lang: str, weight: int) -> None:
        for form, stem in terms(text, lang):
            postings[stem][doc_id] += weight
            forms[form][stem] += 1

    indexed = {}
    for brief in archive.briefs:
        doc_id = len(docs)
        docs.append([brief.title, url_of("brief", brief.id), brief.date, _snippet(" ".join(brief.summary))])
        weights, seen = indexed[brief.digest] = INDEXED.get(brief.digest) or _brief_terms(brief)
        for stem, weight in weights.items():
            postings[stem][doc_id] += weight
        for (form, stem), count in seen.items():
            forms[form][stem] += count
    INDEXED.clear()
    INDEXED.update(indexed)
    for record in archive.actors.values():
        doc_id = len(docs)
        roles = ", ".join(sorted(record.roles))
        docs.append([record.name, url_of("actor", record.page), record.type, _snippet(roles)])
        lang = record.briefs[0].lang if record.briefs else "fr"
        add(doc_id, " ".join([record.name, *sorted(record.aliases)]), lang, NAME * 2)
        add(doc_id, roles, lang, SUMMARY)
    index = {
        "docs": docs,
        "terms": {stem: _flat(counts) for stem, counts in sorted(postings.items())},
        "forms": {form: _most_common(stems) for form, stems in sorted(forms.items())},
    }
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</script>" or U+2028 inside a title must not end or break the script.
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.briefingSearchIndex = {payload};\n"


INDEXED: dict[str, tuple[Counter, Counter]] = {}
"""Each brief of the last index, by digest: its weighted stems and its (form, stem) pairs, so that
`serve` stems only the briefs that changed."""


def _brief_terms(brief) -> tuple[Counter, Counter]:
    weights: Counter = Counter()
    seen: Counter = Counter()
    parts = [(brief.title, TITLE), *((" ".join([a.name, *a.aliases]), NAME) for a in brief.actors),
             (" ".join(brief.summary), SUMMARY), (brief.text, TEXT)]
    for text, weight in parts:
        for form, stem in terms(text, brief.lang):
            weights[stem] += weight
            seen[form, stem] += 1
    return weights, seen


def _flat(counts: Counter) -> list[int]:
    """[doc, weight, doc, weight, ...] in doc order: compact and quick to read in the browser."""
    flat: list[int] = []
    for doc_id in sorted(counts):
        flat += [doc_id, counts[doc_id]]
    return flat


def _most_common(counts: Counter) -> str:
    return min(counts, key=lambda stem: (-counts[stem], stem))


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rsplit(" ", 1)[0] + "…"
