"""The per-process result cache: bounded, keyed by warehouse version, query and parameters,
one computation per key however many requests ask at once."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import date

import polars as pl
import pytest
from app_fixtures import build_sample_warehouse

from dashboard.db import Warehouse
from dashboard.result_cache import ResultCache, cache_key


def frame(n: int) -> pl.DataFrame:
    return pl.DataFrame({"x": list(range(n))})


def test_a_second_ask_is_answered_without_computing():
    cache = ResultCache(1 << 20)
    calls = []
    key = cache_key((1, 1), "q", {"orgs": ["a"]})
    for _ in range(3):
        got = cache.get_or_compute(key, lambda: calls.append(1) or frame(3))
        assert got["x"].to_list() == [0, 1, 2]
    assert len(calls) == 1
    assert (cache.hits, cache.misses) == (2, 1)


def test_keys_tell_parameters_apart():
    assert cache_key(1, "q", {"orgs": ["a", "b"]}) != cache_key(1, "q", {"orgs": ["a,b"]})
    assert cache_key(1, "q", {"orgs": None}) != cache_key(1, "q", {"orgs": []})
    assert cache_key(1, "q", {"d": date(2026, 1, 2)}) == cache_key(1, "q", {"d": date(2026, 1, 2)})
    assert cache_key(1, "q", {"a": 1, "b": 2}) == cache_key(1, "q", {"b": 2, "a": 1})
    assert cache_key(1, "q", {}) != cache_key(2, "q", {})
    # A new text of the query or of the macros it calls: another answer.
    assert cache_key(1, "q", {}, "digest-a") != cache_key(1, "q", {}, "digest-b")


def test_a_caller_changing_its_frame_does_not_change_the_cached_one():
    cache = ResultCache(1 << 20)
    key = cache_key(1, "q", {})
    first = cache.get_or_compute(key, lambda: frame(2))
    first.insert_column(1, pl.Series("y", [9, 9]))
    assert cache.get_or_compute(key, lambda: frame(0)).columns == ["x"]


def test_the_least_recently_used_answers_go_first_when_full():
    size = frame(1000).estimated_size()
    cache = ResultCache(size * 4)
    keys = [cache_key(1, f"q{i}", {}) for i in range(5)]
    for key in keys[:4]:
        cache.get_or_compute(key, lambda: frame(1000))
    cache.get_or_compute(keys[0], lambda: frame(0))  # q0 used again: q1 is now the oldest
    cache.get_or_compute(keys[4], lambda: frame(1000))
    assert cache.size_bytes <= size * 4
    recomputed = []
    cache.get_or_compute(keys[1], lambda: recomputed.append(1) or frame(1000))
    cache.get_or_compute(keys[0], lambda: recomputed.append(0) or frame(1000))
    assert recomputed == [1]


def test_an_answer_too_big_to_share_the_cache_is_not_kept():
    cache = ResultCache(frame(1000).estimated_size())
    cache.get_or_compute(cache_key(1, "big", {}), lambda: frame(1000))
    assert len(cache) == 0


def test_a_new_warehouse_version_drops_the_old_answers():
    cache = ResultCache(1 << 20)
    cache.get_or_compute(cache_key("old", "a", {}), lambda: frame(5))
    cache.get_or_compute(cache_key("old", "b", {}), lambda: frame(5))
    cache.get_or_compute(cache_key("new", "a", {}), lambda: frame(5))
    assert len(cache) == 1


def test_concurrent_asks_for_one_key_compute_it_once():
    cache = ResultCache(1 << 20)
    calls, answers = [], []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return frame(4)

    key = cache_key(1, "slow", {})
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get_or_compute(key, slow)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert [a.height for a in answers] == [4] * 8


def test_a_failed_computation_is_not_cached_and_does_not_block_the_next():
    cache = ResultCache(1 << 20)
    key = cache_key(1, "q", {})

    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        cache.get_or_compute(key, fail)
    assert cache.get_or_compute(key, lambda: frame(1)).height == 1


def test_size_zero_turns_the_cache_off():
    cache = ResultCache(0)
    calls = []
    for _ in range(2):
        cache.get_or_compute(cache_key(1, "q", {}), lambda: calls.append(1) or frame(1))
    assert len(calls) == 2


@pytest.mark.parametrize(("value", "expected"), [("", 256 << 20), ("0", 0), ("64", 64 << 20)])
def test_the_size_comes_from_the_settings(monkeypatch, tmp_path, value, expected):
    monkeypatch.setenv("COALITION_CACHE_MB", value)
    assert Warehouse(tmp_path / "w.duckdb").cache.max_bytes == expected


def test_the_warehouse_answers_from_the_cache_until_the_file_is_rebuilt(
    tmp_path, sample_warehouse_path
):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    warehouse = Warehouse(path)
    files = warehouse.query("dashboard/ingest_summary", orgs=None).item(0, "files")
    assert warehouse.query("dashboard/ingest_summary", orgs=None).item(0, "files") == files
    assert warehouse.cache.hits == 1

    build_sample_warehouse(tmp_path / "smaller", path, without=("mutual", "faith"))

    # The rebuilt file's answer, not the cached one.
    assert warehouse.query("dashboard/ingest_summary", orgs=None).item(0, "files") < files


def test_duckdb_threads_and_memory_come_from_the_environment(
    monkeypatch, tmp_path, sample_warehouse_path
):
    monkeypatch.setenv("COALITION_DUCKDB_THREADS", "1")
    monkeypatch.setenv("COALITION_DUCKDB_MEMORY", "300MB")
    warehouse = Warehouse(sample_warehouse_path)
    cursor = warehouse.cursor()
    try:
        threads, memory = cursor.sql(
            "select current_setting('threads'), current_setting('memory_limit')"
        ).fetchall()[0]
    finally:
        cursor.close()
    assert threads == 1
    assert memory.replace(" ", "").upper() in {"300.0MB", "286.1MIB", "300MB"}
