"""The small monthly trend line inside a KPI card."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from dashboard.figures.theme import BLUE, figure


def sparkline(months: list[date], values: list, *, rate: bool = False) -> go.Figure:
    fig = figure(
        height=56,
        margin={"l": 2, "r": 2, "t": 4, "b": 2},
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False, "rangemode": "tozero"},
        hovermode="x",
    )
    fig.add_scatter(
        x=months,
        y=values,
        mode="lines",
        line={"color": BLUE, "width": 2.5},
        fill="tozeroy",
        fillcolor="rgba(0, 114, 178, 0.12)",
        connectgaps=False,
        hovertemplate="%{x|%b %Y}: " + ("%{y:.1%}" if rate else "%{y:,}") + "<extra></extra>",
    )
    return fig
