"""Third-party assets served from their installed packages, so nothing loads from a CDN
and nothing is copied into the repository: Bootstrap's CSS comes from bootstrap-flask."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import flask

BOOTSTRAP_CSS = "/vendor/bootstrap/bootstrap.min.css"
_BOOTSTRAP_FILES = {"bootstrap.min.css", "bootstrap.min.css.map"}


def bootstrap_dir() -> Path:
    spec = importlib.util.find_spec("flask_bootstrap")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("bootstrap-flask is not installed; it provides Bootstrap's CSS")
    return Path(spec.submodule_search_locations[0]) / "static" / "bootstrap5" / "css"


def install(server: flask.Flask) -> None:
    folder = bootstrap_dir()

    @server.get("/vendor/bootstrap/<name>")
    def bootstrap(name: str):
        if name not in _BOOTSTRAP_FILES:
            flask.abort(404)
        return flask.send_from_directory(folder, name, max_age=86400)
