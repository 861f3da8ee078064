"""The Content-Security-Policy every HTML page is served with: scripts and everything else
only from this server, so a script that got into a page some other way does not run.

Dash's page carries inline scripts of its own (the renderer's start, the clientside
callbacks); they are allowed by their sha256 hashes, computed when the app starts from
the page Dash renders, never `unsafe-inline` for scripts, so a script injected into a
page does not run. Two allowances, each for what the libraries need:

- `'unsafe-eval'` for scripts: Plotly's WebGL charts (scattergl: the Turnout page's
  goals chart above 1,000 events) compile their drawing code with `new Function` (regl);
  without it they show "WebGL is not supported". Eval runs only what the page's own
  scripts pass it; no inline script runs.
- `'unsafe-inline'` for styles: the report's inline CSS and SVG, and the style
  attributes Plotly, AG Grid and Dash components write.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

import dash
import flask

HEADER = "Content-Security-Policy"
EXTENSION = "coalition.content_policy"
SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")


class _InlineScripts(HTMLParser):
    """The text of each inline script the browser would run (comments are skipped, as is
    `<script type="application/json">`, which is data)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        values = dict(attrs)
        kind = (values.get("type") or "").strip().lower()
        if "src" not in values and kind in SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(page: str) -> list[str]:
    """CSP source expressions (`'sha256-…'`) for every inline script of `page`."""
    parser = _InlineScripts()
    parser.feed(page)
    parser.close()
    hashes = []
    for script in parser.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def content_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def dash_page(app: dash.Dash) -> str:
    """The page Dash serves for every path, as it renders it."""
    with app.server.test_request_context("/"):
        return app.index()


def install(app: dash.Dash) -> None:
    """Serve every HTML response with the policy; `allow_dash_scripts` completes it."""
    server = app.server
    server.extensions[EXTENSION] = content_policy([])  # no inline script until computed

    def add_policy(response: flask.Response) -> flask.Response:
        if response.mimetype == "text/html":
            response.headers[HEADER] = server.extensions[EXTENSION]
        return response

    server.after_request(add_policy)


def allow_dash_scripts(app: dash.Dash) -> None:
    """Call once Dash's setup has run (its first request): the clientside callbacks join
    the page's inline scripts only then."""
    app.server.extensions[EXTENSION] = content_policy(inline_script_hashes(dash_page(app)))
