"""Every metric of metrics.md on the tiny coalition (tests/fixtures/tiny_coalition),
with the expected values worked out by hand from the definitions.

Period P = 2025-04-01 .. 2025-06-30, as_of 2025-06-30; prior period 2024-12-31 .. 2025-03-31.

Acts in P (attended / walk-in at an event, shift, action):
  org-a: a2 04-10 ann (host), eve (walk-in); a3 05-05 bob, cat; a5 06-05 ann;
         shift eve 06-10 2.5 h (k1); petition bob 06-15 x1
  org-b: b1 04-20 ann, cat, dan; b2 06-01 cat; door_knock cat 05-20 x10 (k2)
  org-c: c1 05-15 dan; petition dan 06-20 x2; petition gus 05-01 x1
Before P: a1 01-15 ann, bob, fay (org-a, k1); shift dan 2024-11-10 (org-c).
First acts ever: dan 2024-11-10; ann, bob, fay 2025-01-15; eve 04-10; cat 04-20; gus 05-01.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.db import Warehouse
from dashboard.ingest import ingest
from dashboard.metrics import FilterError, metrics_json, resolve_filters
from dashboard.metrics.compute import retention

TINY = Path(__file__).parent / "fixtures" / "tiny_coalition"
AS_OF = date(2025, 6, 30)
P = {"date_from": date(2025, 4, 1), "date_to": date(2025, 6, 30), "as_of": AS_OF}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    path = tmp_path_factory.mktemp("tiny") / "warehouse.duckdb"
    ingest(TINY, path)
    return Warehouse(path)


def metrics(warehouse: Warehouse, **filters) -> dict:
    return metrics_json(warehouse, resolve_filters(warehouse, **(P | filters)))


def query(warehouse: Warehouse, name: str, **filters):
    return warehouse.query(name, **resolve_filters(warehouse, **(P | filters)).params())


# --- period and filters ---------------------------------------------------------------


def test_default_period_ends_at_the_latest_act_on_or_before_as_of(warehouse):
    """Latest act on or before 2025-06-30 is dan's petition on 06-20; from = to - 364."""
    filters = resolve_filters(warehouse, as_of=AS_OF)
    assert (filters.date_from, filters.date_to) == (date(2024, 6, 21), date(2025, 6, 20))


def test_default_period_end_is_as_of_when_no_act_precedes_it(warehouse):
    filters = resolve_filters(warehouse, as_of=date(2020, 1, 1))
    assert filters.date_to == date(2020, 1, 1)


def test_prior_period_has_the_same_length_and_ends_the_day_before(warehouse):
    prior = resolve_filters(warehouse, **P).prior()
    assert (prior.date_from, prior.date_to) == (date(2024, 12, 31), date(2025, 3, 31))


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"orgs": ["org-z"]}, "unknown org: org-z"),
        ({"campaign": "k9"}, "unknown campaign: k9"),
        ({"types": ["picnic"]}, "unknown event type: picnic"),
        ({"date_from": date(2025, 7, 1)}, "starts (2025-07-01) after it ends"),
    ],
)
def test_unknown_filter_values_are_refused_with_a_readable_message(warehouse, filters, message):
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve_filters(warehouse, **(P | filters))


# --- engagement -----------------------------------------------------------------------


def test_engagement_counts(warehouse):
    """Active in P: ann, bob, cat, dan, eve, gus = 6. New (first act in P): eve, cat, gus = 3.
    Prior period active: ann, bob, fay; of them ann and bob are active in P: 2/3.
    Bridge (acts at 2+ orgs in P): ann (a, b), cat (a, b), dan (b, c) = 3."""
    e = metrics(warehouse)["engagement"]
    assert e["active_people"] == 6
    assert e["new_people"] == 3
    assert e["returning_rate"] == pytest.approx(2 / 3)
    assert e["bridge_people"] == 3


def test_ladder_counts_each_person_once_at_their_highest_level(warehouse):
    """ann hosted a2: leader. eve has a shift, cat a door_knock (work action) and 3 events:
    volunteers. bob (1 event + petition) and dan (2 events + petition): participants.
    gus has only a petition: supporter. 1 + 2 + 2 + 1 = 6 = active_people."""
    e = metrics(warehouse)["engagement"]
    assert e["ladder"] == {"leader": 1, "volunteer": 2, "participant": 2, "supporter": 1}
    assert sum(e["ladder"].values()) == e["active_people"]


