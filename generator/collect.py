"""`briefing add`: URLs, saved pages, text files and RSS/Atom feeds -> Markdown articles in content/.

This is the only module that touches the network, and only `briefing add` imports it: a build
reads content/ and never downloads anything. Each source becomes a file the build reads back
unchanged (front matter complete, text as paragraphs), so what was fetched once is versioned and
rebuilt offline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import io
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from . import __version__
from .errors import ContentError
from .load import (CONTROL, LANG, MAX_CHARS, TEXT_SUFFIXES, find_date, detect_language, load_article, same_url,
                   slugify, text_fingerprint, title_from_text)
from .model import Article
from .site import find_articles
from .webpage import MAX_PAGE_BYTES, read_page

TIMEOUT = 20.0
"""Seconds for the whole download of one URL: a server that stalls is not waited on forever."""
MAX_BYTES = 10_000_000
"""A news page is well under 1 MB even with its scripts; 10 MB means a video, an archive, a wrong link."""
MAX_REDIRECTS = 5
USER_AGENT = f"briefing/{__version__} (static briefing-site generator; briefing add)"
SLUG_CHARS = 60
CHUNK = 65536
FEED_TYPES = ("xml", "rss", "atom")
FEED_HEADS = (b"<?xml", b"<rss", b"<feed", b"<rdf")
URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
URL_SAFE = "%/:=&?~#+!$,;'@()*[]"
"""Left as they are when a URL is sent: browsers show "é" in an address, HTTP wants it %-encoded."""


class FetchError(ContentError):
    """A URL that cannot be fetched: one line naming it (timeout, size, redirects, scheme, HTTP status)."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(url, message)


@dataclass(frozen=True)
class Fetched:
    url: str
    """Where the body came from, after redirects."""
    content_type: str
    """The media type without parameters ("text/html"), lowercase."""
    body: bytes


@dataclass(frozen=True)
class Outcome:
    """One line of `briefing add`'s report: an article "added", a "note" or an "error"."""

    kind: str
    message: str


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET one http(s) URL within the limits, or FetchError naming it. The body is read in chunks
    and dropped as soon as it passes `max_bytes`, so a huge or endless answer costs nothing."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(url, "only http and https URLs can be added")
    opener = urllib.request.build_opener(_Redirects(url, max_redirects))
    request = urllib.request.Request(quote(url, safe=URL_SAFE), headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, f"over the {max_bytes:,}-byte limit ({int(length):,} bytes)")
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(url, f"over the {max_bytes:,}-byte limit")
                if time.monotonic() > deadline:
                    raise TimeoutError
            return Fetched(response.geturl(), response.headers.get_content_type(), bytes(body))
    except urllib.error.HTTPError as err:
        raise FetchError(url, f"HTTP {err.code} {err.reason}") from err
    except (TimeoutError, urllib.error.URLError) as err:
        if isinstance(err, TimeoutError) or isinstance(err.reason, TimeoutError):
            raise FetchError(url, f"timed out after {timeout:g} s") from err
        raise FetchError(url, f"cannot fetch ({getattr(err.reason, 'strerror', None) or err.reason})") from err
    except (OSError, ValueError, http.client.HTTPException) as err:  # a dropped connection, a malformed answer or URL
        raise FetchError(url, f"cannot fetch ({err})") from err


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, and only to http(s): urllib alone follows ten, and to ftp://."""

    def __init__(self, url: str, limit: int) -> None:
        self.url, self.limit, self.count = url, limit, 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.count += 1
        if self.count > self.limit:
            fp.close()
            raise FetchError(self.url, f"more than {self.limit} redirects")
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            fp.close()
            raise FetchError(self.url, f"redirected to {newurl}: only http and https URLs can be added")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def add_sources(root: Path, sources: list[str], *, limit: int | None = None, timeout: float = TIMEOUT,
                max_bytes: int = MAX_BYTES) -> Iterator[Outcome]:
    """Add every source to root/content/, reporting as it goes; a failed source does not stop the others."""
    known = Known(root)
    for source in sources:
        notes: list[str] = []
        try:
            for item in read_source(source, limit=limit, timeout=timeout, max_bytes=max_bytes, notes=notes,
                                    known=known):
                yield from _flush(notes)
                if isinstance(item, ContentError):
                    yield Outcome("error", item.message)
                elif same := known.find(item):
                    yield Outcome("note", f"skipped {item.url or source}: already in {same}")
                else:
                    path = write_article(root / "content", item, added_from=source)
                    shown = path.relative_to(root).as_posix()
                    known.remember(item, shown, source)
                    yield Outcome("added", f"added {shown}  ({item.url or source})")
        except ContentError as err:
            yield from _flush(notes)
            yield Outcome("error", err.message)
        yield from _flush(notes)


