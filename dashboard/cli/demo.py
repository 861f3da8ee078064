"""`coalition demo-data`: write a deterministic demo coalition folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.cli.common import positive_int


def cmd_demo_data(args: argparse.Namespace) -> int:
    from dashboard.demo import generate

    counts = generate(Path(args.out), scale=args.scale, seed=args.seed)
    listing = ", ".join(f"{n:,} {table}" for table, n in counts.items())
    print(
        f"Wrote the demo coalition (scale {args.scale}, seed {args.seed}) to {args.out}: {listing}"
    )
    return 0


def add_parser(commands) -> None:
    demo = commands.add_parser("demo-data", help="generate a demo coalition folder")
    demo.add_argument("--out", required=True, help="folder to write")
    demo.add_argument("--scale", type=positive_int, default=1)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(run=cmd_demo_data)
