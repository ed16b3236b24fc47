"""Render stage: briefs (JSON form) -> Markdown pages through Jinja templates.

The project's `templates/` override the package defaults file by file (ChoiceLoader). Every value
that comes from an article is untrusted: the `md` filter escapes it for both HTML and Markdown.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from .errors import ConfigError
from .model import Brief

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
if not PACKAGE_TEMPLATES.is_dir():  # an editable install: the templates stay at the repository's top
    PACKAGE_TEMPLATES = Path(__file__).parent.parent / "templates"

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")
LINE_START = re.compile(r"^([-+])|^(\d+)([.)])")

LABELS = {
    "fr": {
        "person": "personne", "country": "pays", "organisation": "organisation", "group": "groupe",
        "place": "lieu",
        "asserted": "affirmé", "reported": "rapporté", "hypothetical": "hypothétique", "negated": "nié",
        "denied": "contesté",
        "verbal_cooperation": "coopération verbale", "material_cooperation": "coopération matérielle",
        "verbal_conflict": "conflit verbal", "material_conflict": "conflit matériel",
    },
    "en": {
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
    """A title for MkDocs' front matter, as a JSON (hence YAML) string. Themes print it through
    `striptags`, which unescapes entities, so no character may turn back into markup there."""
    text = " ".join(str(value or "").split()).replace("<", "‹").replace(">", "›").replace("&", "&amp;")
    return json.dumps(text, ensure_ascii=True)


def safe_url(value: object) -> str:
    """An http(s) URL made safe inside a Markdown link, or "" for any other scheme (javascript:, data:)."""
    url = str(value or "").strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    return quote(url, safe=":/?#@!$&'*+,;=%~[]-._")


def make_environment(project_templates: Path | None) -> jinja2.Environment:
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


def brief_context(brief: Brief, lang: str) -> dict:
    """What a brief template sees: the brief's JSON form plus actor names resolved."""
    data = brief.to_dict()
    names = {actor["id"]: actor["name"] for actor in data["actors"]}
    return {"brief": data, "names": names, "labels": LABELS.get(lang, LABELS["fr"]), "lang": lang}


def render_brief(env: jinja2.Environment, brief: Brief, *, lang: str) -> str:
    return render(env, "brief.md.j2", **brief_context(brief, lang))


def render_home(env: jinja2.Environment, briefs: list[Brief], *, lang: str, site_name: str) -> str:
    ordered = sorted(briefs, key=lambda b: (b.date, b.id), reverse=True)
    return render(
        env,
        "home.md.j2",
        briefs=[b.to_dict() for b in ordered],
        labels=LABELS.get(lang, LABELS["fr"]),
        lang=lang,
        site_name=site_name,
    )
