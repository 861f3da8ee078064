"""What every command shares: the one-line error, argument types, the warehouse option."""

from __future__ import annotations

import argparse
import sys
from datetime import date


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 1 (or its code)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# `coalition …` run as a child process (`python -m dashboard.cli` would load the package
# twice, and its CommandError would then not be the one the caller catches).
CLI = "import sys; from dashboard.cli import main; sys.exit(main())"


def cli_command(*arguments: str) -> list[str]:
    return [sys.executable, "-c", CLI, *arguments]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def add_warehouse(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse",
        help="warehouse file (default: $COALITION_WAREHOUSE or .coalition/warehouse.duckdb)",
    )
