"""A web page, as saved from a browser or fetched by `briefing add`: its main text and metadata.

trafilatura does the reading (main text without menus, ads, "related" links or comments; title,
date, author, site name, canonical URL, language and licence from the page's metadata). Only plain text
leaves this module: scripts, styles, frames and event handlers never reach a brief.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .errors import ContentError

BYLINE = re.compile(r"^(?:par|by|de)\s+", re.I)
BOILERPLATE = re.compile(r"(?:publicité|advertisement|annonce|sponsored|anzeige|pub|ad)\W*"
                         r"|(?:©|copyright\b|tous droits réservés|all rights reserved).*", re.I)
"""Paragraphs trafilatura sometimes keeps: an ad slot's label, the footer's copyright line."""
COMMENTS = "//*[contains(@class, 'comment') or contains(@id, 'comment')]"
"""Reader comments under class names trafilatura does not know ("el-comment_root__9HfLk")."""

MAX_PAGE_BYTES = 20_000_000
"""A saved page carries its scripts and styles: a few MB at most; more means a wrong file."""
MIN_WORDS = 60
"""Less main text than a short news item: a home page, a login wall or a page drawn by scripts."""
MAX_LINKED = 0.5
"""Main text mostly made of link texts is a list of teasers (a home or section page), not an article."""
DATE_SEARCH = {"extensive_search": False, "original_date": True, "min_date": "1900-01-01", "max_date": "2099-12-31"}
"""The page's own date markup only, publication before update, and no bound taken from the clock."""


@dataclass(frozen=True)
class Page:
    text: str
    """Paragraphs separated by blank lines."""
    title: str = ""
    date: str = ""
    author: str = ""
    site_name: str = ""
    url: str = ""
    lang: str = ""
    license: str = ""
    """As the page states it (a rel="license" link, a Creative Commons link in its footer)."""


def read_page(raw: bytes | str, shown: str) -> Page:
    """The article in a page; ContentError naming the page when it holds none."""
    head = raw[:1024].lstrip() if isinstance(raw, bytes) else raw[:1024].lstrip().encode("utf-8", "replace")
    if head.startswith(b"%PDF"):
        raise ContentError(shown, "a PDF file, not a web page: save the article as HTML or text")
    if isinstance(raw, bytes) and b"\x00" in raw[:65536]:
        raise ContentError(shown, "binary file (contains NUL bytes), not a web page")
    import trafilatura

    quiet = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)
    try:
        tree = trafilatura.load_html(raw)
        document = tree is not None and trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            favor_precision=True, deduplicate=False, date_extraction_params=DATE_SEARCH, prune_xpath=COMMENTS,
        )
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot read is one bad input, not a crash
        raise ContentError(shown, f"cannot read this web page ({type(err).__name__})") from err
    finally:
        for logger, level in zip(quiet, levels):
            logger.setLevel(level)
    title = _clean(document.title) if document else ""
    paragraphs = [line.strip() for line in (document.text or "").splitlines()
                  if line.strip() and not BOILERPLATE.fullmatch(line.strip())] if document else []
    if paragraphs and title and _clean(paragraphs[0]).casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline, which the brief shows as its title
    text = "\n\n".join(paragraphs)
    if len(text.split()) < MIN_WORDS or _linked_share(paragraphs, tree) > MAX_LINKED:
        raise ContentError(shown, "no article found in this web page (a home page, a login wall, or a page drawn "
                           "by scripts?): save the article's own page, or paste its text into a .txt file")
    url = (document.url or "").strip()
    return Page(
        text=text,
        title=title,
        date=(document.date or "")[:10],
        author=BYLINE.sub("", _clean(document.author)),
        site_name=_clean(document.sitename),
        url=url if url.startswith(("http://", "https://")) else "",
        license=_clean(document.license),
        lang=(tree.get("lang") or tree.get("xml:lang") or "").split("-")[0].split("_")[0].strip().lower(),
    )


def _linked_share(paragraphs: list[str], tree) -> float:
    """The share of the main text's words that sit inside links."""
    links = "\n".join(" ".join(anchor.text_content().split()) for anchor in tree.iter("a"))
    words = sum(len(p.split()) for p in paragraphs)
    linked = sum(len(p.split()) for p in paragraphs if " ".join(p.split()) in links)
    return linked / words if words else 0.0


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())
