"""Retention: do people come back? Cohorts by month of first act, the monthly returning
rate, and who lapsed or came back."""

from __future__ import annotations

import dash

from dashboard.components.chart_card import Chart, all_zero
from dashboard.components.kpi_card import Kpi, Summary, metric_row, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.figures import retention as figures

PAGE = "retention"
ENTRY = {
    "path": "/retention",
    "name": "Retention",
    "title": "Retention · Coalition Dashboard",
    "order": 2,
}


SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi(
            "returning_rate",
            "Returning rate",
            "Share of the prior period's active people active again.",
            rate=True,
        ),
        Kpi("active_people", "Active people", "Distinct people with at least one act."),
        Kpi("new_people", "New people", "Active people whose first act ever is in the period."),
    ),
    values=metric_row("metrics/engagement"),
)

CHARTS = (
    Chart(
        "retention-cohorts",
        "Retention by cohort",
        "Cohort: the month of a person's first act ever; each cell: the share of the cohort "
        "with an act k months later (acts after the period's end never count).",
        "metrics/retention_cohorts",
        figures.cohort_heatmap,
        "Nobody had a first act in the months of this period with these filters.",
        width=12,
    ),
    Chart(
        "retention-returning",
        "Returning rate by month",
        "People active in a month and in the month before ÷ people active in the month before.",
        "metrics/returning_by_month",
        figures.returning_rate_by_month,
        "Nobody was active in the months of this period with these filters.",
        is_empty=all_zero("previous_active_people"),
        width=7,
    ),
    Chart(
        "retention-lapsed",
        "Lapsed and reactivated",
        "Lapsed: active in the prior period, not in this one. Reactivated: active now, not "
        "in the prior period, but active before it.",
        "metrics/lapsed_reactivated",
        figures.lapsed_reactivated,
        "Nobody lapsed or came back in this period with these filters.",
        is_empty=all_zero("lapsed", "reactivated"),
        width=5,
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Retention",
        "Whether people keep coming back after their first act.",
        query_args,
        [summary_row(SUMMARY), chart_grid(CHARTS)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    return register_page_callbacks(app, PAGE, SUMMARY, CHARTS)
