"""The edit loop: how long until one changed article shows, in `briefing build` and `briefing serve`.

    python benchmarks/edit_loop.py [--build-size 300] [--serve-size 1291] [--edits 3]

- build: a cold build, then one article changed, each `briefing build` in a fresh process (as a
  user runs it); target: the rebuild takes at most 20 % of the cold build;
- serve: the rebuild `briefing serve` runs when a file changes (the same `build_site` call, into
  its temporary site folder, in the one long-lived process), timed after each of a few edits;
  target: at most 2 s at 1,291 articles. The file watcher's own delay (MkDocs' livereload waits
  for changes to settle) comes on top and is reported apart.

Articles are Wikinews ones (../shared/corpus), as in build_bench.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from build_bench import timed_build  # noqa: E402
from site_scale import make_project  # noqa: E402

SERVE = """
import json, sys, tempfile, time
from pathlib import Path
from generator.serve import _warm_up
from generator.site import Project, build_site
root, edits = Path(sys.argv[1]), int(sys.argv[2])
site_dir = Path(tempfile.mkdtemp(prefix="briefing-serve-bench-")) / "site"
start = time.perf_counter()
report = build_site(root, site_dir=site_dir)  # serve's first build
first = time.perf_counter() - start
_warm_up(Project(root), sorted({b.lang for b in report.briefs}))  # serve does it while the site is read
articles = sorted((root / "content").iterdir())
times = []
for i in range(edits):
    article = articles[10 + 37 * i]
    article.write_text(article.read_text("utf-8") + f"\\nLe Mali a condamné la France ({i}).\\n", "utf-8")
    start = time.perf_counter()
    report = build_site(root, site_dir=site_dir)
    times.append({"seconds": time.perf_counter() - start, "stages": report.seconds, "mkdocs": report.mkdocs})
print(json.dumps({"first": first, "rebuilds": times}))
"""


def edit(root: Path, index: int, line: str) -> None:
    article = sorted((root / "content").iterdir())[index]
    article.write_text(article.read_text("utf-8") + f"\n{line}\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-size", type=int, default=300)
    parser.add_argument("--serve-size", type=int, default=1291)
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=None, help="extraction processes (default: the cores)")
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "wikinews-fr.jsonl")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "briefing-edit-loop")
    args = parser.parse_args()
    from generator.executors import default_jobs

    jobs = args.jobs or default_jobs()
    rows = []

    root = args.workdir / f"build{args.build_size}"
    make_project(root, args.corpus, args.build_size)
    cold = timed_build(root, jobs)
    runs = []
    for i in range(args.edits):
        edit(root, 5 + 41 * i, f"La France a condamné la Russie ({i}).")
        runs.append(timed_build(root, jobs))
    worst = max(runs, key=lambda run: run["seconds"])
    rows.append((f"cold build, {args.build_size} articles", f"{cold['seconds']:.1f} s", "", ""))
    rows.append((f"build after one changed article, {args.build_size} articles",
                 f"{statistics.median(r['seconds'] for r in runs):.1f} s (median of {len(runs)})",
                 f"slowest {worst['seconds']:.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in worst["stages"].items()),
                 f"{statistics.median(r['seconds'] for r in runs) / cold['seconds']:.0%} of cold (target <= 20%)"))

    root = args.workdir / f"serve{args.serve_size}"
    make_project(root, args.corpus, args.serve_size)
    timed_build(root, jobs)  # the cache a project has when `serve` starts
    out = subprocess.run([sys.executable, "-c", SERVE, str(root), str(args.edits)], capture_output=True, text=True,
                         check=True)
    serve = json.loads(out.stdout.strip().splitlines()[-1])
    first_edit, *later = serve["rebuilds"]
    rows.append((f"serve, rebuild after the first edit, {args.serve_size} articles", f"{first_edit['seconds']:.2f} s",
                 ", ".join(f"{k} {v:.2f}" for k, v in first_edit["stages"].items()),
                 f"serve's first build {serve['first']:.1f} s; target <= 2 s"))
    if later:
        worst = max(later, key=lambda run: run["seconds"])
        rows.append((f"serve, rebuild after each later edit, {args.serve_size} articles",
                     f"{statistics.median(r['seconds'] for r in later):.2f} s (median of {len(later)})",
                     f"slowest {worst['seconds']:.2f} s: " + ", ".join(f"{k} {v:.2f}" for k, v in worst["stages"].items()),
                     "target <= 2 s"))

    print(f"edit loop: {jobs} extraction processes")
    print("| measure | value | detail | ratio / target |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
