"""The metrics object of `coalition metrics` as a role sees it: for a funder, counts are
published perturbed (`"perturbed": true`), and every count published below k and every
rate that follows from one is null, its path listed under `suppressed`."""

from __future__ import annotations

import copy
import re

from dashboard.access.gated_warehouse import gated
from dashboard.access.roles import COORDINATOR, Viewer, role_named
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import Filters
from dashboard.privacy import suppressed_paths


def metrics_for_role(warehouse: Warehouse, filters: Filters, role: str = COORDINATOR) -> dict:
    if not role_named(role).suppresses_small_counts:
        return metrics_json(warehouse, filters)
    full = metrics_json(warehouse, filters)
    shown = metrics_json(gated(warehouse, Viewer(role)), filters)
    return {"perturbed": True} | shown | {"suppressed": suppressed_paths(full, shown)}


def mark_suppressed(metrics: dict, k: int) -> dict:
    """A copy with each suppressed value replaced by "<k" (for the terminal table)."""
    marked = copy.deepcopy(metrics)
    for path in metrics.get("suppressed", []):
        steps = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]
        target = marked
        for step in steps[:-1]:
            target = target[step]
        target[steps[-1]] = f"<{k}"
    return marked
