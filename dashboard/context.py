"""How layouts and callbacks reach the warehouse: through the Flask app serving the request.

`create_app` installs one `Warehouse` per app (its path fixed at startup); a page asks
for `current_warehouse()` while it handles a request. Nothing else is shared between
requests: the Warehouse gives every query its own cursor and reopens a rebuilt file.
"""

from __future__ import annotations

from pathlib import Path

import flask

from dashboard.access.viewer import viewer_warehouse
from dashboard.db import Warehouse

_EXTENSION = "coalition.warehouse"


def install(server: flask.Flask, warehouse_path: Path | str) -> None:
    server.config["COALITION_WAREHOUSE"] = str(warehouse_path)
    server.extensions[_EXTENSION] = Warehouse(warehouse_path)


def current_warehouse() -> Warehouse:
    """The warehouse as the request's viewer may read it: for a funder or an org-limited
    coordinator, a GatedWarehouse (orgs clamped, small counts suppressed); this is the
    one place every layout, callback and download gets its data from."""
    return viewer_warehouse(flask.current_app.extensions[_EXTENSION])


def unrestricted_warehouse() -> Warehouse:
    """The warehouse itself, ungated: for the gate's own use only (dashboard.access)."""
    return unrestricted_warehouse_of(flask.current_app)


def unrestricted_warehouse_of(server: flask.Flask) -> Warehouse:
    """The app's warehouse outside a request (the cache warm-up's)."""
    return server.extensions[_EXTENSION]
