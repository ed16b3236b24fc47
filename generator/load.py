"""Load stage: read one article file into an Article.

Articles come as users have them: plain text (the seed's `date YYYY-MM-DD` first line is
optional), Markdown with YAML front matter, or a web page saved from a browser (`webpage.py`).
An article that does not state its date is dated from a dateline or date phrase at its head, or
from its URL (`dating.py`), never from the file's clock; failing both it is undated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit
from functools import cache
from pathlib import Path

import yaml

from .dating import date_from_text, date_from_url
from .errors import ContentError, yaml_error_line
from .model import Article
from .webpage import MAX_PAGE_BYTES, read_page

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES
MAX_CHARS = 1_000_000
"""spaCy's own `max_length`: about 150,000 words, a book; the corpus's longest article is 30,090."""
MAX_BYTES = 4 * MAX_CHARS
"""Checked before reading, so a huge file is refused at once (UTF-8 takes at most 4 bytes a character)."""
UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LANG = re.compile(r"[a-z]{2,3}")
"""Larger files are refused: a news article is a few KB; megabytes mean a wrong file."""

SEED_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZÀ-Ý0-9])")
TITLE_MAX = 90


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml's parser when PyYAML has it) where dates stay strings: the loader
    validates them itself, with a clear message."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def slugify(text: str) -> str:
    """Lowercase ASCII slug (`a-z`, `0-9`, `-`): safe as a file name and a URL part."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def load_article(path: Path, *, root: Path | None = None, notes: list[str] | None = None) -> Article:
    """Read and validate one article; raise ContentError naming the file (and line) on bad input.
    What was read but is worth saying (another encoding, control characters) goes to `notes`."""
    shown = _display_path(path, root)
    notes = notes if notes is not None else []
    article_id = slugify(path.stem)
    if not article_id:
        raise ContentError(shown, "the file name gives an empty id; rename it with letters or digits")
    if path.suffix.lower() in PAGE_SUFFIXES:
        return _load_page(_read_bytes(path, shown, limit=MAX_PAGE_BYTES), article_id, shown, notes)
    raw = _read_bytes(path, shown)
    text = _decode(raw, shown, notes).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError(shown, "the file is empty")
    if len(text) > MAX_CHARS:
        raise ContentError(shown, f"{len(text):,} characters is over the {MAX_CHARS:,}-character limit for an article")
    if CONTROL.search(text):
        line = text[: CONTROL.search(text).start()].count("\n") + 1
        notes.append(f"{shown}:{line}: control characters replaced by spaces")
        text = CONTROL.sub(" ", text)
    if path.suffix.lower() == ".txt":
        return _load_plain_text(text, article_id, shown, notes)
    return _load_markdown(text, article_id, shown, notes)


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _read_bytes(path: Path, shown: str, *, limit: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ContentError(shown, f"{size:,} bytes is over the {limit:,}-byte limit for an article")
        return path.read_bytes()
    except OSError as err:
        raise ContentError(shown, f"cannot read: {err.strerror}") from err


def _decode(raw: bytes, shown: str, notes: list[str]) -> str:
    """UTF-8 (with or without BOM); else Windows-1252 or Latin-1, which old newsroom tools still
    write, with a note; anything else is refused, never guessed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(shown, "UTF-16 text: save it as UTF-8")
    if b"\x00" in raw:
        raise ContentError(shown, "binary file (contains NUL bytes), not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first_bad = err.start
    undefined = next((i for i, byte in enumerate(raw) if byte in UNDEFINED_IN_CP1252), None)
    if undefined is not None:
        line = raw[:first_bad].count(b"\n") + 1
        raise ContentError(shown, f"not valid UTF-8 (byte {first_bad}) nor Windows-1252 (byte {undefined}): "
                           "save it as UTF-8", line=line)
    encoding = "Windows-1252" if any(0x80 <= byte <= 0x9F for byte in raw) else "Latin-1"
    notes.append(f"{shown}: not UTF-8, read as {encoding}")
    return raw.decode("cp1252")


def _load_plain_text(text: str, article_id: str, shown: str, notes: list[str]) -> Article:
    """Plain text; the seed's first line `date YYYY-MM[-DD]` gives the date, else the text's head."""
    header = SEED_HEADER.match(text)
    if header:
        date = _check_date(header.group(1), shown, line=1)
        body = text[header.end() :].strip()
        if not body:
            raise ContentError(shown, "the article has a date but no text", line=1)
    else:
        body = text.strip()
        date = ""
    lang = detect_language(body)
    if not date:
        date = find_date(body, lang, "", shown, notes)
    return Article(id=article_id, path=shown, title=title_from_text(body), date=date, lang=lang,
                   source="", url="", tags=(), text=body)


def find_date(text: str, lang: str, url: str, shown: str, notes: list[str]) -> str:
    """The date of an article that does not state it, with a note saying where it came from."""
    found = date_from_url(url) if url else None
    where = "its URL"
    if found is None:
        found, where = date_from_text(text, lang), "the text"
    if found is None:
        notes.append(f"{shown}: no date in the article, its text or its URL: the brief is undated "
                     "(write date: YYYY-MM-DD to place it in the timeline)")
        return ""
    notes.append(f"{shown}: dated {found.date} from {where} ({found.phrase!r})")
    return found.date


def _load_markdown(text: str, article_id: str, shown: str, notes: list[str]) -> Article:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(shown, "expected YAML front matter between '---' lines at the top", line=1)
    meta = _parse_front_matter(match.group(1) or "", shown)
    body = text[match.end() :].strip()
    if not body:
        raise ContentError(shown, "the article has front matter but no text")
    title = _string_field(meta, "title", shown) or title_from_text(body)
    lang = _lang(meta, body, shown)
    url = _string_field(meta, "url", shown)
    date_value = meta.get("date")
    if date_value is None or date_value == "":
        date = find_date(body, lang, url, shown, notes)
    else:
        date = _check_date(str(date_value), shown, field="date")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(tag, (str, int, float)) for tag in tags):
        raise ContentError(shown, "must be a list of words", field="tags")
    return Article(
        id=article_id,
        path=shown,
        title=title,
        date=date,
        lang=lang,
        source=_string_field(meta, "source", shown),
        url=url,
        tags=tuple(sorted({str(tag).strip() for tag in tags if str(tag).strip()})),
        text=body,
        license=_string_field(meta, "license", shown),
        author=_string_field(meta, "author", shown),
    )


def _load_page(raw: bytes, article_id: str, shown: str, notes: list[str]) -> Article:
    """A web page saved from a browser: its main text and metadata (`webpage.read_page`)."""
    page = read_page(raw, shown)
    text = CONTROL.sub(" ", page.text)
    if len(text) > MAX_CHARS:
        raise ContentError(shown, f"{len(text):,} characters is over the {MAX_CHARS:,}-character limit for an article")
    lang = page.lang if page.lang and LANG.fullmatch(page.lang) else detect_language(text)
    date = page.date or find_date(text, lang, page.url, shown, notes)
    return Article(id=article_id, path=shown, title=page.title or title_from_text(text), date=date, lang=lang,
                   source=page.site_name, url=page.url, tags=(), text=text, license=page.license,
                   author=page.author)


def _parse_front_matter(source: str, shown: str) -> dict:
    try:
        # Aliases are refused before anything is built: they are how YAML bombs exhaust memory.
        for event in yaml.parse(source, Loader=_FrontMatterLoader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 2
                raise ContentError(shown, "YAML aliases (*name) are not allowed in front matter", line=line)
        meta = yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ContentError(shown, f"front matter is not valid YAML: {problem}",
                           line=yaml_error_line(err, first_line=2)) from err
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ContentError(shown, "front matter must be a mapping of fields (title: ..., date: ...)", line=2)
    return meta


def _lang(meta: dict, body: str, shown: str) -> str:
    """An ISO 639 code ("fr", "en"): the front matter's, else detected from the text; whether a
    pipeline exists for it is the extractor's to say."""
    lang = _string_field(meta, "lang", shown).lower() or detect_language(body)
    if not LANG.fullmatch(lang):
        raise ContentError(shown, f"{lang!r} is not a language code (write fr, en, ...)", field="lang")
    return lang


DETECTED = ("FRENCH ENGLISH GERMAN SPANISH ITALIAN PORTUGUESE DUTCH RUSSIAN UKRAINIAN POLISH TURKISH ARABIC "
            "PERSIAN HEBREW CHINESE JAPANESE KOREAN").split()
DEFAULT_LANG = "fr"


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """The text's language (lingua, among the languages news archives mostly hold): one a
    pipeline exists for is parsed, another is reported. Too short to tell: French, the default."""
    language = _detector().detect_language_of(text[:2000])
    return language.iso_code_639_1.name.lower() if language is not None else DEFAULT_LANG


def _string_field(meta: dict, name: str, shown: str) -> str:
    value = meta.get(name)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ContentError(shown, "must be text", field=name)
    return str(value).strip()


def _check_date(value: str, shown: str, *, line: int | None = None, field: str | None = None) -> str:
    value = value.strip()
    if not DATE.fullmatch(value):
        raise ContentError(shown, f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)", line=line, field=field)
    year, month, day = (int(part) for part in (value.split("-") + ["1"])[:3])
    try:
        dt.date(year, month, day)
    except ValueError as err:
        raise ContentError(shown, f"{value!r} is not a real date ({err})", line=line, field=field) from err
    return value


def title_from_text(text: str) -> str:
    """A title for an untitled article: its first sentence, trimmed at a word boundary."""
    first = SENTENCE_END.split(text.strip(), maxsplit=1)[0].split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first.rstrip(".")
    cut = first[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def without_copies(articles: list[Article]) -> tuple[list[Article], dict[Article, list[Article]]]:
    """The articles without second copies (same URL, or the same text however it is spaced), and
    each kept article's copies. The first in file order is kept, so the choice is stable."""
    kept: list[Article] = []
    copies: dict[Article, list[Article]] = {}
    by_key: dict[str, Article] = {}
    for article in articles:
        keys = [f"text:{text_fingerprint(article.text)}"] + ([f"url:{same_url(article.url)}"] if article.url else [])
        first = next((by_key[key] for key in keys if key in by_key), None)
        if first is None:
            kept.append(article)
            for key in keys:
                by_key[key] = article
        else:
            copies.setdefault(first, []).append(article)
    return kept, copies


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def web_host(url: str) -> str:
    """The site a URL is on, "www." aside; "" when it names none or cannot be read."""
    try:
        return (urlsplit(url.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def same_url(url: str) -> str:
    """A URL as it identifies an article: scheme, "www.", fragment, tracking parameters and a final
    slash do not make another article."""
    parts = urlsplit(url.strip())
    host = web_host(url)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "xtor"))))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")
