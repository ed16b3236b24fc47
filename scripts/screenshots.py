"""Screenshots of a built site's analyst pages at desktop and phone widths, for docs/screenshots/.

    python scripts/screenshots.py SITE_DIR [--out docs/screenshots]

Drives the system chromium through Playwright from file:// (as a reader opens the site from disk).
"""

from __future__ import annotations

import argparse
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
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        for device, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                if (args.site / path).is_file():
                    page.goto((args.site / path).resolve().as_uri())
                    page.screenshot(path=str(args.out / f"{name}-{device}.png"), full_page=False)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
