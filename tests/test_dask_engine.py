"""The Dask engine gives byte-identical reports to the default engine, on a 2-worker local
cluster, for the seeds and for a generated corpus of invented stories; its blocked join
gives matching the very candidate pairs and scores the default engine computes."""

from __future__ import annotations

import builtins
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster
from engine_helpers import mixed_corpus, rendered

from checker import engine_dask
from checker.api import check_paths
from checker.cli import cli
from checker.config import CheckConfig
from checker.engine_dask import EngineError, check_paths_dask
from checker.extract import partitions

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return mixed_corpus(tmp_path_factory.mktemp("generated"), 9, seed=11)


def test_partitions_cover_the_articles_in_order(generated):
    from checker.ingest import ingest

    articles = ingest([generated]).articles
    parts = partitions(articles, size=4)
    assert [len(p) for p in parts][:-1] == [4] * (len(parts) - 1)
    assert [s for p in parts for s in p["source"]] == list(articles["source"])


def test_identical_reports_on_the_seeds(client, seeds_dir):
    assert rendered(check_paths_dask([seeds_dir], client=client)) == rendered(check_paths([seeds_dir]))


def _counted(compare_on_cluster, compared):
    def counted(client, pairs, info, thresholds):
        compared.append(len(pairs))
        return compare_on_cluster(client, pairs, info, thresholds)
    return counted


def test_identical_reports_on_a_generated_corpus_in_small_partitions(client, generated, monkeypatch):
    # Several partitions, join partitions and compare slices per worker.
    monkeypatch.setattr(engine_dask, "PARTITION_ARTICLES", 3)
    monkeypatch.setattr(engine_dask, "JOIN_ROWS", 50)
    monkeypatch.setattr(engine_dask, "COMPARE_PAIRS", 7)
    compared: list[int] = []
    monkeypatch.setattr(engine_dask, "compare_on_cluster", _counted(engine_dask.compare_on_cluster, compared))
    dask_result = check_paths_dask([generated], client=client)
    assert compared and compared[0] > 7  # the pairs were compared in several slices
    default = check_paths([generated])
    assert rendered(dask_result) == rendered(default)
    assert [f.fingerprint for f in dask_result.findings] == [f.fingerprint for f in default.findings]


def test_the_blocked_join_finds_and_scores_the_pairs_matching_finds_locally(client, generated, monkeypatch):
    from checker.api import extract_paths
    from checker.match import blocking_keys, build_profiles, local_candidates, source_codes
    from checker.resolve import resolve_entities

    extraction = extract_paths([generated])
    kept = extraction.claims[extraction.claims["compared"].astype(bool)].reset_index(drop=True)
    mentions = resolve_entities(extraction.facets, extraction.claims, CheckConfig().thresholds).mentions
    profiles = build_profiles(kept, extraction.facets, mentions)
    blocks = blocking_keys([p.terms for p in profiles], [p.block_keys() for p in profiles])
    sources = source_codes([p.source for p in profiles])
    strings = [p.text_key for p in profiles]
    # Small partitions and chunks: a pair's shared keys are counted across partitions.
    monkeypatch.setattr(engine_dask, "JOIN_ROWS", max(1, len(blocks) // 7))
    monkeypatch.setattr(engine_dask, "SCORE_PAIRS", 50)
    pairs, scores = engine_dask.blocked_join(client, blocks, sources, strings)
    local_pairs, local_scores = local_candidates(blocks, sources, strings)
    assert len(local_pairs) > 100
    assert pairs.tolist() == local_pairs.tolist()
    assert scores.tolist() == local_scores.tolist()
    empty_pairs, empty_scores = engine_dask.blocked_join(client, blocks.iloc[:0], sources, strings)
    assert empty_pairs.shape == (0, 2) and len(empty_scores) == 0


def test_cli_with_a_running_scheduler_writes_the_same_files(cluster, generated, tmp_path):
    def run(*extra: str) -> dict[str, bytes]:
        out = tmp_path / "-".join(extra or ("default",)).replace("/", "_").replace(":", "_")
        result = CliRunner().invoke(cli, ["check", str(generated), "--out", str(out / "r"),
                                          "--claims-dir", str(out / "c"), "--no-cache", "-q",
                                          "--format", "md,json,csv", *extra])
        assert result.exit_code == 0, result.output
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    assert run("--engine", "dask", "--scheduler", cluster.scheduler_address) == run()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_dask, "CONNECT_TIMEOUT_SECONDS", 1)
    result = CliRunner().invoke(cli, ["check", str(ARTICLES / "wildfire"), "--out", str(tmp_path / "r"),
                                      "--claims-dir", str(tmp_path / "c"), "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not (tmp_path / "r").exists()


def test_a_missing_extra_is_one_line_and_exit_2(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "distributed" or name.startswith("dask"):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    with pytest.raises(EngineError, match=r"pip install 'checker\[dask\]'"):
        check_paths([ARTICLES / "wildfire"], CheckConfig(engine="dask"))
    result = CliRunner().invoke(cli, ["check", str(ARTICLES / "wildfire"), "--out", str(tmp_path / "r"),
                                      "--claims-dir", str(tmp_path / "c"), "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr.startswith("checker: the dask engine needs the dask extra")


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(ARTICLES / "wildfire"), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output
