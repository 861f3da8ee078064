"""Network: which member orgs share people, host together and show up for each other,
and the bridge people who hold the coalition together."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc

from dashboard.components.chart_card import Chart, all_zero, chart_card
from dashboard.components.kpi_card import Kpi, Summary, summary_row
from dashboard.components.page import PageContent, chart_grid, page_layout, register_page_callbacks
from dashboard.db import Warehouse
from dashboard.figures import engagement as engagement_figures
from dashboard.figures import network as figures
from dashboard.glossary import description, name, term
from dashboard.metrics.compute import network
from dashboard.metrics.filters import Filters
from dashboard.pages._network_graph import default_graph, graph_card, named_pairs, register_graph

PAGE = "network"
ENTRY = {
    "path": "/network",
    "name": "Network",
    "title": "Network · Coalition Dashboard",
    "order": 5,
}
NO_CROSSING = "Nobody attended another member org's events in this period with these filters."


def network_numbers(warehouse: Warehouse, filters: Filters) -> dict:
    numbers = network(warehouse, filters)
    engagement = warehouse.query("metrics/engagement", **filters.params())
    return {
        "orgs": numbers["orgs"],
        "links": numbers["links"],
        "density": numbers["density"],
        "bridge_people": engagement.item(0, "bridge_people"),
    }


SUMMARY = Summary(
    PAGE,
    kpis=(
        Kpi("orgs", *term("network_orgs")),
        Kpi("links", *term("links")),
        Kpi("density", *term("density"), rate=True),
        Kpi("bridge_people", *term("bridge_people")),
    ),
    values=network_numbers,
)

BRIDGE = Chart(
    "network-bridge",
    name("bridge_people"),
    description("bridge_people", also=engagement_figures.BRIDGE_BARS),
    "dashboard/people_by_org_count",
    engagement_figures.people_by_org_count,
    "Nobody was active in this period with these filters.",
    width=4,
)

CHARTS = (
    BRIDGE,
    Chart(
        "network-cross-attendance",
        "Who shows up for whom",
        description("crossing", also="Rows: A; columns: B."),
        "metrics/network_pairs",
        figures.cross_attendance,
        NO_CROSSING,
        is_empty=all_zero("a_to_b", "b_to_a"),
        width=7,
        frame=named_pairs,
    ),
    Chart(
        "network-reciprocity",
        "Reciprocity",
        description(
            "reciprocity",
            also=f"The {figures.RECIPROCITY_SHOWN} pairs with the most people crossing; all "
            "pairs in the CSV.",
        ),
        "metrics/network_pairs",
        figures.reciprocity,
        NO_CROSSING,
        is_empty=all_zero("a_to_b", "b_to_a"),
        width=5,
        frame=named_pairs,
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Network",
        "Which member orgs share people, host together and show up for each other.",
        query_args,
        [
            summary_row(SUMMARY),
            dbc.Row([graph_card(), chart_card(BRIDGE)], className="g-3 mb-3"),
            chart_grid(CHARTS[1:]),
        ],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    register_graph(app, PAGE)
    return register_page_callbacks(app, PAGE, SUMMARY, CHARTS, extras=(default_graph,))
