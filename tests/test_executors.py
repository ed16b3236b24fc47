"""Extraction executors: batches in this process, in worker processes, or on a Dask cluster all
give the same briefs, byte for byte, in the articles' order."""

from __future__ import annotations

import pytest

from conftest import REPO
from generator.executors import run_batches
from generator.load import load_article
from generator.model import Article


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    paths = sorted((REPO / "content").iterdir())
    return [load_article(path, root=REPO) for path in paths] * 4  # several batches


def briefs_json(results) -> list[str]:
    return [brief.to_json() for _, brief in results]


@pytest.fixture(scope="module")
def local(articles) -> list[str]:
    return briefs_json(run_batches(articles))


def test_worker_processes_give_the_same_briefs(articles, local):
    done = []
    assert briefs_json(run_batches(articles, jobs=2, on_batch=done.append)) == local
    assert sum(done) == len(articles) and len(done) == 2


def test_dask_cluster_gives_the_same_briefs(articles, local):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = run_batches(articles, executor="dask", scheduler=cluster.scheduler_address)
        assert briefs_json(results) == local


def test_a_failing_article_is_reported_and_the_others_parsed(articles, monkeypatch):
    import generator.extract as extract

    real = extract.brief_from_doc

    def flaky(article, doc):
        if article.id == articles[1].id:
            raise RuntimeError("boom")
        return real(article, doc)

    monkeypatch.setattr(extract, "brief_from_doc", flaky)
    results = list(run_batches(articles[:3]))
    assert isinstance(results[1][1], str) and "extraction failed (RuntimeError: boom)" in results[1][1]
    assert not isinstance(results[0][1], str) and not isinstance(results[2][1], str)


def test_unreachable_scheduler_is_one_clear_error(articles, monkeypatch):
    pytest.importorskip("dask.distributed")
    from generator.errors import BriefingError

    monkeypatch.setattr("generator.executors.DASK_CONNECT_TIMEOUT", "2s")
    with pytest.raises(BriefingError, match="cannot reach the Dask scheduler"):
        list(run_batches(articles[:1], executor="dask", scheduler="tcp://127.0.0.1:9"))
