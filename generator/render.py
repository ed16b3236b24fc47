"""Render stage: briefs (JSON form) -> Markdown pages through Jinja templates.

The project's `templates/` override the package defaults file by file (ChoiceLoader). Every value
that comes from an article is untrusted: the `md` filter escapes it for both HTML and Markdown.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from .archive import ActorRecord, Archive, PairRecord, StoryRecord
from .changes import PERIOD_DAYS, Changes, changes
from .charts import ARROWS, conflict_cooperation, monthly_quads, network, sparkline
from .trends import MODALITY_WEIGHT
from .errors import ConfigError
from .load import slugify
from .search import build_index, fold
from .model import ACTOR_TYPES, Brief

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
if not PACKAGE_TEMPLATES.is_dir():  # an editable install: the templates stay at the repository's top
    PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")
LINE_START = re.compile(r"^([-+])|^(\d+)([.)])")

LABELS = {
    "fr": {
        "home": "Accueil", "actors": "Acteurs", "timeline": "Chronologie", "tensions": "Tensions",
        "tags": "Étiquettes", "search": "Recherche", "summary": "Résumé", "events": "Événements",
        "cooperation": "Coopération", "quotes": "Citations", "source": "Source", "original": "Texte original",
        "briefs": "Briefs", "latest": "Derniers briefs", "newest_shown": "les {n} plus récents ici", "by_month": "Par mois", "conflict_cooperation": "Conflit et coopération par mois",
        "conflict": "Conflit", "changes": "Nouveautés",
        "changes_period": "Du {start} au {end} ({days} jours, selon la date des articles), par rapport à la période d'avant",
        "new_stories": "Nouveaux sujets", "new_actors": "Acteurs vus pour la première fois",
        "changes_appeared": "Paires en tension apparues", "changes_escalating": "Paires en escalade",
        "changes_easing": "Paires en apaisement", "changes_moves": "Plus forts mouvements du score de Goldstein",
        "before": "Avant", "now": "Maintenant", "change": "Écart", "rising": "Tensions en hausse", "active": "Acteurs les plus actifs", "stories": "Sujets", "story": "Sujet", "outlets": "médias",
        "latest_stories": "Derniers sujets", "articles": "Les articles",
        "reported_together": "Ce que plusieurs médias rapportent", "reported_once": "Ce qu'un seul média rapporte",
        "stories_help": "Un sujet réunit les articles de plusieurs médias sur un même fait, à quelques jours près.",
        "in_story": "Sujet couvert par {n} médias", "undated": "sans date", "undated_briefs": "Briefs sans date",
        "undated_note": "L'article ne donne pas sa date : ce brief reste hors de la chronologie et des tendances.", "strongest": "Tensions les plus fortes",
        "date": "Date", "brief": "Brief", "actor": "Acteur", "type": "Type", "role": "Rôle",
        "roles": "Rôles", "affiliation": "Affiliation", "aliases": "Autres noms", "intensity": "intensité",
        "topic": "sujet", "trend": "Tendance", "pair": "Paire",
        "none": "Aucun résultat", "no_actors": "Aucun acteur identifié.", "no_events": "Aucun événement identifié.",
        "confidence": "confiance", "confidence_help": "Probabilité que le type, l'auteur et la cible soient justes (calibrée)",
        "no_tensions": "Aucune tension identifiée.", "placeholder": "Rechercher", "more": "autres",
        "matrix": "Matrice des tensions", "graph": "Réseau des tensions", "all_pairs": "Toutes les paires",
        "escalating": "escalade", "easing": "apaisement", "steady": "stable", "month": "Mois",
        "feed": "Flux RSS", "data": "Toutes les données (JSON)",
        "search_help": "Tapez un mot : les formes voisines (pluriel, accents) sont trouvées aussi.",
        "mentions": "briefs", "events_over_time": "Événements au fil du temps",
        "person": "personne", "country": "pays", "organisation": "organisation", "group": "groupe",
        "place": "lieu",
        "asserted": "affirmé", "reported": "rapporté", "hypothetical": "hypothétique", "negated": "nié",
        "denied": "contesté",
        "verbal_cooperation": "coopération verbale", "material_cooperation": "coopération matérielle",
        "verbal_conflict": "conflit verbal", "material_conflict": "conflit matériel",
    },
    "en": {
        "home": "Home", "actors": "Actors", "timeline": "Timeline", "tensions": "Tensions",
        "tags": "Tags", "search": "Search", "summary": "Summary", "events": "Events",
        "cooperation": "Cooperation", "quotes": "Quotes", "source": "Source", "original": "Original text",
        "briefs": "Briefs", "latest": "Latest briefs", "newest_shown": "the {n} newest shown", "by_month": "By month", "conflict_cooperation": "Conflict and cooperation by month",
        "conflict": "Conflict", "changes": "What's new",
        "changes_period": "From {start} to {end} ({days} days, by article date), against the period before",
        "new_stories": "New stories", "new_actors": "Actors seen for the first time",
        "changes_appeared": "Pairs newly in tension", "changes_escalating": "Escalating pairs",
        "changes_easing": "Easing pairs", "changes_moves": "Largest moves in summed Goldstein scores",
        "before": "Before", "now": "Now", "change": "Change", "rising": "Rising tensions", "active": "Most active actors", "stories": "Stories", "story": "Story", "outlets": "outlets",
        "latest_stories": "Latest stories", "articles": "The articles",
        "reported_together": "What several outlets report", "reported_once": "What only one outlet reports",
        "stories_help": "A story gathers the articles of several outlets on one happening, within days.",
        "in_story": "Story covered by {n} outlets", "undated": "undated", "undated_briefs": "Undated briefs",
        "undated_note": "The article gives no date: this brief stays out of the timeline and trends.", "strongest": "Strongest tensions",
        "date": "Date", "brief": "Brief", "actor": "Actor", "type": "Type", "role": "Role",
        "roles": "Roles", "affiliation": "Affiliation", "aliases": "Other names", "intensity": "intensity",
        "topic": "topic", "trend": "Trend", "pair": "Pair",
        "none": "No result", "no_actors": "No actor found.", "no_events": "No event found.",
        "confidence": "confidence", "confidence_help": "Probability that type, doer and target are all right (calibrated)",
        "no_tensions": "No tension found.", "placeholder": "Search", "more": "more",
        "matrix": "Tension matrix", "graph": "Tension network", "all_pairs": "All pairs",
        "escalating": "escalating", "easing": "easing", "steady": "steady", "month": "Month",
        "feed": "RSS feed", "data": "All data (JSON)",
        "search_help": "Type a word: its other forms (plural, accents) are found too.",
        "mentions": "briefs", "events_over_time": "Events over time",
        "person": "person", "country": "country", "organisation": "organisation", "group": "group",
        "place": "place",
        "asserted": "asserted", "reported": "reported", "hypothetical": "hypothetical", "negated": "negated",
        "denied": "denied",
        "verbal_cooperation": "verbal cooperation", "material_cooperation": "material cooperation",
        "verbal_conflict": "verbal conflict", "material_conflict": "material conflict",
    },
}  # fmt: skip


def escape_markdown(value: object) -> str:
    """Make untrusted text inert: HTML-escaped, Markdown syntax backslash-escaped, on one line."""
    text = " ".join(str(value if value is not None else "").split())
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = html.escape(text, quote=False)
    return LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def page_title(value: object) -> str:
    """A title for MkDocs' front matter: a YAML double-quoted string of printable ASCII, every other
    character escaped ("\\u00e9", "\\U0001f1eb"), so YAML always reads it; if it could not, MkDocs
    would render the whole front matter as Markdown. Themes print titles through `striptags`, which
    unescapes entities, so no character may turn back into markup there."""
    text = " ".join(str(value or "").split()).replace("<", "‹").replace(">", "›").replace("&", "&amp;")
    return '"' + "".join(_yaml_escape(char) for char in text) + '"'


def _yaml_escape(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\\ufffd"  # a lone surrogate cannot be written out
    if char in '"\\' or not 0x20 <= code < 0x7F:
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return char


def safe_url(value: object) -> str:
    """An http(s) URL made safe inside a Markdown link, or "" for any other scheme (javascript:, data:)."""
    url = str(value or "").strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    return quote(url, safe=":/?#@!$&'*+,;=%~[]-._")


def rfc822(date: str) -> str:
    """An ISO date ("2022-09-05" or "2022-09") as RSS wants it: "Mon, 05 Sep 2022 00:00:00 +0000"."""
    year, month, day = (int(p) for p in (str(date).split("-") + ["1", "1"])[:3])
    return email.utils.format_datetime(dt.datetime(year, month, day, tzinfo=dt.timezone.utc))


def make_environment(project_templates: Path | None) -> jinja2.Environment:
    """The Jinja environment of a project: one per process while its templates folder holds the
    same files, so templates are compiled once (Jinja itself reloads a template whose file changed)."""
    files = tuple(sorted(p.relative_to(project_templates).as_posix() for p in project_templates.rglob("*")
                         if p.is_file())) if project_templates is not None and project_templates.is_dir() else ()
    return _environment(project_templates, files)


@lru_cache(maxsize=8)
def _environment(project_templates: Path | None, files: tuple[str, ...]) -> jinja2.Environment:
    loaders = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(project_templates)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output: escaping is explicit, with the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["url"] = safe_url
    env.filters["page_title"] = page_title
    env.filters["signed"] = lambda number: f"{number:+.1f}"
    env.filters["slug"] = lambda text: slugify(str(text)) or "etiquette"
    env.filters["rfc822"] = rfc822
    return env


def render(env: jinja2.Environment, template: str, **context) -> str:
    """Render one template; template mistakes become a ConfigError naming the template and line."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as err:
        raise ConfigError(err.filename or err.name or template, f"template syntax error: {err.message}",
                          line=err.lineno) from err
    except jinja2.UndefinedError as err:
        raise ConfigError(f"templates/{template}", f"undefined value in template: {err.message}",
                          line=_template_line(err)) from err


