"""Turnout: from RSVP to attendance, show rate by month, type and org, walk-ins, events
against their goals, and the RSVPs still to come."""

from __future__ import annotations

import dash

from dashboard.components.chart_card import Chart, all_zero
from dashboard.components.kpi_card import Kpi, Summary, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.figures import turnout as figures
from dashboard.glossary import description, name, term
from dashboard.metrics.compute import turnout

PAGE = "turnout"
ENTRY = {
    "path": "/turnout",
    "name": "Turnout",
    "title": "Turnout · Coalition Dashboard",
    "order": 3,
}
NO_RSVPS = "No RSVPs or attendance at past events in this period with these filters."

SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi("events", *term("events")),
        Kpi("rsvps", *term("rsvps")),
        Kpi("attended", *term("attended")),
        Kpi("show_rate", *term("show_rate"), rate=True),
        Kpi("walk_ins", *term("walk_ins")),
        Kpi("no_shows", *term("no_shows")),
        Kpi("goal_events", *term("goal_events")),
        Kpi("goal_met", *term("goal_met")),
    ),
    values=turnout,
)

CHARTS = (
    Chart(
        "turnout-funnel",
        "From RSVP to attendance",
        "Each stage as the cards above count it, at past events in the period; came: the "
        "RSVPs marked attended.",
        "dashboard/turnout_funnel",
        figures.funnel,
        NO_RSVPS,
        is_empty=all_zero("total"),
        width=5,
    ),
    Chart(
        "turnout-by-month",
        "Show rate and walk-ins by month",
        description(
            "show_rate",
            also="Top: by month of the event; bottom: who came with an RSVP and who walked in.",
        ),
        "dashboard/turnout_by_month",
        figures.turnout_by_month,
        NO_RSVPS,
        is_empty=all_zero("rsvps", "attended"),
        width=7,
    ),
    Chart(
        "turnout-by-type",
        "Show rate by event type",
        description("show_rate", also="Per event type; the label gives the RSVPs."),
        "dashboard/turnout_by_event_type",
        figures.show_rate_by_event_type,
        NO_RSVPS,
        is_empty=all_zero("rsvps"),
    ),
    Chart(
        "turnout-by-org",
        "Show rate by member org",
        description(
            "show_rate", also="Per org that exported the event; the label gives the RSVPs."
        ),
        "dashboard/turnout_by_org",
        figures.show_rate_by_org,
        NO_RSVPS,
        is_empty=all_zero("rsvps"),
    ),
    Chart(
        "turnout-goals",
        "Events against their turnout goals",
        "Past events in the period with a goal: attended and walk-ins ÷ goal; on or above "
        "the dashed line, the goal was met.",
        "dashboard/events_vs_goal",
        figures.events_vs_goal,
        "No past event in this period had a turnout goal.",
    ),
    Chart(
        "turnout-upcoming",
        name("upcoming_rsvps"),
        description(
            "upcoming_rsvps",
            also=f"The next {figures.UPCOMING_SHOWN} events shown, all of them in the CSV.",
        ),
        "dashboard/upcoming_rsvps_by_event",
        figures.upcoming_rsvps,
        "No upcoming events with these filters.",
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Turnout",
        "Whether people who say they will come do come, and whether events reach their goals.",
        query_args,
        [summary_row(SUMMARY), chart_grid(CHARTS)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    return register_page_callbacks(app, PAGE, SUMMARY, CHARTS)
