"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Articles go in batches through `nlp.pipe`; a batch comes back as brief JSON (small, and the same
bytes wherever it was made), in the articles' order, so the build streams: the parsed `Doc`s of
one batch exist only while it is processed, and the site is the same whichever executor ran.
Workers load each spaCy pipeline once (`load_pipeline` is cached per process).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial
from itertools import groupby

from .model import Article, Brief

BATCH_SIZE = 32
DASK_CONNECT_TIMEOUT = "20s"
Result = tuple[str, str]
"""("brief", brief JSON) or ("error", message): plain strings travel between processes and machines."""


def extract_batch(articles: list[Article], pipelines: dict[str, str] | None = None) -> list[Result]:
    """Parse a batch with `nlp.pipe`, one pipeline per run of same-language articles. An article
    the extractor fails on is reported, never allowed to stop the build."""
    from .extract import brief_from_doc, load_pipeline, pipeline_name

    results: list[Result] = []
    for name, group in groupby(articles, key=lambda article: pipeline_name(article, pipelines)):
        group = list(group)
        docs = load_pipeline(name).pipe((article.text for article in group), batch_size=len(group))
        for article, doc in zip(group, docs):
            try:
                results.append(("brief", brief_from_doc(article, doc).to_json()))
            except Exception as err:  # noqa: BLE001 - a bug on one article must not lose the others
                results.append(("error", f"extraction failed ({type(err).__name__}: {err}); please report it"))
    return results


def batches(articles: list[Article], size: int = BATCH_SIZE) -> list[list[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batches(
    articles: list[Article],
    *,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    pipelines: dict[str, str] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> Iterator[tuple[Article, Brief | str]]:
    """(article, brief or error message) for every article, in order."""
    work = batches(articles)
    task = partial(extract_batch, pipelines=pipelines)
    if executor == "dask":
        results = _dask(task, work, scheduler)
    elif jobs > 1 and len(work) > 1:
        results = _processes(task, work, min(jobs, len(work)))
    else:
        results = map(task, work)
    for batch, batch_results in zip(work, results):
        for article, (kind, value) in zip(batch, batch_results):
            yield article, Brief.from_json(value) if kind == "brief" else value
        if on_batch:
            on_batch(len(batch))


def _processes(task, work: list[list[Article]], jobs: int) -> Iterator[list[Result]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start at once with the parent's imports; each loads the pipeline once.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(task, work)


def _dask(task, work: list[list[Article]], scheduler: str | None) -> Iterator[list[Result]]:
    """On a Dask distributed cluster: every worker needs briefing installed (same version)."""
    from .errors import BriefingError

    try:
        from dask.distributed import Client
    except ImportError as err:
        raise BriefingError("--executor dask needs Dask: pip install 'briefing[dask]'") from err

    if not scheduler:
        raise BriefingError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except OSError as err:
        raise BriefingError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    with client:
        futures = client.map(task, work, pure=False)
        for future in futures:  # in order; the cluster works ahead on the rest
            yield future.result()
            future.release()
