"""Screenshots of a built site's analyst pages at desktop and phone widths, for docs/screenshots/.

    python scripts/screenshots.py SITE_DIR [--out docs/screenshots]

Drives the system chromium through Playwright from file:// (as a reader opens the site from disk).
The screenshots in docs/ are of the sample site with the two articles of one story that the
browser tests add (tests/fixtures/stories/):

    mkdir -p /tmp/shots && cp -r content mkdocs.yml /tmp/shots/ && cp tests/fixtures/stories/*.md /tmp/shots/content/
    briefing build --project /tmp/shots && python scripts/screenshots.py /tmp/shots/site
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

PAGES = {"home": "index.html", "tensions": "tensions.html", "timeline": "timeline/index.html",
         "changes": "changes.html", "actor": "actors/rus.html", "stories": "stories/index.html"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    pages = dict(PAGES)
    stories = args.site / "stories" / "index.html"
    if stories.is_file():  # the story told by the most outlets
        rows = re.findall(r'<a href="([\w.-]+\.html)">.*?</a></td>\s*<td>(\d+)</td>', stories.read_text("utf-8"))
        if rows:
            pages["story"] = "stories/" + max(rows, key=lambda row: (int(row[1]), row[0]))[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        for device, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in pages.items():
                if (args.site / path).is_file():
                    page.goto((args.site / path).resolve().as_uri())
                    page.screenshot(path=str(args.out / f"{name}-{device}.png"), full_page=False)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
