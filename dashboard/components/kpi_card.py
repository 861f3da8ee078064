"""KPI cards: a big number, its change against the prior period, a monthly sparkline,
and one line saying how it is counted. A page's `Summary` is a row of them, filled by one
callback that runs each metric query once for the period and once for the prior period."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import Output, dcc, html

from dashboard import formatting
from dashboard.components.filter_bar import filter_inputs
from dashboard.components.filtered import filtered
from dashboard.components.problems import problem_alert
from dashboard.components.suppression import coalition_total_texts, suppressed_text
from dashboard.db import Warehouse
from dashboard.figures.sparkline import sparkline
from dashboard.figures.theme import month_starts
from dashboard.metrics.compute import change_vs_prior
from dashboard.metrics.filters import Filters


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    note: str  # how it is counted, in one line (metrics.md)
    rate: bool = False
    trend: tuple[str, str] | None = None  # (query, column) of its monthly values
    untyped: bool = False  # counts shifts or actions, which an event-type filter leaves out


UNTYPED_NOTE = "Shifts and actions have no event type: an event-type filter leaves them out."


@dataclass(frozen=True)
class Summary:
    page: str
    kpis: tuple[Kpi, ...]
    values: Callable[[Warehouse, Filters], dict]  # {kpi key: value} for one period
    per_row: int = 4  # cards in a row on wide screens

    @property
    def card_width(self) -> int | bool:
        """Bootstrap columns per card; True (equal shares) when 12 does not divide."""
        return 12 // self.per_row if 12 % self.per_row == 0 else True


def metric_row(query: str) -> Callable[[Warehouse, Filters], dict]:
    """Summary values read from a one-row metric query (e.g. metrics/engagement)."""

    def values(warehouse: Warehouse, filters: Filters) -> dict:
        return warehouse.query(query, **filters.params()).row(0, named=True)

    return values


def kpi_card(
    page: str,
    kpi: Kpi,
    value,
    change: dict,
    trend=None,
    note=None,
    width: int | bool = 3,
    total: str | None = None,
) -> dbc.Col:
    """`total`: the whole coalition's figure, for a coordinator limited to some orgs."""
    card_id = f"{page}-kpi-{kpi.key}"
    if kpi.rate:
        shown, moved = formatting.rate(value), formatting.rate_change(change)
    else:
        shown, moved = formatting.count(value), formatting.count_change(change)
    if value is None and not kpi.rate and (suppressed := suppressed_text()):
        shown, moved = suppressed, "too few to show"  # a count is null only when suppressed
    tone = {"▲": "up", "▼": "down"}.get(moved[:1], "flat")  # as the arrow reads
    body = [
        html.Div(kpi.label, className="kpi-label"),
        html.Div(shown, id=f"{card_id}-value", className="kpi-value"),
        html.Div(
            [
                html.Span(moved, id=f"{card_id}-change"),
                html.Span(" vs prior period" if change["difference"] is not None else ""),
            ],
            className=f"kpi-change kpi-{tone}",
        ),
    ]
    if trend is not None:
        body.append(
            dcc.Graph(
                figure=sparkline(*trend, rate=kpi.rate),
                config={"displayModeBar": False, "responsive": True},
                className="kpi-sparkline",
            )
        )
    if total is not None:
        body.append(
            html.Div(
                f"Whole coalition: {total}",
                id=f"{card_id}-coalition",
                className="kpi-note kpi-coalition",
            )
        )
    body.append(html.Div(note or kpi.note, className="kpi-note"))
    return dbc.Col(
        dbc.Card(dbc.CardBody(body), className="kpi-card h-100", id=card_id),
        xs=12,
        sm=6,
        xl=width,
    )


def summary_row(summary: Summary) -> html.Div:
    page = summary.page
    return html.Div(
        [
            html.Div(id=f"{page}-status"),
            html.P(id=f"{page}-period", className="period-caption"),
            dcc.Loading(
                dbc.Row(id=f"{page}-kpis", className="g-3 mb-4"),
                type="dot",
                delay_show=400,
            ),
        ]
    )


def _trends(warehouse: Warehouse, filters: Filters, kpis: tuple[Kpi, ...]) -> dict:
    """{kpi key: (months, values)}, each trend query run once."""
    frames = {}
    trends = {}
    for kpi in kpis:
        if kpi.trend is None:
            continue
        query, column = kpi.trend
        if query not in frames:
            frames[query] = warehouse.query(query, **filters.params())
        frame = frames[query]
        trends[kpi.key] = (month_starts(frame), frame[column].to_list())
    return trends


def summary_values(summary: Summary, warehouse: Warehouse, filters: Filters):
    """(values for the period, for the prior period, monthly trends).

    The three run side by side: each is a few queries, many of them too small to keep
    both of DuckDB's threads busy, and each query has its own cursor."""
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="summary") as pool:
        now = pool.submit(summary.values, warehouse, filters)
        before = pool.submit(summary.values, warehouse, filters.prior())
        trends = pool.submit(_trends, warehouse, filters, summary.kpis)
        return now.result(), before.result(), trends.result()


def summary_cards(summary: Summary, warehouse: Warehouse, filters: Filters) -> list[dbc.Col]:
    now, before, trends = summary_values(summary, warehouse, filters)
    totals = coalition_total_texts(summary, filters, now)
    return [
        kpi_card(
            summary.page,
            kpi,
            now[kpi.key],
            change_vs_prior(now[kpi.key], before[kpi.key], rate=kpi.rate),
            trends.get(kpi.key),
            UNTYPED_NOTE if kpi.untyped and filters.types else None,
            summary.card_width,
            totals.get(kpi.key),
        )
        for kpi in summary.kpis
    ]


def period_caption(filters: Filters) -> str:
    prior = filters.prior()
    return (
        f"{formatting.period(filters.date_from, filters.date_to)}; changes compare with "
        f"{formatting.day(prior.date_from)} – {formatting.day(prior.date_to)}."
    )


def register_summary(app, summary: Summary) -> None:
    page = summary.page

    def not_shown(message: str) -> tuple:
        return [], "", problem_alert(message, id=f"{page}-problem")

    @app.callback(
        Output(f"{page}-kpis", "children"),
        Output(f"{page}-period", "children"),
        Output(f"{page}-status", "children"),
        inputs=filter_inputs(page),
    )
    @filtered(f"{page} summary", not_shown)
    def render_summary(warehouse, filters):
        return summary_cards(summary, warehouse, filters), period_caption(filters), None
