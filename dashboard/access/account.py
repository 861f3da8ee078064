"""What the navbar shows about the viewer: who is signed in (or that access is open), a
sign-out button, the impact report, and which page links a role does not get."""

from __future__ import annotations

import flask
from dash import dcc, html

from dashboard.access.login import LOGOUT_PATH
from dashboard.access.roles import Viewer, may_open, page_name

REPORT_PATH = "/report"
OPEN_NOTE = "Open access: no users are configured, everyone is a coordinator"


def hidden_pages(viewer: Viewer | None, pages: list[dict]) -> frozenset[str]:
    """Names of the registered pages the viewer's role may not open."""
    return frozenset(page_name(page) for page in pages if not may_open(viewer, page))


def sign_out_form() -> html.Form:
    """Sign out is a form posted with the session's CSRF token (dashboard.access.login):
    a link could be followed from any other site."""
    token = flask.session.get("csrf", "") if flask.has_request_context() else ""
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf", value=token, id="nav-logout-token"),
            html.Button("Sign out", type="submit", id="nav-logout", className="nav-link btn"),
        ],
        method="post",
        action=LOGOUT_PATH,
        className="m-0",
    )


def account_menu(viewer: Viewer | None) -> html.Div:
    report = html.A(
        "Impact report",
        href=REPORT_PATH,
        id="nav-report",
        className="nav-link",
        target="_blank",
        rel="noopener",
    )
    if viewer is None:
        who = []
    elif viewer.is_open:
        who = [
            html.Span(
                "Open access · no users configured",
                id="nav-account",
                className="badge text-bg-warning",
                title=OPEN_NOTE,
            )
        ]
    else:
        who = [
            html.Span(
                f"{viewer.name} · {viewer.describe()}",
                id="nav-account",
                className="navbar-text me-2",
            ),
            sign_out_form(),
        ]
    return html.Div(
        [report, *who], className="d-flex align-items-center gap-2 ms-3 navbar-account navbar-extra"
    )
