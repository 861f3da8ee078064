"""Figures of the Campaigns page: progress against goals, the timeline with milestones,
and what each member org contributed."""

from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.theme import (
    BLUE,
    GREEN,
    GREY,
    NAVY,
    ORANGE,
    ORGS_SHOWN,
    SEQUENTIAL,
    SKY,
    VERMILLION,
    figure,
    say_shown,
    short,
)
from dashboard.formatting import count, label

# Status colours, each with its word on the chart too (never colour alone).
STATUS_COLOURS = {
    "active": BLUE,
    "planned": SKY,
    "won": GREEN,
    "partial": ORANGE,
    "lost": VERMILLION,
    "ended": GREY,
}
NAME_CHARACTERS = 34
DAY_MS = 86_400_000


def goal_unit(goal_metric: str | None) -> str:
    """What a goal counts, in words: 'actions:door_knock' → 'door knock actions'."""
    if goal_metric is None or goal_metric == "custom":
        return ""
    if goal_metric.startswith("actions:"):
        return f"{label(goal_metric.split(':', 1)[1]).lower()} actions"
    return {"attendance": "attendances"}.get(goal_metric, goal_metric)


def progress_text(progress, goal_value, goal_metric) -> str:
    """'2,281 of 3,500 attendances'."""
    if goal_metric == "custom" or progress is None:
        return "custom goal: no count to show"
    if not goal_value:
        return f"{count(progress)} {goal_unit(goal_metric)} (no goal value)"
    return f"{count(progress)} of {count(goal_value)} {goal_unit(goal_metric)}"


def _statuses(frame: pl.DataFrame) -> list[str]:
    present = set(frame["status"].to_list())
    return [s for s in STATUS_COLOURS if s in present] + sorted(present - set(STATUS_COLOURS))


def _axis_labels(
    frame: pl.DataFrame, details: list[str] | None = None, length: int = NAME_CHARACTERS
) -> dict:
    """Campaigns top to bottom in the frame's order, named with their status and, below,
    `details` (ids keep campaigns with equal names apart)."""
    ids = frame["campaign_id"].to_list()
    names = [
        f"{short(name, length)} ({status})"
        for name, status in zip(frame["name"].to_list(), frame["status"].to_list(), strict=True)
    ]
    if details is not None:
        names = [
            f"{name}<br><span style='font-size:0.85em;color:#5c636a'>{detail}</span>"
            for name, detail in zip(names, details, strict=True)
        ]
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": ids,
        "tickvals": ids,
        "ticktext": names,
        "autorange": "reversed",
    }


def progress(frame: pl.DataFrame) -> go.Figure:
    """campaigns: each listed campaign's progress as a share of its goal, by status; what
    was counted, against what, under its name."""
    details = [
        progress_text(*values)
        for values in frame.select("progress", "goal_value", "goal_metric").rows()
    ]
    pcts = [p for p in frame["progress_pct"].to_list() if p is not None]
    fig = figure(
        height=max(260, 62 * frame.height + 100),
        xaxis={"tickformat": ".0%", "range": [0, max([1.0, *pcts]) * 1.18], "rangemode": None},
        yaxis=_axis_labels(frame, details),
        barmode="overlay",
        bargap=0.35,
    )
    fig.add_vline(x=1, line={"color": GREY, "dash": "dash", "width": 2})
    for status in _statuses(frame):
        rows = frame.filter(pl.col("status") == status)
        fig.add_bar(
            y=rows["campaign_id"].to_list(),
            x=[p or 0 for p in rows["progress_pct"].to_list()],
            orientation="h",
            name=label(status),
            marker_color=STATUS_COLOURS.get(status, GREY),
            text=["–" if p is None else f"{p:.1%}" for p in rows["progress_pct"].to_list()],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                (progress_text(*values[:3]), values[3])
                for values in rows.select("progress", "goal_value", "goal_metric", "name").rows()
            ],
            hovertemplate="%{customdata[1]}<br>%{x:.1%}: %{customdata[0]}<extra></extra>",
        )
    return fig


