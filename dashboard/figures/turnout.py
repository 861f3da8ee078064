"""Figures of the Turnout page."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.figures.theme import (
    BLUE,
    COUNT_AXIS,
    GREY,
    MONTH_AXIS,
    NAVY,
    ORANGE,
    RATE_AXIS,
    TEMPLATE,
    VERMILLION,
    figure,
    headroom,
    month_starts,
    most,
    say_shown,
)
from dashboard.formatting import label

FUNNEL_STAGES = {
    "rsvps": ("RSVPs", BLUE),
    "came": ("Came, with an RSVP", BLUE),
    "no_shows": ("No-shows", VERMILLION),
    "walk_ins": ("Walk-ins (no RSVP)", ORANGE),
    "attended": ("Attended in all", NAVY),
}
UPCOMING_SHOWN = 15
# Goal events, one marker each: above WEBGL_POINTS drawn with WebGL (thousands of SVG
# markers take the browser seconds to lay out); above MONTHLY_SPREAD, a cloud nobody can
# read and megabytes to send, so each month's spread is drawn instead (the CSV keeps
# every event).
WEBGL_POINTS = 1000
MONTHLY_SPREAD = 4000
LABEL_CHARACTERS = 28


def _short(text: str) -> str:
    """Long event titles squeeze the bars: cut them (the hover and the CSV keep them whole)."""
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def funnel(frame: pl.DataFrame) -> go.Figure:
    """turnout_funnel: RSVPs, who came, no-shows, walk-ins and everybody who attended."""
    stages = frame["stage"].to_list()
    share_text = [
        f" · {share:.1%} of RSVPs" if stage in ("came", "no_shows") and share is not None else ""
        for stage, share in zip(stages, frame["share_of_rsvps"].to_list(), strict=True)
    ]
    totals = frame["total"].to_list()
    fig = figure(
        height=300,
        xaxis=COUNT_AXIS | {"range": headroom(totals, 1.6)},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    fig.add_bar(
        y=[FUNNEL_STAGES[stage][0] for stage in stages],
        x=totals,
        orientation="h",
        marker_color=[FUNNEL_STAGES[stage][1] for stage in stages],
        marker_pattern_shape=["/" if stage == "walk_ins" else "" for stage in stages],
        customdata=share_text,
        texttemplate="%{x:,d}%{customdata}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,d}%{customdata}<extra></extra>",
    )
    return fig


def turnout_by_month(frame: pl.DataFrame) -> go.Figure:
    """turnout_by_month: show rate (top), and attendance split into RSVPs and walk-ins."""
    months = month_starts(frame)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.4, 0.6]
    )
    fig.update_layout(template=TEMPLATE, height=440, barmode="stack", bargap=0.25)
    fig.add_scatter(
        x=months,
        y=frame["show_rate"].to_list(),
        name="Show rate",
        mode="lines+markers",
        line={"color": BLUE, "width": 3},
        marker={"size": 7},
        row=1,
        col=1,
        hovertemplate="%{x|%B %Y}: show rate %{y:.1%}<extra></extra>",
    )
    for column, name, colour, pattern in (
        ("attended_with_rsvp", "Came with an RSVP", BLUE, ""),
        ("walk_ins", "Walk-ins", ORANGE, "/"),
    ):
        fig.add_bar(
            x=months,
            y=frame[column].to_list(),
            name=name,
            marker_color=colour,
            marker_pattern_shape=pattern,
            xperiod="M1",
            xperiodalignment="middle",
            row=2,
            col=1,
            hovertemplate=f"%{{x|%B %Y}}: {name.lower()} %{{y:,d}}<extra></extra>",
        )
    fig.update_yaxes(RATE_AXIS, title_text="Show rate", row=1, col=1)
    fig.update_yaxes(COUNT_AXIS, title_text="Attended", row=2, col=1)
    fig.update_xaxes(MONTH_AXIS)
    fig.update_xaxes(showticklabels=False, ticks="", row=1, col=1)
    return fig


def show_rate_by(frame: pl.DataFrame, category: str) -> go.Figure:
    """turnout_by_event_type / turnout_by_org: show rate per category, with RSVPs."""
    with_rsvps = frame.filter(pl.col("rsvps") > 0)
    rows = most(with_rsvps, "rsvps").sort("show_rate")
    names = [label(v) if category == "event_type" else v for v in rows[category].to_list()]
    fig = figure(
        height=max(240, 48 * len(names) + 80),
        xaxis=RATE_AXIS | {"range": [0, 1.3], "tickvals": [0, 0.25, 0.5, 0.75, 1]},
        showlegend=False,
    )
    fig.add_bar(
        y=names,
        x=rows["show_rate"].to_list(),
        orientation="h",
        marker_color=BLUE,
        customdata=rows.select("rsvps", "attended_with_rsvp", "walk_ins").rows(),
        texttemplate="%{x:.1%} of %{customdata[0]:,d}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate=(
            "%{y}<br>Show rate %{x:.1%}: %{customdata[1]:,d} of %{customdata[0]:,d} RSVPs came"
            "<br>Walk-ins: %{customdata[2]:,d}<extra></extra>"
        ),
    )
    return say_shown(fig, rows.height, with_rsvps.height, "the most RSVPs")


def show_rate_by_event_type(frame: pl.DataFrame) -> go.Figure:
    return show_rate_by(frame, "event_type")


def show_rate_by_org(frame: pl.DataFrame) -> go.Figure:
    return show_rate_by(frame, "name")


def events_vs_goal(frame: pl.DataFrame) -> go.Figure:
    """events_vs_goal: each event's attendance as a share of its goal, over time."""
    fig = figure(
        height=360,
        xaxis={"type": "date", "tickformat": "%b\n%Y"},
        yaxis={"tickformat": ".0%", "rangemode": "tozero", "title": {"text": "Attended ÷ goal"}},
    )
    fig.add_hline(y=1, line={"color": GREY, "dash": "dash", "width": 2})
    if frame.height > MONTHLY_SPREAD:
        return _monthly_spread(fig, frame)
    traces = []
    for met, name, colour, symbol in (
        (True, "Met the goal", BLUE, "circle"),
        (False, "Missed the goal", VERMILLION, "x"),
    ):
        rows = frame.filter(pl.col("goal_met") == met)
        traces.append(
            {
                "type": "scattergl" if frame.height > WEBGL_POINTS else "scatter",
                "x": rows["event_date"].dt.to_string("%Y-%m-%d").to_list(),  # quicker to JSON
                "y": (rows["attended"] / rows["turnout_goal"]).to_list(),
                "mode": "markers",
                "name": name,
                "marker": {"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1}},
                "customdata": rows.select("title", "org_name", "attended", "turnout_goal").rows(),
                "hovertemplate": (
                    "%{customdata[0]} (%{customdata[1]})<br>%{x|%d %b %Y}: "
                    "%{customdata[2]:,d} attended, goal %{customdata[3]:,d}<extra></extra>"
                ),
            }
        )
    # Up to 4,000 points: plotly's validation walked every one (a third of the time);
    # the values are built right here and test_figures checks the result.
    return go.Figure(data=traces, layout=fig.layout, _validate=False)


def _monthly_spread(fig: go.Figure, frame: pl.DataFrame) -> go.Figure:
    """Each month's goal events as one box: the middle half, the median, lowest to
    highest, with how many events met their goal in the hover."""
    ratio = pl.col("attended") / pl.col("turnout_goal")
    months = (
        frame.group_by(pl.col("event_date").dt.truncate("1mo").alias("month"))
        .agg(
            ratio.min().alias("lowest"),
            ratio.quantile(0.25, "linear").alias("q1"),
            ratio.median().alias("median"),
            ratio.quantile(0.75, "linear").alias("q3"),
            ratio.max().alias("highest"),
            pl.len().alias("events"),
            pl.col("goal_met").sum().alias("met"),
        )
        .sort("month")
    )
    fig.add_trace(
        go.Box(
            x=months["month"].to_list(),
            lowerfence=months["lowest"].to_list(),
            q1=months["q1"].to_list(),
            median=months["median"].to_list(),
            q3=months["q3"].to_list(),
            upperfence=months["highest"].to_list(),
            name="Events of the month",
            marker={"color": BLUE},
            customdata=months.select("events", "met").rows(),
            hovertemplate=(
                "%{x|%B %Y}: %{customdata[0]:,d} events, %{customdata[1]:,d} met their goal"
                "<br>median %{median:.0%}, middle half %{q1:.0%}–%{q3:.0%}<extra></extra>"
            ),
        )
    )
    fig.update_layout(
        title={
            "text": f"{frame.height:,} events: each month's spread (box: the middle half)",
            "font": {"size": 13},
        },
        margin={"t": 44},  # room for that line above the plot
    )
    return fig


def upcoming_rsvps(frame: pl.DataFrame) -> go.Figure:
    """upcoming_rsvps_by_event: RSVPs for the next upcoming events, soonest on top."""
    rows = frame.head(UPCOMING_SHOWN)
    names = [
        f"{day:%d %b} · {_short(title or event_id)}"
        for day, title, event_id in rows.select("event_date", "title", "event_id").iter_rows()
    ]
    # Rows by position, labelled: two events may share a label without sharing a bar.
    positions = list(range(len(names)))
    scale = rows["rsvps"].to_list() + rows["turnout_goal"].to_list()
    fig = figure(
        height=max(240, 34 * len(names) + 90),
        xaxis=COUNT_AXIS | {"range": headroom(scale, 1.15)},
        yaxis={
            "autorange": "reversed",
            "tickvals": positions,
            "ticktext": names,
            "showgrid": False,
            "rangemode": "normal",
        },
        showlegend=True,
    )
    fig.add_bar(
        y=positions,
        x=rows["rsvps"].to_list(),
        name="RSVPs",
        orientation="h",
        marker_color=BLUE,
        customdata=rows.select("title", "org_name").rows(),
        texttemplate="%{x:,d}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{customdata[0]} (%{customdata[1]})<br>%{x:,d} RSVPs<extra></extra>",
    )
    goals = rows["turnout_goal"].to_list()
    if any(goal is not None for goal in goals):
        fig.add_scatter(
            y=positions,
            x=goals,
            mode="markers",
            name="Turnout goal",
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": ORANGE}},
            customdata=rows["title"].to_list(),
            hovertemplate="%{customdata}<br>goal %{x:,d}<extra></extra>",
        )
    return fig
