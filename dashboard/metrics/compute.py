"""Every number of metrics.md, read from the queries in queries/metrics/.

Each function runs one or two named queries and shapes the result; the arithmetic lives
in SQL. `metrics_json` assembles the object `coalition metrics --format json` prints.
"""

from __future__ import annotations

from dashboard.db import Warehouse
from dashboard.metrics.filters import Filters

LADDER_LEVELS = ("leader", "volunteer", "participant", "supporter")


def _one_row(warehouse: Warehouse, name: str, filters: Filters) -> dict:
    return warehouse.query(name, **filters.params()).row(0, named=True)


def _number(value):
    """Whole floats as ints (JSON counts read better as 12 than 12.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def engagement(warehouse: Warehouse, filters: Filters) -> dict:
    row = _one_row(warehouse, "metrics/engagement", filters)
    ladder = warehouse.query("metrics/ladder", **filters.params())
    return {
        "active_people": row["active_people"],
        "new_people": row["new_people"],
        "returning_rate": row["returning_rate"],
        "bridge_people": row["bridge_people"],
        "ladder": dict(zip(ladder["level"], ladder["people"], strict=True)),
    }


def turnout(warehouse: Warehouse, filters: Filters) -> dict:
    return _one_row(warehouse, "metrics/turnout", filters)


def volunteering(warehouse: Warehouse, filters: Filters) -> dict:
    row = _one_row(warehouse, "metrics/volunteering", filters)
    return {"hours": _number(row["hours"]), "volunteers": row["volunteers"]}


def actions(warehouse: Warehouse, filters: Filters) -> dict:
    by_type = warehouse.query("metrics/actions_by_type", **filters.params())
    quantities = {row["action_type"]: _number(row["quantity"]) for row in by_type.to_dicts()}
    return {"total": _number(sum(by_type["quantity"].to_list())), "by_type": quantities}


def retention(warehouse: Warehouse, filters: Filters) -> dict:
    cells = warehouse.query("metrics/retention_cohorts", **filters.params())
    cohorts = []
    for (cohort, size), group in cells.group_by(["cohort", "size"], maintain_order=True):
        cohorts.append(
            {"cohort": cohort, "size": size, "retained": group.sort("k")["retained"].to_list()}
        )
    return {"cohorts": cohorts}


def campaigns(warehouse: Warehouse, filters: Filters) -> dict:
    listed = warehouse.query("metrics/campaigns", **filters.params())
    outcomes = _one_row(warehouse, "metrics/campaign_outcomes", filters)
    items = [
        {
            "campaign_id": row["campaign_id"],
            "name": row["name"],
            "status": row["status"],
            "goal_metric": row["goal_metric"],
            "goal_value": _number(row["goal_value"]),
            "progress": _number(row["progress"]),
            "progress_pct": row["progress_pct"],
        }
        for row in listed.iter_rows(named=True)
    ]
    return {"items": items, **outcomes}


def network(warehouse: Warehouse, filters: Filters) -> dict:
    pairs = warehouse.query("metrics/network_pairs", **filters.params())
    orgs = warehouse.query("metrics/network_orgs", **filters.params()).height
    links = int(pairs["is_link"].sum())
    possible = orgs * (orgs - 1) / 2
    return {
        "orgs": orgs,
        "links": links,
        "density": links / possible if orgs >= 2 else None,
        "pairs": pairs.drop("is_link").to_dicts(),
    }


def org_scorecard(warehouse: Warehouse, filters: Filters) -> list[dict]:
    rows = warehouse.query("metrics/org_scorecard", **filters.params()).to_dicts()
    for row in rows:
        row["hours"] = _number(row["hours"])
        row["actions_total"] = _number(row["actions_total"])
    return rows


def metrics_json(warehouse: Warehouse, filters: Filters) -> dict:
    """The object of metrics.md, "coalition metrics --format json", key for key."""
    return {
        "period": {
            "from": filters.date_from.isoformat(),
            "to": filters.date_to.isoformat(),
            "as_of": filters.as_of.isoformat(),
        },
        "filters": filters.as_json(),
        "engagement": engagement(warehouse, filters),
        "turnout": turnout(warehouse, filters),
        "volunteering": volunteering(warehouse, filters),
        "actions": actions(warehouse, filters),
        "retention": retention(warehouse, filters),
        "campaigns": campaigns(warehouse, filters),
        "network": network(warehouse, filters),
        "orgs": org_scorecard(warehouse, filters),
    }


# --- dashboard helpers ----------------------------------------------------------------


def change_vs_prior(current, prior, *, rate: bool = False) -> dict:
    """Change against the prior period (metrics.md, dashboard KPI cards).

    Counts: `difference` and `relative` (the percent change as a fraction; null when the
    prior value is 0). Rates: `difference` in percentage points, `relative` null.
    Both null when either value is.
    """
    if current is None or prior is None:
        return {"difference": None, "relative": None}
    if rate:
        return {"difference": (current - prior) * 100, "relative": None}
    difference = _number(current - prior)
    return {"difference": difference, "relative": difference / prior if prior else None}


def headline_numbers(warehouse: Warehouse, filters: Filters) -> dict:
    """The Overview's KPIs, each as the metrics above define it."""
    people = _one_row(warehouse, "metrics/engagement", filters)
    turnout_row = turnout(warehouse, filters)
    outcomes = _one_row(warehouse, "metrics/campaign_outcomes", filters)
    return {
        "active_people": people["active_people"],
        "new_people": people["new_people"],
        "returning_rate": people["returning_rate"],
        "attended": turnout_row["attended"],
        "show_rate": turnout_row["show_rate"],
        "hours": volunteering(warehouse, filters)["hours"],
        "actions": actions(warehouse, filters)["total"],
        "campaigns_won": outcomes["won"],
    }
