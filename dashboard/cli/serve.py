"""`coalition serve`: ingest when the warehouse is missing or older than the data, then
serve the dashboard with gunicorn."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from dashboard.cli.common import CommandError, add_warehouse, cli_command, positive_int
from dashboard.paths import demo_data_dir, warehouse_path


def _newest_mtime(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)


def _ingest_in_child(data_dir: Path, warehouse: Path) -> None:
    """The ingest `serve` needs, in a process of its own: the ingest starts Polars' thread
    pool, which gunicorn's forked workers would inherit without its threads, and each
    would hang on its first query. Never with --new-key: a changed or lost coalition key
    stops the ingest (and the server) rather than silently re-keying everyone."""
    command = cli_command("ingest", str(data_dir), "--warehouse", str(warehouse))
    code = subprocess.run(command, check=False).returncode
    if code != 0:
        raise CommandError("the warehouse could not be built; the dashboard was not started", code)


def cmd_serve(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else demo_data_dir()
    warehouse = warehouse_path(args.warehouse)
    from dashboard.schema_version import warehouse_is_current  # no Polars before the fork

    if not warehouse_is_current(warehouse) or warehouse.stat().st_mtime < _newest_mtime(data_dir):
        _ingest_in_child(data_dir, warehouse)
    from dashboard.server import PortUnavailable, serve

    try:
        return serve(warehouse, host=args.host, port=args.port, workers=args.workers)
    except PortUnavailable as error:
        raise CommandError(str(error)) from None


def add_parser(commands) -> None:
    serve = commands.add_parser("serve", help="run the dashboard (ingests first when needed)")
    serve.add_argument("--data", help="coalition folder (default: the bundled demo)")
    add_warehouse(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--workers", type=positive_int, default=2)
    serve.set_defaults(run=cmd_serve)
