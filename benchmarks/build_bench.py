"""The build against its floors, in one run on one machine, printed as one table.

    python benchmarks/build_bench.py [--sizes 1291 10000] [--jobs N] [--workdir /tmp/briefing-bench]

- extraction words/s, single process, against plain `nlp.pipe` of the same pipeline on the same
  texts (the floor): target at most 1.3x;
- the MkDocs stage of a cold build against MkDocs alone building the same Markdown;
- cold build, rebuild with nothing changed, rebuild after one changed article, for each size, each
  in a fresh process whose peak RSS (its own and its workers') is reported: targets, rebuild at
  most 10% (no change) and 30% (one change) of the cold build, peak RSS under 2 GB at 10,000;
- search on the largest site: first results in headless Chromium from file://, index loading included.

The corpus has 1,291 articles; larger sizes repeat them under new ids (said in the table).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from site_scale import make_project, search_times  # noqa: E402

BUILD = """
import json, resource, sys, time
from pathlib import Path
from generator.site import Extraction, build_site
start = time.perf_counter()
report = build_site(Path(sys.argv[1]), extraction=Extraction(jobs=int(sys.argv[2])))
seconds = time.perf_counter() - start
# VmHWM: this process's own peak (ru_maxrss would carry the benchmark's, inherited through fork and exec);
# workers forked from it report theirs through RUSAGE_CHILDREN.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "stages": report.seconds, "mkdocs": report.mkdocs,
                  "briefs": len(report.briefs), "problems": len(report.problems)}))
"""


def timed_build(root: Path, jobs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", BUILD, str(root), str(jobs)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def extraction_floor(corpus: Path) -> dict:
    """Single process: plain nlp.pipe, then the extractor (nlp.pipe + briefs), on the same texts."""
    from generator.executors import BATCH_SIZE, run_batches
    from generator.extract import load_pipeline
    from generator.gazetteer import load_gazetteer
    from generator.lexicon import load_lexicon
    from generator.model import Article

    rows = [json.loads(line) for line in corpus.read_text("utf-8").splitlines()]
    articles = [Article(id=r["id"], path=r["id"], title=r["title"], date=r["date"], lang="fr", source="", url="",
                        tags=(), text=r["text"]) for r in rows]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline("fr_core_news_sm")
    load_gazetteer(), load_lexicon("fr"), list(nlp.pipe([a.text for a in articles[:50]]))  # warm up both
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE):
        pass
    floor = time.perf_counter() - start
    start = time.perf_counter()
    for _ in run_batches(articles, jobs=1):
        pass
    ours = time.perf_counter() - start
    return {"articles": len(articles), "words": words, "floor_s": floor, "ours_s": ours}


def mkdocs_alone(root: Path) -> float:
    """MkDocs building the generated Markdown with the same settings, and no generator around it."""
    from mkdocs.commands.build import build

    from generator.site import Project, _quiet_mkdocs, load_mkdocs_config, site_settings

    project = Project(root)
    config = load_mkdocs_config(project)
    lang = config["theme"].get("language") or "fr"
    with tempfile.TemporaryDirectory() as out:
        config = load_mkdocs_config(project, site_dir=out, **site_settings(config, lang))
        start = time.perf_counter()
        with _quiet_mkdocs():
            build(config)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1291, 10000])
    parser.add_argument("--jobs", type=int, default=None, help="extraction processes (default: the cores)")
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "wikinews-fr.jsonl")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    args = parser.parse_args()
    from generator.executors import default_jobs

    jobs = args.jobs or default_jobs()

    floor = extraction_floor(args.corpus)
    rows = [("extraction, 1 process", f"{floor['words'] / floor['ours_s']:,.0f} words/s",
             f"nlp.pipe alone {floor['words'] / floor['floor_s']:,.0f} words/s",
             f"{floor['ours_s'] / floor['floor_s']:.2f}x (target <= 1.3x)")]
    largest = None
    for size in args.sizes:
        root = args.workdir / f"n{size}"
        repeats = make_project(root, args.corpus, size)
        label = f"{size:,} articles" + (f" ({repeats:,} repeated under new ids)" if repeats else "")
        cold = timed_build(root, jobs)
        alone = mkdocs_alone(root)
        rows.append((f"MkDocs stage, {label}", f"{cold['stages']['mkdocs']:.1f} s",
                     f"mkdocs build alone {alone:.1f} s", f"{cold['stages']['mkdocs'] / alone:.2f}x"))
        unchanged = timed_build(root, jobs)
        article = sorted((root / "content").iterdir())[0]
        article.write_text(article.read_text("utf-8") + "\nLa France a condamné la Russie.\n", "utf-8")
        one = timed_build(root, jobs)
        for name, run in (("cold build", cold), ("rebuild, no change", unchanged), ("rebuild, one article changed", one)):
            share = "" if run is cold else f"{run['seconds'] / cold['seconds']:.0%} of cold"
            stages = ", ".join(f"{k} {v:.1f}" for k, v in run["stages"].items())
            rows.append((f"{name}, {label}", f"{run['seconds']:.1f} s", f"peak RSS {run['peak_mb']:,.0f} MB",
                         f"{share} ({stages}; mkdocs {run['mkdocs']})".replace("( ", "(")))
        largest = root
    times = search_times(largest / "site", ["sanction", "gouvernements", "election", "Moscou"])
    rows.append((f"search, {args.sizes[-1]:,}-brief site", f"{max(times.values()):.0f} ms (slowest of {len(times)})",
                 f"index {(largest / 'site' / 'assets' / 'search-index.js').stat().st_size / 2**20:.1f} MB",
                 "first results after typing, file://, index loading included (target < 1 s)"))

    print(f"benchmark: {floor['articles']:,} Wikinews articles, {floor['words']:,} words; {jobs} extraction processes; "
          f"{shutil.which('chromium') or 'no chromium'}")
    print("| measure | value | floor / context | ratio |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
