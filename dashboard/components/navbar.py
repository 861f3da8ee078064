"""The navbar, built from the page registry, and the browser-side sync that keeps the
address bar and the navbar's links in step with the filters on screen."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, html

from dashboard.components.filter_bar import FILTER_PROPS, filter_id

TITLE = "Coalition Dashboard"


def nav_id(page: dict) -> str:
    return f"nav-{page['module'].rsplit('.', 1)[-1]}"


def navbar(pages: list[dict]) -> dbc.Navbar:
    """One link per registered page, in the registry's order."""
    links = [
        dbc.NavItem(dbc.NavLink(page["name"], href=page["relative_path"], id=nav_id(page)))
        for page in pages
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                html.Span(TITLE, className="navbar-brand"),
                dbc.Nav(links, navbar=True, className="flex-wrap"),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )


# Keeps the address bar and the navbar's links in step with the filters on screen, in the
# browser: history.replaceState changes the URL without any Location component noticing,
# so the page's layout is not rendered again (its charts already follow the filters).
SYNC_URL = """
function(starts, ends, orgs, campaigns, types, pathname) {
    const paths = %s;
    let search = window.location.search;
    if (starts.length) {
        const params = new URLSearchParams();
        const day = (value) => (typeof value === "string" ? value.slice(0, 10) : "");
        if (day(starts[0])) { params.append("from", day(starts[0])); }
        if (day(ends[0])) { params.append("to", day(ends[0])); }
        (orgs[0] || []).forEach((org) => params.append("org", org));
        if (campaigns[0]) { params.append("campaign", campaigns[0]); }
        (types[0] || []).forEach((type) => params.append("type", type));
        const text = params.toString();
        search = text ? "?" + text : "";
        if (search !== window.location.search) {
            window.history.replaceState(
                window.history.state, "", window.location.pathname + search + window.location.hash
            );
        }
    }
    const here = window.location.pathname;
    return paths.map((path) => path + search).concat(paths.map((path) => path === here));
}
"""


def register_navigation(app: Dash, pages: list[dict]) -> None:
    ids = [nav_id(p) for p in pages]
    app.clientside_callback(
        SYNC_URL % json.dumps([p["relative_path"] for p in pages]),
        [Output(i, "href") for i in ids] + [Output(i, "active") for i in ids],
        [Input(filter_id(ALL, name), prop) for name, prop in FILTER_PROPS]
        + [Input("_pages_location", "pathname")],
    )
