"""The one door to the warehouse: run a named query from queries/ with bound parameters.

Each process keeps one read-only DuckDB connection per warehouse file version and gives
every call its own cursor (DuckDB connections refuse concurrent calls; cursors run in
parallel). A rebuilt warehouse (atomically replaced file) is noticed by its changed
inode/mtime and opened afresh, so a running dashboard serves it without a restart.
Answers are kept in a bounded cache keyed by that version, the query, its parameters and
a digest of the SQL that computes it (dashboard.result_cache), and shared with the
server's other processes through files beside the warehouse (dashboard.shared_results).

The metric macros (queries/macros/) are defined on the connection from this code's own
files every time a warehouse is opened, so they can never drift from the queries using
them; the copy an ingest stores in the warehouse (for the DuckDB CLI) is never resolved.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from dashboard import settings
from dashboard.paths import queries_dir
from dashboard.result_cache import ResultCache, cache_key
from dashboard.schema_version import SCHEMA_VERSION, recorded_version
from dashboard.shared_results import SharedResults, default_folder

_PARAMETER = re.compile(r"\$([a-z_]+)")

METRIC_MACROS = "macros/metric_macros"

# Unqualified names: the macros defined on the connection (memory.main) first, then the
# warehouse's tables. A macro's body resolves through the caller's search path too, so
# the warehouse's stored copies are never reached. Per client context: every cursor.
_SEARCH_PATH = "set search_path = 'memory.main,warehouse.main'"


class WarehouseMissing(Exception):
    """There is no usable warehouse at the given path: none yet, or an outdated one."""


class WarehouseOutdated(WarehouseMissing):
    """The warehouse records another schema version (dashboard.schema_version)."""


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    parameters: frozenset[str]
    digest: str  # of the query's and the macros' text: part of every cache key


# A count's cell key travels beside it in a query's result as `<count>__ckey`: read by
# the funder view only, never shown.
CELL_KEY_SUFFIX = "__ckey"


@cache
def _query_text(name: str) -> str:
    if not re.fullmatch(r"[a-z_]+(/[a-z_0-9]+)*", name):
        raise ValueError(f"not a query name: {name!r}")
    return (queries_dir() / f"{name}.sql").read_text(encoding="utf-8")


def metric_macros_sql() -> str:
    """The `create macro` statements of queries/macros/metric_macros.sql."""
    return _query_text(METRIC_MACROS)


@cache
def load_query(name: str) -> Query:
    """A query file by name (`metrics/engagement` → queries/metrics/engagement.sql)."""
    sql = _query_text(name)
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    digest = hashlib.sha256(f"{sql}\0{metric_macros_sql()}".encode()).hexdigest()[:16]
    return Query(name, sql, frozenset(_PARAMETER.findall(body)), digest)


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB that attaches the warehouse file read-only.

    Not `duckdb.connect(path)`: DuckDB keeps one database instance per file path in a
    process, so while any cursor on the old file is open, connecting to the path again
    hands back the old instance (the replaced file's data). Attaching opens whatever the
    path names now.
    """
    connection = duckdb.connect(":memory:", config=_duckdb_config())
    try:
        connection.execute("attach $path as warehouse (read_only)", {"path": str(path)})
        _check_schema_version(connection, path)
        connection.execute(_SEARCH_PATH)
        connection.execute(metric_macros_sql())  # into memory.main, the default catalog
    except BaseException:
        connection.close()
        raise
    return connection


def _check_schema_version(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    found = recorded_version(connection)
    if found != SCHEMA_VERSION:
        age = "a newer" if found is not None and found > SCHEMA_VERSION else "an older"
        raise WarehouseOutdated(
            f"the warehouse at {path} was built by {age} version of Coalition Dashboard: "
            "run `coalition ingest`"
        )


def _duckdb_config() -> dict[str, str]:
    """DuckDB's threads and memory limit for this process, when the settings give them:
    with several server workers on one machine, each should take its share rather than
    all of it."""
    chosen = settings.current()
    config = {}
    if chosen.duckdb_threads is not None:
        config["threads"] = str(chosen.duckdb_threads)
    if chosen.duckdb_memory is not None:
        config["memory_limit"] = chosen.duckdb_memory
    return config


class Warehouse:
    """A warehouse file, opened read-only and reopened when it is rebuilt."""

    def __init__(self, path: Path | str, *, cache_bytes: int | None = None):
        self.path = Path(path)
        chosen = settings.current()
        shared = SharedResults(default_folder(self.path)) if chosen.shared_results else None
        if cache_bytes is None:
            cache_bytes = int(chosen.cache_mb * 1024 * 1024)
        self.cache = ResultCache(cache_bytes, shared)
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._version: tuple[int, int] | None = None

    def _current_version(self) -> tuple[int, int]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise WarehouseMissing(
                f"no warehouse at {self.path}: run `coalition ingest` first"
            ) from None
        return (stat.st_ino, stat.st_mtime_ns)

    # Every member org; a viewer's GatedWarehouse names the orgs it is limited to.
    orgs: tuple[str, ...] | None = None

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever the file is rebuilt; part of every cache key."""
        return self._current_version()

    def cursor(self, version: tuple[int, int] | None = None) -> duckdb.DuckDBPyConnection:
        version = version or self._current_version()
        with self._lock:
            if self._connection is None or version != self._version:
                # The old connection is not closed here: requests may still hold its
                # cursors; it goes when the last of them does.
                self._connection = _open_read_only(self.path)
                self._version = version
            connection = self._connection
        cursor = connection.cursor()
        cursor.execute(_SEARCH_PATH)
        return cursor

    def query(self, name: str, **parameters) -> pl.DataFrame:
        """Run queries/<name>.sql, binding exactly the parameters it declares; without the
        cell key columns (the funder view's, dashboard.access.gated_warehouse)."""
        frame = self.query_with_cell_keys(name, **parameters)
        keys = [c for c in frame.columns if c.endswith(CELL_KEY_SUFFIX)]
        return frame.drop(keys) if keys else frame

    def query_with_cell_keys(self, name: str, **parameters) -> pl.DataFrame:
        """The result of queries/<name>.sql as it is, with each count's cell key column
        `<count>__ckey` (dashboard.privacy.ptable)."""
        query = load_query(name)
        missing = query.parameters - parameters.keys()
        if missing:
            raise TypeError(f"query {name} needs parameters {sorted(missing)}")
        bound = {key: parameters[key] for key in query.parameters}
        version = self._current_version()

        def run() -> pl.DataFrame:
            cursor = self.cursor(version)
            try:
                return cursor.sql(query.sql, params=bound or None).pl()
            finally:
                cursor.close()

        return self.cache.get_or_compute(cache_key(version, name, bound, query.digest), run)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
