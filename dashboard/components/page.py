"""The frame every page shares: title, what the page answers, problems with the link,
the filter bar, then the page's own sections; in meeting mode, the same without controls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

import dash_bootstrap_components as dbc
from dash import Output, html

from dashboard import formatting
from dashboard.components.chart_card import Chart, chart_card, register_chart
from dashboard.components.filter_bar import (
    filter_bar,
    filter_inputs,
    matching_preset,
    period_anchor,
    preset_ranges,
    register_filter_callbacks,
)
from dashboard.components.filter_input import Choices, filters_from_url
from dashboard.components.filtered import filtered
from dashboard.components.kpi_card import Summary, register_summary, summary_values
from dashboard.components.problems import problem_alert, problem_message
from dashboard.components.suppression import perturbed_note
from dashboard.components.table_card import Table, register_table, table_card
from dashboard.components.view_mode import MEETING_CLASS, MODE_KEY, read_mode, view_store
from dashboard.context import current_warehouse
from dashboard.db import Warehouse
from dashboard.metrics.filters import Filters

# Work a page does for a view, given the warehouse and the filters.
Work = Callable[[Warehouse, Filters], object]


@dataclass(frozen=True)
class PageContent:
    """What a page computes for a view: its summary row, its charts and tables, and other
    work its first view does (the network's layout). `create_app` collects one per page
    and the warm-up computes them ahead for the preset views."""

    page: str
    summary: Summary | None = None
    cards: tuple[Chart | Table, ...] = ()
    extras: tuple[Work, ...] = ()

    def work(self) -> Iterator[Work]:
        if self.summary is not None:
            yield partial(summary_values, self.summary)
        for card in self.cards:
            yield card.table
        yield from self.extras


def _root(page: str, meeting: bool, children: list) -> html.Div:
    classes = f"page-root {MEETING_CLASS}" if meeting else "page-root"
    return html.Div(children, id=f"{page}-root", className=classes)


def page_layout(
    page: str,
    title: str,
    intro: str,
    query: dict,
    sections: list,
    *,
    orgs_only: bool = False,
) -> html.Div:
    """The page for the filters (and the mode) in `query`, the URL's query string.

    `orgs_only`: only the member-org filter means something on this page; the bar shows
    the other filters greyed out, and the link keeps them for the next page.
    """
    meeting, mode_problems = read_mode(query)
    query = {key: value for key, value in query.items() if key != MODE_KEY}
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
        return _root(page, meeting, [heading, problem_alert(message, id=f"{page}-page-problem")])
    problems = mode_problems + problems
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
    bar = filter_bar(page, filters, choices, preset, orgs_only=orgs_only)
    heading.children.extend(_scope_note(page, choices))
    if note := perturbed_note():
        heading.children.append(html.P(note, id=f"{page}-perturbed", className="page-intro"))
    return _root(page, meeting, [view_store(page, meeting), heading, *notes, bar, *sections])


def _scope_note(page: str, choices: Choices) -> list:
    """For a viewer limited to some orgs: what the page shows them (its intro speaks of
    the whole coalition)."""
    if not choices.limited:
        return []
    names = ", ".join(name for _, name in choices.orgs)
    orgs = "the member org" if len(choices.orgs) == 1 else "the member orgs"
    text = f"You see {names} in detail: {orgs} your account covers."
    return [html.P(text, id=f"{page}-scope", className="page-intro")]


def chart_grid(cards: tuple[Chart | Table, ...]) -> dbc.Row:
    """Charts and tables in a grid, in the order given."""
    return dbc.Row(
        [chart_card(c) if isinstance(c, Chart) else table_card(c) for c in cards],
        className="g-3 mb-3",
    )


def period_line(page: str) -> html.P:
    """The period on screen, for pages without a summary row (which says it otherwise)."""
    return html.P(id=f"{page}-period", className="period-caption")


def register_period_line(app, page: str) -> None:
    @app.callback(Output(f"{page}-period", "children"), inputs=filter_inputs(page))
    @filtered(f"{page} period", lambda message: message)
    def show_period(_warehouse, filters):
        return formatting.period(filters.date_from, filters.date_to)


def register_page_callbacks(
    app, page: str, summary: Summary | None, cards=(), extras: tuple[Work, ...] = ()
) -> PageContent:
    """A page's callbacks: its filter bar's, its summary row's (when it has one) and each
    chart's and table's; returns what the page computes, for the warm-up."""
    register_filter_callbacks(app, page)
    if summary is not None:
        register_summary(app, summary)
    for card in cards:
        if isinstance(card, Chart):
            register_chart(app, page, card)
        else:
            register_table(app, page, card)
    return PageContent(page, summary, tuple(cards), extras)
