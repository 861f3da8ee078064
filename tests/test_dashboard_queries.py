"""The dashboard's own queries (queries/dashboard/): worked out by hand on the tiny
coalition (tests/fixtures/tiny_coalition, see the docstring of test_metrics.py), and
checked to add up to the metrics of metrics.md on the larger sample coalition."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.db import Warehouse
from dashboard.ingest import ingest
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters

TINY = Path(__file__).parent / "fixtures" / "tiny_coalition"
P = {"date_from": date(2025, 4, 1), "date_to": date(2025, 6, 30), "as_of": date(2025, 6, 30)}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Warehouse:
    path = tmp_path_factory.mktemp("tiny-dashboard") / "warehouse.duckdb"
    ingest(TINY, path)
    return Warehouse(path)


def rows(warehouse: Warehouse, name: str, **filters) -> list[dict]:
    params = resolve_filters(warehouse, **(P | filters)).params()
    return warehouse.query(f"dashboard/{name}", **params).to_dicts()


def pick(records: list[dict], *columns: str) -> list[tuple]:
    return [tuple(record[c] for c in columns) for record in records]


# --- by hand on the tiny coalition ----------------------------------------------------


def test_engagement_by_month(tiny):
    """April: ann, eve, cat, dan (new: eve 04-10, cat 04-20); May: bob, cat, dan, gus
    (new: gus 05-01); June: ann, eve, bob, cat, dan (nobody new)."""
    assert pick(rows(tiny, "engagement_by_month"), "month", "active_people", "new_people") == [
        ("2025-04", 4, 2),
        ("2025-05", 4, 1),
        ("2025-06", 5, 0),
    ]


def test_engagement_by_month_ignores_the_type_filter_for_first_acts(tiny):
    """Meetings only: April's b1 brings ann, cat and dan; cat's first act ever (b1) is
    new, ann's and dan's are older."""
    result = rows(tiny, "engagement_by_month", types=["meeting"])
    assert pick(result, "month", "active_people", "new_people")[0] == ("2025-04", 3, 1)


def test_engagement_by_month_cuts_months_to_the_period(tiny):
    """From 04-15: a2 (04-10, eve's first act) falls outside; b1 (04-20) remains."""
    result = rows(tiny, "engagement_by_month", date_from=date(2025, 4, 15))
    assert pick(result, "month", "active_people", "new_people")[0] == ("2025-04", 3, 1)


def test_people_by_org_count(tiny):
    """ann (A, B), cat (B, A), dan (B, C) bridge; eve, bob (A) and gus (C) do not."""
    assert pick(rows(tiny, "people_by_org_count"), "org_count", "people", "is_bridge") == [
        (1, 3, False),
        (2, 3, True),
    ]


def test_turnout_by_month(tiny):
    """April: a2 (ann host, bob rsvp, eve walk-in), b1 (ann, cat, dan); May: a3 (bob,
    cat; eve no-show), c1 (dan; cat rsvp); June: a5 (ann), b2 (cat; ann cancelled)."""
    result = rows(tiny, "turnout_by_month")
    assert pick(
        result,
        "month",
        "events",
        "rsvps",
        "attended",
        "attended_with_rsvp",
        "walk_ins",
        "no_shows",
    ) == [
        ("2025-04", 2, 5, 5, 4, 1, 1),
        ("2025-05", 2, 5, 3, 3, 0, 2),
        ("2025-06", 2, 2, 2, 2, 0, 0),
    ]
    assert [r["show_rate"] for r in result] == pytest.approx([0.8, 0.6, 1.0])


def test_turnout_by_event_type(tiny):
    result = rows(tiny, "turnout_by_event_type")
    assert pick(result, "event_type", "events", "rsvps", "attended", "walk_ins") == [
        ("canvass", 1, 2, 2, 1),
        ("meeting", 3, 7, 6, 0),
        ("rally", 1, 2, 1, 0),
        ("training", 1, 1, 1, 0),
    ]
    assert [r["show_rate"] for r in result] == pytest.approx([0.5, 6 / 7, 0.5, 1.0])


def test_turnout_by_org(tiny):
    result = rows(tiny, "turnout_by_org")
    assert pick(result, "org_id", "events", "rsvps", "attended", "no_shows") == [
        ("org-a", 3, 6, 5, 2),
        ("org-b", 2, 4, 4, 0),
        ("org-c", 1, 2, 1, 1),
    ]
    assert [r["show_rate"] for r in result] == pytest.approx([4 / 6, 1.0, 0.5])


def test_turnout_by_org_lists_only_the_selected_orgs(tiny):
    assert [r["org_id"] for r in rows(tiny, "turnout_by_org", orgs=["org-c"])] == ["org-c"]


def test_turnout_funnel(tiny):
    result = rows(tiny, "turnout_funnel")
    assert pick(result, "stage", "total") == [
        ("rsvps", 12),
        ("came", 9),
        ("no_shows", 3),
        ("walk_ins", 1),
        ("attended", 10),
    ]
    assert result[1]["share_of_rsvps"] == pytest.approx(0.75)


def test_turnout_funnel_without_rsvps_has_no_shares(tiny):
    result = rows(tiny, "turnout_funnel", date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
    assert {r["total"] for r in result} == {0}
    assert {r["share_of_rsvps"] for r in result} == {None}


def test_events_vs_goal(tiny):
    """a2 (goal 2): ann and eve came, met; b2 (goal 5): cat alone, missed."""
    assert pick(
        rows(tiny, "events_vs_goal"), "event_id", "turnout_goal", "attended", "goal_met"
    ) == [("a2", 2, 2, True), ("b2", 5, 1, False)]


def test_upcoming_rsvps_by_event(tiny):
    """a4 (07-20) is after as_of: bob's and eve's RSVPs; the period does not matter."""
    expected = [("a4", date(2025, 7, 20), 2)]
    columns = ("event_id", "event_date", "rsvps")
    assert pick(rows(tiny, "upcoming_rsvps_by_event"), *columns) == expected
    early = rows(
        tiny, "upcoming_rsvps_by_event", date_from=date(2025, 1, 1), date_to=date(2025, 1, 31)
    )
    assert pick(early, *columns) == expected
    assert rows(tiny, "upcoming_rsvps_by_event", types=["meeting"]) == []


def test_hours_and_actions_by_month(tiny):
    """May: cat's 10 doors and gus's petition; June: eve's 2.5 h shift, bob's petition
    and dan's 2."""
    assert pick(
        rows(tiny, "hours_and_actions_by_month"), "month", "hours", "volunteers", "actions_total"
    ) == [
        ("2025-04", 0, 0, 0),
        ("2025-05", 0, 0, 11),
        ("2025-06", 2.5, 1, 3),
    ]


def test_campaign_outcomes_by_month(tiny):
    """k5 lost on 05-10, k1 won on 06-01; k3 (lost 2024-12-20) is outside the period."""
    assert pick(rows(tiny, "campaign_outcomes_by_month"), "month", "won", "lost", "partial") == [
        ("2025-04", 0, 0, 0),
        ("2025-05", 0, 1, 0),
        ("2025-06", 1, 0, 0),
    ]


def test_data_span(tiny):
    """dan's shift on 2024-11-10 comes first; the upcoming a4 (2025-07-20) last."""
    assert tiny.query("dashboard/data_span").row(0) == (date(2024, 11, 10), date(2025, 7, 20))


# --- adding up to metrics.md on the sample coalition ----------------------------------

CASES = {
    "default": {},
    "orgs": {"orgs": ["tenants", "mutual"]},
    "types": {"types": ["rally", "phone_bank"]},
    "campaign": {"campaign": "rent-cap"},
    "quarter": {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)},
}


@pytest.fixture(scope="module")
def sample(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


@pytest.fixture(scope="module", params=CASES.values(), ids=CASES.keys())
def case(request, sample):
    filters = resolve_filters(sample, **request.param)
    return filters, metrics_json(sample, filters)


def frame(warehouse: Warehouse, name: str, filters):
    return warehouse.query(f"dashboard/{name}", **filters.params())


def test_monthly_turnout_adds_up_to_the_period(sample, case):
    filters, m = case
    months = frame(sample, "turnout_by_month", filters)
    for column in ("events", "rsvps", "attended", "walk_ins", "no_shows"):
        assert months[column].sum() == m["turnout"][column], column


def test_turnout_by_event_type_adds_up_to_the_period(sample, case):
    filters, m = case
    types = frame(sample, "turnout_by_event_type", filters)
    for column in ("events", "rsvps", "attended", "walk_ins", "no_shows"):
        assert types[column].sum() == m["turnout"][column], column


def test_turnout_by_org_agrees_with_the_scorecard(sample, case):
    filters, m = case
    by_org = {r["org_id"]: r for r in frame(sample, "turnout_by_org", filters).to_dicts()}
    assert set(by_org) == {o["org_id"] for o in m["orgs"]}
    for org in m["orgs"]:
        row = by_org[org["org_id"]]
        assert (row["events"], row["attended"]) == (org["events"], org["attended"])
        assert row["show_rate"] == pytest.approx(org["show_rate"])


def test_the_funnel_is_the_turnout_row(sample, case):
    filters, m = case
    stages = dict(frame(sample, "turnout_funnel", filters).select("stage", "total").rows())
    t = m["turnout"]
    assert stages == {
        "rsvps": t["rsvps"],
        "came": t["rsvps"] - t["no_shows"],
        "no_shows": t["no_shows"],
        "walk_ins": t["walk_ins"],
        "attended": t["attended"],
    }


def test_events_vs_goal_are_the_goal_events(sample, case):
    filters, m = case
    events = frame(sample, "events_vs_goal", filters)
    assert events.height == m["turnout"]["goal_events"]
    assert events["goal_met"].sum() == m["turnout"]["goal_met"]


def test_upcoming_rsvps_by_event_add_up(sample, case):
    filters, m = case
    assert (
        frame(sample, "upcoming_rsvps_by_event", filters)["rsvps"].sum()
        == (m["turnout"]["upcoming_rsvps"])
    )


def test_hours_and_actions_by_month_add_up(sample, case):
    filters, m = case
    months = frame(sample, "hours_and_actions_by_month", filters)
    assert months["hours"].sum() == pytest.approx(m["volunteering"]["hours"])
    assert months["actions_total"].sum() == pytest.approx(m["actions"]["total"])


def test_campaign_outcomes_by_month_add_up(sample, case):
    filters, m = case
    months = frame(sample, "campaign_outcomes_by_month", filters)
    for column in ("won", "lost", "partial"):
        assert months[column].sum() == m["campaigns"][column]


def test_people_by_org_count_adds_up_to_active_and_bridge_people(sample, case):
    filters, m = case
    counts = frame(sample, "people_by_org_count", filters)
    assert counts["people"].sum() == m["engagement"]["active_people"]
    assert counts.filter("is_bridge")["people"].sum() == m["engagement"]["bridge_people"]


def test_a_single_month_is_the_engagement_of_that_month(sample):
    for month_start, month_end in (
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 7, 1), date(2026, 7, 31)),
    ):
        filters = resolve_filters(sample, date_from=month_start, date_to=month_end)
        (row,) = frame(sample, "engagement_by_month", filters).to_dicts()
        e = metrics_json(sample, filters)["engagement"]
        assert (row["active_people"], row["new_people"]) == (e["active_people"], e["new_people"])


def test_new_people_by_month_add_up_without_a_type_filter(sample, case):
    filters, m = case
    if filters.types:
        pytest.skip("with a type filter a first act (say, a shift) can precede the month")
    months = frame(sample, "engagement_by_month", filters)
    assert months["new_people"].sum() == m["engagement"]["new_people"]
