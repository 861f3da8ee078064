"""Engagement: who is active, who is new, how people climb the ladder, and who bridges
member orgs."""

from __future__ import annotations

import dash

from dashboard.components.chart_card import Chart, all_zero
from dashboard.components.kpi_card import Kpi, Summary, metric_row, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.figures import engagement as figures
from dashboard.glossary import description, name, term

PAGE = "engagement"
ENTRY = {
    "path": "/engagement",
    "name": "Engagement",
    "title": "Engagement · Coalition Dashboard",
    "order": 1,
}
NOBODY = "Nobody was active in this period with these filters."


SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi("active_people", *term("active_people")),
        Kpi("new_people", *term("new_people")),
        Kpi("returning_rate", *term("returning_rate"), rate=True),
        Kpi("bridge_people", *term("bridge_people")),
    ),
    values=metric_row("metrics/engagement"),
)

CHARTS = (
    Chart(
        "engagement-by-month",
        "Active and new people by month",
        "Active: distinct people with an act in the month; new: of them, those whose first "
        "act ever is in that month. Months are cut to the period.",
        "dashboard/engagement_by_month",
        figures.people_by_month,
        NOBODY,
        is_empty=all_zero("active_people"),
        width=8,
    ),
    Chart(
        "engagement-bridge",
        name("bridge_people"),
        description("bridge_people", also=figures.BRIDGE_BARS),
        "dashboard/people_by_org_count",
        figures.people_by_org_count,
        NOBODY,
        width=4,
    ),
    Chart(
        "engagement-ladder",
        *term("ladder"),
        "metrics/ladder",
        figures.ladder,
        NOBODY,
        is_empty=all_zero("people"),
        width=5,
    ),
    Chart(
        "engagement-rung-movement",
        "Rung movement since the prior period",
        "People active in either period: their ladder level in the prior period (rows) "
        "against this period (columns); none = not active.",
        "metrics/rung_movement",
        figures.rung_movement,
        "Nobody was active in this period or the prior one with these filters.",
        width=7,
    ),
    Chart(
        "engagement-by-org",
        "Active and new people by member org",
        "Each org alone: people with an act of that org; new: their first act ever with "
        "that org is in the period.",
        "metrics/org_scorecard",
        figures.people_by_org,
        NOBODY,
        is_empty=all_zero("active_people"),
        width=12,
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Engagement",
        "Who is active across the coalition, who is new, and how people move up the ladder.",
        query_args,
        [summary_row(SUMMARY), chart_grid(CHARTS)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    return register_page_callbacks(app, PAGE, SUMMARY, CHARTS)
