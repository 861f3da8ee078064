"""The benchmark's table and its verdicts, on made-up measurements (nothing is timed)."""

from __future__ import annotations

from coalition_bench.machine import cpu_model, memory_bytes
from coalition_bench.measurements import (
    Budgets,
    CallbackTiming,
    GiB,
    IngestRun,
    LoadRun,
    Machine,
    PageCost,
    PageDraw,
    ScaleResult,
    percentile,
)
from coalition_bench.report import MET, MISSED, NOT_MEASURED, render

BUDGETS = Budgets()
MACHINE = Machine(
    cpu="Test CPU",
    cores=2,
    memory_bytes=24 * GiB,
    python="3.11.7",
    duckdb="2.0.0",
    libraries="dash 4.4.1",
    date="2026-11-21 17:00 UTC",
    command="coalition bench --scales 100",
)


def callback(name: str, server: list[float], duckdb: list[float], errors: int = 0):
    return CallbackTiming(
        "Overview",
        name,
        "filters",
        server_ms=server,
        sql_ms=[t * 0.8 for t in server],
        duckdb_ms=duckdb,
        queries=[3] * len(server),
        response_bytes=[2048] * len(server),
        errors=errors,
        problem="overview-kpis failed: TypeError('x')" if errors else None,
    )


def row_of(markdown: str, *cells: str) -> str:
    """The table row holding every one of `cells`."""
    rows = [line for line in markdown.splitlines() if all(c in line for c in cells)]
    assert len(rows) == 1, (cells, rows)
    return rows[0]


def test_percentile_is_nearest_rank():
    values = list(range(1, 21))  # 1..20
    assert percentile(values, 95) == 19
    assert percentile(values, 50) == 10
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 95) is None


def test_a_callback_meets_its_budget_only_under_300_ms_and_within_50_ms_of_duckdb():
    fast = callback("fast", [100.0] * 20, [80.0] * 20)
    over_duckdb = callback("over_duckdb", [200.0] * 20, [100.0] * 20)  # 100 ms above DuckDB
    over_300 = callback("over_300", [320.0] * 20, [310.0] * 20)  # near DuckDB, above 300
    failed = callback("failed", [10.0] * 20, [5.0] * 20, errors=3)
    assert fast.within(BUDGETS) is True
    assert over_duckdb.within(BUDGETS) is False
    assert over_duckdb.limit_ms(BUDGETS) == 150
    assert over_300.within(BUDGETS) is False
    assert over_300.limit_ms(BUDGETS) == 300
    assert failed.within(BUDGETS) is False


def test_the_table_marks_each_measurement_against_its_budget():
    result = ScaleResult(
        100,
        7,
        ingest=IngestRun(rows_read=10_000_000, seconds=40.0, peak_rss_bytes=3 * GiB, files=900),
        callbacks=[
            callback("overview-kpis (render_summary)", [100.0] * 20, [80.0] * 20),
            callback("slow-graph (render_chart)", [200.0] * 20, [100.0] * 20),
            callback("broken-graph (render_chart)", [10.0] * 20, [5.0] * 20, errors=2),
        ],
        costs=[PageCost("Overview", [2], [300.0], [17], [15], [250.0], [20.0])],
        pages=[
            PageDraw("Overview", "/", [900.0, 1000.0, 1100.0], [400.0, 450.0, 500.0]),
            PageDraw("Network", "/network", [1600.0, 1700.0, 1800.0]),
            PageDraw("Data", "/data", [], problem="not drawn within 30 s"),
        ],
        load=LoadRun(
            20,
            10,
            1.0,
            callback_ms=[500.0] * 95 + [1200.0] * 5,
            change_ms=[900.0] * 20,
            peak_rss_bytes=int(2.5 * GiB),
            peak_pss_bytes=int(1.5 * GiB),
        ),
    )
    markdown = render(MACHINE, [result], BUDGETS)

    assert "Test CPU × 2" in markdown and "coalition bench --scales 100" in markdown
    # 10,000,000 rows in 40 s: 250,000 rows/s, under 300,000.
    assert f"250,000 {MISSED}" in row_of(markdown, "| 900 |", "10,000,000")
    assert row_of(markdown, "| Overview | overview-kpis (render_summary)").endswith(f"| {MET} |")
    assert row_of(markdown, "| Overview | slow-graph (render_chart)").endswith(f"| {MISSED} |")
    assert f"{MISSED} (failed 2 of 20 runs)" in row_of(markdown, "| broken-graph (render_chart)")
    assert "overview-kpis failed: TypeError('x')" in markdown
    assert row_of(markdown, "| Overview | `/` |").endswith(f"| {MET} |")
    assert row_of(markdown, "| Network | `/network` |").endswith(f"| {MISSED} |")
    assert f"{MISSED} (not drawn within 30 s)" in row_of(markdown, "| Data | `/data` |")
    # Load p95 of 500 ms is met; 2.5 GiB of serve memory is over 2 GiB.
    load_row = row_of(markdown, "| 20 × 10 |")
    assert f"500 {MET}" in load_row and f"2.50 GiB {MISSED}" in load_row
    summary = row_of(markdown, "| 100 | 10,000,000 |")
    assert "1 of 3 met" in summary and f"1,700 (Network) {MISSED}" in summary
    assert row_of(markdown, "| Overview | 2 | 300 | 17 | 15 |")


def test_what_was_not_measured_says_so():
    result = ScaleResult(1, 7, notes=["pages in Chromium not measured: no chromium on PATH"])
    markdown = render(MACHINE, [result], BUDGETS)
    summary = row_of(markdown, "| 1 | – |")
    assert summary.count(NOT_MEASURED) == 4
    assert "- pages in Chromium not measured: no chromium on PATH" in markdown


def test_machine_facts_come_from_proc():
    cpuinfo = "processor\t: 0\nmodel name\t: Test CPU\n\nprocessor\t: 1\nmodel name\t: Test CPU\n"
    assert cpu_model(cpuinfo) == ("Test CPU", 2)
    assert memory_bytes("MemTotal:       24000000 kB\nMemFree: 1 kB\n") == 24_000_000 * 1024
