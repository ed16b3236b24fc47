"""Reference data for actors: countries, organisations, news agencies and titles, read from `data/`.

The files are YAML inside the package, versioned with it; `data_fingerprint()` hashes them so the
brief cache is invalidated when they change.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when PyYAML has it: the data files load ten times faster."""

DATA_DIR = Path(__file__).parent / "data"
ARTICLES = ("le ", "la ", "les ", "l'", "l’", "the ")


@dataclass(frozen=True)
class Entry:
    """A known actor: a country (ISO alpha-3 id) or an organisation/group (slug id)."""

    id: str
    type: str
    names: dict[str, str]
    """Display name per language."""
    country: str | None = None


@dataclass
class Gazetteer:
    """Lookup tables from surface forms to known actors."""

    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Casefolded name, seat or alias -> id."""
    acronyms: dict[str, str] = field(default_factory=dict)
    """Acronym as written (case-sensitive) -> id."""
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    """Lowercase adjective or demonym -> country id ("iraniennes" -> IRN)."""
    prefixes: dict[str, str] = field(default_factory=dict)
    """Combining forms ("russo" in "russo-iranien") -> country id."""
    agencies: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()

    def add_name(self, name: str, actor_id: str) -> None:
        """Acronyms ("UN", "the U.N.") are matched as written, other names folded."""
        bare = strip_article(name)
        if bare.replace(".", "").isupper() and len(bare) <= 8:
            self.acronyms.setdefault(bare, actor_id)
        else:
            self.names.setdefault(fold(bare), actor_id)

    def display_name(self, actor_id: str, lang: str) -> str | None:
        entry = self.entries.get(actor_id)
        if entry is None:
            return None
        return entry.names.get(lang) or entry.names.get("en") or next(iter(entry.names.values()), None)

    def lookup(self, text: str) -> str | None:
        """The id a name, seat, capital or acronym denotes, if any."""
        return self.acronyms.get(text) or self.names.get(fold(strip_article(text))) or self.capitals.get(
            fold(text)
        )


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key, with typographic apostrophes unified."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def strip_article(text: str) -> str:
    lowered = text.lower()
    for article in ARTICLES:
        if lowered.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def _read(name: str) -> dict:
    path = DATA_DIR / name
    if not path.exists():
        return {}
    return yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER) or {}


def _all_langs(values: dict | list | None) -> list[str]:
    if not values:
        return []
    if isinstance(values, list):
        return [str(v) for v in values]
    return [str(v) for items in values.values() for v in (items or [])]


@cache
def load_gazetteer() -> Gazetteer:
    """Read every data file once per process."""
    gaz = Gazetteer()
    for code, data in sorted(_read("countries.yml").items()):
        gaz.entries[code] = Entry(code, "country", dict(data.get("name") or {}))
        for name in _all_langs(data.get("names")) + _all_langs(data.get("seats")):
            gaz.add_name(name, code)
        for capital in _all_langs(data.get("capitals")):
            gaz.capitals.setdefault(fold(capital), code)
        for demonym in _all_langs(data.get("demonyms")):
            gaz.demonyms.setdefault(demonym.lower(), code)
        for prefix in data.get("prefixes") or []:
            gaz.prefixes.setdefault(str(prefix).lower(), code)
    for slug, data in sorted(_read("organisations.yml").items()):
        gaz.entries[slug] = Entry(slug, data.get("type") or "organisation", dict(data.get("name") or {}),
                                  data.get("country"))
        for acronym in data.get("acronyms") or []:
            gaz.acronyms.setdefault(str(acronym), slug)
        for name in _all_langs(data.get("names")):
            gaz.add_name(name, slug)
    agencies = _read("news_agencies.yml").get("agencies") or []
    gaz.agencies = frozenset(fold(a) for a in agencies)
    titles = _read("titles.yml")
    gaz.honorifics = frozenset(fold(h) for h in _all_langs(titles.get("honorifics")))
    gaz.roles = frozenset(fold(r) for r in _all_langs(titles.get("roles")))
    gaz.group_nouns = frozenset(fold(g) for g in _all_langs(titles.get("groups")))
    return gaz


@cache
def data_fingerprint() -> str:
    """Hash of every data file, the learned reader's weights included: part of the cache key, so a
    changed lexicon or retrained model re-parses everything."""
    digest = hashlib.sha256()
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.suffix in (".yml", ".json", ".npz")):
        if path.relative_to(DATA_DIR).parts[0] in ("starter", "stories"):
            continue  # `briefing init`'s files and the stories' reference: not extraction data
        digest.update(path.relative_to(DATA_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
