"""Table cards: a sortable, filterable AG Grid with its one-line note, a clear empty state
and a CSV download of exactly the rows it shows (before the reader sorts or filters).

Like a `Chart`, a `Table` gets its frame from named queries only; its render callback
turns the frame into grid rows (`rows`, e.g. adding links that keep the filters) and its
download callback sends the frame itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import polars as pl
from dash import Output, dcc, html

from dashboard.components.chart_card import HIDDEN, download_button, register_download
from dashboard.components.filter_bar import filter_inputs
from dashboard.components.filtered import filtered
from dashboard.components.view_mode import is_meeting, view_state
from dashboard.db import Warehouse
from dashboard.metrics.filters import Filters

PAGE_SIZE = 20  # one of AG Grid's own page-size choices (20, 50, 100)
_MISSING = "params.value == null ? '–' : "


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def plain_rows(frame: pl.DataFrame, filters: Filters, meeting: bool) -> list[dict]:
    """The frame's rows as the grid takes them: dates as ISO text, lists as `a; b`."""
    return [{k: _plain(v) for k, v in row.items()} for row in frame.iter_rows(named=True)]


# --- columns ---------------------------------------------------------------------------


def text_column(field: str, header: str, **options) -> dict:
    return {"field": field, "headerName": header, "filter": "agTextColumnFilter"} | options


def count_column(field: str, header: str, **options) -> dict:
    return {
        "field": field,
        "headerName": header,
        "type": "numericColumn",
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": _MISSING + "d3.format(',')(params.value)"},
    } | options


def rate_column(field: str, header: str, **options) -> dict:
    return {
        "field": field,
        "headerName": header,
        "type": "numericColumn",
        "filter": "agNumberColumnFilter",
        "valueFormatter": {"function": _MISSING + "d3.format('.1%')(params.value)"},
    } | options


def links_column(field: str, header: str, **options) -> dict:
    """Markdown links (the grid escapes any HTML in them)."""
    return {
        "field": field,
        "headerName": header,
        "cellRenderer": "markdown",
        "sortable": False,
        "filter": False,
        "autoHeight": True,
        "wrapText": True,
    } | options


# --- the card --------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    id: str  # page-prefixed: "organizations-scorecard"
    title: str
    note: str  # how this is counted, in one line
    frame: Callable[[Warehouse, Filters], pl.DataFrame]  # from named queries only
    columns: tuple[dict, ...]  # AG Grid column definitions
    empty: str
    rows: Callable[[pl.DataFrame, Filters, bool], list[dict]] = plain_rows
    width: int = 12
    dated: bool = True  # the CSV's name gives the period

    def table(self, warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
        return self.frame(warehouse, filters)


def grid_options(rows: int) -> dict:
    """The grid grows with its rows (no inner scrollbar) up to a page of them; beyond, it
    pages: a hundred orgs' rows with their links all in the page took the browser over a
    second to lay out."""
    options = {"domLayout": "autoHeight", "enableCellTextSelection": True, "ensureDomOrder": True}
    if rows > PAGE_SIZE:
        options |= {"pagination": True, "paginationPageSize": PAGE_SIZE}
    return options


def table_card(table: Table) -> dbc.Col:
    header = html.Div(
        [html.H2(table.title, className="chart-title"), *download_button(table.id, table.title)],
        className="d-flex align-items-start gap-2",
    )
    grid = dag.AgGrid(
        id=f"{table.id}-grid",
        columnDefs=list(table.columns),
        rowData=[],
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "floatingFilter": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        columnSize="responsiveSizeToFit",
        dashGridOptions=grid_options(0),
        style={"height": None},
        className="table-grid",
    )
    body = dcc.Loading(
        html.Div(
            [
                html.Div(id=f"{table.id}-empty", className=f"chart-empty {HIDDEN}"),
                html.Div(grid, id=f"{table.id}-body"),
            ]
        ),
        type="circle",
        delay_show=400,
    )
    note = html.P(table.note, className="chart-note", id=f"{table.id}-note")
    return dbc.Col(
        dbc.Card(dbc.CardBody([header, note, body]), className="chart-card h-100", id=table.id),
        xs=12,
        xl=table.width,
    )


def register_table(app, page: str, table: Table) -> None:
    def not_shown(message: str) -> tuple:
        return [], grid_options(0), HIDDEN, message, "chart-empty", True

    @app.callback(
        Output(f"{table.id}-grid", "rowData"),
        Output(f"{table.id}-grid", "dashGridOptions"),
        Output(f"{table.id}-body", "className"),
        Output(f"{table.id}-empty", "children"),
        Output(f"{table.id}-empty", "className"),
        Output(f"{table.id}-download-button", "disabled"),
        inputs=filter_inputs(page),
        state=[view_state(page)],
    )
    @filtered(table.id, not_shown)
    def render_table(warehouse, filters, view):
        frame = table.table(warehouse, filters)
        if frame.is_empty():
            return not_shown(table.empty)
        rows = table.rows(frame, filters, is_meeting(view))
        return rows, grid_options(len(rows)), "", None, f"chart-empty {HIDDEN}", False

    register_download(app, page, table.id, table.table, dated=table.dated)
