"""Shared pytest fixtures. Keep each area's fixtures in its own section."""

from __future__ import annotations

import pytest

# --- ingest (tests/test_ingest_*.py; helpers in tests/ingest_helpers.py) -------------


@pytest.fixture
def ingest_folder(tmp_path):
    """Write a coalition folder from {relative path: content}, ingest it, return a Warehouse.

    Keyword arguments go to `ingest_helpers.build_warehouse` (strict, key, data,
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
