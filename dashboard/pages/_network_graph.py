"""The Network page's graph card: the coalition as orgs and links, with its own two
controls (how many of the strongest links to draw, which org to highlight) and a CSV
download for each of its tables (the links, the orgs).

The controls' values come from the browser like any callback input, so both are checked
against fixed choices and the warehouse's orgs before they are used.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
import polars as pl
from dash import Input, Output, dcc, html

from dashboard.components.chart_card import CONTROL, HIDDEN, download_button, register_download
from dashboard.components.filter_bar import filter_inputs
from dashboard.components.filtered import filtered
from dashboard.components.view_mode import for_projector, is_meeting, view_state
from dashboard.db import Warehouse
from dashboard.figures.network_graph import network_graph, strongest_links
from dashboard.metrics.filters import FilterError, Filters

GRAPH = "network-graph"
LINKS = "network-links"
ORGS = "network-orgs"
LINK_CHOICES = {"10": 10, "25": 25, "50": 50, "100": 100, "all": None}
DEFAULT_LINKS = "25"
NOTE = (
    "Orgs with an act or an event in the period, sized by active people; a link joins two "
    "orgs that share people (width) or co-hosted events (orange diamond)."
)
EMPTY = "No member org had an act or an event in this period with these filters."


def named_pairs(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    """network_pairs with both orgs' names, for charts and CSVs people can read."""
    pairs = warehouse.query("metrics/network_pairs", **filters.params())
    names = warehouse.query("lookups/organizations").select("org_id", "name")
    for side in ("a", "b"):
        pairs = pairs.join(
            names.rename({"org_id": f"org_{side}", "name": f"name_{side}"}),
            on=f"org_{side}",
            how="left",
            maintain_order="left",
        )
    first = ["org_a", "name_a", "org_b", "name_b"]
    return pairs.select(first + [c for c in pairs.columns if c not in first])


def network_orgs(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    return warehouse.query("metrics/network_orgs", **filters.params())


def graph_card() -> dbc.Col:
    controls = dbc.Row(
        [
            dbc.Col(
                [
                    html.Div("Links shown", className="filter-label"),
                    dbc.Select(
                        id=f"{GRAPH}-links",
                        options=[
                            {"label": "All" if k == "all" else f"Strongest {k}", "value": k}
                            for k in LINK_CHOICES
                        ],
                        value=DEFAULT_LINKS,
                    ),
                ],
                xs=12,
                sm=4,
            ),
            dbc.Col(
                [
                    html.Div("Highlight an org", className="filter-label"),
                    dcc.Dropdown(
                        id=f"{GRAPH}-highlight",
                        options=[],
                        placeholder="Search member orgs…",
                        clearable=True,
                    ),
                ],
                xs=12,
                sm=8,
            ),
        ],
        className=f"g-2 mb-2 {CONTROL}",
    )
    header = html.Div(
        [
            html.H2("The coalition network", className="chart-title"),
            html.Div(
                [
                    *download_button(LINKS, "the links", "Links CSV"),
                    *download_button(ORGS, "the orgs", "Orgs CSV"),
                ],
                className="ms-auto d-flex gap-2",
            ),
        ],
        className="d-flex align-items-start gap-2",
    )
    body = dcc.Loading(
        html.Div(
            [
                html.Div(id=f"{GRAPH}-empty", className=f"chart-empty {HIDDEN}"),
                dcc.Graph(
                    id=f"{GRAPH}-graph",
                    config={"displaylogo": False, "modeBarButtons": [["toImage"]]},
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
                [
                    header,
                    html.P(NOTE, className="chart-note", id=f"{GRAPH}-note"),
                    controls,
                    html.P(id=f"{GRAPH}-caption", className="chart-note"),
                    body,
                ]
            ),
            className="chart-card h-100",
            id=GRAPH,
        ),
        xs=12,
        xl=8,
    )


def read_controls(warehouse: Warehouse, links, highlight) -> tuple[int | None, str | None]:
    """(how many links, which org) from the two controls, or FilterError."""
    if not isinstance(links, str) or links not in LINK_CHOICES:
        raise FilterError(f"links shown must be one of {', '.join(LINK_CHOICES)}")
    if highlight is None or highlight == "":
        return LINK_CHOICES[links], None
    known = warehouse.query("lookups/organizations")["org_id"].to_list()
    if not isinstance(highlight, str) or highlight not in known:
        raise FilterError("the highlighted org is not a member org of this coalition")
    return LINK_CHOICES[links], highlight


def caption(links: pl.DataFrame, limit: int | None) -> str:
    total = links.height
    if limit is None or total <= limit:
        return f"All {total:,} link{'' if total == 1 else 's'} shown."
    return f"The {limit:,} strongest of {total:,} links shown (most shared people first)."


def default_graph(warehouse: Warehouse, filters: Filters) -> None:
    """The graph as a page opens it (default links, nothing highlighted): its layout is
    memoized, so computing it ahead (dashboard.warmup) spares the first visitor."""
    nodes = network_orgs(warehouse, filters)
    if not nodes.is_empty():
        network_graph(nodes, named_pairs(warehouse, filters), limit=LINK_CHOICES[DEFAULT_LINKS])


def register_graph(app, page: str) -> None:
    def not_drawn(message: str) -> tuple:
        return go.Figure(), f"chart-graph {HIDDEN}", message, "chart-empty", "", [], True, True

    @app.callback(
        Output(f"{GRAPH}-graph", "figure"),
        Output(f"{GRAPH}-graph", "className"),
        Output(f"{GRAPH}-empty", "children"),
        Output(f"{GRAPH}-empty", "className"),
        Output(f"{GRAPH}-caption", "children"),
        Output(f"{GRAPH}-highlight", "options"),
        Output(f"{LINKS}-download-button", "disabled"),
        Output(f"{ORGS}-download-button", "disabled"),
        inputs=[*filter_inputs(page), Input(f"{GRAPH}-links", "value")]
        + [Input(f"{GRAPH}-highlight", "value")],
        state=[view_state(page)],
    )
    @filtered(GRAPH, not_drawn)
    def render_graph(warehouse, filters, links, highlight, view):
        limit, highlight = read_controls(warehouse, links, highlight)
        nodes = network_orgs(warehouse, filters)
        if nodes.is_empty():
            return not_drawn(EMPTY)
        pairs = named_pairs(warehouse, filters)
        figure = network_graph(nodes, pairs, limit=limit, highlight=highlight)
        if is_meeting(view):
            figure = for_projector(figure)
        options = [{"label": n, "value": o} for o, n in nodes.select("org_id", "name").rows()]
        shown = caption(strongest_links(pairs, None), limit)
        hidden = f"chart-empty {HIDDEN}"
        return figure, "chart-graph", None, hidden, shown, options, False, False

    register_download(app, page, LINKS, named_pairs)
    register_download(app, page, ORGS, network_orgs)
