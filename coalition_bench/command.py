"""`coalition bench`: its arguments, and the run, scale by scale. The table is rewritten
after each scale, so an interrupted run keeps what it measured."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import time
from pathlib import Path


def _scales(text: str) -> list[int]:
    try:
        scales = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of scales like 1,20,100"
        ) from None
    if not scales or any(s < 1 for s in scales):
        raise argparse.ArgumentTypeError(f"{text!r}: scales are positive whole numbers")
    return scales


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def add_parser(commands) -> None:
    bench = commands.add_parser(
        "bench",
        help="measure ingest, callbacks, pages and load at several scales; write BENCHMARKS.md",
        description="Generate the demo at each scale (reusing a folder generated earlier), "
        "ingest it, time every page's callbacks beside their SQL run directly in DuckDB, "
        "open every page in headless Chromium, load `coalition serve` with simulated users, "
        "and write a markdown table marked against the budgets.",
    )
    bench.add_argument("--scales", type=_scales, default=[1, 20, 100], help="default 1,20,100")
    bench.add_argument("--out", default="BENCHMARKS.md", help="the table (default BENCHMARKS.md)")
    bench.add_argument(
        "--workdir",
        default=".coalition/bench",
        help="demo folders, warehouses and server logs (default .coalition/bench)",
    )
    bench.add_argument(
        "--repeats",
        type=_count,
        default=2,
        help="passes over the filter states per callback, and loads per page (default 2)",
    )
    bench.add_argument("--users", type=_count, default=20, help="concurrent users (default 20)")
    bench.add_argument(
        "--iterations", type=_count, default=10, help="filter changes per user (default 10)"
    )
    bench.add_argument(
        "--page-seconds",
        type=_count,
        default=180,
        help="stop timing a page's callbacks after this long, done or not (default 180)",
    )
    bench.add_argument(
        "--load-seconds",
        type=_count,
        default=240,
        help="stop the load test's users after this long, done or not (default 240)",
    )
    bench.add_argument("--seed", type=int, default=7, help="demo and filter-state seed")
    bench.add_argument("--skip-browser", action="store_true", help="no Chromium page timings")
    bench.set_defaults(run=run)


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from coalition_bench import machine, report
    from coalition_bench.measurements import Budgets

    described = machine.describe("coalition " + shlex.join(sys.argv[1:]))
    budgets = Budgets()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    results = []
    for scale in args.scales:
        results.append(measure_scale(scale, args, workdir))
        out.write_text(report.render(described, results, budgets, args.users), encoding="utf-8")
        _log(f"scale {scale} done; {out} written")
    print(report.summary_table(results, budgets))
    print(f"\nThe full table is in {out}.")
    return 0


def _attempt(result, what: str, step):
    """Run one phase; a failure becomes a note in the table, and the run goes on."""
    try:
        return step()
    except Exception as error:  # noqa: BLE001 - one broken phase must not lose the others
        _log(f"{what} failed: {error!r}")
        result.notes.append(f"{what} failed: {type(error).__name__}: {error}")
        return None


def measure_scale(scale: int, args: argparse.Namespace, workdir: Path):
    from coalition_bench import machine, workload
    from coalition_bench.callbacks import CallbackBench
    from coalition_bench.measurements import ScaleResult
    from dashboard import warmup
    from dashboard.app import PAGE_CONTENTS, create_app
    from dashboard.context import unrestricted_warehouse_of
    from dashboard.db import Warehouse

    result = ScaleResult(scale, args.seed)
    _log(f"scale {scale}")
    folder, generated = workload.ensure_demo(workdir, scale, args.seed, _log)
    warehouse = workdir / f"warehouse-scale{scale}.duckdb"
    _log(f"ingesting {folder}")
    result.ingest = workload.measure_ingest(folder, warehouse)
    result.ingest.generate_seconds = generated
    _log(f"ingest: {result.ingest.rows_per_second:,.0f} rows/s")

    # The app as `coalition serve` runs it: its cache warmed for the preset views first
    # (here in the foreground, so the timing starts after it); every other filter state's
    # first run computes its answers.
    app = create_app(warehouse, warm=False)
    started = time.perf_counter()
    warmup.warm(unrestricted_warehouse_of(app.server), app.server.extensions[PAGE_CONTENTS])
    result.notes.append(
        f"Callbacks were timed on the app as served: its cache warmed for the preset views "
        f"first ({time.perf_counter() - started:.0f} s); the first run of every other filter "
        'state computed its answers, later runs were answered from the cache. "DuckDB '
        'direct" is never cached.'
    )
    bench = CallbackBench(app, warehouse)
    source = Warehouse(warehouse)
    states = workload.filter_states(source, args.seed)
    source.close()
    result.notes += bench.skipped

    def callbacks():
        return bench.measure(states, args.repeats, _log, page_seconds=args.page_seconds)

    other_work = machine.OtherWork()
    measured = _attempt(result, "callbacks", callbacks) or ([], [], [], [])
    result.notes.append(other_work.note())
    result.callbacks, result.costs, plans, cut = measured
    result.notes += cut
    measure_server(result, args, workdir, warehouse, folder, bench.pages(), plans)
    return result


def measure_server(result, args, workdir: Path, warehouse: Path, folder: Path, pages, plans):
    """Pages in Chromium, then the load test, against one `coalition serve` whose memory
    is sampled throughout."""
    from coalition_bench import browser
    from coalition_bench.serve import MemorySampler, ServeProcess, load_test
    from dashboard import shared_results
    from dashboard.server import THREADS_PER_WORKER

    log_path = workdir / f"serve-scale{result.scale}.log"
    # The server starts with nothing the in-process timing above computed: it has only
    # what its own warm-up computes, as after an ingest.
    shutil.rmtree(shared_results.default_folder(warehouse), ignore_errors=True)
    with ServeProcess(warehouse, folder, log_path) as server, MemorySampler(server.pid) as memory:
        warmed = server.wait_warm()
        result.notes.append(
            f"`coalition serve` was measured after its workers had warmed their caches for "
            f"the preset views ({warmed:.0f} s after it answered)."
        )
        problem = "skipped (--skip-browser)" if args.skip_browser else browser.browser_problem()
        if problem:
            result.notes.append(f"pages in Chromium not measured: {problem}")
        else:
            _log("pages in Chromium")
            drawn = _attempt(
                result,
                "pages in Chromium",
                lambda: browser.measure_pages(server.url, pages, args.repeats),
            )
            result.pages = drawn or []
        if plans:
            _log(f"{args.users} users × {args.iterations} filter changes")
            result.load = _attempt(
                result,
                "load test",
                lambda: load_test(
                    server,
                    plans,
                    args.users,
                    args.iterations,
                    pause=1.0,
                    seed=args.seed,
                    threads=THREADS_PER_WORKER,
                    deadline_s=args.load_seconds,
                ),
            )
    if result.load is not None:
        result.load.peak_rss_bytes, result.load.peak_pss_bytes = memory.peak_rss, memory.peak_pss
