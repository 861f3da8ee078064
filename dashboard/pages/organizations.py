"""Organizations: the per-org scorecard, one row per member org, sortable and filterable,
each row opening the other pages filtered to that org."""

from __future__ import annotations

import dash
import polars as pl

from dashboard.components.filter_input import url_search
from dashboard.components.page import (
    PageContent,
    chart_grid,
    page_layout,
    period_line,
    register_page_callbacks,
    register_period_line,
)
from dashboard.components.table_card import (
    Table,
    count_column,
    links_column,
    plain_rows,
    rate_column,
    text_column,
)
from dashboard.db import Warehouse
from dashboard.glossary import description, name
from dashboard.metrics.filters import Filters

PAGE = "organizations"
ENTRY = {
    "path": "/organizations",
    "name": "Organizations",
    "title": "Organizations · Coalition Dashboard",
    "order": 6,
}
# The pages a scorecard row opens for its org, by module name.
DRILL_DOWN = ("overview", "engagement", "retention", "turnout", "campaigns")


def metric_column(column, field: str, key: str) -> dict:
    """A scorecard column with the metric's name, and its description on hover."""
    return column(field, name(key), headerTooltip=description(key))


def scorecard(warehouse: Warehouse, filters: Filters) -> pl.DataFrame:
    return warehouse.query("metrics/org_scorecard", **filters.params())


def page_path(module: str) -> str:
    return dash.page_registry[f"dashboard.pages.{module}"]["relative_path"]


def scorecard_rows(frame: pl.DataFrame, filters: Filters, meeting: bool) -> list[dict]:
    """The scorecard with, per org, links to the pages above for that org alone and the
    rest of the filters (and the mode) on screen."""
    rows = plain_rows(frame, filters, meeting)
    for row in rows:
        search = url_search(filters.with_orgs((row["org_id"],)), meeting=meeting)
        row["open"] = " · ".join(
            f"[{dash.page_registry[f'dashboard.pages.{m}']['name']}]({page_path(m)}{search})"
            for m in DRILL_DOWN
        )
    return rows


TABLES = (
    Table(
        "organizations-scorecard",
        "Scorecard by member org",
        "Each org alone: every number as the other pages define it (hover a column's name), "
        "counted with the org filter set to that org.",
        scorecard,
        (
            text_column("name", "Member org", minWidth=220, pinned="left"),
            metric_column(count_column, "active_people", "active_people"),
            metric_column(count_column, "new_people", "new_people"),
            metric_column(count_column, "events", "events"),
            metric_column(count_column, "attended", "attended"),
            metric_column(rate_column, "show_rate", "show_rate"),
            metric_column(count_column, "hours", "hours"),
            metric_column(count_column, "actions_total", "actions"),
            links_column("open", "Open for this org", minWidth=330),
        ),
        "No member org matches these filters.",
        rows=scorecard_rows,
    ),
)


def layout(**query_args):
    return page_layout(
        PAGE,
        "Organizations",
        "Each member org on its own: sort, filter, and open any page for one org.",
        query_args,
        [period_line(PAGE), chart_grid(TABLES)],
    )


def register(app) -> PageContent:
    dash.register_page(__name__, layout=layout, **ENTRY)
    register_period_line(app, PAGE)
    return register_page_callbacks(app, PAGE, None, TABLES)
