"""The warehouse's schema version: the layout of the tables the ingest writes and the app
reads. The ingest records it in the table `warehouse_info`; dashboard.db refuses a
warehouse recording another one.

DuckDB alone, no Polars: `coalition serve` asks before forking its workers, and importing
Polars starts threads the forked workers would inherit without.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# Bump whenever the warehouse's tables change, so an older warehouse is rebuilt (serve)
# or refused with a message (every other reader) rather than misread.
SCHEMA_VERSION = 3  # 2: warehouse_info records the key's fingerprint; 3: record keys


def recorded_version(connection: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of the warehouse attached as `warehouse`; None when it records
    none (built before versions were recorded)."""
    try:
        rows = connection.sql("select max(schema_version) from warehouse.warehouse_info").fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0]


def warehouse_is_current(path: Path | str) -> bool:
    """Whether there is a warehouse at `path` built with this code's schema version;
    `coalition serve` rebuilds it otherwise."""
    if not Path(path).is_file():
        return False
    try:
        # One thread: no DuckDB thread may be running when serve forks its workers.
        with duckdb.connect(":memory:", config={"threads": "1"}) as connection:
            connection.execute("attach $path as warehouse (read_only)", {"path": str(path)})
            return recorded_version(connection) == SCHEMA_VERSION
    except duckdb.Error:
        return False  # not a warehouse this version can open: rebuild it
