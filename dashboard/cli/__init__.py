"""`coalition`: the command line. One module per command, each with `add_parser`; heavy
modules are imported inside each command, so `coalition --help` stays quick.

Tools that are not part of the product (the benchmark, in a source checkout) add their
commands through the `coalition.commands` entry point group.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import entry_points

from dashboard import settings
from dashboard.cli import demo, ingest, metrics, report, serve, users
from dashboard.cli.common import CommandError
from dashboard.settings import SettingsError

COMMANDS = (ingest, metrics, serve, demo, users, report)
PLUGINS = "coalition.commands"


def _add_plugins(commands) -> None:
    for entry in entry_points(group=PLUGINS):
        try:
            add_parser = entry.load()
        except ModuleNotFoundError:
            continue  # declared by a source checkout's metadata, absent from this install
        add_parser(commands)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition", description="Coalition Dashboard: ingest, metrics and the web app."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    _add_plugins(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings.load()  # a bad setting stops every command here, with its name and value
        return args.run(args)
    except CommandError as error:
        print(f"coalition {args.command}: {error}", file=sys.stderr)
        return error.code
    except SettingsError as error:
        print(f"coalition {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
