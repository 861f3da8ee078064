"""The navbar, built from the page registry, and the browser-side sync that keeps the
address bar and the navbar's links in step with the filters on screen (and with meeting
mode, which a link keeps as `mode=meeting`)."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, dcc, html

from dashboard import formatting
from dashboard.components.filter_bar import FILTER_PROPS, filter_id
from dashboard.components.problems import problem_message
from dashboard.components.view_mode import MEETING_CLASS
from dashboard.context import current_warehouse

TITLE = "Coalition Dashboard"
SHELL = "shell"


def nav_id(page: dict) -> str:
    return f"nav-{page['module'].rsplit('.', 1)[-1]}"


def navbar(pages: list[dict], hidden=frozenset(), account=None) -> dbc.Navbar:
    """The coalition's name (filled in from the warehouse), one link per registered page
    in the registry's order, and the extras meeting mode hides. Pages named in `hidden`
    (the viewer's role may not open them) keep only an empty, hidden link for the URL
    sync; `account` (who is signed in) goes with the extras."""
    links = [
        dbc.NavItem(dbc.NavLink("", href="#", id=nav_id(page)), className="d-none")
        if page["module"].rsplit(".", 1)[-1] in hidden
        else dbc.NavItem(dbc.NavLink(page["name"], href=page["relative_path"], id=nav_id(page)))
        for page in pages
    ]
    extras = html.Div(
        [
            html.Span(id="navbar-built", className="navbar-text navbar-extra me-3"),
            dcc.Link(
                "Meeting mode",
                id="nav-meeting",
                href="/?mode=meeting",
                className="btn btn-sm btn-outline-light",
                title="For a projector: no controls, bigger numbers; the filters stay",
            ),
            *([account] if account is not None else []),
        ],
        className="d-flex align-items-center ms-auto",
    )
    return dbc.Navbar(
        dbc.Container(
            [
                html.Span(TITLE, id="navbar-brand", className="navbar-brand", title=TITLE),
                dbc.Nav(links, navbar=True, className="flex-wrap"),
                extras,
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
# Meeting mode rides along in every link; the toggle link switches it.
SYNC_URL = """
function(starts, ends, orgs, campaigns, types, pathname) {
    const paths = %s;
    const meeting = new URLSearchParams(window.location.search).get("mode") === "meeting";
    let search = window.location.search;
    if (starts.length) {
        const params = new URLSearchParams();
        const day = (value) => (typeof value === "string" ? value.slice(0, 10) : "");
        if (day(starts[0])) { params.append("from", day(starts[0])); }
        if (day(ends[0])) { params.append("to", day(ends[0])); }
        (orgs[0] || []).forEach((org) => params.append("org", org));
        if (campaigns[0]) { params.append("campaign", campaigns[0]); }
        (types[0] || []).forEach((type) => params.append("type", type));
        if (meeting) { params.append("mode", "meeting"); }
        const text = params.toString();
        search = text ? "?" + text : "";
        if (search !== window.location.search) {
            window.history.replaceState(
                window.history.state, "", window.location.pathname + search + window.location.hash
            );
        }
    }
    const here = window.location.pathname;
    const toggle = new URLSearchParams(search);
    if (meeting) { toggle.delete("mode"); } else { toggle.set("mode", "meeting"); }
    const toggled = toggle.toString();
    return paths.map((path) => path + search)
        .concat(paths.map((path) => path === here))
        .concat([
            here + (toggled ? "?" + toggled : ""),
            meeting ? "Leave meeting mode" : "Meeting mode",
            meeting ? "%s" : "",
        ]);
}
"""


def register_navigation(app: Dash, pages: list[dict]) -> None:
    ids = [nav_id(p) for p in pages]
    app.clientside_callback(
        SYNC_URL % (json.dumps([p["relative_path"] for p in pages]), MEETING_CLASS),
        [Output(i, "href") for i in ids]
        + [Output(i, "active") for i in ids]
        + [
            Output("nav-meeting", "href"),
            Output("nav-meeting", "children"),
            Output(SHELL, "className"),
        ],
        [Input(filter_id(ALL, name), prop) for name, prop in FILTER_PROPS]
        + [Input("_pages_location", "pathname")],
    )

    @app.callback(
        Output("navbar-brand", "children"),
        Output("navbar-built", "children"),
        Input("_pages_location", "pathname"),
    )
    def show_coalition(_pathname):
        """The coalition's name and the warehouse's age, read again on every page change
        so a rebuilt warehouse shows at once."""
        try:
            coalition = current_warehouse().query("lookups/coalition")
        except Exception as error:  # noqa: BLE001 - the navbar then keeps the title
            problem_message(error, "navbar")
            return TITLE, ""
        if coalition.is_empty():
            return TITLE, ""
        name, built_at = coalition.item(0, "name"), coalition.item(0, "built_at")
        built = f"Data of {formatting.day(built_at.date())}" if built_at else ""
        return name or TITLE, built
