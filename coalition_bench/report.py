"""The markdown table of BENCHMARKS.md: the machine, the budgets, a summary per scale, then
the detail, each measurement marked against its budget. Pure: no timing, no I/O, so the
tests can feed it made-up measurements."""

from __future__ import annotations

from coalition_bench.measurements import (
    Budgets,
    CallbackTiming,
    GiB,
    IngestRun,
    LoadRun,
    Machine,
    MiB,
    PageCost,
    PageDraw,
    ScaleResult,
    median,
    percentile,
)

MET = "met"
MISSED = "**missed**"
NOT_MEASURED = "not measured"


def verdict(ok: bool | None) -> str:
    return NOT_MEASURED if ok is None else (MET if ok else MISSED)


# --- measurements ---------------------------------------------------------------------


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def size(value: int | None) -> str:
    if value is None:
        return "–"
    return f"{value / GiB:.2f} GiB" if value >= GiB else f"{value / MiB:,.0f} MiB"


def kilobytes(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:,.1f}"


def table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """A markdown table; columns in `right` are aligned right (numbers)."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def budget_lines(budgets: Budgets) -> str:
    return "\n".join(
        [
            f"- ingest: at least {budgets.ingest_rows_per_second:,.0f} rows read per second;",
            f"- every callback: p95 at most {budgets.callback_p95_ms:,.0f} ms, and at most "
            f"{budgets.callback_over_duckdb_ms:,.0f} ms above the p95 of its own SQL run "
            "directly in DuckDB (so the budget column says min(300, DuckDB p95 + 50));",
            f"- every page drawn in Chromium within {budgets.page_drawn_ms / 1000:g} s (median);",
            f"- {'{users}'} concurrent users: callback p95 at most "
            f"{budgets.load_p95_ms / 1000:g} s, no failed request;",
            f"- `coalition serve`, all processes together: at most "
            f"{size(budgets.serve_memory_bytes)} resident.",
        ]
    )


def machine_table(machine: Machine) -> str:
    rows = [
        ["CPU", f"{machine.cpu} × {machine.cores}"],
        ["memory", size(machine.memory_bytes)],
        ["Python", machine.python],
        ["DuckDB", machine.duckdb],
        ["libraries", machine.libraries],
        ["date", machine.date],
        ["command", f"`{machine.command}`"],
    ]
    return table(["machine", ""], rows)


def summary_table(results: list[ScaleResult], budgets: Budgets) -> str:
    rows = []
    for result in results:
        ingest = result.ingest
        callbacks = [c for c in result.callbacks if c.p95() is not None]
        missed = [c for c in callbacks if not c.within(budgets)]
        slowest = max(callbacks, key=lambda c: c.p95(), default=None)
        drawn = [p for p in result.pages if p.drawn_ms]
        slowest_page = max(drawn, key=lambda p: median(p.drawn_ms), default=None)
        pages_ok = [p.within(budgets) for p in result.pages]
        load = result.load
        rows.append(
            [
                str(result.scale),
                f"{ingest.rows_read:,}" if ingest else "–",
                _ingest_cell(ingest, budgets),
                f"{len(callbacks) - len(missed)} of {len(callbacks)} met" if callbacks else "–",
                f"{ms(slowest.p95())} ({slowest.page}: {slowest.callback})" if slowest else "–",
                (
                    f"{ms(median(slowest_page.drawn_ms))} ({slowest_page.page}) "
                    f"{verdict(all(pages_ok) if None not in pages_ok else None)}"
                    if slowest_page
                    else NOT_MEASURED
                ),
                _load_cell(load, budgets),
                _memory_cell(load, budgets),
            ]
        )
    header = [
        "scale",
        "rows read",
        "ingest rows/s",
        "callbacks within budget",
        "slowest callback p95 ms",
        "slowest page drawn ms",
        "load: callback p95 ms",
        "serve memory",
    ]
    return table(header, rows, right={1})


def _ingest_cell(ingest: IngestRun | None, budgets: Budgets) -> str:
    if ingest is None:
        return NOT_MEASURED
    ok = ingest.rows_per_second >= budgets.ingest_rows_per_second
    return f"{ingest.rows_per_second:,.0f} {verdict(ok)}"


def _load_cell(load: LoadRun | None, budgets: Budgets) -> str:
    if load is None:
        return NOT_MEASURED
    errors = f", {load.errors} failed" if load.errors else ""
    return f"{ms(percentile(load.callback_ms, 95))}{errors} {verdict(load.within_time(budgets))}"


def _memory_cell(load: LoadRun | None, budgets: Budgets) -> str:
    if load is None or load.peak_rss_bytes is None:
        return NOT_MEASURED
    return f"{size(load.peak_rss_bytes)} {verdict(load.within_memory(budgets))}"


def ingest_table(ingest: IngestRun, budgets: Budgets) -> str:
    generated = "reused" if ingest.generate_seconds is None else f"{ingest.generate_seconds:,.0f} s"
    row = [
        f"{ingest.files:,}",
        f"{ingest.rows_read:,}",
        f"{ingest.seconds:,.1f}",
        _ingest_cell(ingest, budgets),
        size(ingest.peak_rss_bytes),
        generated,
    ]
    header = ["files", "rows read", "seconds", "rows/s", "peak memory (child)", "demo generated"]
    return table(header, [row], right={0, 1, 2, 4})


def callback_table(callbacks: list[CallbackTiming], budgets: Budgets) -> str:
    rows = []
    for c in callbacks:
        rows.append(
            [
                c.page,
                c.callback,
                c.trigger,
                str(len(c.server_ms)),
                ms(median(c.server_ms)),
                ms(c.p95()),
                ms(median(c.sql_ms)),
                ms(median([t - q for t, q in zip(c.server_ms, c.sql_ms, strict=True)])),
                ms(c.duckdb_p95()),
                ms(c.limit_ms(budgets)),
                str(median(c.queries) if c.queries else 0),
                kilobytes(median(c.response_bytes)),
                verdict(c.within(budgets))
                + (f" (failed {c.errors} of {len(c.server_ms)} runs)" if c.errors else ""),
            ]
        )
    header = [
        "page",
        "callback",
        "trigger",
        "runs",
        "median ms",
        "p95 ms",
        "SQL median",
        "rest median",
        "DuckDB direct p95",
        "budget ms",
        "queries",
        "response KB",
        "",
    ]
    return table(header, rows, right=set(range(3, 12)))


def cost_table(costs: list[PageCost]) -> str:
    rows = [
        [
            c.page,
            str(median(c.callbacks)),
            ms(median(c.server_ms)),
            str(median(c.queries)),
            str(median(c.distinct)),
            ms(median(c.sql_ms)),
            ms(median(c.uncached_ms)),
        ]
        for c in costs
    ]
    header = [
        "page",
        "callbacks",
        "server ms, summed",
        "queries",
        "distinct queries",
        "SQL ms",
        "uncached: its queries run directly in DuckDB, ms",
    ]
    return table(header, rows, right=set(range(1, 7)))


def pages_table(pages: list[PageDraw], budgets: Budgets) -> str:
    rows = [
        [
            p.page,
            f"`{p.path}`",
            str(len(p.drawn_ms)),
            ms(median(p.drawn_ms)),
            ms(max(p.drawn_ms, default=None)),
            ms(median(p.answered_ms)),
            verdict(p.within(budgets)) + (f" ({p.problem})" if p.problem else ""),
        ]
        for p in pages
    ]
    header = ["page", "path", "loads", "median ms", "worst ms", "last answer, median ms", ""]
    return table(header, rows, right={2, 3, 4, 5})


def load_table(load: LoadRun, budgets: Budgets) -> str:
    server = (
        f"{load.workers} workers × {load.threads} threads"
        if load.workers and load.threads
        else "default"
    )
    planned = f"{load.users} × {load.iterations}"
    if load.stopped_after_s is not None:
        planned += f" (stopped at {load.stopped_after_s:.0f} s: {len(load.change_ms)} changes)"
    row = [
        planned,
        server,
        f"{len(load.callback_ms):,}",
        str(load.errors),
        ms(median(load.callback_ms)),
        ms(percentile(load.callback_ms, 95)) + " " + verdict(load.within_time(budgets)),
        ms(percentile(load.change_ms, 95)),
        _memory_cell(load, budgets),
        size(load.peak_pss_bytes),
    ]
    header = [
        "users × changes",
        "server",
        "requests",
        "failed",
        "callback median ms",
        "callback p95 ms",
        "whole change p95 ms",
        "peak RSS, all processes",
        "peak PSS",
    ]
    return table(header, [row], right={2, 3, 4, 5, 6})


def scale_section(result: ScaleResult, budgets: Budgets) -> str:
    parts = [f"## Scale {result.scale} (seed {result.seed})"]
    if result.notes:
        parts.append("\n".join(f"- {note}" for note in result.notes))
    if result.ingest:
        parts += ["### Ingest", ingest_table(result.ingest, budgets)]
    if result.callbacks:
        parts += [
            "### Callbacks (in-process, over the filter sequence)",
            callback_table(result.callbacks, budgets),
        ]
        failed = [c for c in result.callbacks if c.errors]
        if failed:
            parts.append(
                "Callbacks that failed (they showed an error message instead of their work):\n\n"
                + "\n".join(f"- {c.page}, {c.callback}: {c.problem}" for c in failed)
            )
    if result.costs:
        parts += [
            "### One filter change, per page (medians over the filter sequence)",
            "Every filter callback of the page, one after the other: the CPU one user's "
            "click costs the server. Distinct: different (query, parameters) pairs; SQL ms: "
            "time in `Warehouse.query`, the result cache included; the last column is what "
            "the same distinct queries take run directly in DuckDB, the change's cost had "
            "nothing been cached.",
            cost_table(result.costs),
        ]
    if result.pages:
        parts += [
            "### Pages in headless Chromium (time to drawn)",
            pages_table(result.pages, budgets),
        ]
    if result.load:
        parts += [
            f"### {result.load.users} concurrent users on `coalition serve`",
            load_table(result.load, budgets),
        ]
    return "\n\n".join(parts)


METHOD = """\
How each number is taken:

