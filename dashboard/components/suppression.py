"""How the gate shows on screen: "<k" for a count published below k, the one line that
says counts are perturbed, and for a coordinator limited to some orgs, the coalition's
own totals beside theirs (published as for a funder, and hidden when the published total
less their own true figure could be a small count: that difference is the other orgs'
figure, give or take the noise)."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from dashboard import formatting
from dashboard.access.gated_warehouse import GatedWarehouse, coalition_totals
from dashboard.access.viewer import current_viewer
from dashboard.context import current_warehouse, unrestricted_warehouse
from dashboard.privacy import NOISE_BOUND, PERTURBED_NOTE, rules_by_names, suppressed_flags
from dashboard.privacy.rules import counts_people


def suppressed_text() -> str | None:
    """'<k' when the request's viewer sees suppressed counts, else None."""
    warehouse = current_warehouse()
    if isinstance(warehouse, GatedWarehouse) and warehouse.suppresses:
        return f"<{warehouse.min_cell()}"
    return None


def perturbed_note() -> str | None:
    """The view's one line on perturbation, when the request's viewer sees published
    (perturbed) counts: a funder, or a coordinator limited to some orgs ("Whole
    coalition: N")."""
    warehouse = current_warehouse()
    if isinstance(warehouse, GatedWarehouse) and (warehouse.suppresses or warehouse.orgs):
        return PERTURBED_NOTE
    return None


def _rest_may_be_small(total, own, k: int) -> bool:
    """Whether the other orgs' figure, the published total less the viewer's own true
    one, may be from 1 to k − 1 once the noise (up to D either way) is allowed for."""
    return total is not None and own is not None and total - own < k + NOISE_BOUND


def coalition_total_texts(summary, filters, own: dict) -> dict[str, str]:
    """{kpi key: the coalition's figure as text} for an org-limited coordinator, else {}.

    `own` holds the viewer's own values of the same KPIs (their orgs)."""
    viewer = current_viewer()
    if viewer is None or not viewer.orgs or viewer.suppresses:
        return {}
    source = coalition_totals(unrestricted_warehouse())
    k = source.min_cell()
    totals = summary.values(source, replace(filters, orgs=None))
    # Only counts of people or records are perturbed, and only their rest can be small.
    people = {kpi.key for kpi in summary.kpis if not kpi.rate and counts_people(kpi.key)}
    small_rest = any(_rest_may_be_small(totals.get(key), own.get(key), k) for key in people)
    texts = {}
    for kpi in summary.kpis:
        value = totals.get(kpi.key)
        if kpi.rate:
            texts[kpi.key] = formatting.MISSING if small_rest else formatting.rate(value)
        elif value is None:
            texts[kpi.key] = f"<{k}"
        elif kpi.key in people and _rest_may_be_small(value, own.get(kpi.key), k):
            texts[kpi.key] = formatting.MISSING
        else:
            texts[kpi.key] = formatting.count(value)
    return texts


def marked_for_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """For a download: numbers stay numbers; a `suppressed` column names the counts of
    each row that read "<k" on screen (empty cells in their own columns)."""
    warehouse = current_warehouse()
    if not (isinstance(warehouse, GatedWarehouse) and warehouse.suppresses):
        return frame
    return suppressed_flags(frame, rules_by_names(frame))
