"""What the benchmark measures, as plain data, and the budgets each measurement is held to.
Pure: the measuring modules fill these in; `report` writes them out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class Budgets:
    """What good looks like at scale 100 on 2 cores (issue 8)."""

    ingest_rows_per_second: float = 300_000
    callback_p95_ms: float = 300
    callback_over_duckdb_ms: float = 50  # p95 may exceed the same SQL run directly by this
    page_drawn_ms: float = 1_500
    load_p95_ms: float = 1_000
    serve_memory_bytes: int = 2 * GiB

    def callback_limit_ms(self, duckdb_p95_ms: float) -> float:
        return min(self.callback_p95_ms, duckdb_p95_ms + self.callback_over_duckdb_ms)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of the values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    return percentile(values, 50)


@dataclass
class Machine:
    cpu: str
    cores: int
    memory_bytes: int
    python: str
    duckdb: str
    libraries: str  # "dash 4.4.1, plotly 7.1.0, polars 2.1.0"
    date: str  # ISO, with the time and zone
    command: str  # how the benchmark was run


@dataclass
class IngestRun:
    rows_read: int
    seconds: float  # wall time of ingest() in the child
    peak_rss_bytes: int  # ru_maxrss of the child process
    files: int
    generate_seconds: float | None = None  # None: the demo folder was reused

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0


@dataclass
class CallbackTiming:
    """One callback of one page over the filter sequence; times in milliseconds."""

    page: str
    callback: str
    trigger: str  # "open link", "filters", "click", "navigation"
    server_ms: list[float] = field(default_factory=list)  # the whole HTTP request, in-process
    sql_ms: list[float] = field(default_factory=list)  # Warehouse.query inside the callback
    duckdb_ms: list[float] = field(default_factory=list)  # the same SQL run directly
    queries: list[int] = field(default_factory=list)
    response_bytes: list[int] = field(default_factory=list)
    errors: int = 0  # runs in which the app logged an error (the callback showed a message)
    problem: str | None = None  # the first such error

    def p95(self) -> float | None:
        return percentile(self.server_ms, 95)

    def duckdb_p95(self) -> float | None:
        return percentile(self.duckdb_ms, 95)

    def limit_ms(self, budgets: Budgets) -> float:
        return budgets.callback_limit_ms(self.duckdb_p95() or 0.0)

    def within(self, budgets: Budgets) -> bool | None:
        """Within budget; a callback that failed in any run is not (its time is that of
        the error message, not of its work)."""
        p95 = self.p95()
        return None if p95 is None else p95 <= self.limit_ms(budgets) and not self.errors


@dataclass
class PageCost:
    """What one filter change costs a page: all its filter callbacks together."""

    page: str
    callbacks: list[int] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)  # the callbacks' times, summed
    queries: list[int] = field(default_factory=list)
    distinct: list[int] = field(default_factory=list)  # different (query, parameters)
    sql_ms: list[float] = field(default_factory=list)
    # The change's distinct queries run directly in DuckDB: its cost with nothing cached.
    uncached_ms: list[float] = field(default_factory=list)


@dataclass
class PageDraw:
    page: str
    path: str
    drawn_ms: list[float] = field(default_factory=list)
    answered_ms: list[float] = field(default_factory=list)  # the last callback answer came
    problem: str | None = None  # a timeout or an error instead of (some) times

    def within(self, budgets: Budgets) -> bool | None:
        if self.problem:
            return False
        typical = median(self.drawn_ms)
        return None if typical is None else typical <= budgets.page_drawn_ms


@dataclass
class LoadRun:
    users: int
    iterations: int
    pause_s: float
    callback_ms: list[float] = field(default_factory=list)  # every callback request
    change_ms: list[float] = field(default_factory=list)  # every filter change, all its callbacks
    errors: int = 0
    stopped_after_s: float | None = None  # the deadline cut the loop short
    workers: int | None = None
    threads: int | None = None
    peak_rss_bytes: int | None = None  # gunicorn master + workers, summed
    peak_pss_bytes: int | None = None  # the same, shared pages counted once

    def within_time(self, budgets: Budgets) -> bool | None:
        p95 = percentile(self.callback_ms, 95)
        return None if p95 is None else (p95 <= budgets.load_p95_ms and self.errors == 0)

    def within_memory(self, budgets: Budgets) -> bool | None:
        rss = self.peak_rss_bytes
        return None if rss is None else rss <= budgets.serve_memory_bytes


@dataclass
class ScaleResult:
    scale: int
    seed: int
    ingest: IngestRun | None = None
    callbacks: list[CallbackTiming] = field(default_factory=list)
    costs: list[PageCost] = field(default_factory=list)
    pages: list[PageDraw] = field(default_factory=list)
    load: LoadRun | None = None
    notes: list[str] = field(default_factory=list)  # what was skipped or went wrong


# --- the markdown ---------------------------------------------------------------------
