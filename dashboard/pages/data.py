"""Data: what the last ingest read from each member org, how fresh it is, and what it could
not load (skipped and refused files, rejected rows with their reasons and line numbers),
so a coordinator knows whom to ask about which file."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Output, html

from dashboard import formatting
from dashboard.components.filter_bar import filter_inputs
from dashboard.components.filtered import filtered
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.components.problems import problem_alert
from dashboard.db import Warehouse
from dashboard.pages._ingest_tables import (
    FILES_TABLE,
    FRESHNESS,
    NOT_LOADED_TABLE,
    REJECTS_TABLE,
)

PAGE = "data"
ENTRY = {"path": "/data", "name": "Data", "title": "Data · Coalition Dashboard", "order": 7}
SCOPE = (
    "Only the member-org filter applies on this page: the ingest status of files has no "
    "period, campaign or event type (those filters are kept for the other pages)."
)
CHARTS = (FRESHNESS,)
TABLES = (NOT_LOADED_TABLE, REJECTS_TABLE, FILES_TABLE)
FACTS = (
    ("files", "Files read", "Files of the selected orgs (all: with the coalition's own)."),
    ("rows_loaded", "Rows loaded", "Rows in the warehouse after checks and deduplication."),
    ("rows_rejected", "Rows rejected", "Rows that broke a rule; listed by file and reason."),
    ("rows_deduplicated", "Duplicates merged", "Rows repeating one already loaded."),
    ("files_not_loaded", "Files not loaded", "Files skipped or refused as a whole."),
)


def fact_card(key: str, text: str, value, note: str) -> dbc.Col:
    card_id = f"{PAGE}-fact-{key}"
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(text, className="kpi-label"),
                    html.Div(formatting.count(value), id=f"{card_id}-value", className="kpi-value"),
                    html.Div(note, className="kpi-note"),
                ]
            ),
            className="kpi-card h-100",
            id=card_id,
        ),
        xs=12,
        sm=6,
        xl=True,
    )


def built_line(warehouse: Warehouse) -> str:
    coalition = warehouse.query("lookups/coalition")
    if coalition.is_empty() or coalition.item(0, "built_at") is None:
        return "When this warehouse was built is not recorded."
    built = coalition.item(0, "built_at")
    zone = coalition.item(0, "time_zone")
    return f"This warehouse was built on {formatting.day(built.date())} at {built:%H:%M} UTC" + (
        f" (the coalition's time zone: {zone})." if zone else "."
    )


def facts(warehouse: Warehouse, filters) -> list[dbc.Col]:
    summary = warehouse.query("dashboard/ingest_summary", **filters.params()).row(0, named=True)
    summary["files_not_loaded"] = summary["files_refused"] + summary["files_skipped"]
    return [fact_card(key, text, summary[key], note) for key, text, note in FACTS]


def layout(**query_args):
    return page_layout(
        PAGE,
        "Data",
        "What each member org sent, how fresh it is, and what could not be loaded.",
        query_args,
        [
            dbc.Alert(SCOPE, color="info", className="mb-3 py-2", id=f"{PAGE}-scope"),
            html.Div(id=f"{PAGE}-status"),
            html.P(id=f"{PAGE}-built", className="period-caption"),
            dbc.Row(id=f"{PAGE}-facts", className="g-3 mb-3"),
            chart_grid((NOT_LOADED_TABLE, REJECTS_TABLE, FRESHNESS, FILES_TABLE)),
        ],
        orgs_only=True,
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    content = register_page_callbacks(app, PAGE, None, CHARTS + TABLES)

    def not_shown(message: str) -> tuple:
        return [], "", problem_alert(message, id=f"{PAGE}-problem")

    @app.callback(
        Output(f"{PAGE}-facts", "children"),
        Output(f"{PAGE}-built", "children"),
        Output(f"{PAGE}-status", "children"),
        inputs=filter_inputs(PAGE),
    )
    @filtered(
        f"{PAGE} facts", lambda message: ([], "", problem_alert(message, id=f"{PAGE}-problem"))
    )
    def render_facts(warehouse, filters):
        return facts(warehouse, filters), built_line(warehouse), None

    return content
