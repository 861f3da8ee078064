"""`coalition report`: the impact report as a file, HTML or PDF, for a role."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.access.roles import COORDINATOR, ROLES, Viewer
from dashboard.cli.common import CommandError, add_warehouse, iso_date
from dashboard.paths import warehouse_path

FORMATS = (".html", ".htm", ".pdf")


def write_report(args: argparse.Namespace) -> int:
    from dashboard.access.gated_warehouse import AccessRefused, gated
    from dashboard.db import Warehouse, WarehouseMissing
    from dashboard.metrics.filters import FilterError, resolve_filters
    from dashboard.report.build import report_html
    from dashboard.report.pdf import PdfUnavailable, write_pdf

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise CommandError(f"--out must end in .html or .pdf, not {out.name!r}")
    path = warehouse_path(args.warehouse)
    if not path.exists():
        raise CommandError(f"no warehouse at {path}: run `coalition ingest` first")
    viewer = Viewer(args.role, tuple(args.org) if args.org else None, name="report")
    warehouse = Warehouse(path)
    try:
        source = gated(warehouse, viewer)
        filters = resolve_filters(
            source, date_from=args.date_from, date_to=args.date_to, as_of=args.as_of
        )
        html = report_html(source, viewer, filters)
    except (FilterError, WarehouseMissing, AccessRefused) as error:
        raise CommandError(str(error)) from None
    finally:
        warehouse.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".pdf":
        try:
            write_pdf(html, out)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from None
    else:
        out.write_text(html, encoding="utf-8")
    print(f"Wrote the {args.role} report for {filters.date_from} – {filters.date_to} to {out}")
    return 0


def add_parser(commands) -> None:
    report = commands.add_parser("report", help="write the printable impact report (HTML or PDF)")
    report.add_argument("--out", required=True, metavar="FILE", help="report.html or report.pdf")
    report.add_argument("--role", choices=ROLES, default=COORDINATOR)
    report.add_argument(
        "--org", action="append", metavar="ID", help="only this member org (repeatable)"
    )
    report.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    report.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    report.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE")
    add_warehouse(report)
    report.set_defaults(run=write_report)