def test_three_distinct_events_make_a_volunteer(warehouse):
    """With only meetings: cat attended a3 and b1 (2 events): participant; nobody reaches 3.
    With meetings and trainings cat has a3, b1, b2 = 3 distinct events: volunteer."""
    meetings = metrics(warehouse, types=["meeting"])["engagement"]["ladder"]
    assert meetings == {"leader": 0, "volunteer": 0, "participant": 4, "supporter": 0}
    both = metrics(warehouse, types=["meeting", "training"])["engagement"]["ladder"]
    assert both == {"leader": 0, "volunteer": 1, "participant": 3, "supporter": 0}


def test_returning_rate_is_null_when_nobody_was_active_in_the_prior_period(warehouse):
    """2024-12-12 .. 2025-01-11 has no acts (a1 is on 01-15), nor has its prior period
    2024-11-11 .. 2024-12-11 (dan's shift is on 11-10): the rate is null."""
    e = metrics(warehouse, date_from=date(2024, 12, 12), date_to=date(2025, 1, 11))["engagement"]
    assert e["returning_rate"] is None
    assert e["active_people"] == 0


def test_returning_rate_is_zero_when_nobody_returns(warehouse):
    """December 2024: its prior period (2024-10-31 .. 11-30) holds dan's shift; dan does not
    act in December: 0 / 1."""
    e = metrics(warehouse, date_from=date(2024, 12, 1), date_to=date(2024, 12, 31))["engagement"]
    assert e["returning_rate"] == 0


def test_new_people_use_the_org_filter_for_first_acts(warehouse):
    """Under org-b alone, ann, cat and dan all act first at org-b on 04-20: all new."""
    e = metrics(warehouse, orgs=["org-b"])["engagement"]
    assert (e["active_people"], e["new_people"], e["bridge_people"]) == (3, 3, 0)


def test_new_people_ignore_the_type_filter_for_first_acts(warehouse):
    """Meetings in P: a3 bob, cat; a5 ann; b1 ann, cat, dan: 4 active. First act ever
    under org and campaign filters only: cat's (04-20) is in P; bob's and ann's (01-15)
    and dan's (a 2024 shift) are not: 1 new."""
    e = metrics(warehouse, types=["meeting"])["engagement"]
    assert (e["active_people"], e["new_people"]) == (4, 1)


def test_rung_movement_from_the_prior_period(warehouse):
    """Prior: ann, bob, fay were participants (a1). Now ann leader, bob participant, fay none;
    eve and cat volunteers, dan participant and gus supporter came from none."""
    moves = query(warehouse, "metrics/rung_movement")
    got = {(r["from_level"], r["to_level"]): r["people"] for r in moves.to_dicts()}
    assert got == {
        ("participant", "leader"): 1,
        ("participant", "participant"): 1,
        ("participant", "none"): 1,
        ("none", "volunteer"): 2,
        ("none", "participant"): 1,
        ("none", "supporter"): 1,
    }


# --- turnout --------------------------------------------------------------------------


def test_turnout_counts_rows_at_past_events_in_the_period(warehouse):
    """Events in P: a2, a3, a5, b1, b2, c1 = 6 (a4 is after P).
    RSVPs (rsvp/attended/no_show): a2 2, a3 3, a5 1, b1 3, b2 1 (ann cancelled), c1 2 = 12.
    Attended (+walk-in): a2 2, a3 2, a5 1, b1 3, b2 1, c1 1 = 10; walk-ins 1 (eve at a2).
    No-shows (no_show or rsvp at past events): bob a2, eve a3, cat c1 = 3.
    Show rate: attended without walk-ins 9 / 12. Upcoming: bob, eve at a4 (07-20) = 2.
    Goals: a2 (2, met with 2) and b2 (5, 1 attended): 2 events, 1 met."""
    t = metrics(warehouse)["turnout"]
    assert t == {
        "events": 6,
        "rsvps": 12,
        "attended": 10,
        "walk_ins": 1,
        "no_shows": 3,
        "show_rate": pytest.approx(0.75),
        "upcoming_rsvps": 2,
        "goal_events": 2,
        "goal_met": 1,
    }


def test_rsvps_at_upcoming_events_are_not_no_shows(warehouse):
    """With as_of 2025-07-01 and P ending 07-31, a4 (07-20) is upcoming: its 2 RSVPs are
    upcoming_rsvps, not no-shows; a4 still counts as an event in the period."""
    t = metrics(
        warehouse, date_from=date(2025, 7, 1), date_to=date(2025, 7, 31), as_of=date(2025, 7, 1)
    )["turnout"]
    assert (t["events"], t["rsvps"], t["no_shows"], t["upcoming_rsvps"]) == (1, 0, 0, 2)
    assert t["show_rate"] is None


