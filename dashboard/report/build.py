"""One report for one reader: the warehouse as they may read it, their period, their view."""

from __future__ import annotations

from dashboard.access.gated_warehouse import GatedWarehouse, gated
from dashboard.access.roles import Viewer
from dashboard.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.privacy import DEFAULT_MIN_CELL, PERTURBED_NOTE
from dashboard.report.content import Reader, gather
from dashboard.report.render import render


def scope_text(viewer: Viewer, k: int) -> str:
    if viewer.suppresses:
        scope = f" of {', '.join(viewer.orgs)}" if viewer.orgs else " of the whole coalition"
        return (
            f"Funder view{scope}: totals only, no personal data; counts of fewer than {k} "
            f"people or records are shown as <{k}. {PERTURBED_NOTE}"
        )
    if viewer.orgs:
        return f"Coordinator view of {', '.join(viewer.orgs)}: only these member orgs."
    return "Coordinator view: every member org."


def min_cell(source) -> int:
    if isinstance(source, GatedWarehouse):
        return source.min_cell()
    frame = source.query("lookups/coalition")
    value = frame.item(0, "min_cell") if frame.height else None
    return int(value) if value is not None else DEFAULT_MIN_CELL


def reader_for(source, viewer: Viewer) -> Reader:
    k = min_cell(source)
    return Reader(scope_text(viewer, k), viewer.suppresses, k)


def report_html(source, viewer: Viewer, filters: Filters, *, toolbar: str = "") -> str:
    """The report from `source`, the warehouse as `viewer` reads it (already gated)."""
    return render(gather(source, filters, reader_for(source, viewer)), toolbar=toolbar)


def report_for(warehouse: Warehouse, viewer: Viewer, filters: Filters) -> str:
    return report_html(gated(warehouse, viewer), viewer, filters)
