"""How the site scales: build a site of N Wikinews briefs, then report page sizes and how long a
search takes to show its first results in headless Chromium opened from file:// (index loading
included).

    python benchmarks/site_scale.py [--articles 1000] [--corpus ../shared/corpus/wikinews-fr.jsonl]
        [--workdir /tmp/briefing-scale] [--query sanction ...]

The corpus has 1,291 articles; a larger N repeats them under new ids, URLs and a last sentence
(said in the output), since a build keeps one of two identical articles, and as from other
outlets ("Wikinews, copie N"), so an article's copies make a story as wire copy does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from import_wikinews import to_markdown  # noqa: E402

from generator.site import build_site  # noqa: E402

QUERIES = ["sanction", "gouvernements", "election", "Lavrov", "Moscou", "manifestation police"]


def make_project(root: Path, corpus: Path, n: int) -> int:
    """A project with n articles; returns how many are repeats of earlier ones under new ids."""
    rows = [json.loads(line) for line in corpus.read_text("utf-8").splitlines()]
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for i in range(n):
        row, outlet = dict(rows[i % len(rows)]), "Wikinews"
        if i >= len(rows):  # a copy, told apart by id, URL and one sentence: the build keeps one of two identical articles
            copy = i // len(rows)
            row["id"] = f"{row['id']}-r{copy}"
            row["url"] = f"{row['url']}?copie={copy}"
            row["text"] = f"{row['text']}\n\nCopie {copy} de cet article, pour les mesures d'échelle."
            outlet = f"Wikinews, copie {copy}"  # another outlet carrying the same story, as wire copy is
        (root / "content" / f"{row['id']}.md").write_text(to_markdown(row, outlet), "utf-8")
    return max(0, n - len(rows))


def search_times(site: Path, queries: list[str]) -> dict[str, float]:
    """Milliseconds from typing a query to the first results, on a fresh page each time."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    times = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        for query in queries:
            page = browser.new_page()
            page.goto((site / "index.html").as_uri())
            start = time.perf_counter()
            page.fill(".briefing-search__input", query)
            page.wait_for_selector(".briefing-search__results li", timeout=10_000)
            times[query] = (time.perf_counter() - start) * 1000
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "wikinews-fr.jsonl")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/briefing-scale"))
    parser.add_argument("--query", action="append", dest="queries")
    args = parser.parse_args()

    repeats = make_project(args.workdir, args.corpus, args.articles)
    start = time.perf_counter()
    report = build_site(args.workdir)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    build_site(args.workdir)
    warm = time.perf_counter() - start
    site = args.workdir / "site"
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    sizes = [p.stat().st_size for p in pages]
    index = site / "assets" / "search-index.js"
    times = search_times(site, args.queries or QUERIES)

    print(f"articles: {args.articles} ({repeats} repeated under new ids), briefs: {len(report.briefs)}, "
          f"problems: {len(report.problems)}")
    print(f"build: {cold:.1f} s cold (cache as found), {warm:.1f} s again with nothing changed")
    print(f"HTML pages: {len(pages)}, median {statistics.median(sizes) / 1024:.1f} KB, "
          f"largest {sizes[-1] / 1024:.1f} KB ({pages[-1].relative_to(site)}), "
          f"over 100 KB: {sum(s > 100 * 1024 for s in sizes)}")
    print(f"search index: {index.stat().st_size / 1024 / 1024:.2f} MB")
    for query, ms in times.items():
        print(f"search {query!r}: first results after {ms:.0f} ms (file://, index loading included)")


if __name__ == "__main__":
    main()
