"""Retention: do people come back? Cohorts by month of first act, the monthly returning
rate, and who lapsed or came back."""

from __future__ import annotations

import dash

from dashboard.components.chart_card import Chart, all_zero
from dashboard.components.kpi_card import Kpi, Summary, metric_row, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.figures import retention as figures
from dashboard.glossary import defined, term

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
        Kpi("returning_rate", *term("returning_rate"), rate=True),
        Kpi("active_people", *term("active_people")),
        Kpi("new_people", *term("new_people")),
    ),
    values=metric_row("metrics/engagement"),
)

CHARTS = (
    Chart(
        "retention-cohorts",
        *term("cohort_retention", also="Acts after the period's end never count."),
        "metrics/retention_cohorts",
        figures.cohort_heatmap,
        "Nobody had a first act in the months of this period with these filters.",
        width=12,
    ),
    Chart(
        "retention-returning",
        *term("returning_rate_by_month"),
        "metrics/returning_by_month",
        figures.returning_rate_by_month,
        "Nobody was active in the months of this period with these filters.",
        is_empty=all_zero("previous_active_people"),
        width=7,
    ),
    Chart(
        "retention-lapsed",
        "Lapsed and reactivated",
        f"{defined('lapsed')} {defined('reactivated')}",
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
