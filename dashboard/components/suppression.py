"""How the gate shows on screen: "<k" for a suppressed count, and for a coordinator
limited to some orgs, the coalition's own totals beside theirs (suppressed as for a
funder, and hidden when the difference from theirs would be a small count: that
difference is the other orgs' figure)."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from dashboard import formatting
from dashboard.access.gated_warehouse import GatedWarehouse, coalition_totals
from dashboard.access.viewer import current_viewer
from dashboard.context import current_warehouse, unrestricted_warehouse
from dashboard.privacy import is_small, rules_by_names, suppressed_as_text


def suppressed_text() -> str | None:
    """'<k' when the request's viewer sees suppressed counts, else None."""
    warehouse = current_warehouse()
    if isinstance(warehouse, GatedWarehouse) and warehouse.suppresses:
        return f"<{warehouse.min_cell()}"
    return None


def coalition_total_texts(summary, filters, own: dict) -> dict[str, str]:
    """{kpi key: the coalition's figure as text} for an org-limited coordinator, else {}.

    `own` holds the viewer's own values of the same KPIs (their orgs)."""
    viewer = current_viewer()
    if viewer is None or not viewer.orgs or viewer.suppresses:
        return {}
    source = coalition_totals(unrestricted_warehouse())
    k = source.min_cell()
    totals = summary.values(source, replace(filters, orgs=None))
    counts = [kpi for kpi in summary.kpis if not kpi.rate]
    small_rest = any(
        totals.get(kpi.key) is not None
        and own.get(kpi.key) is not None
        and is_small(totals[kpi.key] - own[kpi.key], k)
        for kpi in counts
    )
    texts = {}
    for kpi in summary.kpis:
        value = totals.get(kpi.key)
        if kpi.rate:
            texts[kpi.key] = formatting.MISSING if small_rest else formatting.rate(value)
        elif value is None:
            texts[kpi.key] = f"<{k}"
        elif own.get(kpi.key) is not None and is_small(value - own[kpi.key], k):
            texts[kpi.key] = formatting.MISSING
        else:
            texts[kpi.key] = formatting.count(value)
    return texts


def marked_for_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """For a download: suppressed counts read "<k" instead of an empty cell."""
    warehouse = current_warehouse()
    if not (isinstance(warehouse, GatedWarehouse) and warehouse.suppresses):
        return frame
    return suppressed_as_text(frame, rules_by_names(frame), warehouse.min_cell())
