"""Overview: the few big numbers a steering committee opens first, each with its change
against the prior period and its monthly trend."""

from __future__ import annotations

import dash

from dashboard.components.kpi_card import Kpi, Summary, summary_row
from dashboard.components.page import PageContent, page_layout, register_page_callbacks
from dashboard.metrics.compute import headline_numbers

PAGE = "overview"
ENTRY = {"path": "/", "name": "Overview", "title": "Overview · Coalition Dashboard", "order": 0}

SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi(
            "active_people",
            "Active people",
            "Distinct people with at least one act (attended, shift or action).",
            trend=("dashboard/engagement_by_month", "active_people"),
        ),
        Kpi(
            "new_people",
            "New people",
            "Active people whose first act ever falls in the period.",
            trend=("dashboard/engagement_by_month", "new_people"),
        ),
        Kpi(
            "returning_rate",
            "Returning rate",
            "Share of the prior period's active people active again; trend: month on month.",
            rate=True,
            trend=("metrics/returning_by_month", "returning_rate"),
        ),
        Kpi(
            "attended",
            "Attended",
            "Attended and walk-in rows at past events dated in the period.",
            trend=("dashboard/turnout_by_month", "attended"),
        ),
        Kpi(
            "show_rate",
            "Show rate",
            "Attended (walk-ins excluded) ÷ RSVPs at past events in the period.",
            rate=True,
            trend=("dashboard/turnout_by_month", "show_rate"),
        ),
        Kpi(
            "hours",
            "Volunteer hours",
            "Sum of shift hours in the period.",
            trend=("dashboard/hours_and_actions_by_month", "hours"),
            untyped=True,
        ),
        Kpi(
            "actions",
            "Actions",
            "Sum of action quantities: calls, doors knocked, petitions, letters…",
            trend=("dashboard/hours_and_actions_by_month", "actions_total"),
            untyped=True,
        ),
        Kpi(
            "campaigns_won",
            "Campaigns won",
            "Campaigns marked won whose outcome date is in the period.",
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
