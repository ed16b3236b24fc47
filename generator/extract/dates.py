"""Event dates: a date stated in the sentence ("le 31 août", "lundi", "il y a deux ans", "hier"),
resolved against the article date; otherwise the article date. In an undated article only a
date that names its year ("le 3 mars 2022", "en 2019") can be placed."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six_": 6, "ten": 10,
}  # fmt: skip
RELATIVE_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1,
                 "yesterday": -1, "today": 0, "tomorrow": 1}
UNITS = {"jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks", "mois": "months",
         "an": "years", "ans": "years", "année": "years", "années": "years", "day": "days", "days": "days",
         "week": "weeks", "weeks": "weeks", "month": "months", "months": "months", "year": "years",
         "years": "years"}

_month = "|".join(sorted(MONTHS, key=len, reverse=True))
_weekday = "|".join(WEEKDAYS)
_number = r"\d+|" + "|".join(k for k in NUMBERS if not k.endswith("_"))
_unit = "|".join(sorted(UNITS, key=len, reverse=True))
NEXT_AFTER = re.compile(r"\s+prochaine?\b", re.I)
NEXT_BEFORE = re.compile(r"\b(?:next|this coming)\s+$", re.I)
PATTERNS = [
    ("day_month", re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_month})(?:\s+(\d{{4}}))?\b", re.I)),
    ("month_day", re.compile(rf"\b({_month})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("month_year", re.compile(rf"\b(?:en\s+|in\s+)?({_month})\s+(\d{{4}})\b", re.I)),
    ("ago", re.compile(rf"\b(?:il y a\s+({_number})\s+({_unit})|({_number})\s+({_unit})\s+ago)\b", re.I)),
    ("relative", re.compile(r"(?<![\w-])(avant-hier|hier|aujourd['’]hui|demain|yesterday|today|tomorrow)\b", re.I)),
    ("weekday", re.compile(rf"\b({_weekday})\b", re.I)),
    ("year", re.compile(r"\b(?:en|in)\s+((?:19|20)\d{2})\b", re.I)),
]


def parse_article_date(value: str) -> tuple[dt.date, str]:
    """(the date, its precision: 'day' or 'month') from YYYY-MM-DD or YYYY-MM."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts), "day"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), "month"
    return dt.date(parts[0], 1, 1), "year"


def _number_value(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS.get(word)


def _shift(anchor: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "days":
        return anchor - dt.timedelta(days=amount)
    if unit == "weeks":
        return anchor - dt.timedelta(weeks=amount)
    months = amount * (12 if unit == "years" else 1)
    index = anchor.year * 12 + anchor.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _day_month(anchor: dt.date, day: int, month: int, year: str | None) -> str | None:
    """A day and month without a year is the latest such date not after the article (news tells the past)."""
    try:
        if year:
            return dt.date(int(year), month, day).isoformat()
        candidate = dt.date(anchor.year, month, day)
        if (candidate.month, candidate.day) > (anchor.month, anchor.day) and month - anchor.month > 1:
            candidate = dt.date(anchor.year - 1, month, day)
        return candidate.isoformat()
    except ValueError:
        return None


def is_future(verb) -> bool:
    """Whether an event's verb (a spaCy token) tells what is to come: a future tense ("se
    retrouveront"), "aller" or "devoir" in the present with the infinitive ("vont se réunir",
    "doivent voter"), or "will"/"shall"."""
    if "Fut" in verb.morph.get("Tense"):
        return True
    if any(child.dep_.startswith("aux") and child.lower_ in ("will", "shall", "'ll") for child in verb.children):
        return True
    head = verb.head
    return (verb.dep_ == "xcomp" and "Inf" in verb.morph.get("VerbForm") and head.lemma_.lower() in ("aller", "devoir")
            and "Pres" in head.morph.get("Tense"))


def resolve_date(sentence: str, article_date: str, *, near: int | None = None, future: bool = False) -> str:
    """The date an event in this sentence happened: the expression nearest to `near` (a character
    offset in the sentence), resolved against the article date; the article date when none is found.
    A bare weekday is the latest such day up to the article's, or with `future` (the event's verb
    tells what is to come, `is_future`) or "prochain"/"next", the next one from it."""
    anchor, precision = parse_article_date(article_date) if article_date else (None, "none")
    found: list[tuple[int, str]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            value = _resolve(kind, match, anchor, precision, future)
            if value:
                found.append((match.start(), value))
    if not found:
        return article_date
    position = near if near is not None else 0
    return min(found, key=lambda item: (abs(item[0] - position), item[0]))[1]


def _resolve(kind: str, match: re.Match, anchor: dt.date | None, precision: str, future: bool) -> str | None:
    groups = match.groups()
    if anchor is None and not (kind in ("month_year", "year") or kind in ("day_month", "month_day") and groups[2]):
        return None  # an undated article: only a date that names its year can be placed
    if kind == "day_month":
        return _day_month(anchor, int(groups[0]), MONTHS[groups[1].lower()], groups[2])
    if kind == "month_day":
        return _day_month(anchor, int(groups[1]), MONTHS[groups[0].lower()], groups[2])
    if kind == "month_year":
        return f"{int(groups[1]):04d}-{MONTHS[groups[0].lower()]:02d}"
    if kind == "year":
        return groups[0]
    if kind == "ago":
        amount = _number_value(groups[0] or groups[2])
        unit = UNITS[(groups[1] or groups[3]).lower()]
        if amount is None:
            return None
        shifted = _shift(anchor, amount, unit)
        if unit in ("days", "weeks") and precision == "day":
            return shifted.isoformat()
        return f"{shifted.year:04d}" if unit == "years" else f"{shifted.year:04d}-{shifted.month:02d}"
    if precision != "day":
        return None  # "hier" or "lundi" cannot be placed against a month-only date
    if kind == "relative":
        return (anchor + dt.timedelta(days=RELATIVE_DAYS[match.group(1).lower().replace("’", "'")])).isoformat()
    if kind == "weekday":
        day = WEEKDAYS[match.group(1).lower()]
        ahead = future or NEXT_AFTER.match(match.string, match.end()) or NEXT_BEFORE.search(match.string, 0, match.start())
        if ahead:
            return (anchor + dt.timedelta(days=(day - anchor.weekday()) % 7)).isoformat()
        return (anchor - dt.timedelta(days=(anchor.weekday() - day) % 7)).isoformat()
    return None