def _template_line(err: Exception) -> int | None:
    tb = err.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


EVENTS_PER_ACTOR_PAGE = 150
EVENTS_PER_MONTH_PAGE = 200
"""A busy month of a big archive holds thousands of events: pages of 200 stay under 200 KB."""
LISTED_BRIEFS = 300
"""Briefs listed on a tag page, the newest; the count says how many in all."""
LISTED_STORIES = 300
STORY_EVENTS = 25
STORY_BRIEFS = 50
"""A story told by many outlets lists each one's sentence under every event: these keep its page near 120 KB."""
BRIEFS_PER_ACTOR_PAGE = 100
HOME_BRIEFS = 20
HOME_STORIES = 10
HOME_TENSIONS = 10
HOME_ACTORS = 10
ACTORS_ON_INDEX = 40
MATRIX_ACTORS = 12
GRAPH_PAIRS = 30
SPARKLINE_PAIRS = 100
LISTED_PAIRS = 300
ASSETS = ("assets/briefing.css", "assets/search.js")


def labels_for(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["fr"])


def url_of(kind: str, key: str) -> str:
    """A page's path from the site root, in the built site (`use_directory_urls: false`)."""
    return {"brief": f"briefs/{key}.html", "actor": f"actors/{key}.html"}[kind]


def render_site(env: jinja2.Environment, archive: Archive, *, lang: str, site_name: str, site_url: str = "",
                only: set[str] | None = None, period_days: int = PERIOD_DAYS) -> dict[str, str]:
    """Every generated file of the docs folder, by path: Markdown pages, assets, feed, JSON, search index.
    With `only`, the pages of briefs, actors, months and tags are rendered only when in it (the
    site-wide pages always are): a build where one brief changed renders the pages that show it."""
    wanted = (lambda path: True) if only is None else only.__contains__
    labels = labels_for(lang)
    actors = {record.id: _actor_link(record) for record in archive.actors.values()}
    common = {"labels": labels, "lang": lang, "site_name": site_name, "actors": actors}
    groups = _actor_groups(archive)
    data = {brief.id: brief.to_dict() for brief in archive.briefs}  # the JSON form, made once per brief
    news = changes(archive, period_days)
    pages = {
        "index.md": render(env, "home.md.j2", root="", **common,
                           briefs=[_brief_summary(b) for b in archive.briefs[:HOME_BRIEFS] if b.date],
                           brief_count=len(archive.briefs),
                           undated=[_brief_summary(b) for b in archive.undated[:HOME_BRIEFS]],
                           stories=[_story_summary(s) for s in archive.stories[:HOME_STORIES]],
                           undated_count=len(archive.undated),
                           tensions=[_pair(p, actors) for p in archive.tensions[:HOME_TENSIONS]],
                           rising=[_pair(p, actors) for p in _rising(archive)[:HOME_TENSIONS]],
                           active=_most_active(archive, actors)),
        "actors/index.md": render(env, "actors.md.j2", root="../", **common, groups=groups),
        "timeline/index.md": render(env, "timeline.md.j2", root="../", **common, **_timeline(archive, labels)),
        "tensions.md": render(env, "tensions.md.j2", root="", **common,
                              pairs=[_pair(p, actors, chart=i < SPARKLINE_PAIRS)
                                     for i, p in enumerate(archive.tensions[:LISTED_PAIRS])],
                              pair_count=len(archive.tensions),
                              matrix=_matrix(archive, actors),
                              graph=tension_graph(archive, actors, labels["graph"])),
        "changes.md": render(env, "changes.md.j2", root="", **common,
                             changes=_changes(news, actors)),
        "stories/index.md": render(env, "stories.md.j2", root="../", **common,
                                   stories=[_story_summary(s) for s in archive.stories[:LISTED_STORIES]],
                                   count=len(archive.stories)),
        "tags/index.md": render(env, "tags.md.j2", root="../", **common,
                                tags=[(slug, tag, len(briefs)) for slug, (tag, briefs) in archive.tags.items()]),
        "search.md": render(env, "search.md.j2", root="", **common),
        "feed.xml": render(env, "feed.xml.j2", **common, site_url=site_url.rstrip("/") + "/" if site_url else "",
                           changes={"start": news.start, "end": news.end},
                           briefs=[_brief_summary(b) for b in archive.briefs[:HOME_BRIEFS] if b.date]),
        "briefs.json": "[\n" + ",\n".join(_listed_json(sorted(archive.briefs, key=lambda b: b.id), archive.story_of))
                       + "\n]\n",
        "assets/labels.js": "window.briefingLabels = " + json.dumps(
            {k: labels[k] for k in ("none", "placeholder")}, ensure_ascii=False, sort_keys=True) + ";\n",
        "assets/search-index.js": build_index(archive, url_of),
    }
    for asset in ASSETS:
        pages[asset] = env.loader.get_source(env, asset)[0]
    stories = {story.id: story for story in archive.stories}
    for brief in archive.briefs:
        if not wanted(f"briefs/{brief.id}.md"):
            continue
        story = stories.get(archive.story_of[brief.id])
        pages[f"briefs/{brief.id}.md"] = render(env, "brief.md.j2", root="../", **common,
                                                **_brief_page(data[brief.id]), links=actors,
                                                story=_story_summary(story) if story else None)
    for story in archive.stories:
        if wanted(f"stories/{story.id}.md"):
            pages[f"stories/{story.id}.md"] = render(env, "story.md.j2", root="../", **common,
                                                     story=_story_page(story, actors))
    for record in archive.actors.values():
        if not wanted(f"actors/{record.page}.md"):
            continue
        pages[f"actors/{record.page}.md"] = render(env, "actor.md.j2", root="../", **common,
                                                   actor=_actor_context(record, archive, actors))
    for group in groups:
        for letter, members in group["letters"].items():
            pages[f"actors/by-type/{group['type']}-{letter}.md"] = render(
                env, "actor_list.md.j2", root="../../", **common, group=group, letter=letter, members=members)
    for month, items in archive.months.items():
        names = month_pages(month, len(items))
        for number, name in enumerate(names):
            if not wanted(f"timeline/{name}.md"):
                continue
            chunk = items[number * EVENTS_PER_MONTH_PAGE:(number + 1) * EVENTS_PER_MONTH_PAGE]
            pages[f"timeline/{name}.md"] = render(env, "month.md.j2", root="../", **common, month=month,
                                                  events=[_event(e, b, actors) for b, e in chunk],
                                                  pages=names, page=number)
    for slug, (tag, briefs) in archive.tags.items():
        if not wanted(f"tags/{slug}.md"):
            continue
        pages[f"tags/{slug}.md"] = render(env, "tag.md.j2", root="../", **common, tag=tag, count=len(briefs),
                                          briefs=[_brief_summary(b) for b in briefs[:LISTED_BRIEFS]])
    return pages