def _flush(notes: list[str]) -> Iterator[Outcome]:
    yield from (Outcome("note", note) for note in notes)
    notes.clear()


def read_source(source: str, *, limit: int | None, timeout: float, max_bytes: int, notes: list[str],
                known: Known) -> Iterator[Article | ContentError]:
    """The articles of one source: a URL's page or feed items, a file's page, text or feed items.
    The source's own failure raises ContentError; a feed item's failure is yielded and the feed goes on."""
    if URL.match(source):
        if same := known.has_url(source):
            notes.append(f"skipped {source}: already in {same}")
            return
        fetched = fetch(source, timeout=timeout, max_bytes=max_bytes)
        body, content_type, url = fetched.body, fetched.content_type, fetched.url
    else:
        path = Path(source)
        if not path.is_file():
            raise ContentError(source, "no such file")
        if path.suffix.lower() in TEXT_SUFFIXES:
            yield load_article(path, notes=notes)
            return
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise ContentError(source, f"over the {MAX_PAGE_BYTES:,}-byte limit for a saved page or feed")
        body, content_type, url = path.read_bytes(), "", ""
    feed = parse_feed(body, content_type, url)
    if feed is None:
        yield page_article(body, source, url, notes)
        return
    for entry in feed.entries[:limit]:
        link = entry.get("link", "")
        if same := known.has_url(link):
            notes.append(f"skipped {link}: already in {same}")
            continue
        try:
            yield feed_item(entry, feed, source, timeout=timeout, max_bytes=max_bytes, notes=notes)
        except ContentError as err:
            yield err


def parse_feed(body: bytes, content_type: str, url: str):
    """The feed in a body that is RSS or Atom (feedparser finds a version and entries), else None."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not (any(kind in content_type for kind in FEED_TYPES) or head.startswith(FEED_HEADS)):
        return None
    import feedparser

    # A stream, never a string: feedparser.parse fetches a string that looks like a URL.
    feed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url, "content-type": content_type})
    return feed if feed.version and feed.entries else None


def page_article(body: bytes | str, shown: str, url: str, notes: list[str], *, date: str = "") -> Article:
    """The article of a web page. Its URL is the page's canonical one, else where it came from; its
    date the page's, else `date` (a feed item's), else one read from its URL or text."""
    page = read_page(body, shown)
    url = page.url or url
    text = _checked_text(page.text, shown)
    lang = page.lang if LANG.fullmatch(page.lang) else detect_language(text)
    return Article(id="", path=shown, title=page.title or title_from_text(text),
                   date=page.date or date or find_date(text, lang, url, shown, notes), lang=lang,
                   source=page.site_name, url=url, tags=(), text=text, license=page.license, author=page.author)


def feed_item(entry, feed, source: str, *, timeout: float, max_bytes: int, notes: list[str]) -> Article:
    """A feed item: its page as an article; when the page cannot be had, the item's own text if it
    is a real article (as many words as webpage.read_page asks of a page), else ContentError."""
    link = entry.get("link", "")
    date = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    try:
        if not link:
            raise ContentError(source, f"the item {entry.get('title', '')!r} has no link")
        fetched = fetch(link, timeout=timeout, max_bytes=max_bytes)
        article = page_article(fetched.body, link, fetched.url, notes, date=date)
    except ContentError as err:
        article = _item_text(entry, feed, link or source, date, err, notes)
    return dataclasses.replace(article, title=article.title or title_from_text(article.text),
                               source=article.source or " ".join(feed.feed.get("title", "").split()),
                               license=article.license or entry.get("rights") or feed.feed.get("rights", ""))


def _item_text(entry, feed, shown: str, date: str, err: ContentError, notes: list[str]) -> Article:
    """The article in a feed item's own content or summary, standing in for its page."""
    html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary", "")
    if "<" not in html:
        html = "".join(f"<p>{escape(line)}</p>" for line in html.splitlines())
    try:
        page = read_page(f"<html><body><article>{html}</article></body></html>", shown)
    except ContentError:
        reason = err.message.removeprefix(f"{err.path}: ")
        raise ContentError(err.path, f"{reason}; the feed's own text for it is too short to stand in") from None
    notes.append(f"{err.message}; the feed's own text was used")
    text = _checked_text(page.text, shown)
    lang = feed.feed.get("language", "").split("-")[0].lower()
    lang = lang if LANG.fullmatch(lang) else detect_language(text)
    url = entry.get("link", "")
    return Article(id="", path=shown, title=" ".join(entry.get("title", "").split()), lang=lang,
                   date=date or find_date(text, lang, url, shown, notes), source="", url=url, tags=(), text=text)


