"""The small monthly trend line inside a KPI card."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from dashboard.figures.theme import BLUE, TEMPLATE

# The Overview draws eight of these on every filter change: built from plain values with
# plotly's validation off (about 0.5 ms instead of 3.6 ms each); the values are fixed
# here, not user input, and test_figures checks the result.
_TEMPLATE = TEMPLATE.to_plotly_json()


def sparkline(months: list[date], values: list, *, rate: bool = False) -> go.Figure:
    layout = {
        "template": _TEMPLATE,
        "height": 56,
        "margin": {"l": 2, "r": 2, "t": 4, "b": 2},
        "showlegend": False,
        "xaxis": {"visible": False},
        "yaxis": {"visible": False, "rangemode": "tozero"},
        "hovermode": "x",
    }
    line = {
        "type": "scatter",
        "x": months,
        "y": values,
        "mode": "lines",
        "line": {"color": BLUE, "width": 2.5},
        "fill": "tozeroy",
        "fillcolor": "rgba(0, 114, 178, 0.12)",
        "connectgaps": False,
        "hovertemplate": "%{x|%b %Y}: " + ("%{y:.1%}" if rate else "%{y:,}") + "<extra></extra>",
    }
    return go.Figure(data=[line], layout=layout, _validate=False)