LISTED: dict[str, str] = {}
"""Each brief of the last render as an item of briefs.json, by digest: `serve` formats only new ones."""


def _listed_json(briefs: list[Brief], story_of: dict[str, str]) -> list[str]:
    """The briefs, each with its story, as items of briefs.json's list, indented as
    `json.dumps(briefs, indent=1)` would."""
    items = {}
    for brief in briefs:
        key = f"{brief.digest} {story_of[brief.id]}"
        items[key] = LISTED.get(key) or "\n".join(" " + line for line in json.dumps(
            brief.to_dict() | {"story": story_of[brief.id]}, ensure_ascii=False, sort_keys=True, indent=1).split("\n"))
    LISTED.clear()
    LISTED.update(items)
    return [items[f"{brief.digest} {story_of[brief.id]}"] for brief in briefs]


def month_pages(month: str, events: int) -> list[str]:
    """A month's page names: "2018-12", then "2018-12-2", ... EVENTS_PER_MONTH_PAGE events each."""
    count = max(1, math.ceil(events / EVENTS_PER_MONTH_PAGE))
    return [month] + [f"{month}-{n}" for n in range(2, count + 1)]


def pages_showing(archive: Archive) -> dict[str, list[str]]:
    """Per brief, the pages that show it besides the site-wide ones: its own page, and the pages of
    its actors, tags and months. A changed brief changes these and the site-wide pages, no others."""
    showing: dict[str, set[str]] = {brief.id: {f"briefs/{brief.id}.md"} for brief in archive.briefs}
    for record in archive.actors.values():
        for brief in record.briefs:
            showing[brief.id].add(f"actors/{record.page}.md")
    for slug, (_, briefs) in archive.tags.items():
        for brief in briefs:
            showing[brief.id].add(f"tags/{slug}.md")
    for month, items in archive.months.items():
        names = [f"timeline/{name}.md" for name in month_pages(month, len(items))]
        for brief, _ in items:
            showing[brief.id].update(names)  # a brief's events move between a month's pages
    for story in archive.stories:
        for brief in story.briefs:
            showing[brief.id].add(f"stories/{story.id}.md")
    return {brief_id: sorted(pages) for brief_id, pages in showing.items()}


