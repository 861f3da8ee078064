"""`coalition`: the command line. Heavy modules are imported inside each command."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path

from dashboard.paths import demo_data_dir, warehouse_path


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 1 (or its code)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# `coalition …` run as a child process (`python -m dashboard.cli` would load the module twice,
# and its CommandError would then not be the one the caller catches).
CLI = "import sys; from dashboard.cli import main; sys.exit(main())"


def cli_command(*arguments: str) -> list[str]:
    return [sys.executable, "-c", CLI, *arguments]


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _add_warehouse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        help="warehouse file (default: $COALITION_WAREHOUSE or .coalition/warehouse.duckdb)",
    )


# --- ingest -------------------------------------------------------------------------


def run_ingest(data_dir: Path, warehouse: Path, strict: bool = False) -> int:
    from dashboard.ingest import IngestError, ingest
    from dashboard.ingest.report import ProgressBar, summary

    print(f"Ingesting {data_dir} into {warehouse}", file=sys.stderr)
    try:
        result = ingest(data_dir, warehouse, strict=strict, progress=ProgressBar())
    except IngestError as error:
        if error.result is not None:
            print(summary(error.result.files, error.result.warnings))
        raise CommandError(str(error)) from None
    print(summary(result.files, result.warnings))
    return 0


def explain_ingest(data_dir: Path) -> int:
    from dashboard.ingest.explain import explain

    if not data_dir.is_dir():
        raise CommandError(f"{data_dir}: no such data folder")
    print(explain(data_dir), end="")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else demo_data_dir()
    if args.explain:
        return explain_ingest(data_dir)
    return run_ingest(data_dir, warehouse_path(args.warehouse), args.strict)


# --- metrics ------------------------------------------------------------------------


def cmd_metrics(args: argparse.Namespace) -> int:
    from dashboard.metrics.cli import print_metrics

    return print_metrics(args)


# --- serve --------------------------------------------------------------------------


def _newest_mtime(folder: Path) -> float:
    return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)


def _ingest_in_child(data_dir: Path, warehouse: Path) -> None:
    """The ingest `serve` needs, in a process of its own: the ingest starts Polars' thread
    pool, which gunicorn's forked workers would inherit without its threads, and each
    would hang on its first query."""
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
    from dashboard.server import serve

    return serve(warehouse, host=args.host, port=args.port, workers=args.workers)


# --- demo-data ----------------------------------------------------------------------


def cmd_demo_data(args: argparse.Namespace) -> int:
    from dashboard.demo import generate

    counts = generate(Path(args.out), scale=args.scale, seed=args.seed)
    listing = ", ".join(f"{n:,} {table}" for table, n in counts.items())
    print(
        f"Wrote the demo coalition (scale {args.scale}, seed {args.seed}) to {args.out}: {listing}"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition", description="Coalition Dashboard: ingest, metrics and the web app."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="build the warehouse from a coalition folder")
    ingest.add_argument("data_dir", nargs="?", help="coalition folder (default: the bundled demo)")
    _add_warehouse(ingest)
    ingest.add_argument(
        "--strict",
        action="store_true",
        help="fail, keeping the old warehouse, when any file is refused or any row rejected",
    )
    ingest.add_argument(
        "--explain",
        action="store_true",
        help="print how each file would be read (format, table, column → field); build nothing",
    )
    ingest.set_defaults(run=cmd_ingest)

    metrics = commands.add_parser("metrics", help="print the coalition's metrics")
    _add_warehouse(metrics)
    metrics.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE")
    metrics.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE")
    metrics.add_argument("--as-of", dest="as_of", type=_iso_date, metavar="DATE")
    metrics.add_argument("--org", action="append", metavar="ID", help="repeatable")
    metrics.add_argument("--campaign", metavar="ID")
    metrics.add_argument(
        "--type", action="append", dest="types", metavar="TYPE", help="event type (repeatable)"
    )
    metrics.add_argument("--format", choices=("json", "table"), default="table")
    metrics.add_argument(
        "--role",
        choices=("coordinator", "funder"),
        default="coordinator",
        help="funder: small counts suppressed (null, listed under `suppressed`)",
    )
    metrics.set_defaults(run=cmd_metrics)

    serve = commands.add_parser("serve", help="run the dashboard (ingests first when needed)")
    serve.add_argument("--data", help="coalition folder (default: the bundled demo)")
    _add_warehouse(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--workers", type=_positive_int, default=2)
    serve.set_defaults(run=cmd_serve)

    demo = commands.add_parser("demo-data", help="generate a demo coalition folder")
    demo.add_argument("--out", required=True, help="folder to write")
    demo.add_argument("--scale", type=_positive_int, default=1)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(run=cmd_demo_data)

    from dashboard.bench.command import add_parser as add_bench_parser

    add_bench_parser(commands)

    from dashboard.access.cli import add_parser as add_users_parser
    from dashboard.report.cli import add_parser as add_report_parser

    add_users_parser(commands, _add_warehouse)
    add_report_parser(commands, _add_warehouse, _iso_date)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CommandError as error:
        print(f"coalition {args.command}: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
