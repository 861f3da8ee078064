"""Figure builders and formatting as plain Python: small hand-made frames in, checked
traces out; no browser, no warehouse."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard import formatting
from dashboard.figures import engagement, retention, turnout
from dashboard.figures.sparkline import sparkline
from dashboard.figures.theme import COLORWAY, ORGS_SHOWN, month_starts
from dashboard.metrics.compute import change_vs_prior

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


# --- formatting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(12345, "12,345"), (0, "0"), (1234567.0, "1,234,567"), (282.5, "282.5"), (None, "–")],
)
def test_counts_are_exact_integers_with_thousands_separators(value, text):
    assert formatting.count(value) == text


@pytest.mark.parametrize(
    ("value", "text"), [(0.4234, "42.3%"), (1.0, "100.0%"), (0.0, "0.0%"), (None, "–")]
)
def test_rates_are_percentages_with_one_decimal(value, text):
    assert formatting.rate(value) == text


def test_count_changes_give_the_difference_and_the_percent_change():
    assert change_vs_prior(110, 100) == {"difference": 10, "relative": 0.1}
    assert formatting.count_change(change_vs_prior(110, 100)) == "▲ 10 (+10.0%)"
    assert formatting.count_change(change_vs_prior(1200, 2400)) == "▼ 1,200 (−50.0%)"
    assert formatting.count_change(change_vs_prior(5, 5)) == "= 0 (+0.0%)"


def test_the_percent_change_is_null_when_the_prior_value_is_zero():
    assert change_vs_prior(7, 0) == {"difference": 7, "relative": None}
    assert formatting.count_change(change_vs_prior(7, 0)) == "▲ 7"


def test_rate_changes_are_in_percentage_points():
    change = change_vs_prior(0.45, 0.40, rate=True)
    assert change["difference"] == pytest.approx(5.0)
    assert change["relative"] is None
    assert formatting.rate_change(change) == "▲ 5.0 pts"
    assert formatting.rate_change(change_vs_prior(0.30, 0.333, rate=True)) == "▼ 3.3 pts"


def test_a_missing_value_means_no_comparison():
    assert change_vs_prior(None, 3) == {"difference": None, "relative": None}
    assert formatting.rate_change(change_vs_prior(0.5, None, rate=True)) == (
        "no prior value to compare"
    )


def test_hours_keep_their_fraction():
    assert change_vs_prior(10.5, 8.0) == {"difference": 2.5, "relative": 0.3125}
    assert formatting.count_change(change_vs_prior(10.5, 8.0)) == "▲ 2.5 (+31.2%)"


def test_periods_read_as_dates_and_days():
    assert formatting.period(date(2025, 6, 1), date(2025, 6, 30)) == (
        "1 Jun 2025 – 30 Jun 2025 (30 days)"
    )


# --- figures --------------------------------------------------------------------------


def test_the_palette_is_okabe_ito():
    assert set(COLORWAY) <= OKABE_ITO


def test_month_labels_become_dates_for_a_date_axis():
    frame = pl.DataFrame({"month": ["2025-11", "2025-12", "2026-01"]})
    assert month_starts(frame) == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]


def test_people_by_month_draws_active_and_new_side_by_side():
    frame = pl.DataFrame(
        {"month": ["2026-01", "2026-02"], "active_people": [30, 45], "new_people": [4, 0]}
    )
    fig = engagement.people_by_month(frame)
    assert [t.name for t in fig.data] == ["Active people", "New people"]
    assert list(fig.data[0].y) == [30, 45] and list(fig.data[1].y) == [4, 0]
    assert fig.layout.barmode == "group"
    assert fig.layout.yaxis.tickformat == ",d"


def test_people_by_org_puts_the_largest_org_on_top():
    frame = pl.DataFrame(
        {"name": ["A", "B", "C"], "active_people": [5, 50, 20], "new_people": [1, 2, 3]}
    )
    fig = engagement.people_by_org(frame)
    active = next(t for t in fig.data if t.name == "Active people")
    assert list(active.y) == ["A", "C", "B"]  # horizontal bars draw bottom-up
    assert list(active.x) == [5, 20, 50]


def test_people_by_org_shows_the_most_active_orgs_when_there_are_many():
    total = ORGS_SHOWN + 5
    frame = pl.DataFrame(
        {
            "name": [f"Org {i}" for i in range(total)],
            "active_people": list(range(total)),  # Org 0 has the fewest
            "new_people": [0] * total,
        }
    )
    fig = engagement.people_by_org(frame)
    active = next(t for t in fig.data if t.name == "Active people")
    assert (
        len(active.y) == ORGS_SHOWN
        and active.y[0] == "Org 5"
        and active.y[-1] == f"Org {total - 1}"
    )
    assert fig.layout.title.text.startswith(f"The {ORGS_SHOWN} of {total} orgs with the most")
    assert not engagement.people_by_org(frame.head(ORGS_SHOWN)).layout.title.text


def test_show_rate_by_org_keeps_the_orgs_with_the_most_rsvps():
    total = ORGS_SHOWN + 3
    frame = pl.DataFrame(
        {
            "name": [f"Org {i}" for i in range(total)],
            "events": [1] * total,
            "rsvps": [0] + list(range(1, total)),  # Org 0 had no RSVP: never a bar
            "attended": [1] * total,
            "attended_with_rsvp": [1] * total,
            "walk_ins": [0] * total,
            "no_shows": [0] * total,
            "show_rate": [None] + [1 / r for r in range(1, total)],
        }
    )
    fig = turnout.show_rate_by_org(frame)
    shown = set(fig.data[0].y)
    assert len(shown) == ORGS_SHOWN and {"Org 0", "Org 1", "Org 2"}.isdisjoint(shown)
    assert fig.layout.title.text.startswith(
        f"The {ORGS_SHOWN} of {total - 1} orgs with the most RSVPs"
    )


def test_the_ladder_shows_each_level_with_its_share():
    frame = pl.DataFrame(
        {"level": ["leader", "volunteer", "participant", "supporter"], "people": [1, 2, 3, 4]}
    )
    bars = engagement.ladder(frame).data[0]
    assert list(bars.y) == ["Leader", "Volunteer", "Participant", "Supporter"]
    assert list(bars.x) == [1, 2, 3, 4]
    assert list(bars.customdata) == pytest.approx([0.1, 0.2, 0.3, 0.4])


def test_rung_movement_is_a_full_matrix_with_zeros_where_nobody_moved():
    frame = pl.DataFrame(
        {
            "from_level": ["none", "leader", "volunteer"],
            "to_level": ["participant", "leader", "none"],
            "people": [7, 2, 3],
        }
    )
    heatmap = engagement.rung_movement(frame).data[0]
    order = ["None", "Supporter", "Participant", "Volunteer", "Leader"]
    assert list(heatmap.x) == order and list(heatmap.y) == order
    z = [list(row) for row in heatmap.z]
    assert z[0][2] == 7 and z[4][4] == 2 and z[3][0] == 3
    assert sum(map(sum, z)) == 12


def test_bridge_people_are_the_highlighted_bars():
    frame = pl.DataFrame(
        {"org_count": [1, 2, 3], "people": [80, 15, 2], "is_bridge": [False, True, True]}
    )
    bars = engagement.people_by_org_count(frame).data[0]
    assert list(bars.x) == ["1 org", "2 orgs", "3 orgs"]
    assert bars.marker.color[0] != bars.marker.color[1] == bars.marker.color[2]
    assert list(bars.marker.pattern.shape) == ["", "/", "/"]  # not by colour alone


def test_the_cohort_heatmap_shows_shares_and_leaves_unobserved_months_blank():
    frame = pl.DataFrame(
        {
            "cohort": ["2026-01", "2026-01", "2026-02"],
            "size": [4, 4, 2],
            "k": [0, 1, 0],
            "retained": [4, 1, 2],
        }
    )
    heatmap = retention.cohort_heatmap(frame).data[0]
    assert list(heatmap.y) == ["2026-01 (4)", "2026-02 (2)"]
    assert [list(row) for row in heatmap.z] == [[1.0, 0.25], [1.0, None]]
    assert heatmap.zmin == 0 and heatmap.zmax == 1


def test_returning_rate_by_month_leaves_gaps_where_it_is_undefined():
    frame = pl.DataFrame(
        {
            "month": ["2026-01", "2026-02", "2026-03"],
            "active_people": [0, 4, 2],
            "previous_active_people": [3, 0, 4],
            "returning_people": [0, 0, 2],
            "returning_rate": [0.0, None, 0.5],
        }
    )
    line = retention.returning_rate_by_month(frame).data[0]
    assert list(line.y) == [0.0, None, 0.5]
    assert line.connectgaps is False


def test_lapsed_and_reactivated_are_two_labelled_bars():
    bars = retention.lapsed_reactivated(pl.DataFrame({"lapsed": [9], "reactivated": [4]})).data[0]
    assert list(bars.y) == ["Lapsed", "Reactivated"] and list(bars.x) == [9, 4]


def test_the_funnel_labels_show_rate_and_no_shows_against_rsvps():
    frame = pl.DataFrame(
        {
            "stage": ["rsvps", "came", "no_shows", "walk_ins", "attended"],
            "total": [10, 7, 3, 2, 9],
            "share_of_rsvps": [1.0, 0.7, 0.3, 0.2, 0.9],
        }
    )
    bars = turnout.funnel(frame).data[0]
    assert list(bars.x) == [10, 7, 3, 2, 9]
    assert list(bars.customdata) == ["", " · 70.0% of RSVPs", " · 30.0% of RSVPs", "", ""]


def test_turnout_by_month_has_the_show_rate_above_the_attendance_bars():
    frame = pl.DataFrame(
        {
            "month": ["2026-01", "2026-02"],
            "events": [2, 0],
            "rsvps": [10, 0],
            "attended": [9, 0],
            "attended_with_rsvp": [7, 0],
            "walk_ins": [2, 0],
            "no_shows": [3, 0],
            "show_rate": [0.7, None],
        }
    )
    fig = turnout.turnout_by_month(frame)
    assert [t.name for t in fig.data] == ["Show rate", "Came with an RSVP", "Walk-ins"]
    assert list(fig.data[0].y) == [0.7, None]
    assert fig.layout.barmode == "stack"


def test_show_rate_by_type_skips_types_without_rsvps_and_labels_them_for_people():
    frame = pl.DataFrame(
        {
            "event_type": ["phone_bank", "rally", "training"],
            "events": [2, 1, 1],
            "rsvps": [10, 0, 4],
            "attended": [8, 3, 1],
            "attended_with_rsvp": [6, 0, 1],
            "walk_ins": [2, 3, 0],
            "no_shows": [4, 0, 3],
            "show_rate": [0.6, None, 0.25],
        }
    )
    bars = turnout.show_rate_by_event_type(frame).data[0]
    assert list(bars.y) == ["Training", "Phone bank"]
    assert list(bars.x) == [0.25, 0.6]


def test_events_against_goals_split_met_and_missed_by_colour_and_symbol():
    frame = pl.DataFrame(
        {
            "event_date": [date(2026, 1, 5), date(2026, 2, 5)],
            "org_id": ["a", "b"],
            "org_name": ["A", "B"],
            "event_id": ["e1", "e2"],
            "title": ["One", "Two"],
            "event_type": ["rally", "meeting"],
            "turnout_goal": [10, 8],
            "attended": [12, 4],
            "goal_met": [True, False],
        }
    )
    met, missed = turnout.events_vs_goal(frame).data
    assert list(met.y) == [1.2] and list(missed.y) == [0.5]
    assert met.marker.symbol != missed.marker.symbol
    assert met.type == "scatter"  # SVG while the points are few


def many_goal_events(n: int, months: int = 1) -> pl.DataFrame:
    """n events with a goal of 10 and 0–20 attended, over the first `months` months."""
    attended = [i % 21 for i in range(n)]
    return pl.DataFrame(
        {
            "event_date": [date(2026, 1 + i % months, 1 + i % 28) for i in range(n)],
            "org_id": ["a"] * n,
            "org_name": ["A"] * n,
            "event_id": [f"e{i}" for i in range(n)],
            "title": ["One"] * n,
            "event_type": ["rally"] * n,
            "turnout_goal": [10] * n,
            "attended": attended,
            "goal_met": [a >= 10 for a in attended],
        }
    )


def test_thousands_of_goal_events_are_drawn_with_webgl():
    n = turnout.WEBGL_POINTS + 1
    met, missed = turnout.events_vs_goal(many_goal_events(n)).data
    assert met.type == missed.type == "scattergl"
    assert len(met.x) + len(missed.x) == n


def test_upcoming_rsvps_shows_the_soonest_events_only():
    n = turnout.UPCOMING_SHOWN + 5
    frame = pl.DataFrame(
        {
            "event_date": [date(2026, 12, 1 + i) for i in range(n)],
            "org_id": ["a"] * n,
            "org_name": ["A"] * n,
            "event_id": [f"e{i}" for i in range(n)],
            "title": [f"Event {i}" for i in range(n)],
            "event_type": ["rally"] * n,
            "turnout_goal": [None] * n,
            "rsvps": list(range(n)),
        }
    )
    fig = turnout.upcoming_rsvps(frame)
    assert len(fig.data) == 1  # no goals, no goal markers
    assert len(fig.data[0].y) == turnout.UPCOMING_SHOWN
    assert fig.layout.yaxis.ticktext[0] == "01 Dec · Event 0"


def test_upcoming_events_keep_their_own_bars_when_labels_agree():
    title = "City council hearing on housing justice, part two"
    frame = pl.DataFrame(
        {
            "event_date": [date(2026, 12, 1)] * 2,
            "org_id": ["a", "b"],
            "org_name": ["A", "B"],
            "event_id": ["e1", "e2"],
            "title": [title, title],
            "event_type": ["rally"] * 2,
            "turnout_goal": [30, None],
            "rsvps": [12, 20],
        }
    )
    bars, goals = turnout.upcoming_rsvps(frame).data
    assert list(bars.x) == [12, 20] and len(set(bars.y)) == 2
    label = turnout.upcoming_rsvps(frame).layout.yaxis.ticktext[0]
    assert label.endswith("…") and len(label) < len(title)
    assert list(goals.x) == [30, None]


@pytest.mark.parametrize("rate", [False, True])
def test_sparklines_are_bare_lines(rate):
    fig = sparkline([date(2026, 1, 1), date(2026, 2, 1)], [3, None], rate=rate)
    assert fig.layout.xaxis.visible is False and fig.layout.height == 56
    assert ("%{y:.1%}" in fig.data[0].hovertemplate) is rate


def test_more_goal_events_than_a_chart_can_show_become_each_months_spread():
    n = turnout.MONTHLY_SPREAD + 1
    frame = many_goal_events(n, months=2)
    (boxes,) = turnout.events_vs_goal(frame).data
    assert boxes.type == "box"
    assert [d.month for d in boxes.x] == [1, 2]  # one box a month
    assert list(boxes.lowerfence) == [0.0, 0.0] and list(boxes.upperfence) == [2.0, 2.0]
    events = [row[0] for row in boxes.customdata]
    assert sum(events) == n
    assert sum(row[1] for row in boxes.customdata) == frame["goal_met"].sum()
