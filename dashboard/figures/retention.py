"""Figures of the Retention page."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.theme import (
    BLUE,
    COUNT_AXIS,
    MONTH_AXIS,
    ORANGE,
    RATE_AXIS,
    SEQUENTIAL,
    VERMILLION,
    figure,
    headroom,
    month_starts,
)


def cohort_heatmap(frame: pl.DataFrame) -> go.Figure:
    """retention_cohorts: share of each cohort (row) active k months after its first act."""
    cohorts = frame.select("cohort", "size").unique(maintain_order=True)
    offsets = sorted(set(frame["k"].to_list()))
    cells = {(row["cohort"], row["k"]): row for row in frame.iter_rows(named=True)}
    z, text, custom = [], [], []
    for cohort, size in cohorts.iter_rows():
        row_z, row_text, row_custom = [], [], []
        for k in offsets:
            cell = cells.get((cohort, k))
            if cell is None:  # months after `to`: not observed yet
                row_z.append(None)
                row_text.append("")
                row_custom.append([0, size])
                continue
            if cell["retained"] is None or not size:  # suppressed for a funder
                row_z.append(None)
                row_text.append("–")
                row_custom.append([cell["retained"], size])
                continue
            share = cell["retained"] / size
            row_z.append(share)
            row_text.append(f"{share:.0%}")
            row_custom.append([cell["retained"], size])
        z.append(row_z)
        text.append(row_text)
        custom.append(row_custom)
    labels = [
        f"{cohort} ({'–' if size is None else f'{size:,}'})" for cohort, size in cohorts.iter_rows()
    ]
    fig = figure(
        height=max(300, 30 * len(labels) + 110),
        xaxis={
            "title": {"text": "Months since first act"},
            "side": "top",
            "dtick": 1,
            "showline": False,
            "ticks": "",
        },
        yaxis={
            "title": {"text": "Cohort (people)"},
            "autorange": "reversed",
            "showgrid": False,
            "type": "category",
            "rangemode": "normal",
        },
    )
    fig.add_heatmap(
        z=z,
        x=offsets,
        y=labels,
        text=text,
        texttemplate="%{text}",
        textfont={"size": 12},
        customdata=custom,
        colorscale=SEQUENTIAL,
        zmin=0,
        zmax=1,
        xgap=1,
        ygap=1,
        colorbar={"tickformat": ".0%", "thickness": 12, "title": {"text": "Retained"}},
        hovertemplate=(
            "Cohort %{y}<br>Month %{x}: %{customdata[0]:,d} of %{customdata[1]:,d}"
            " (%{z:.1%})<extra></extra>"
        ),
    )
    return fig


def returning_rate_by_month(frame: pl.DataFrame) -> go.Figure:
    """returning_by_month: people active in a month and the month before, over the latter."""
    fig = figure(xaxis=MONTH_AXIS, yaxis=RATE_AXIS, showlegend=False)
    fig.add_scatter(
        x=month_starts(frame),
        y=frame["returning_rate"].to_list(),
        customdata=frame.select("returning_people", "previous_active_people").rows(),
        mode="lines+markers",
        line={"color": BLUE, "width": 3},
        marker={"size": 8},
        connectgaps=False,
        hovertemplate=(
            "%{x|%B %Y}: %{y:.1%}<br>%{customdata[0]:,d} of %{customdata[1]:,d} people"
            " active the month before<extra></extra>"
        ),
    )
    return fig


def lapsed_reactivated(frame: pl.DataFrame) -> go.Figure:
    """lapsed_reactivated: one row with the two counts, as two labelled bars."""
    row = frame.row(0, named=True)
    values = [row["lapsed"], row["reactivated"]]
    fig = figure(
        height=240,
        xaxis=COUNT_AXIS | {"range": headroom(values, 1.25)},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    fig.add_bar(
        y=["Lapsed", "Reactivated"],
        x=values,
        orientation="h",
        marker_color=[VERMILLION, ORANGE],
        marker_pattern_shape=["", "/"],
        texttemplate="%{x:,d}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,d} people<extra></extra>",
    )
    return fig
