"""The look every figure shares: the Okabe-Ito colour-blind-safe palette, large type for
projectors, light grids, and numbers formatted as the dashboard formats them.

The only place colours are defined: the printable report (dashboard.report) draws and
styles with these too, so a series looks the same on screen and on paper."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl

# Okabe & Ito (2008), ordered so the first colours keep the most contrast on white.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#8C8C8C"
COLORWAY = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, BLACK]

# Neutrals for text, rules and backgrounds (Bootstrap's greys, as the dashboard's CSS).
INK = "#212529"
INK_MUTED = "#495057"
INK_FAINT = "#6c757d"
RULE = "#dee2e6"
GRID = "#e5e5e5"
TRACK = "#e9ecef"  # the unfilled part of a progress bar
PANEL = "#f4f6f8"
WHITE = "#ffffff"
LINK = "#7A8797"  # links between orgs in a network
LINK_FADED = "#C9CED6"

# A sequential scale that stays readable for every kind of colour vision and in greyscale.
NAVY = "#08306B"
MID_BLUE = "#2171B5"
SEQUENTIAL = [
    [0.0, "#F7FBFF"],
    [0.25, "#C6DBEF"],
    [0.5, "#6BAED6"],
    [0.75, MID_BLUE],
    [1.0, NAVY],
]
# Darker for higher rungs: the order reads without colour vision too.
LADDER_COLOURS = {
    "leader": NAVY,
    "volunteer": MID_BLUE,
    "participant": "#4292C6",
    "supporter": "#9ECAE1",
}

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        colorway=COLORWAY,
        font={"family": FONT, "size": 15, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        xaxis={
            "showgrid": False,
            "linecolor": INK_FAINT,
            "ticks": "outside",
            "automargin": True,
            "zeroline": False,
            # "hide past div" measures every tick label's box on each draw; labels stay
            # inside anyway, since the margins grow to fit them
            "ticklabeloverflow": "allow",
        },
        yaxis={
            "gridcolor": GRID,
            "zeroline": False,
            "automargin": True,
            "rangemode": "tozero",
            "ticklabeloverflow": "allow",
        },
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT, "size": 14}},
        hovermode="closest",
        separators=".,",
    )
)

COUNT_AXIS = {"tickformat": ",d", "rangemode": "tozero"}
RATE_AXIS = {"tickformat": ".0%", "range": [0, 1.05]}
MONTH_AXIS = {"type": "date", "tickformat": "%b\n%Y", "ticklabelmode": "period"}


def figure(height: int = 340, **layout) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, height=height, **layout)
    return fig


# A chart with a bar per member org stays readable, and quick to draw, at a hundred orgs:
# it shows this many and says which (the CSV and the Organizations page have every org).
ORGS_SHOWN = 30


def most(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    """The ORGS_SHOWN rows largest by `by` (every row when there are no more)."""
    if frame.height <= ORGS_SHOWN:
        return frame
    return frame.sort(by, descending=True, nulls_last=True).head(ORGS_SHOWN)


def say_shown(fig: go.Figure, shown: int, total: int, what: str, below: bool = False) -> go.Figure:
    """A line above the plot when the chart leaves orgs out (`below` it, where tick labels
    take the space above)."""
    if shown >= total:
        return fig
    text = f"The {shown} of {total} orgs with {what}; every org in the CSV"
    if below:
        fig.add_annotation(
            text=text,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-8,
            showarrow=False,
            font={"size": 13},
        )
        fig.update_layout(margin={"b": 36})
    else:
        fig.update_layout(title={"text": text, "font": {"size": 13}}, margin={"t": 44})
    return fig


def month_starts(frame: pl.DataFrame, column: str = "month") -> list[date]:
    """'2025-03' month labels as the first day of each month, for a date axis."""
    return [date(int(m[:4]), int(m[5:7]), 1) for m in frame[column].to_list()]


def headroom(values: list, factor: float = 1.35) -> list[float]:
    """An axis range with room after the longest bar for its label."""
    top = max((v for v in values if v is not None), default=0)
    return [0, top * factor if top else 1]


def short(text: str | None, length: int) -> str:
    """Long names squeeze a chart: cut them (the hover and the CSV keep them whole)."""
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"
