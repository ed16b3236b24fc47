"""Sentences from punctuation and paragraphs, not from the parser.

The small French parser splits sentences in odd places ("La Commission a, | ce mercredi, menacé"),
which cuts subjects from their verbs in the evidence. Punctuation is a steadier guide for news text.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

BREAK = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"“(\-–—A-ZÀ-Ý0-9])|\n\s*\n")
ABBREVIATION = re.compile(r"(?:\b[A-ZÀ-Ý]|\bMme|\bMlle|\bMM|\bDr|\bPr|\bMe|\bMgr|\bSt|\bav|\betc|\bcf|\bvol|\bno)\.[»\"”)]?$")
KEY = "briefing_sentences"


def sentence_spans(doc: Doc) -> list[Span]:
    """The article's sentences, computed once per Doc."""
    if KEY not in doc.user_data:
        text = doc.text  # spaCy joins every token each time it is asked
        spans, start = [], 0
        for match in BREAK.finditer(text):
            if ABBREVIATION.search(text[start : match.start() + len(match.group(0).rstrip())].rstrip()):
                continue
            spans.append(_span(doc, text, start, match.start()))
            start = match.end()
        spans.append(_span(doc, text, start, len(text)))
        spans = [s for s in spans if s is not None and s.text.strip()]
        doc.user_data[KEY] = (spans, [s.start for s in spans])
    return doc.user_data[KEY][0]


def _span(doc: Doc, text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end = start + len(piece.strip())
    return doc.char_span(start, end, alignment_mode="expand") if end > start else None


def sentence_of(token: Token) -> Span:
    """The sentence a token belongs to."""
    spans = sentence_spans(token.doc)
    starts = token.doc.user_data[KEY][1]
    return spans[max(bisect.bisect_right(starts, token.i) - 1, 0)]
