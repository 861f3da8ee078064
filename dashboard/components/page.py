"""The frame every page shares: title, what the page answers, problems with the link,
the filter bar, then the page's own sections."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.chart_card import Chart, chart_card, register_chart
from dashboard.components.filter_bar import (
    filter_bar,
    matching_preset,
    period_anchor,
    preset_ranges,
    register_filter_callbacks,
)
from dashboard.components.filter_input import Choices, filters_from_url
from dashboard.components.kpi_card import Summary, register_summary
from dashboard.components.problems import problem_alert, problem_message
from dashboard.context import current_warehouse


def page_layout(page: str, title: str, intro: str, query: dict, sections: list) -> html.Div:
    """The page for the filters in `query` (the URL's query string)."""
    heading = html.Div(
        [html.H1(title, className="page-title"), html.P(intro, className="page-intro")],
        className="mb-3",
    )
    try:
        warehouse = current_warehouse()
        today = date.today()
        anchor, first = period_anchor(warehouse, today)
        choices = Choices.load(warehouse)
        filters, problems = filters_from_url(
            warehouse, query, choices, as_of=today, default_to=anchor
        )
        ranges = preset_ranges(anchor, first)
    except Exception as error:  # noqa: BLE001 - a page always renders, with the reason
        message = problem_message(error, f"{page} page")
        return html.Div([heading, problem_alert(message, id=f"{page}-page-problem")])
    notes = (
        [
            problem_alert(
                [html.Strong("This link has a problem. "), *[html.Div(p) for p in problems]],
                id=f"{page}-link-problems",
            )
        ]
        if problems
        else []
    )
    preset = matching_preset(ranges, filters.date_from, filters.date_to)
    return html.Div([heading, *notes, filter_bar(page, filters, choices, preset), *sections])


def chart_grid(charts: tuple[Chart, ...]) -> dbc.Row:
    return dbc.Row([chart_card(chart) for chart in charts], className="g-3")


def register_page_callbacks(app, page: str, summary: Summary, charts=()) -> None:
    """A page's callbacks: its filter bar's, its summary row's and each chart's."""
    register_filter_callbacks(app, page)
    register_summary(app, summary)
    for chart in charts:
        register_chart(app, page, chart)
