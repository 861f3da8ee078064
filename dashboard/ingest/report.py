"""What the ingest tells a person at a terminal: a progress bar and a per-file summary."""

from __future__ import annotations

import sys
from typing import TextIO

import polars as pl

from dashboard.ingest.discover import SourceFile


class ProgressBar:
    """A one-line bar on a terminal; silent when output is redirected."""

    def __init__(self, stream: TextIO | None = None, width: int = 30):
        # Looked up per bar, not at import: sys.stderr may have been replaced since.
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()

    def __call__(self, done: int, total: int, current: SourceFile | None) -> None:
        if not self.enabled:
            return
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        name = current.source_file if current else "building the warehouse"
        self.stream.write(f"\r[{bar}] {done}/{total} {name[:60]:<60}")
        if current is None:
            self.stream.write("\n")
        self.stream.flush()


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    numeric = [i for i, h in enumerate(header) if h in ("read", "loaded", "rejected", "dedup")]

    def fmt(row):
        cells = [
            str(v).rjust(widths[i]) if i in numeric else str(v).ljust(widths[i])
            for i, v in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def summary(files: pl.DataFrame, warnings: list[str]) -> str:
    """Per file: read, loaded, rejected, deduplicated, status and why."""
    header = ["file", "table", "read", "loaded", "rejected", "dedup", "status"]
    rows = [
        [
            f["source_file"],
            f["table_name"] or "-",
            f"{f['rows_read']:,}",
            f"{f['rows_loaded']:,}",
            f"{f['rows_rejected']:,}",
            f"{f['rows_deduplicated']:,}",
            f["status"],
        ]
        for f in files.iter_rows(named=True)
    ]
    lines = [_table(rows, header), ""]
    problems = files.filter(pl.col("message").is_not_null())
    if problems.height:
        lines.append("Why:")
        for f in problems.iter_rows(named=True):
            lines.append(f"  {f['source_file']}: {f['message']}")
        lines.append("")
    for warning in warnings:
        lines.append(f"warning: {warning}")
    totals = files.select(pl.col("rows_read", "rows_loaded", "rows_rejected").sum()).row(0)
    refused = files.filter(pl.col("status") == "refused").height
    skipped = files.filter(pl.col("status") == "skipped").height
    lines.append(
        f"{files.height} files: {totals[0]:,} rows read, {totals[1]:,} loaded, "
        f"{totals[2]:,} rejected (see table rejected_rows); {refused} refused, {skipped} skipped."
    )
    return "\n".join(lines)
