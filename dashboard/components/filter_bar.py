"""The filter bar every page carries: period (presets and a custom range), member orgs,
campaign and event types.

Component ids are `{"page": <page>, "filter": <name>}`: each page's callbacks listen to
their own bar, and the shell's URL sync listens to whichever bar is on screen (ALL).
Presets are anchored to the default period end (the latest act on or before today) and
always become explicit dates, which is what the URL records.
"""

from __future__ import annotations

from datetime import date, timedelta

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.components.filter_input import EARLIEST, LATEST, Choices, parse_date
from dashboard.context import current_warehouse
from dashboard.db import Warehouse, WarehouseMissing
from dashboard.formatting import label
from dashboard.ingest.vocabulary import EVENT_TYPES
from dashboard.metrics.filters import FilterError, Filters, default_period_end

PRESETS = {
    "30d": "Last 30 days",
    "90d": "Last 90 days",
    "12m": "Last 12 months",
    "ytd": "Year to date",
    "all": "All time",
    "custom": "Custom range",
}
# The filter values every page callback reads, in this order.
FILTER_PROPS = (
    ("dates", "start_date"),
    ("dates", "end_date"),
    ("orgs", "value"),
    ("campaign", "value"),
    ("types", "value"),
)


def filter_id(page: str, name: str) -> dict:
    return {"page": page, "filter": name}


def filter_inputs(page: str) -> list[Input]:
    return [Input(filter_id(page, name), prop) for name, prop in FILTER_PROPS]


def filter_states(page: str) -> list[State]:
    return [State(filter_id(page, name), prop) for name, prop in FILTER_PROPS]


# --- presets --------------------------------------------------------------------------


def period_anchor(warehouse: Warehouse, as_of: date) -> tuple[date, date | None]:
    """(default period end, first date with any data) for anchoring the presets."""
    first = warehouse.query("dashboard/data_span").item(0, "first_date")
    return default_period_end(warehouse, as_of), first


def preset_ranges(anchor: date, first: date | None) -> dict[str, tuple[date, date]]:
    return {
        "30d": (anchor - timedelta(days=29), anchor),
        "90d": (anchor - timedelta(days=89), anchor),
        "12m": (anchor - timedelta(days=364), anchor),
        "ytd": (date(anchor.year, 1, 1), anchor),
        "all": (min(first, anchor) if first else anchor, anchor),
    }


def matching_preset(ranges: dict[str, tuple[date, date]], date_from, date_to) -> str:
    for key, period in ranges.items():
        if period == (date_from, date_to):
            return key
    return "custom"


# --- layout ---------------------------------------------------------------------------


def _field(text: str, control, width: dict) -> dbc.Col:
    return dbc.Col(
        [html.Div(text, className="filter-label"), control], className="filter-field", **width
    )


def filter_bar(
    page: str, filters: Filters, choices: Choices, preset: str, *, orgs_only: bool = False
) -> dbc.Card:
    """The bar for `filters`. With `orgs_only` the other controls are shown greyed out:
    they keep their values (the link and the navbar carry them) but mean nothing here."""

    def fid(name: str) -> dict:
        return filter_id(page, name)

    controls = dbc.Row(
        [
            _field(
                "Period",
                dbc.Select(
                    id=fid("preset"),
                    options=[{"label": text, "value": key} for key, text in PRESETS.items()],
                    value=preset,
                    disabled=orgs_only,
                ),
                {"xs": 12, "sm": 6, "lg": 2},
            ),
            _field(
                "From – to",
                dcc.DatePickerRange(
                    id=fid("dates"),
                    start_date=filters.date_from.isoformat(),
                    end_date=filters.date_to.isoformat(),
                    min_date_allowed=EARLIEST.isoformat(),
                    max_date_allowed=LATEST.isoformat(),
                    display_format="YYYY-MM-DD",
                    first_day_of_week=1,
                    minimum_nights=0,
                    updatemode="bothdates",
                    start_date_id=f"{page}-filter-from",
                    end_date_id=f"{page}-filter-to",
                    disabled=orgs_only,
                ),
                {"xs": 12, "sm": 6, "lg": 3},
            ),
            _field(
                "Member orgs",
                dcc.Dropdown(
                    id=fid("orgs"),
                    options=[{"label": name, "value": org} for org, name in choices.orgs],
                    value=list(filters.orgs or []),
                    multi=True,
                    placeholder=choices.every_org,
                ),
                {"xs": 12, "md": 6, "lg": 3},
            ),
            _field(
                "Campaign",
                dcc.Dropdown(
                    id=fid("campaign"),
                    options=[{"label": name, "value": key} for key, name in choices.campaigns],
                    value=filters.campaign,
                    placeholder="Any campaign",
                    clearable=True,
                    disabled=orgs_only,
                ),
                {"xs": 12, "sm": 6, "lg": 2},
            ),
            _field(
                "Event types",
                dcc.Dropdown(
                    id=fid("types"),
                    options=[{"label": label(t), "value": t} for t in EVENT_TYPES],
                    value=list(filters.types or []),
                    multi=True,
                    placeholder="All event types",
                    disabled=orgs_only,
                ),
                {"xs": 12, "sm": 6, "lg": 2},
            ),
        ],
        className="g-2",
    )
    return dbc.Card(dbc.CardBody(controls), className="filter-bar mb-3", id=f"{page}-filters")


# --- callbacks ------------------------------------------------------------------------


def register_filter_callbacks(app, page: str) -> None:
    """Keep the preset and the dates in step: a preset writes its dates; dates that match
    no preset make it "Custom range". Only the dates feed the charts, so a preset change
    runs each chart's query once."""

    @app.callback(
        Output(filter_id(page, "preset"), "value"),
        Output(filter_id(page, "dates"), "start_date"),
        Output(filter_id(page, "dates"), "end_date"),
        Input(filter_id(page, "preset"), "value"),
        Input(filter_id(page, "dates"), "start_date"),
        Input(filter_id(page, "dates"), "end_date"),
        prevent_initial_call=True,
    )
    def sync_period(preset, start, end):
        unchanged = (no_update, no_update, no_update)
        try:
            ranges = preset_ranges(*period_anchor(current_warehouse(), date.today()))
            if ctx.triggered_id == filter_id(page, "preset"):
                if not isinstance(preset, str) or preset not in ranges:
                    return unchanged  # "custom" keeps the dates as they are
                date_from, date_to = ranges[preset]
                return no_update, date_from.isoformat(), date_to.isoformat()
            date_from, date_to = parse_date(start, "start"), parse_date(end, "end")
            return matching_preset(ranges, date_from, date_to), no_update, no_update
        except (FilterError, WarehouseMissing):
            return unchanged
