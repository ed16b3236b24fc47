"""The date of an article that does not state it: from a dateline or date phrase at the head of its
text ("Paris, le 16 décembre 2024", "lundi 16 décembre 2024", "Dec. 16, 2024"), or from its URL.

The parsing is dateparser's (text) and htmldate's (URLs); this module only chooses where to look.
Nothing depends on the clock: relative phrases ("hier", "il y a deux jours") and dates without a
year are never used, so the same article always gets the same date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

HEAD_CHARS = 400
"""Datelines and bylines open an article; a date further in is an event's, not the article's."""
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
WINDOW_WORDS = 5
"""Words before a year that may belong to its date: "Paris, le lundi 16 décembre 2024"."""
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
FIXED_BASE = dt.datetime(2000, 1, 1)
"""dateparser's reference for anything relative; with every part required it is never used."""


@dataclass(frozen=True)
class FoundDate:
    date: str
    """YYYY-MM-DD."""
    phrase: str
    """Where it was read: the words of the text, or the URL."""


def date_from_text(text: str, lang: str) -> FoundDate | None:
    """The first full date (day, month and year) in the article's head, read in its language."""
    head = text[:HEAD_CHARS]
    for year in YEAR.finditer(head):
        rest = head[year.end() :]
        end = year.end() + (len(rest.split(maxsplit=1)[0]) if rest[:1].strip() else 0)  # "2024-12-16"
        words = head[:end].rstrip(".,;:)]»\"'").split()[-WINDOW_WORDS - 1 :]
        for start in range(len(words)):  # longest phrase first: "lundi 16 décembre 2024"
            phrase = " ".join(words[start:]).lstrip("([«\"'")
            found = _parse(phrase, lang)
            if found:
                return FoundDate(found, phrase)
    return None


def date_from_url(url: str) -> FoundDate | None:
    """A full date in a URL's path (/2017/02/22/, /2017-02-22-...), as htmldate reads it."""
    if not url.startswith(("http://", "https://")):
        return None
    from htmldate import find_date

    try:
        found = find_date("<html><body></body></html>", url=url, extensive_search=False, original_date=True,
                          min_date=EARLIEST.isoformat(), max_date=LATEST.isoformat())
    except (ValueError, TypeError):
        return None
    if not found or not _has_day(url, found):
        return None
    return FoundDate(found, url)


def _has_day(url: str, found: str) -> bool:
    """htmldate fills a missing day with 01: keep only dates whose day the URL really holds."""
    year, month, day = found.split("-")
    return bool(re.search(rf"{year}\D?{month}\D?{day}(?!\d)|{day}\D?{month}\D?{year}", url))


def _parse(phrase: str, lang: str) -> str | None:
    parser = _parser(lang)
    if parser is None or not any(ch.isdigit() for ch in phrase):
        return None
    parsed = parser(phrase)
    if parsed is None or not EARLIEST <= parsed.date() <= LATEST:
        return None
    return parsed.date().isoformat()


@cache
def _parser(lang: str):
    """dateparser for one language (and English, which datelines of agencies often are), set to
    accept only complete dates."""
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RELATIVE_BASE": FIXED_BASE,
                "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    languages = [lang, "en"] if lang != "en" else ["en"]
    try:
        dateparser.parse("1 January 2000", languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know
        languages = ["en"]
    return lambda phrase: dateparser.parse(phrase, languages=languages, settings=settings)