def _brief_page(data: dict) -> dict:
    """The brief's JSON form, and its actors' names as this brief gives them."""
    return {"brief": data, "names": {actor["id"]: actor["name"] for actor in data["actors"]}}


def _actor_link(record: ActorRecord) -> dict:
    return {"id": record.id, "name": record.name, "type": record.type, "page": record.page}


def _brief_summary(brief: Brief) -> dict:
    return {"id": brief.id, "title": brief.title, "date": brief.date, "summary": list(brief.summary),
            "tags": list(brief.tags), "actors": len(brief.actors), "events": len(brief.events),
            "tensions": len(brief.tensions)}


def _story_summary(story: StoryRecord) -> dict:
    return {"id": story.id, "title": story.briefs[0].title, "date": story.date, "outlets": story.outlets,
            "briefs": [_brief_summary(b) for b in story.briefs]}


def _story_page(story: StoryRecord, actors: dict) -> dict:
    briefs = [dict(_brief_summary(b), source=b.source, url=b.url) for b in story.briefs]
    shared = []
    for items in story.shared:
        brief, event = items[0]
        shared.append(dict(_event(event, brief, actors), reports=[
            {"brief": {"id": b.id, "title": b.title, "source": b.source}, "evidence": e.evidence.text} for b, e in items]))
    single = [dict(_event(e, b, actors), brief={"id": b.id, "title": b.title, "source": b.source})
              for b, e in story.single]
    return {"id": story.id, "title": story.briefs[0].title, "date": story.date, "briefs": briefs[:STORY_BRIEFS],
            "outlets": story.outlets, "shared": shared[:STORY_EVENTS], "single": single[:STORY_EVENTS],
            "shared_count": len(shared), "single_count": len(single)}


