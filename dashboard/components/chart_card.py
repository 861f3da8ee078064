"""Chart cards: a titled figure with its one-line "how this is counted" note, a clear
empty state, and a CSV download of the table behind it.

A `Chart` names one query (from this fixed list, never from input), or a function that
assembles its table from named queries, and one figure builder. Its render callback runs
the query for the filters on screen and builds the figure; its download callback runs the
same query for the same filters and sends that table as CSV, so the file always holds
exactly the numbers the chart shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
import polars as pl
from dash import Input, Output, dcc, html, no_update

from dashboard.components.filter_bar import filter_inputs, filter_states
from dashboard.components.filtered import filtered
from dashboard.components.spreadsheet_safe import formula_safe_csv
from dashboard.components.suppression import marked_for_csv
from dashboard.components.view_mode import for_projector, is_meeting, view_state
from dashboard.db import Warehouse
from dashboard.figures.margins import fit_margins
from dashboard.metrics.filters import Filters

HIDDEN = "d-none"
# What meeting mode hides (assets/dashboard.css): filters, downloads, chart controls.
CONTROL = "page-control"


def no_rows(frame: pl.DataFrame) -> bool:
    return frame.is_empty()


def all_zero(*columns: str) -> Callable[[pl.DataFrame], bool]:
    """Empty when the frame has no rows or every value of `columns` is 0 or null."""

    def check(frame: pl.DataFrame) -> bool:
        return frame.is_empty() or all(
            not any(value for value in frame[column].to_list()) for column in columns
        )

    return check


@dataclass(frozen=True)
class Chart:
    id: str  # page-prefixed: "turnout-by-month"
    title: str
    note: str  # how this is counted, in one line (metrics.md)
    query: str  # queries/<query>.sql
    figure: Callable[[pl.DataFrame], go.Figure]
    empty: str  # what an empty result means, said to a person
    is_empty: Callable[[pl.DataFrame], bool] = no_rows
    width: int = 6  # of 12 Bootstrap columns on wide screens
    # The table, when it is more than the query's result (e.g. with names looked up).
    frame: Callable[[Warehouse, Filters], pl.DataFrame] | None = None
    dated: bool = True  # the CSV's name gives the period (not when the period does not apply)

    def table(self, warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
        if self.frame is not None:
            return self.frame(warehouse, filters)
        return warehouse.query(self.query, **filters.params())


def csv_text(frame: pl.DataFrame) -> str:
    """The frame as CSV; list columns (partner orgs, co-hosts) as `a;b`, as in the data
    contract, since CSV has no lists; text a spreadsheet would run as a formula escaped."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    if lists:
        frame = frame.with_columns(pl.col(name).list.join(";") for name in lists)
    return formula_safe_csv(frame)


def download_button(card_id: str, title: str, text: str = "Download CSV") -> list:
    return [
        dbc.Button(
            text,
            id=f"{card_id}-download-button",
            color="secondary",
            outline=True,
            size="sm",
            className=f"ms-auto flex-shrink-0 {CONTROL}",
            title=f"The table behind “{title}”, as CSV",
        ),
        dcc.Download(id=f"{card_id}-download"),
    ]


def chart_width(columns: int) -> float:
    """About how wide a chart of `columns` grid columns is drawn in a wide browser window
    (narrower screens stack every chart at full width)."""
    return 1320 * columns / 12 - 20


def chart_card(chart: Chart) -> dbc.Col:
    header = html.Div(
        [html.H2(chart.title, className="chart-title"), *download_button(chart.id, chart.title)],
        className="d-flex align-items-start gap-2",
    )
    body = dcc.Loading(
        html.Div(
            [
                html.Div(id=f"{chart.id}-empty", className=f"chart-empty {HIDDEN}"),
                dcc.Graph(
                    id=f"{chart.id}-graph",
                    config={
                        "displaylogo": False,
                        "modeBarButtons": [["toImage"]],
                        "responsive": True,
                    },
                    className="chart-graph",
                ),
            ]
        ),
        type="circle",
        delay_show=400,
    )
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [header, html.P(chart.note, className="chart-note", id=f"{chart.id}-note"), body]
            ),
            className="chart-card h-100",
            id=chart.id,
        ),
        xs=12,
        xl=chart.width,
    )


def register_chart(app, page: str, chart: Chart) -> None:
    def not_drawn(message: str) -> tuple:
        return go.Figure(), f"chart-graph {HIDDEN}", message, "chart-empty", True

    @app.callback(
        Output(f"{chart.id}-graph", "figure"),
        Output(f"{chart.id}-graph", "className"),
        Output(f"{chart.id}-empty", "children"),
        Output(f"{chart.id}-empty", "className"),
        Output(f"{chart.id}-download-button", "disabled"),
        inputs=filter_inputs(page),
        state=[view_state(page)],
    )
    @filtered(chart.id, not_drawn)
    def render_chart(warehouse, filters, view):
        frame = chart.table(warehouse, filters)
        if chart.is_empty(frame):
            return not_drawn(chart.empty)
        figure = chart.figure(frame)
        if is_meeting(view):
            figure = for_projector(figure)
        figure = fit_margins(figure, chart_width(chart.width))
        return figure, "chart-graph", None, f"chart-empty {HIDDEN}", False

    register_download(app, page, chart.id, chart.table, dated=chart.dated)


def register_download(
    app,
    page: str,
    card_id: str,
    table: Callable[[Warehouse, Filters], pl.DataFrame],
    *,
    dated: bool = True,
) -> None:
    """The card's button sends `table` for the filters on screen as CSV."""

    @app.callback(
        Output(f"{card_id}-download", "data"),
        Input(f"{card_id}-download-button", "n_clicks"),
        *filter_states(page),
        prevent_initial_call=True,
    )
    @filtered(f"{card_id} download", lambda _message: no_update, skip=1)
    def download_table(warehouse, filters):
        frame = table(warehouse, filters)
        name = f"{card_id}_{filters.date_from}_{filters.date_to}.csv" if dated else f"{card_id}.csv"
        return dcc.send_string(csv_text(marked_for_csv(frame)), name, type="text/csv")
