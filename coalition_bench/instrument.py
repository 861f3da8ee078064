"""What runs inside a callback while the benchmark watches: which queries with which
parameters and how long (Warehouse.query wrapped), the errors the app logs, and the same
queries run again on a plain DuckDB connection for comparison."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.db import Warehouse, _open_read_only, load_query


@dataclass
class QueryLog:
    runs: list[tuple[str, dict, float]] = field(default_factory=list)  # (name, params, ms)

    def take(self) -> list[tuple[str, dict, float]]:
        runs, self.runs = self.runs, []
        return runs


@contextmanager
def recording_queries() -> Iterator[QueryLog]:
    """Wrap Warehouse.query: which query ran, with which bound parameters, how long."""
    log = QueryLog()
    original = Warehouse.query

    def query(self, name, **parameters):
        started = time.perf_counter()
        try:
            return original(self, name, **parameters)
        finally:
            declared = load_query(name).parameters
            bound = {k: v for k, v in parameters.items() if k in declared}
            log.runs.append((name, bound, (time.perf_counter() - started) * 1000))

    Warehouse.query = query
    try:
        yield log
    finally:
        Warehouse.query = original


class DirectDuckDB:
    """The same queries on a plain DuckDB connection to the same file: no cursor per call,
    no polars, results fetched as Arrow."""

    def __init__(self, path: Path):
        self.connection = _open_read_only(path)  # the app's macros and search path

    def time_ms(self, runs: list[tuple[str, dict, float]]) -> float:
        total = 0.0
        for name, params, _ in runs:
            sql = load_query(name).sql
            started = time.perf_counter()
            self.connection.sql(sql, params=params or None).to_arrow_table()
            total += (time.perf_counter() - started) * 1000
        return total

    def close(self) -> None:
        self.connection.close()


class ProblemLog(logging.Handler):
    """Counts the errors the app logs (a callback that failed shows a message instead of
    its figure: fast, and not what is being measured)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.count = 0
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            error = record.exc_info[1] if record.exc_info else None
            self.first = f"{record.getMessage()}: {error!r}" if error else record.getMessage()

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


@contextmanager
def capturing_problems() -> Iterator[ProblemLog]:
    """The app's error log, counted instead of printed while the benchmark runs."""
    logger = logging.getLogger("dashboard")
    handler = ProblemLog()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
