"""`coalition ingest`: build the warehouse from a coalition folder, or explain how it
would be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.cli.common import CommandError, add_warehouse
from dashboard.paths import demo_data_dir, warehouse_path


def run_ingest(data_dir: Path, warehouse: Path, strict: bool = False, new_key: bool = False) -> int:
    from dashboard.ingest import IngestError, ingest
    from dashboard.ingest.report import ProgressBar, summary

    print(f"Ingesting {data_dir} into {warehouse}", file=sys.stderr)
    try:
        result = ingest(data_dir, warehouse, strict=strict, new_key=new_key, progress=ProgressBar())
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
    return run_ingest(data_dir, warehouse_path(args.warehouse), args.strict, args.new_key)


def add_parser(commands) -> None:
    ingest = commands.add_parser("ingest", help="build the warehouse from a coalition folder")
    ingest.add_argument("data_dir", nargs="?", help="coalition folder (default: the bundled demo)")
    add_warehouse(ingest)
    ingest.add_argument(
        "--strict",
        action="store_true",
        help="fail, keeping the old warehouse, when any file is refused or any row rejected",
    )
    ingest.add_argument(
        "--new-key",
        action="store_true",
        help="build even when the coalition key is not the one that built the warehouse "
        "(or its key file is missing): every person key changes",
    )
    ingest.add_argument(
        "--explain",
        action="store_true",
        help="print how each file would be read (format, table, column → field); build nothing",
    )
    ingest.set_defaults(run=cmd_ingest)