- **Ingest**: `ingest()` of the demo folder in a child process; rows/s = the sum of
  `ingest_files.rows_read` ÷ the wall time of `ingest()`; memory = the child's `ru_maxrss`.
- **Callbacks**: every server callback of every page, found from the page registry and the
  app's callback list, posted to `/_dash-update-component` in-process (Flask test client,
  so the time is the server's: decoding, the callback, the JSON answer) for a fixed, seeded
  sequence of filter states (presets, one or two orgs, a campaign, an event type), after one
  warm-up pass, on the app as `coalition serve` runs it: its result cache warmed for the
  preset views first (dashboard.warmup), so a filter state's first run computes what the
  warm-up did not, and later runs are answered from the cache. `Warehouse.query` is
  wrapped meanwhile to record which queries ran with which parameters; those exact queries
  are then run again on a plain DuckDB connection to the same file (`to_arrow_table()`, no
  Python objects, never cached): "DuckDB direct". "SQL in callback" is the time spent
  inside `Warehouse.query` (cache, cursor, query, polars frame). The "open link" row is the
  page's layout, rendered from a link carrying the filters; "filters" rows run on every
  filter change; "click" rows (CSV downloads) only when clicked. "Rest" is the request's
  time outside `Warehouse.query`: filters, figure building, JSON.
