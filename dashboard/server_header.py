"""No `Server` header naming the software that answers: gunicorn writes `Server:
gunicorn` on every response and has no setting to leave it out, so its response class is
told to drop that line. Applied by `coalition serve` and by the WSGI entry point."""

from __future__ import annotations

from gunicorn.http import wsgi as gunicorn_wsgi


def drop_server_header() -> None:
    response = gunicorn_wsgi.Response
    if getattr(response, "coalition_quiet", False):
        return
    original = response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    response.default_headers = default_headers
    response.coalition_quiet = True