def test_show_rate_is_null_with_zero_rsvps(warehouse):
    t = metrics(warehouse, date_from=date(2023, 1, 1), date_to=date(2023, 1, 31))["turnout"]
    assert t["rsvps"] == 0 and t["show_rate"] is None


def test_type_filter_restricts_events_and_drops_shifts_and_actions(warehouse):
    """Meetings in P: a3, a5, b1. RSVPs a3 3 + a5 1 + b1 3 = 7; attended 2 + 1 + 3 = 6;
    no-show eve at a3. No shifts or actions while a type filter is set."""
    m = metrics(warehouse, types=["meeting"])
    t = m["turnout"]
    assert (t["events"], t["rsvps"], t["attended"], t["no_shows"]) == (3, 7, 6, 1)
    assert t["show_rate"] == pytest.approx(6 / 7)
    assert t["upcoming_rsvps"] == 0  # a4 is a rally
    assert m["volunteering"] == {"hours": 0, "volunteers": 0}
    assert m["actions"] == {"total": 0, "by_type": {}}


# --- volunteering and actions -----------------------------------------------------------


def test_volunteering_and_actions(warehouse):
    """Hours in P: eve 2.5 (dan's shift is in 2024). Actions: door_knock 10; petitions
    bob 1 + dan 2 + gus 1 = 4; total 14."""
    m = metrics(warehouse)
    assert m["volunteering"] == {"hours": 2.5, "volunteers": 1}
    assert m["actions"] == {"total": 14, "by_type": {"door_knock": 10, "petition": 4}}


def test_a_single_org(warehouse):
    """org-c alone: dan (c1, petition) and gus (petition) active; actions 2 + 1."""
    m = metrics(warehouse, orgs=["org-c"])
    assert m["engagement"]["active_people"] == 2
    assert m["actions"]["total"] == 3
    assert m["filters"] == {"orgs": ["org-c"], "campaign": None, "types": None}


def test_campaign_filter_restricts_acts_and_events(warehouse):
    """Acts tied to k1 in P: a2 ann, eve; a5 ann; eve's k1 shift. Active ann, eve; eve's
    first k1 act is in P (ann's was a1 in January): 1 new. Events of k1 in P: a2, a5."""
    m = metrics(warehouse, campaign="k1")
    assert (m["engagement"]["active_people"], m["engagement"]["new_people"]) == (2, 1)
    assert m["turnout"]["events"] == 2
    assert m["volunteering"]["hours"] == 2.5
    assert [item["campaign_id"] for item in m["campaigns"]["items"]] == ["k1"]


# --- retention ------------------------------------------------------------------------


def test_retention_cohorts(warehouse):
    """Cohorts from April to June: April = eve, cat (2); May = gus (1); June: nobody new.
    April: both act in April; in May only cat (a3, door knock; eve's a3 was a no-show);
    in June both (eve's shift, cat at b2): [2, 1, 2]. May: gus acts only in May: [1, 0]."""
    assert metrics(warehouse)["retention"] == {
        "cohorts": [
            {"cohort": "2025-04", "size": 2, "retained": [2, 1, 2]},
            {"cohort": "2025-05", "size": 1, "retained": [1, 0]},
        ]
    }


def test_retention_counts_a_first_act_before_from_in_froms_month(warehouse):
    """From 2025-04-15: eve's first act (04-10) is before `from` but in April: she counts."""
    cohorts = retention(
        warehouse, resolve_filters(warehouse, **(P | {"date_from": date(2025, 4, 15)}))
    )
    assert cohorts["cohorts"][0] == {"cohort": "2025-04", "size": 2, "retained": [2, 1, 2]}


def test_retention_ignores_acts_after_to(warehouse):
    """To 2025-05-10: cat's door knock (05-20) and gus's month... gus acts 05-01, in May."""
    r = metrics(warehouse, date_to=date(2025, 5, 10))["retention"]
    assert r["cohorts"] == [
        {"cohort": "2025-04", "size": 2, "retained": [2, 1]},  # cat at a3 on 05-05
        {"cohort": "2025-05", "size": 1, "retained": [1]},
    ]


def test_returning_rate_by_month(warehouse):
    """Active by month: April ann, eve, cat, dan; May bob, cat, dan, gus; June ann, cat,
    eve, bob, dan. March: nobody. May returning: cat, dan = 2/4; June: bob, cat, dan = 3/4."""
    rows = query(warehouse, "metrics/returning_by_month").to_dicts()
    assert [(r["month"], r["returning_rate"]) for r in rows] == [
        ("2025-04", None),
        ("2025-05", 0.5),
        ("2025-06", 0.75),
    ]


