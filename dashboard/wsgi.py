"""WSGI entry point for running the dashboard under any WSGI server:

    COALITION_WAREHOUSE=/path/to/warehouse.duckdb gunicorn dashboard.wsgi:server

The warehouse comes from $COALITION_WAREHOUSE (else .coalition/warehouse.duckdb). Building
the app reads no data; the first page request does. A setting that cannot be used stops
the server at start with one line naming it.
"""

import sys

from dashboard.app import create_app
from dashboard.paths import warehouse_path
from dashboard.server_header import drop_server_header
from dashboard.settings import SettingsError

drop_server_header()  # under gunicorn: no `Server: gunicorn`

try:
    app = create_app(warehouse_path())
except SettingsError as error:
    sys.exit(f"coalition dashboard: {error}")
server = app.server
