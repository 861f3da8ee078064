"""Figures of the Engagement page and the Overview's sparklines."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.theme import (
    BLUE,
    COUNT_AXIS,
    GREY,
    LADDER_COLOURS,
    MONTH_AXIS,
    ORANGE,
    SEQUENTIAL,
    figure,
    headroom,
    month_starts,
    most,
    say_shown,
)
from dashboard.formatting import label

# How people_by_org_count draws bridge people, for the notes of the charts that show it.
BRIDGE_BARS = (
    "Bars: active people by how many member orgs they had acts with; bridge people orange, hatched."
)
LADDER_ORDER = ("leader", "volunteer", "participant", "supporter")
RUNG_ORDER = ("none", "supporter", "participant", "volunteer", "leader")


def people_by_month(frame: pl.DataFrame) -> go.Figure:
    """engagement_by_month: active and new people per month, side by side."""
    months = month_starts(frame)
    fig = figure(xaxis=MONTH_AXIS, yaxis=COUNT_AXIS, barmode="group", bargap=0.25)
    for column, name, colour in (
        ("active_people", "Active people", BLUE),
        ("new_people", "New people", ORANGE),
    ):
        fig.add_bar(
            x=months,
            y=frame[column].to_list(),
            name=name,
            marker_color=colour,
            hovertemplate=f"{name}: %{{y:,d}}<br>%{{x|%B %Y}}<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
        )
    return fig


def people_by_org(frame: pl.DataFrame) -> go.Figure:
    """org_scorecard: active and new people per member org, largest first."""
    rows = most(frame, "active_people").sort("active_people")
    names = rows["name"].to_list()
    fig = figure(
        height=max(260, 70 * len(names) + 80),
        barmode="group",
        xaxis=COUNT_AXIS | {"range": headroom(rows["active_people"].to_list(), 1.2)},
        yaxis={"automargin": True},
    )
    for column, name, colour in (
        ("new_people", "New people", ORANGE),
        ("active_people", "Active people", BLUE),
    ):
        fig.add_bar(
            y=names,
            x=rows[column].to_list(),
            name=name,
            orientation="h",
            marker_color=colour,
            text=rows[column].to_list(),
            texttemplate="%{x:,d}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{name}: %{{x:,d}}<extra></extra>",
        )
    fig.update_layout(legend={"traceorder": "reversed"})
    return say_shown(fig, rows.height, frame.height, "the most active people")


def ladder(frame: pl.DataFrame) -> go.Figure:
    """ladder: active people at their highest level, leaders on top."""
    counts = dict(zip(frame["level"].to_list(), frame["people"].to_list(), strict=True))
    levels = [level for level in LADDER_ORDER if level in counts]
    values = [counts[level] for level in levels]
    # A level suppressed for a funder is null: then no shares, they would give it away.
    complete = all(value is not None for value in values)
    total = sum(values) if complete else 0
    shares = [value / total if total else 0 for value in values]
    share_text = " (%{customdata:.1%})" if complete else ""
    fig = figure(
        height=300,
        xaxis=COUNT_AXIS | {"range": headroom(values, 1.45)},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    fig.add_bar(
        y=[label(level) for level in levels],
        x=values,
        orientation="h",
        marker_color=[LADDER_COLOURS[level] for level in levels],
        customdata=shares,
        texttemplate="%{x:,d}" + share_text,
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,d} people" + share_text + "<extra></extra>",
    )
    return fig


def rung_movement(frame: pl.DataFrame) -> go.Figure:
    """rung_movement: people by their level in the prior period (rows) and now (columns)."""
    counts = {
        (row["from_level"], row["to_level"]): row["people"] for row in frame.iter_rows(named=True)
    }
    z = [[counts.get((before, after), 0) for after in RUNG_ORDER] for before in RUNG_ORDER]
    fig = figure(
        height=380,
        xaxis={
            "title": {"text": "Level in this period"},
            "side": "top",
            "showline": False,
            "ticks": "",
        },
        yaxis={
            "title": {"text": "Level in the prior period"},
            "autorange": "reversed",
            "showgrid": False,
            "rangemode": "normal",
        },
    )
    fig.add_heatmap(
        z=z,
        x=[label(level) for level in RUNG_ORDER],
        y=[label(level) for level in RUNG_ORDER],
        colorscale=SEQUENTIAL,
        showscale=False,
        texttemplate="%{z:,d}",
        textfont={"size": 16},
        xgap=2,
        ygap=2,
        hovertemplate="Prior: %{y}<br>Now: %{x}<br>%{z:,d} people<extra></extra>",
    )
    return fig


def people_by_org_count(frame: pl.DataFrame) -> go.Figure:
    """people_by_org_count: people by how many member orgs they were active with."""
    bridge = frame["is_bridge"].to_list()
    fig = figure(
        height=300,
        yaxis=COUNT_AXIS | {"range": headroom(frame["people"].to_list(), 1.2)},
        xaxis={"type": "category"},
        showlegend=False,
    )
    fig.add_bar(
        x=[f"{n} org" if n == 1 else f"{n} orgs" for n in frame["org_count"].to_list()],
        y=frame["people"].to_list(),
        marker_color=[ORANGE if is_bridge else GREY for is_bridge in bridge],
        marker_pattern_shape=["/" if is_bridge else "" for is_bridge in bridge],
        texttemplate="%{y:,d}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate="Active with %{x}: %{y:,d} people<extra></extra>",
    )
    return fig
