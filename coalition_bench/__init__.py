"""`coalition bench`: how fast the dashboard is, measured end to end at several scales.

For each scale it generates the demo coalition (or reuses the folder generated earlier
for that scale and seed), ingests it in a child process, times every page's callbacks
in-process beside the same SQL run directly in DuckDB, opens every page in headless
Chromium, and puts 20 simulated users on `coalition serve`. `report` turns the
measurements into the markdown table of BENCHMARKS.md, each marked against its budget.

Modules: `command` (the CLI entry and the run), `workload` (demo folders, the ingest
child, the filter states), `callbacks` (in-process callback timing, with `instrument`
watching the SQL), `serve` (the server subprocess, its memory, the load test), `browser`
(time to drawn), `machine` (what it ran on), `measurements` (the numbers and the budgets)
and `report` (the table; pure, tested).
"""
