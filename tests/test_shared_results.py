"""Answers shared by the server's processes through files: computed once whichever process
asks first, never served across a rebuild, bounded, and harmless when the disk says no."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import date

import polars as pl
import pytest

from dashboard import shared_results
from dashboard.db import Warehouse
from dashboard.result_cache import ResultCache, cache_key
from dashboard.shared_results import SharedResults, default_folder


def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "org_id": ["a", "b"],
            "day": [date(2026, 1, 2), None],
            "share": [0.5, None],
            "tags": [["x", "y"], []],
        }
    )


def test_another_process_reads_the_answer_instead_of_computing_it(tmp_path):
    first, second = SharedResults(tmp_path), SharedResults(tmp_path)
    key = cache_key((1, 2), "metrics/engagement", {"orgs": ["a"]})
    calls = []
    computed = first.get_or_compute(key, lambda: calls.append(1) or frame())
    read = second.get_or_compute(key, lambda: calls.append(2) or frame())
    assert calls == [1]
    assert read.equals(computed) and read.schema == computed.schema


def test_two_processes_asking_at_once_compute_once(tmp_path):
    key = cache_key((1, 2), "slow", {})
    calls, answers = [], []

    def slow():
        calls.append(1)
        time.sleep(0.3)
        return frame()

    def ask():  # each its own SharedResults and lock file handle, as another process has
        answers.append(SharedResults(tmp_path).get_or_compute(key, slow))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert all(answer.equals(frame()) for answer in answers)


def test_a_rebuilt_warehouse_never_meets_an_old_answer_and_the_old_ones_go(tmp_path):
    shared = SharedResults(tmp_path)
    shared.get_or_compute(cache_key((1, 1), "q", {}), lambda: frame())
    newer = shared.get_or_compute(cache_key((1, 2), "q", {}), lambda: frame().head(1))
    assert newer.height == 1
    assert [p.name for p in tmp_path.iterdir()] == ["1-2"]


def test_a_full_folder_keeps_new_answers_in_memory_only(tmp_path, monkeypatch):
    monkeypatch.setattr(shared_results, "MAX_FILES", 2)
    shared = SharedResults(tmp_path)
    for n in range(4):
        shared.get_or_compute(cache_key((1, 1), f"q{n}", {}), lambda: frame())
    assert len(list((tmp_path / "1-1").glob("*.arrow"))) == 2


def test_an_unwritable_place_only_means_computing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    shared = SharedResults(blocker / "results")
    calls = []
    for _ in range(2):
        shared.get_or_compute(cache_key((1, 1), "q", {}), lambda: calls.append(1) or frame())
    assert len(calls) == 2


def test_a_damaged_file_is_computed_again(tmp_path):
    shared = SharedResults(tmp_path)
    key = cache_key((1, 1), "q", {})
    shared.get_or_compute(key, lambda: frame())
    (answer,) = (tmp_path / "1-1").glob("*.arrow")
    answer.write_bytes(b"not arrow")
    assert SharedResults(tmp_path).get_or_compute(key, lambda: frame().head(1)).height == 1


def test_memory_caches_in_two_processes_share_through_the_folder(tmp_path):
    key = cache_key((3, 4), "q", {})
    calls = []
    for _ in range(2):  # two workers' memory caches
        ResultCache(1 << 20, SharedResults(tmp_path)).get_or_compute(
            key, lambda: calls.append(1) or frame()
        )
    assert calls == [1]


@pytest.fixture
def sharing(monkeypatch):
    monkeypatch.setenv("COALITION_SHARED_RESULTS", "1")


def test_warehouses_of_one_file_share_their_answers(sharing, tmp_path, sample_warehouse_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    first, second = Warehouse(path), Warehouse(path)
    answer = first.query("dashboard/ingest_summary", orgs=None)
    assert second.query("dashboard/ingest_summary", orgs=None).equals(answer)
    assert default_folder(path) == tmp_path / "warehouse.results"
    assert list(default_folder(path).glob("*/*.arrow"))