def _event(event, brief: Brief, actors: dict) -> dict:
    return {"type": event.type, "score": event.score, "quad": event.quad, "modality": event.modality,
            "date": event.date, "source": [actors[a] for a in event.source if a in actors],
            "target": [actors[a] for a in event.target if a in actors], "evidence": event.evidence.text,
            "brief": {"id": brief.id, "title": brief.title}}


def _changes(found: Changes, actors: dict) -> dict:
    def move(m) -> dict:
        return {"a": actors.get(m.actors[0]), "b": actors.get(m.actors[1]), "before": m.before, "now": m.now,
                "change": m.change, "events": m.events}

    return {"start": found.start, "end": found.end, "days": found.days, "briefs": found.briefs,
            "stories": [_story_summary(s) for s in found.stories], "new_actors": [actors[a] for a in found.new_actors],
            **{key: [move(m) for m in getattr(found, key)] for key in ("appeared", "escalating", "easing", "moves")}}


def _rising(archive: Archive) -> list[PairRecord]:
    """Pairs whose last month is more conflictual than the one before, the largest move first."""
    def change(pair: PairRecord) -> float:
        months = pair.trend.months
        return months[-1][1] - months[-2][1]

    rising = [p for p in archive.tensions if p.trend and p.trend.trend == "escalating"]
    return sorted(rising, key=lambda p: (change(p), p.actors))


