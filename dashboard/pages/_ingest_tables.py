"""The Data page's tables: what the last ingest read per member org, what it refused or
skipped, the rows it rejected and why, and how fresh each org's data is.

Only the org filter applies: ingest status has no period, campaign or event type.
"""

from __future__ import annotations

import polars as pl

from dashboard.components.chart_card import Chart
from dashboard.components.table_card import Table, count_column, text_column
from dashboard.db import Warehouse
from dashboard.figures import data as figures
from dashboard.metrics.filters import Filters

# An org is stale when its latest act is this many days older than the newest act of any
# member (not today: a warehouse built from old exports is not stale as a whole).
STALE_DAYS = 30
NOT_LOADED = ("refused", "skipped")


def ingest_files(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    return warehouse.query("dashboard/ingest_files_by_org", **filters.params())


def files_not_loaded(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    files = ingest_files(warehouse, filters)
    return files.filter(pl.col("status").is_in(NOT_LOADED)).select(
        "org_name", "source_file", "status", "format", "rows_read", "message"
    )


def rejected_reasons(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    return warehouse.query("dashboard/rejected_reasons", **filters.params())


def freshness(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    """metrics/freshness for the selected orgs, with how far each is behind the newest act
    of the whole coalition and whether that makes it stale."""
    frame = warehouse.query("metrics/freshness")
    newest = frame["latest_act_date"].max()
    frame = frame.with_columns(
        pl.col("rows_loaded", "rows_rejected").cast(pl.Int64),
        newest_act_date=pl.lit(newest, dtype=pl.Date),
        stale_before=pl.lit(newest, dtype=pl.Date) - pl.duration(days=STALE_DAYS),
        days_behind=(pl.lit(newest, dtype=pl.Date) - pl.col("latest_act_date")).dt.total_days(),
    ).with_columns(
        is_stale=pl.col("days_behind").is_null() | (pl.col("days_behind") > STALE_DAYS),
    )
    if filters.orgs:
        frame = frame.filter(pl.col("org_id").is_in(list(filters.orgs)))
    return frame


def no_dates(frame: pl.DataFrame) -> bool:
    return frame.is_empty() or frame["latest_act_date"].null_count() == frame.height


FRESHNESS = Chart(
    "data-freshness",
    "Freshness by member org",
    f"Latest act and latest event per org; stale (×, red): the latest act is more than "
    f"{STALE_DAYS} days before the newest act of any member (dashed line), or there is none.",
    "metrics/freshness",
    figures.freshness,
    "No acts or events were loaded for these orgs.",
    is_empty=no_dates,
    width=12,
    frame=freshness,
    dated=False,
)

NOT_LOADED_TABLE = Table(
    "data-not-loaded",
    "Files skipped or refused",
    "Skipped: neither name nor header says what the file is. Refused: a required column is "
    "missing or the file cannot be read; its rows count as rejected.",
    files_not_loaded,
    (
        text_column("org_name", "Member org", minWidth=180),
        text_column("source_file", "File", minWidth=220),
        text_column("status", "Status", maxWidth=120),
        text_column("format", "Format", maxWidth=130),
        count_column("rows_read", "Rows", maxWidth=110),
        text_column("message", "Why", minWidth=320, wrapText=True, autoHeight=True),
    ),
    "Every file of these orgs was loaded (some with rejected rows, listed below).",
    dated=False,
)

REJECTS_TABLE = Table(
    "data-rejects",
    "Rejected rows by file and reason",
    "Rows not loaded, never dropped: counted by file and rule broken, with the first line "
    "numbers (header = line 1) to find them in the member's file.",
    rejected_reasons,
    (
        text_column("org_name", "Member org", minWidth=180),
        text_column("source_file", "File", minWidth=220),
        text_column("reason", "Reason", minWidth=280, wrapText=True, autoHeight=True),
        count_column("rows_rejected", "Rows", maxWidth=110),
        text_column("example_lines", "Lines", minWidth=140),
    ),
    "No row of these orgs' files was rejected.",
    dated=False,
)

FILES_TABLE = Table(
    "data-files",
    "Every file read",
    "Status: loaded, partial (some rows rejected), refused or skipped; rows read = loaded + "
    "rejected + deduplicated.",
    ingest_files,
    (
        text_column("org_name", "Member org", minWidth=170),
        text_column("source_file", "File", minWidth=240),
        text_column("table_name", "Table", maxWidth=130),
        text_column("format", "Format", maxWidth=120),
        text_column("status", "Status", maxWidth=110),
        count_column("rows_read", "Read", maxWidth=110),
        count_column("rows_loaded", "Loaded", maxWidth=110),
        count_column("rows_rejected", "Rejected", maxWidth=110),
        count_column("rows_deduplicated", "Duplicates", maxWidth=120),
        text_column("message", "Message", minWidth=240),
    ),
    "No file of these orgs was read.",
    dated=False,
)