def timeline(frame: pl.DataFrame) -> go.Figure:
    """campaign_milestones: each campaign's span (hatched while it has no end), its
    milestones (filled when achieved) and its outcome (a star)."""
    campaigns = frame.unique("campaign_id", keep="first", maintain_order=True)
    fig = figure(
        height=max(260, 56 * campaigns.height + 110),
        xaxis={"type": "date", "tickformat": "%b\n%Y", "showgrid": True, "gridcolor": "#eee"},
        yaxis=_axis_labels(campaigns, length=24),
        barmode="overlay",
    )
    for status in _statuses(campaigns):
        rows = campaigns.filter(pl.col("status") == status)
        starts, ends = rows["shown_start"].to_list(), rows["shown_end"].to_list()
        open_ended = [end is None for end in rows["end_date"].to_list()]
        fig.add_bar(
            y=rows["campaign_id"].to_list(),
            base=[start.isoformat() for start in starts],
            x=[
                ((end - start) + timedelta(days=1)).days * DAY_MS
                for start, end in zip(starts, ends, strict=True)
            ],
            orientation="h",
            name=label(status),
            showlegend=False,  # the label says the status; the colours are the progress chart's
            marker_color=STATUS_COLOURS.get(status, GREY),
            marker_opacity=0.75,
            marker_pattern_shape=["/" if o else "" for o in open_ended],
            customdata=[
                (name, lead or "", start.isoformat(), "still running" if o else end.isoformat())
                for name, lead, start, end, o in zip(
                    rows["name"].to_list(),
                    rows["lead_org_name"].to_list(),
                    starts,
                    ends,
                    open_ended,
                    strict=True,
                )
            ],
            hovertemplate=(
                "%{customdata[0]}<br>Led by %{customdata[1]}<br>%{customdata[2]} to "
                "%{customdata[3]}<extra></extra>"
            ),
        )
    milestones = frame.filter(pl.col("milestone_date").is_not_null())
    for achieved, name, fill in (
        (True, "Milestone reached", BLUE),
        (False, "Milestone ahead", "white"),
    ):
        rows = milestones.filter(pl.col("is_achieved").fill_null(False) == achieved)
        fig.add_scatter(
            x=rows["milestone_date"].to_list(),
            y=rows["campaign_id"].to_list(),
            mode="markers",
            name=name,
            marker={
                "symbol": "diamond",
                "size": 13,
                "color": fill,
                "line": {"color": NAVY, "width": 2},
            },
            customdata=rows.select("milestone_title", "name").rows(),
            hovertemplate="%{customdata[1]}<br>%{x|%d %b %Y}: %{customdata[0]}<extra></extra>",
        )
    decided = campaigns.filter(pl.col("outcome_date").is_not_null())
    fig.add_scatter(
        x=decided["outcome_date"].to_list(),
        y=decided["campaign_id"].to_list(),
        mode="markers",
        name="Outcome",
        marker={
            "symbol": "star",
            "size": 18,
            "color": [STATUS_COLOURS.get(s, GREY) for s in decided["status"].to_list()],
            "line": {"color": "black", "width": 1},
        },
        customdata=[
            (name, label(status), note or "")
            for name, status, note in decided.select("name", "status", "outcome_note").rows()
        ],
        hovertemplate=(
            "%{customdata[0]}: %{customdata[1]}<br>%{x|%d %b %Y}<br>%{customdata[2]}<extra></extra>"
        ),
    )
    return fig


def contributions(frame: pl.DataFrame) -> go.Figure:
    """campaign_contributions with campaign names: each org's part of each campaign's
    progress, shaded by its share of what the orgs contributed together."""
    campaigns = frame.unique("campaign_id", keep="first", maintain_order=True)
    orgs = frame.unique("org_id").sort("org_id")
    org_ids, campaign_ids = orgs["org_id"].to_list(), campaigns["campaign_id"].to_list()
    totals = {
        c: sum(p or 0 for p in frame.filter(pl.col("campaign_id") == c)["progress"].to_list())
        for c in campaign_ids
    }
    cells = {(r["campaign_id"], r["org_id"]): r["progress"] for r in frame.iter_rows(named=True)}
    shares = [
        [
            None if (c, o) not in cells else (cells[c, o] or 0) / totals[c] if totals[c] else 0
            for o in org_ids
        ]
        for c in campaign_ids
    ]
    kept = _largest_contributors(org_ids, shares)
    shares = [[row[i] for i in kept] for row in shares]
    every_org, org_ids = len(org_ids), [org_ids[i] for i in kept]
    orgs = orgs.with_row_index("position").filter(pl.col("position").is_in(kept))
    texts = [[count(cells[c, o]) if (c, o) in cells else "" for o in org_ids] for c in campaign_ids]
    units = dict(
        zip(campaign_ids, [goal_unit(g) for g in campaigns["goal_metric"].to_list()], strict=True)
    )
    fig = figure(
        height=max(280, 46 * len(campaign_ids) + 190),
        xaxis={"side": "top", "tickangle": -35},
        yaxis={"autorange": "reversed"},
    )
    fig.add_heatmap(
        x=[short(n, 22) for n in orgs["org_name"].to_list()],
        y=[short(n, NAME_CHARACTERS) for n in campaigns["campaign_name"].to_list()],
        z=shares,
        zmin=0,
        zmax=1,
        colorscale=SEQUENTIAL,
        xgap=2,
        ygap=2,
        text=texts,
        texttemplate="%{text}",
        customdata=[[units[c]] * len(org_ids) for c in campaign_ids],
        hovertemplate=(
            "%{y}<br>%{x}: %{text} %{customdata}<br>%{z:.0%} of the orgs' contributions"
            "<extra></extra>"
        ),
        colorbar={"title": {"text": "Share"}, "tickformat": ".0%", "thickness": 14},
    )
    return say_shown(fig, len(org_ids), every_org, "the largest shares", below=True)


def _largest_contributors(org_ids: list[str], shares: list[list]) -> list[int]:
    """Positions of the ORGS_SHOWN orgs with the largest shares summed over the campaigns
    (shares, not amounts: hours and door knocks do not add up), in their first order."""
    summed = [sum(row[i] or 0 for row in shares) for i in range(len(org_ids))]
    ranked = sorted(range(len(org_ids)), key=lambda i: (-summed[i], org_ids[i]))
    return sorted(ranked[:ORGS_SHOWN])
