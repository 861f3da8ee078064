"""Shared pytest fixtures. Keep each area's fixtures in its own section."""

from __future__ import annotations

import os

import pytest

# Apps built by tests run no background cache warm-up (tests/test_warmup.py tests it):
# a thread querying beside a test would make query counts and timings unpredictable.
# Nor do they share answers through files (tests/test_shared_results.py tests that).
os.environ.setdefault("COALITION_WARMUP", "0")
os.environ.setdefault("COALITION_SHARED_RESULTS", "0")

# --- ingest (tests/test_ingest_*.py; helpers in tests/ingest_helpers.py) -------------


@pytest.fixture
def ingest_folder(tmp_path):
    """Write a coalition folder from {relative path: content}, ingest it, return a Warehouse.

    Keyword arguments go to `ingest_helpers.build_warehouse` (strict, key, new_key, data,
    warehouse). Every warehouse opened here is closed after the test.
    """
    from ingest_helpers import build_warehouse

    opened = []

    def run(files: dict[str, str | bytes], **options):
        warehouse = build_warehouse(tmp_path, files, **options)
        opened.append(warehouse)
        return warehouse

    yield run
    for warehouse in opened:
        warehouse.close()


# --- end of ingest section ------------------------------------------------------------


# --- dashboard app (tests/test_figures.py, test_layouts.py, test_callbacks_http.py, ----
# --- test_server.py, test_dashboard_queries.py, test_warehouse_rebuild.py, -------------
# --- tests/browser/; helpers in tests/app_fixtures.py) --------------------------------


@pytest.fixture(scope="session")
def sample_warehouse_path(tmp_path_factory):
    """The sample coalition of app_fixtures, ingested once per test session."""
    from app_fixtures import build_sample_warehouse

    root = tmp_path_factory.mktemp("sample")
    return build_sample_warehouse(root / "data", root / "warehouse.duckdb")


# --- end of dashboard app section -----------------------------------------------------
