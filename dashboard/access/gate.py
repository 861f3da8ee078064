"""The gate every request passes, installed on the Flask server under the Dash app.

1. `before_request`: with users configured, nothing but the sign-in page (and the CSS it
   needs) is served to a visitor who is not signed in: pages redirect to /login, every
   other path (layouts, callbacks, assets, downloads, the report) is refused with 401.
   A page the viewer's role may not open (the Data page for a funder) is refused with 403,
   and so is any callback that reads or writes that page's components (their ids start
   with the page's name, as every page's do).
2. The page registry: each page's layout is wrapped so the page itself refuses a viewer
   whose role may not open it, however its path was reached.
3. `dashboard.context.current_warehouse()` hands every layout and callback the warehouse
   through `viewer_warehouse`: clamped to the viewer's orgs and suppressed for a funder
   (dashboard.access.gated_warehouse). That is where the data is gated; 1 and 2 keep the
   pages a role has no business with out of reach altogether.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
import flask
from dash import html

from dashboard import settings
from dashboard.access.login import LOGIN_PATH, LOGOUT_PATH, register_login
from dashboard.access.roles import may_open, page_name
from dashboard.access.session_secret import session_secret
from dashboard.access.sessions import SessionGenerations, sessions_path
from dashboard.access.users import UserStore, users_path
from dashboard.access.viewer import SESSIONS, TRUSTED_HEADER, USERS, current_viewer
from dashboard.vendor import BOOTSTRAP_CSS

OPEN_PATHS = (LOGIN_PATH, LOGOUT_PATH, BOOTSTRAP_CSS)
NOT_PAGES = ("/_dash", "/_favicon", "/_reload", "/assets/", "/vendor/")
CALLBACK_PATH = "/_dash-update-component"
SESSION_HOURS = 12
# No callback or form of the dashboard sends more than a few kilobytes; a bigger body is
# refused before it is read, so nobody can fill a worker's memory with one request.
MAX_BODY_BYTES = 1_000_000
REFUSED_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Not available · Coalition Dashboard</title><link rel="stylesheet" href="{css}"></head>
<body class="bg-light"><main class="container py-5"><h1 class="h3">Not available</h1>
<p id="page-refused">{message}</p><p><a href="/">Back to the overview</a></p></main></body></html>
"""


def refusal_text(page: dict) -> str:
    return f"The {page['name']} page is for coordinators only."


def _page_at(path: str) -> dict | None:
    stripped = path.strip("/")
    for page in dash.page_registry.values():
        if page["path"].strip("/") == stripped:
            return page
    return None


def _component_ids(body) -> list:
    """The component ids a callback request names: its outputs and inputs."""
    if not isinstance(body, dict):
        return []
    ids = []
    output = body.get("output")
    if isinstance(output, str):
        parts = output[2:-2].split("...") if output.startswith("..") else [output]
        for part in parts:
            text = part.rsplit(".", 1)[0]
            try:
                ids.append(json.loads(text) if text.startswith("{") else text)
            except ValueError:
                ids.append(text)
    items = list(body.get("inputs") or []) + list(body.get("state") or [])
    while items:
        item = items.pop()
        if isinstance(item, list):
            items += item
        elif isinstance(item, dict):
            ids.append(item.get("id"))
    return ids


def _belongs_to(component_id, page: str) -> bool:
    if isinstance(component_id, dict):
        return component_id.get("page") == page
    return isinstance(component_id, str) and (
        component_id == page or component_id.startswith(f"{page}-")
    )


def forbidden_page_of(body, viewer) -> dict | None:
    """The page a callback request reaches into that the viewer may not open, if any."""
    closed = [page for page in dash.page_registry.values() if not may_open(viewer, page)]
    for component_id in _component_ids(body):
        for page in closed:
            if _belongs_to(component_id, page_name(page)):
                return page
    return None


def too_large():
    """413 for a body over MAX_BODY_BYTES, from its Content-Length, before anything reads
    it; 411 for a body sent in chunks without a length (no browser sends one to the
    dashboard, and its size would only be known by reading it)."""
    request = flask.request
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        return "A request body needs a Content-Length.", 411
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        return f"The request is too large: at most {MAX_BODY_BYTES:,} bytes.", 413
    return None


def gate():
    request = flask.request
    path = request.path
    if path in OPEN_PATHS:
        return None
    viewer = current_viewer()
    if viewer is None:
        if request.method == "GET" and not path.startswith(NOT_PAGES):
            target = request.full_path if request.query_string else path
            return flask.redirect(f"{LOGIN_PATH}?next={quote(target, safe='/')}")
        return "Sign in first.", 401
    page = _page_at(path)
    if page is not None and not may_open(viewer, page):
        message = refusal_text(page)
        return REFUSED_PAGE.format(css=BOOTSTRAP_CSS, message=message), 403
    if path == CALLBACK_PATH:
        refused = forbidden_page_of(request.get_json(silent=True), viewer)
        if refused is not None:
            return refusal_text(refused), 403
    return None


def no_caching(response: flask.Response) -> flask.Response:
    """Nothing a signed-in viewer was shown stays in a shared cache or a proxy."""
    if not response.headers.get("Cache-Control") and not flask.request.path.startswith(
        ("/_dash-component-suites", "/assets/", "/vendor/")
    ):
        response.headers["Cache-Control"] = "private, no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")  # as CSP's frame-ancestors
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def refused_layout(page: dict) -> html.Div:
    return html.Div(dbc.Alert(refusal_text(page), color="warning", id="page-refused"))


def guard_page(page: dict) -> None:
    """Wrap a registered page's layout so it refuses viewers its role does not admit."""
    original = page.get("layout")
    if getattr(original, "coalition_guard", False):
        return

    def layout(**query):
        if not may_open(current_viewer(), page):
            return refused_layout(page)
        return original(**query) if callable(original) else original

    layout.coalition_guard = True
    page["layout"] = layout


def install(app: dash.Dash, warehouse_path: Path | str) -> None:
    """Sessions, sign-in, the request gate and the page guards, on the app's server.
    Call it after the pages are registered (their layouts get wrapped)."""
    server = app.server
    chosen = settings.current()
    server.extensions[USERS] = UserStore(users_path(warehouse_path))
    server.extensions[SESSIONS] = SessionGenerations(sessions_path(warehouse_path))
    server.secret_key = session_secret(warehouse_path)
    server.config.update(
        SESSION_COOKIE_NAME="coalition_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=chosen.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        # Only sign-in and sign-out set the cookie. Refreshed on every response, a reply
        # to a request sent before "Sign out" but answered after it signs the browser back in.
        SESSION_REFRESH_EACH_REQUEST=False,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
    )
    server.config[TRUSTED_HEADER] = chosen.trusted_user_header
    register_login(server)
    # First of all: before Dash's own first-request setup and before the gate reads a body.
    server.before_request_funcs.setdefault(None, []).insert(0, too_large)
    server.before_request(gate)
    server.after_request(no_caching)
    for page in dash.page_registry.values():
        guard_page(page)
