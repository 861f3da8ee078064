"""The Network page's graph: member orgs sized by active people, links as wide as the
people they share, co-hosting marked; positions from dashboard.figures.graph_layout."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.graph_layout import spring_layout
from dashboard.figures.theme import BLUE, LINK, LINK_FADED, ORANGE, VERMILLION, figure, short

# Link widths by shared people, in steps (a Plotly line has one width per trace).
WIDTHS = (1.5, 3.0, 5.0, 8.0)
LABELS_ALWAYS = 30  # beyond this many orgs only the largest (and the highlighted) are named
LABELS_SHOWN = 15


def strongest_links(pairs: pl.DataFrame, limit: int | None) -> pl.DataFrame:
    """The links (shared people or co-hosted events), strongest first: most shared people,
    then most co-hosted events, then by org ids, so ties always fall the same way."""
    links = pairs.filter(pl.col("is_link")).sort(
        ["shared_people", "co_hosted_events", "org_a", "org_b"],
        descending=[True, True, False, False],
    )
    return links if limit is None else links.head(limit)


def _width(shared: int, heaviest: int) -> float:
    if heaviest <= 0 or shared <= 0:
        return WIDTHS[0]
    step = min(int(len(WIDTHS) * shared / (heaviest + 1)), len(WIDTHS) - 1)
    return WIDTHS[step]


def _node_size(active: int, largest: int) -> float:
    return 14 + 36 * math.sqrt(active / largest) if largest else 14


def network_graph(
    orgs: pl.DataFrame, pairs: pl.DataFrame, *, limit: int | None = None, highlight=None
) -> go.Figure:
    """network_orgs (nodes sized by active people) and network_pairs (links as wide as
    their shared people; co-hosting as orange diamonds, dashed when it is the only tie).
    Positions come from every link, so showing fewer links or highlighting an org never
    moves anybody."""
    ids = orgs["org_id"].to_list()
    names = dict(zip(ids, orgs["name"].to_list(), strict=True))
    active = dict(zip(ids, orgs["active_people"].to_list(), strict=True))
    every_link = strongest_links(pairs, None).filter(
        pl.col("org_a").is_in(ids) & pl.col("org_b").is_in(ids)
    )
    position = spring_layout(
        ids,
        [
            (row["org_a"], row["org_b"], row["shared_people"] + row["co_hosted_events"])
            for row in every_link.iter_rows(named=True)
        ],
    )
    shown = every_link.head(limit) if limit is not None else every_link
    heaviest = max(shown["shared_people"].to_list(), default=0)
    fig = figure(
        height=600,
        showlegend=True,
        # No fixed aspect: the positions are abstract, so the graph may use the card's width.
        xaxis={"visible": False, "range": [-1.3, 1.3]},
        yaxis={"visible": False, "range": [-1.15, 1.2], "rangemode": None},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        # room for the legend's two rows under a card-wide graph from the start: plotly
        # would otherwise draw, find the legend pushing, and draw everything again
        margin={"b": 76},
    )
    faded = highlight is not None

    # Links, one trace per (width, style, emphasis).
    groups: dict[tuple[float, bool, bool], list] = {}
    for row in shown.iter_rows(named=True):
        a, b = row["org_a"], row["org_b"]
        touches = highlight in (a, b)
        key = (_width(row["shared_people"], heaviest), row["shared_people"] == 0, touches)
        (xa, ya), (xb, yb) = position[a], position[b]
        groups.setdefault(key, []).append((xa, ya, xb, yb))
    for (width, dashed, touches), segments in sorted(groups.items()):
        xs, ys = [], []
        for xa, ya, xb, yb in segments:
            xs += [xa, xb, None]
            ys += [ya, yb, None]
        colour = VERMILLION if touches else (LINK_FADED if faded else LINK)
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"width": width, "color": colour, "dash": "dash" if dashed else "solid"},
            hoverinfo="skip",
            showlegend=False,
        )

    # Hover targets at each link's middle; co-hosting as a diamond there.
    middles = [
        (
            (position[r["org_a"]][0] + position[r["org_b"]][0]) / 2,
            (position[r["org_a"]][1] + position[r["org_b"]][1]) / 2,
            r,
        )
        for r in shown.iter_rows(named=True)
    ]
    fig.add_scatter(
        x=[m[0] for m in middles],
        y=[m[1] for m in middles],
        mode="markers",
        marker={"size": 14, "color": "rgba(0,0,0,0)"},
        customdata=[
            (
                names[r["org_a"]],
                names[r["org_b"]],
                r["shared_people"],
                r["co_hosted_events"],
                r["a_to_b"],
                r["b_to_a"],
            )
            for _, _, r in middles
        ],
        hovertemplate=(
            "%{customdata[0]} – %{customdata[1]}<br>Shared people: %{customdata[2]:,d}"
            "<br>Co-hosted events: %{customdata[3]:,d}<br>Crossing to attend: "
            "%{customdata[4]:,d} one way, %{customdata[5]:,d} the other<extra></extra>"
        ),
        showlegend=False,
    )
    co_hosted = [m for m in middles if m[2]["co_hosted_events"] > 0]
    fig.add_scatter(
        x=[m[0] for m in co_hosted],
        y=[m[1] for m in co_hosted],
        mode="markers",
        name="Co-hosted events (diamond size: how many)",
        marker={
            "symbol": "diamond",
            "color": ORANGE,
            "line": {"color": "white", "width": 1},
            "size": [8 + 3 * math.sqrt(m[2]["co_hosted_events"]) for m in co_hosted],
        },
        hoverinfo="skip",
    )

    # Orgs.
    largest = max(active.values(), default=0)
    named = (
        set(ids)
        if len(ids) <= LABELS_ALWAYS
        else set(sorted(ids, key=lambda i: (-active[i], i))[:LABELS_SHOWN])
    )
    if highlight in names:
        named.add(highlight)
    degree = {i: 0 for i in ids}
    for row in every_link.iter_rows(named=True):
        degree[row["org_a"]] += 1
        degree[row["org_b"]] += 1
    fig.add_scatter(
        x=[position[i][0] for i in ids],
        y=[position[i][1] for i in ids],
        mode="markers+text",
        name="Member org (size: active people)",
        text=[short(names[i], 26) if i in named else "" for i in ids],
        textposition="top center",
        marker={
            "size": [_node_size(active[i], largest) for i in ids],
            "color": [VERMILLION if i == highlight else BLUE for i in ids],
            "opacity": [1 if not faded or i == highlight else 0.55 for i in ids],
            "line": {"color": "white", "width": 1.5},
        },
        customdata=[(names[i], active[i], degree[i]) for i in ids],
        hovertemplate=(
            "%{customdata[0]}<br>Active people: %{customdata[1]:,d}"
            "<br>Links: %{customdata[2]:,d}<extra></extra>"
        ),
        cliponaxis=False,
    )
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="lines",
        name="Shared people (width)",
        line={"color": LINK, "width": 4},
    )
    if any(dashed for _, dashed, _ in groups):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name="Co-hosting only",
            line={"color": LINK, "width": 2, "dash": "dash"},
        )
    return fig
