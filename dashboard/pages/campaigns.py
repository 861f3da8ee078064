"""Campaigns: which coalition campaigns are moving towards their goals, how they ended,
their milestones, and which member orgs carry them."""

from __future__ import annotations

import dash
import polars as pl

from dashboard.components.chart_card import Chart
from dashboard.components.kpi_card import Kpi, Summary, metric_row, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.components.table_card import Table, count_column, rate_column, text_column
from dashboard.db import Warehouse
from dashboard.figures import campaigns as figures
from dashboard.glossary import term
from dashboard.metrics.filters import Filters

PAGE = "campaigns"
ENTRY = {
    "path": "/campaigns",
    "name": "Campaigns",
    "title": "Campaigns · Coalition Dashboard",
    "order": 4,
}
NO_CAMPAIGNS = "No campaign ran in this period with these filters."
LISTED = "Campaigns running in the period (led or partnered by the selected orgs)"

SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi("active", *term("campaigns_active")),
        Kpi("won", *term("campaigns_won")),
        Kpi("lost", *term("campaigns_lost")),
        Kpi("partial", *term("campaigns_partial")),
        Kpi("win_rate", *term("win_rate"), rate=True),
    ),
    values=metric_row("metrics/campaign_outcomes"),
    per_row=5,
)


def contributions_table(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    """campaign_contributions with each campaign's name and goal, in the list's order."""
    listed = warehouse.query("metrics/campaigns", **filters.params()).select(
        "campaign_id", pl.col("name").alias("campaign_name"), "goal_metric"
    )
    parts = warehouse.query("metrics/campaign_contributions", **filters.params())
    return listed.join(parts, on="campaign_id", how="inner", maintain_order="left")


CHARTS = (
    Chart(
        "campaigns-progress",
        "Progress towards each goal",
        "From the campaign's start to its end (or the period's end): attended + walk-ins, "
        "distinct people, shift hours or actions tied to it, of the selected orgs ÷ its goal.",
        "metrics/campaigns",
        figures.progress,
        NO_CAMPAIGNS,
    ),
    Chart(
        "campaigns-timeline",
        "Timeline and milestones",
        "Each campaign's span (hatched: no end date yet), its milestones (filled: reached) "
        "and its outcome (star, in the colour of won, partial or lost).",
        "dashboard/campaign_milestones",
        figures.timeline,
        NO_CAMPAIGNS,
    ),
    Chart(
        "campaigns-contributions",
        "Contributions by member org",
        "Each campaign's progress counted with one org alone (people active with two orgs "
        "count for both); shade: the org's share of what the orgs contributed together.",
        "metrics/campaign_contributions",
        figures.contributions,
        "No member org has counted progress on a campaign in this period with these filters.",
        width=12,
        frame=contributions_table,
    ),
)

TABLES = (
    Table(
        "campaigns-list",
        "Every campaign in the period",
        f"{LISTED}; progress as in the chart above; outcome as the coalition recorded it.",
        lambda warehouse, filters: warehouse.query("metrics/campaigns", **filters.params()),
        (
            text_column("name", "Campaign", minWidth=240, wrapText=True, autoHeight=True),
            text_column("status", "Status", minWidth=100),
            text_column("goal_metric", "Goal counts", minWidth=150),
            count_column("goal_value", "Goal", minWidth=100),
            count_column("progress", "Progress", minWidth=110),
            rate_column("progress_pct", "Of goal", minWidth=100),
            text_column("start_date", "Start", minWidth=115),
            text_column("end_date", "End", minWidth=115),
            text_column("outcome_date", "Outcome on", minWidth=125),
            text_column("outcome_note", "Outcome", minWidth=240, wrapText=True, autoHeight=True),
        ),
        NO_CAMPAIGNS,
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Campaigns",
        "Which campaigns are moving towards their goals, how they ended, and who carries them.",
        query_args,
        [summary_row(SUMMARY), chart_grid(CHARTS + TABLES)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    return register_page_callbacks(app, PAGE, SUMMARY, CHARTS + TABLES)
