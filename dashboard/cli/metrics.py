"""`coalition metrics`: the metrics as JSON (metrics.md) or as a summary for a terminal."""

from __future__ import annotations

import argparse
import json

from dashboard.access.roles import COORDINATOR, ROLES
from dashboard.cli.common import CommandError, add_warehouse, iso_date
from dashboard.paths import warehouse_path


def _count(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):  # "<11": suppressed for a funder
        return value
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _rate(value) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def format_table(m: dict) -> str:
    """A readable summary of the metrics object for a person at a terminal."""
    period, e, t = m["period"], m["engagement"], m["turnout"]
    filters = ", ".join(
        f"{key}={','.join(v) if isinstance(v, list) else v}" for key, v in m["filters"].items() if v
    )
    lines = [
        f"Period {period['from']} to {period['to']} (as of {period['as_of']})"
        + (f"; filters: {filters}" if filters else ""),
        "",
        "Engagement",
        f"  active people     {_count(e['active_people']):>10}",
        f"  new people        {_count(e['new_people']):>10}",
        f"  returning rate    {_rate(e['returning_rate']):>10}",
        f"  bridge people     {_count(e['bridge_people']):>10}",
        "  ladder            "
        + ", ".join(f"{level} {_count(n)}" for level, n in e["ladder"].items()),
        "",
        "Turnout",
        f"  events            {_count(t['events']):>10}",
        f"  RSVPs             {_count(t['rsvps']):>10}",
        f"  attended          {_count(t['attended']):>10}   (walk-ins {_count(t['walk_ins'])})",
        f"  no-shows          {_count(t['no_shows']):>10}",
        f"  show rate         {_rate(t['show_rate']):>10}",
        f"  upcoming RSVPs    {_count(t['upcoming_rsvps']):>10}",
        f"  turnout goals met {_count(t['goal_met']):>10} of {_count(t['goal_events'])}",
        "",
        "Volunteering and actions",
        f"  hours             {_count(m['volunteering']['hours']):>10}",
        f"  volunteers        {_count(m['volunteering']['volunteers']):>10}",
        f"  actions           {_count(m['actions']['total']):>10}   "
        + ", ".join(f"{k} {_count(v)}" for k, v in m["actions"]["by_type"].items()),
        "",
        "Campaigns",
    ]
    c = m["campaigns"]
    for item in c["items"]:
        progress = _count(item["progress"]) if item["progress"] is not None else "-"
        goal = _count(item["goal_value"]) if item["goal_value"] is not None else "-"
        lines.append(
            f"  {item['campaign_id']:<16} {item['status'] or '-':<8} "
            f"{item['goal_metric'] or '-':<20} {progress:>8} / {goal:<8} "
            f"{_rate(item['progress_pct'])}"
        )
    lines += [
        f"  won {c['won']}, lost {c['lost']}, partial {c['partial']}, active {c['active']}; "
        f"win rate {_rate(c['win_rate'])}",
        "",
        f"Network: {m['network']['orgs']} orgs, {m['network']['links']} links, "
        f"density {_rate(m['network']['density'])}",
        "",
        "Organizations",
        f"  {'org':<24} {'active':>8} {'new':>8} {'events':>7} {'attended':>9} "
        f"{'show':>7} {'hours':>9} {'actions':>8}",
    ]
    for o in m["orgs"]:
        lines.append(
            f"  {o['org_id']:<24} {_count(o['active_people']):>8} {_count(o['new_people']):>8} "
            f"{_count(o['events']):>7} {_count(o['attended']):>9} {_rate(o['show_rate']):>7} "
            f"{_count(o['hours']):>9} {_count(o['actions_total']):>8}"
        )
    return "\n".join(lines)


def print_metrics(args: argparse.Namespace) -> int:
    from dashboard.access.gated_warehouse import GatedWarehouse
    from dashboard.access.metrics_view import mark_suppressed, metrics_for_role
    from dashboard.db import Warehouse, WarehouseMissing
    from dashboard.metrics.filters import FilterError, resolve_filters

    path = warehouse_path(args.warehouse)
    if not path.exists():
        raise CommandError(f"no warehouse at {path}: run `coalition ingest` first")
    warehouse = Warehouse(path)
    try:
        filters = resolve_filters(
            warehouse,
            date_from=args.date_from,
            date_to=args.date_to,
            as_of=args.as_of,
            orgs=args.org,
            campaign=args.campaign,
            types=args.types,
        )
        result = metrics_for_role(warehouse, filters, getattr(args, "role", COORDINATOR))
        k = GatedWarehouse(warehouse).min_cell()
    except (FilterError, WarehouseMissing) as error:
        raise CommandError(str(error)) from None
    if args.format == "json":
        print(json.dumps(result, indent=2, default=str))
    else:
        print(format_table(mark_suppressed(result, k)))
    return 0


def add_parser(commands) -> None:
    metrics = commands.add_parser("metrics", help="print the coalition's metrics")
    add_warehouse(metrics)
    metrics.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    metrics.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    metrics.add_argument("--as-of", dest="as_of", type=iso_date, metavar="DATE")
    metrics.add_argument("--org", action="append", metavar="ID", help="repeatable")
    metrics.add_argument("--campaign", metavar="ID")
    metrics.add_argument(
        "--type", action="append", dest="types", metavar="TYPE", help="event type (repeatable)"
    )
    metrics.add_argument("--format", choices=("json", "table"), default="table")
    metrics.add_argument(
        "--role",
        choices=ROLES,
        default=COORDINATOR,
        help='funder: counts published perturbed ("perturbed": true); below k null, '
        "listed under `suppressed`",
    )
    metrics.set_defaults(run=print_metrics)