def test_lapsed_and_reactivated(warehouse):
    """Lapsed: fay (prior only). Reactivated: dan (2024 shift, nothing in the prior period)."""
    row = query(warehouse, "metrics/lapsed_reactivated").row(0, named=True)
    assert row == {"lapsed": 1, "reactivated": 1}


# --- campaigns ------------------------------------------------------------------------


def test_campaign_progress_and_outcomes(warehouse):
    """Listed (overlapping P): k1, k2, k4, k5 (k3 ended in 2024).
    k1 attendance from 01-01 to its end 05-31: a1 3 + a2 2 = 5 (a5 on 06-05 is after the
    end): 5/10. k2 door knocks: cat's 10 of 50. k4 custom: no progress. k5 people: none.
    Outcomes in P: k1 won (06-01), k5 lost (05-10): win rate 1/2. Active listed: k2, k4."""
    c = metrics(warehouse)["campaigns"]
    progress = {i["campaign_id"]: (i["progress"], i["progress_pct"]) for i in c["items"]}
    assert progress == {"k1": (5, 0.5), "k2": (10, 0.2), "k4": (None, None), "k5": (0, 0.0)}
    assert (c["won"], c["lost"], c["partial"], c["active"]) == (1, 1, 0, 2)
    assert c["win_rate"] == 0.5


def test_campaign_list_with_an_org_filter_keeps_lead_or_partner_campaigns(warehouse):
    """org-a leads k1 only; k1 progress counts only org-a's acts (the same 5)."""
    c = metrics(warehouse, orgs=["org-a"])["campaigns"]
    assert [i["campaign_id"] for i in c["items"]] == ["k1"]
    assert c["items"][0]["progress"] == 5
    assert (c["won"], c["lost"]) == (1, 0)


def test_campaign_contributions_by_org(warehouse):
    """k1 attendance: all 5 rows are org-a's. k2 door knocks: cat's 10 at org-b; org-c has a
    k2 act (dan at c1) but no door knocks: it contributes 0."""
    rows = query(warehouse, "metrics/campaign_contributions").to_dicts()
    got = {(r["campaign_id"], r["org_id"]): r["progress"] for r in rows}
    assert got == {("k1", "org-a"): 5, ("k2", "org-b"): 10, ("k2", "org-c"): 0}


# --- network --------------------------------------------------------------------------


def test_network_pairs(warehouse):
    """Orgs' people in P: a = ann, eve, bob, cat; b = ann, cat, dan; c = dan, gus.
    Shared: a-b ann, cat = 2; b-c dan = 1. Co-hosted: a2 (a with b), b1 (b with a and c):
    a-b 2, b-c 1. Home orgs: ann a, cat b, dan c. Cross-attendance: ann (a) at b1 → a_to_b;
    cat (b) at a3 → b_to_a; dan (c) at b1 → c to b. Reciprocity a-b 1/1, b-c 0/1."""
    n = metrics(warehouse)["network"]
    assert n["pairs"] == [
        {
            "org_a": "org-a",
            "org_b": "org-b",
            "shared_people": 2,
            "co_hosted_events": 2,
            "a_to_b": 1,
            "b_to_a": 1,
            "reciprocity": 1.0,
        },
        {
            "org_a": "org-b",
            "org_b": "org-c",
            "shared_people": 1,
            "co_hosted_events": 1,
            "a_to_b": 0,
            "b_to_a": 1,
            "reciprocity": 0.0,
        },
    ]
    assert (n["orgs"], n["links"]) == (3, 2)
    assert n["density"] == pytest.approx(2 / 3)


def test_network_density_is_null_with_fewer_than_two_orgs(warehouse):
    n = metrics(warehouse, orgs=["org-c"])["network"]
    assert (n["orgs"], n["links"], n["density"], n["pairs"]) == (1, 0, None, [])


# --- per-org scorecard ------------------------------------------------------------------


def test_org_scorecard_equals_the_metrics_with_each_org_alone(warehouse):
    """Each row is what the coalition metrics give with the org filter set to that org."""
    rows = metrics(warehouse)["orgs"]
    assert [r["org_id"] for r in rows] == ["org-a", "org-b", "org-c"]
    for row in rows:
        alone = metrics(warehouse, orgs=[row["org_id"]])
        assert row["active_people"] == alone["engagement"]["active_people"]
        assert row["new_people"] == alone["engagement"]["new_people"]
        assert row["events"] == alone["turnout"]["events"]
        assert row["attended"] == alone["turnout"]["attended"]
        assert row["show_rate"] == alone["turnout"]["show_rate"]
        assert row["hours"] == alone["volunteering"]["hours"]
        assert row["actions_total"] == alone["actions"]["total"]


