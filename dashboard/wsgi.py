"""WSGI entry point for running the dashboard under any WSGI server:

    COALITION_WAREHOUSE=/path/to/warehouse.duckdb gunicorn dashboard.wsgi:server

The warehouse comes from $COALITION_WAREHOUSE (else .coalition/warehouse.duckdb). Building
the app reads no data; the first page request does.
"""

from dashboard.app import create_app
from dashboard.paths import warehouse_path
from dashboard.server_header import drop_server_header

drop_server_header()  # under gunicorn: no `Server: gunicorn`

app = create_app(warehouse_path())
server = app.server
