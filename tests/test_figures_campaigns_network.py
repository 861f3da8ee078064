"""Figures of the Campaigns, Network and Data pages as plain Python: small hand-made frames
in, checked traces out; no browser, no warehouse."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.components.view_mode import PROJECTOR_FONT, for_projector
from dashboard.figures import campaigns, data, network, network_graph
from dashboard.figures.theme import ORGS_SHOWN

# --- campaigns ------------------------------------------------------------------------

LISTED = pl.DataFrame(
    {
        "campaign_id": ["rent", "wage", "tour"],
        "name": ["Cap the rent", "Stop wage theft", "Listening tour"],
        "status": ["active", "won", "active"],
        "goal_metric": ["attendance", "actions:door_knock", "custom"],
        "goal_value": [400.0, 300.0, None],
        "progress": [100.0, 330.0, None],
        "progress_pct": [0.25, 1.1, None],
    }
)


@pytest.mark.parametrize(
    ("metric", "unit"),
    [("attendance", "attendances"), ("people", "people"), ("hours", "hours"),
     ("actions:door_knock", "door knock actions"), ("custom", ""), (None, "")],
)  # fmt: skip
def test_goals_are_said_in_words(metric, unit):
    assert campaigns.goal_unit(metric) == unit


def test_progress_bars_are_shares_of_the_goal_one_trace_per_status():
    fig = campaigns.progress(LISTED)
    bars = {trace.name: trace for trace in fig.data}
    assert set(bars) == {"Active", "Won"}
    assert list(bars["Active"].y) == ["rent", "tour"]
    assert list(bars["Active"].x) == [0.25, 0]  # a custom goal has no bar
    assert list(bars["Active"].text) == ["25.0%", "–"]
    assert list(bars["Won"].x) == [1.1]
    assert fig.layout.xaxis.range[1] > 1.1  # room for the bar past its goal


def test_progress_labels_say_the_status_and_what_was_counted():
    ticks = campaigns.progress(LISTED).layout.yaxis.ticktext
    assert ticks[0].startswith("Cap the rent (active)<br>")
    assert "100 of 400 attendances" in ticks[0]
    assert "330 of 300 door knock actions" in ticks[1]
    assert "custom goal" in ticks[2]


def test_campaigns_with_the_same_name_keep_their_own_bars():
    twins = LISTED.with_columns(name=pl.lit("Same name"))
    axis = campaigns.progress(twins).layout.yaxis
    assert list(axis.tickvals) == ["rent", "wage", "tour"]


TIMELINE = pl.DataFrame(
    {
        "campaign_id": ["rent", "rent", "wage"],
        "name": ["Cap the rent", "Cap the rent", "Stop wage theft"],
        "status": ["active", "active", "won"],
        "lead_org": ["a", "a", "b"],
        "lead_org_name": ["A", "A", "B"],
        "start_date": [date(2025, 1, 1), date(2025, 1, 1), date(2024, 6, 1)],
        "end_date": [None, None, date(2025, 3, 1)],
        "shown_start": [date(2025, 1, 1), date(2025, 1, 1), date(2024, 6, 1)],
        "shown_end": [date(2025, 6, 30), date(2025, 6, 30), date(2025, 3, 1)],
        "outcome_date": [None, None, date(2025, 3, 10)],
        "outcome_note": [None, None, "Ordinance"],
        "milestone_date": [date(2025, 2, 1), date(2025, 9, 1), None],
        "milestone_title": ["Hearing", "Vote", None],
        "is_achieved": [True, False, None],
    }
)


def test_the_timeline_draws_each_campaign_once_with_its_milestones_and_outcome():
    fig = campaigns.timeline(TIMELINE)
    traces = {trace.name: trace for trace in fig.data}
    assert list(traces["Active"].y) == ["rent"]
    assert list(traces["Active"].base) == ["2025-01-01"]
    assert list(traces["Active"].x) == [181 * campaigns.DAY_MS]  # 1 Jan – 30 Jun, inclusive
    assert list(traces["Active"].marker.pattern.shape) == ["/"]  # no end date: hatched
    assert list(traces["Won"].marker.pattern.shape) == [""]
    assert list(traces["Milestone reached"].x) == [date(2025, 2, 1)]
    assert list(traces["Milestone ahead"].x) == [date(2025, 9, 1)]
    assert list(traces["Outcome"].y) == ["wage"]


def test_contributions_shade_each_orgs_share_of_its_campaign():
    frame = pl.DataFrame(
        {
            "campaign_id": ["rent", "rent", "wage"],
            "campaign_name": ["Cap the rent", "Cap the rent", "Stop wage theft"],
            "goal_metric": ["attendance", "attendance", "hours"],
            "org_id": ["a", "b", "a"],
            "org_name": ["A", "B", "A"],
            "progress": [30.0, 10.0, 12.5],
        }
    )
    heatmap = campaigns.contributions(frame).data[0]
    assert list(heatmap.x) == ["A", "B"] and list(heatmap.y) == ["Cap the rent", "Stop wage theft"]
    assert [list(row) for row in heatmap.z] == [[0.75, 0.25], [1.0, None]]
    assert [list(row) for row in heatmap.text] == [["30", "10"], ["12.5", ""]]


def test_contributions_of_many_orgs_show_the_largest_shares():
    total = ORGS_SHOWN + 2
    ids = [f"o{i:02}" for i in range(total)]
    frame = pl.DataFrame(
        {
            "campaign_id": ["rent"] * total,
            "campaign_name": ["Cap the rent"] * total,
            "goal_metric": ["hours"] * total,
            "org_id": ids,
            "org_name": [f"Org {i}" for i in range(total)],
            "progress": [0.0, 1.0] + [10.0] * ORGS_SHOWN,  # o00 and o01 gave least
        }
    )
    fig = campaigns.contributions(frame)
    shown = list(fig.data[0].x)
    assert shown == [f"Org {i}" for i in range(2, total)]
    assert sum(fig.data[0].z[0]) == pytest.approx(300 / 301)  # shares of all orgs' total
    said = fig.layout.annotations[0]  # below the plot: the org names take the top
    assert said.text.startswith(f"The {ORGS_SHOWN} of {total} orgs with the largest")


# --- network --------------------------------------------------------------------------

ORGS = pl.DataFrame(
    {"org_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"], "active_people": [40, 10, 20, 5]}
)
PAIRS = pl.DataFrame(
    {
        "org_a": ["a", "a", "b", "c"],
        "name_a": ["A", "A", "B", "C"],
        "org_b": ["b", "c", "c", "d"],
        "name_b": ["B", "C", "C", "D"],
        "shared_people": [8, 3, 0, 0],
        "co_hosted_events": [1, 0, 2, 0],
        "a_to_b": [4, 2, 1, 0],
        "b_to_a": [2, 0, 1, 3],
        "reciprocity": [0.5, 0.0, 1.0, 0.0],
        "is_link": [True, True, True, False],
    }
)


def test_links_are_ordered_strongest_first_and_never_include_mere_crossing():
    links = network_graph.strongest_links(PAIRS, None)
    assert links.select("org_a", "org_b").rows() == [("a", "b"), ("a", "c"), ("b", "c")]
    assert network_graph.strongest_links(PAIRS, 1).height == 1


def nodes_of(fig: go.Figure):
    return next(t for t in fig.data if t.name and t.name.startswith("Member org"))


def test_the_graph_sizes_orgs_by_active_people_and_draws_every_link():
    fig = network_graph.network_graph(ORGS, PAIRS)
    nodes = nodes_of(fig)
    assert list(nodes.text) == ["A", "B", "C", "D"]
    sizes = list(nodes.marker.size)
    assert sizes[0] == max(sizes) and sizes[3] == min(sizes)
    lines = [t for t in fig.data if t.mode == "lines" and t.x[0] is not None]
    assert sum(t.x.count(None) for t in lines) == 3  # three links, one segment each
    assert any(t.line.dash == "dash" for t in lines)  # b–c: co-hosting only
    diamonds = next(t for t in fig.data if t.name and t.name.startswith("Co-hosted"))
    assert len(diamonds.x) == 2


def test_fewer_links_or_a_highlight_never_move_an_org():
    everything = nodes_of(network_graph.network_graph(ORGS, PAIRS))
    fewer = nodes_of(network_graph.network_graph(ORGS, PAIRS, limit=1, highlight="c"))
    assert list(fewer.x) == list(everything.x) and list(fewer.y) == list(everything.y)
    assert list(fewer.marker.color) == [
        network_graph.BLUE,
        network_graph.BLUE,
        network_graph.VERMILLION,
        network_graph.BLUE,
    ]


def test_a_hundred_orgs_name_only_the_largest_and_the_highlighted():
    ids = [f"o{n:03d}" for n in range(100)]
    orgs = pl.DataFrame({"org_id": ids, "name": ids, "active_people": list(range(100))})
    nodes = nodes_of(network_graph.network_graph(orgs, PAIRS.head(0), highlight="o000"))
    named = [text for text in nodes.text if text]
    assert len(named) == network_graph.LABELS_SHOWN + 1 and "o000" in named and "o099" in named


def test_cross_attendance_puts_home_orgs_in_rows():
    heatmap = network.cross_attendance(PAIRS).data[0]
    assert list(heatmap.y) == ["A", "B", "C", "D"]
    z = [list(row) for row in heatmap.z]
    assert z[0][1] == 4 and z[1][0] == 2 and z[3][2] == 3 and z[0][0] is None
    assert heatmap.texttemplate  # a few orgs: every cell prints its count


def test_a_hundred_orgs_cross_attendance_is_hover_only_and_compact():
    ids = [f"o{n:03d}" for n in range(100)]
    pairs = pl.DataFrame(
        {
            "org_a": ids[:-1],
            "name_a": ids[:-1],
            "org_b": ids[1:],
            "name_b": ids[1:],
            "a_to_b": [1] * 99,
            "b_to_a": [2] * 99,
            "reciprocity": [0.5] * 99,
        }
    )
    fig = network.cross_attendance(pairs)
    assert fig.data[0].texttemplate is None
    assert fig.layout.height < 2000
    shown = list(fig.data[0].y)
    assert len(shown) == ORGS_SHOWN  # the orgs crossing most: o001-o098 have 6, o000 3
    assert "o000" not in shown and "o099" not in shown and shown[0] == "o001"
    said = fig.layout.annotations[0]  # below the plot: the org names take the top
    assert said.text.startswith(f"The {ORGS_SHOWN} of 100 orgs with the most") and said.y == 0


def test_reciprocity_lists_the_busiest_pairs_first():
    bars = network.reciprocity(PAIRS).data[0]
    assert list(bars.x) == [1.0, 0.0, 0.0, 0.5]  # drawn bottom-up: a–b (6 people) on top
    assert bars.y[-1].startswith("A ⇄<br>B")


# --- data -----------------------------------------------------------------------------


def test_freshness_marks_stale_orgs_with_their_own_symbol():
    frame = pl.DataFrame(
        {
            "org_id": ["a", "b", "c"],
            "name": ["A", "B", "C"],
            "latest_act_date": [date(2026, 5, 1), date(2026, 1, 1), None],
            "latest_event_date": [date(2026, 6, 1), date(2026, 1, 1), None],
            "newest_act_date": [date(2026, 5, 1)] * 3,
            "stale_before": [date(2026, 4, 1)] * 3,
            "days_behind": [0, 120, None],
            "is_stale": [False, True, True],
        }
    )
    fig = data.freshness(frame)
    traces = {trace.name: trace for trace in fig.data}
    assert list(traces["Latest act"].y) == ["A"]
    assert list(traces["Latest act, stale"].y) == ["B · STALE", "C · STALE"]
    assert traces["Latest act, stale"].marker.symbol != traces["Latest act"].marker.symbol
    assert fig.layout.shapes[1].x1 == date(2026, 4, 1)  # the stale band ends at the threshold


def test_freshness_shows_the_stalest_orgs_when_there_are_many():
    total = ORGS_SHOWN + 4
    latest = [None] + [date(2026, 1, 1) + timedelta(days=i) for i in range(1, total)]
    frame = pl.DataFrame(
        {
            "org_id": [f"o{i:02}" for i in range(total)],
            "name": [f"Org {i}" for i in range(total)],
            "latest_act_date": latest,
            "latest_event_date": latest,
            "newest_act_date": [latest[-1]] * total,
            "stale_before": [date(2026, 1, 10)] * total,
            "days_behind": [None] + [total - i for i in range(1, total)],
            "is_stale": [True] + [d < date(2026, 1, 10) for d in latest[1:]],
        }
    )
    fig = data.freshness(frame)
    shown = {label.split(" · ")[0] for trace in fig.data for label in trace.y}
    assert len(shown) == ORGS_SHOWN and "Org 0" in shown  # no act at all: the stalest
    assert f"Org {total - 1}" not in shown
    assert fig.layout.title.text.startswith(f"The {ORGS_SHOWN} of {total} orgs with the oldest")


# --- meeting mode ---------------------------------------------------------------------


def test_projector_figures_have_bigger_type_and_height():
    fig = for_projector(network_graph.network_graph(ORGS, PAIRS))
    assert fig.layout.font.size == PROJECTOR_FONT
    assert fig.layout.height == round(600 * 1.3)