def _most_active(archive: Archive, actors: dict) -> dict:
    """The actors with the most events in the archive's latest month (article dates, not the clock)."""
    if not archive.months:
        return {"month": "", "actors": []}
    month = next(iter(archive.months))
    counts = {record.id: sum(1 for brief, event in record.events if (event.date or brief.date)[:7] == month)
              for record in archive.actors.values()}
    top = sorted(((n, actor_id) for actor_id, n in counts.items() if n), key=lambda item: (-item[0], item[1]))[:HOME_ACTORS]
    return {"month": month, "actors": [dict(actors[actor_id], events=n) for n, actor_id in top]}


def _pair(pair: PairRecord, actors: dict, *, chart: bool = True) -> dict:
    """A pair with its trend: an arrow, as CrisisWatch marks conflicts, and a sparkline of its
    monthly summed scores (whose aria-label says every value)."""
    trend = pair.trend
    months = list(trend.months) if trend else []
    names = " — ".join(actors[a]["name"] if a in actors else a for a in pair.actors)
    return {"a": actors.get(pair.actors[0]), "b": actors.get(pair.actors[1]), "intensity": pair.intensity,
            "topic": pair.topic, "briefs": len(pair.briefs), "trend": trend.trend if trend else "steady",
            "arrow": ARROWS[trend.trend if trend else "steady"], "months": [list(m) for m in months],
            "spark": sparkline(months, names) if chart and len(months) > 1 else ""}


def _actor_groups(archive: Archive) -> list[dict]:
    """Actors by type, most mentioned first, and split by initial for the full lists: one page of
    a few thousand names would pass the 100 KB a page may weigh."""
    groups = []
    for actor_type in ACTOR_TYPES:
        members = [dict(_actor_link(r), briefs=len(r.briefs)) for r in archive.actors.values() if r.type == actor_type]
        if not members:
            continue
        letters: dict[str, list[dict]] = {}
        for member in sorted(members, key=lambda m: (fold(m["name"]), m["id"])):
            initial = fold(member["name"])[:1]
            letters.setdefault(initial if "a" <= initial <= "z" else "0", []).append(member)
        top = sorted(members, key=lambda m: (-m["briefs"], m["name"].lower(), m["id"]))[:ACTORS_ON_INDEX]
        groups.append({"type": actor_type, "count": len(members), "top": top, "letters": letters})
    return groups