def test_org_scorecard_values(warehouse):
    """org-a: ann, eve, bob, cat active; eve and cat new at org-a; a2, a3, a5; attended 5;
    show rate 4 attended of 6 RSVPs; 2.5 hours; 1 petition."""
    a = metrics(warehouse)["orgs"][0]
    assert a == {
        "org_id": "org-a",
        "name": "Alpha Tenants",
        "active_people": 4,
        "new_people": 2,
        "events": 3,
        "attended": 5,
        "show_rate": pytest.approx(4 / 6),
        "hours": 2.5,
        "actions_total": 1,
    }


# --- empty period and the JSON --------------------------------------------------------


def test_an_empty_period_gives_zeros_and_nulls(warehouse):
    m = metrics(warehouse, date_from=date(2023, 1, 1), date_to=date(2023, 1, 31))
    assert m["engagement"]["active_people"] == 0
    assert m["engagement"]["ladder"] == {
        "leader": 0,
        "volunteer": 0,
        "participant": 0,
        "supporter": 0,
    }
    assert m["retention"] == {"cohorts": []}
    assert m["campaigns"]["items"] == [] and m["campaigns"]["win_rate"] is None
    assert m["network"] == {"orgs": 0, "links": 0, "density": None, "pairs": []}
    assert all(r["active_people"] == 0 and r["show_rate"] is None for r in m["orgs"])


def test_metrics_json_has_exactly_the_documented_keys(warehouse):
    m = metrics(warehouse)
    assert list(m) == [
        "period",
        "filters",
        "engagement",
        "turnout",
        "volunteering",
        "actions",
        "retention",
        "campaigns",
        "network",
        "orgs",
    ]
    assert list(m["period"]) == ["from", "to", "as_of"]
    assert list(m["engagement"]) == [
        "active_people",
        "new_people",
        "returning_rate",
        "bridge_people",
        "ladder",
    ]
    assert list(m["campaigns"]) == ["items", "won", "lost", "partial", "active", "win_rate"]
    assert list(m["campaigns"]["items"][0]) == [
        "campaign_id",
        "name",
        "status",
        "goal_metric",
        "goal_value",
        "progress",
        "progress_pct",
    ]
    assert list(m["network"]) == ["orgs", "links", "density", "pairs"]
    assert list(m["orgs"][0]) == [
        "org_id",
        "name",
        "active_people",
        "new_people",
        "events",
        "attended",
        "show_rate",
        "hours",
        "actions_total",
    ]


def test_cli_metrics_json_sorts_filters_and_prints_fractions(warehouse, capsys):
    code = main(
        [
            "metrics",
            "--warehouse",
            str(warehouse.path),
            "--from",
            "2025-04-01",
            "--to",
            "2025-06-30",
            "--as-of",
            "2025-06-30",
            "--org",
            "org-b",
            "--org",
            "org-a",
            "--type",
            "meeting",
            "--type",
            "canvass",
            "--format",
            "json",
        ]
    )
    assert code == 0
    m = json.loads(capsys.readouterr().out)
    assert m["filters"] == {
        "orgs": ["org-a", "org-b"],
        "campaign": None,
        "types": ["canvass", "meeting"],
    }
    assert 0 <= m["turnout"]["show_rate"] <= 1


def test_cli_metrics_table_is_readable(warehouse, capsys):
    assert main(["metrics", "--warehouse", str(warehouse.path), "--as-of", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "active people" in out and "show rate" in out and "org-a" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--org", "nope"], "unknown org: nope"),
        (["--campaign", "nope"], "unknown campaign: nope"),
        (["--type", "nope"], "unknown event type: nope"),
        (["--from", "2025-06-01", "--to", "2025-05-01"], "after it ends"),
    ],
)
def test_cli_metrics_bad_filters_give_one_line_and_exit_1(warehouse, capsys, args, message):
    assert main(["metrics", "--warehouse", str(warehouse.path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_metrics_without_a_warehouse_says_so(tmp_path, capsys):
    assert main(["metrics", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
    assert "run `coalition ingest` first" in capsys.readouterr().err


def test_cli_metrics_malformed_date_exits_non_zero(warehouse, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["metrics", "--warehouse", str(warehouse.path), "--from", "14/03/2025"])
    assert exit_info.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_counts_are_json_integers_not_decimals(warehouse):
    """Sums of counts come back from DuckDB as HUGEINT (a Decimal in Python) unless cast;
    every count in the JSON must be a plain int."""
    m = metrics(warehouse)

    def walk(value, path="$"):
        assert type(value).__name__ != "Decimal", path
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(m)
    json.dumps(m)
