"""Figures of the Network page: who attends whose events, and how even that is."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.theme import (
    BLUE,
    GREY,
    ORGS_SHOWN,
    RATE_AXIS,
    SEQUENTIAL,
    figure,
    say_shown,
    short,
)

RECIPROCITY_SHOWN = 15
# Up to this many orgs each cell prints its count; beyond, the grid gets dense (and a
# hundred orgs would be ten thousand labels for the browser to lay out): hover only.
LABELLED_CELLS_UP_TO = 25


def _names(pairs: pl.DataFrame) -> dict[str, str]:
    names = dict(zip(pairs["org_a"].to_list(), pairs["name_a"].to_list(), strict=True))
    names |= dict(zip(pairs["org_b"].to_list(), pairs["name_b"].to_list(), strict=True))
    return names


def _busiest_orgs(pairs: pl.DataFrame) -> list[str]:
    """The ORGS_SHOWN orgs with the most people crossing to or from them (ties: by id)."""
    people = pl.col("a_to_b").fill_null(0) + pl.col("b_to_a").fill_null(0)
    sides = [
        pairs.select(pl.col(f"org_{side}").alias("org"), people.alias("people"))
        for side in ("a", "b")
    ]
    crossing = pl.concat(sides).group_by("org").agg(pl.col("people").sum())
    busiest = crossing.sort(["people", "org"], descending=[True, False]).head(ORGS_SHOWN)
    return busiest["org"].to_list()


def cross_attendance(pairs: pl.DataFrame) -> go.Figure:
    """network_pairs with names: people of each home org (rows) who attended events of
    another org (columns); the hover gives the way back and the pair's reciprocity. With
    many orgs, the ORGS_SHOWN with the most people crossing either way."""
    every_org = _names(pairs)
    busiest = _busiest_orgs(pairs)
    pairs = pairs.filter(pl.col("org_a").is_in(busiest) & pl.col("org_b").is_in(busiest))
    names = {org: name for org, name in every_org.items() if org in busiest}
    orgs = sorted(names)
    where = {org: i for i, org in enumerate(orgs)}
    z: list[list] = [[None] * len(orgs) for _ in orgs]
    back: list[list] = [[None] * len(orgs) for _ in orgs]
    reciprocity: list[list] = [[None] * len(orgs) for _ in orgs]
    for row in pairs.iter_rows(named=True):
        a, b = where[row["org_a"]], where[row["org_b"]]
        z[a][b], z[b][a] = row["a_to_b"], row["b_to_a"]
        back[a][b], back[b][a] = row["b_to_a"], row["a_to_b"]
        reciprocity[a][b] = reciprocity[b][a] = row["reciprocity"]
    labels = [short(names[org], 22) for org in orgs]
    labelled = len(orgs) <= LABELLED_CELLS_UP_TO
    fig = figure(
        height=max(320, (38 if labelled else 16) * len(orgs) + 160),
        xaxis={"side": "top", "tickangle": -35, "title": {"text": "Attended events of"}},
        yaxis={"autorange": "reversed", "title": {"text": "Home org"}},
    )
    heatmap = {
        "type": "heatmap",
        "x": labels,
        "y": labels,
        "z": z,
        "colorscale": SEQUENTIAL,
        "zmin": 0,
        "xgap": 2,
        "ygap": 2,
        "customdata": [
            [
                (back[i][j], "–" if reciprocity[i][j] is None else f"{reciprocity[i][j]:.0%}")
                for j in range(len(orgs))
            ]
            for i in range(len(orgs))
        ],
        "hovertemplate": (
            "Home org %{y}, at events of %{x}: %{z:,d} people<br>The other way: "
            "%{customdata[0]:,d}; reciprocity %{customdata[1]}<extra></extra>"
        ),
        "colorbar": {"title": {"text": "People"}, "thickness": 14},
    }
    if labelled:
        heatmap["texttemplate"] = "%{z:,d}"
    say_shown(fig, len(orgs), len(every_org), "the most people crossing", below=True)
    # A hundred orgs are 10,000 cells: plotly's validation walks and copies each of them
    # (0.2-0.4 s); the values are built right here and test_figures checks the result.
    return go.Figure(data=[heatmap], layout=fig.layout, _validate=False)


def reciprocity(pairs: pl.DataFrame) -> go.Figure:
    """network_pairs with names: the pairs with the most people crossing to attend, and
    how even the crossing is (reciprocity = fewer ÷ more)."""
    rows = (
        pairs.filter((pl.col("a_to_b") + pl.col("b_to_a")) > 0)
        .with_columns(crossing=pl.col("a_to_b") + pl.col("b_to_a"))
        .sort(["crossing", "org_a", "org_b"], descending=[True, False, False])
        .head(RECIPROCITY_SHOWN)
        .reverse()  # horizontal bars draw bottom-up: the busiest pair on top
    )
    labels = [
        f"{short(a, 24)} ⇄<br>{short(b, 24)} <span style='color:#5c636a'>({m:,} / {n:,})</span>"
        for a, b, m, n in rows.select("name_a", "name_b", "a_to_b", "b_to_a").rows()
    ]
    fig = figure(
        height=max(260, 46 * len(labels) + 90),
        xaxis=RATE_AXIS | {"range": [0, 1.22], "tickvals": [0, 0.5, 1]},
        showlegend=False,
    )
    values = [0 if r is None else r for r in rows["reciprocity"].to_list()]
    fig.add_bar(
        y=labels,
        x=values,
        orientation="h",
        marker_color=[BLUE if v >= 0.5 else GREY for v in values],
        customdata=rows.select("a_to_b", "b_to_a").rows(),
        texttemplate="%{x:.0%}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate=(
            "%{y}<br>Reciprocity %{x:.1%}: %{customdata[0]:,d} one way, "
            "%{customdata[1]:,d} the other<extra></extra>"
        ),
    )
    return fig
