"""Figures of the Data page: how fresh each member org's data is."""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.theme import (
    BLUE,
    GREY,
    ORGS_SHOWN,
    VERMILLION,
    figure,
    say_shown,
    short,
)


def freshness(frame: pl.DataFrame) -> go.Figure:
    """freshness with staleness: each org's latest act (circle; a cross when stale) and
    latest event (open diamond), the newest act of any org as a line."""
    # the stalest first: no act at all, then the oldest latest act
    stalest = frame.sort("latest_act_date", nulls_last=False).head(ORGS_SHOWN)
    rows = stalest.sort(["is_stale", "org_id"], descending=[True, False])
    names = [
        f"{short(name, 30)}{' · STALE' if stale else ''}"
        for name, stale in zip(rows["name"].to_list(), rows["is_stale"].to_list(), strict=True)
    ]
    fig = figure(
        height=max(260, 38 * rows.height + 110),
        xaxis={"type": "date", "tickformat": "%d %b\n%Y", "showgrid": True, "gridcolor": "#eee"},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": names,
            "autorange": "reversed",
        },
    )
    newest = rows["newest_act_date"].drop_nulls()
    if newest.len():
        fig.add_vline(x=newest[0], line={"color": GREY, "dash": "dash", "width": 2})
        stale_before = rows["stale_before"][0]
        oldest = min([stale_before, *rows["latest_act_date"].drop_nulls().to_list()])
        fig.add_vrect(
            x0=oldest - timedelta(days=30),
            x1=stale_before,
            fillcolor=VERMILLION,
            opacity=0.08,
            line_width=0,
            annotation_text="stale",
            annotation_position="top left",
            annotation_font_color=VERMILLION,
        )
    fig.add_scatter(
        x=rows["latest_event_date"].to_list(),
        y=names,
        mode="markers",
        name="Latest event (may be upcoming)",
        marker={"symbol": "diamond-open", "size": 12, "color": GREY, "line": {"width": 2}},
        hovertemplate="%{y}<br>Latest event: %{x|%d %b %Y}<extra></extra>",
    )
    for stale, name, colour, symbol in (
        (False, "Latest act", BLUE, "circle"),
        (True, "Latest act, stale", VERMILLION, "x"),
    ):
        part = rows.with_columns(label=pl.Series(names)).filter(pl.col("is_stale") == stale)
        fig.add_scatter(
            x=part["latest_act_date"].to_list(),
            y=part["label"].to_list(),
            mode="markers",
            name=name,
            marker={"symbol": symbol, "size": 13, "color": colour, "line": {"width": 1}},
            customdata=part["days_behind"].to_list(),
            hovertemplate=(
                "%{y}<br>Latest act: %{x|%d %b %Y}, %{customdata:,d} days before the "
                "newest<extra></extra>"
            ),
        )
    return say_shown(fig, rows.height, frame.height, "the oldest latest act")
