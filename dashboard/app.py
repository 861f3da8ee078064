"""The Dash app: the shell (navbar built from the page registry, page container) around
the pages in dashboard/pages/. Nothing is read from the warehouse until a page asks."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import flask
from dash import Dash, html
from werkzeug.exceptions import HTTPException

from dashboard import context, settings, vendor, warmup
from dashboard.access import content_policy
from dashboard.access import gate as access_gate
from dashboard.access.account import account_menu, hidden_pages
from dashboard.access.viewer import current_viewer
from dashboard.components.navbar import SHELL, TITLE, navbar, register_navigation
from dashboard.pages import page_modules
from dashboard.paths import assets_dir
from dashboard.report import route as report_route

log = logging.getLogger("dashboard")
# What each page computes for a view (dashboard.components.page.PageContent), in
# flask's extensions: the warm-up's work, and the benchmark's.
PAGE_CONTENTS = "coalition.page_contents"


def shell(pages: list[dict]) -> html.Div:
    """Built for each visitor: the navbar shows who is signed in and only their pages."""
    viewer = current_viewer()
    bar = navbar(pages, hidden_pages(viewer, pages), account_menu(viewer))
    return html.Div(
        [bar, dbc.Container(dash.page_container, fluid=True, className="pb-5")],
        id=SHELL,
    )


def refuse_plainly(error: Exception):
    """Errors outside any callback's own handling: a short answer, never a traceback.

    Callbacks turn every problem with their inputs into a message on the page; what
    reaches this point is a request the Dash renderer would never send (no such
    callback, a body of the wrong shape), so it is refused as a bad request.
    """
    if isinstance(error, HTTPException):
        return error
    if flask.request.path.endswith("/_dash-update-component"):
        log.warning("refused a malformed callback request: %r", error)
        return "Bad callback request.", 400
    log.exception("unhandled error on %s", flask.request.path)
    return "The server ran into a problem.", 500


def finish_dash_setup(app: Dash) -> None:
    """Let Dash finish the setup it otherwise does on the first request it serves.

    Dash marks that setup done before doing it, without a lock: in a threaded worker,
    scripts requested at the same moment as the first request can be refused (500) while
    it runs. One request here, before the server accepts any, closes the gap. It reads
    no data (the shell needs none).
    """
    app.server.test_client().get(app.get_relative_path("/_dash-layout"))


def create_app(warehouse_path: Path | str, *, warm: bool | None = None) -> Dash:
    """The dashboard for one warehouse. `warm`: compute the preset views in the background
    (dashboard.warmup); by default as the settings say (COALITION_WARMUP)."""
    chosen = settings.load()  # a bad setting stops the app here, with its name and value
    server = flask.Flask(__name__)
    context.install(server, warehouse_path)
    vendor.install(server)
    server.register_error_handler(Exception, refuse_plainly)
    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(assets_dir()),
        serve_locally=True,
        compress=False,
        external_stylesheets=[vendor.BOOTSTRAP_CSS],
        title=TITLE,
        update_title=None,
        # Pages come and go with the URL; their callbacks are checked by the tests.
        suppress_callback_exceptions=True,
    )
    contents = tuple(module.register(app) for module in page_modules())
    server.extensions[PAGE_CONTENTS] = contents
    pages = list(dash.page_registry.values())
    # Sign-in, the gate every request passes, and the role guard on every page's layout
    # (dashboard.access.gate); the data itself is gated in context.current_warehouse.
    access_gate.install(app, warehouse_path)
    report_route.install(server)
    app.layout = partial(shell, pages)
    register_navigation(app, pages)
    content_policy.install(app)
    finish_dash_setup(app)
    # After Dash's setup: its page's inline scripts are allowed by their hashes only.
    content_policy.allow_dash_scripts(app)
    if chosen.warmup if warm is None else warm:
        warmer = warmup.Warmer(context.unrestricted_warehouse_of(server), contents)
        server.extensions[warmup.EXTENSION] = warmer
        warmer.start()
    return app
