"""Property-based tests (Hypothesis): whatever an article holds, the loader either loads it or
fails with the tool's own error, and rendered pages never carry markup from the input."""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.etree import ElementTree

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.archive import build_archive
from generator.errors import ContentError
from generator.load import load_article
from generator.model import Actor, Brief, Event, Quote, Relation, TextSpan
from generator.render import make_environment, render_site

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = ["title", "date", "lang", "source", "url", "tags", "license", "autre"]
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                      max_leaves=6)
dates = st.dates().map(str) | st.text(max_size=12)


def load_bytes(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return load_article(path, root=Path(folder))


@SETTINGS
@given(meta=st.dictionaries(st.sampled_from(FIELDS), values), date=dates, body=st.text(max_size=300))
def test_any_front_matter_loads_or_fails_with_the_tools_error(meta, date, body):
    meta = {**meta, "date": date}
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    try:
        article = load_bytes("a.md", text.encode("utf-8"))
    except ContentError as err:
        assert err.message.startswith("a.md"), err.message
        return
    assert article.text and article.text == article.text.strip()
    assert article.id == "a" and article.date == str(meta["date"]).strip()


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".md", ".txt"]))
def test_any_bytes_load_or_fail_with_the_tools_error(data, suffix):
    try:
        load_bytes("a" + suffix, data)
    except ContentError as err:
        assert err.message.startswith("a" + suffix), err.message


MARKUP = ["<x-evil onload=alert(1)>", "</div><x-evil>", "[lien](javascript:alert(1))", "<script>x</script>",
          "`<x-evil>`", "<!--<x-evil>-->", "{{ 7*7 }}", "{% raw %}", "\"' onmouseover=x", "&lt;x-evil&gt;",
          "* ", "# ", "| a |", "\n\n    <x-evil>", "<![CDATA[<x-evil>]]>"]
# The loader replaces control characters (tests/test_bad_input.py), so briefs never hold them.
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
untrusted = st.lists(printable | st.sampled_from(MARKUP), min_size=1, max_size=5).map("".join)


@st.composite
def briefs(draw) -> Brief:
    text = draw(untrusted)
    span = TextSpan(text, 0, len(text))
    names = [draw(untrusted) for _ in range(2)]
    actors = tuple(Actor(f"a{i}", name, "person", draw(untrusted), None, (draw(untrusted),), (span,))
                   for i, name in enumerate(names))
    event = Event("ACCUSE", ("a0",), ("a1",), -2.0, "verbal_conflict", "reported", "2020-01-01", span, span)
    relation = Relation(("a0", "a1"), 2.0, draw(untrusted), (span,))
    return Brief(id="b", title=draw(untrusted), date="2020-01-01", lang="fr", source=draw(untrusted),
                 url=draw(untrusted), tags=(draw(untrusted),), license=draw(untrusted), summary=(text,),
                 actors=actors, events=(event,), tensions=(relation,), cooperation=(relation,),
                 quotes=(Quote("a0", text, 0, len(text)),), text=text)


ENV = make_environment(None)


@SETTINGS
@given(brief=briefs())
def test_rendered_pages_never_carry_markup_from_the_input(brief):
    pages = render_site(ENV, build_archive([brief]), lang="fr", site_name="S")
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        body, meta = get_data(page)
        html = markdown.markdown(body, extensions=["tables", "toc", "md_in_html"])
        assert "<x-evil" not in html and "<script" not in html, (path, html)
        assert 'href="javascript' not in html, (path, html)
        assert "<" not in str(meta.get("title", "")), meta
    feed = ElementTree.fromstring(pages["feed.xml"].encode("utf-8"))
    assert (feed.findall("channel/item")[-1].findtext("title") or "") == brief.title
    assert "</" not in pages["assets/search-index.js"]
