"""Overview: the few big numbers a steering committee opens first, each with its change
against the prior period and its monthly trend."""

from __future__ import annotations

import dash

from dashboard.components.kpi_card import Kpi, Summary, summary_row
from dashboard.components.page import PageContent, page_layout, register_page_callbacks
from dashboard.glossary import term
from dashboard.metrics.compute import headline_numbers

PAGE = "overview"
ENTRY = {"path": "/", "name": "Overview", "title": "Overview · Coalition Dashboard", "order": 0}

SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi(
            "active_people",
            *term("active_people"),
            trend=("dashboard/engagement_by_month", "active_people"),
        ),
        Kpi(
            "new_people",
            *term("new_people"),
            trend=("dashboard/engagement_by_month", "new_people"),
        ),
        Kpi(
            "returning_rate",
            # its sparkline is the monthly rate, not the period's rate month by month
            *term("returning_rate", also="Trend: month on month."),
            rate=True,
            trend=("metrics/returning_by_month", "returning_rate"),
        ),
        Kpi(
            "attended",
            *term("attended"),
            trend=("dashboard/turnout_by_month", "attended"),
        ),
        Kpi(
            "show_rate",
            *term("show_rate"),
            rate=True,
            trend=("dashboard/turnout_by_month", "show_rate"),
        ),
        Kpi(
            "hours",
            *term("hours"),
            trend=("dashboard/hours_and_actions_by_month", "hours"),
            untyped=True,
        ),
        Kpi(
            "actions",
            *term("actions"),
            trend=("dashboard/hours_and_actions_by_month", "actions_total"),
            untyped=True,
        ),
        Kpi(
            "campaigns_won",
            *term("campaigns_won"),
            trend=("dashboard/campaign_outcomes_by_month", "won"),
        ),
    ),
    values=headline_numbers,
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Overview",
        "The coalition at a glance: every member org together, people counted once.",
        query_args,
        [summary_row(SUMMARY)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    return register_page_callbacks(app, PAGE, SUMMARY)
