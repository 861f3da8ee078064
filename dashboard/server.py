"""`coalition serve`: the dashboard behind gunicorn, a production WSGI server.

Each worker process builds its own app (no preloading), so no DuckDB connection is ever
shared across a fork; threads within a worker share the app, and every query gets its
own cursor (dashboard.db).
"""

from __future__ import annotations

import socket
from pathlib import Path

from gunicorn.app.base import BaseApplication

from dashboard.server_header import drop_server_header

THREADS_PER_WORKER = 4


class PortUnavailable(Exception):
    """The address cannot be listened on (in use, or not this machine's)."""


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def public_url(host: str, port: int) -> str:
    return f"http://{bind_address(host, port)}"


class DashboardServer(BaseApplication):
    """gunicorn running `create_app(warehouse).server`, configured from Python."""

    def __init__(self, warehouse: Path, options: dict):
        self.warehouse = warehouse
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        drop_server_header()
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from dashboard.app import create_app

        return create_app(self.warehouse).server


def server_options(host: str, port: int, workers: int) -> dict:
    return {
        "bind": bind_address(host, port),
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "coalition-dashboard",
    }


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortUnavailable(f"cannot listen on {host}:{port}: {error.strerror}") from None


def serve(warehouse: Path, host: str = "127.0.0.1", port: int = 8050, workers: int = 2) -> int:
    """Run the dashboard until interrupted; prints the address to open."""
    _check_port_free(host, port)
    print(f"Coalition Dashboard on {public_url(host, port)} (Ctrl+C to stop)", flush=True)
    DashboardServer(Path(warehouse), server_options(host, port, workers)).run()
    return 0