- **Pages**: `coalition serve` on loopback, each page opened in headless Chromium (after one
  warm-up load, so scripts come from the browser's cache): from navigation start
  (Performance API) until every callback has answered, every visible graph has drawn its
  SVG, every grid its rows, and that state held for 0.5 s. "Last answer": when the last
  callback response before that arrived; the time after it is the browser drawing.
- **Load**: the same server; each simulated user picks a page and a filter state (seeded),
  sends that page's filter callbacks as the browser does (up to 6 at once), waits for all
  of them, pauses 1 s, and repeats; a deadline stops the loop early when the server cannot
  keep up (the table then says how many changes were done). Memory: resident set of the
  gunicorn master and its workers, summed, sampled every 0.1 s from /proc during the
  browser and load runs (PSS counts pages the processes share once). The load generator
  runs on the same cores as the server.
"""


def render(machine: Machine, results: list[ScaleResult], budgets: Budgets, users: int = 20) -> str:
    """BENCHMARKS.md: the machine, the budgets, a summary line per scale, then the detail."""
    parts = [
        "# Benchmarks",
        "Written by `coalition bench` (see the README's Benchmark section); run it again to "
        "refresh. Verdicts compare each measurement with its budget.",
        machine_table(machine),
        "Budgets (set for scale 100 on 2 cores; every scale is marked against them):\n\n"
        + budget_lines(budgets).replace("{users}", str(users)),
        "## Summary",
        summary_table(results, budgets),
        *[scale_section(result, budgets) for result in results],
        "## Method",
        METHOD.strip(),
    ]
    return "\n\n".join(parts) + "\n"