def _actor_context(record: ActorRecord, archive: Archive, actors: dict) -> dict:
    def partners(pairs: list[PairRecord]) -> list[dict]:
        out = []
        for pair in pairs:
            if record.id in pair.actors:
                other = pair.actors[1] if pair.actors[0] == record.id else pair.actors[0]
                out.append(dict(_pair(pair, actors), other=actors.get(other)))
        return out

    return {
        "id": record.id, "name": record.name, "type": record.type, "aliases": sorted(record.aliases),
        "roles": sorted(record.roles.items(), key=lambda r: (-r[1], r[0])),
        "affiliations": [actors[a] for a, _ in sorted(record.affiliations.items(), key=lambda r: (-r[1], r[0]))
                         if a in actors],
        "brief_count": len(record.briefs), "event_count": len(record.events),
        "briefs": [_brief_summary(b) for b in record.briefs[:BRIEFS_PER_ACTOR_PAGE]],
        "events": [_event(e, b, actors) for b, e in record.events[:EVENTS_PER_ACTOR_PAGE]],
        "tensions": partners(archive.tensions), "cooperation": partners(archive.cooperation),
        **_actor_months(record),
    }


def _actor_months(record: ActorRecord) -> dict:
    """The actor's events per month: cooperation (positive scores) and conflict (negative), weighted
    by modality as the trends are, as a chart and as the table that says the same."""
    months: dict[str, list[float]] = {}
    for brief, event in record.events:
        month = (event.date or brief.date)[:7]
        weight = MODALITY_WEIGHT.get(event.modality, 1.0)
        if len(month) == 7 and weight:
            side = months.setdefault(month, [0.0, 0.0])
            side[0 if event.score > 0 else 1] += event.score * weight
    rows = [(month, round(up, 1), round(down, 1)) for month, (up, down) in sorted(months.items())]
    return {"months": rows, "chart": conflict_cooperation(rows, record.name) if rows else ""}


def _timeline(archive: Archive, labels: dict) -> dict:
    """Events per month by quad class: a chart, oldest first, and the table, newest first."""
    rows = []
    for month, items in archive.months.items():
        counts: dict[str, int] = {}
        for _, event in items:
            counts[event.quad] = counts.get(event.quad, 0) + 1
        rows.append((month, len(items), counts))
    chart = monthly_quads([(month, counts) for month, _, counts in reversed(rows)], labels["timeline"])
    return {"months": rows, "chart": chart}


def _matrix(archive: Archive, actors: dict) -> dict:
    """The actors most in tension, and the summed intensity of each of their pairs."""
    totals: dict[str, float] = {}
    for pair in archive.tensions:
        for actor_id in pair.actors:
            totals[actor_id] = totals.get(actor_id, 0) + pair.intensity
    top = sorted(totals, key=lambda a: (-totals[a], a))[:MATRIX_ACTORS]
    cells = {frozenset(p.actors): p.intensity for p in archive.tensions}
    return {"actors": [actors[a] for a in top if a in actors],
            "rows": [[cells.get(frozenset((a, b))) if a != b else None for b in top] for a in top]}


def tension_graph(archive: Archive, actors: dict, title: str) -> str:
    """The strongest tensions (GRAPH_PAIRS) as a network: actors ordered so that partners sit
    near each other (from the strongest pair outwards), chords thicker when stronger."""
    pairs = archive.tensions[:GRAPH_PAIRS]
    order: list[str] = []
    for pair in pairs:  # strongest first: each pair's actors join next to what they touch
        for actor_id in pair.actors:
            if actor_id not in order:
                order.append(actor_id)
    nodes = [(a, archive.name(a), f"actors/{actors[a]['page']}.html" if a in actors else "") for a in order]
    edges = [(p.actors[0], p.actors[1], p.intensity,
              f"{archive.name(p.actors[0])} — {archive.name(p.actors[1])}: {p.intensity}") for p in pairs]
    return network(nodes, edges, title)
