"""What the impact report says, read from the warehouse as the reader may see it.

The caller passes the warehouse the reader reads through (a funder's is suppressed, an
org-limited coordinator's clamped: dashboard.access.gated), so the report holds exactly
what the dashboard would show them; nothing here decides who sees what.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import polars as pl

from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import Filters


@dataclass(frozen=True)
class Reader:
    """Who the report is for: what its header says and how it shows suppressed counts."""

    scope: str  # e.g. "Funder view: counts of people below 11 are shown as <11"
    suppressing: bool
    k: int


@dataclass(frozen=True)
class ReportContent:
    coalition: str
    filters: Filters
    reader: Reader
    generated: datetime
    metrics: dict
    people_by_month: pl.DataFrame
    turnout_by_month: pl.DataFrame
    returning_by_month: pl.DataFrame
    turnout_by_type: pl.DataFrame
    lapsed: dict
    contributions: pl.DataFrame
    org_names: dict[str, str]


def gather(warehouse, filters: Filters, reader: Reader) -> ReportContent:
    params = filters.params()
    coalition = warehouse.query("lookups/coalition")
    names = warehouse.query("lookups/organizations").select("org_id", "name").rows()
    return ReportContent(
        coalition=(coalition.item(0, "name") if coalition.height else None) or "The coalition",
        filters=filters,
        reader=reader,
        generated=datetime.now().replace(microsecond=0),
        metrics=metrics_json(warehouse, filters),
        people_by_month=warehouse.query("dashboard/engagement_by_month", **params),
        turnout_by_month=warehouse.query("dashboard/turnout_by_month", **params),
        returning_by_month=warehouse.query("metrics/returning_by_month", **params),
        turnout_by_type=warehouse.query("dashboard/turnout_by_event_type", **params),
        lapsed=warehouse.query("metrics/lapsed_reactivated", **params).row(0, named=True),
        contributions=warehouse.query("metrics/campaign_contributions", **params),
        org_names=dict(names),
    )