def write_article(content: Path, article: Article, *, added_from: str) -> Path:
    """content/DATE-SLUG.md (undated-SLUG.md), with -2, -3... when the name is taken; never
    overwrites. The file is written whole under a hidden temporary name (the build skips those)
    and linked to its name, which fails if the name exists: no half file, no race."""
    content.mkdir(exist_ok=True)
    slug = slugify(article.title)
    if len(slug) > SLUG_CHARS:
        slug = slug[:SLUG_CHARS].rsplit("-", 1)[0]
    stem = f"{article.date or 'undated'}-{slug or 'article'}"
    with tempfile.NamedTemporaryFile("wb", dir=content, prefix=".add-", suffix=".md", delete=False) as tmp:
        tmp.write(markdown(article, added_from).encode("utf-8"))
    try:
        for n in range(1, 10_000):
            path = content / (f"{stem}-{n}.md" if n > 1 else f"{stem}.md")
            try:
                os.link(tmp.name, path)
                return path
            except FileExistsError:
                continue
        raise ContentError(content / f"{stem}.md", "too many articles with this date and title")
    finally:
        os.unlink(tmp.name)


def markdown(article: Article, added_from: str) -> str:
    """The article as the build reads it: YAML front matter (only known fields), then the text."""
    date = dt.date.fromisoformat(article.date) if len(article.date) == 10 else article.date
    fields = {"title": article.title, "date": date, "author": article.author,
              "source": article.source or _host(article.url), "url": article.url, "lang": article.lang,
              "tags": list(article.tags), "license": article.license,
              "added_from": added_from if added_from != article.url else ""}
    meta = yaml.safe_dump({k: v for k, v in fields.items() if v}, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{meta}---\n\n{article.text.strip()}\n"


class Known:
    """What content/ already holds, by URL and by text, so that an article is never added twice."""

    def __init__(self, root: Path) -> None:
        self.keys: dict[str, str] = {}
        for path in find_articles(root / "content")[0]:
            try:
                article = load_article(path, root=root, notes=[])
            except ContentError:
                continue  # the build reports it; it holds nothing to compare with
            self.remember(article, path.relative_to(root).as_posix())

    def remember(self, article: Article, shown: str, *urls: str) -> None:
        self.keys.setdefault(f"text:{text_fingerprint(article.text)}", f"{shown} (same text)")
        for url in (article.url, *urls):
            if URL.match(url):
                self.keys.setdefault(f"url:{same_url(url)}", f"{shown} (same URL)")

    def has_url(self, url: str) -> str | None:
        return self.keys.get(f"url:{same_url(url)}") if URL.match(url) else None

    def find(self, article: Article) -> str | None:
        return self.has_url(article.url) or self.keys.get(f"text:{text_fingerprint(article.text)}")


def _checked_text(text: str, shown: str) -> str:
    text = CONTROL.sub(" ", text)
    if len(text) > MAX_CHARS:
        raise ContentError(shown, f"{len(text):,} characters is over the {MAX_CHARS:,}-character limit for an article")
    return text


def _struct_date(parsed) -> str:
    return dt.date(*parsed[:3]).isoformat() if parsed else ""


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")
